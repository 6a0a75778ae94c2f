"""Each language's edition is built in a process of its own (briefbook.pipeline.worker): a failing
notebook cell, whatever its error, is named there with its chapter, its cell and its own error."""

from __future__ import annotations

import re

import pytest
from conftest import html_stage, notebook

from briefbook.pipeline import BuildError
from briefbook.project import Project

# An error raised by the cell, and a timeout: tests/test_publish.py (test_a_failing_cell_is_named_with_its_error_and_
# the_traceback_kept_in_the_log, test_a_cell_that_times_out_says_so); each build a process's seconds.
CELLS = {
    "module": ("import a_module_nobody_has", r"ModuleNotFoundError: No module named 'a_module_nobody_has'"),
}


@pytest.mark.sphinx
@pytest.mark.parametrize("kind", sorted(CELLS))
def test_a_failing_cell_is_named_with_its_chapter_cell_and_error(tmp_path, capsys, kind):
    cell, said = CELLS[kind]
    files = {
        "_config.yml": "title: Apart\nexecute:\n  execute_notebooks: cache\n  timeout: 2\n"
        "sphinx:\n  config:\n    nb_execution_raise_on_error: true\n",
        "_toc.yml": "format: jb-book\nroot: index\nchapters:\n  - file: notebook\n",
        "index.md": "# Apart\n",
        "notebook.md": notebook(cell),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        html_stage(Project(tmp_path))
    assert "2 of 2 pages to read" in capsys.readouterr().out
    assert re.fullmatch(
        rf"\[HTML\] failed after \d+\.\d s: a notebook cell failed in notebook\.md, "
        rf"code cell 2 \(line 1[56]: {re.escape(cell.splitlines()[0])}\):\n  {said}",
        str(raised.value),
    ), str(raised.value)
