"""The built Arabic edition: a counterpart of every English page, right to left, translated
(no paragraph mostly in Latin letters outside quotations, code, references and names), its
charts labelled in Arabic, searchable in Arabic, with its own PDF and EPUB."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from briefbook.project import Project

pytestmark = pytest.mark.build

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile(r"[A-Za-z]")
# What an Arabic page may leave in Latin letters: English marked as such (quotations as the brief
# gives them, names, titles), code and values of the data, addresses, the references, citations
# and cite lines (bibliographic records) with their files' formats, the chart's drawing (tested
# below), the theme's keyboard hints; and, in a label, a statement's first words in quotation marks.
KEPT = (
    '[lang="en"], [lang="fr"], code, pre, kbd, .bibliography, .citation, .bibtex-citation, .cite-line,'
    " .cite-files, .citation-apa, .citation-chicago, svg, script, style, .headerlink"
)
QUOTED = re.compile(r"«[^»]*»|“[^”]*”")
IDENTIFIER = re.compile(r"[A-Za-z0-9]+(?:[_-][A-Za-z0-9]+)+")  # date_start, ev-YYYY-MM-DD-place-type
BLOCKS = "p, li, td, th, h1, h2, h3, h4, dt, dd, figcaption, caption"


def docnames(site) -> list[str]:
    english = [
        p for p in site.rglob("*.html") if "_static" not in p.parts and "ar" not in p.relative_to(site).parts[:1]
    ]
    return sorted(
        p.relative_to(site).with_suffix("").as_posix()
        for p in english
        if p.name not in {"genindex.html", "search.html"}
    )


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_english_page_has_an_arabic_counterpart_right_to_left(site):
    names = docnames(site)
    assert "index" in names and "chapters/overview" in names and len(names) >= 12
    for name in names:
        page = site / "ar" / f"{name}.html"
        assert page.is_file(), name
        html = soup(page).html
        assert (html.get("lang"), html.get("dir")) == ("ar", "rtl"), name
        english = soup(site / f"{name}.html").html
        assert english.get("lang") == "en" and english.get("dir") in (None, "ltr"), name


def mostly_latin(block) -> bool:
    words = QUOTED.sub(" ", re.sub(r"https?://\S+|\S+@\S+", " ", block.get_text(" ")))
    words = IDENTIFIER.sub(" ", words)
    latin, arabic = len(LATIN.findall(words)), len(ARABIC.findall(words))
    return latin > arabic


def test_no_paragraph_of_the_arabic_pages_is_left_in_english(site):
    left = []
    for name in docnames(site):
        article = soup(site / "ar" / f"{name}.html").select_one("article.bd-article")
        assert article is not None, name
        for kept in article.select(KEPT):
            kept.decompose()
        for block in article.select(BLOCKS):
            if block.select(BLOCKS):  # a list item holding paragraphs: each paragraph is looked at
                continue
            if mostly_latin(block):
                left.append(f"{name}: {' '.join(block.get_text(' ').split())[:90]}")
    assert not left, f"{len(left)} passages of the Arabic pages are mostly in Latin letters:\n" + "\n".join(left)


def test_the_arabic_charts_are_labelled_in_arabic(site):
    charts = soup(site / "ar" / "chapters" / "overview.html").select("figure svg")
    assert charts
    for svg in charts:
        labels = " ".join(t.get_text(" ") for t in svg.select("text"))
        assert ARABIC.search(labels), labels[:200]


def search_terms(index) -> dict:
    """The words of a Sphinx search index (JSON inside ``Search.setIndex(...)``, non-ASCII escaped)."""
    text = index.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"]


def test_the_arabic_search_index_holds_arabic_words(site):
    from briefbook.sphinx.search import arabic_stem

    assert arabic_stem("الخزعلي") in search_terms(site / "ar" / "searchindex.js")  # stemmed (خزعل)
    assert arabic_stem("الخزعلي") not in search_terms(site / "searchindex.js")


def test_each_edition_has_its_pdf_and_epub(book):
    project = Project(book)
    for language in ("en", "ar"):
        assert project.published("pdf", language).stat().st_size > 100_000
        assert project.published("epub", language).is_file()
        for name in project.download_names(language).values():
            assert (project.site_dir(language) / name).is_file(), name
    assert project.published("pdf", "ar") != project.published("pdf", "en")


@pytest.mark.parametrize("kind", ["pdf", "epub"])
def test_arabic_downloads_are_linked_from_arabic_pages(site, kind):
    names = Project(ROOT).download_names("ar")
    page = (site / "ar" / "chapters" / "overview.html").read_text(encoding="utf-8")
    assert f'href="../{names[kind]}"' in page


def test_the_arabic_epub_reads_right_to_left_and_passes_epubcheck(book, tmp_path):
    import zipfile

    from test_epub import epubcheck

    epub = Project(book).published("epub", "ar")
    report = epubcheck(epub, tmp_path / "epubcheck.json")
    assert report["checker"]["nFatal"] == 0 and report["checker"]["nError"] == 0, report["messages"]
    assert report["publication"]["title"] == "هل تلمّح المقاومة إلى خفض التصعيد؟ طبعة دراسية"
    with zipfile.ZipFile(epub) as archive:
        package = archive.read("content.opf").decode("utf-8")
        page = archive.read("chapters/overview.xhtml").decode("utf-8")
    assert "<dc:language>ar</dc:language>" in package and 'page-progression-direction="rtl"' in package
    assert page.count('dir="rtl"') >= 1 and 'lang="ar" xml:lang="ar"' in page
    assert re.search(r"<html[^>]*>", page).group(0).count("dir=") == 1  # one direction on <html> (twice is no XML)


def test_the_arabic_pdf_embeds_its_fonts_and_reads_right_to_left(book):
    """Every font embedded; the title page and the contents extracted in logical order, Arabic
    first (pdftotext follows the reading order): the book is set right to left."""
    import subprocess

    pdf = Project(book).published("pdf", "ar")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column
    assert any("Amiri" in line for line in fonts)
    front = subprocess.run(["pdftotext", "-l", "8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # pdftotext puts spaces inside some of Amiri's words and marks the direction: compare the letters
    letters = re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", front)
    for words in ("هل تلمّح المقاومة إلى خفض التصعيد؟", "المحتويات", "نظرة عامة"):
        assert words.replace(" ", "") in letters, words
    assert "A study edition of the brief" not in front
