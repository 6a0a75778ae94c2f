"""The editions side by side (briefbook.sphinx.translation, briefbook.sphinx.search): a small book
with the book's theme and extension, built in English at the site's root and in Arabic under ar/
from one source and a catalog per page, as the published site places them."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ADDRESS, ROOT
from sphinx.testing.util import SphinxTestApp

from briefbook.sphinx.search import NORMALISE, SearchArabic, arabic_stem

PAGES = {
    "index.md": "# A small book\n\n```{toctree}\nchapters/one\n```\n\nThe first page names Qais al-Khazali.\n",
    "chapters/one.md": "# One\n\n## First\n\nKhazali and Abu Ali al-Askari spoke.\n\nSome `code_here` too.\n\n## Second\n\nThe end.\n",
}
CATALOGS = {  # what a translator writes in locales/ar/LC_MESSAGES/<docname>.po
    "index": {
        "A small book": "كتاب صغير",
        "The first page names Qais al-Khazali.": "تذكر الصفحة الأولى قيس الخزعلي ({en}`Qais al-Khazali`).",
    },
    "chapters/one": {
        "One": "الأول",
        "First": "أولًا",
        "Second": "ثانيًا",
        "Khazali and Abu Ali al-Askari spoke.": "تكلّم الخزعلي وأبو علي العسكري.",
        "Some `code_here` too.": "وفيها `code_here` أيضًا.",
        "The end.": "النهاية.",
    },
}
SITE_PAGES = ("index.html", "chapters/one.html", "search.html", "genindex.html")


def make_project(root: Path, address: str = "") -> Path:
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("references.bib", "VERSION", "CITATION.cff"):
        shutil.copy(ROOT / name, root / name)
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "briefbook.sphinx"]\n'
        'bibtex_bibfiles = ["references.bib"]\nexclude_patterns = ["_build", "site", "locales"]\n'
        'html_theme = "sphinx_book_theme"\nbriefbook_validate = False\n'
        'locale_dirs = ["locales"]\ngettext_compact = False\n',
        encoding="utf-8",
    )
    if address:  # Sphinx's own setting of the book's address
        (root / "conf.py").write_text((root / "conf.py").read_text(encoding="utf-8") + f"html_baseurl = {address!r}\n")
    for name, text in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for doc, messages in CATALOGS.items():
        po = root / "locales" / "ar" / "LC_MESSAGES" / f"{doc}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        entries = "".join(f"msgid {json.dumps(k, ensure_ascii=False)}\nmsgstr {json.dumps(v, ensure_ascii=False)}\n\n"
                          for k, v in messages.items())  # fmt: skip
        po.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries, encoding="utf-8"
        )
    return root


def build_site(root: Path) -> Path:
    """Both editions, each its own Sphinx app (sphinx.testing, which forgets its catalogs after it),
    placed as the published site places them: English in site/, Arabic in site/ar/."""
    site = root / "site"
    for language, out in (("en", site), ("ar", site / "ar")):
        app = SphinxTestApp("html", srcdir=root, builddir=root / "_build" / language, freshenv=True,
                            confoverrides={"language": language})  # fmt: skip
        try:
            app.build()
        finally:
            app.cleanup()
        shutil.copytree(app.outdir, out, dirs_exist_ok=True)
    return site


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("editions")))


@pytest.fixture(scope="module")
def addressed_editions(tmp_path_factory) -> Path:
    return build_site(make_project(tmp_path_factory.mktemp("addressed"), ADDRESS))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx
def test_arabic_pages_say_their_language_and_direction_and_english_pages_only_their_language(two_editions):
    for page in SITE_PAGES:
        ar, en = soup(two_editions / "ar" / page).html, soup(two_editions / page).html
        assert (ar.get("lang"), ar.get("dir")) == ("ar", "rtl"), page
        assert (en.get("lang"), en.get("dir")) == ("en", None), page


@pytest.mark.sphinx
def test_the_header_has_one_pair_of_sidebar_toggles_and_offers_the_book(two_editions):
    """The themes bind their drawers to the first .primary-toggle / .secondary-toggle in the page:
    there must be no other (hidden) one before the article header's."""
    for edition in ("", "ar/"):
        for page in SITE_PAGES:
            html = soup(two_editions / edition / page)
            assert len(html.select(".primary-toggle")) == 1, (edition, page)
            assert len(html.select(".secondary-toggle")) <= 1, (edition, page)
            assert html.select_one(".primary-toggle").find_parent(class_="bd-header-article"), (edition, page)
            if page == "chapters/one.html":
                menu = [a["href"] for a in html.select(".dropdown-download-buttons a[href]")]
                assert any(h.endswith(".pdf") and "/downloads/" in h for h in menu), menu
                assert any(h.endswith(".epub") and "/downloads/" in h for h in menu), menu
                assert ("-ar-" in " ".join(menu)) == (edition == "ar/"), menu  # the page's edition


@pytest.mark.sphinx
def test_the_switch_links_every_page_to_itself_in_the_other_edition(two_editions):
    for page in SITE_PAGES:
        for here, other, name in (("", "ar/", "العربية"), ("ar/", "", "English")):
            path = two_editions / (here + page)
            (switch,) = soup(path).select("a.language-switch")
            assert switch.get_text(strip=True) == name
            assert switch["hreflang"] == switch["lang"] == (other.rstrip("/") or "en")
            assert not switch["href"].startswith(("/", "http"))  # relative: the site works from any folder
            target = (path.parent / switch["href"]).resolve()
            assert target == (two_editions / (other + page)).resolve() and target.is_file(), (path, switch["href"])


def alternates(page: BeautifulSoup) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select('head link[rel="alternate"][hreflang]')}


@pytest.mark.sphinx
def test_every_page_names_its_editions_for_search_engines(two_editions, addressed_editions):
    for page in SITE_PAGES:
        for here in ("", "ar/"):
            path = two_editions / (here + page)
            links = alternates(soup(path))
            assert set(links) == {"en", "ar"}
            for lang, href in links.items():  # relative while the address is unset, each to its edition's page
                edition = two_editions / ("" if lang == "en" else "ar/")
                assert (path.parent / href).resolve() == (edition / page).resolve()
            addressed = soup(addressed_editions / (here + page))
            links = alternates(addressed)
            assert links == {"en": ADDRESS + page, "ar": ADDRESS + "ar/" + page}
            assert addressed.select_one('link[rel="canonical"]')["href"] == ADDRESS + here + page


@pytest.mark.sphinx
def test_right_to_left_pages_load_the_mirrored_theme_rules_after_the_purge(two_editions):
    """The rules are the package's file as written (the purge of weight.py leaves it alone), on the
    Arabic pages only, after briefbook.css."""
    source = (ROOT / "briefbook" / "static" / "briefbook-rtl.css").read_text(encoding="utf-8")
    built = (two_editions / "ar" / "_static" / "briefbook-rtl.css").read_text(encoding="utf-8")
    assert built == source and 'html[dir="rtl"] .bd-sidebar-primary' in built
    for page in SITE_PAGES:
        ar = [link["href"].split("?")[0] for link in soup(two_editions / "ar" / page).select('link[rel="stylesheet"]')]
        assert ar.index("../" * page.count("/") + "_static/briefbook-rtl.css") > ar.index(
            "../" * page.count("/") + "_static/briefbook.css"
        )
        assert "briefbook-rtl.css" not in (two_editions / page).read_text(encoding="utf-8")
    css = (ROOT / "briefbook" / "static" / "briefbook.css").read_text(encoding="utf-8")
    assert not re.search(r"(?:margin|padding|border)-(?:left|right)\b|text-align:\s*left", css)  # logical sides


def search_terms(site: Path) -> dict:
    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"]


@pytest.mark.sphinx
def test_the_arabic_index_holds_arabic_words_whole(two_editions):
    terms = search_terms(two_editions / "ar")
    assert arabic_stem("الخزعلي") in terms and "تكلم" in terms  # تكلّم without its shadda, not cut at it
    assert "تكل" not in terms
    assert arabic_stem("وأبو") == "ابو" in terms and arabic_stem("العسكريّ") == "عسكر" in terms  # stemmed (light10)
    assert "khazali" in terms and "spoke" not in terms  # the translation, and its English passage
    assert "أبو علي العسكريّ".translate(NORMALISE) == "ابو علي العسكري"
    assert SearchArabic({}).stem("Statements") == "statement"  # Latin words stemmed as in English


# In a browser: Debian's Chromium (never a downloaded one), the site served on 127.0.0.1.

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    assert Path(CHROMIUM).is_file(), "Debian's chromium is missing: `make test` installs it"
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(two_editions):
    handler = functools.partial(QuietHandler, directory=str(two_editions))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def open_page(browser, url: str, **context):
    page = browser.new_context(**context).new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.browser
@pytest.mark.parametrize("query", ["الخزعلي", "تكلَّم", "ابو", "العسكرى"])
def test_a_search_for_an_arabic_word_finds_the_page(browser, served, query):
    """However the query or the page writes its vowel marks, hamza and final yaa (the page has
    تكلّم and وأبو علي العسكري)."""
    page = open_page(browser, served + "ar/search.html?q=" + urllib.parse.quote(query))
    page.wait_for_selector("#search-results li a", timeout=15000)
    found = page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))")
    page.context.close()
    assert any(href.startswith("chapters/one.html") for href in found), found


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_arabic_layout_is_mirrored_and_fits_a_phone(browser, served, scheme, tmp_path):
    shots = Path(os.environ.get("BRIEFBOOK_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for edition, width in (("ar/", 1366), ("", 1366), ("ar/", 390)):
        page = open_page(browser, served + edition + "chapters/one.html", viewport={"width": width, "height": 900},
                         color_scheme=scheme)  # fmt: skip
        shown = page.evaluate("""() => {
            const rect = s => document.querySelector(s).getBoundingClientRect();
            const p = document.querySelector('article p');
            return {nav: rect('.bd-sidebar-primary').left, article: rect('article').left,
                    toc: rect('.bd-sidebar-secondary').left, direction: getComputedStyle(p).direction,
                    align: getComputedStyle(p).textAlign, code: getComputedStyle(document.querySelector('article code')).direction,
                    scroll: document.documentElement.scrollWidth}; }""")
        page.screenshot(path=str(shots / f"{edition.strip('/') or 'en'}-one-{width}-{scheme}.png"))
        page.context.close()
        assert shown["scroll"] <= width, (edition, width)  # nothing cut off or scrolling sideways
        if width > 1000 and edition:  # navigation on the right, the page's contents on the left, text from the right
            assert shown["nav"] > shown["article"] > shown["toc"]
            assert shown["direction"] == "rtl" and shown["align"] in ("start", "right") and shown["code"] == "ltr"
        elif width > 1000:
            assert shown["nav"] < shown["article"] < shown["toc"] and shown["direction"] == "ltr"


@pytest.mark.browser
def test_the_switch_is_reached_and_followed_with_the_keyboard(browser, served):
    page = open_page(browser, served + "chapters/one.html", viewport={"width": 1366, "height": 900})
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.language-switch')"):
            break
    else:
        pytest.fail("the language switch is not reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ar/chapters/one\.html$"))
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.context.close()


@pytest.mark.browser
def test_arabic_pages_have_no_serious_accessibility_violation(browser, served):
    from axe_playwright_python.sync_playwright import Axe

    for path in SITE_PAGES:
        page = open_page(browser, served + "ar/" + path, viewport={"width": 1366, "height": 900})
        violations = Axe().run(page).response["violations"]
        page.context.close()
        assert not [(v["id"], v["impact"]) for v in violations if v["impact"] in ("serious", "critical")], path
