"""Citations: CSL-JSON items from the project's files and settings; APA and Chicago rendered by
citeproc-py; BibTeX, RIS and CSL-JSON files that their own parsers read back; the book's address
and DOI in every copy that release writes; a release that refuses to run without the address."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from xml.etree import ElementTree

import bibtexparser
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from conftest import ADDRESS, ROOT, briefbook, copy_project, set_address, site_pages
from pybtex.database import parse_string

from briefbook import cite
from briefbook.data import load
from briefbook.edition import EditionFacts
from briefbook.markup import squash
from briefbook.project import Project
from briefbook.release import set_version
from briefbook.sphinx.anchors import sitemap

DOI = "10.5281/zenodo.1234567"
EPOCH = "1700000000"  # 14 November 2023


@pytest.fixture
def addressed(tmp_path, monkeypatch) -> EditionFacts:
    """The files an item is made from, in a scratch folder whose _config.yml gives an address and a DOI."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for name in ("CITATION.cff", "VERSION", "_config.yml", ".zenodo.json"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "datapackage.json", tmp_path / "data" / "datapackage.json")
    return EditionFacts.read(set_address(tmp_path, doi=DOI))


def render(item: dict, style: str) -> str:
    """A citation form as text: its pieces, roman and italic, joined."""
    return "".join(text for text, _italic in cite.segments(item, style))


def quotation_part() -> cite.Part:
    words = "Abu Ali al-Askari, 8 July 2021: ‘we call on our brothers & 100% {of} the_rest {x \\ ~ ^…’"
    return cite.Part("quote-x-2021-07-08-y", "chapters/quotations", "Quotation: " + words)


def part_item(facts: EditionFacts, part: cite.Part) -> dict:
    return cite.part_item(
        cite.book_item(facts), part, facts.base_url() and f"{facts.base_url()}{part.page}.html#{part.anchor}"
    )


@pytest.mark.unit
def test_the_book_item_comes_from_citation_cff_version_date_and_settings(addressed, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    unset = cite.book_item(EditionFacts.read(ROOT))
    assert unset["title"] == cff["preferred-citation"]["title"]
    assert unset["author"] == [{"literal": "The study edition's contributors"}]
    assert unset["version"] == (ROOT / "VERSION").read_text().strip()
    assert unset["issued"] == {"date-parts": [[2023, 11, 14]]}
    assert "URL" not in unset and "DOI" not in unset  # the repository sets neither: none is invented
    item = cite.book_item(addressed)
    assert (item["URL"], item["DOI"]) == (ADDRESS, DOI)


@pytest.mark.unit
def test_apa_and_chicago_are_rendered_by_a_csl_processor(addressed):
    item = cite.book_item(addressed)
    apa, chicago = render(item, "apa"), render(item, "chicago-author-date")
    assert apa == (
        "The study edition's contributors. (2023). Are the Muqawama Signaling De-Escalation? A Study Edition "
        f"(Version {addressed.version}). https://doi.org/{DOI}"
    )
    assert chicago.endswith(
        f"2023. Are the Muqawama Signaling De-Escalation? A Study Edition. Version {addressed.version}. https://doi.org/{DOI}."
    )
    assert cite.segments(item, "apa")[1] == (item["title"], True)  # the title in italics
    # Persons are inverted and initialled by the style, as no string template would do.
    people = dict(item, author=[{"family": "Malik", "given": "Hamdi"}, {"family": "Smith", "given": "Crispin"}])
    assert render(people, "apa").startswith("Malik, H., & Smith, C. (2023).")
    # (citeproc-py initialises given names in Chicago's bibliography too.)
    assert render(people, "chicago-author-date").startswith("Malik, H., and C. Smith. 2023.")


@pytest.mark.unit
def test_a_changed_item_is_rendered_anew(addressed):
    """A form is rendered once per item, style and language: any change to the item is rendered afresh."""
    item, chicago = cite.book_item(addressed), "chicago-author-date"
    first = render(item, chicago)
    assert render(dict(item), chicago) == first != render(item, "apa")
    assert "Version 9.9.9." in render(dict(item, version="9.9.9"), chicago)
    assert "2024. Are the" in render(dict(item, issued={"date-parts": [[2024, 2, 3]]}), chicago)
    assert "https://doi.org/10.1234/other." in render(dict(item, DOI="10.1234/other"), chicago)
    assert "Another Title" in render(dict(item, title="Another Title"), chicago)
    assert render(dict(item, author=[{"family": "Malik", "given": "Hamdi"}]), chicago).startswith("Malik, H.")
    assert f"إصدار {item['version']}" in render(dict(item, language="ar"), chicago)  # the item's language: its locale
    cite.segments(item, chicago).clear()  # a caller's list is its own
    assert render(item, chicago) == first


@pytest.mark.unit
def test_a_part_keeps_the_data_s_words_as_written(addressed):
    part = quotation_part()
    item = part_item(addressed, part)
    assert item["URL"] == ADDRESS + "chapters/quotations.html#quote-x-2021-07-08-y"
    assert item["container-title"] == cite.book_item(addressed)["title"] and item["type"] == "chapter"
    chicago = render(item, "chicago-author-date")
    assert (
        "“Quotation: Abu Ali al-Askari, 8 July 2021: ‘we call on our brothers & 100% {of} the_rest {x \\ ~ ^…’”"
        in chicago
    )
    # A book's title is title-cased by Chicago; a part's is kept as written.
    bare = dict(item, type="book")
    assert "‘we Call on Our Brothers" in render(bare, "chicago-author-date")
    assert "DOI" not in item  # the DOI is the book's, not the part's


@pytest.mark.unit
def test_bibtex_files_parse_with_pybtex_and_bibtexparser(addressed):
    files = cite.files(addressed, [quotation_part()])
    book, part = files["cite/book.bib"], files["cite/quote-x-2021-07-08-y.bib"]
    entry = parse_string(book, "bibtex").entries[cite.BOOK_KEY]
    assert entry.type == "book"
    assert entry.fields["doi"] == DOI and entry.fields["url"] == ADDRESS
    assert entry.fields["version"] == addressed.version and entry.fields["year"] == "2023"
    assert str(entry.persons["author"][0]) == "{The study edition's contributors}"
    parsed = bibtexparser.parse_string(part)
    assert not parsed.failed_blocks
    (found,) = parsed.entries
    assert (found.entry_type, found.key) == ("incollection", "quote-x-2021-07-08-y")
    fields = {f.key: f.value for f in found.fields}
    # The data's words are braced against re-casing, and TeX's special characters escaped.
    assert (
        fields["title"]
        == r"{Quotation: Abu Ali al-Askari, 8 July 2021: ‘we call on our brothers \& 100\% \textbraceleft{}of"
        r"\textbraceright{} the\_rest \textbraceleft{}x \textbackslash{} \textasciitilde{} \textasciicircum{}…’}"
    )
    assert fields["url"] == ADDRESS + "chapters/quotations.html#quote-x-2021-07-08-y"
    assert fields["booktitle"] == "Are the Muqawama Signaling De-Escalation? A Study Edition"
    assert parse_string(part, "bibtex").entries["quote-x-2021-07-08-y"].fields["date"] == "2023-11-14"


@pytest.mark.unit
def test_ris_files_parse_with_rispy(addressed):
    files = cite.files(addressed, [quotation_part()])
    (book,) = rispy.loads(files["cite/book.ris"])
    assert book["type_of_reference"] == "BOOK" and book["doi"] == DOI and book["urls"] == [ADDRESS]
    assert book["authors"] == ["The study edition's contributors"] and book["edition"] == addressed.version
    assert files["cite/book.ris"].startswith("TY  - BOOK\n")
    (part,) = rispy.loads(files["cite/quote-x-2021-07-08-y.ris"])
    assert part["type_of_reference"] == "CHAP" and part["secondary_title"] == cite.book_item(addressed)["title"]
    assert (
        part["title"]
        == "Quotation: Abu Ali al-Askari, 8 July 2021: ‘we call on our brothers & 100% {of} the_rest {x \\ ~ ^…’"
    )
    assert part["date"] == "2023/11/14" and part["urls"] == [ADDRESS + "chapters/quotations.html#quote-x-2021-07-08-y"]


@pytest.mark.unit
def test_csl_json_files_render_as_the_items_do(addressed):
    parts = [quotation_part()]
    files = cite.files(addressed, parts)
    assert files == cite.files(addressed, parts)  # the same items, the same bytes
    for stem, item in (("book", cite.book_item(addressed)), (parts[0].anchor, part_item(addressed, parts[0]))):
        (read,) = json.loads(files[f"cite/{stem}.json"])
        # a part's title in CSL's mark for words a style must not re-case
        assert read == (item | {"title": f'<span class="nocase">{item["title"]}</span>'} if stem != "book" else item)
        for style in cite.STYLES:  # another CSL processor's reading of the file: citeproc-py's own, as text
            from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
            from citeproc.source.json import CiteProcJSON

            bibliography = CitationStylesBibliography(cite.style(style), CiteProcJSON([read]), formatter.plain)
            bibliography.register(Citation([CitationItem(read["id"])]))
            assert str(bibliography.bibliography()[0]) == render(item, style)
    assert sorted(files) == sorted(f"cite/{s}.{e}" for s in ("book", parts[0].anchor) for e in ("bib", "ris", "json"))


@pytest.mark.unit
def test_no_address_no_url_in_the_files(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    files = cite.files(EditionFacts.read(ROOT), [quotation_part()])
    assert not any("example.org" in text or "http" in text for text in files.values())


@pytest.mark.unit
def test_release_refuses_without_the_address(tmp_path):
    project = copy_project(tmp_path / "book")
    before = {name: (project / name).read_text() for name in ("VERSION", "CHANGELOG.md", "CITATION.cff")}
    result = briefbook(project, "release", "9.9.9")
    assert result.returncode == 2
    message = result.stderr.strip()
    assert "\n" not in message and "html_baseurl" in message and "_config.yml" in message and "Traceback" not in message
    assert {name: (project / name).read_text() for name in before} == before
    assert not (project / "dist").exists() and not (project / "_build").exists()


@pytest.mark.unit
def test_release_writes_the_address_and_doi_where_the_version_goes(addressed):
    root = addressed.root
    for _ in range(2):  # a second release replaces them, never repeats them
        set_version(root, "1.2.3", "2026-01-02")
    cff = yaml.safe_load((root / "CITATION.cff").read_text())
    assert (cff["url"], cff["doi"], cff["version"]) == (ADDRESS, DOI, "1.2.3")
    assert (cff["preferred-citation"]["url"], cff["preferred-citation"]["doi"]) == (ADDRESS, DOI)
    assert (root / "CITATION.cff").read_text().count("url: ") == 2
    zenodo = json.loads((root / ".zenodo.json").read_text())
    assert zenodo["related_identifiers"] == [{"identifier": ADDRESS, "relation": "isVersionOf"}]
    assert "doi" not in zenodo  # Zenodo mints it
    package = json.loads((root / "data" / "datapackage.json").read_text())
    assert (package["homepage"], package["id"]) == (ADDRESS, f"https://doi.org/{DOI}")
    exe = ROOT / ".venv-cff" / "bin" / "cffconvert"
    if exe.is_file():
        result = subprocess.run(
            [str(exe), "--validate", "-i", str(root / "CITATION.cff")], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
    # Without a DOI, the copies drop it.
    config = root / "_config.yml"
    config.write_text(config.read_text().replace(f'briefbook_doi: "{DOI}"', 'briefbook_doi: ""'))
    set_version(root, "1.2.4", "2026-01-03")
    assert "doi" not in yaml.safe_load((root / "CITATION.cff").read_text())
    assert "id" not in json.loads((root / "data" / "datapackage.json").read_text())


@pytest.mark.unit
def test_one_address_everywhere():
    """The copies of the address and DOI that release writes agree with _config.yml (both unset
    in the repository, so no copy has them)."""
    project, facts = Project(ROOT), EditionFacts.read(ROOT)
    cff = yaml.safe_load(project.citation_file.read_text())
    zenodo = json.loads(project.zenodo_file.read_text())
    package = json.loads(project.descriptor.read_text())
    assert cff.get("url", "") == cff["preferred-citation"].get("url", "") == facts.site_url
    assert cff.get("doi", "") == cff["preferred-citation"].get("doi", "") == facts.doi
    assert [r["identifier"] for r in zenodo.get("related_identifiers", [])] == (
        [facts.site_url] if facts.site_url else []
    )
    assert package.get("homepage", "") == facts.site_url


@pytest.mark.unit
def test_the_sitemap_lists_every_page_once_in_order_at_the_edition_s_address():
    """Every page given (all the edition's pages, not only those the last build wrote), sorted."""
    address = "https://example.org/muqawama/ar/"
    tree = ElementTree.fromstring(sitemap(address, ["index.html", "chapters/overview.html", "chapters/about.html"]))
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs == [address + "chapters/about.html", address + "chapters/overview.html", address + "index.html"]


def page_of(site: Path, href: str, address: str) -> tuple[Path, str]:
    page, _, anchor = href.removeprefix(address).partition("#")
    return site / page, anchor


def cite_lines(site: Path, language: str) -> dict[str, str]:
    """Every cite line of one edition, checked: absolute at the edition's own address (the Arabic's
    below ar/), to an anchor of its pages, with its citation files; by anchor, in words."""
    root, named = site / Project.site_prefix(language), {}
    address = ADDRESS + Project.site_prefix(language)
    for page in site_pages(site, language):
        for line in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".cite-line"):
            (href,) = [a["href"] for a in line.select("a") if a["href"].startswith("http")]
            assert href.startswith(address + "chapters/") and href in line.get_text(), line.get_text()
            target, anchor = page_of(root, href, address)
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
            files = [a["href"] for a in line.select(".cite-files a")]
            assert [f.rsplit(".", 1)[1] for f in files] == ["bib", "ris", "json"]
            assert all((page.parent / f).resolve() == root / "cite" / f"{anchor}.{f.rsplit('.', 1)[1]}" for f in files)
            (item,) = json.loads((root / "cite" / f"{anchor}.json").read_text(encoding="utf-8"))
            assert item["URL"] == href
            named[anchor] = " ".join(line.get_text().split())
    return named


@pytest.mark.build
def test_every_cite_line_is_absolute_when_the_address_is_set(addressed_book):
    site = addressed_book.resolve()  # _build/html is a link to the published book
    named = cite_lines(site, "en")
    assert sorted(cite_lines(site, "ar")) == sorted(named)  # the Arabic edition cites the same parts
    data = load(ROOT / "data")
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = [c["file"] for part in toc["parts"] if part.get("numbered") for c in part["chapters"]]
    # every quotation card, figure, claim, event and numbered chapter, each named in words
    assert len(named) == len(data.quotations) + 4 + len(data.claims) + len(data.events) + len(chapters)
    for claim in data.claims.itertuples():  # what a row is (x-cite-title), then its label (x-title)
        assert f"“Claim {claim.order}: {claim.claim.split()[0]} " in named[claim.id]
    for event in data.events.itertuples():
        assert f"“Event: {event.place.split()[0]} " in named[f"event-{event.id}"]
    for q in data.quotations.itertuples():
        assert f"“Quotation: {data.row('actors', q.speaker)['name']}, " in named[f"quote-{q.id}"]
    chapter_lines = [text for anchor, text in named.items() if anchor.startswith("ch-")]
    assert sorted(int(re.search(r"“Chapter (\d+): ", t).group(1)) for t in chapter_lines) == list(
        range(1, len(chapters) + 1)
    )


@pytest.mark.build
def test_the_book_s_forms_and_files_give_the_address(addressed_book):
    (item,) = json.loads((addressed_book / "cite" / "book.json").read_text(encoding="utf-8"))
    assert item["URL"] == ADDRESS and "DOI" not in item
    soup = BeautifulSoup((addressed_book / "chapters" / "how-to-cite.html").read_text(encoding="utf-8"), "html.parser")
    apa = soup.select_one(".citation-apa").get_text()
    assert apa == "APA. " + render(item, "apa") and apa.endswith(ADDRESS)
    assert soup.select_one(".citation-chicago").get_text() == "Chicago. " + render(item, "chicago-author-date")
    assert bibtexparser.parse_string((addressed_book / "cite" / "book.bib").read_text()).entries[0]["url"] == ADDRESS


@pytest.mark.build
def test_the_sitemap_lists_every_page(addressed_book):
    from xml.etree import ElementTree

    for language in ("en", "ar"):  # each edition's own, at its own address
        root = addressed_book / Project.site_prefix(language)
        tree = ElementTree.parse(root / "sitemap.xml")
        locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        pages = [p.relative_to(root).as_posix() for p in site_pages(addressed_book, language)]
        pages = [p for p in pages if p not in ("search.html", "genindex.html")]
        assert locs == sorted(ADDRESS + Project.site_prefix(language) + p for p in pages)


@pytest.mark.build
def test_print_gives_the_address_and_the_page(addressed_book):
    project = Project(addressed_book.parent.parent)
    arabic = subprocess.run(["pdftotext", "-l", "4", str(project.published("pdf", "ar")), "-"], capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    assert f"{ADDRESS}ar/" in "".join(arabic.split())  # the Arabic imprint: the Arabic edition's address
    pdf = project.published("pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    joined = "".join(text.split())
    assert f"Onlineat{ADDRESS}." in joined  # the imprint
    assert (
        squash(render(json.loads((addressed_book / "cite" / "book.json").read_text())[0], "chicago-author-date"))
        .replace(" ", "")
        .replace("'", "’")
        in joined
    )
    for anchor in ("fig-timeline", "quote-askari-2021-07-08-restraint"):
        assert re.search(rf"{re.escape(ADDRESS)}chapters/[a-z-]+\.html#{anchor},p\.\d+\.", joined), anchor


@pytest.mark.unit
def test_a_release_whose_build_fails_changes_nothing(tmp_path, monkeypatch):
    """The version, the changelog and the citation files are rewritten before the build: a build
    that then fails (a page of the Arabic edition left in English, say) puts them back."""
    import briefbook.release as releasing

    project = set_address(copy_project(tmp_path / "book"))
    names = ("VERSION", "CHANGELOG.md", "CITATION.cff", ".zenodo.json", "data/datapackage.json")
    before = {name: (project / name).read_bytes() for name in names}
    built = []
    monkeypatch.setattr(releasing, "build", lambda root, release=False: built.append(release) or 1)
    assert releasing.release(project, "9.9.9") == 1
    assert built == [True]  # the build ran, in release mode, on the new version
    assert {name: (project / name).read_bytes() for name in names} == before


@pytest.mark.unit
def test_only_the_item_s_own_address_is_a_link_in_a_cite_line():
    """An address inside the data's words (a quotation's first words, a place) stays text in a cite
    line, in HTML and in print; the item's own address (or its DOI's) is a link."""
    from docutils import nodes

    from briefbook.front_matter import tex_form
    from briefbook.sphinx.citelines import form_nodes

    base = {"id": "x", "type": "book", "title": "Seen at <https://evil.example/x> “a” b",
            "author": [{"literal": "The study edition's contributors"}], "issued": {"date-parts": [[2026]]},
            "URL": "https://example.org/book/chapters/a.html#q"}  # fmt: skip
    for own, item in (("https://example.org/book/chapters/a.html#q", base),
                      ("https://doi.org/10.5281/zenodo.1", {**base, "DOI": "10.5281/zenodo.1"})):  # fmt: skip
        shown = form_nodes(item, "chicago-author-date")
        links = [n["refuri"] for n in shown if isinstance(n, nodes.reference)]
        assert links == [own], links
        assert "https://evil.example/x" in "".join(n.astext() for n in shown)
        tex = tex_form(item, "chicago-author-date")
        assert r"\url{" + own.replace("#", r"\#") + "}" in tex and "evil" in tex
        assert not re.search(r"\\url\{[^}]*evil", tex)


@pytest.mark.unit
def test_a_release_gives_one_date_everywhere(tmp_path, monkeypatch):
    """A release is built before it is committed: CITATION.cff's date-released (later than the last
    commit) is the date of the cite lines, the JSON-LD, the Highwire and Dublin Core tags, the EPUB
    and the imprint alike."""
    from briefbook.front_matter import latex_front_matter
    from briefbook.sphinx import metadata
    from briefbook.sphinx.metadata import Page, tags

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for name in ("CITATION.cff", "VERSION", "_config.yml", ".zenodo.json", "data/datapackage.json"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@localhost", "add", "."], cwd=tmp_path, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-qm", "x",
                    "--date=2030-01-01T12:00:00Z"], cwd=tmp_path, check=True,
                   env={**__import__("os").environ, "GIT_COMMITTER_DATE": "2030-01-01T12:00:00Z"})  # fmt: skip
    set_version(tmp_path, "1.0.0", "2030-01-05")  # as the release writes it, before its build
    facts = EditionFacts.read(tmp_path)
    assert facts.date.date().isoformat() == "2030-01-05"
    assert cite.book_item(facts)["issued"] == {"date-parts": [[2030, 1, 5]]}
    page = Page("index.html", "T", "book")
    ed = facts.in_language("en")
    assert ("citation_publication_date", "2030/01/05") in tags(ed, page)
    assert ("DC.date", "2030-01-05") in tags(ed, page)
    assert metadata.page_node(ed, page, [])["datePublished"] == "2030-01-05"
    imprint = latex_front_matter(facts, "A Title", "Someone")["maketitle"]
    assert "5~January~2030" in imprint and "1~January~2030" not in imprint


@pytest.mark.sphinx
def test_a_chapter_has_a_cite_line_and_citation_files_only_once_sphinx_numbers_it(tmp_path):
    """A chapter's label (``(ch-…)=``) makes a cite line where the toctree numbers the page; a page
    of an unnumbered toctree (the back matter) keeps its label but has none, nor citation files."""
    from sphinx.testing.util import SphinxTestApp
    from test_chrome import make_project

    root = make_project(tmp_path)
    (root / "index.md").write_text("# A small book\n\n```{toctree}\n:numbered:\nchapters/one\n```\n\n"
                                   "```{toctree}\nchapters/back\n```\n", encoding="utf-8")  # fmt: skip
    (root / "chapters" / "one.md").write_text("(ch-one)=\n# One\n\nWords.\n", encoding="utf-8")
    (root / "chapters" / "back.md").write_text("(ch-back)=\n# Back\n\nMore words.\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=root, builddir=root / "_build", freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    lines = {page: BeautifulSoup((app.outdir / "chapters" / f"{page}.html").read_text(encoding="utf-8"),
                                 "html.parser").select(".cite-line") for page in ("one", "back")}  # fmt: skip
    assert [line.get_text() for line in lines["one"]] and "Chapter 1: One" in lines["one"][0].get_text()
    assert lines["back"] == []
    files = sorted(p.name for p in (app.outdir / "cite").iterdir())
    assert any(f.startswith("ch-one.") for f in files) and not any(f.startswith("ch-back.") for f in files), files


@pytest.mark.unit
def test_a_translated_cite_line_is_measured_for_print_as_its_words(addressed):
    """Print sizes a table's columns by the words of each cell's text: a translated form's words are
    the style's pieces' (roman, italic), not split again where the part's title begins and ends."""
    from briefbook.sphinx.citelines import form_nodes
    from briefbook.sphinx.util import para

    book = cite.book_item(replace(addressed, site_url="", doi="", language="ar"))
    item = cite.part_item(book, quotation_part(), "")
    shown = form_nodes(item, "chicago-author-date", item["title"])
    pieces = "".join(text for text, _italic in cite.segments(item, "chicago-author-date"))
    assert para(*shown).astext().split() == pieces.split()


@pytest.mark.unit
def test_citeproc_s_html_is_read_back_whatever_it_holds():
    """Re-casing a title whose length changes with its case (``İ``) can leave a stray ``<`` in
    citeproc-py's HTML, which an XML parser refused (a quotation of the text "İ" stopped the build)."""
    found = cite.pieces("a ‘İ’<” <i>Book &amp; co</i>, 2021.")
    assert found == [("a ‘İ’<” ", False), ("Book & co", True), (", 2021.", False)]
    assert cite.pieces('x <span class="nocase">Title</span> y') == [("x Title y", False)]
    item = cite.part_item(cite.book_item(EditionFacts.read(ROOT)), quotation_part()._replace(title="‘İ’"), "")
    assert "‘İ’" in "".join(text for text, _italic in cite.segments(item, "chicago-author-date"))


@pytest.mark.unit
def test_a_row_s_cite_line_names_what_it_cites_in_each_edition_s_words():
    """A table's ``x-cite-title`` (data/datapackage.json, translated in data/arabic.csv) names its rows'
    cite lines: "Claim 3: …", "Event: …", "Quotation: …", not the row's label alone."""
    from briefbook.i18n.data import localise
    from briefbook.sphinx.citelines import cite_title

    english = load(ROOT / "data")
    arabic = localise(english, "ar")
    said = {}
    for data in (english, arabic):
        for table in ("claims", "events", "quotations"):
            row = data.frames[table].iloc[0].to_dict()
            said[data.language, table] = (cite_title(data, table, row, "the label"), row)
    assert said["en", "claims"][0] == f"Claim {said['en', 'claims'][1]['order']}: the label"
    assert said["ar", "claims"][0] == f"الاستنتاج {said['ar', 'claims'][1]['order']}: the label"
    assert said["en", "events"][0] == "Event: the label" and said["ar", "events"][0] == "حدث: the label"
    assert said["en", "quotations"][0] == "Quotation: the label" and said["ar", "quotations"][0] == "اقتباس: the label"
    assert cite_title(english, "actors", english.frames["actors"].iloc[0].to_dict(), "the label") == "the label"
