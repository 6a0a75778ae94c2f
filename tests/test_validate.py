"""The data validate, and broken data fail with a message naming file, row and column."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT, edit_cell, line_of

from briefbook.validate import DataError, check, validate


def test_real_data_validate():
    assert validate(ROOT / "data") == []


def messages(data_dir):
    return [str(p) for p in validate(data_dir)]


def expect(data_dir, table: str, row_id: str, column: str, fragment: str):
    line = line_of(data_dir / f"{table}.csv", row_id)
    found = messages(data_dir)
    prefix = f"{(data_dir / f'{table}.csv').as_posix()}:{line}: {column}: "
    hits = [m for m in found if m.startswith(prefix) and fragment in m]
    assert hits, f"expected {prefix}…{fragment}…, got {found}"


def test_bad_date(data_copy):
    edit_cell(data_copy / "quotations.csv", "askari-2021-07-08-restraint", "date", "2021-13-45")
    expect(data_copy, "quotations", "askari-2021-07-08-restraint", "date", "'2021-13-45' is not a date (YYYY-MM-DD)")


def test_unknown_speaker(data_copy):
    edit_cell(data_copy / "quotations.csv", "khazali-2021-06-29-isra", "speaker", "nobody")
    expect(data_copy, "quotations", "khazali-2021-06-29-isra", "speaker", "'nobody' is not an id in actors")


def test_duplicate_id(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # the first event again
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = messages(data_copy)
    assert any(m.startswith(f"{path.as_posix()}:{len(lines)}: id: ") and "duplicate" in m for m in found), found


def test_missing_source_key(data_copy):
    edit_cell(data_copy / "events.csv", "ev-2021-07-06-erbil-drone", "source_keys", "afm2021attacks;nosuchkey2021")
    expect(data_copy, "events", "ev-2021-07-06-erbil-drone", "source_keys", "'nosuchkey2021' is not a key in")


def test_claim_without_evidence(data_copy):
    edit_cell(data_copy / "claims.csv", "claim-embassy-denied", "evidence", "")
    expect(data_copy, "claims", "claim-embassy-denied", "evidence", "required")


def test_claim_with_unknown_evidence(data_copy):
    edit_cell(
        data_copy / "claims.csv", "claim-embassy-denied", "evidence", "askari-2021-07-08-embassy;ev-2099-01-01-nowhere"
    )
    expect(data_copy, "claims", "claim-embassy-denied", "evidence", "'ev-2099-01-01-nowhere' is not the id")


def test_window_must_be_ordered(data_copy):
    edit_cell(data_copy / "events.csv", "ev-2021-07-05-embassy-drone", "date_end", "2021-07-04")
    expect(data_copy, "events", "ev-2021-07-05-embassy-drone", "date_end", "is before date_start")


def test_date_outside_study_window(data_copy):
    edit_cell(data_copy / "events.csv", "ev-2021-07-06-erbil-drone", "date_end", "2021-08-06")
    expect(data_copy, "events", "ev-2021-07-06-erbil-drone", "date_end", "outside the study window")


def test_unknown_device_code(data_copy):
    edit_cell(data_copy / "quotations.csv", "khazali-2021-06-29-isra", "devices", "threat;flattery")
    expect(data_copy, "quotations", "khazali-2021-06-29-isra", "devices", "'flattery' is not one of")


def test_unknown_signal(data_copy):
    edit_cell(data_copy / "quotations.csv", "khazali-2021-06-29-isra", "signal", "calm")
    expect(data_copy, "quotations", "khazali-2021-06-29-isra", "signal", "'calm' is not one of")


def test_every_problem_is_reported_at_once(data_copy):
    edit_cell(data_copy / "quotations.csv", "askari-2021-07-08-restraint", "date", "2021-13-45")
    edit_cell(data_copy / "events.csv", "ev-2021-07-06-erbil-drone", "source_keys", "nosuchkey2021")
    with pytest.raises(DataError) as info:
        check(data_copy)
    assert len(info.value.problems) >= 2


def test_not_utf8(data_copy):
    path = data_copy / "actors.csv"
    path.write_bytes(path.read_bytes().replace(b"Qais", "Qa\xefs".encode("latin-1")))
    found = messages(data_copy)
    assert any(m.startswith(f"{path.as_posix()}:3: ") and "not UTF-8" in m for m in found), found


def test_bom_and_windows_line_endings_are_accepted(data_copy):
    path = data_copy / "events.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert validate(data_copy) == []


def test_cli_exits_1_and_names_the_problem(data_copy, tmp_path):
    edit_cell(data_copy / "quotations.csv", "askari-2021-07-08-restraint", "date", "2021-13-45")
    (tmp_path / "data").mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "briefbook", "validate"], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "data/quotations.csv:2: date: '2021-13-45' is not a date (YYYY-MM-DD)" in result.stderr
