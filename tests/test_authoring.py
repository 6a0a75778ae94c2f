"""The authors' commands: new quotation and new event append well-formed rows with fresh ids;
the checks authors run before committing pass."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from briefbook.validate import validate


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for name in ("references.bib",):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "briefbook", *args], cwd=project, capture_output=True, text=True)


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


QUOTE = [
    "--speaker", "khazali", "--group", "asaib-ahl-al-haq", "--date", "2021-07-08", "--topic", "Embassy denial",
    "--medium", "tweet", "--venue", "Twitter", "--text", "A test statement, 100% & <b>", "--brief-figure", "3",
    "--signal", "de-escalatory", "--devices", "denial", "--audiences", "united-states",
    "--annotation", "What it signals.", "--source-keys", "malik2021muqawama",
]  # fmt: skip


@pytest.mark.unit
def test_new_quotation_appends_a_valid_row_with_a_house_id(project):
    result = cli(project, "new", "quotation", *QUOTE)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "khazali-2021-07-08-embassy-denial"
    added = rows(project / "data" / "quotations.csv")[-1]
    assert added["id"] == "khazali-2021-07-08-embassy-denial"
    assert added["text"] == "A test statement, 100% & <b>"
    # three statements of 8 July exist: the new one comes after them, and says no source fixes that
    assert (added["day_order"], added["order_basis"]) == ("4", "unfixed")
    assert "No source fixes" in added["order_note"]
    assert validate(project / "data") == []
    again = cli(project, "new", "quotation", *QUOTE)
    assert again.stdout.strip() == "khazali-2021-07-08-embassy-denial-2"  # ids stay unique


@pytest.mark.unit
def test_new_event_appends_a_valid_row_with_a_house_id(project):
    result = cli(
        project, "new", "event", "--date-start", "2021-07-09", "--place", "Ain al-Asad Air Base, Anbar",
        "--country", "Iraq", "--target", "The base", "--target-kind", "us-base-iraq", "--actor", "unknown",
        "--actor-status", "unclaimed", "--type", "rocket", "--casualties", "None reported.",
        "--description", "A test event.", "--source-keys", "abc2021asad",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ev-2021-07-09-ain-al-asad-air-base-rocket"
    added = rows(project / "data" / "events.csv")[-1]
    assert added["date_end"] == "2021-07-09"  # a single day unless a window is given
    assert validate(project / "data") == []


@pytest.mark.unit
def test_a_bad_new_row_is_not_written(project):
    before = (project / "data" / "quotations.csv").read_bytes()
    bad = [a if a != "2021-07-08" else "2021-07-32" for a in QUOTE]
    result = cli(project, "new", "quotation", *bad)
    assert result.returncode == 1
    assert "data/quotations.csv:10: date: '2021-07-32' is not a date (YYYY-MM-DD)" in result.stderr
    assert (project / "data" / "quotations.csv").read_bytes() == before


@pytest.mark.unit
def test_notebook_output_check(tmp_path):
    import json

    script = ROOT / "scripts" / "check_notebooks.py"
    clean = {"cells": [{"cell_type": "code", "source": "1", "outputs": [], "execution_count": None}], "nbformat": 4}
    dirty = {
        "cells": [{"cell_type": "code", "source": "1", "outputs": [{"output_type": "stream"}], "execution_count": 3}]
    }
    (tmp_path / "clean.ipynb").write_text(json.dumps(clean))
    (tmp_path / "dirty.ipynb").write_text(json.dumps(dirty))
    ok = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "clean.ipynb"), *map(str, ROOT.glob("chapters/*.md"))]
    )
    assert ok.returncode == 0
    bad = subprocess.run([sys.executable, str(script), str(tmp_path / "dirty.ipynb")], capture_output=True, text=True)
    assert bad.returncode == 1 and "cell 1 has outputs" in bad.stderr
