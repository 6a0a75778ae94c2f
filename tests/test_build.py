"""Whole builds in a scratch copy: bad data stop the build; a data edit redraws the charts."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project, edit_cell


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("book") / "book"
    copy_project(dest)
    return dest


def build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefbook", "build"], cwd=project, capture_output=True, text=True)


def chart_svg(project: Path, page: str, chart: str) -> str:
    """The SVG of a chart as the built page shows it (the notebook cell's output)."""
    from bs4 import BeautifulSoup

    html = project / "_build" / "html" / "chapters" / page
    img = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(f"#fig-{chart} img")
    return (html.parent / img["src"]).read_text(encoding="utf-8")


def event_marks(project: Path) -> set[str]:
    return set(re.findall(r'href="#event-([^"]+)"', chart_svg(project, "overview.html", "timeline")))


def test_bad_data_stop_the_build_before_it_writes(tmp_path):
    dest = tmp_path / "book"
    copy_project(dest)
    edit_cell(dest / "data" / "quotations.csv", "askari-2021-07-08-restraint", "date", "2021-13-45")
    result = build(dest)
    assert result.returncode == 1
    assert "data/quotations.csv:2: date: '2021-13-45' is not a date (YYYY-MM-DD)" in result.stderr
    assert not (dest / "_build").exists()


def test_a_data_edit_re_executes_the_notebooks(project):
    first = build(project)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    before = event_marks(project)
    assert "ev-2021-07-07-omar-drone" in before
    # Drop one event: nothing in the notebooks changed, only the data they read.
    path = project / "data" / "events.csv"
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("ev-2021-07-07-omar-drone,")
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the rockets on Ain al-Asad are now the day's only event, which the data must say
    edit_cell(path, "ev-2021-07-07-asad-rockets", "order_basis", "only")
    edit_cell(path, "ev-2021-07-07-asad-rockets", "order_note", "")
    # withdrawing a published anchor is deliberate: its line goes too
    anchors = project / "published-anchors.txt"
    anchors.write_text(
        "".join(
            line for line in anchors.read_text().splitlines(keepends=True) if "ev-2021-07-07-omar-drone" not in line
        )
    )
    second = build(project)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert event_marks(project) == before - {"ev-2021-07-07-omar-drone"}
    page = (project / "_build" / "html" / "chapters" / "strikes-and-escalation.html").read_text(encoding="utf-8")
    assert "ev-2021-07-07-omar-drone" not in page


HOSTILE = "<script>alert('x')</script> <b>bold?</b> & % $ # _ { } ~ ^ \\ \"double\" 'single' --- ..."


def test_build_reports_each_stage_with_its_time(project):
    chapter = project / "chapters" / "revenge-as-perception.md"
    chapter.write_text(chapter.read_text() + "\nOne more sentence.\n")
    result = build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert re.search(r"\[validate\] data/ is valid \(\d+\.\d s\)", out)
    assert re.search(r"\[HTML\] done in \d+\.\d s", out)
    assert re.search(r"\[LaTeX sources\] done in \d+\.\d s", out)
    assert "[PDF" in out and "[publish]" in out
    executed = re.search(r"execute notebook 4 of 4: chapters/\S+\.md \((\d+\.\d+ s|cached)\)", out)
    assert executed or "notebooks: none of the 4 read again" in out
    again = build(project)
    assert again.returncode == 0
    assert "[HTML] sources unchanged since the last build; not rebuilt" in again.stdout
    assert "LaTeX not run" in again.stdout


def test_hostile_text_is_escaped_in_html_and_typeset_in_the_pdf(project):
    from bs4 import BeautifulSoup

    edit_cell(project / "data" / "quotations.csv", "askari-2021-07-08-restraint", "annotation", HOSTILE)
    edit_cell(project / "data" / "events.csv", "ev-2021-07-06-erbil-drone", "description", HOSTILE)
    edit_cell(project / "data" / "actors.csv", "sdf", "description", HOSTILE)
    edit_cell(project / "data" / "claims.csv", "claim-embassy-denied", "claim", HOSTILE)
    edit_cell(
        project / "data" / "actors.csv", "sabereen-news", "name", "Sabereen $News$ <i>&</i>"
    )  # shown in charts too
    result = build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = project / "_build" / "html" / "chapters"
    for page in ("quotations.html", "strikes-and-escalation.html", "data-and-methods.html"):
        raw = (html / page).read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<b>bold?</b>" not in raw
        assert "&lt;script&gt;alert" in raw
        assert HOSTILE in BeautifulSoup(raw, "html.parser").get_text(), page
    pdf = next((project / "_build" / "pdf").glob("*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squashed = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", HOSTILE) in squashed
    svg = chart_svg(project, "overview.html", "timeline")
    assert "Sabereen $News$ &lt;i&gt;&amp;&lt;/i&gt;" in svg


def test_a_failed_build_leaves_the_last_good_book_untouched(project):
    index = project / "_build" / "html" / "index.html"
    pdf = next((project / "_build" / "pdf").glob("*.pdf"))
    before = {p: p.read_bytes() for p in (index, pdf)}
    chapter = project / "chapters" / "overview.md"
    chapter.write_text(
        chapter.read_text() + '\n```{code-cell} ipython3\nraise RuntimeError("broken on purpose")\n```\n'
    )
    result = build(project)
    assert result.returncode == 1
    assert "last good book" in result.stderr
    assert {p: p.read_bytes() for p in (index, pdf)} == before
    assert not (project / "_build" / ".html.new").exists()
