"""Quotations are exact, complete, used where they exist, and all in the register."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from briefbook.data import load
from briefbook.markup import as_in_brief, plain

DIRECTIVE = re.compile(r"^```\{data-card\}\s+quotations\s+(\S+)", re.MULTILINE)


@pytest.fixture(scope="module")
def data():
    return load(ROOT / "data")


def brief_text(sources) -> str:
    """The brief as its plain text prints it: *italics* and **bold** marked with asterisks."""
    return (sources / "brief-2021-07-09-muqawama-de-escalation.txt").read_text(encoding="utf-8")


@pytest.mark.unit
def test_each_quotation_names_the_figure_of_the_brief_that_shows_it(data, sources):
    """The brief's figure captions ("Figure 2: Qais al-Khazali's speech on al-Ahd TV, June 29,
    2021") name the speaker and the date: each quotation's figure must agree with both."""
    captions = dict(re.findall(r"^Figure (\d): (.+)$", brief_text(sources), re.MULTILINE))
    assert sorted(captions) == ["1", "2", "3", "4"]
    for q in data.quotations.itertuples():
        caption = captions[str(q.brief_figure)]
        surname = data.row("actors", q.speaker)["name"].split()[-1].removeprefix("al-")
        assert surname in caption, (q.id, caption)
        assert f"{q.date:%B} {q.date.day}, {q.date.year}" in caption, (q.id, caption)
    assert set(data.quotations["brief_figure"].astype(int)) == {1, 2, 3, 4}  # every figure is quoted


@pytest.mark.unit
def test_quotations_are_exact(data, sources):
    """Exact to the character, the brief's italics and bold included; only the edition's own
    marks ({sic}, {+word}) are not the brief's."""
    brief = brief_text(sources)
    for q in data.quotations.itertuples():
        text = as_in_brief(q.text)
        assert f"“{text}" in brief or f'"{text}' in brief, q.id
        if q.editorial_note:
            assert q.editorial_note in brief, q.id


@pytest.mark.unit
def test_the_brief_s_italics_are_kept(data, sources):
    """Every word the brief italicises inside a quotation is italic in the data too."""
    brief = brief_text(sources)
    for q in data.quotations.itertuples():
        start = brief.index(as_in_brief(q.text))
        printed = brief[start : start + len(as_in_brief(q.text))]
        assert re.findall(r"\*+[^*]+\*+", printed) == re.findall(r"\*+[^*]+\*+", q.text), q.id


@pytest.mark.unit
def test_a_quotation_the_brief_leaves_open_is_marked(data, sources):
    """The brief never closes the Sabereen News quotation: the closing mark is the edition's, and
    the card says so."""
    q = data.row("quotations", "sabereen-2021-07-09-rules")
    brief = brief_text(sources)
    end = brief.index(as_in_brief(q.text)) + len(as_in_brief(q.text))
    assert "”" not in brief[end : end + 20] and '"' not in brief[end : end + 20]
    assert q.text.endswith("{+”}")
    assert "never closes" in q.edition_note


@pytest.mark.unit
def test_translations_are_exact_and_from_the_fact_sheet(data, sources):
    facts = (sources / "facts.md").read_text(encoding="utf-8")
    assert len(data.translations) >= 3
    for t in data.translations.itertuples():
        assert t.text in facts, t.id


def used_in_chapters() -> dict[str, list[str]]:
    uses: dict[str, list[str]] = {}
    for path in sorted((ROOT / "chapters").glob("*.md")):
        for qid in DIRECTIVE.findall(path.read_text(encoding="utf-8")):
            uses.setdefault(qid, []).append(path.name)
    return uses


@pytest.mark.unit
def test_every_quotation_used_in_a_chapter_exists(data):
    unknown = set(used_in_chapters()) - set(data.quotations["id"])
    assert not unknown


@pytest.mark.unit
def test_every_quotation_is_placed_in_the_argument(data):
    assert set(data.quotations["id"]) <= set(used_in_chapters())


@pytest.mark.unit
def test_no_quotation_is_pasted_by_hand(data):
    """Chapters place quotations with the directive, never by copying their text."""
    for path in sorted((ROOT / "chapters").glob("*.md")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        for q in data.quotations.itertuples():
            assert plain(q.text)[:60] not in text, f"{path.name} pastes {q.id}"


@pytest.mark.build
def test_every_quotation_is_in_the_register(site, data):
    html = (site / "chapters" / "quotations.html").read_text(encoding="utf-8")
    for qid in data.quotations["id"]:
        assert f'id="quote-{qid}"' in html, qid


@pytest.mark.build
def test_chapter_cards_carry_the_anchor_and_link_to_the_register(site, data):
    for qid, files in used_in_chapters().items():
        for name in files:
            html = (site / "chapters" / name.replace(".md", ".html")).read_text(encoding="utf-8")
            assert f'id="quote-{qid}"' in html
            assert f'quotations.html#quote-{qid}"' in html


@pytest.mark.build
def test_quotations_render_exactly_in_html(site, data):
    """Every character of each quotation reaches its card (no smart-quote or ellipsis rewriting),
    and each card is printed once in the whole book."""
    from bs4 import BeautifulSoup

    shown, translations = [], []
    for page in sorted((site / "chapters").glob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        shown += [p.get_text() for p in soup.select("p.quotation-text")]
        translations += [s.get_text() for s in soup.select("span.quoted-text")]
    assert len(shown) == len(data.quotations)  # one card per statement
    for q in data.quotations.itertuples():
        closing = "" if q.text.endswith("{+”}") else "”"
        assert sum(text.startswith(f"“{plain(q.text)}{closing}") for text in shown) == 1, q.id
    for t in data.translations.itertuples():
        assert f"“{t.text}”" in translations, t.id
    # the brief's italics reach the page as italics
    signals = BeautifulSoup(
        (site / "chapters" / "signals-of-de-escalation.html").read_text(encoding="utf-8"), "html.parser"
    )
    card = signals.find(id="quote-askari-2021-07-08-restraint").find_parent(class_="data-card")
    assert card.select_one("p.quotation-text em").get_text() == "muqawama fasail"
