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


# One broken cell each: (table, row id, column, bad value, what the message must say).
BROKEN = [
    ("quotations", "askari-2021-07-08-restraint", "date", "2021-13-45", "'2021-13-45' is not a date (YYYY-MM-DD)"),
    ("quotations", "khazali-2021-06-29-isra", "speaker", "nobody", "'nobody' is not an id in actors"),
    ("events", "ev-2021-07-06-erbil-drone", "source_keys", "afm2021attacks;nosuchkey2021", "'nosuchkey2021' is not a key in"),
    ("claims", "claim-embassy-denied", "evidence", "", "required"),
    ("claims", "claim-embassy-denied", "evidence", "askari-2021-07-08-embassy;ev-2099-01-01-nowhere",
     "'ev-2099-01-01-nowhere' is not the id"),
    ("events", "ev-2021-07-05-embassy-drone", "date_end", "2021-07-04", "is before date_start"),
    ("events", "ev-2021-07-06-erbil-drone", "date_end", "2021-08-06", "outside the study window"),
    ("quotations", "khazali-2021-06-29-isra", "devices", "threat;flattery", "'flattery' is not one of"),
    ("quotations", "khazali-2021-06-29-isra", "signal", "calm", "'calm' is not one of"),
    ("events", "ev-2021-07-06-erbil-drone", "projectiles", "3x", "'3x' is not a whole number"),
    ("quotations", "khazali-2021-06-29-isra", "text", "   ", "is empty (only white space)"),
]  # fmt: skip


@pytest.mark.parametrize("table,row_id,column,value,fragment", BROKEN, ids=[f"{b[0]}.{b[2]}" for b in BROKEN])
def test_a_broken_cell_is_named_by_file_row_and_column(data_copy, table, row_id, column, value, fragment):
    edit_cell(data_copy / f"{table}.csv", row_id, column, value)
    expect(data_copy, table, row_id, column, fragment)


def test_duplicate_id(data_copy):
    path = data_copy / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append(lines[1])  # the first event again
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = messages(data_copy)
    assert any(m.startswith(f"{path.as_posix()}:{len(lines)}: id: ") and "duplicate" in m for m in found), found


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
