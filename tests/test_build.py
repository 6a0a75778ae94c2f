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


def event_marks(project: Path) -> set[str]:
    svg = (project / "figures" / "timeline.svg").read_text(encoding="utf-8")
    return set(re.findall(r'id="event:([^"]+)"', svg))


def test_bad_data_stop_the_build_before_it_writes(tmp_path):
    dest = tmp_path / "book"
    copy_project(dest)
    edit_cell(dest / "data" / "quotations.csv", "askari-2021-07-08-restraint", "date", "2021-13-45")
    result = build(dest)
    assert result.returncode == 1
    assert "data/quotations.csv:2: date: '2021-13-45' is not a date (YYYY-MM-DD)" in result.stderr
    assert not (dest / "_build").exists()
    assert not list((dest / "figures").glob("*.svg"))


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
