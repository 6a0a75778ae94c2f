"""The chapters' chart cells are real notebooks: run in Jupyter they show the chart; in the book
the same output is the figure. (That a data edit re-executes exactly the notebooks that read the
table, and that the build writes nothing into the sources, is tested on test_build's cold build.)"""

from __future__ import annotations

import jupytext
import pytest
from conftest import ROOT
from nbclient import NotebookClient

pytestmark = pytest.mark.build

CHAPTERS = {"overview": "timeline", "strikes-and-escalation": "tempo", "signals-of-de-escalation": "signals",
            "data-and-methods": "claims"}  # fmt: skip


@pytest.mark.parametrize("chapter", ["overview", "data-and-methods"])
def test_a_chart_cell_run_in_jupyter_shows_the_chart(chapter):
    notebook = jupytext.read(ROOT / "chapters" / f"{chapter}.md")
    # run where Jupyter runs it: in the chapter's folder, with no hidden cell (the cell imports the book's figures/)
    path = str(ROOT / "chapters")
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": path}}).execute()
    cells = [c for c in notebook.cells if c.cell_type == "code" and "Chart(" in c.source]
    assert len(cells) == 1
    (output,) = cells[0].outputs
    assert output["output_type"] == "execute_result"
    assert output["data"]["image/svg+xml"].lstrip().startswith(("<?xml", "<svg"))
    assert output["data"]["application/pdf"]  # the print edition's vector figure
    assert cells[0].metadata["mystnb"]["figure"]["name"] == f"fig-{CHAPTERS[chapter]}"
    assert f"from figures import {CHAPTERS[chapter]}" in cells[0].source  # the figure's own module, to read and change
