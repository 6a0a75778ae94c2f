"""One version everywhere, a valid CITATION.cff, generated citations, citable parts, an About
page with checksums, and published anchors that the site keeps."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, site_pages
from test_citation import render

from briefbook import __version__, cite, edition, i18n
from briefbook.data import load
from briefbook.edition import EditionFacts
from briefbook.labels import first_words
from briefbook.sphinx.anchors import published_anchors

VERSION = (ROOT / "VERSION").read_text(encoding="utf-8").strip()


@pytest.mark.unit
def test_one_version_everywhere():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zenodo = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", VERSION)
    assert str(cff["version"]) == VERSION
    assert str(cff["preferred-citation"]["version"]) == VERSION
    assert zenodo["version"] == VERSION
    assert package["version"] == VERSION
    assert __version__ == VERSION


@pytest.mark.unit
def test_citation_cff_validates():
    exe = ROOT / ".venv-cff" / "bin" / "cffconvert"
    assert exe.is_file(), "run `make test` (it installs cffconvert into .venv-cff)"
    result = subprocess.run([str(exe), "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.build
def test_how_to_cite_is_rendered_from_the_book_s_csl_json(site):
    """The page's APA and Chicago forms are what citeproc-py renders from cite/book.json, which
    holds the book's item as the project's files give it; the BibTeX is cite/book.bib."""
    (item,) = json.loads((site / "cite" / "book.json").read_text(encoding="utf-8"))
    assert item == cite.book_item(EditionFacts.read(ROOT))
    soup = BeautifulSoup((site / "chapters" / "how-to-cite.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.select_one(".citation-apa").get_text() == f"APA. {render(item, 'apa')}"
    assert soup.select_one(".citation-chicago").get_text() == f"Chicago. {render(item, 'chicago-author-date')}"
    bibtex = soup.select_one(".citation-bibtex").get_text().strip()
    assert bibtex == (site / "cite" / "book.bib").read_text(encoding="utf-8").strip()
    assert VERSION in soup.select_one(".citation-apa").get_text() and f"version = {{{VERSION}}}" in bibtex
    page = site / "chapters" / "how-to-cite.html"
    files = [(page.parent / a["href"]).resolve() for a in soup.select(".citation-files a")]
    assert files == [site.resolve() / "cite" / f"book.{ext}" for ext in ("bib", "ris", "json")]
    assert "Changelog" in soup.get_text()
    assert not (site / "sitemap.xml").exists()  # no address, no sitemap


@pytest.mark.build
@pytest.mark.parametrize("language,words", [("en", "version {}"), ("ar", "الإصدار {}")])
def test_version_in_every_page_footer(site, language, words):
    pages = site_pages(site, language)
    assert len(pages) >= 12
    for page in pages:
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".edition-footer")
        assert footer is not None and words.format(VERSION) in footer.get_text(), page


@pytest.mark.build
def test_every_quotation_and_figure_has_a_cite_line(site):
    """Each names what it cites in words (speaker, day and first words; the figure's number and
    title) and its place in the book: a path while the book's address is unset, never an invented URL."""
    data = load(ROOT / "data")
    lines = []
    for page in site.glob("chapters/*.html"):
        lines += [
            p.get_text() for p in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".cite-line")
        ]
    assert lines and not any("http" in line for line in lines)
    for q in data.quotations.itertuples():
        said = f"{data.row('actors', q.speaker)['name']}, {i18n.long_date(q.date, 'en')}, ‘{first_words(q.text)}’"
        words = f"“Quotation: {said}”"
        assert any(words in line and f" chapters/quotations.html#quote-{q.id}. " in line for line in lines), q.id
    figures = 0
    for page in site.glob("chapters/*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for fig in soup.select("figure.briefbook-chart"):
            number = fig.select_one(".caption-number").get_text().split()[-1]  # "Fig. 1.1"
            line = fig.select_one(".cite-line").get_text()
            assert (
                f"“Figure {number}: " in line and f"chapters/{page.stem}.html#{fig['id']}" in line and VERSION in line
            )
            assert [a["href"] for a in fig.select(".cite-line .cite-files a")] == [
                f"../cite/{fig['id']}.{ext}" for ext in ("bib", "ris", "json")
            ]
            figures += 1
    assert figures == 4


@pytest.mark.build
def test_about_page_lists_checksums(site):
    """The data files' and each chart's (as the pages show it) SHA-256; a chart named as its page
    numbers it ("Figure 7.1 (SVG)", «الشكل 7.1 (SVG)»), in each edition."""
    for edition_root, figure in ((site, "Figure"), (site / "ar", "الشكل")):
        about = edition_root / "chapters" / "about.html"
        soup = BeautifulSoup(about.read_text(encoding="utf-8"), "html.parser")
        rows = {
            r.select("td")[0].get_text(): r.select("td")[1].get_text() for r in soup.select("table.checksums tbody tr")
        }
        for path in [
            *sorted((ROOT / "data").glob("*.csv")),
            ROOT / "data" / "datapackage.json",
            ROOT / "references.bib",
        ]:
            name = path.relative_to(ROOT).as_posix()
            assert rows[name] == hashlib.sha256(path.read_bytes()).hexdigest(), name
        for page, chart in (("overview", "timeline"), ("strikes-and-escalation", "tempo"),
                            ("signals-of-de-escalation", "signals"), ("data-and-methods", "claims")):  # fmt: skip
            html = edition_root / "chapters" / f"{page}.html"
            page_soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
            link = page_soup.select_one(f'#fig-{chart} .chart-downloads a[href$=".svg"]')  # the notebook's own SVG
            svg = (html.parent / link["href"]).read_bytes()
            number = page_soup.select_one(f"#fig-{chart} .caption-number").get_text().split()[-1]  # "1.1"
            assert rows[f"{figure} {number} (SVG)"] == hashlib.sha256(svg).hexdigest(), chart
            assert len(rows[f"{figure} {number} (PDF)"]) == 64
        assert not any(name.startswith(("chart ", "الشكل claims")) for name in rows)  # no chart by its id
        text = soup.get_text()
        assert f"{VERSION}" in text
    english = BeautifulSoup((site / "chapters" / "about.html").read_text(encoding="utf-8"), "html.parser")
    assert i18n.long_date(edition.edition_date(ROOT), "en") in english.get_text()


@pytest.mark.unit
def test_published_anchors_cover_every_quotation_figure_and_claim():
    anchors = set(published_anchors(ROOT))
    data = load(ROOT / "data")
    for qid in data.quotations["id"]:
        assert f"chapters/quotations.html#quote-{qid}" in anchors
    for cid in data.claims["id"]:
        assert f"chapters/data-and-methods.html#{cid}" in anchors
    assert {a.split("#")[1] for a in anchors if "#fig-" in a} == {
        "fig-timeline",
        "fig-signals",
        "fig-claims",
        "fig-tempo",
    }


def anchors_in_site(html: Path) -> set[str]:
    """Every page of the built site, and every id in it."""
    found = set()
    for page in html.rglob("*.html"):
        found.add(rel := page.relative_to(html).as_posix())
        found.update(f"{rel}#{anchor}" for anchor in re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    return found


@pytest.mark.build
def test_every_published_anchor_exists(site):
    missing = set(published_anchors(ROOT)) - anchors_in_site(site)
    assert not missing


@pytest.mark.unit
def test_edition_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625832000")
    assert edition.edition_date(ROOT).isoformat().startswith("2021-07-09T12:00:00")
