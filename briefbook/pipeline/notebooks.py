"""Notebooks run in Sphinx's own process, not each in a Jupyter kernel (a Python, pandas and matplotlib started)."""

import ast
import base64
import contextlib
import io
import signal
import sys
import time
import warnings
from contextlib import redirect_stderr, redirect_stdout
from functools import partial
from pathlib import Path

import nbformat
from ipykernel.ipkernel import IPythonKernel
from IPython.core.formatters import DisplayFormatter
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from myst_nb.core.read import read_myst_markdown_notebook
from nbformat.v4 import new_output

from .. import i18n
from ..paths import is_notebook
from . import BuildError, shown


class Notebooks:
    """Each notebook the build reads, run unless myst-nb's cache (keyed on its code, with the digest of its data:
    :mod:`briefbook.sphinx.charts`) holds it, then put in that cache."""

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
    """The code cells in order, in one namespace, in the notebook's folder, as a kernel runs them: a cell's
    outputs are what it prints, its warnings and its last expression's display data."""
    scope, saved, language = {"__name__": "__main__"}, sys.path[:], i18n.current()
    lines = zip(notebook.metadata["source_map"], notebook.cells, strict=True)
    code = [(line, cell) for line, cell in lines if cell.cell_type == "code"]
    notebook.metadata["language_info"] = nbformat.from_dict(IPythonKernel.language_info)  # what its kernel reports
    signal.signal(signal.SIGALRM, partial(timed_out, timeout))
    try:
        with contextlib.chdir(path.parent):
            for number, (line, cell) in enumerate(code, 1):
                out, err = io.StringIO(), io.StringIO()
                try:
                    signal.setitimer(signal.ITIMER_REAL, max(timeout or 0, 0))
                    tree = ast.parse(cell.source, name := f"{path.name}, code cell {number}")
                    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None  # its value
                    with redirect_stdout(out), redirect_stderr(err), warnings.catch_warnings(record=True) as caught:
                        exec(compile(tree, name, "exec"), scope)
                        value = eval(compile(ast.Expression(last.value), name, "eval"), scope) if last else None
                except Exception as exc:
                    first = cell.source.strip().splitlines()[0]
                    where = f"{shown(path, root)}, code cell {number} (line {line}: {first})"
                    raise BuildError(f"a notebook cell failed in {where}:\n  {type(exc).__name__}: {exc}") from exc
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


def timed_out(timeout, signum, frame):
    raise TimeoutError(f"A cell timed out while it was being executed, after {timeout} seconds.")
