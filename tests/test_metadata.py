"""Machine-readable citation on every page: Highwire Press and Dublin Core tags, OpenGraph and
schema.org JSON-LD, read back with extruct (and lxml for the Highwire tags, which extruct does
not know), with and without the book's address."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin

import extruct
import pytest
import yaml
from conftest import ADDRESS, ROOT, edit_cell, site_pages
from extruct.utils import parse_html
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from briefbook.data import load
from briefbook.edition import Author, Brief, EditionFacts
from briefbook.markup import words
from briefbook.project import Project
from briefbook.sphinx import metadata
from briefbook.sphinx.metadata import Page, href, licence_url, meta_tags, tags

TITLE = "A Study Edition"
ED = EditionFacts(
    root=Path("."),
    version="1.2.3",
    date=datetime(2021, 7, 9, 12, tzinfo=UTC),
    commit=None,
    title=TITLE,
    authors=(Author("The contributors"), Author("Hamdi Malik", "Hamdi", "Malik")),
    brief=Brief("The Brief", ("Hamdi Malik", "Crispin Smith"), "The Institute", "Spotlight", date(2021, 7, 9)),
)
PDF = "downloads/muqawama-de-escalation-study-edition-1.2.3.pdf"
ADDRESSED = replace(ED, site_url=ADDRESS, doi="10.5281/zenodo.1", licences=("CC-BY-4.0",))
LANDING = Page("index.html", TITLE, "book")
CHAPTER = Page("chapters/overview.html", "Overview", "chapter")
HOSTILE = "</script><script>alert(1)</script> <!-- \"quoted\" & 'single' <b>"


def values(tags: list[tuple[str, str]], name: str) -> list[str]:
    return [v for n, v in tags if n == name]


def read_script(script: str) -> dict:
    """The JSON-LD of a ``<script>``, read back."""
    return json.loads(script.removeprefix('<script type="application/ld+json">').removesuffix("</script>\n"))


# The builders (pure functions)


@pytest.mark.unit
def test_a_chapter_is_a_section_of_the_book_and_the_landing_page_the_book():
    found = tags(ED, CHAPTER)
    assert values(found, "citation_title") == ["Overview"]
    assert values(found, "citation_inbook_title") == [TITLE]
    assert values(found, "citation_author") == ["The contributors", "Malik, Hamdi"]
    assert values(found, "citation_publication_date") == ["2021/07/09"]
    assert values(found, "prism.edition") == ["1.2.3"]
    book = tags(ED, LANDING)
    assert values(book, "citation_title") == [TITLE] and not values(book, "citation_inbook_title")
    assert values(tags(ED, CHAPTER), "DC.title") == ["Overview"]
    assert values(tags(ED, CHAPTER), "DC.date") == ["2021-07-09"]


@pytest.mark.unit
def test_without_the_address_no_url_that_must_be_absolute_is_made_up():
    for page in (LANDING, CHAPTER):
        assert not values(tags(ED, page), "citation_pdf_url")
        assert not values(tags(ED, page), "citation_doi")
    assert href(ED, "", CHAPTER.target) == "../" and href(ED, "", LANDING.target) == "./"
    assert href(ED, PDF, CHAPTER.target) == "../" + PDF
    assert href(ED, "chapters/quotations.html#quote-x", CHAPTER.target) == "quotations.html#quote-x"
    assert "http" not in metadata.script(ED, [metadata.page_node(ED, LANDING, [CHAPTER])]).replace(metadata.CONTEXT, "")


@pytest.mark.unit
def test_with_the_address_every_url_is_absolute_and_the_doi_names_the_book_only():
    found = tags(ADDRESSED, CHAPTER)
    assert values(found, "citation_pdf_url") == [ADDRESS + PDF]
    assert not values(found, "citation_doi")  # the book's DOI would misidentify a chapter
    assert values(tags(ADDRESSED, LANDING), "citation_doi") == ["10.5281/zenodo.1"]
    chapter = metadata.page_node(ADDRESSED, CHAPTER)
    assert chapter["@id"] == chapter["url"] == ADDRESS + "chapters/overview.html"
    assert chapter["isPartOf"] == {"@type": "Book", "@id": ADDRESS, "name": TITLE, "version": "1.2.3", "url": ADDRESS}
    assert chapter["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert values(tags(ADDRESSED, LANDING), "DC.rights") == ["https://creativecommons.org/licenses/by/4.0/"]


@pytest.mark.unit
def test_licences_are_given_by_their_own_addresses():
    assert licence_url("CC-BY-4.0") == "https://creativecommons.org/licenses/by/4.0/"
    assert licence_url("CC-BY-SA-4.0") == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert licence_url("CC0-1.0") == "https://creativecommons.org/publicdomain/zero/1.0/"
    # the book's own (_config.yml's briefbook_licences), as the footer and LICENSE give it
    assert licence_url("MIT", EditionFacts.read(ROOT)) == "https://opensource.org/licenses/MIT"
    assert licence_url("Apache-2.0") == "https://spdx.org/licenses/Apache-2.0.html"
    assert "license" not in metadata.page_node(ED, CHAPTER)  # none stated, none claimed


@pytest.mark.unit
def test_the_book_is_based_on_the_brief():
    book, report = read_script(metadata.script(ED, [metadata.page_node(ED, LANDING, [CHAPTER])]))["@graph"]
    assert book["isBasedOn"] == {"@id": report["@id"]}
    assert report["@type"] == "Report" and report["name"] == "The Brief"
    assert [a["name"] for a in report["author"]] == ["Hamdi Malik", "Crispin Smith"]
    assert report["publisher"]["name"] == "The Institute" and report["datePublished"] == "2021-07-09"
    assert book["hasPart"] == [{"@type": "Chapter", "@id": "chapters/overview.html", "name": "Overview",
                                "url": "chapters/overview.html"}]  # fmt: skip
    assert book["encoding"]["contentUrl"] == PDF


@pytest.mark.unit
def test_a_quotation_keeps_its_text_and_speaker_and_no_licence():
    q = metadata.Quoted(
        "quote-x", "chapters/quotations.html#quote-x", HOSTILE, "2021-07-08", "Qais al-Khazali", "person"
    )
    node = metadata.quotation(ADDRESSED, CHAPTER, q)
    assert node["text"] == HOSTILE and node["dateCreated"] == "2021-07-08"
    assert node["spokenByCharacter"] == {"@type": "Person", "name": "Qais al-Khazali"}
    assert node["@id"] == ADDRESS + "chapters/quotations.html#quote-x"
    assert node["url"] == ADDRESS + "chapters/overview.html#quote-x"
    assert "license" not in node  # the quotations belong to their owners
    group = metadata.quotation(
        ED, CHAPTER, metadata.Quoted("quote-y", "x.html#quote-y", "t", "2021-07-08", "G", "outlet")
    )
    assert group["spokenByCharacter"]["@type"] == "Organization"


@pytest.mark.unit
def test_a_passage_that_cites_a_text_is_not_spoken_by_the_speaker():
    q = metadata.Quoted("quote-v", "x.html#quote-v", "And whoever", "2021-06-29", "Qais al-Khazali", "person",
                      "Quran 17:33 (al-Isra 33)")  # fmt: skip
    node = metadata.quotation(ED, CHAPTER, q)
    assert "spokenByCharacter" not in node
    assert node["isBasedOn"] == {"@type": "CreativeWork", "name": "Quran 17:33 (al-Isra 33)"}


@pytest.mark.sphinx
def test_a_quotation_s_json_ld_text_is_the_brief_s_words_without_the_edition_s_marks(small_book):
    """The edition's marks ([sic], a supplied ⟨word⟩ or closing mark) are not the brief's: the
    machine-readable text gives the brief's words alone; the verse the brief quotes from a published
    translation is not presented as the speaker's words."""
    out = small_book / "_build" / "marks"
    page = small_book / "index.md"
    before = page.read_text(encoding="utf-8")
    rows = ("sabereen-2021-07-09-rules", "khazali-2021-06-29-isra")
    cards = "".join(f"\n```{{data-card}} quotations {row}\n```\n" for row in rows)
    page.write_text(before + cards, encoding="utf-8")
    try:
        with docutils_namespace():
            Sphinx(str(small_book), str(small_book), str(out), str(out / ".doctrees"), "html",
                   status=None, warning=None, freshenv=True).build()  # fmt: skip
    finally:
        page.write_text(before, encoding="utf-8")
    found = extruct.extract((out / "index.html").read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
    quotes = {n["@id"].rsplit("#quote-", 1)[1]: n for n in found[0]["@graph"] if n["@type"] == "Quotation"}
    sabereen = quotes["sabereen-2021-07-09-rules"]["text"]
    assert sabereen.endswith("we will target all your bases.") and "⟨" not in sabereen, sabereen
    verse = quotes["khazali-2021-06-29-isra"]
    assert "spokenByCharacter" not in verse and verse["isBasedOn"]["name"].startswith("Quran 17:33")
    assert quotes["askari-2021-07-08-restraint"]["spokenByCharacter"]["name"] == "Abu Ali al-Askari"


@pytest.mark.unit
def test_text_from_the_data_cannot_end_the_script_or_break_a_tag():
    q = metadata.Quoted("quote-x", "x.html#quote-x", HOSTILE, "2021-07-08", HOSTILE, "person")
    script = metadata.script(ED, [metadata.quotation(ED, CHAPTER, q)])
    body = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>\n")
    assert "<" not in body and ">" not in body and "&" not in body
    assert read_script(script)["@graph"][0]["text"] == HOSTILE
    hostile = replace(ED, title=HOSTILE, authors=(Author(HOSTILE),))
    head = parse_html(f"<html><head>{meta_tags(hostile, LANDING)}{script}</head><body></body></html>", "UTF-8")
    assert head.xpath('//meta[@name="citation_title"]/@content') == [HOSTILE]
    assert head.xpath('//meta[@name="citation_author"]/@content') == [HOSTILE]
    assert len(head.xpath("//script")) == 1 and not head.xpath("//b")


@pytest.mark.unit
def test_the_data_package_is_a_dataset_with_its_files():
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    files = {"events.csv": "_downloads/abc/events.csv", "datapackage.json": "_downloads/def/datapackage.json"}
    node = metadata.data_package(ED, LANDING, descriptor, files, "chapters/data-and-methods.html")
    assert node["name"] == descriptor["title"] and node["version"] == descriptor["version"]
    assert node["url"] == "chapters/data-and-methods.html"
    zipped, events, schema = node["distribution"]
    assert (zipped["encodingFormat"], zipped["contentUrl"]) == ("application/zip", PDF.replace(".pdf", "-data.zip"))
    assert (events["encodingFormat"], events["contentUrl"]) == ("text/csv", "_downloads/abc/events.csv")
    assert schema["contentUrl"] == "_downloads/def/datapackage.json"
    licensed = metadata.data_package(ED, LANDING, {**descriptor, "licenses": [{"name": "CC-BY-4.0"}]}, {}, "x.html")
    assert licensed["license"] == "https://creativecommons.org/licenses/by/4.0/"


@pytest.mark.unit
def test_the_edition_s_facts_come_from_citation_cff_version_and_the_config(tmp_path):
    for name in ("CITATION.cff", "VERSION", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    project, facts = Project(tmp_path), EditionFacts.read(tmp_path)
    cff = yaml.safe_load((tmp_path / "CITATION.cff").read_text(encoding="utf-8"))
    assert facts.title == cff["preferred-citation"]["title"] and facts.version == project.version
    assert (facts.base_url(), facts.doi) == ("", "")
    assert metadata.page_node(facts, LANDING, [])["encoding"]["contentUrl"] == project.download_names()["pdf"]
    assert (facts.brief.title, facts.brief.date) == (cff["references"][0]["title"], date(2021, 7, 9))
    cff_text = (tmp_path / "CITATION.cff").read_text(encoding="utf-8")
    cff_text = "\n".join(line for line in cff_text.splitlines() if not line.startswith("license"))
    (tmp_path / "CITATION.cff").write_text(cff_text + "\nlicense:\n  - CC-BY-4.0\n  - MIT\n", encoding="utf-8")
    assert EditionFacts.read(tmp_path).licences == ("CC-BY-4.0", "MIT")
    (tmp_path / "CITATION.cff").write_text(cff_text + "\n", encoding="utf-8")
    assert EditionFacts.read(tmp_path).licences == ()


# A small Sphinx project: one quotation card and the register on its landing page


@pytest.fixture(scope="module")
def small_book(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("metadata")
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("references.bib", "VERSION", "CITATION.cff"):
        shutil.copy(ROOT / name, root / name)
    (root / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib.bibtex", "briefbook.sphinx"]\n'
                                  'bibtex_bibfiles = ["references.bib"]\nexclude_patterns = ["_build"]\n'
                                  'html_theme = "basic"\n', encoding="utf-8")  # fmt: skip
    (root / "index.md").write_text(
        "# Register\n\n```{data-card} quotations askari-2021-07-08-restraint\n```\n\n"
        "```{data-table} quotations\n:controls:\n:class: register-table\n```\n",
        encoding="utf-8",
    )
    return root


@pytest.mark.sphinx
def test_hostile_text_from_the_data_reaches_the_json_ld_exactly(small_book):
    edit_cell(small_book / "data" / "quotations.csv", "askari-2021-07-08-restraint", "text", "Q\\{x\\} " + HOSTILE)
    out = small_book / "_build" / "html"
    with docutils_namespace():  # its nodes registered for this build only, as in a process of its own
        Sphinx(str(small_book), str(small_book), str(out), str(small_book / "_build" / "doctrees"), "html",
               status=None, warning=None, freshenv=True).build()  # fmt: skip
    html = (out / "index.html").read_text(encoding="utf-8")
    found = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
    quotes = {n["@id"]: n for n in found[0]["@graph"] if n["@type"] == "Quotation"}
    assert (
        quotes["index.html#quote-askari-2021-07-08-restraint"]["text"] == "Q{x} " + HOSTILE
    )  # the data's escapes read as the braces
    assert "<script>alert" not in html


# The built book: every page, without and with the address


def pages(site: Path, language: str = "en") -> list[tuple[str, str]]:
    """One edition's pages, by their address in the site."""
    return [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in site_pages(site, language)]


def read(html: str, url: str) -> dict:
    found = extruct.extract(html, base_url=url, syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True)
    head = parse_html(html, "UTF-8")
    found["highwire"] = {}
    for meta in head.xpath('//head/meta[starts-with(@name, "citation_")]'):
        found["highwire"].setdefault(meta.get("name"), []).append(meta.get("content"))
    found["og"] = found["opengraph"][0] if found["opengraph"] else {}
    (doc,) = found["json-ld"]
    found["graph"] = doc["@graph"]
    return found


def nodes_of(found: dict, kind: str) -> list[dict]:
    seen = []

    def walk(node):
        if isinstance(node, dict):
            seen.extend([node] if node.get("@type") == kind else [])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(found["graph"])
    return seen


def check_every_page(site: Path, base: str) -> None:
    """What every page must carry; ``base`` is the address the pages are read at."""
    facts = EditionFacts.read(ROOT)
    cff, version = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")), facts.version
    title = cff["preferred-citation"]["title"]
    when = facts.date
    checked = 0
    for rel, html in pages(site):
        url = urljoin(base, rel)
        found = read(html, url)
        hw = found["highwire"]
        assert hw["citation_author"] == [a["name"] for a in cff["authors"]], rel
        assert hw["citation_publication_date"] == [f"{when:%Y/%m/%d}"], rel
        if found["graph"][0]["@type"] == "Chapter":  # the chapter's own title, in the book's
            assert hw["citation_title"] == [found["graph"][0]["name"]], rel
            assert hw["citation_inbook_title"] == [title], rel
        else:  # the landing page, search and the general index: the book
            assert hw["citation_title"] == [title] and "citation_inbook_title" not in hw, rel
        assert found["og"].get("og:title"), rel
        books = [b for b in nodes_of(found, "Book") if "version" in b]
        assert books and all(b["name"] == title and b["version"] == version for b in books), rel
        assert all(urljoin(url, b["url"]) == base for b in books), rel
        assert found["dublincore"][0]["elements"], rel
        checked += 1
    assert checked == 14  # the landing page, 11 chapters, search and the general index


@pytest.mark.build
def test_every_page_carries_its_citation_without_an_address(site):
    # Read as if the folder were served at some address: every URL the pages give is relative.
    base = "http://reader.invalid/book/"
    check_every_page(site, base)
    for rel, html in pages(site):
        found = read(html, urljoin(base, rel))
        assert "citation_pdf_url" not in found["highwire"] and "og:url" not in found["og"], rel
        text = json.dumps(found["json-ld"]).replace(metadata.CONTEXT, "").replace(base, "")
        for lic in EditionFacts.read(ROOT).rights:  # a licence's own address is absolute by nature, and not the book's
            text = text.replace(lic.url, "")
        assert "http" not in text, rel


@pytest.mark.build
def test_every_page_carries_absolute_urls_with_the_address(addressed_book):
    check_every_page(addressed_book, ADDRESS)
    pdf = Project(ROOT).download_names()["pdf"]
    for rel, html in pages(addressed_book):
        found = read(html, "http://elsewhere.invalid/")  # absolute URLs ignore where the page is read
        assert found["highwire"]["citation_pdf_url"] == [ADDRESS + pdf], rel
        assert found["og"]["og:url"] == ADDRESS + rel, rel
        first = found["graph"][0]
        assert first["url"] == (ADDRESS if rel == "index.html" else ADDRESS + rel), rel
    assert (addressed_book / pdf).is_file()


@pytest.mark.build
def test_quotations_and_the_data_package_are_described_where_they_are_shown(site):
    data = load(ROOT / "data")
    actors = data.actors.set_index("id")
    found = read((site / "chapters" / "quotations.html").read_text(encoding="utf-8"), "x:/chapters/quotations.html")
    quotes = {q["@id"]: q for q in nodes_of(found, "Quotation")}
    assert len(quotes) == len(data.quotations)
    for q in data.quotations.itertuples():
        node = quotes[f"quotations.html#quote-{q.id}"]
        assert node["text"] == words(q.text) and node["dateCreated"] == q.date.date().isoformat()
        if q.cites:  # a cited text (the verse, in a published translation) is not the speaker's
            assert "spokenByCharacter" not in node and node["isBasedOn"]["name"] == q.cites
        else:
            assert node["spokenByCharacter"]["name"] == actors.loc[q.speaker, "name"]
        assert node["citation"] == {"@id": "_:brief"} and "license" not in node
    for rel in ("index.html", "chapters/data-and-methods.html"):
        page = site / rel
        (dataset,) = nodes_of(read(page.read_text(encoding="utf-8"), "x:/" + rel), "Dataset")
        urls = [d["contentUrl"] for d in dataset["distribution"]]
        assert urls[0].endswith(Project(ROOT).download_names()["data"])
        assert {u.rsplit("/", 1)[-1] for u in urls[1:]} >= {p.name for p in (ROOT / "data").glob("*.csv")}
        for url in urls:
            assert (page.parent / url).resolve().is_file(), (rel, url)


@pytest.mark.unit
def test_every_page_depends_on_the_edition_s_facts():
    """Every page's tags and JSON-LD state the edition's facts (and its cite lines render them): a change to
    CITATION.cff, VERSION or _config.yml rewrites every page, the landing page also on datapackage.json."""
    from types import SimpleNamespace

    from briefbook.sphinx.metadata import note_sources

    for page in ("chapters/overview", "index"):
        noted = []
        config = SimpleNamespace(briefbook_root=str(ROOT), language="en", root_doc="index")
        env = SimpleNamespace(docname=page, config=config, srcdir=ROOT, note_dependency=noted.append)
        note_sources(SimpleNamespace(env=env, config=config), None)
        facts = {str(ROOT / name) for name in ("CITATION.cff", "VERSION", "_config.yml")}
        assert facts <= set(noted) and (str(ROOT / "data" / "datapackage.json") in noted) == (page == "index")
