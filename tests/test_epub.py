"""The EPUB edition: it passes EPUBCheck, holds every chapter with its figures, quotation cards,
tables and Arabic verse, says what it is (title, authors, version, identifier), needs no script
and no network, and every page of the site links to it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from charts import FIGURES
from conftest import ROOT, epoch, site_pages

from briefbook.data import load
from briefbook.edition import EditionFacts
from briefbook.markup import plain
from briefbook.project import Project
from briefbook.sphinx.epub import identifier

OPF = "content.opf"


def toc_files() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"], *(c["file"] for part in toc["parts"] for c in part["chapters"])]


@pytest.fixture(scope="module")
def epub(book) -> Path:
    path = Project(book).published("epub")
    assert path.is_file(), path
    return path


@pytest.fixture(scope="module")
def unpacked(epub, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("epub")
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def package(unpacked) -> BeautifulSoup:
    return BeautifulSoup((unpacked / OPF).read_text(encoding="utf-8"), "xml")


def page(unpacked: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup((unpacked / f"{name}.xhtml").read_text(encoding="utf-8"), "html.parser")


def epubcheck(epub: Path, report: Path) -> dict:
    """EPUBCheck's JSON report on ``epub``. Debian installs EPUBCheck as an executable jar, which
    runs by itself only where the kernel's binfmt_misc is set up: run it with Java, whose quick
    compiler alone (and one collector thread) checks a book this size in half the CPU time."""
    found = shutil.which("epubcheck")
    assert found, "EPUBCheck is missing: `make test` installs it (scripts/system-deps.sh epub)"
    jar = Path(found).resolve()
    argv = (
        ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)] if jar.suffix == ".jar" else [found]
    )
    subprocess.run([*argv, "--json", str(report), str(epub)], capture_output=True, text=True)
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.build
def test_epubcheck_finds_no_error(epub, tmp_path):
    report = epubcheck(epub, tmp_path / "epubcheck.json")
    listed = [
        f"{m['severity']} {m['ID']}: {m['message']} at "
        + ", ".join(f"{loc['path']}:{loc['line']}" for loc in m["locations"][:3])
        for m in report["messages"]
    ]
    print("\n".join(listed) or "EPUBCheck: no messages")  # warnings, if any, in the test's output
    assert report["checker"]["nFatal"] == 0 and report["checker"]["nError"] == 0, "\n".join(listed)
    assert report["publication"]["title"] == "Are the Muqawama Signaling De-Escalation? A Study Edition"


@pytest.mark.build
def test_with_the_book_s_address_set_the_epub_still_passes_and_points_nowhere_else(addressed_book, tmp_path):
    """With html_baseurl set, no EPUB page names a canonical address (Sphinx would give an .xhtml
    page the site does not have) and no site map is written beside the EPUB's pages."""
    project = addressed_book.parent.parent  # the scratch copy: <copy>/_build/html
    epub = Project(project).published("epub")
    report = epubcheck(epub, tmp_path / "epubcheck.json")
    assert report["checker"]["nFatal"] == 0 and report["checker"]["nError"] == 0, report["messages"]
    with zipfile.ZipFile(epub) as archive:
        pages = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xhtml")]
    assert pages and not any('rel="canonical"' in text for text in pages)
    assert not (Project(project).sphinx_output("epub") / "sitemap.xml").exists()
    assert (addressed_book / "sitemap.xml").is_file()


@pytest.mark.build
def test_every_chapter_of_the_table_of_contents_is_read_in_order(unpacked, package):
    hrefs = {item["id"]: item["href"] for item in package.find_all("item")}
    spine = [hrefs[ref["idref"]] for ref in package.find("spine").find_all("itemref")]
    assert spine == [f"{name}.xhtml" for name in toc_files()]
    for name in toc_files():
        assert page(unpacked, name).find("h1"), name
    nav = BeautifulSoup((unpacked / "nav.xhtml").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in nav.select("nav a")] == spine
    assert not any(name.startswith(("genindex", "search")) for name in hrefs.values())


@pytest.mark.build
def test_the_charts_are_figures_with_alt_text_captions_and_marks_that_stay_inside(unpacked, package):
    data = load(ROOT / "data")
    svg_pages = {item["href"] for item in package.find_all("item") if "svg" in (item.get("properties") or "")}
    found = {}
    for name in toc_files():
        soup = page(unpacked, name)
        for fig in soup.select("figure.briefbook-chart"):
            chart = fig["id"].removeprefix("fig-")
            found[chart] = name
            assert fig.select_one("p.chart-alt").get_text() == FIGURES[chart].alt_text(data, "en")
            assert fig.select_one(".chart-media svg") is not None
            assert "var(--" not in str(fig.select_one(".chart-media"))  # colours e-readers draw without CSS variables
            captions = fig.find_all("figcaption")
            assert len(captions) == 1 and captions[0].select_one(".caption-number"), fig["id"]
            assert captions[0].select_one(".cite-line"), fig["id"]  # the legend shares the caption
            for link in fig.select("svg a"):  # each mark links to its row, in this EPUB
                file, _, anchor = link["href"].partition("#")
                assert anchor and (not file or re.fullmatch(r"[\w-]+\.xhtml", file)), link["href"]
                other = page(unpacked, (Path(name).parent / file).with_suffix("").as_posix()) if file else soup
                assert other.find(id=anchor), link["href"]
            assert not fig.select(".chart-downloads")  # the EPUB has no downloads
        if soup.find("svg"):
            assert f"{name}.xhtml" in svg_pages, name
    assert set(found) == {"timeline", "signals", "claims", "tempo"}


@pytest.mark.build
def test_quotation_cards_and_translations_are_exact(unpacked):
    data = load(ROOT / "data")
    shown, translations = [], []
    for name in toc_files():
        soup = page(unpacked, name)
        shown += [p.get_text() for p in soup.select(".data-card p.quotation-text")]
        translations += [s.get_text() for s in soup.select(".data-card span.quoted-text")]
    assert len(shown) == len(data.quotations)
    for q in data.quotations.itertuples():
        closing = "" if q.text.endswith("{+”}") else "”"
        assert sum(text.startswith(f"“{plain(q.text)}{closing}") for text in shown) == 1, q.id
    for t in data.translations.itertuples():
        assert f"“{t.text}”" in translations, t.id


@pytest.mark.build
def test_the_tables_are_there_with_their_anchors(unpacked):
    data = load(ROOT / "data")
    strikes = page(unpacked, "chapters/strikes-and-escalation")
    assert all(strikes.find(id=f"event-{eid}") for eid in data.events["id"])
    methods = page(unpacked, "chapters/data-and-methods")
    assert all(methods.find(id=cid) for cid in data.claims["id"])
    register = page(unpacked, "chapters/quotations").select_one("table.register-table")
    assert len(register.select("tbody tr")) == len(data.quotations)


@pytest.mark.build
def test_the_glossary_s_verse_is_arabic_right_to_left(unpacked):
    source = (ROOT / "chapters" / "glossary.md").read_text(encoding="utf-8")
    verse = re.search(r":::\{div\} arabic-verse\s*\{ar\}`([^`]+)`", source).group(1)
    soup = page(unpacked, "chapters/glossary")
    span = soup.select_one("div.arabic-verse span.arabic")
    assert span.get_text() == verse
    assert span["lang"] == "ar" and span["dir"] == "rtl"
    for name in toc_files():  # and every piece of Arabic script in the book is so marked
        for text in page(unpacked, name).find_all(string=re.compile("[\u0600-\u06ff]")):
            assert (text.parent.get("lang"), text.parent.get("dir")) == ("ar", "rtl"), name


@pytest.mark.build
def test_the_metadata_name_the_edition(book, unpacked, package, monkeypatch):
    # the book was built dated as this checkout's last commit (conftest.run_build)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch())
    project = Project(book)
    meta = package.find("metadata")
    title = "Are the Muqawama Signaling De-Escalation? A Study Edition"
    assert meta.find("title").get_text() == title
    assert meta.find("creator").get_text() == "The study edition's contributors"  # CITATION.cff's author
    assert meta.find("language").get_text() == "en"
    assert meta.find("meta", property="ibooks:version").get_text() == project.version
    uid = package.find("package")["unique-identifier"]
    facts = EditionFacts.read(book)
    assert meta.find("identifier", id=uid).get_text() == identifier(facts, title)[0]
    when = facts.date.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert meta.find("meta", property="dcterms:modified").get_text() == when
    assert [m.get_text() for m in meta.find_all("meta", property="dcterms:license")] == ["CC-BY-4.0"]  # CITATION.cff's
    ncx = BeautifulSoup((unpacked / "toc.ncx").read_text(encoding="utf-8"), "xml")
    assert ncx.find("meta", attrs={"name": "dtb:uid"})["content"] == identifier(facts, title)[0]
    first = page(unpacked, "index")
    assert first.select_one("p.edition-line").get_text() == facts.line()
    assert first.find("html")["lang"] == "en"


@pytest.mark.build
def test_no_script_and_no_remote_resource(unpacked, package):
    for item in package.find_all("item"):
        path = unpacked / item["href"]
        text = path.read_text(encoding="utf-8", errors="replace")
        assert "<script" not in text, item["href"]
        assert not re.search(r"""\b(src|xlink:href)="(https?:)?//|url\(\s*['"]?(https?:)?//|@import""", text), path
        if item["media-type"] == "application/xhtml+xml":
            stylesheets = re.findall(r'<link rel="stylesheet" type="text/css" href="([^"]+)"', text)
            assert all(not href.startswith(("http", "//")) for href in stylesheets), item["href"]
        assert "scripted" not in (item.get("properties") or "") and "remote-resources" not in (
            item.get("properties") or ""
        )
    names = {Path(item["href"]).name for item in package.find_all("item")}
    assert {"briefbook.css", "briefbook-epub.css", "epub.css"} <= names
    assert not any(name.endswith(".js") or name.startswith("mystnb") for name in names)


@pytest.mark.build
@pytest.mark.parametrize("language,label", [("en", "EPUB edition"), ("ar", "طبعة EPUB")])
def test_every_page_of_the_site_links_to_the_epub(book, site, language, label):
    """Each edition's pages link to that edition's EPUB, under its own downloads/."""
    project = Project(book)
    name = project.download_names(language)["epub"]
    download = project.site_dir(language) / name
    assert download.read_bytes() == project.published("epub", language).read_bytes()
    pages = site_pages(site, language)
    assert len(pages) >= len(toc_files())
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        link = soup.select_one("p.edition-downloads a[href$='.epub']")
        assert link is not None and link.get_text() == label, path
        assert (path.parent / link["href"]).resolve() == download.resolve(), path


@pytest.fixture
def settings(tmp_path) -> Project:
    """A project with the repository's configuration and version, whose settings a test may change."""
    for name in ("_config.yml", "VERSION", "CITATION.cff"):
        shutil.copy(ROOT / name, tmp_path / name)
    return Project(tmp_path)


def set_config(project: Project, key: str, value: str) -> None:
    config = project.config_file.read_text(encoding="utf-8")
    config, count = re.subn(rf'(?m)^(\s*{key}: )""$', rf'\g<1>"{value}"', config)
    assert count == 1, key
    project.config_file.write_text(config, encoding="utf-8")


@pytest.mark.unit
def test_the_identifier_is_the_doi_else_the_address_else_a_uuid_of_title_and_version(settings):
    title = "A Title"

    def named() -> tuple[str, str]:
        return identifier(EditionFacts.read(settings.root), title)

    unset = named()
    assert unset == (f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'A Title {settings.version}')}", "UUID")
    assert named() == unset  # the same for every build of one version
    settings.version_file.write_text("9.9.9\n", encoding="utf-8")
    assert named() != unset  # a new one for the next version
    set_config(settings, "html_baseurl", "https://example.org/muqawama")
    assert named() == ("https://example.org/muqawama/", "URL")
    set_config(settings, "briefbook_doi", "10.5281/zenodo.1234567")
    assert named() == ("https://doi.org/10.5281/zenodo.1234567", "DOI")


@pytest.mark.build
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_document_of_both_epubs_is_well_formed_xml(book, language):
    """An e-reader parses each XHTML document as XML: one bare HTML attribute (``hidden``) makes a
    chapter unreadable. The register's controls, which need a script, are left out of the EPUB."""
    from xml.etree import ElementTree

    with zipfile.ZipFile(Project(book).published("epub", language)) as archive:
        names = [n for n in archive.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))]
        assert any(n.endswith("quotations.xhtml") for n in names)
        for name in names:
            try:
                ElementTree.fromstring(archive.read(name))
            except ElementTree.ParseError as error:
                pytest.fail(f"{language} EPUB {name}: {error}")
        register = archive.read(next(n for n in names if n.endswith("quotations.xhtml"))).decode("utf-8")
    assert "register-table" in register and "register-words" not in register


@pytest.mark.browser
def test_no_right_to_left_text_of_the_arabic_epub_is_set_flush_left(book, tmp_path):
    """Sphinx's EPUB style sheet sets table cells and headers ``text-align: left``: in the Arabic
    EPUB every block of right-to-left text follows the page's direction, the register's cards
    (its table at an e-reader's width) included."""
    from test_browser import ARGS, CHROMIUM, playwright

    with zipfile.ZipFile(Project(book).published("epub", "ar")) as archive:
        archive.extractall(tmp_path)
    flush_left = """() => [...document.querySelectorAll('body *')].filter(e => {
        const style = getComputedStyle(e), own = [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim());
        return own && style.display !== 'inline' && style.direction === 'rtl' && style.textAlign === 'left';
    }).map(e => e.tagName + '.' + e.className + ': ' + e.textContent.trim().slice(0, 40))"""
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 600, "height": 900})
        for document in sorted(tmp_path.rglob("*.xhtml")):
            page.goto(document.as_uri())
            assert page.evaluate(flush_left) == [], document.name
        browser.close()
