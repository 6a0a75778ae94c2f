"""Every constraint of the schema (data/datapackage.json) is enforced, by Frictionless, and named by
file, row and column; a schema whose rules cannot be applied is named by file, resource and field:
no traceback from `make validate` or `make book`."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, briefbook

from briefbook.validate import validate

pytestmark = pytest.mark.unit


def schema_edit(data, resource: str, edit) -> None:
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    (spec,) = [r for r in package["resources"] if r["name"] == resource]
    edit(spec["schema"])
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")


def field(schema: dict, name: str) -> dict:
    (found,) = [f for f in schema["fields"] if f["name"] == name]
    return found.setdefault("constraints", {})


CASES = {
    "pattern": (lambda s: field(s, "actor").update(pattern="[a-z("),
                "data/datapackage.json: events.actor: the pattern '[a-z(' is not a regular expression"),
    "minimum": (lambda s: field(s, "day_order").update(minimum="one"),
                "data/datapackage.json: events.day_order: minimum 'one' is not a whole number"),
    # a foreign key of two fields is enforced, named by both columns
    "composite": (lambda s: s.setdefault("foreignKeys", []).append(
                      {"fields": ["actor", "place"], "reference": {"resource": "actors", "fields": ["id", "name"]}}),
                  "data/events.csv:2: actor,place: 'united-states, al-Bukamal"),
    # constraints the hand-written validator ignored: a length, a format
    "minLength": (lambda s: field(s, "place").update(minLength=30),
                  "data/events.csv:3: place: 'al-Omar oil field' is less than the minLength 30"),
    # a cell longer than a schema allows is named by its length, not shown whole
    "maxLength": (lambda s: field(s, "place").update(maxLength=5),
                  "data/events.csv:3: place: is 17 characters long, more than the maxLength 5"),
    "format": (lambda s: next(f for f in s["fields"] if f["name"] == "notes").update(format="uri"),
               ": notes: "),
    # the marks of the project's rules name fields and tables that exist (a typo was a KeyError)
    "within": (lambda s: next(f for f in s["fields"] if f["name"] == "actor_source_keys").update({"x-within": "source_key"}),
               "events.actor_source_keys: x-within names no field 'source_key' of events"),
    "required-if": (lambda s: next(f for f in s["fields"] if f["name"] == "order_note").update({"x-required-if": {"basis": ["time"]}}),
                    "events.order_note: x-required-if names no field 'basis' of events"),
    "required-if-values": (lambda s: next(f for f in s["fields"] if f["name"] == "order_note").update({"x-required-if": {"order_basis": "time"}}),
                           "events.order_note: x-required-if: the values of 'order_basis' are not a list"),
    "required-if-not": (lambda s: next(f for f in s["fields"] if f["name"] == "order_note").update({"x-required-if": {"order_basis": {"not": "only"}}}),
                        "events.order_note: x-required-if: the values of 'order_basis' are not a list"),
    # x-original names the fields of a statement's original, which the cards show and the translation report counts
    "original": (lambda s: next(f for f in s["fields"] if f["name"] == "description").update({"x-original": {"text": "original_description", "language": "notes"}}),
                 "events.description: x-original names no field 'original_description' of events"),
    "original-shape": (lambda s: next(f for f in s["fields"] if f["name"] == "description").update({"x-original": "notes"}),
                       "events.description: x-original should give the fields of the original's text and language"),
    # x-translate is true, false or "beside" (a typo left the field untranslated, and its rows in arabic.csv refused)
    "translate": (lambda s: next(f for f in s["fields"] if f["name"] == "description").update({"x-translate": "besides"}),
                  "events.description: x-translate is 'besides', not one of true, false or 'beside'"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_rule_the_validator_cannot_apply_is_named(data_copy, case):
    edit, said = CASES[case]
    schema_edit(data_copy, "events", edit)
    result = briefbook(data_copy.parent, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert said in result.stderr + result.stdout


def test_the_book_s_own_schema_has_none(data_copy):
    assert ROOT.joinpath("data", "datapackage.json").is_file()
    result = briefbook(data_copy.parent, "validate")
    assert result.returncode == 0, result.stderr


BREAKS = [("events.csv", "ev-2021-07-06-erbil-drone", "projectiles", "3x"),
          ("quotations.csv", "khazali-2021-06-29-isra", "signal", "calm"),
          ("quotations.csv", "khazali-2021-06-29-isra", "speaker", "nobody"),
          ("claims.csv", "claim-embassy-denied", "evidence", ""),
          ("events.csv", "ev-2021-07-06-erbil-drone", "date_end", "2021-08-06"),
          ("actors.csv", "sdf", "id", "SDF")]  # fmt: skip


def test_the_validator_agrees_with_frictionless(data_copy):
    """The rows Frictionless itself (run on the files) finds against the Table Schema are the rows,
    with their columns, that validation names: none dropped, none added."""
    import frictionless
    from conftest import edit_cell

    for file, row, column, value in BREAKS:
        edit_cell(data_copy / file, row, column, value)
    report = frictionless.validate(data_copy / "datapackage.json")
    theirs = {(task.name, e.row_number, ",".join(getattr(e, "field_names", None) or [e.field_name]))
              for task in report.tasks for e in task.errors}  # fmt: skip
    tables = {task.name for task in report.tasks}
    ours = {(p.file.rsplit("/", 1)[-1].removesuffix(".csv"), p.row, p.column) for p in validate(data_copy)}
    assert len(theirs) >= len(BREAKS) and theirs <= ours, theirs - ours  # one CSV line a row here
    rules = {p for p in ours if p[0] in tables} - theirs  # the rules Table Schema cannot state
    assert all(column in ("evidence", "affiliation", "id") or "source_keys" in column for _, _, column in rules), rules


def test_the_study_window_is_the_schema_s(data_copy):
    """The window is read from the date fields' bounds: narrowed there, a later event is refused."""
    from conftest import line_of

    from briefbook.data import load

    for table in ("events", "quotations"):
        schema_edit(data_copy, table, lambda s: [field(s, f["name"]).update(maximum="2021-07-05")
                                                 for f in s["fields"] if f["type"] == "date"])  # fmt: skip
    assert load(data_copy).schema.window[1].isoformat()[:10] == "2021-07-05"
    line = line_of(data_copy / "events.csv", "ev-2021-07-06-erbil-drone")
    assert any(f"events.csv:{line}: date_start: '2021-07-06' is outside the study window 2021-06-27 to 2021-07-05" in str(p)
               for p in validate(data_copy)), validate(data_copy)  # fmt: skip


def test_a_table_the_schema_refers_to_must_exist(data_copy):
    schema_edit(
        data_copy,
        "claims",
        lambda s: next(f for f in s["fields"] if "x-refers-to" in f).update({"x-refers-to": ["event"]}),
    )
    result = briefbook(data_copy.parent, "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert "x-refers-to names no table 'event'" in result.stderr + result.stdout
