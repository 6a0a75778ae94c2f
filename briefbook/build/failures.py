"""What failed, and where, in a few lines: a failing notebook cell (the chapter, the cell and the
cell's own error), Sphinx's warnings (file and line), an error raised by an extension, a file
that cannot be written, a LaTeX error (the TeX line and chapter), a character the PDF's fonts
lack (its name, and the chapter and TeX line where it is). The full output stays in the log.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..project import Project

SHOWN = 10  # warnings printed; the rest are in the log
SEPARATOR = "------------------"
MISSING = re.compile(r"Missing character: There is no (.)(?: \(U\+[0-9A-Fa-f]+\))? in font ([^!]*)!")
DOC_LABEL = re.compile(r"\\label\{\\detokenize\{([^{}]+)::doc\}\}")


class BuildError(Exception):
    """A stage failed; the message names what failed and where."""


def shown(path: str | os.PathLike, project: Project) -> str:
    """A path as the messages show it: relative to the project when inside it, whole otherwise."""
    path = Path(path)
    try:
        return path.resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def explain(exc: BaseException, project: Project) -> str:
    """An exception raised in a Sphinx run, in one or a few lines (never its traceback)."""
    from myst_nb.core.execute.base import ExecutionError
    from nbclient.exceptions import CellExecutionError, CellTimeoutError
    from sphinx.errors import SphinxParallelError

    if isinstance(exc, SphinxParallelError):
        return parallel_error(exc, project)
    cell = next((e for e in _chain(exc) if isinstance(e, CellExecutionError | CellTimeoutError)), None)
    if isinstance(exc, ExecutionError) and cell is not None:
        if isinstance(cell, CellTimeoutError):
            return notebook_cell(Path(str(exc)), timed_out(str(cell)), project)
        return notebook_cell(Path(str(exc)), cell, project)
    if isinstance(exc, OSError):
        return os_error(exc, project)
    orig = getattr(exc, "orig_exc", None)  # sphinx.errors.ExtensionError raised by a handler
    if orig is not None:
        return explain(orig, project)
    text = str(exc).replace(str(project.root) + os.sep, "").strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CHAINED = re.compile(
    r"\n\n(?:The above exception was the direct cause of the following exception:|"
    r"During handling of the above exception, another exception occurred:)\n\n"
)
RAISED = re.compile(r"^([A-Za-z_][\w.]*)(?:: |$)", re.M)


@dataclass
class CellError:
    """A failed cell as :func:`notebook_cell` names it (nbclient's CellExecutionError's fields)."""

    traceback: str
    ename: str
    evalue: str


def timed_out(message: str) -> CellError:
    """nbclient's CellTimeoutError, whose message holds the cell between dashes: named as a
    ``TimeoutError`` with its first line (``A cell timed out while it was being executed, after 30
    seconds.``)."""
    text = message.replace("\n-------------------\n", f"\n{SEPARATOR}\n")
    lines = text.strip().splitlines()
    return CellError(text, "TimeoutError", lines[0] if lines else "the cell timed out")


def parallel_error(exc, project: Project) -> str:
    """An error in one of the processes that read pages side by side: Sphinx hands on only its
    first line and its traceback as text (``ExecutionError: chapters/overview.md``). Each
    exception of the chain is read back from that text: a notebook's failing cell and its own
    error, or a timeout, as a serial read names them; otherwise the innermost error and the
    project's file where it was raised."""
    message, text = str(exc.message).strip(), ANSI.sub("", str(exc.traceback or ""))
    raised = [_raised(part) for part in CHAINED.split(text)]
    raised = [r for r in raised if r]
    name, _, value = message.partition(": ")
    if name.rpartition(".")[2] == "ExecutionError":
        for cause, body in reversed(raised[:-1] or raised):
            kind = cause.rpartition(".")[2]
            if kind == "CellExecutionError":
                last = [line for line in body.strip().splitlines() if RAISED.match(line)]
                ename, _, evalue = (last[-1] if last else "Error").partition(": ")
                return notebook_cell(Path(value), CellError(body, ename, evalue), project)
            if kind == "CellTimeoutError":
                return notebook_cell(Path(value), timed_out(body), project)
    where = _where(text, project)
    inner = f"{raised[-1][0].rpartition('.')[2]}: {raised[-1][1].strip().splitlines()[0]}" if raised else message
    inner = inner.replace(str(project.root) + os.sep, "")
    return f"{inner}{where}" if inner.strip() else f"{type(exc).__name__}{where}"


def _raised(part: str) -> tuple[str, str] | None:
    """The exception a traceback's text ends in: its class and its message (all its lines)."""
    lines = part.splitlines()
    frames = [i for i, line in enumerate(lines) if line.startswith("  File ")]
    start = (frames[-1] + 1) if frames else 0
    for i in range(start, len(lines)):
        match = RAISED.match(lines[i])
        if match and not lines[i].startswith(" "):
            rest = lines[i][match.end() :]
            return match.group(1), "\n".join([rest, *lines[i + 1 :]])
    return None


def _where(text: str, project: Project) -> str:
    """`` (briefbook/x.py line 3)``: the last frame of the traceback in the project's own files."""
    frames = re.findall(r'^  File "([^"]+)", line (\d+)', text, re.M)
    root = str(project.root.resolve()) + os.sep
    ours = [(f, n) for f, n in frames if f.startswith(root) or "/briefbook/" in f]
    if not ours:
        return ""
    file, line = ours[-1]
    return f" (in {shown(file, project)} line {line})"


def _chain(exc: BaseException):
    while exc is not None:
        yield exc
        exc = exc.__cause__ or exc.__context__


def os_error(exc: OSError, project: Project) -> str:
    """``Permission denied: _build/.lock``; a copy that failed for many files (``shutil.Error``),
    by its first failure and how many more."""
    import shutil

    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        failed = exc.args[0]
        _source, dest, why = failed[0]
        why = re.sub(r"^\[Errno \d+\] ", "", str(why)).split(": '", 1)[0]
        more = f" (and {len(failed) - 1} more files)" if len(failed) > 1 else ""
        return f"{why}: {shown(dest, project)}{more}"
    return f"{exc.strerror or exc}: {shown(exc.filename, project)}" if exc.filename else str(exc)


def notebook_cell(path: Path, error, project: Project) -> str:
    """``chapters/x.md, code cell 3 (line 42: first line of the cell): RuntimeError: the message``."""
    source = str(error.traceback).split(SEPARATOR + "\n", 1)[-1].split("\n" + SEPARATOR, 1)[0].strip()
    where = ""
    try:
        from myst_nb.core.read import read_myst_markdown_notebook

        notebook = read_myst_markdown_notebook(path.read_text(encoding="utf-8"), add_source_map=True)
        lines = notebook.metadata.get("source_map", [])
        code = [(i, c) for i, c in enumerate(notebook.cells) if c.cell_type == "code"]
        for number, (index, cell) in enumerate(code, start=1):
            if cell.source.strip() == source:
                line = f"line {lines[index]}: " if index < len(lines) else ""
                where = f", code cell {number} ({line}{source.splitlines()[0] if source else ''})"
                break
    except Exception:  # the error is what matters; the cell's number is a courtesy
        pass
    if not where and source:
        where = f", the cell {source.splitlines()[0]!r}"
    return f"a notebook cell failed in {shown(path, project)}{where}:\n  {error.ename}: {error.evalue}"


def sphinx_warnings(warnings: list[str], project: Project) -> str:
    """Sphinx's warnings (errors, since warnings are errors), first lines only, paths shortened."""
    lines = list(dict.fromkeys(w.replace(str(project.root) + os.sep, "").splitlines()[0] for w in warnings if w))
    if not lines:
        return "Sphinx reported a problem (see the log)"
    more = f"\n  ... and {len(lines) - SHOWN} more" if len(lines) > SHOWN else ""
    return f"{len(lines)} warning(s), which fail the build:\n  " + "\n  ".join(lines[:SHOWN]) + more


TEX_ERROR = re.compile(r"(?:^|[\])}\s])! (\S.*)")  # "! Undefined ...", or after page numbers: "[5] [6]! Unable ..."
NO_SPACE = "No space left on device"


def tex_error(log: str, tex: Path, project: Project, output: str = "") -> str:
    """The first TeX error (``! ...``, at the start of a line or after TeX's page numbers) with its
    line in the .tex file and the chapter it is in; a full disk (in TeX's log or in the tools'
    ``output``) by name."""
    if NO_SPACE in log or NO_SPACE in output or "I can't write on file" in log:
        return f"{NO_SPACE} (ENOSPC): XeLaTeX could not write {shown(tex.parent, project)}; free some space, then build again"
    lines = log.splitlines()
    found = next(((i, m) for i, line in enumerate(lines) if (m := TEX_ERROR.search(line))), None)
    if found is None:
        return f"latexmk failed (see the log; TeX's own log is {shown(tex.with_suffix('.log'), project)})"
    first, match = found
    where = next((re.match(r"l\.(\d+)", line) for line in lines[first : first + 20] if re.match(r"l\.\d+", line)), None)
    place = f" ({_chapter(tex, int(where.group(1)))}{tex.name} line {where.group(1)})" if where else ""
    return f"{match.group(1)}{place}"


def missing_glyphs(log: str, tex: Path) -> list[str]:
    """One line for each character that XeTeX found in no font it was set in."""
    found: dict[str, str] = {}
    for match in MISSING.finditer(log):
        char, font = match.group(1), match.group(2).split("/")[0].strip()
        if char in found:
            continue
        name = unicodedata.name(char, "(no name)")
        line = _line_of(tex, char)
        place = f" in {_chapter(tex, line)}{tex.name} line {line}" if line else ""
        found[char] = f"  {char} U+{ord(char):04X} {name}: not in the font {font}{place}"
    return list(found.values())


def _line_of(tex: Path, char: str) -> int | None:
    """The first line of the document's body (after ``\\begin{document}``: the preamble's titles
    and running heads repeat the text) where ``char`` is; in the preamble only if not in the body."""
    try:
        lines = tex.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    body = next((i for i, line in enumerate(lines) if line.lstrip().startswith("\\begin{document}")), 0)
    for start, end in ((body, len(lines)), (0, body)):
        for number in range(start, end):
            if char in lines[number]:
                return number + 1
    return None


def _chapter(tex: Path, line: int) -> str:
    """``chapters/overview, `` : the page whose text the .tex file has at that line."""
    try:
        text = tex.read_text(encoding="utf-8").splitlines()[:line]
    except OSError:
        return ""
    docs = [m.group(1) for row in text for m in DOC_LABEL.finditer(row)]
    return f"{docs[-1]}, " if docs else ""
