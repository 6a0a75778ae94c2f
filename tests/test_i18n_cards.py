"""The extension's own words in the Arabic edition, and the quotation cards and claims of that
edition: the brief's English kept and marked, this edition's translation labelled as such, an
original-language text taking its place when the data have one; the English edition unchanged."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import ROOT
from sphinx.testing.util import SphinxTestApp

from briefbook import i18n

TRANSLATED = "khazali-2021-06-29-attrition"  # given this edition's translation below
UNTRANSLATED = "khazali-2021-06-29-revenge"  # its translation not there yet
ORIGINAL = "askari-2021-07-08-restraint"  # given an original-language text, which takes precedence
CARD_TRANSLATION = "ترجمة تجريبية للمقطع"
ORIGINAL_TEXT = "نص أصلي تجريبي"
CLAIM_TRANSLATION = "ترجمة تجريبية لكلمات الموجز"
LABEL = "This edition’s translation from the English:"
PASSAGES = "claim-threats-after-strikes"  # its translation given in two passages below
SECOND_PASSAGE = "مقطع ثانٍ تجريبي"
NESTING = "claim-effects-exaggerated"  # its translation holds a phrase in guillemets below
NESTED_TRANSLATION = "ترجمة فيها «تغيير المعادلة» بين علامتين"


def translate_the_data(data: Path) -> None:
    """The data's translation table as a translator leaves it part-way (briefbook.i18n.data): one
    statement translated, one not yet, one with its original-language text; the claims translated."""
    table = pd.read_csv(data / "arabic.csv", dtype=str, keep_default_na=False)
    text, brief = (table["field"] == field for field in ("text", "brief_text"))
    table.loc[text & (table["id"] == TRANSLATED), "arabic"] = CARD_TRANSLATION
    table.loc[text & (table["id"] == ORIGINAL), "arabic"] = "ترجمة لا تظهر"
    table.loc[brief, "arabic"] = CLAIM_TRANSLATION
    table.loc[brief & (table["id"] == PASSAGES), "arabic"] = f"{CLAIM_TRANSLATION}|{SECOND_PASSAGE}"  # two passages
    table.loc[brief & (table["id"] == NESTING), "arabic"] = NESTED_TRANSLATION
    table[~(text & (table["id"] == UNTRANSLATED))].to_csv(data / "arabic.csv", index=False)
    quotations = pd.read_csv(data / "quotations.csv", dtype=str, keep_default_na=False)
    original = quotations["id"] == ORIGINAL
    quotations.loc[original, ["original_text", "original_language", "original_source_keys"]] = [
        ORIGINAL_TEXT, "ar", "almanar2021"]  # fmt: skip
    quotations.to_csv(data / "quotations.csv", index=False)


@pytest.fixture(scope="module")
def cards_pages(tmp_path_factory) -> dict[str, BeautifulSoup]:
    """The test root (tests/roots/test-cards) with a copy of the book's data, in each language; each
    app cleaned up (sphinx.testing forgets its catalogs)."""
    pages = {}
    for language in ("ar", "en"):
        root = tmp_path_factory.mktemp(f"cards-{language}")
        shutil.copytree(ROOT / "tests" / "roots" / "test-cards", root, dirs_exist_ok=True)
        shutil.copytree(ROOT / "data", root / "data")
        translate_the_data(root / "data")
        for name in ("references.bib", "VERSION", "CITATION.cff"):
            shutil.copy(ROOT / name, root / name)
        catalog = i18n.catalog_file(root, "ar")
        catalog.parent.mkdir(parents=True)
        shutil.copy(i18n.catalog_file(ROOT, "ar"), catalog)
        app = SphinxTestApp("html", srcdir=root, freshenv=True, confoverrides={"language": language})
        try:
            app.build()
            pages[language] = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
        finally:
            app.cleanup()
    return pages


def arabic(message: str) -> str:
    """The package catalog's Arabic for ``message``, which must differ from the English."""
    found = i18n.gettext(message, "ar", ROOT)
    assert found != message, message
    return found


def card(page: BeautifulSoup, qid: str):
    return page.find(id=f"quote-{qid}").find_parent(class_="data-card")


def titled(piece: str) -> str:
    """The data's translation table's Arabic for a title of the schema (``quotations.annotation``)."""
    table = pd.read_csv(ROOT / "data" / "arabic.csv", dtype=str, keep_default_na=False)
    (found,) = table.loc[(table["table"] == "schema") & (table["id"] == piece) & (table["field"] == "title"), "arabic"]
    return found


@pytest.mark.sphinx
def test_the_arabic_edition_writes_the_extension_s_and_the_schema_s_words_in_arabic(cards_pages):
    page = cards_pages["ar"]
    shown = card(page, TRANSLATED)
    assert shown.select_one(".data-card-text strong").get_text() == titled("quotations.annotation") + " "
    links = arabic("See {row}.").format(row=arabic("its row in the table"))
    assert shown.select_one(".data-card-links").get_text() == links
    # (a word joiner after the slash keeps the month's two names on one line: briefbook.sphinx.bidi)
    assert "29 حزيران/يونيو 2021" in shown.select_one(".attribution").get_text().replace("\u2060", "")
    fields = [f.get_text().rstrip(":") for f in shown.select(".data-card-fields dt")]
    assert fields[:3] == [titled(f"quotations.{w}") for w in ("speaker", "group", "date")]
    assert "What it signals" not in shown.get_text()
    headers = [th.get_text(strip=True) for th in page.select(".register-table thead th")]
    assert headers[:3] == [titled(f"quotations.{w}") for w in ("date", "day_order", "speaker")]
    claims = [th.get_text(strip=True) for th in page.select(".claims-table thead th")]
    assert claims == ["#", *(titled(f"claims.{w}") for w in ("claim", "brief_text", "evidence"))]
    status = arabic("{shown} of {total} {rows} shown").replace("{rows}", arabic("statements"))
    assert page.select_one(".register-words")["data-status"] == status


@pytest.mark.sphinx
def test_the_register_says_what_it_lists_in_its_filter_and_its_order_of_the_day(cards_pages):
    """The filter names the table's rows as the book does (briefbook_table_words), and a row's place among its
    day's rows says of how many: "1 of 4 statements that day"; the day's only row says so."""
    words = {"en": lambda message: message, "ar": arabic}
    for language, page in cards_pages.items():
        say, rows = words[language], words[language]("statements")
        shown = page.select_one(".register-words")
        assert shown["data-label"] == say("Filter the {rows}:").format(rows=rows), language
        assert shown["data-status"] == say("{shown} of {total} {rows} shown").replace("{rows}", rows), language
        places = [p.get_text() for p in page.select(".register-table tbody .day-order")]
        assert places[:2] == [
            say("{place} of {count} {rows} that day").format(place=n, count=4, rows=rows) for n in (1, 2)
        ]
        assert places[-1] == say("the only one that day"), language  # the brief's last statement, alone on 9 July
    assert cards_pages["en"].select_one(".register-table .day-order").get_text() == "1 of 4 statements that day"


@pytest.mark.sphinx
def test_a_card_s_sources_follow_the_page_s_direction(cards_pages):
    """A field holding citations alone is set in the page's direction, like the card's other fields: its
    citations isolated left to right inside it, the paragraph not (flush with the far margin)."""
    shown = card(cards_pages["ar"], TRANSLATED).select(".data-card-fields dd")
    sources = [dd.p for dd in shown if dd.select_one(".source-keys .bibtex-citation")]
    assert sources and all(p.get("dir") is None and p.select_one("span[lang=en][dir=ltr]") for p in sources)


@pytest.mark.sphinx
def test_a_card_gives_the_brief_s_english_marked_then_this_edition_s_labelled_translation(cards_pages, data_rows):
    shown = card(cards_pages["ar"], TRANSLATED)
    english = shown.select_one("p.quotation-text > span[lang=en][dir=ltr]")
    assert english is not None and english.get_text() == f"“{data_rows[TRANSLATED]}”"
    translation = shown.select_one("p.edition-translation")
    assert translation.find_parent("blockquote") is None  # not presented as the speaker's words
    assert translation.strong.get_text() == arabic(LABEL)
    assert translation.select_one(".edition-translation-text").get_text() == arabic("“{text}”").format(
        text=CARD_TRANSLATION
    )


@pytest.mark.sphinx
def test_a_missing_translation_is_said_to_be_missing_in_its_place(cards_pages, data_rows):
    shown = card(cards_pages["ar"], UNTRANSLATED)
    pending = shown.select("p.edition-translation")
    assert [p.get_text() for p in pending] == [arabic("This edition has not yet translated this passage.")]
    assert "untranslated" in pending[0]["class"] and pending[0].find_parent("blockquote") is None
    assert shown.get_text().count(data_rows[UNTRANSLATED]) == 1  # the English once, as the quotation


@pytest.mark.sphinx
def test_an_original_language_text_takes_precedence_with_its_source(cards_pages):
    shown = card(cards_pages["ar"], ORIGINAL)
    assert not shown.select(".edition-translation") and "ترجمة لا تظهر" not in shown.get_text()
    original = shown.select_one("p.quotation-original")
    assert original.strong.get_text() == arabic("The statement in its original language:")
    assert arabic("“{text}”").format(text=ORIGINAL_TEXT) in original.get_text()
    assert original.select_one(".bibtex-citation")  # its source, cited
    # The English edition prints the brief's English alone: the original takes the place of a translation.
    assert not card(cards_pages["en"], ORIGINAL).select("p.quotation-original, .edition-translation")


@pytest.mark.sphinx
def test_a_cited_text_in_its_original_language_is_named_as_the_cited_text(cards_pages):
    """The verse Khazali cited, in the Quran's Arabic: the cited text's words, not the speaker's."""
    shown = card(cards_pages["ar"], "khazali-2021-06-29-isra").select_one("p.quotation-original")
    assert shown.strong.get_text() == arabic("The cited text in its original language:")
    assert "وَمَن قُتِلَ مَظْلُومًا" in shown.get_text() and shown.select_one(".bibtex-citation")


@pytest.mark.sphinx
def test_other_published_translations_are_marked_with_their_text_s_language(cards_pages):
    # Islam Times published in English: its words are marked English inside the Arabic page.
    items = card(cards_pages["ar"], TRANSLATED).select(".listed li .quoted-text")
    assert items and all(i.select_one("span[lang=en][dir=ltr]") for i in items)


@pytest.mark.sphinx
def test_the_claims_table_gives_the_brief_s_english_then_this_edition_s_translation(cards_pages):
    row = cards_pages["ar"].find(id="claim-round-will-calm").find_parent("tr")
    words = row.select("td")[2]
    english = words.select_one("span[lang=en][dir=ltr]")
    assert english.get_text().startswith("“Although attacks on U.S. sites have surged")
    translation = words.select_one("p.edition-translation")
    assert translation.strong.get_text() == arabic(LABEL) and CLAIM_TRANSLATION in translation.get_text()


@pytest.mark.sphinx
def test_a_translation_s_passages_are_printed_as_the_english_s(cards_pages):
    """The passages of the brief joined by an ellipsis in English and in the translation alike:
    the data's separator never reaches a page."""
    page = cards_pages["ar"]
    translation = page.find(id=PASSAGES).find_parent("tr").select_one("p.edition-translation").get_text()
    assert f"{CLAIM_TRANSLATION} … {SECOND_PASSAGE}" in translation, translation
    for language, shown in cards_pages.items():
        for table in shown.select(".claims-table"):
            assert "|" not in table.get_text(), language


@pytest.mark.sphinx
def test_quotation_marks_inside_a_quoted_passage_are_single(cards_pages):
    for language, shown in cards_pages.items():
        words = shown.find(id=PASSAGES).find_parent("tr").select("td")[2].get_text()
        assert "a ‘change in the equation’—meaning" in words and "“change" not in words, (language, words)


@pytest.mark.sphinx
def test_guillemets_inside_a_translation_in_guillemets_become_double_marks(cards_pages):
    """The Arabic edition sets its translation in «…»: a phrase the translation itself sets in
    guillemets is printed in “…” inside them, as Arabic typesetting nests quotation marks."""
    shown = cards_pages["ar"].find(id=NESTING).find_parent("tr").select_one(".edition-translation-text")
    marks = arabic("“{text}”")
    assert marks.startswith("«") and shown.get_text() == marks.format(text="ترجمة فيها “تغيير المعادلة” بين علامتين")


@pytest.mark.sphinx
def test_a_supplied_word_says_what_its_marks_mean(cards_pages):
    """⟨threats⟩, a word the brief lacks, carries a tooltip in the page's language saying that the
    edition supplies it."""
    english = "Supplied by this edition: not in the brief"
    titles = {"en": english, "ar": arabic(english)}
    for language, shown in cards_pages.items():
        marks = shown.select(".edition-supplied")
        assert marks, language
        for mark in marks:
            assert mark.name == "span" and mark.get("title") == titles[language], (language, mark)
        assert shown.find(id=PASSAGES).find_parent("tr").select_one(".edition-supplied").get_text() == "⟨threats⟩"


@pytest.mark.sphinx
def test_the_translation_notice_is_the_arabic_edition_s_alone(cards_pages):
    notice = cards_pages["ar"].select_one(".translation-notice")
    assert notice is not None and re.search("[\u0600-\u06ff]", notice.get_text()) and "English" not in notice.get_text()
    assert cards_pages["en"].select_one(".translation-notice") is None


@pytest.mark.sphinx
def test_the_english_edition_shows_no_translation_and_no_language_marks(cards_pages, data_rows):
    page = cards_pages["en"]
    shown = card(page, TRANSLATED)
    assert shown.select_one("p.quotation-text").get_text() == f"“{data_rows[TRANSLATED]}”"
    assert not shown.select("p.quotation-text span[lang]") and not page.select(".edition-translation")
    assert CARD_TRANSLATION not in page.get_text() and CLAIM_TRANSLATION not in page.get_text()
    assert shown.select_one(".data-card-text strong").get_text() == "What it signals and why. "  # its field's title
    assert "29 June 2021" in shown.select_one(".attribution").get_text()


@pytest.fixture(scope="module")
def data_rows() -> dict[str, str]:
    """Each statement's text as a reader reads it (the brief's markup read)."""
    from briefbook.data import load
    from briefbook.markup import plain

    return {q.id: plain(q.text) for q in load(ROOT / "data").quotations.itertuples()}


@pytest.mark.unit
def test_the_package_s_catalog_translates_every_message_of_the_package():
    """Every message marked in briefbook/ (``_``, ``gettext``) has a finished Arabic translation in
    locales/ar/LC_MESSAGES/briefbook.po, with the same placeholders."""
    keywords = {"_": None, "gettext": None}
    found = {m[2] for m in extract_from_dir(ROOT / "briefbook", keywords=keywords) if isinstance(m[2], str)}
    assert len(found) > 100
    with i18n.catalog_file(ROOT, "ar").open("rb") as handle:
        catalog = {m.id: m for m in read_po(handle) if m.id}
    missing = sorted(m for m in found if m not in catalog or not catalog[m].string or catalog[m].fuzzy)
    assert not missing, missing
    for message in found:
        placeholders = set(re.findall(r"\{\w+\}", message))
        assert set(re.findall(r"\{\w+\}", catalog[message].string)) == placeholders, message


@pytest.mark.unit
def test_the_licence_statement_and_footer_in_arabic():
    """Every word of the licence's statement and footer comes through the catalog (none left in English)."""
    from briefbook.edition import EditionFacts

    facts = EditionFacts.read(ROOT)
    english = facts.footer_html("how-to-cite.html#licence-and-rights")
    footer = facts.footer_html("how-to-cite.html#licence-and-rights", _=arabic)
    assert footer.startswith('<p class="edition-licence">') and footer != english
    assert (
        'href="how-to-cite.html#licence-and-rights"' in footer
        and "https://creativecommons.org/licenses/by/4.0/" in footer
    )
    statement = facts.sentences(arabic)["statement"]
    assert re.match("[\u0600-\u06ff]", statement) and statement != facts.sentences()["statement"]
    assert facts.footer_html() == facts.footer_html(_=str)  # English by default
