"""The chapters' chart cells are real notebooks: run in Jupyter they show the chart; in the book
the same output is the figure. The execution cache is keyed on what each notebook reads, so a
data edit re-executes exactly the notebooks that read that table, and the build writes nothing
into the sources."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import jupytext
import pytest
from conftest import ROOT, copy_project, edit_cell
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


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefbook", "build"], cwd=project, capture_output=True, text=True)


def executed(output: str) -> dict[str, bool]:
    """Which notebooks a build executed (True) or took from the cache (False), from its progress."""
    found = {}
    for line in output.splitlines():
        match = re.search(r"execute notebook \d+ of \d+: chapters/([\w-]+)\.md \((cached|[\d.]+ s)\)", line)
        if match:
            found[match.group(1)] = match.group(2) != "cached"
    return found


def test_a_data_edit_re_executes_exactly_the_notebooks_that_read_it(tmp_path):
    project = copy_project(tmp_path / "book")

    def sources():  # but the catalogs Sphinx compiles beside the translations (*.mo, ignored by git)
        return {p for p in project.rglob("*") if "_build" not in p.parts and p.suffix != ".mo"}

    before = sources()
    first = build(project)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    # nothing written into the sources: the charts are notebook outputs, not files
    assert sources() == before
    # claims.csv is drawn only by the claims chart (Data and methods)
    edit_cell(project / "data" / "claims.csv", "claim-embassy-denied", "claim", "A reworded claim.")
    second = build(project)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    runs = executed(second.stdout)
    assert runs.get("data-and-methods") is True, second.stdout
    assert not any(ran for name, ran in runs.items() if name != "data-and-methods"), second.stdout
    # events.csv is drawn by the timeline, the tempo and the claims charts, not by the signals chart
    edit_cell(project / "data" / "events.csv", "ev-2021-07-06-erbil-drone", "casualties", "None reported.")
    third = build(project)
    assert third.returncode == 0, third.stdout[-3000:] + third.stderr[-3000:]
    runs = executed(third.stdout)
    assert {name for name, ran in runs.items() if ran} == {"overview", "strikes-and-escalation", "data-and-methods"}
