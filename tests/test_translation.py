"""A translated edition: built from the catalogs under locales/, its contents' captions
translated, the passages still in English reported (and refused in a release), the catalogs
counted; the package's own words extracted."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, stage_here

from briefbook.i18n import catalogs
from briefbook.pipeline import BuildError
from briefbook.pipeline.book import edition, translated
from briefbook.project import Project
from briefbook.sphinx.translation import read_report

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ar\\n"\n\n'


def po(*pairs: tuple[str, str], fuzzy: tuple[str, ...] = ()) -> str:
    entries = [f'{"#, fuzzy" + chr(10) if mid in fuzzy else ""}msgid "{mid}"\nmsgstr "{mstr}"\n' for mid, mstr in pairs]
    return HEADER + "\n".join(entries)


BOOK = {
    "_config.yml": """\
        title: Tiny
        only_build_toc_files: true
        sphinx:
          config:
            numfig: true
            briefbook_validate: false
          extra_extensions:
            - briefbook.sphinx
        """,
    "_toc.yml": "format: jb-book\nroot: index\nparts:\n  - caption: The study\n    chapters:\n      - file: page\n",
    "index.md": "# Tiny\n\nA translated paragraph.\n",
    "page.md": "# A page\n\nTranslated.\n\nNot translated yet.\n\n```{list-table} A table\n:name: tbl-x\n* - x\n```\n\n{numref}`tbl-x` is here.\n",
    "locales/ar/LC_MESSAGES/index.po": po(("Tiny", "صغير"), ("A translated paragraph.", "فقرة مترجمة."), ("The study", "الدراسة")),
    "locales/ar/LC_MESSAGES/page.po": po(("A page", "صفحة"), ("Translated.", "مترجمة."), ("Not translated yet.", "لم تترجم"), ("{numref}`tbl-x` is here.", "{numref}`tbl-x` هنا."), ("A table", "جدول"), ("x", "س"), fuzzy=("Not translated yet.",)),
    "locales/ar/LC_MESSAGES/briefbook.po": po(("Tiny", "صغير")),  # the words of _config.yml, the title's
    "locales/ar/LC_MESSAGES/sphinx.po": po(("Table %s", "الجدول %s")),  # Sphinx's words, before its own catalog
}  # fmt: skip


def write_book(root: Path) -> Project:
    for name, text in BOOK.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(textwrap.dedent(text), encoding="utf-8")
    # the edition's facts and data, which the extension reads
    for name in ("VERSION", "CITATION.cff", "references.bib"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "data", root / "data")
    return Project(root)


@pytest.fixture
def two_languages(tmp_path) -> Project:
    return write_book(tmp_path / "tiny")


@pytest.fixture(scope="module")
def built_both(tmp_path_factory) -> tuple[Path, str]:
    """The tiny book built in English (in this process), then in Arabic (through the build's process, whose
    report of the translation the tests read), once for the module: a copy of the folder (times kept) and
    what the two builds printed."""
    folder = tmp_path_factory.mktemp("translated")
    project = write_book(folder / "tiny")
    with contextlib.redirect_stdout(io.StringIO()) as printed:
        build_here(project, "en")
        build(project, "ar")
    shutil.copytree(project.root, folder / "built", symlinks=True)
    return folder, printed.getvalue()


@pytest.fixture
def built_two(built_both) -> Project:
    """The tiny book as :func:`built_both` left it, at the path it was built in (so that Sphinx
    takes up its environment where the two builds left it), whatever an earlier test changed."""
    folder, _ = built_both
    shutil.rmtree(folder / "tiny")
    shutil.copytree(folder / "built", folder / "tiny", symlinks=True)
    return Project(folder / "tiny")


def build(project: Project, language: str, release: bool = False):
    """One language's HTML, in a process of its own as the build runs it; and its log."""
    return edition(project, language, "html", release), project.logs_dir / f"html-{language}.log"


def build_here(project: Project, language: str, release: bool = False, builder: str = "html"):
    """One language's stage in this process (:func:`conftest.stage_here`), its translation reported and
    its log written as the build's; for the tests whose subject is the extension, not the process."""
    project.logs_dir.mkdir(parents=True, exist_ok=True)
    log = project.logs_dir / f"{builder}-{language}.log"
    out, printed = stage_here(project, language, builder, release)
    log.write_text(printed, encoding="utf-8")
    if language != "en" and builder == "html":
        translated(project, language, str(log))
    return out, log


@pytest.mark.sphinx
def test_the_arabic_book_is_read_from_its_catalogs_and_reports_what_is_left(built_two, built_both):
    two_languages = built_two
    english, arabic = (two_languages.sphinx_output("html", language) for language in ("en", "ar"))
    log = two_languages.logs_dir / "html-ar.log"
    assert english != arabic and arabic.name == "html-ar"
    page = (arabic / "page.html").read_text(encoding="utf-8")
    assert 'lang="ar"' in page.split("<head>")[0] and "مترجمة." in page
    assert "Not translated yet." in page and "لم تترجم" not in page  # a fuzzy translation is not used
    assert "الجدول 1" in page  # Sphinx's number words, from the book's sphinx.po (Sphinx's Arabic says "جدول")
    assert "<title>صفحة &#8212; صغير</title>" in page  # the book's title, from the package's catalog (_config.yml)
    index = (arabic / "index.html").read_text(encoding="utf-8")
    assert "الدراسة" in index and "The study<" not in index  # the part's caption, inserted by sphinx-external-toc
    assert "The study<" in (english / "index.html").read_text(encoding="utf-8")
    assert "untranslated" not in (english / "page.html").read_text(encoding="utf-8")  # no passage marked in English
    report = read_report(two_languages.sphinx_output(".doctrees", "ar"))
    assert report == {"page": [[5, "Not translated yet."]]}
    assert read_report(two_languages.sphinx_output(".doctrees", "en")) == {}  # the English book keeps no such report
    assert "untranslated (ar): page:5: Not translated yet." in log.read_text(encoding="utf-8")
    said = built_both[1]
    assert "Arabic catalogs: 10 of 11 messages translated in 4 catalogs; 1 fuzzy (to review), 0 empty" in said
    assert "Arabic pages: 1 passage in 1 page still in English" in said


@pytest.mark.sphinx
def test_a_release_refuses_a_passage_left_in_english(two_languages):
    with pytest.raises(BuildError, match=r"page\.md:5: WARNING: not translated into ar: Not translated yet\."):
        build(two_languages, "ar", release=True)
    catalog = two_languages.locale_dir / "ar" / "LC_MESSAGES" / "page.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    later = catalog.stat().st_mtime + 2  # Sphinx compares the catalog's time with its compiled copy's, in seconds
    os.utime(catalog, (later, later))
    arabic, _ = build_here(two_languages, "ar", release=True)  # the environment the refused build left
    assert "لم تترجم" in (arabic / "page.html").read_text(encoding="utf-8")
    assert json.loads((two_languages.sphinx_output(".doctrees", "ar") / "untranslated.json").read_text()) == {}


@pytest.mark.sphinx
def test_catalogs_are_counted_and_each_unfinished_message_named(two_languages):
    locales = two_languages.locale_dir
    (locales / "ar" / "LC_MESSAGES" / "extra.po").write_text(po(("Empty", "")), encoding="utf-8")
    summary, problems = catalogs.status(locales, "ar", two_languages.root)
    assert summary == "10 of 12 messages translated in 5 catalogs; 1 fuzzy (to review), 1 empty"
    assert problems == [
        "locales/ar/LC_MESSAGES/extra.po:6: not translated: Empty",
        "locales/ar/LC_MESSAGES/page.po:13: fuzzy (the English changed: review the translation): Not translated yet.",
    ]
    assert catalogs.status(locales, "fr")[1] == [f"{locales / 'fr'}: no catalogs"]


@pytest.mark.unit
def test_the_package_words_are_extracted(tmp_path):
    pot = tmp_path / "briefbook.pot"
    count = catalogs.extract_package(pot)
    text = pot.read_text(encoding="utf-8")
    assert count == text.count('\nmsgid "') - 1 >= 0  # every message once, after the header
    assert "briefbook/i18n/catalogs.py" not in text  # the module's own keyword names are no messages


@pytest.mark.unit
def test_page_catalogs_lose_python_format_flags(tmp_path):
    """Babel flags a page's message with braces as a Python format: updated, a page's catalog has no such flag (the
    package's keeps it), so that msgfmt and Poedit accept a translation that adds a language's span."""
    locales, pots = tmp_path / "locales", tmp_path / "pots"
    pots.mkdir()
    messages = 'msgid "See {ref}`x`"\nmsgstr ""\n\n#, fuzzy\nmsgid "{cite:p}`k`"\nmsgstr ""\n'
    for name in ("page", "briefbook"):
        (pots / f"{name}.pot").write_text(HEADER + messages, encoding="utf-8")
    catalogs.update(locales, pots)
    path = locales / "ar" / "LC_MESSAGES" / "page.po"
    text = path.read_text(encoding="utf-8")
    assert "python-brace-format" not in text and "#, fuzzy\nmsgid" in text
    assert "python-brace-format" in (path.parent / "briefbook.po").read_text(encoding="utf-8")
    translated = text.replace('"See {ref}`x`"\nmsgstr ""', '"See {ref}`x`"\nmsgstr "انظر {en}`x` {ref}`x`"')
    path.write_text(translated.replace("#, fuzzy\n", ""), encoding="utf-8")
    assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True).returncode == 0


@pytest.mark.sphinx
def test_a_change_to_the_package_s_catalog_reads_the_translated_pages_again(built_two, capsys):
    two_languages = built_two  # built in English, then in Arabic
    catalog = two_languages.locale_dir / "ar" / "LC_MESSAGES" / "briefbook.po"
    # a new message (no setting of Sphinx's changes): only the pages' dependency on it reads them again
    catalog.write_text(catalog.read_text(encoding="utf-8") + '\nmsgid "Speaker"\nmsgstr "المتحدث"\n', encoding="utf-8")
    build_here(two_languages, "en")
    assert "0 of 2 pages to read" in capsys.readouterr().out  # the English book has no such words
    build_here(two_languages, "ar")
    assert "2 of 2 pages to read" in capsys.readouterr().out


def saved_while_read(monkeypatch, catalog: Path, old: str, new: str) -> None:
    """A translator's save of ``catalog`` while the build reads "page": after Sphinx made the catalogs'
    ``.mo`` files, before the page's messages are translated (as ``make preview`` met it: a catalog saved
    while the last save's Arabic was still being built); then the package's words looked up, as a data
    table's labels and a notebook's charts are while pages are read."""
    from sphinx.transforms.i18n import Locale

    from briefbook import i18n

    apply = Locale.apply

    def apply_after_a_save(self, **kwargs):
        if self.env.docname == "page" and old in (text := catalog.read_text(encoding="utf-8")):
            catalog.write_text(text.replace(old, new), encoding="utf-8")
            i18n.gettext("Speaker", "ar", catalog.parents[3])
        return apply(self, **kwargs)

    monkeypatch.setattr(Locale, "apply", apply_after_a_save)


@pytest.mark.sphinx
def test_a_page_s_catalog_saved_while_the_page_is_read_is_read_at_the_next_build(built_two, monkeypatch):
    """The page's words come from the catalog as it was when the build began; the next build reads
    the page again with the saved words. The extension had made the page's ``.mo`` itself as it read
    the page, which dated the save before the page's reading: the next build read nothing."""
    page, catalog = built_two.root / "page.md", built_two.locale_dir / "ar" / "LC_MESSAGES" / "page.po"
    page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph added.\n", encoding="utf-8")
    saved_while_read(monkeypatch, catalog, 'msgstr "مترجمة."', 'msgstr "مترجمة بعد الحفظ."')
    arabic, _ = build_here(built_two, "ar")
    assert "مترجمة." in (arabic / "page.html").read_text(encoding="utf-8")  # read before the save reached it
    monkeypatch.undo()
    arabic, log = build(built_two, "ar")  # in a process of its own, as the next build (gettext keeps what it read)
    assert "1 of 2 pages to read" in log.read_text(encoding="utf-8")
    assert "مترجمة بعد الحفظ." in (arabic / "page.html").read_text(encoding="utf-8")


@pytest.mark.sphinx
def test_the_package_s_catalog_saved_while_a_page_is_read_has_every_page_read_again(built_two, monkeypatch, capsys):
    """The package's words are read once, as the build begins: a save of its catalog while the
    build reads has every translated page read again at the next build, the last read too."""
    page, catalog = built_two.root / "page.md", built_two.locale_dir / "ar" / "LC_MESSAGES" / "briefbook.po"
    page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph added.\n", encoding="utf-8")
    index = built_two.root / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA paragraph added.\n", encoding="utf-8")
    saved_while_read(monkeypatch, catalog, 'msgstr "صغير"', 'msgstr "صغير"\n\nmsgid "Speaker"\nmsgstr "المتحدث"')
    build_here(built_two, "ar")
    assert "2 of 2 pages to read" in capsys.readouterr().out
    monkeypatch.undo()
    build_here(built_two, "ar")
    assert "2 of 2 pages to read" in capsys.readouterr().out


@pytest.mark.sphinx
def test_a_page_without_a_catalog_is_reported_whole(built_two):
    """A chapter added before `make translations` has no catalog: Sphinx leaves it alone, untranslated."""
    two_languages = built_two  # built in English, then in Arabic
    (two_languages.root / "new.md").write_text("# A new chapter\n\nNot in any catalog.\n", encoding="utf-8")
    toc = two_languages.toc_file
    toc.write_text(toc.read_text(encoding="utf-8") + "      - file: new\n", encoding="utf-8")
    arabic, _ = build_here(two_languages, "ar")
    report = read_report(two_languages.sphinx_output(".doctrees", "ar"))
    assert report["new"] == [[1, "A new chapter"], [3, "Not in any catalog."]]
    page = (arabic / "new.html").read_text(encoding="utf-8")
    # the paragraph says so; the heading has the class alone (its markup is also the page's title)
    assert page.count('class="untranslated-mark"') == 1 and '<h1 class="untranslated">' in page
    assert "<title>A new chapter &#8212;" in page
    with pytest.raises(BuildError, match=r"new\.md:3: WARNING: not translated into ar: Not in any catalog\."):
        build_here(two_languages, "ar", release=True)


@pytest.mark.sphinx
def test_an_english_build_after_an_arabic_one_in_one_process_keeps_its_english(built_two):
    """Sphinx keeps the catalogs it has read for the life of the process: the English book built
    after the Arabic, in one process, must not take the Arabic's interface words."""
    two_languages = built_two  # built in English, then in Arabic
    english, arabic = (two_languages.sphinx_output("html", language) for language in ("en", "ar"))
    assert "بحث" not in (english / "index.html").read_text(encoding="utf-8")
    assert "بحث" in (arabic / "index.html").read_text(encoding="utf-8")  # Sphinx's own Arabic for "Search"
    index = two_languages.root / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA new English paragraph.\n", encoding="utf-8")
    english, _ = build(two_languages, "en")
    page = (english / "index.html").read_text(encoding="utf-8")
    assert "A new English paragraph." in page and "بحث" not in page


@pytest.mark.unit
def test_an_id_given_twice_in_a_translated_page_is_made_unique():
    """Two references of one page holding one id (a translated paragraph's citations) get two ids."""
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    from briefbook.sphinx.translation import UniqueIds

    document = new_document("page", get_default_settings(Parser))
    first, second, third = (nodes.inline("", "x", ids=[i]) for i in ("id4", "id4", "id5"))
    document += nodes.paragraph("", "", first, second, third)
    for node in (first, third):
        document.ids[node["ids"][0]] = node
    transform = UniqueIds(document)
    transform.apply()
    assert first["ids"] == ["id4"] and third["ids"] == ["id5"] and second["ids"] == ["id4-1"]
    assert document.ids["id4-1"] is second
    # Sphinx's translation gives the references to one target of a paragraph the very same list of ids
    shared = ["id6"]
    fourth, fifth = nodes.inline("", "y"), nodes.inline("", "z")
    fourth["ids"] = fifth["ids"] = shared
    document += nodes.paragraph("", "", fourth, fifth)
    UniqueIds(document).apply()
    assert (fourth["ids"], fifth["ids"]) == (["id6"], ["id6-1"])


@pytest.mark.sphinx
def test_a_passage_left_in_english_is_marked_and_set_left_to_right_in_the_html_and_the_epub(two_languages):
    """On an Arabic page, the English a catalog leaves untranslated says so, in Arabic, and is set as
    English (``lang="en" dir="ltr"``), in the site and the EPUB; the report and the contents are
    unchanged by the mark."""
    words = two_languages.locale_dir / "ar" / "LC_MESSAGES" / "briefbook.po"
    words.write_text(po(("Not yet translated", "لم يُترجم بعد")), encoding="utf-8")
    source = two_languages.root / "page.md"  # a passage of several runs, which a role splits
    source.write_text(source.read_text(encoding="utf-8") + "\nLeft in English, as {numref}`tbl-x` shows.\n")
    arabic, _ = build_here(two_languages, "ar")
    page = (arabic / "page.html").read_text(encoding="utf-8")
    mark = '<span class="untranslated-mark" dir="rtl" lang="ar">لم يُترجم بعد</span> '
    assert page.count(mark) == 2 and page.count("untranslated-mark") == 2  # a translated passage has none
    for start in (page.index(mark), page.rindex(mark)):
        opening = page[page.rindex("<p", 0, start) : start]  # the paragraph's own tag: set left to right
        assert 'class="untranslated"' in opening and 'dir="ltr"' in opening and 'lang="en"' in opening
    assert "Not translated yet.</span></p>" in page  # after the mark, the English whole
    assert "مترجمة." in page
    report = read_report(two_languages.sphinx_output(".doctrees", "ar"))  # the mark holds no words of the passage
    assert report == {"page": [[5, "Not translated yet."], [14, "Left in English, as tbl-x shows."]]}
    epub = build_here(two_languages, "ar", builder="epub")[0] / "page.xhtml"
    assert mark.replace("> ", ">") in epub.read_text(encoding="utf-8").replace("> ", ">")
    # the English book has none: test_the_arabic_book_is_read_from_its_catalogs_and_reports_what_is_left


@pytest.mark.unit
@pytest.mark.parametrize(("found", "said"), [({"page": [[5, "A."]]}, "1 passage in 1 page still"),
                                             ({"a": [[1, "A."], [2, "B."]], "b": [[1, "C."]]}, "3 passages in 2 pages still")])  # fmt: skip
def test_the_report_counts_passages_and_pages_in_the_right_number(tmp_path, monkeypatch, capsys, found, said):
    from briefbook.pipeline import book
    from briefbook.sphinx import translation

    monkeypatch.setattr(translation, "read_report", lambda doctrees: found)
    book.translated(Project(tmp_path), "ar", str(tmp_path / "html-ar.log"))
    assert f"Arabic pages: {said} in English (in the log)" in capsys.readouterr().out.splitlines()[-1]
