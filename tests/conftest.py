"""Shared fixtures: the project's paths, a writable copy of the data, and the built site."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefbook.build import copy_sources

ROOT = Path(__file__).resolve().parents[1]
# The brief and the fact sheet sit beside the repository (../shared/sources), not in it.
SOURCES = Path(os.environ.get("BRIEFBOOK_SOURCES", ROOT.parent / "shared" / "sources"))


@pytest.fixture(scope="session")
def sources() -> Path:
    if not (SOURCES / "facts.md").is_file():
        pytest.skip(f"the brief and fact sheet are not at {SOURCES} (set BRIEFBOOK_SOURCES)")
    return SOURCES


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ and references.bib that a test may break; returns the data folder."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return tmp_path / "data"


def edit_cell(path: Path, row_id: str, column: str, value: str) -> None:
    """Set one cell of the row whose id is ``row_id``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    hits = [r for r in rows if r["id"] == row_id]
    assert hits, f"no row {row_id} in {path}"
    hits[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def line_of(path: Path, row_id: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(row_id + ","):
            return number
    raise AssertionError(f"{row_id} not found in {path}")


def copy_project(dest: Path) -> Path:
    """A scratch copy of the sources (briefbook.build.copy_sources)."""
    return copy_sources(ROOT, dest)


@pytest.fixture(scope="session")
def site() -> Path:
    """The built HTML book; built here if `make book` has not been run."""
    html = ROOT / "_build" / "html"
    if not (html / "index.html").is_file():
        subprocess.run([sys.executable, "-m", "briefbook", "build"], cwd=ROOT, check=True)
    return html
