"""The coding scheme is a rule, checked: each device of a statement is an escalatory feature, a
limit or neutral (``x-feature`` in data/datapackage.json), each signal says which of the first
two a statement carries (``x-features``), and every statement's signal follows from its devices.
The definitions that readers see (Data and methods) state the same rule."""

from __future__ import annotations

import json
from itertools import product

import pytest
from conftest import ROOT

from briefbook.data import load, split

pytestmark = pytest.mark.unit

FEATURES = ("escalatory", "limit")


@pytest.fixture(scope="module")
def scheme() -> dict:
    """The signal and devices fields of the quotations' schema."""
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    quotations = next(r for r in package["resources"] if r["name"] == "quotations")
    fields = {f["name"]: f for f in quotations["schema"]["fields"]}
    return {"signal": fields["signal"]["x-codes"], "devices": fields["devices"]["x-codes"]}


def features_of(devices: list[str], scheme: dict) -> dict[str, bool]:
    kind = {code["value"]: code["x-feature"] for code in scheme["devices"]}
    return {feature: any(kind[d] == feature for d in devices) for feature in FEATURES}


def signals_for(devices: list[str], scheme: dict) -> list[str]:
    """Every signal whose rule the devices satisfy (exactly one, for a well-formed statement)."""
    has = features_of(devices, scheme)
    return [code["value"] for code in scheme["signal"] if code["x-features"] == has]


def test_every_device_has_one_feature(scheme):
    kinds = {code["value"]: code.get("x-feature") for code in scheme["devices"]}
    assert set(kinds.values()) <= {"escalatory", "limit", "neutral"}, kinds
    assert {"escalatory", "limit"} <= set(kinds.values())


def test_the_definitions_are_mutually_exclusive(scheme):
    """No combination of features satisfies two signals; a statement with no escalatory feature and
    no limit satisfies none (it has no signal and must not be coded)."""
    for combination in product([False, True], repeat=len(FEATURES)):
        has = dict(zip(FEATURES, combination, strict=True))
        matching = [code["value"] for code in scheme["signal"] if code["x-features"] == has]
        assert len(matching) <= 1, (has, matching)
        assert bool(matching) == any(combination), (has, matching)


def test_every_statement_s_signal_follows_from_its_devices(scheme):
    quotations = load(ROOT / "data").quotations
    wrong = []
    for q in quotations.itertuples():
        derived = signals_for(split(q.devices), scheme)
        if derived != [q.signal]:
            wrong.append(f"{q.id}: coded {q.signal!r}, its devices {q.devices!r} give {derived}")
    assert not wrong, "\n".join(wrong)


def test_the_definitions_readers_see_state_the_rule(scheme):
    """Each device's definition opens with its feature, and each one-sided signal's definition names
    the devices (by label) of the feature it requires: the page and the rule cannot drift apart."""
    opening = {"escalatory": "Escalatory feature:", "limit": "Limit:", "neutral": "Neutral"}
    for code in scheme["devices"]:
        assert code["definition"].startswith(opening[code["x-feature"]]), code
    for code in scheme["signal"]:
        wanted = [f for f, present in code["x-features"].items() if present]
        if len(wanted) != 1:
            continue
        labels = [d["label"].lower() for d in scheme["devices"] if d["x-feature"] == wanted[0]]
        assert all(label in code["definition"].lower() for label in labels), (code["value"], labels)


def test_the_rule_would_catch_a_miscoded_statement(scheme):
    """The check is not vacuous: a hostile frame beside a limit is mixed, not de-escalatory."""
    assert signals_for(["denial", "qualifier", "hostile-framing"], scheme) == ["mixed"]
    assert signals_for(["denial", "qualifier"], scheme) == ["de-escalatory"]
    assert signals_for(["threat", "revenge"], scheme) == ["escalatory"]
    assert signals_for(["qualifier", "rules-of-engagement"], scheme) == []
