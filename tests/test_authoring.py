"""The authors' commands: new quotation and new event append well-formed rows with fresh ids;
the checks authors run before committing pass."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, briefbook

from briefbook.validate import validate


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    for name in ("references.bib",):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    return briefbook(project, *args)


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


@pytest.mark.unit
def test_an_unknown_id_or_code_is_named_with_the_closest_that_exists(project):
    from briefbook.package import did_you_mean

    assert did_you_mean("khazaly", ["askari", "khazali"]) == "; did you mean 'khazali'?"
    assert did_you_mean("telegram", ["tweet", "Telegram post"]) == "; did you mean 'Telegram post'?"
    assert did_you_mean("zzz", ["askari", "khazali"]) == ""
    bad = [{"khazali": "khazaly", "tweet": "telegram", "denial": "denail"}.get(a, a) for a in QUOTE]
    said = cli(project, "new", "quotation", *bad).stderr
    assert "speaker: 'khazaly' is not an id in actors; did you mean 'khazali'?" in said  # a foreign key
    assert "medium: 'telegram' is not one of: written statement, televised speech, tweet, Telegram post; " \
           "did you mean 'Telegram post'?" in said  # fmt: skip  # an enum
    assert "devices: 'denail' is not one of:" in said and "did you mean 'denial'?" in said  # a list of codes
    claims = project / "data" / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace("ev-2021-07-05-embassy-drone", "ev-2021-07-05-embasy-drone", 1),
                      encoding="utf-8")  # fmt: skip
    problems = [str(p) for p in validate(project / "data")]
    assert any("'ev-2021-07-05-embasy-drone' is not an id in quotations or events; did you mean "
               "'ev-2021-07-05-embassy-drone'?" in p for p in problems), problems  # fmt: skip


@pytest.mark.sphinx
def test_a_directive_naming_an_unknown_row_says_the_closest(tmp_path):
    from sphinx.testing.util import SphinxTestApp

    shutil.copytree(ROOT / "tests" / "roots" / "test-example", tmp_path, dirs_exist_ok=True)
    index = tmp_path / "index.md"
    index.write_text(index.read_text().replace("sp-1901-03-04-budget", "sp-1901-03-04-budgte"))
    app = SphinxTestApp("html", srcdir=tmp_path, freshenv=True)
    try:
        app.build()
        assert "no row 'sp-1901-03-04-budgte' in the data package's table 'speeches'; did you mean " \
               "'sp-1901-03-04-budget'?" in app.warning.getvalue()  # fmt: skip
    finally:
        app.cleanup()


@pytest.mark.unit
def test_new_help_lists_each_field_s_codes_and_which_fields_default(project):
    said = " ".join(cli(project, "new", "event", "--help").stdout.split())
    assert "Kind of weapon. One of: airstrike, rocket, drone. (required)" in said
    assert "One of: only, time, source, partial, unfixed. (optional; default: 'only' on a day of its own" in said
    assert "An id in actors: " in said and "muqawama" in said
    assert "(required)" not in said.split("--day-order")[1].split("--order-basis")[0]
    quotation = " ".join(cli(project, "new", "quotation", "--help").stdout.split())
    assert "One or more, separated by ';': threat, revenge," in quotation


@pytest.mark.unit
def test_a_failed_build_is_counted_in_errors_and_warnings_not_warning_s():
    from briefbook.pipeline.worker import sphinx_warnings

    one = sphinx_warnings("/r/a.md:3: ERROR: quotation 'x' is not in the data's quotations", Path("/r"))
    assert one.splitlines()[0] == "1 error, which fails the build:"
    two = sphinx_warnings("/r/a.md:3: ERROR: e\n/r/b.md:1: WARNING: w\n/r/b.md:2: WARNING: v", Path("/r"))
    assert two.splitlines()[0] == "1 error and 2 warnings, which fail the build:"


@pytest.mark.unit
def test_validate_does_not_say_it_built_nothing(project):
    (project / "data" / "events.csv").write_text("id\n", encoding="utf-8")
    said = cli(project, "validate").stderr
    assert "in the data." in said and "nothing was built" not in said
