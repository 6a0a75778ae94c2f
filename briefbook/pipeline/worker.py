"""One language's edition in a process of its own (``python -m briefbook.pipeline.worker``):
Sphinx's builders on one environment (pages read again only where they changed), then latexmk.
Progress goes to stdout, a failure in a few lines to stderr, the tools' output to the log. One
language a process: no catalog of one language is ever seen by another."""

from __future__ import annotations

import ast
import base64
import contextlib
import ctypes
import io
import os
import runpy
import shutil
import signal
import subprocess
import sys
import time
import warnings
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import nbformat
from ipykernel.ipkernel import IPythonKernel
from IPython.core.formatters import DisplayFormatter
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from myst_nb.core.read import read_myst_markdown_notebook
from nbformat.v4 import new_output
from sphinx.util.console import nocolor

from .. import edition, i18n
from ..languages import SOURCE, language
from ..package import read_package
from ..paths import is_notebook
from ..project import Project
from .failures import BuildError, explain, missing_glyphs, shown, sphinx_warnings, tex_error

STAGES = {"html": "HTML", "epub": "EPUB", "latex": "LaTeX sources", "pdf": "PDF (XeLaTeX)", "gettext": "message templates"}  # fmt: skip


class Warnings(io.StringIO):
    """Sphinx's warnings, kept for the failure's message and written to the log."""

    def write(self, text: str) -> int:
        sys.stdout.write(text)
        return super().write(text)


def sphinx(project: Project, builder: str, lang: str, release: bool, say) -> None:
    from myst_nb.sphinx_ext import add_global_html_resources
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    out, doctrees = project.sphinx_output(builder, lang), project.doctrees(lang)
    if builder == "html":  # written afresh: no page, index entry, download or image of an older build
        for page in out.rglob("*.html") if out.is_dir() else ():
            if not page.relative_to(out).parts[0].startswith("_"):
                page.unlink()
        (out / "searchindex.js").unlink(missing_ok=True)
        for name in ("_downloads", "_images"):
            shutil.rmtree(out / name, ignore_errors=True)
    overrides = {"language": lang, "nb_execution_cache_path": str(project.work_dir / f".jupyter_cache-{lang}")}
    if "briefbook.sphinx" in runpy.run_path(str(project.work_dir / "conf.py"))["extensions"]:
        overrides["briefbook_validate"] = False  # validated once, before any Sphinx
    if release:  # passages left in English fail a release (briefbook.sphinx.translation)
        overrides["briefbook_release"] = True
    if builder == "gettext":  # the gettext builder keeps an environment of its own
        doctrees = project.work_dir / ".doctrees-gettext"
    warnings = Warnings()
    with patch_docutils(project.root), docutils_namespace():  # as sphinx-build runs each build
        app = Sphinx(project.root, project.work_dir, out, doctrees, builder, confoverrides=overrides,
                     status=sys.stdout, warning=warnings, warningiserror=True, keep_going=True)  # fmt: skip
        Notebooks(app, say)
        if builder == "html":  # myst-nb's stylesheet there before the pages link it, as a rebuild finds it
            (out / "_static").mkdir(parents=True, exist_ok=True)
            add_global_html_resources(app, None)
        app.build()
    if app.statuscode:
        raise BuildError(sphinx_warnings(warnings.getvalue(), project.root))


class Notebooks:
    """Each notebook the build reads, run here, in Sphinx's process, unless myst-nb's cache holds it,
    then put in that cache, where myst-nb finds it: no Jupyter kernel to start, pandas and matplotlib
    imported once for every notebook. The cache is keyed on the notebook's code, whose hidden first
    cell holds the digest of what its charts read (:mod:`briefbook.sphinx.charts`)."""

    def __init__(self, app, say):
        self.say, self.order = say, []
        app.connect("env-before-read-docs", self.before)
        app.connect("source-read", self.execute, priority=900)  # after the hidden first cell is put in

    def before(self, app, env, docnames) -> None:
        self.say(f"  {len(docnames)} of {len(env.found_docs)} pages to read")
        self.order = sorted(d for d in docnames if is_notebook(Path(env.doc2path(d))))

    def execute(self, app, docname: str, source: list[str]) -> None:
        if docname not in self.order or app.config.nb_execution_mode != "cache":
            return
        path, start = Path(app.env.doc2path(docname)), time.monotonic()
        notebook = read_myst_markdown_notebook(source[0], add_source_map=True, path=path)
        cache = get_cache(app.config.nb_execution_cache_path)
        try:
            cache.match_cache_notebook(notebook)
            what = "cached"
        except KeyError:
            run(notebook, path, app.config.nb_execution_timeout, app.srcdir)
            cache.cache_notebook_bundle(CacheBundleIn(notebook, str(path)), check_validity=False, overwrite=True)
            what = f"{time.monotonic() - start:.2f} s"
        where = app.env.doc2path(docname, False)
        self.say(f"  execute notebook {self.order.index(docname) + 1} of {len(self.order)}: {where} ({what})")


def run(notebook, path: Path, timeout: int, root: Path) -> None:
    """The code cells in order, in one namespace, in the notebook's folder, as a kernel runs them:
    a cell's outputs are what it prints, its warnings and its last expression's display data."""
    scope, saved, language = {"__name__": "__main__"}, sys.path[:], i18n.current()
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    notebook.metadata["language_info"] = nbformat.from_dict(IPythonKernel.language_info)  # what its kernel reports
    signal.signal(signal.SIGALRM, timed_out(timeout))
    try:
        with contextlib.chdir(path.parent):
            for number, cell in enumerate(cells, 1):
                out, err = io.StringIO(), io.StringIO()
                try:
                    signal.setitimer(signal.ITIMER_REAL, max(timeout or 0, 0))
                    with redirect_stdout(out), redirect_stderr(err), warnings.catch_warnings(record=True) as caught:
                        value = evaluate(cell.source, scope, f"{path.name}, code cell {number}")
                except Exception as exc:
                    line = notebook.metadata["source_map"][notebook.cells.index(cell)]
                    first = (cell.source.strip().splitlines() or [""])[0]
                    raise BuildError(f"a notebook cell failed in {shown(path, root)}, code cell {number} (line {line}: "
                                     f"{first}):\n  {type(exc).__name__}: {exc}") from exc  # fmt: skip
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                err.write("".join(warnings.formatwarning(w.message, w.category, w.filename, w.lineno) for w in caught))
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
        i18n.use(language)  # the notebook's language was its own, never the process's


def evaluate(source: str, scope: dict, name: str):
    """Run a cell's code; the value of its last line, if that is an expression."""
    tree = ast.parse(source, name)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, name, "exec"), scope)
    return eval(compile(ast.Expression(last.value), name, "eval"), scope) if last else None


def timed_out(timeout):
    def handler(signum, frame):
        raise TimeoutError(f"A cell timed out while it was being executed, after {timeout} seconds.")

    return handler


def latexmk(project: Project, lang: str) -> subprocess.Popen:
    """XeLaTeX through latexmk, dated by the last commit, started (the EPUB is made meanwhile)."""
    tex = project.sphinx_output("latex", lang) / "book.tex"
    env = dict(os.environ, SOURCE_DATE_EPOCH=edition.source_date_epoch(project.root), FORCE_SOURCE_DATE="1")
    argv = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name]
    with open(tex.with_name("latexmk.out"), "w", encoding="utf-8") as out:
        return subprocess.Popen(argv, cwd=tex.parent, env={**env, "max_print_line": "100000"},
                                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip


def pdf(project: Project, lang: str, run: subprocess.Popen) -> None:
    """latexmk's end: a TeX error, or a character the fonts lack, fails the stage."""
    tex = project.sphinx_output("latex", lang) / "book.tex"
    run.wait()
    output = tex.with_name("latexmk.out").read_text(encoding="utf-8", errors="replace")
    print(output)
    log = (
        tex.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
        if tex.with_suffix(".log").is_file()
        else ""
    )
    if run.returncode:
        raise BuildError(tex_error(log, tex, project.root, output))
    if missing := missing_glyphs(log, tex):
        raise BuildError("characters that the PDF's fonts lack:\n" + "\n".join(missing))


def report(project: Project, lang: str, say) -> None:
    """How complete a translated edition is; its passages still in English, each named in the log."""
    from ..i18n import catalogs
    from ..i18n.data import coverage
    from ..sphinx.translation import read_report

    name = language(lang).english_name
    say(f"  {name} catalogs: {catalogs.summary(project.locale_dir, lang)}")
    if project.descriptor.is_file():
        say(f"  {name} data: {coverage(read_package(project.data_dir), lang).summary()}")
    pages = read_report(project.doctrees(lang))
    print(
        "".join(
            f"untranslated ({lang}): {doc}:{line}: {words}\n" for doc, found in pages.items() for line, words in found
        )
    )
    count = sum(len(found) for found in pages.values())
    say(
        f"  {name} pages: "
        + (
            f"{count} passages in {len(pages)} pages still in English (in the log)"
            if count
            else "every passage translated"
        )
    )


def main(root: str, lang: str, log: str, stages: str, release: str, parent: str) -> int:
    """``ROOT LANG LOG STAGES RELEASE PARENT``: RELEASE "1" or "0"; PARENT the build, to die with."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: never outlive the build
        if os.getppid() != int(parent):
            return 1
    nocolor()
    out, err = (os.fdopen(os.dup(fd), "w", buffering=1, encoding="utf-8") for fd in (1, 2))
    with open(log, "a", encoding="utf-8", buffering=1) as tools:
        for fd in (1, 2):  # what Sphinx, the kernels and latexmk write goes to the log
            os.dup2(tools.fileno(), fd)

    def say(text: str) -> None:
        print(text, file=out, flush=True)
        print(text, flush=True)

    def stage(name: str, start: float, work) -> bool:
        try:
            work()
        except BaseException as exc:  # the traceback to the log, what failed and where to the terminal
            import traceback

            traceback.print_exc()
            print(f"[{name}] {'interrupted' if isinstance(exc, KeyboardInterrupt) else 'failed'} after "
                  f"{time.monotonic() - start:.1f} s: {explain(exc, project.root)}", file=err, flush=True)  # fmt: skip
            return False
        say(f"[{name}] done in {time.monotonic() - start:.1f} s")
        return True

    project, running = Project(Path(root)), []
    for builder in stages.split(","):
        name, start = STAGES[builder] + ("" if lang == SOURCE else f", {language(lang).english_name}"), time.monotonic()
        say(f"[{name}] ...")
        if builder == "pdf":  # XeLaTeX runs while the next stages do
            running.append((name, start, latexmk(project, lang)))
        elif not stage(name, start, lambda b=builder: sphinx(project, b, lang, release == "1", say)):
            for _name, _start, run in running:
                run.kill()
            return 1
        if builder == "html" and lang != SOURCE:
            report(project, lang, say)
    return 0 if all(stage(name, start, lambda r=run: pdf(project, lang, r)) for name, start, run in running) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
