"""A schema (data/datapackage.json) that Frictionless accepts but whose rules the validator cannot
apply is named by file, resource and field: no traceback from `make validate` or `make book`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

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
                "data/datapackage.json: events.day_order: minimum 'one' is not a number"),
    "composite": (lambda s: s.setdefault("foreignKeys", []).append(
                      {"fields": ["actor", "place"], "reference": {"resource": "actors", "fields": ["id", "name"]}}),
                  "data/datapackage.json: events.foreignKeys: ['actor', 'place']: only a foreign key of one field"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_rule_the_validator_cannot_apply_is_named(data_copy, case):
    edit, said = CASES[case]
    schema_edit(data_copy, "events", edit)
    result = subprocess.run([sys.executable, "-m", "briefbook", "validate"], cwd=data_copy.parent,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert said in result.stderr + result.stdout


def test_the_book_s_own_schema_has_none(data_copy):
    assert ROOT.joinpath("data", "datapackage.json").is_file()
    result = subprocess.run([sys.executable, "-m", "briefbook", "validate"], cwd=data_copy.parent,
                            capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
