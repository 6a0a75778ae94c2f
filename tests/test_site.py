"""The built HTML book: a page per chapter, alt text, anchors, Arabic marked up, data linked."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, site_pages

from briefbook.data import load

pytestmark = pytest.mark.build


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [c["file"] for part in toc["parts"] for c in part["chapters"]]


def pages(site, language=None):
    """The pages of both editions, or of one; without the index and the search page."""
    for path in site_pages(site, language):
        if path.name not in {"genindex.html", "search.html"}:
            yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_a_page_per_chapter(site):
    files = toc_files()
    assert len(files) >= 10
    for name in files:
        page = site / f"{name}.html"
        assert page.is_file(), name
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert soup.find("h1"), name


def test_every_image_and_chart_has_alt_text(site):
    count = 0
    for path, soup in pages(site):
        for img in soup.select("article img, main img"):
            alt = (img.get("alt") or "").strip()
            assert len(alt) > 40, f"{path.name}: {img.get('src')} has alt {alt!r}"
        for fig in soup.select("figure.briefbook-chart"):
            alt = fig.select_one("p.chart-alt").get_text().strip()
            assert len(alt) > 40 and fig.select(".chart-media svg"), f"{path.name}: {fig.get('id')}"
            count += 1
    assert count >= 4


def test_the_four_charts_are_numbered_figures_with_data_links(site):
    found = {}
    for path, soup in pages(site):
        for fig in soup.select("figure.briefbook-chart"):
            found[fig.get("id")] = path.name
            assert fig.select_one(".caption-number"), fig.get("id")
            assert len(fig.find_all("figcaption")) == 1, fig.get("id")  # the legend (cite line) joins the caption
            links = [a.get("href", "") for a in fig.select("a")]
            assert any(href.endswith(".csv") for href in links), fig.get("id")
            assert fig.select_one(".chart-media svg") is not None  # inline, so its marks' links work
            assert any(href.endswith(".svg") for href in links), fig.get("id")  # and downloadable
    assert set(found) == {"fig-timeline", "fig-signals", "fig-claims", "fig-tempo"}


def test_figures_are_referenced_by_number_from_the_prose(site):
    text = "".join(p.read_text(encoding="utf-8") for p in site.glob("chapters/*.html"))
    for name in ("timeline", "signals", "claims", "tempo"):
        assert re.search(rf'href="[^"]*#fig-{name}"[^>]*><span class="std std-numref">Fig\. \d', text), name


def test_arabic_is_marked_right_to_left(site):
    """Arabic inside the English edition (the Arabic edition is right to left throughout: test_arabic_edition)."""
    spans = 0
    for path, soup in pages(site, "en"):
        for el in soup.find_all(string=re.compile("[\u0600-\u06ff]")):
            parent = el.parent
            assert parent.get("lang") == "ar" and parent.get("dir") == "rtl", f"{path.name}: {el[:20]}"
            spans += 1
    assert spans >= 2


def test_every_event_and_claim_has_an_anchor(site):
    data = load(ROOT / "data")
    strikes = (site / "chapters" / "strikes-and-escalation.html").read_text(encoding="utf-8")
    for eid in data.events["id"]:
        assert f'id="event-{eid}"' in strikes
    methods = (site / "chapters" / "data-and-methods.html").read_text(encoding="utf-8")
    for cid in data.claims["id"]:
        assert f'id="{cid}"' in methods


def test_bibliography_holds_every_cited_key(site):
    data = load(ROOT / "data")
    refs = (site / "chapters" / "references.html").read_text(encoding="utf-8")
    keys = set()
    for table in (data.events, data.quotations, data.translations, data.actors):
        for cell in table["source_keys"]:
            keys.update(cell.split(";"))
    for key in keys:
        assert f'id="cite-{key}"' in refs, key


@pytest.mark.parametrize("needle", ["<script>alert", "googletagmanager", "fonts.googleapis"])
def test_no_tracker_or_injected_script(site, needle):
    for path in site.rglob("*.html"):
        assert needle not in path.read_text(encoding="utf-8"), path


def test_every_published_download_is_linked_by_a_page(site):
    """No file of an earlier build stays in a site's _downloads/ (briefbook.build.stages.copied_afresh)."""
    for folder in (site, site / "ar"):
        linked = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.html"))
        stale = [p.relative_to(folder).as_posix() for p in (folder / "_downloads").rglob("*")
                 if p.is_file() and p.relative_to(folder).as_posix() not in linked]  # fmt: skip
        assert not stale, (folder.name, stale)


def test_a_card_describes_its_speaker_as_the_actors_table_does(site):
    """The card's speaker is named and described (``x-describe`` on the field), in each edition's words."""
    data = load(ROOT / "data")
    for edition in ("", "ar/"):
        html = (site / f"{edition}chapters/signals-of-de-escalation.html").read_text(encoding="utf-8")
        page = BeautifulSoup(html, "html.parser")
        fields = [f.get_text(" ", strip=True) for f in page.select(".data-card-fields dd, .data-card-fields td")]
        if not edition:
            assert any(data.row("actors", "askari")["description"][:40] in f for f in fields), fields[:6]
        else:
            assert any("أبو علي العسكري" in f and "شخصية بارزة" in f for f in fields), fields[:6]


def test_a_bound_on_one_side_is_said_in_words_in_the_schema_tables(site):
    """A field with a least value only (a day's order) reads "1 or more", not "from 1 to …": an
    ellipsis stands only where words are left out."""
    from bs4 import BeautifulSoup

    for page, said in (
        ("chapters/data-and-methods.html", "1 or more"),
        ("ar/chapters/data-and-methods.html", "1 فأكثر"),
    ):
        text = " ".join(BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser").get_text(" ").split())
        assert said in text and " to …" not in text and "إلى …" not in text, page
