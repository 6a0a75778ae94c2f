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
    # the order within a day: every same-day row has its own place, and says what fixes it
    ("quotations", "khazali-2021-06-29-isra", "day_order", "2", "the order of the two within the day is undefined"),
    ("events", "ev-2021-07-07-omar-drone", "day_order", "1", "the order of the two within the day is undefined"),
    ("quotations", "khazali-2021-06-29-isra", "order_basis", "only", "other rows share this day"),
    ("events", "ev-2021-07-06-erbil-drone", "order_basis", "time", "no other row shares this day"),
    ("quotations", "khazali-2021-07-08-tansiqiya", "order_note", "", "say what fixes the order"),
    ("events", "ev-2021-07-05-asad-rockets", "time_local", "", "a reported time fixes the order"),
    ("quotations", "khazali-2021-06-29-isra", "day_order", "", "required"),
    # claims name their source; attributions name theirs
    ("claims", "claim-restraint-called-for", "source_keys", "", "required"),
    ("claims", "claim-restraint-called-for", "brief_text", "", "required"),
    ("events", "ev-2021-07-06-erbil-drone", "actor_source_keys", "", "which source says so"),
    ("events", "ev-2021-07-06-erbil-drone", "actor_source_keys", "republic2021asad", "not also in source_keys"),
    # the brief's markup is well formed
    ("quotations", "askari-2021-07-08-embassy", "text", "The *muqawama reject", "unpaired *"),
    ("claims", "claim-restraint-called-for", "brief_text", "militia leaders {threats}", "not an edition mark"),
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


def brief_for(tmp_path, text: str):
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    return path


def brief_text_problems(data_copy, brief, claim: str) -> list[str]:
    line = line_of(data_copy / "claims.csv", claim)
    return [str(p) for p in validate(data_copy, brief=brief) if f"claims.csv:{line}: brief_text: " in str(p)]


def test_a_claim_not_word_for_word_in_the_brief_is_rejected(data_copy, tmp_path):
    brief = brief_for(tmp_path, "Militia leaders have qualified their threats with calls for restraint.")
    edit_cell(data_copy / "claims.csv", "claim-restraint-called-for", "brief_text", "Militia leaders called for calm.")
    found = brief_text_problems(data_copy, brief, "claim-restraint-called-for")
    assert found and "'Militia leaders called for calm.' is not word for word in" in found[0], found


def test_a_passage_with_the_edition_s_marks_is_checked_without_them(data_copy, tmp_path):
    """Line and page breaks of the brief's text do not count; its asterisks do; {+word} is the edition's."""
    brief = brief_for(tmp_path, "Leaders made a barrage of against\n\ntroops. Then they *paused*.")
    cell = "made a barrage of {+threats} against troops.|Then they *paused*."
    edit_cell(data_copy / "claims.csv", "claim-restraint-called-for", "brief_text", cell)
    assert brief_text_problems(data_copy, brief, "claim-restraint-called-for") == []
    edit_cell(data_copy / "claims.csv", "claim-restraint-called-for", "brief_text", "Then they paused.")
    assert brief_text_problems(data_copy, brief, "claim-restraint-called-for")


def test_claims_out_of_the_brief_s_order_are_rejected(data_copy, sources):
    brief = sources / "brief-2021-07-09-muqawama-de-escalation.txt"
    edit_cell(data_copy / "claims.csv", "claim-round-will-calm", "order", "10")
    line = line_of(data_copy / "claims.csv", "claim-round-will-calm")
    found = [str(p) for p in validate(data_copy, brief=brief)]
    assert any(f"claims.csv:{line}: order: " in m and "order follows the brief" in m for m in found), found


def test_the_real_claims_are_word_for_word_in_the_real_brief(sources):
    assert validate(ROOT / "data", brief=sources / "brief-2021-07-09-muqawama-de-escalation.txt") == []


@pytest.mark.parametrize(
    "descriptor,fragment",
    [
        ('{"name": "x", "resources": [', "is not valid JSON"),
        ('{"name": "x", "resources": [{"name": "actors", "path": "actors.csv"}]}', "datapackage.json"),
        ('["not", "an", "object"]', "is not a JSON object"),
        ('{"name": "x", "resources": [{"name": "actors", "path": "actors.csv", "schema": {"fields": "none"}}]}',
         "datapackage.json"),
    ],
)  # fmt: skip
def test_a_malformed_descriptor_is_one_line_naming_the_file(data_copy, descriptor, fragment):
    (data_copy / "datapackage.json").write_text(descriptor, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "briefbook", "validate"], cwd=data_copy.parent, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("data/datapackage.json") and fragment in lines[0], result.stderr
    assert len(lines) <= 3, result.stderr


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u202a", "\u2069"])
def test_bidirectional_controls_are_refused(data_copy, control):
    edit_cell(data_copy / "actors.csv", "sdf", "description", f"Syrian {control}Democratic Forces")
    line = line_of(data_copy / "actors.csv", "sdf")
    found = messages(data_copy)
    code = f"U+{ord(control):04X}"
    assert any(m.startswith(f"{(data_copy / 'actors.csv').as_posix()}:{line}: description: ") and code in m
               and "character 8" in m for m in found), found  # fmt: skip
