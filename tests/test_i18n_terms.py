"""The Arabic term list (locales/ar/terms.csv) holds: no rendering it refuses appears in the Arabic
of the catalogs or of data/arabic.csv; the militias' self-designation المقاومة is marked «المقاومة»
in the edition's voice; and no short Arabic rendering stands before its English (the convention is
the English first, then "(ترجمة هذه الطبعة: «…»)")."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

pytestmark = pytest.mark.unit

TERMS = ROOT / "locales" / "ar" / "terms.csv"
CATALOGS = ROOT / "locales" / "ar" / "LC_MESSAGES"
DATA = ROOT / "data" / "arabic.csv"

# Short vowels, shadda, sukun, dagger alif and tatweel: a refused form is refused however it is
# vocalised (مهدِّئة is مهدئة).
MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
# The brief's title, which does not italicise muqawama, keeps it unmarked.
TITLE = "هل تلمح المقاومة إلى خفض التصعيد؟"
# An outlet's reported wording where the English says plain "the resistance" (not *muqawama*, not
# the militias named as the muqawama in the edition's voice): the Arabic says المقاومة plain as
# well, since guillemets there would read as the outlet's own word. Keyed by the start of the
# English (msgid, or the `english` cell of data/arabic.csv); such a message may hold as many
# unmarked المقاومة as its English holds "the resistance", and no more.
REPORTED_RESISTANCE = {
    # Al-Manar's French edition, reporting Askari's warning (signals-of-de-escalation.md)
    "Al-Manar's French edition, drawing on a report of Al-Mayadeen,": "Al-Manar's report of Askari",
    # the same report, of Khazali's denial and Askari's warning (quotations.md)
    "Al-Manar's French edition, drawing on Al-Mayadeen, also reported": "Al-Manar's report of both",
}
PLAIN_RESISTANCE = re.compile(r"\bthe resistance\b", re.IGNORECASE)
# A rendering before its English: «…» ({en}`“…”`) in a catalog, «…» (“…”) in the data.
OLD_ORDER = re.compile(r"»\s*\(\s*(\{en\}`)?[“‘\"']")


@dataclass
class Passage:
    where: str  # file:line, or file:row
    text: str
    speaker: bool = False  # this edition's translation of a speaker's own words
    english: str = ""  # the English it translates (msgid, or the english cell)


def plain(text: str) -> str:
    return MARKS.sub("", text)


def terms(path: Path = TERMS) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["english", "arabic", "variants_refused", "note"], path
    return rows


def refused(rows: list[dict]) -> dict[str, str]:
    """Each refused form (without its vowel marks) and the term it is refused for."""
    return {plain(v.strip()): row["english"] for row in rows for v in row["variants_refused"].split(";") if v.strip()}


def catalog_passages(folder: Path = CATALOGS) -> list[Passage]:
    out = []
    for po in sorted(folder.rglob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for string in strings:
                if message.id and string:
                    english = message.id if isinstance(message.id, str) else message.id[0]
                    out.append(Passage(f"{po.relative_to(ROOT)}:{message.lineno}", string, english=english))
    return out


def data_passages(path: Path = DATA) -> list[Passage]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        Passage(f"{path.relative_to(ROOT)}:{number} ({r['table']},{r['id']},{r['field']})", r["arabic"],
                speaker=(r["table"], r["field"]) == ("quotations", "text"), english=r["english"])
        for number, r in enumerate(rows, start=2)
    ]  # fmt: skip


def passages() -> list[Passage]:
    return catalog_passages() + data_passages()


def refused_forms(items: list[Passage], forms: dict[str, str]) -> list[str]:
    return [
        f"{p.where}: «{form}» (term list: {term})"
        for p in items
        for form, term in forms.items()
        if form in plain(p.text)
    ]


def allowed_unmarked(p: Passage) -> int:
    """How many unmarked المقاومة the passage may hold: in an outlet's reported wording listed in
    REPORTED_RESISTANCE, as many as its English has plain "the resistance"; elsewhere none."""
    if any(p.english.startswith(start) for start in REPORTED_RESISTANCE):
        return len(PLAIN_RESISTANCE.findall(p.english))
    return 0


def unmarked_muqawama(items: list[Passage]) -> list[str]:
    """المقاومة outside «…» (after removing every «…», innermost first), except in the brief's
    title, in the translation of a speaker's own words, and in an outlet's reported "the
    resistance" (REPORTED_RESISTANCE)."""
    found = []
    for p in items:
        if p.speaker:
            continue
        text = plain(p.text).replace(TITLE, "")
        while True:
            shorter = re.sub(r"«[^«»]*»", "", text)
            if shorter == text:
                break
            text = shorter
        if text.count("المقاومة") > allowed_unmarked(p):
            found.append(f"{p.where}: المقاومة outside «…»")
    return found


def old_order(items: list[Passage]) -> list[str]:
    return [f"{p.where}: «…» before its English: {m.group(0)!r}" for p in items for m in OLD_ORDER.finditer(p.text)]


def test_the_term_list_is_well_formed():
    rows = terms()
    assert all(row["english"].strip() and row["arabic"].strip() for row in rows)
    forms = refused(rows)
    accepted = {plain(row["arabic"]) for row in rows}
    # a refused form is never a term's own rendering
    assert not [f for f in forms if f in accepted]


def test_no_refused_rendering_in_the_arabic():
    problems = refused_forms(passages(), refused(terms()))
    assert not problems, "refused renderings (locales/ar/terms.csv):\n" + "\n".join(problems)


def test_the_militias_self_designation_is_marked():
    problems = unmarked_muqawama(passages())
    assert not problems, "«المقاومة» is marked (locales/ar/terms.csv):\n" + "\n".join(problems)


def test_a_short_rendering_follows_its_english():
    problems = old_order(passages())
    assert not problems, "the English first, then (ترجمة هذه الطبعة: «…»):\n" + "\n".join(problems)


def test_the_checks_find_what_they_look_for(tmp_path):
    """Each check reports a planted fault with its file and line or row."""
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "So far"\nmsgstr "«حتى الآن» ({en}`“So far”`) على تلغرام وقادة المقاومة"\n',
        encoding="utf-8",
    )
    items = [Passage(f"x.po:{p.where.rsplit(':', 1)[1]}", p.text) for p in catalog_passages_in(po)]
    assert refused_forms(items, {"تلغرام": "Telegram"}) == ["x.po:5: «تلغرام» (term list: Telegram)"]
    assert unmarked_muqawama(items) == ["x.po:5: المقاومة outside «…»"]
    assert len(old_order(items)) == 1
    fine = [Passage("y", "قادة «المقاومة» و{en}`“so far”` (ترجمة هذه الطبعة: «حتى الآن»)"),
            Passage("z", "فصائل المقاومة", speaker=True)]  # fmt: skip
    assert not unmarked_muqawama(fine) and not old_order(fine)
    # an outlet's plain "the resistance": unmarked as often as the English says it, no more, and
    # only in the messages listed
    start = next(iter(REPORTED_RESISTANCE))
    reported = f"{start} ... any attack on the resistance would be met with a severe response"
    assert not unmarked_muqawama([Passage("r", "أيّ هجوم على المقاومة", english=reported)])
    assert unmarked_muqawama([Passage("r", "المقاومة والمقاومة", english=reported)])
    assert unmarked_muqawama([Passage("r", "أيّ هجوم على المقاومة", english="any attack on the resistance")])
    assert refused_forms([Passage("v", "مهدِّئة")], refused([{"english": "d", "variants_refused": "مهدئة"}]))


def catalog_passages_in(po: Path) -> list[Passage]:
    with po.open("rb") as f:
        catalog = read_po(f)
    return [Passage(f"{po}:{m.lineno}", m.string) for m in catalog if m.id and m.string]
