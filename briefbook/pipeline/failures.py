"""What failed, and where, in a few lines (never a traceback): Sphinx's warnings,
a file that cannot be written, a TeX error, a character the PDF's fonts lack."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata
from pathlib import Path

SHOWN = 10  # warnings printed; the rest are in the log
MISSING = re.compile(r"Missing character: There is no (.)(?: \(U\+[0-9A-Fa-f]+\))? in font ([^!]*)!")
DOC_LABEL = re.compile(r"\\label\{\\detokenize\{([^{}]+)::doc\}\}")
TEX_ERROR = re.compile(r"(?:^|[\])}\s])! (\S.*)")  # "! Undefined ...", or after page numbers: "[5]! Unable ..."
NO_SPACE = "No space left on device"
WARNINGS = (
    re.compile(r"^(?:(?:Package|Class) \S+|LaTeX(?: Font)?) Warning:", re.M),
    re.compile(r"^xdvipdfmx:warning: (?!>>|Interpreting special)", re.M),
)


class BuildError(Exception):
    """A stage failed; the message names what failed and where."""


def shown(path, root: Path) -> str:
    """A path relative to the book's folder when inside it, whole otherwise."""
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def explain(exc: BaseException, root: Path) -> str:
    """An exception raised in a stage, in one or a few lines: the build's own message if it has one."""
    chain = [exc]
    while (cause := chain[-1].__cause__ or chain[-1].__context__ or getattr(chain[-1], "orig_exc", None)) is not None:
        chain.append(cause)
    inner = next((e for e in chain if isinstance(e, BuildError | KeyboardInterrupt)), chain[-1])
    if isinstance(inner, BuildError | KeyboardInterrupt):
        return str(inner)
    if isinstance(inner, OSError):
        return os_error(inner, root)
    text = str(inner).replace(str(root) + os.sep, "").strip()
    return f"{type(inner).__name__}: {text}" if text else type(inner).__name__


def os_error(exc: OSError, root: Path) -> str:
    """``Permission denied: _build/.lock``; a copy that failed for many files by its first failure."""
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        _source, dest, why = exc.args[0][0]
        why = re.sub(r"^\[Errno \d+\] ", "", str(why)).split(": '", 1)[0]
        more = f" (and {len(exc.args[0]) - 1} more files)" if len(exc.args[0]) > 1 else ""
        return f"{why}: {shown(dest, root)}{more}"
    return f"{exc.strerror or exc}: {shown(exc.filename, root)}" if exc.filename else str(exc)


def sphinx_warnings(text: str, root: Path) -> str:
    """Sphinx's warnings (errors, since warnings fail the build), once each, paths shortened."""
    found = re.findall(r"^.*\b(?:WARNING|ERROR|CRITICAL): .*$", text.replace(str(root) + os.sep, ""), re.M)
    lines = list(dict.fromkeys(found))
    if not lines:
        return "Sphinx reported a problem (see the log)"
    more = f"\n  ... and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
    warned = sum(": WARNING: " in line for line in lines)
    counts = [f"{n} {word}{'s' * (n > 1)}" for n, word in ((len(lines) - warned, "error"), (warned, "warning")) if n]
    fail = "fails" if len(lines) == 1 else "fail"
    return f"{' and '.join(counts)}, which {fail} the build:\n  " + "\n  ".join(lines[:SHOWN]) + more


def tex_error(log: str, tex: Path, root: Path, output: str = "") -> str:
    """The first TeX error with its line in the .tex file and its chapter; a full disk by name."""
    if NO_SPACE in log or NO_SPACE in output or "I can't write on file" in log:
        return (
            f"{NO_SPACE} (ENOSPC): XeLaTeX could not write {shown(tex.parent, root)}; free some space, then build again"
        )
    lines = log.splitlines()
    found = next(((i, m) for i, line in enumerate(lines) if (m := TEX_ERROR.search(line))), None)
    if found is None:
        return f"latexmk failed (see the log; TeX's own log is {shown(tex.with_suffix('.log'), root)})"
    where = next((m for line in lines[found[0] : found[0] + 20] if (m := re.match(r"l\.(\d+)", line))), None)
    place = f" ({_chapter(tex, int(where.group(1)))}{tex.name} line {where.group(1)})" if where else ""
    return f"{found[1].group(1)}{place}"


def missing_glyphs(log: str, tex: Path) -> list[str]:
    """One line for each character that XeTeX found in no font: its name, font, chapter and line."""
    found: dict[str, str] = {}
    lines = tex.read_text(encoding="utf-8").splitlines() if tex.is_file() else []
    body = next((i for i, line in enumerate(lines) if line.lstrip().startswith("\\begin{document}")), 0)
    for match in MISSING.finditer(log):
        char, font = match.group(1), match.group(2).split("/")[0].strip()
        # the body first: the preamble's titles and running heads repeat the text
        at = next((n + 1 for n in [*range(body, len(lines)), *range(body)] if char in lines[n]), None)
        place = f" in {_chapter(tex, at)}{tex.name} line {at}" if at else ""
        found.setdefault(
            char, f"  {char} U+{ord(char):04X} {unicodedata.name(char, '(no name)')}: not in the font {font}{place}"
        )
    return list(found.values())


def _chapter(tex: Path, line: int) -> str:
    """``chapters/overview, ``: the page whose text the .tex file has at that line."""
    text = tex.read_text(encoding="utf-8").splitlines()[:line] if tex.is_file() else []
    docs = [m.group(1) for row in text for m in DOC_LABEL.finditer(row)]
    return f"{docs[-1]}, " if docs else ""
