"""What the build's processes share: its error, an OS error in a line, what is not a source of the book."""

import shutil
from functools import partial
from pathlib import Path

from ..paths import display

# What is not a source of the book: environments, output, history, caches; and the project's tests and tools.
NOT_SOURCES = {".git", ".venv", ".venv-cff", "_build", "dist", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
NOT_BOOK = {".github", "bench", "tests"}
say = partial(print, flush=True)  # in order with what the editions' processes write


class BuildError(Exception):
    """A stage failed; the message names what failed and where."""


def os_error(exc: OSError) -> str:
    """``Permission denied: _build/.lock``; a copy that failed for many files by its first failure."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        _source, dest, why = exc.args[0][0]
        more = f" (and {len(exc.args[0]) - 1} more files)" if len(exc.args[0]) > 1 else ""
        return f"{str(why).split('] ', 1)[-1].split(': ', 1)[0]}: {display(dest)}{more}"
    return f"{exc.strerror or exc}: {display(exc.filename)}" if exc.filename else str(exc)


def copy_sources(root: Path, dest: Path) -> Path:
    return shutil.copytree(root, dest, ignore=shutil.ignore_patterns(*NOT_SOURCES, "*.mo"))  # .mo: Sphinx compiles it
