"""What the book is built from: the sources of a checkout, as a scratch copy and as one digest.

One rule says what is not a source (environments, build output, history, caches, charts drawn
by an older build into ``figures/``), and both the copy and the digest follow it. The digest is
the build's only "has anything changed?" check: when it equals the published book's, nothing is
built; otherwise Sphinx's environment and myst-nb's execution cache decide what to read again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from .. import edition

NOT_SOURCES = {".git", ".venv", ".venv-cff", "_build", "dist", "__pycache__", ".pytest_cache", ".ipynb_checkpoints"}
# Folders that are sources of the repository but not of the book: the digest leaves them out.
NOT_BOOK = {".github", "bench", "tests"}


def drawn(folder: Path, name: str) -> bool:
    """A chart an older build drew into figures/, or a compiled catalog that Sphinx writes beside
    its translation (``locales/**/*.mo``): made by builds, ignored by git, never a source."""
    return (folder.name == "figures" and name.endswith((".svg", ".pdf", ".tmp"))) or name.endswith(".mo")


def copy_sources(root: Path, dest: Path) -> Path:
    """A scratch copy of the sources: no environments, build output, history or drawn charts."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return (NOT_SOURCES & set(names)) | {n for n in names if drawn(Path(folder), n)}

    shutil.copytree(root, dest, ignore=ignore)
    return dest


def sources_digest(root: Path) -> str:
    """A digest of everything the book is built from: every source file (chapters, data, package,
    configuration, requirements), and the commit and date the edition is stamped with."""
    digest = hashlib.sha256()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in NOT_SOURCES | NOT_BOOK)
        for name in sorted(files):
            path = Path(folder) / name
            if drawn(path.parent, name):
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    digest.update(f"{edition.commit(root)}|{edition.source_date_epoch(root)}".encode())
    return digest.hexdigest()
