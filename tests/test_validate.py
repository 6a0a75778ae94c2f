"""The data validate, and broken data fail with a message naming file, row and column."""

from __future__ import annotations

import pytest
from conftest import ROOT, briefbook, edit_cell, line_of

from briefbook.validate import validate

pytestmark = pytest.mark.unit


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
     "'ev-2099-01-01-nowhere' is not an id in quotations or events"),
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
    ("quotations", "khazali-2021-07-08-tansiqiya", "order_note", "",
     "is required when order_basis is not 'only': say what fixes the order"),
    ("events", "ev-2021-07-05-asad-rockets", "time_local", "", "is required when order_basis is 'time': a reported time fixes the order"),
    ("quotations", "khazali-2021-06-29-isra", "day_order", "", "required"),
    # claims name their source; attributions name theirs
    ("claims", "claim-restraint-called-for", "source_keys", "", "required"),
    ("claims", "claim-restraint-called-for", "brief_text", "", "required"),
    ("events", "ev-2021-07-06-erbil-drone", "actor_source_keys", "",
     "is required when actor_status is 'claimed' or 'attributed': which source says so?"),
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
    assert len(validate(data_copy)) >= 2


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
    result = briefbook(tmp_path, "validate")
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
    brief = brief_for(tmp_path, "Leaders made a barrage of against\n\ntroops. Words left out. Then they *paused*.")
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


@pytest.mark.parametrize(("orders", "said"), [
    ({"claim-threat-tempered": "10"}, "between claim-restraint-called-for (5) and claim-embassy-denied (7) in the "
                                      "brief: give it 6; "),
    ({"claim-threat-tempered": "10", "claim-embassy-denied": "6"},  # a claim inserted with the next free number
     "between claim-restraint-called-for (5) and claim-embassy-denied (6) in the brief: give it 6 and renumber the "
     "claims after it; "),
    ({"claim-round-will-calm": "10"}, "before claim-threats-after-strikes (2) in the brief: give it 1; "),
])  # fmt: skip
def test_a_claim_out_of_order_is_told_where_its_passage_falls_and_its_number(data_copy, sources, orders, said):
    for claim, number in orders.items():
        edit_cell(data_copy / "claims.csv", claim, "order", number)
    line = line_of(data_copy / "claims.csv", next(iter(orders)))
    found = [str(p) for p in validate(data_copy, brief=sources / "brief-2021-07-09-muqawama-de-escalation.txt")]
    assert [m.split("/data/")[1] for m in found] == [
        f"claims.csv:{line}: order: '10': its passage comes {said}order follows the brief"
    ]


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
    result = briefbook(data_copy.parent, "validate")
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


# The quotations' text, like the claims' brief_text, stands word for word in the brief.


def column_problems(data_copy, brief, table: str, row_id: str, column: str) -> list[str]:
    line = line_of(data_copy / f"{table}.csv", row_id)
    return [str(p) for p in validate(data_copy, brief=brief) if f"{table}.csv:{line}: {column}: " in str(p)]


def test_a_quotation_not_word_for_word_in_the_brief_is_refused(data_copy, sources):
    brief = sources / "brief-2021-07-09-muqawama-de-escalation.txt"
    row = "khazali-2021-07-08-tansiqiya"
    assert column_problems(data_copy, brief, "quotations", row, "text") == []
    # one word changed ("So far" to "Until now"): refused, naming file, row and column
    edit_cell(data_copy / "quotations.csv", row, "text",
              "Until now, the American embassy has not been part of the response equation of the **Haya al-Tansiqiya**")  # fmt: skip
    found = column_problems(data_copy, brief, "quotations", row, "text")
    assert len(found) == 1 and "'Until now, the American embassy" in found[0] and "not word for word" in found[0], found
    # the brief's bold lost is a change of its text too (its typography is part of what it prints)
    edit_cell(data_copy / "quotations.csv", row, "text",
              "So far, the American embassy has not been part of the response equation of the Haya al-Tansiqiya")  # fmt: skip
    assert column_problems(data_copy, brief, "quotations", row, "text")


def test_a_quotation_is_checked_without_the_edition_s_marks(data_copy, tmp_path):
    brief = brief_for(tmp_path, "He said: “We will *strike* all\nyour bases. We will not stop.")
    row = "sabereen-2021-07-09-rules"
    for ok in ("We will *strike* all your bases.{+”}", "We will *strike*{sic} all your bases.",
               "We will *strike* all your bases. We will not stop."):  # fmt: skip
        edit_cell(data_copy / "quotations.csv", row, "text", ok)
        assert column_problems(data_copy, brief, "quotations", row, "text") == [], ok
    for bad in ("We will strike all your bases.", "We will *strike* every one of your bases.",
                "We will *strike* all your bases.|We will not stop."):  # fmt: skip
        edit_cell(data_copy / "quotations.csv", row, "text", bad)
        assert column_problems(data_copy, brief, "quotations", row, "text"), bad


def contributing_example() -> list[str]:
    """The ``new quotation`` command that CONTRIBUTING.md gives authors, as arguments."""
    import re
    import shlex

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(\s*\S*python -m briefbook new quotation.*?)```", text, re.S)
    assert block, "CONTRIBUTING.md no longer gives the new quotation command"
    argv = shlex.split(block.group(1).replace("\\\n", " "))
    return argv[argv.index("briefbook") + 1 :]


def test_the_contributing_example_s_placeholder_text_is_refused(data_copy, sources, monkeypatch):
    """CONTRIBUTING's example writes a placeholder for the text: the command refuses it, as it
    refuses any text that is not the brief's, and writes nothing."""
    before = (data_copy / "quotations.csv").read_bytes()
    monkeypatch.setenv("BRIEFBOOK_SOURCES", str(sources))
    result = briefbook(data_copy.parent, *contributing_example())
    assert result.returncode == 1, result.stdout + result.stderr
    assert ": text: the passage beginning '…exactly as the brief gives it…' is not word for word" in result.stderr
    assert (data_copy / "quotations.csv").read_bytes() == before


# Passages joined by | are printed with an ellipsis between them: there must be words between them.


def test_a_separator_between_adjacent_passages_is_refused(data_copy, tmp_path):
    brief = brief_for(
        tmp_path, "Militias can shrug off strikes. They draw a line\nat loss of life. Militias signal. Other words."
    )
    row = "claim-no-lethal-cycle"
    edit_cell(data_copy / "claims.csv", row, "brief_text", "They draw a line at loss of life.|Militias signal.")
    found = brief_text_problems(data_copy, brief, row)
    assert len(found) == 1 and "passages 1 and 2 are adjacent in the brief: join them" in found[0], found
    edit_cell(
        data_copy / "claims.csv", row, "brief_text", "Militias can shrug off strikes.|Militias signal.|Other words."
    )
    found = brief_text_problems(data_copy, brief, row)
    assert len(found) == 1 and "passages 2 and 3 are adjacent" in found[0], found
    for ok in (
        "Militias can shrug off strikes.|Militias signal.",
        "They draw a line at loss of life. Militias signal.",
    ):
        edit_cell(data_copy / "claims.csv", row, "brief_text", ok)
        assert brief_text_problems(data_copy, brief, row) == [], ok


def test_nested_quotation_marks_read_as_the_brief_s(data_copy, tmp_path):
    """A quotation printed inside double marks sets its own marks single: the same words."""
    brief = brief_for(tmp_path, "Militias discussed a “change in the equation”—meaning force.")
    row = "claim-threats-after-strikes"
    edit_cell(
        data_copy / "claims.csv", row, "brief_text", "Militias discussed a ‘change in the equation’—meaning force."
    )
    assert brief_text_problems(data_copy, brief, row) == []
    edit_cell(
        data_copy / "claims.csv", row, "brief_text", "Militias discussed a ‘shift in the equation’—meaning force."
    )
    assert brief_text_problems(data_copy, brief, row)


def set_translation(data_dir, table: str, row_id: str, field: str, value: str) -> int:
    """Set one translation of ``data/arabic.csv``; returns its line."""
    import csv

    path = data_dir / "arabic.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    (hit,) = [r for r in rows if (r["table"], r["id"], r["field"]) == (table, row_id, field)]
    hit["arabic"] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return rows.index(hit) + 2


def test_a_translation_keeps_the_passages_of_its_english(data_copy):
    path = (data_copy / "arabic.csv").as_posix()
    line = set_translation(data_copy, "claims", "claim-round-will-calm", "brief_text", "مقطع واحد بلا فاصل")
    assert any(m.startswith(f"{path}:{line}: arabic: has 1 passage(s)") and "its English has 2" in m
               for m in messages(data_copy)), messages(data_copy)  # fmt: skip
    line = set_translation(data_copy, "claims", "claim-effects-exaggerated", "brief_text", "مقطع|ومقطع آخر")
    assert any(m.startswith(f"{path}:{line}: arabic: has 2 passage(s)") for m in messages(data_copy))
    set_translation(data_copy, "claims", "claim-round-will-calm", "brief_text", "مقطع أول|ومقطع ثانٍ")
    set_translation(data_copy, "claims", "claim-effects-exaggerated", "brief_text", "مقطع واحد")
    assert not [m for m in messages(data_copy) if "arabic.csv" in m and "passage" in m]
