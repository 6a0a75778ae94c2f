"""The benchmark's outputs and its synthetic data (speed itself is reported, never asserted)."""

from __future__ import annotations

import json
import sys

import pytest
from charts import fig as figure
from conftest import ROOT

from briefbook.data import load
from briefbook.validate import validate

pytestmark = pytest.mark.unit

KEYS = [
    "cold_build_s", "cold_build_before_s", "cold_build_ratio", "nochange_build_s", "nochange_build_before_s",
    "one_chapter_build_s", "one_chapter_build_before_s",
    "validate_1k_s", "validate_10k_s", "validate_100k_s", "chart_1k_s", "chart_10k_s", "chart_100k_s",
    "page_bytes", "pdf_bytes", "epub_bytes",
]  # fmt: skip


def test_results_hold_every_measure_and_the_machine():
    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    for key in KEYS:
        assert isinstance(results[key], (int, float)) and results[key] >= 0, key
    assert results["machine"]["cores"] >= 1
    readme = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    assert "`validate_100k_s`" in readme and results["date"] in readme


def test_synthetic_tables_are_valid_and_charted_row_for_row(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import make_project

    data_dir = make_project(tmp_path, ROOT, 500)
    assert validate(data_dir) == []
    data = load(data_dir)
    assert len(data.events) == 500
    fig = figure("timeline", data)
    urls = [u for ax in fig.axes for c in ax.collections if (c.get_gid() or "").startswith(("events:", "windows:"))
            for u in c.get_urls()]  # fmt: skip
    assert len(urls) == 500


def test_the_scaling_measure_runs_on_a_small_package(tmp_path, monkeypatch):
    """`make bench`'s validation and chart timings, on 500 rows: its calls into the package still exist."""
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    monkeypatch.setattr(run, "SIZES", {"500": 500})
    measured = run.scaling(tmp_path)
    assert set(measured) == {"validate_500_s", "chart_500_s"} and all(t > 0 for t in measured.values())


def test_the_tree_measured_against_gets_the_pins_this_one_dropped_or_changed():
    """The build of ``bench.run.BEFORE`` loads packages this tree no longer installs (sphinxext-opengraph): its
    builds get the pins of its requirements.txt that this tree's lacks, comments and blank lines aside."""
    sys.path.insert(0, str(ROOT / "bench"))
    from run import missing_pins

    theirs = "# pinned\nSphinx==7.4.7\nsphinxext-opengraph==0.13.0  # its tags\n\nnumpy==2.0.0\n"
    assert missing_pins(theirs, "Sphinx==7.4.7\nnumpy==2.1.0\n") == ["numpy==2.0.0", "sphinxext-opengraph==0.13.0"]
    assert missing_pins("Sphinx==7.4.7\n", "# pinned\nSphinx==7.4.7  # the same\n") == []
