"""The site's chrome in the page's language (briefbook.sphinx.output, briefbook/templates): a small
book with the book's theme, extension, footer and catalogs (locales/ar/LC_MESSAGES/sphinx.po and
briefbook.po), built in English and in Arabic; and the schema tables' cells (briefbook.sphinx.tables)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from docutils import nodes

from briefbook.sphinx.util import table

PAGES = {
    "index.md": "# A small book\n\n```{toctree}\n:numbered:\nchapters/one\n```\n\nThe first page.\n",
    "chapters/one.md": "# One\n\n## First\n\nWords.\n\n## Second\n\nThe end.\n\n```{schema-table} quotations\n```\n",
}
CATALOGS = {  # the pages' own words in Arabic (locales/ar/LC_MESSAGES/<docname>.po)
    "index": {
        "A small book": "كتاب صغير",
        "The first page.": "الصفحة الأولى.",
        "Are the Muqawama Signaling De-Escalation? A Study Edition": "هل تلمّح المقاومة إلى خفض التصعيد؟ طبعة دراسية",
    },
    "chapters/one": {"One": "الأول", "First": "أولًا", "Second": "ثانيًا", "Words.": "كلمات.", "The end.": "النهاية."},
}
LATIN = re.compile(r"[A-Za-z]")
# Latin words an Arabic page's chrome keeps, each a name that Arabic writes in Latin letters:
# file formats (the menu's "طبعة PDF", the theme's "طباعة إلى PDF", the footer's "(zip)"), the
# licences' names as their texts give them (CC BY 4.0, MIT), and Jupyter (a notebook's source).
# The keyboard's key names (Ctrl, K: printed so on its keys) are set left to right (dir="ltr").
KEPT = {"PDF", "EPUB", "zip", "CC", "BY", "MIT", "Jupyter"}


def make_project(root: Path) -> Path:
    from print_languages_project import copy_inputs

    catalogs = copy_inputs(root, ("sphinx.po", "briefbook.po"))  # the themes' words and the package's
    for doc, messages in CATALOGS.items():
        po = catalogs / f"{doc}.po"
        po.parent.mkdir(parents=True, exist_ok=True)
        entries = "".join(f"msgid {json.dumps(k, ensure_ascii=False)}\nmsgstr {json.dumps(v, ensure_ascii=False)}\n\n"
                          for k, v in messages.items())  # fmt: skip
        po.write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + entries, encoding="utf-8"
        )
    (root / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib.bibtex", "briefbook.sphinx"]\n'
        'bibtex_bibfiles = ["references.bib"]\nexclude_patterns = ["_build", "site", "locales"]\n'
        'html_theme = "sphinx_book_theme"\nbriefbook_validate = False\n'
        'locale_dirs = ["locales"]\ngettext_compact = False\n'
        'author = "The study edition\'s contributors"\n'
        "copyright = \"2026, the study edition's contributors. The brief: © 2021 The Washington Institute for Near"
        ' East Policy"\n'
        'project = "Are the Muqawama Signaling De-Escalation? A Study Edition"\n'
        "html_title = project\n"
        'html_theme_options = {"use_download_button": True, "home_page_in_toc": False,'
        ' "search_bar_text": "Search this book..."}\n',
        encoding="utf-8",
    )
    for name, text in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def chrome_site(tmp_path_factory) -> Path:
    from test_languages import build_site

    return build_site(make_project(tmp_path_factory.mktemp("chrome")))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def left_to_right(el) -> bool:
    """Inside a run the page marks as English or as left to right (the bidi isolation's marks)."""
    return any(t.get("lang") == "en" or t.get("dir") == "ltr" for t in [el, *el.parents] if hasattr(t, "get"))


def latin_in_chrome(page: BeautifulSoup) -> list[str]:
    """Every text, title, aria-label and placeholder of the page's chrome (all but the article) with a
    Latin word that is not one of :data:`KEPT`; attributes are looked at in the article too."""
    found = []
    article = page.select_one("article.bd-article")
    for el in page.find_all(True):
        if el.name in ("script", "style") or left_to_right(el):
            continue
        words = [f"{el.name}[{a}]={el[a]!r}" for a in ("title", "aria-label", "placeholder", "alt") if el.get(a)]
        if el.find_parent("head") is None and not (article is not None and (el is article or article in el.parents)):
            words += [f"{el.name}: {t.strip()!r}" for t in el.find_all(string=True, recursive=False)
                      if not isinstance(t, Comment)]  # fmt: skip
        for word in words:
            value = word.split("=", 1)[-1] if "[" in word.split(":", 1)[0] else word.split(": ", 1)[-1]
            if any(LATIN.search(w) and w.strip("'\".,()") not in KEPT for w in re.split(r"[\s،]+", value)):
                found.append(word)
    return found


@pytest.mark.sphinx
@pytest.mark.parametrize("page", ["index.html", "chapters/one.html", "search.html", "genindex.html"])
def test_no_english_in_the_arabic_chrome(chrome_site, page):
    assert latin_in_chrome(soup(chrome_site / "ar" / page)) == []


@pytest.mark.sphinx
def test_the_theme_s_words_are_translated_where_they_were_english(chrome_site):
    page = soup(chrome_site / "ar" / "chapters" / "one.html")
    assert page.select_one("button.primary-toggle")["title"] == "إظهار فهرس الكتاب أو إخفاؤه"
    assert page.select_one("button.secondary-toggle")["aria-label"] == "إظهار فهرس الصفحة أو إخفاؤه"
    assert page.select_one("nav.bd-docs-nav")["aria-label"] == "فهرس الكتاب"
    menu = [b.get_text(strip=True) for b in page.select(".dropdown-download-buttons .dropdown-item")]
    assert menu == ["طبعة PDF", "طبعة EPUB", "مصدر الصفحة", "طباعة الصفحة"]
    # the key names left to right, in the keyboard's order
    for keys in page.select(".search-button__kbd-shortcut"):
        assert keys["dir"] == "ltr" and keys.get_text() == "Ctrl+K"


@pytest.mark.sphinx
def test_the_footer_names_its_authors_as_a_label_and_a_name(chrome_site):
    """Not the theme's "By The study edition's contributors" / "بواسطة المساهمون" (a preposition
    before a nominative)."""
    en = soup(chrome_site / "chapters" / "one.html").select_one("p.component-author").get_text(strip=True)
    ar = soup(chrome_site / "ar" / "chapters" / "one.html").select_one("p.component-author").get_text(strip=True)
    assert en == "Prepared by: The study edition's contributors"
    assert ar == "إعداد: المساهمون في الطبعة الدراسية"
    english = soup(chrome_site / "chapters" / "one.html")
    assert english.select_one("button.primary-toggle")["title"] == "Toggle primary sidebar"
    menu = [b.get_text(strip=True) for b in english.select(".dropdown-download-buttons .dropdown-item")]
    assert menu == ["PDF edition", "EPUB edition", "Page source", "Print this page"]


@pytest.mark.sphinx
def test_a_schema_table_lists_a_field_s_codes_once_and_labels_only_cells_with_words(chrome_site):
    """The quotations' signal has an enumeration and codes of the same values: listed once ("one
    of"); devices, codes without an enumeration (a list field's): listed as codes. A field without
    rules has no "Rules" label for the phone's card."""
    for page in (chrome_site / "chapters" / "one.html", chrome_site / "ar" / "chapters" / "one.html"):
        rows = soup(page).select("table.schema-table tbody tr")
        cells = {r.select("td")[0].get_text(strip=True): r.select("td") for r in rows}
        for name, tds in cells.items():
            for td in tds:
                assert bool(td.get_text(strip=True)) == bool(td.select(".cell-label")), (page, name)
        signal = cells["signal"][3].get_text()
        values = [s.strip() for s in re.split(r"[,،;؛:]", signal)]
        assert values.count("mixed") == 1, signal
        assert not any(not td.get_text(strip=True) for td in cells["signal"]), signal
        devices = cells["devices"][3].get_text()
        assert [s.strip() for s in re.split(r"[,،;؛:]", devices)].count("threat") == 1, devices
    assert any(not tds[3].get_text(strip=True) for tds in cells.values())  # some field without rules


@pytest.mark.unit
def test_an_empty_cell_has_no_label_for_the_phone_s_card():
    node = table(["Field", "Rules"], [["name", []], ["kind", "required"]], [50, 50])
    rows = list(node.findall(nodes.row))[1:]
    labels = [[bool(list(e.findall(nodes.raw))) for e in row.findall(nodes.entry)] for row in rows]
    assert labels == [[True, False], [True, True]]
