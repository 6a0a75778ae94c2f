"""The book's pages are read in two processes (briefbook.build.parallel): the execution cache's
database is made once, in the main process, before either reads a notebook."""

from __future__ import annotations

import re
import sqlite3
from types import SimpleNamespace

import pytest
from conftest import html_stage, notebook

from briefbook.build import parallel


@pytest.mark.unit
def test_the_execution_cache_s_database_is_made_before_the_pages_are_read(tmp_path):
    folder = tmp_path / "cache"
    config = SimpleNamespace(execution_mode="cache", execution_cache_path=str(folder))
    parallel.create_execution_cache(SimpleNamespace(env=SimpleNamespace(mystnb_config=config)))
    (db,) = folder.glob("*.db")
    tables = {row[0] for row in sqlite3.connect(db).execute("select name from sqlite_master where type='table'")}
    assert {"settings", "nbcache", "nbproject"} <= tables


@pytest.mark.unit
def test_no_cache_no_database(tmp_path):
    config = SimpleNamespace(execution_mode="force", execution_cache_path=str(tmp_path / "cache"))
    parallel.create_execution_cache(SimpleNamespace(env=SimpleNamespace(mystnb_config=config)))
    assert not (tmp_path / "cache").exists()


@pytest.mark.unit
def test_it_runs_when_the_builder_starts_after_myst_nb_has_set_the_cache_s_folder():
    connected = []
    app = SimpleNamespace(connect=lambda event, handler, priority=500: connected.append((event, handler, priority)))
    parallel.setup(app)
    (priority,) = [p for e, h, p in connected if h is parallel.create_execution_cache and e == "builder-inited"]
    assert priority > 500  # myst-nb's create_mystnb_config: the default priority


# A failing notebook read side by side with other pages (more than 5 to read: Sphinx's parallel
# read), where Sphinx hands on only "ExecutionError: notebook.md" and the traceback's text.
PAGES = {f"page{n}.md": f"# Page {n}\n\nWords of page {n}.\n" for n in range(6)}
CELLS = {
    "error": ('raise RuntimeError("broken on purpose")', r"RuntimeError: broken on purpose"),
    "module": ("import a_module_nobody_has", r"ModuleNotFoundError: No module named 'a_module_nobody_has'"),
    "timeout": (
        "import time\ntime.sleep(30)",
        r"TimeoutError: A cell timed out while it was being executed, after 2 seconds\.",
    ),
}


@pytest.fixture(params=sorted(CELLS))
def tiny(request, tmp_path):
    """A small book of more than 5 pages, one a notebook whose second cell fails (a test of the
    "sphinx" tier, as its name says: tests/conftest.py)."""
    cell, said = CELLS[request.param]
    root = tmp_path / "book"
    root.mkdir()
    toc = "format: jb-book\nroot: index\nchapters:\n" + "".join(
        f"  - file: {p[:-3]}\n" for p in [*PAGES, "notebook.md"]
    )
    files = {
        "_config.yml": "title: Side by side\nexecute:\n  execute_notebooks: cache\n  timeout: 2\n"
        "sphinx:\n  config:\n    nb_execution_raise_on_error: true\n",
        "_toc.yml": toc,
        "index.md": "# Side by side\n",
        "notebook.md": notebook(cell),
        **PAGES,
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root, cell, said


@pytest.mark.sphinx
def test_a_failing_cell_read_side_by_side_is_named_as_a_serial_read_names_it(tiny, capsys):
    from briefbook.build.failures import BuildError
    from briefbook.project import Project

    root, cell, said = tiny
    with pytest.raises(BuildError) as raised:
        html_stage(Project(root))
    assert "8 of 8 pages to read" in capsys.readouterr().out  # more than 5: read side by side
    cell_line = re.escape(cell.splitlines()[0])
    assert re.fullmatch(
        rf"\[HTML\] failed after \d+\.\d s: a notebook cell failed in notebook\.md, "
        rf"code cell 2 \(line 1[56]: {cell_line}\):\n  {said}",
        str(raised.value),
    ), str(raised.value)
