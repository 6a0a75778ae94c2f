"""Search in the Arabic edition (briefbook.sphinx.search): the index's words and the browser's query
stemmed alike, bare nouns finding the pages that have them with the article, the search page's
words in Arabic, and the charts' drawn text kept out of the index."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.parse

import pytest
from conftest import ROOT

from briefbook.sphinx import search

WORDS = ("ميليشيات", "سفارة", "تصعيد", "صواريخ")
ARABIC_WORD = re.compile(r"\w*[\u0600-\u06ff]\w*")


@pytest.mark.unit
def test_a_bare_noun_and_its_forms_with_the_article_and_particles_stem_alike():
    forms = {
        "ميليشيات": ["الميليشيات", "والميليشيات", "للميليشيات", "ميليشيات"],
        "سفارة": ["السفارة", "بالسفارة", "السفاره", "سفارةٌ", "سفاره"],
        "تصعيد": ["التصعيد", "والتصعيد", "بالتصعيد", "تصعيدٍ"],
        "صواريخ": ["الصواريخ", "بالصواريخ", "صواريخَ"],
    }
    for word, others in forms.items():
        assert {search.arabic_stem(other) for other in others} == {search.arabic_stem(word)}, word
    assert "أإآىةـًٌٍَُِّْٰ".translate(search.NORMALISE) == "ااايه"
    assert search.arabic_stem("في") == "في" and not search.SearchArabic({}).word_filter("في")  # a function word
    assert search.SearchArabic({}).word_filter(search.arabic_stem("الخزعلي"))
    assert search.SearchArabic({}).stem("Statements") == "statement"  # Latin words stemmed as in English


def catalog_texts() -> list[str]:
    """Every Arabic text of the book's catalogs and of its Arabic data table."""
    from babel.messages.pofile import read_po

    texts = []
    for po in sorted((ROOT / "locales" / "ar" / "LC_MESSAGES").rglob("*.po")):
        with po.open("rb") as handle:
            texts += [m.string for m in read_po(handle) if isinstance(m.string, str) and m.string]
    texts.append((ROOT / "data" / "arabic.csv").read_text(encoding="utf-8"))
    return texts


@pytest.mark.unit
def test_the_browser_splits_and_stems_every_arabic_word_of_the_book_as_the_index_does():
    """The language data's JavaScript (splitter and stemmer, as Sphinx writes them into
    language_data.js), run by Node on every Arabic text of the book, against the Python the index uses."""
    node = shutil.which("node") or shutil.which("nodejs")
    if not node:
        pytest.skip("Node.js is not installed")
    language = search.SearchArabic({})
    texts = catalog_texts()
    expected = [[language.stem(w) for w in language.split(text) if ARABIC_WORD.fullmatch(w)] for text in texts]
    assert sum(map(len, expected)) > 5000
    script = (
        f"var stopwords = {json.dumps(sorted(language.stopwords), ensure_ascii=False)};\n"
        + "var Stemmer = function () { this.stemWord = (w) => w; };\n"  # the Porter stemmer's place
        + language.js_stemmer_code
        + language.js_splitter_code
        + "const texts = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        + "const stemmer = new Stemmer();\n"
        + "console.log(JSON.stringify(texts.map((t) => splitQuery(t)"
        + ".filter((w) => /^\\w*[\\u0600-\\u06ff]/u.test(w) || /[\\u0600-\\u06ff]/.test(w))"
        + ".map((w) => stemmer.stemWord(w)))));\n"
    )
    out = subprocess.run([node, "-e", script], input=json.dumps(texts), capture_output=True, text=True, check=True)
    got = json.loads(out.stdout)
    for text, ours, theirs in zip(texts, expected, got, strict=True):
        assert theirs == ours, text[:200]


DRAWN = """
from docutils import nodes

from briefbook.sphinx.transforms import drawing

SVG = '<svg><text>Junx</text><text>30</text><text>الزنبقة</text><text>تصعيدية</text></svg>'


def add(app, doctree):
    if app.env.docname == "chapters/four":
        doctree.next_node(nodes.section).append(drawing("", nodes.Text("مخطط زمني للضربات"), markup=SVG))


def setup(app):
    app.connect("doctree-read", add)
    return {"parallel_read_safe": True}
"""


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """A small two-edition book whose Arabic pages have the four nouns in different forms."""
    from test_languages import build_site, make_project

    root = make_project(tmp_path_factory.mktemp("search"))
    chapters = {
        "two": "رفضت الميليشيات التصعيد، وأغلقت السفارة أبوابها بعد هجوم بالصواريخ.",
        "three": "والميليشيات تهدد بالتصعيد، وأمام السفارة سقطت الصواريخ.",
        "four": "ميليشيات وصواريخ: لا تصعيد قرب سفارة.",
    }
    toc = (root / "index.md").read_text(encoding="utf-8").replace("chapters/one\n", "chapters/one\n" + "".join(
        f"chapters/{name}\n" for name in (*chapters, "register")))  # fmt: skip
    (root / "index.md").write_text(toc, encoding="utf-8")
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    for name, arabic in chapters.items():
        english = f"Sentence of page {name}."
        (root / "chapters" / f"{name}.md").write_text(f"# Page {name}\n\n{english}\n", encoding="utf-8")
        (root / "locales" / "ar" / "LC_MESSAGES" / "chapters" / f"{name}.po").write_text(
            header + f'msgid "Page {name}"\nmsgstr "صفحة {name}"\n\nmsgid "{english}"\nmsgstr "{arabic}"\n',
            encoding="utf-8",
        )
    for name in ("sphinx.po", "briefbook.po"):
        shutil.copy(ROOT / "locales" / "ar" / "LC_MESSAGES" / name, root / "locales" / "ar" / "LC_MESSAGES")
    # the register of statements, on a page of its own
    register = "# Register\n\n```{data-table} quotations\n:controls:\n:class: register-table\n```\n"
    (root / "chapters" / "register.md").write_text(register, encoding="utf-8")
    (root / "locales" / "ar" / "LC_MESSAGES" / "chapters" / "register.po").write_text(
        header + 'msgid "Register"\nmsgstr "السجل"\n', encoding="utf-8"
    )
    # a chart on page four, as briefbook.sphinx.transforms sets one: its drawn text, and its alt text
    (root / "drawn.py").write_text(DRAWN, encoding="utf-8")
    conf = (root / "conf.py").read_text(encoding="utf-8")
    (root / "conf.py").write_text("import os, sys; sys.path.insert(0, os.path.dirname(__file__))\n" + conf.replace(
        '"briefbook.sphinx"]', '"briefbook.sphinx", "drawn"]'), encoding="utf-8")  # fmt: skip
    return build_site(root)


@pytest.mark.sphinx
def test_the_arabic_index_keeps_stems_and_no_function_word(two_editions):
    from test_languages import search_terms

    terms = search_terms(two_editions / "ar")
    assert search.arabic_stem("الميليشيات") in terms and "الميليشيات" not in terms and "والميليشيات" not in terms
    assert "في" not in terms and "لا" not in terms


@pytest.mark.sphinx
def test_the_index_reads_a_chart_s_alt_text_not_its_drawn_text(two_editions):
    """The charts' ticks and labels ran together in the index ("Jun30Jun1Jul…"): only the alt text is read."""
    from test_languages import search_terms

    for edition in (two_editions, two_editions / "ar"):
        assert "<text>Junx</text><text>30</text>" in (edition / "chapters" / "four.html").read_text(encoding="utf-8")
        terms = search_terms(edition)
        assert not [term for term in terms if "junx" in term or "زنبق" in term], edition
    assert search.arabic_stem("مخطط") in search_terms(two_editions / "ar")


@pytest.mark.sphinx
def test_the_search_page_says_what_it_found_in_arabic(two_editions):
    text = (two_editions / "ar" / "_static" / "translations.js").read_text(encoding="utf-8")
    messages = json.loads(text[text.index("{") : text.rindex("}") + 1])["messages"]
    found = messages["Search finished, found ${resultCount} page(s) matching the search query."]
    assert "${resultCount}" in found and re.search("[\u0600-\u06ff]", found)
    assert re.search("[\u0600-\u06ff]", messages["Searching"])


# In a browser: Debian's Chromium, as test_languages launches it.


@pytest.fixture(scope="module")
def browser():
    from test_languages import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(two_editions):
    import functools
    import http.server
    import threading

    from test_languages import QuietHandler

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(two_editions))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def results(browser, base: str, query: str) -> tuple[set[str], str]:
    from test_languages import open_page

    page = open_page(browser, base + "ar/search.html?q=" + urllib.parse.quote(query))
    page.wait_for_function(
        "(document.querySelector('#search-results h2') || {}).textContent === Documentation.gettext('Search Results')",
        timeout=15000,
    )  # Sphinx's sign that it finished
    found = set(page.eval_on_selector_all("#search-results li a", "as => as.map(a => a.getAttribute('href'))"))
    summary = page.inner_text(".search-summary")
    page.context.close()
    return {href.split("?")[0].split("#")[0] for href in found}, summary


@pytest.mark.browser
@pytest.mark.parametrize("word", WORDS)
def test_a_bare_noun_finds_at_least_the_pages_its_form_with_the_article_finds(browser, served, word):
    bare, summary = results(browser, served, word)
    article, _ = results(browser, served, "ال" + word)
    assert len(bare) >= 3 and article <= bare, (bare, article)
    assert str(len(bare)) in summary and re.search("[\u0600-\u06ff]", summary), summary


# The register of statements (briefbook/static/register.js).


def signals() -> list[str]:
    import csv

    with (ROOT / "data" / "quotations.csv").open(encoding="utf-8", newline="") as handle:
        return [row["signal"] for row in csv.DictReader(handle)]


def register_page(browser, base: str, edition: str, width: int = 1366):
    from test_languages import open_page

    page = open_page(browser, f"{base}{edition}chapters/register.html", viewport={"width": width, "height": 900})
    page.wait_for_selector(".register-status")
    return page


def shown_signals(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.register-table tbody tr:not([hidden])",
        "rows => rows.map(r => /signal-(\\S+)/.exec(r.querySelector('[class*=signal-]').className)[1])",
    )


@pytest.mark.browser
def test_the_register_s_controls_speak_the_page_s_language_and_name_their_table(browser, served):
    total = len(signals())
    arabic = ("ar/", "تصفية الصفوف:", f"تُعرض {total} من أصل {total} من الصفوف")
    for edition, label, status in (arabic, ("", "Filter the rows:", f"{total} of {total} rows shown")):
        page = register_page(browser, served, edition)
        got = page.evaluate("""() => {
            const input = document.querySelector('.register-filter input');
            const table = document.getElementById(input.getAttribute('aria-controls'));
            return {label: document.querySelector('.register-filter').textContent.trim(), placeholder: input.placeholder,
                    status: document.querySelector('.register-status').textContent,
                    controls: !!table && table.classList.contains('register-table')}; }""")
        page.context.close()
        assert got["label"] == label and got["controls"], got
        assert status in got["status"], got
        assert bool(re.search("[\u0600-\u06ff]", got["placeholder"])) == (edition == "ar/"), got


# The signal's Arabic name is «خافضة للتصعيد» (the term list: the book's term for de-escalation);
# a reader types it with or without vowel marks, with ه for ة, or with a hamza-less alef.
@pytest.mark.browser
@pytest.mark.parametrize("typed", ["خافضة للتصعيد", "خافِضة لِلتَّصعيد", "خافِضَةٌ لِلتَّصْعِيدِ", "خافضه للتصعيد"])
def test_the_arabic_filter_finds_the_de_escalatory_rows_however_the_signal_is_vocalised(browser, served, typed):
    page = register_page(browser, served, "ar/")
    page.fill(".register-filter input", typed)
    shown = shown_signals(page)
    page.context.close()
    assert shown == [s for s in signals() if s == "de-escalatory"] and shown


@pytest.mark.browser
def test_a_signal_s_name_filters_by_that_signal_not_by_a_part_of_another(browser, served):
    page = register_page(browser, served, "")
    page.fill(".register-filter input", "Escalatory")
    shown = shown_signals(page)
    page.context.close()
    assert shown == [s for s in signals() if s == "escalatory"] and shown


@pytest.mark.browser
def test_the_register_can_be_sorted_on_a_phone(browser, served):
    page = register_page(browser, served, "ar/", width=390)
    assert not page.is_visible("table.register-table thead")  # the headers' buttons are hidden on a phone
    assert page.is_visible(".register-sort-choice select")
    first = page.eval_on_selector_all("table.register-table tbody tr", "rows => rows.map(r => r.textContent)")
    page.select_option(".register-sort-choice select", "0-")  # the date, latest first
    latest = page.eval_on_selector_all("table.register-table tbody tr", "rows => rows.map(r => r.textContent)")
    sort = page.eval_on_selector("table.register-table thead th", "th => th.getAttribute('aria-sort')")
    page.context.close()
    assert latest == first[::-1] and sort == "descending"
