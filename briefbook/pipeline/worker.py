"""One language's edition in a process of its own: Sphinx's builders, XeLaTeX beside them, notebooks run in-process."""

import ast
import base64
import ctypes
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import traceback
import unicodedata
import warnings
from contextlib import chdir, redirect_stderr, redirect_stdout
from functools import partial
from pathlib import Path

import nbformat
from ipykernel.ipkernel import IPythonKernel
from IPython.core.formatters import DisplayFormatter
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from myst_nb.core.read import read_myst_markdown_notebook
from myst_nb.sphinx_ext import add_global_html_resources
from nbformat.v4 import new_output
from sphinx.application import Sphinx
from sphinx.util import Tee
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from ..edition import source_date_epoch
from ..i18n import current, use
from ..languages import SOURCE, language
from ..paths import display, is_notebook
from ..project import Project
from . import BuildError, os_error

STAGES = dict(html="HTML", epub="EPUB", latex="LaTeX sources", pdf="PDF (XeLaTeX)", gettext="message templates")
SHOWN = 10  # warnings printed; the rest are in the log
MISSING = re.compile(r"Missing character: There is no (.)(?: \(U\+[0-9A-Fa-f]+\))? in font ([^!/]*)[^!]*!")
TEX_ERROR = re.compile(r"(?:^|[\])}\s])! (\S.*)", re.M)  # "! Undefined ...", or after page numbers: "[5]! Unable ..."
LATEX_WARNING = re.compile(r"^(?:(?:Package|Class) \S+|LaTeX(?: Font)?) Warning:", re.M)
XDVIPDFMX_WARNING = re.compile(r"^xdvipdfmx:warning: (?!>>|Interpreting special)", re.M)


def sphinx_warnings(text: str, root: Path) -> str:
    """Sphinx's warnings (errors, since warnings fail the build), once each, paths shortened."""
    found = re.findall(r"^.*\b(?:WARNING|ERROR|CRITICAL): .*$", text.replace(str(root) + os.sep, ""), re.M)
    if not (lines := list(dict.fromkeys(found))):
        return "Sphinx reported a problem (see the log)"
    warned = sum(": WARNING: " in line for line in lines)
    counts = [f"{n} {word}{'s' * (n > 1)}" for n, word in ((len(lines) - warned, "error"), (warned, "warning")) if n]
    said = f"{' and '.join(counts)}, which {'fails' if len(lines) == 1 else 'fail'} the build:\n  "
    return said + "\n  ".join(lines[:SHOWN]) + (f"\n  ... and {len(lines) - SHOWN} more" if len(lines) > SHOWN else "")


def place(tex: Path, line: int) -> str:
    """``chapters/overview, book.tex line 5``: the page whose text the .tex file has at that line, and the line."""
    text = "\n".join(tex.read_text(encoding="utf-8").splitlines()[:line]) if tex.is_file() else ""
    docs = re.findall(r"\\label\{\\detokenize\{([^{}]+)::doc\}\}", text)
    return f"{docs[-1] + ', ' if docs else ''}{tex.name} line {line}"


def tex_error(log: str, tex: Path, output: str = "") -> str:
    """The first TeX error with its line in the .tex file and its chapter; a full disk by name."""
    if "No space left on device" in log + output or "I can't write on file" in log:
        folder = display(tex.parent)
        return f"No space left on device (ENOSPC): XeLaTeX could not write {folder}; free some space, then build again"
    if not (found := TEX_ERROR.search(log)):
        return f"latexmk failed (see the log; TeX's own log is {display(tex.with_suffix('.log'))})"
    where = re.match(r"(?:.*\n){1,20}?l\.(\d+)", log[found.start() :])  # its line, in the lines that follow
    return found[1] + (f" ({place(tex, int(where[1]))})" if where else "")


def missing_glyphs(log: str, tex: Path) -> list[str]:
    """One line for each character that XeTeX found in no font: its name, font, chapter and line."""
    found: dict[str, str] = {}
    lines = tex.read_text(encoding="utf-8").splitlines() if tex.is_file() else []
    body = next((i for i, line in enumerate(lines) if line.lstrip().startswith("\\begin{document}")), 0)
    for char, font in MISSING.findall(log):
        # the body first: the preamble's titles and running heads repeat the text
        at = next((n + 1 for n in [*range(body, len(lines)), *range(body)] if char in lines[n]), None)
        name, where = unicodedata.name(char, "(no name)"), f" in {place(tex, at)}" if at else ""
        found.setdefault(char, f"  {char} U+{ord(char):04X} {name}: not in the font {font.strip()}{where}")
    return list(found.values())


class Notebooks:
    """Each notebook read, run unless myst-nb's cache (keyed on its code and data) holds it, then cached."""

    def __init__(self, app, say, first: bool = True):
        self.say, self.order, self.first = say, [], first  # a later stage shares the environment the first read
        app.connect("env-before-read-docs", self.before)
        app.connect("source-read", self.execute, priority=900)  # after the hidden first cell is put in

    def before(self, app, env, docnames) -> None:
        if docnames or self.first:  # not "0 of 12" again for the EPUB and LaTeX of a build that read a page
            self.say(f"  {len(docnames)} of {len(env.found_docs)} pages to read")
        self.order = sorted(d for d in docnames if is_notebook(Path(env.doc2path(d))))

    def execute(self, app, docname: str, source: list[str]) -> None:
        if docname not in self.order or app.config.nb_execution_mode != "cache":
            return
        path, where, start = Path(app.env.doc2path(docname)), app.env.doc2path(docname, False), time.monotonic()
        notebook = read_myst_markdown_notebook(source[0], add_source_map=True, path=path)
        cache = get_cache(app.config.nb_execution_cache_path)
        try:
            cache.match_cache_notebook(notebook)
            what = "cached"
        except KeyError:
            run(notebook, path, where, app.config.nb_execution_timeout)
            cache.cache_notebook_bundle(CacheBundleIn(notebook, str(path)), check_validity=False, overwrite=True)
            what = f"{time.monotonic() - start:.2f} s"
        self.say(f"  execute notebook {self.order.index(docname) + 1} of {len(self.order)}: {where} ({what})")


def run(notebook, path: Path, where: str, timeout: int) -> None:
    """The code cells in one namespace, in the notebook's folder (``where`` in the book); outputs as a kernel's."""
    scope, saved, language = {"__name__": "__main__"}, sys.path[:], current()
    lines = zip(notebook.metadata["source_map"], notebook.cells, strict=True)
    code = [(line, cell) for line, cell in lines if cell.cell_type == "code"]
    notebook.metadata["language_info"] = nbformat.from_dict(IPythonKernel.language_info)  # what its kernel reports

    def timed_out(signum, frame):
        raise TimeoutError(f"A cell timed out while it was being executed, after {timeout} seconds.")

    signal.signal(signal.SIGALRM, timed_out)
    try:
        with chdir(path.parent):
            for number, (line, cell) in enumerate(code, 1):
                out, err = io.StringIO(), io.StringIO()
                try:
                    signal.setitimer(signal.ITIMER_REAL, max(timeout or 0, 0))
                    tree = ast.parse(cell.source, name := f"{path.name}, code cell {number}")
                    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None  # its value
                    with redirect_stdout(out), redirect_stderr(err), warnings.catch_warnings():  # warnings: to stderr
                        exec(compile(tree, name, "exec"), scope)
                        value = eval(compile(ast.Expression(last.value), name, "eval"), scope) if last else None
                except Exception as exc:
                    first = cell.source.strip().splitlines()[0]
                    at = f"{where}, code cell {number} (line {line}: {first})"
                    raise BuildError(f"a notebook cell failed in {at}:\n  {type(exc).__name__}: {exc}") from exc
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                streams = (("stdout", out.getvalue()), ("stderr", err.getvalue()))
                cell.outputs = [new_output("stream", name=name, text=text) for name, text in streams if text]
                cell.execution_count = number
                if value is not None:
                    data, meta = DisplayFormatter().format(value)
                    data = {k: base64.b64encode(v).decode() if isinstance(v, bytes) else v for k, v in data.items()}
                    cell.outputs.append(new_output("execute_result", data=data, metadata=meta, execution_count=number))
    finally:
        sys.path[:] = saved
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        use(language)  # the notebook's language was its own, never the process's


def sphinx(project: Project, builder: str, lang: str, say, first: bool = True) -> None:
    """One builder's run (the preview's: what changed); ``first``: not sharing another stage's environment."""
    out, doctrees = project.sphinx_output(builder, lang), project.sphinx_output(".doctrees", lang)
    doctrees = project.sphinx_output(".doctrees", "gettext") if builder == "gettext" else doctrees
    if builder == "html" and project.work != "preview":  # written afresh: no page, download or image of an older build
        shutil.rmtree(out, ignore_errors=True)
    overrides = {"language": lang, "nb_execution_cache_path": str(project.work_dir / f".jupyter_cache-{lang}")}
    warned = io.StringIO()  # Sphinx's warnings, also written to the log among its status
    with patch_docutils(project.root), docutils_namespace():  # as sphinx-build runs each build
        options = {"status": sys.stdout, "warning": Tee(warned, sys.stdout), "warningiserror": True, "keep_going": True}
        app = Sphinx(project.root, project.work_dir, out, doctrees, builder, confoverrides=overrides, **options)
        Notebooks(app, say, first)
        if builder == "html":  # myst-nb's stylesheet there before the pages link it, as a rebuild finds it
            (out / "_static").mkdir(parents=True, exist_ok=True)
            add_global_html_resources(app, None)
        app.build()
    if app.statuscode:
        raise BuildError(sphinx_warnings(warned.getvalue(), project.root))


def pdf(project: Project, lang: str, say):
    """XeLaTeX by latexmk: started, then awaited after the other stages; a TeX error or a missing glyph fails it."""
    tex = project.sphinx_output("latex", lang) / "book.tex"
    epoch = source_date_epoch(project.root)  # max_print_line: each of TeX's messages on one line, for the failure's
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch, FORCE_SOURCE_DATE="1", max_print_line="100000")
    # A run that failed or was stopped (another stage failed, the build was killed) may leave TeX's files cut short
    # ("File ended while scanning use of \@newl@bel" in every later build): then latexmk removes them first (-gg).
    clean = [] if (finished := tex.with_suffix(".finished")).exists() else ["-gg"]
    argv = ["latexmk", "-xelatex", *clean, "-interaction=nonstopmode", "-halt-on-error", tex.name]
    finished.unlink(missing_ok=True)
    with open(tex.with_name("latexmk.out"), "w", encoding="utf-8") as out:  # in its folder: Sphinx's latexmkrc read
        run = subprocess.Popen(
            argv, cwd=tex.parent, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out, process_group=0
        )
    # XeLaTeX, latexmk's child, would outlive this process (its death signal reaches latexmk's parent
    # only): a watchdog reads a pipe that closes when this process ends, then stops latexmk's group
    watch, _held = os.pipe()  # the write end stays open as long as this process lives
    subprocess.Popen(["sh", "-c", 'read _; kill -KILL "-$0" 2>/dev/null', str(run.pid)], stdin=watch)
    os.close(watch)
    yield  # the HTML and EPUB are made meanwhile
    run.wait()
    print(output := tex.with_name("latexmk.out").read_text(encoding="utf-8", errors="replace"))
    log = tex.with_suffix(".log")
    log = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    if run.returncode:
        raise BuildError(tex_error(log, tex, output))
    finished.touch()
    if missing := missing_glyphs(log, tex):
        raise BuildError("characters that the PDF's fonts lack:\n" + "\n".join(missing))
    if count := len(LATEX_WARNING.findall(log)) + len(XDVIPDFMX_WARNING.findall(output)):
        say(f"  {count} LaTeX warning{'s' * (count > 1)} left (in {display(tex.with_suffix('.log'))})")


def stages(project: Project, lang: str, log: str, order: list[str]) -> int:
    """One edition's stages in ``order``: progress to stdout, what failed to stderr, the tools' output to ``log``."""
    out, err = (os.fdopen(os.dup(fd), "w", buffering=1, encoding="utf-8") for fd in (1, 2))
    with open(log, "w", encoding="utf-8", buffering=1) as tools:
        for fd in (1, 2):  # what Sphinx, the notebooks and latexmk write goes to the log
            os.dup2(tools.fileno(), fd)
    say = partial(print, file=Tee(out, sys.stdout), flush=True)  # to the terminal and the log
    latex, edition = [], "" if lang == SOURCE else f", {language(lang).english_name}"
    try:  # XeLaTeX runs while the other stages do: its end is awaited after them
        for builder in order:
            name, start = STAGES[builder] + edition, time.monotonic()
            say(f"[{name}] ...")
            if builder == "pdf":
                latex.append((name, start, pdf(project, lang, say)))
                next(latex[-1][2])  # started
                continue
            sphinx(project, builder, lang, say, builder == order[0])
            say(f"[{name}] done in {time.monotonic() - start:.1f} s")
        for name, start, run in latex:
            next(run, None)  # awaited
            say(f"[{name}] done in {time.monotonic() - start:.1f} s")
    except BaseException as exc:  # the traceback to the log, what failed and where to the terminal
        traceback.print_exc()  # (and latexmk, if started, is stopped by its watchdog as this process ends)
        inner = exc  # the build's own message if it has one: Sphinx raises its errors "from" the handler's
        while not isinstance(inner, BuildError | KeyboardInterrupt) and (inner.__cause__ or inner.__context__):
            inner = inner.__cause__ or inner.__context__
        said, kind = str(inner).replace(f"{project.root}{os.sep}", "").strip(), type(inner).__name__
        if isinstance(inner, OSError):
            said = os_error(inner)
        elif not isinstance(inner, BuildError | KeyboardInterrupt):
            said = f"{kind}: {said}" if said else kind
        done = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
        print(f"[{name}] {done} after {time.monotonic() - start:.1f} s: {said}", file=err)
        return 1
    return 0


if __name__ == "__main__":  # ROOT STAGES PARENT LANG LOG: PARENT the build, to die with
    root, order, parent, lang, log = sys.argv[1:]
    ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG (Linux): never outlive the build
    nocolor()
    sys.exit(1 if os.getppid() != int(parent) else stages(Project(Path(root)), lang, log, order.split(",")))
