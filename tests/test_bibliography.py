"""The bibliography: references.bib agrees with the fact sheet's verified sources, the book's
pybtex style (briefbook.bib) keeps titles as written and sorts by author, then year, and the
citations in the text are Chicago author-date, with the same lettered years as the list."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from pybtex.database import BibliographyData, Entry, Person, parse_file
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

import briefbook.bib  # noqa: F401  (registers the "briefbook" pybtex style)

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
# What the fact sheet writes after a headline: (sic), (subheading: ...), (as given in the copy).
HEADLINE_REMARK = re.compile(r"^(?P<title>.*?)\s*\((?P<remark>sic|subheading: .*|as given in the copy)\)$")
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def bib():
    return parse_file(str(ROOT / "references.bib"), bib_format="bibtex")


def plain(latex: str) -> str:
    return Text.from_latex(latex).render_as("text")


def verified_sources(sources: Path) -> list[dict]:
    """The rows of the fact sheet's table "The sources, verified", one per key in references.bib."""
    text = (sources / "facts.md").read_text(encoding="utf-8")
    brief_title = re.search(r'- Title: "(.+?)"', text).group(1)
    section = text.split("## The sources, verified", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    assert header == ["key in references.bib", "outlet", "headline (exact)", "byline", "date", "address"], header
    rows = []
    for line in lines[2:]:
        cells = dict(zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        headline = cells["headline (exact)"]
        sic = False
        if headline == "(the brief's title)":
            headline = brief_title
        elif headline.startswith(("not shown", "not found")):
            headline = None
        else:
            remark = HEADLINE_REMARK.match(headline)
            if remark:
                headline, sic = remark["title"], remark["remark"] == "sic"
        for key in re.findall(r"^[a-z]+\d{4}[a-z]*$", cells["key in references.bib"].replace(", ", "\n"), re.M):
            rows.append({**cells, "key": key, "headline": headline, "sic": sic})
    assert len(rows) > 20, "the verified table was not found or not parsed"
    return rows


@pytest.fixture(scope="module")
def verified(sources):
    return verified_sources(sources)


@pytest.mark.unit
def test_bib_parses_and_every_entry_has_a_title():
    entries = bib().entries
    assert len(entries) > 20
    for key, entry in entries.items():
        assert entry.fields.get("title"), key


@pytest.mark.unit
def test_headlines_are_exact(verified):
    entries = bib().entries
    wrong = []
    for row in verified:
        if row["key"] not in entries and row["key"] == "presstv2021asad":
            continue  # merged into presstv2021embassy; see the test below
        entry = entries[row["key"]]
        title, note = plain(entry.fields["title"]), plain(entry.fields.get("note", ""))
        if row["headline"] is None:
            what = "not found" if row["headline (exact)"].startswith("not found") else "not shown"
            if not (title.startswith("[") and title.endswith("]")):
                wrong.append(f"{row['key']}: no headline is known, so the title must be a [description]: {title!r}")
            if what not in note.casefold():
                wrong.append(f"{row['key']}: the note must say the headline is {what}: {note!r}")
        else:
            if title != row["headline"]:
                wrong.append(f"{row['key']}: title {title!r} is not the headline {row['headline']!r}")
            if row["sic"] and "(sic)" not in note:
                wrong.append(f"{row['key']}: the headline is marked sic, the note must say so: {note!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.unit
def test_addresses_are_the_verified_ones(verified):
    entries = bib().entries
    wrong = []
    for row in verified:
        entry = entries.get(row["key"])
        if entry is None:
            continue
        address, url = row["address"], entry.fields.get("url")
        if address.startswith("http"):
            if url != address:
                wrong.append(f"{row['key']}: url {url!r} is not the verified address {address!r}")
        elif url is not None and "not verified" not in entry.fields.get("note", ""):
            wrong.append(f"{row['key']}: the address was not found, so the note must say {url!r} is not verified")
    assert not wrong, "\n".join(wrong)


@pytest.mark.unit
def test_dates_are_the_verified_ones(verified):
    entries = bib().entries
    wrong, not_shown = [], set()
    for row in verified:
        entry = entries.get(row["key"])
        if entry is None:
            continue
        date, fields = row["date"], entry.fields
        if date.startswith("not shown"):
            not_shown.add(row["key"])
            if "year" in fields or "month" in fields or "day" in fields:
                wrong.append(f"{row['key']}: the page shows no date, but the entry has a year, month or day (n.d.)")
        elif "day not shown" in date and "day" in fields:
            wrong.append(f"{row['key']}: the page shows no day, but the entry has one")
        found = DAY_MONTH_YEAR.search(date)
        if found and not date.startswith("not shown"):
            day, month, year = found.groups()
            got = (fields.get("day"), fields.get("month", "")[:3], fields.get("year"))
            if got != (day, month, year):
                wrong.append(f"{row['key']}: date {got} is not {day} {month} {year}")
        if "URL path" in date and "URL path" not in fields.get("note", ""):
            wrong.append(f"{row['key']}: the date is read from the URL path, the note must say so")
    assert {"knights2021deterring", "wins2021nujaba", "afm2021attacks"} <= not_shown
    # a page that was not found shows no date either: no year is guessed from what it reports
    for row in verified:
        entry = entries.get(row["key"])
        if entry is not None and row["headline (exact)"].startswith("not found") and "year" in entry.fields:
            wrong.append(f"{row['key']}: the page was not found, but the entry has a year")
    assert not wrong, "\n".join(wrong)


@pytest.mark.unit
def test_bylines(verified):
    """A byline of persons gives the authors; an agency's byline is kept in the note; where the page
    shows no byline, a personal author must say in the note that it does not come from the page."""
    entries = bib().entries
    wrong = []
    for row in verified:
        entry = entries.get(row["key"])
        byline = row["byline"]
        if entry is None or not byline:
            continue
        authors = entry.persons.get("author", [])
        surnames = {plain(" ".join(person.last_names)) for person in authors}
        note = plain(entry.fields.get("note", ""))
        if byline == "not shown":
            if any(person.first_names for person in authors) and "not from the page" not in note:
                wrong.append(f"{row['key']}: no byline on the page, but a personal author without a note saying so")
            continue
        names = re.split(r", | and ", byline)
        if not all(name.split()[-1] in surnames for name in names) and f"Byline: {byline}" not in note:
            wrong.append(f"{row['key']}: the byline {byline!r} is neither the authors {surnames} nor in the note")
    assert not wrong, "\n".join(wrong)


@pytest.mark.unit
def test_press_tv_is_one_entry():
    entries = bib().entries
    assert "presstv2021asad" not in entries
    press = entries["presstv2021embassy"]
    assert press.fields["url"] == "https://presstv.ir/Detail/2021/07/05/661618/Iraq-United-States-several-drones-attack"
    assert "Shafaq News" in press.fields["note"]


@pytest.mark.unit
def test_corrections_of_the_verification():
    entries = bib().entries
    deterring = entries["knights2021deterring"].fields
    assert "PolicyWatch 3506" in deterring["howpublished"]
    assert "Militia Spotlight" not in deterring["howpublished"]
    # neither author nor date is shown on the page: the Institute as author, no year (n.d.), and the
    # note says that neither could be verified, naming no record a reader cannot consult
    assert [str(p) for p in entries["knights2021deterring"].persons["author"]] == [
        "{The Washington Institute for Near East Policy}"
    ]
    assert "year" not in deterring and "could not be verified" in deterring["note"]
    assert "Michael Knights" not in deterring["note"]
    assert (
        "year" not in entries["wins2021nujaba"].fields
        and "Militia Spotlight" not in entries["wins2021nujaba"].fields["howpublished"]
    )
    epidemic = entries["knights2021epidemic"].fields
    assert "Iraq Business News" in epidemic["howpublished"] and "unverified" in epidemic["note"]
    assert "jz5.info" in entries["wins2022sabereen"].fields["url"]
    assert "October 15, 2022" in entries["wins2022sabereen"].fields["note"]
    assert "not verified" in entries["malik2021muqawama"].fields["note"]
    assert "url" not in entries["memo2021khazali"].fields
    assert entries["almanar2021"].fields["url"] == "https://french.almanar.com.lb/2108823"


def formatted(bib_data=None) -> list:
    style = find_plugin("pybtex.style.formatting", "briefbook")()
    return list(style.format_bibliography(bib_data or bib()))


@pytest.mark.unit
def test_style_keeps_titles_as_written():
    data = bib()
    for item in formatted(data):
        title = plain(data.entries[item.key].fields["title"])
        assert title in item.text.render_as("text"), item.key
    texts = {item.key: item.text.render_as("text") for item in formatted(data)}
    assert "Iraq's Drone and Rocket Epidemic." in texts["knights2021epidemic"]
    assert "Harakat al-Nujaba Identifies with the Iraqi Resistance Coordination Committee" in texts["wins2021nujaba"]


@pytest.mark.unit
@pytest.mark.parametrize("kind", ["misc", "article", "online", "book", "techreport"])
def test_style_keeps_titles_of_every_entry_type(kind):
    entry = Entry(
        kind,
        fields={
            "title": "Iraq's Drone and Rocket Epidemic",
            "year": "2021",
            "journal": "Militia Spotlight",
            "publisher": "The Washington Institute",
            "institution": "The Washington Institute",
        },
        persons={"author": [Person("Knights, Michael")]},
    )
    style = find_plugin("pybtex.style.formatting", "briefbook")()
    text = style.format_entry("1", entry).text.render_as("text")
    assert "Iraq's Drone and Rocket Epidemic" in text


@pytest.mark.unit
def test_style_layout_is_author_date():
    texts = {item.key: item.text.render_as("text") for item in formatted()}
    assert texts["malik2021muqawama"].startswith(
        "Malik, Hamdi, and Crispin Smith (2021). Are the Muqawama Signaling De-Escalation? Policy Analysis"
    )
    assert ", 9 July 2021. https://www.washingtoninstitute.org/" in texts["malik2021muqawama"]
    assert texts["presstv2021embassy"].startswith("Press TV (2021). [")
    assert texts["quran"].startswith("The Quran (n.d.).")
    assert "Air & Space Forces Magazine (n.d.)" in texts["afm2021attacks"]
    assert texts["knights2021deterring"].startswith("The Washington Institute for Near East Policy (n.d.-a). Deterring")


@pytest.mark.unit
def test_style_links_the_url():
    item = next(i for i in formatted() if i.key == "abc2021asad")
    html = item.text.render_as("html")
    assert (
        '<a href="https://abcnews.go.com/Politics/us-military-service-members-hurt-rocket-attack-al/story?id=78718153">'
        in html
    )


def sort_key(text: str) -> tuple[str, str]:
    """(author, year) read back from a rendered entry, compared as the style documents: case
    ignored, a leading "The" ignored."""
    head = re.match(r"^(.*?) \((\d{4}|n\.d\.)(?:-?[a-z]+)?\)\.", text)
    assert head, text
    author = re.sub(r"^the\s+", "", head[1].casefold())
    return author, "" if head[2] == "n.d." else head[2]


@pytest.mark.unit
def test_list_is_sorted_by_author_then_year():
    items = formatted()
    keys = [sort_key(item.text.render_as("text")) for item in items]
    assert keys == sorted(keys)
    assert [item.label for item in items] == [str(n) for n in range(1, len(items) + 1)]
    # corporate authors sort without "The": The Daily Caller among the D, The Times among the T
    order = [item.key for item in items]
    assert order.index("ap2021strikes") < order.index("dailycaller2021erbil") < order.index("islamtimes2021embassy")
    assert order.index("reuters2021omar") < order.index("times2021strikes") < order.index("washingtonnewsday2021")
    # an unsigned, undated page of the Institute's sorts under the Institute, before its dated profile
    assert order.index("times2021strikes") < order.index("knights2021deterring") < order.index("wins2022sabereen")


@pytest.mark.unit
def test_config_selects_the_style():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]
    assert "briefbook.bib" in config["extra_extensions"]
    assert config["config"]["bibtex_default_style"] == "briefbook"
    assert config["config"]["bibtex_reference_style"] == "briefbook"
    assert config["config"]["bibtex_cite_id"] == "cite-{key}"


def book_bibtex_settings() -> str:
    """The book's bibtex_* settings from _config.yml, as lines of a conf.py."""
    settings = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    return "".join(f"{name} = {value!r}\n" for name, value in settings.items() if name.startswith("bibtex_"))


def sphinx_project(root: Path, pages: dict[str, str]) -> Path:
    """A small Sphinx project with the book's bibtex settings, references.bib and the given pages."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(
        'extensions = ["sphinxcontrib.bibtex", "briefbook.bib"]\n'
        'bibtex_bibfiles = ["references.bib"]\n'
        'html_theme = "basic"\n'
        'latex_engine = "xelatex"\n'
        'latex_documents = [("index", "cites.tex", "Cites", "Test", "manual")]\n' + book_bibtex_settings(),
        encoding="utf-8",
    )
    (root / "references.bib").write_bytes((ROOT / "references.bib").read_bytes())
    for name, text in pages.items():
        (root / f"{name}.rst").write_text(text, encoding="utf-8")
    return root


def sphinx_build(root: Path, builder: str, language: str = "en") -> Path:
    """Build the project with the builder (in ``language``), nitpicky; fails on any warning.
    Returns the output folder."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    out = root / "_build" / (builder if language == "en" else f"{builder}-{language}")
    warnings = io.StringIO()
    # docutils_namespace: each app registers its nodes afresh, as in a process of its own (without
    # it a second app in one process warns that Sphinx's nodes are already registered).
    with docutils_namespace():
        app = Sphinx(
            str(root),
            str(root),
            str(out),
            str(root / "_build" / f"doctrees-{builder}-{language}"),
            builder,
            confoverrides={"nitpicky": True, "language": language},
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build()
    assert warnings.getvalue() == ""
    return out


@pytest.mark.sphinx
def test_sphinx_renders_the_bibliography_with_the_style(tmp_path):
    """A small Sphinx project with the book's bibtex settings: entries keep their titles, link their
    addresses, keep the cite-{key} anchors, and the text cites author-date."""
    root = sphinx_project(
        tmp_path, {"index": "Test\n====\n\nSee :cite:p:`knights2021epidemic`.\n\n.. bibliography::\n   :all:\n"}
    )
    page = (sphinx_build(root, "html") / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    entry = soup.find(id="cite-knights2021epidemic")
    assert entry is not None
    assert "Knights, Michael, and Crispin Smith (2021). Iraq's Drone and Rocket Epidemic." in entry.get_text()
    assert entry.find("a", href="https://www.iraq-businessnews.com/2021/06/29/iraqs-drone-and-rocket-epidemic/")
    assert soup.find("a", href="#cite-knights2021epidemic").get_text() == "Knights and Smith 2021"
    for key in bib().entries:
        assert soup.find(id=f"cite-{key}") is not None, key


# The edition's own words in the list (each note, a title in square brackets) in the Arabic
# edition: from data/arabic.csv (briefbook.i18n.references), the English everywhere else.
ENGLISH_NOTES = re.compile(r"not shown|Page not found|Byline|stored copy|Date read|\[Reports? |Published in French")


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The list of every entry, with the book's data (its translation table), in each edition:
    {(language, builder): the page's text}."""
    import shutil

    root = sphinx_project(tmp_path_factory.mktemp("editions"), {"index": REFERENCES})
    shutil.copytree(ROOT / "data", root / "data")
    edit = root / "data" / "arabic.csv"  # one note's translation holds markup: it must reach the page as text
    text = edit.read_text(encoding="utf-8")
    edit.write_text(text.replace("تذكر الصفحة الساعة 4:13 مساءً.", "تذكر الصفحة <b>الساعة</b> 4:13 & 100% مساءً."),
                    encoding="utf-8")  # fmt: skip
    out = {}
    for language in ("en", "ar"):
        out[(language, "html")] = (sphinx_build(root, "html", language) / "index.html").read_text(encoding="utf-8")
        out[(language, "latex")] = (sphinx_build(root, "latex", language) / "cites.tex").read_text(encoding="utf-8")
    return out


def entry_texts(page: str) -> dict[str, str]:
    soup = BeautifulSoup(page, "html.parser")
    return {key: soup.find(id=f"cite-{key}").get_text(" ", strip=True) for key in bib().entries}


@pytest.mark.sphinx
def test_the_arabic_list_gives_the_edition_s_words_in_arabic_and_headlines_as_published(editions):
    english, arabic = entry_texts(editions[("en", "html")]), entry_texts(editions[("ar", "html")])
    for key, entry in bib().entries.items():
        title = plain(entry.fields["title"])
        assert not ENGLISH_NOTES.search(arabic[key]), (key, arabic[key])
        if title.startswith("["):
            assert title not in arabic[key] and title in english[key], key
        else:  # a headline, as published, in both editions
            assert title in arabic[key] and title in english[key], key
        assert plain(entry.fields.get("note", "")) in english[key]
    assert arabic["reuters2021omar"].endswith("لا يظهر اسم الكاتب.")
    assert "[تقرير عن هجوم الطائرة المسيّرة على مطار أربيل الدولي]" in arabic["dailycaller2021erbil"]
    assert english["reuters2021omar"].endswith("Byline not shown.")


@pytest.mark.sphinx
def test_the_arabic_list_s_words_reach_html_and_latex_as_text(editions):
    html, latex = editions[("ar", "html")], editions[("ar", "latex")]
    assert "&lt;b&gt;الساعة&lt;/b&gt; 4:13 &amp; 100% مساءً." in html and "<b>الساعة" not in html
    # LaTeX's special characters escaped by Sphinx's writer; < and > are letters to XeLaTeX
    assert r"<b>الساعة</b> 4:13 \& 100\% مساءً" in latex and r"\textbf{الساعة" not in latex
    assert "لا يظهر اسم الكاتب." in latex and "Byline not shown" not in latex
    assert "Byline not shown" in editions[("en", "latex")]


# The citations of the test book's first page: the bibliography is on a page of its own, as in the book.
CITATIONS = """\
Citations
=========

.. toctree::

   references

Two works :cite:p:`knights2021epidemic,knights2021deterring`.

One outlet, one year :cite:p:`reuters2021omar,reuters2021embassy`.

As :cite:t:`malik2021muqawama` argue; as :cite:t:`militarycom2021strikes` reported.

Each work alone:

"""
REFERENCES = "References\n==========\n\n.. bibliography::\n   :all:\n"


@pytest.fixture(scope="module")
def cited(tmp_path_factory):
    """The test book: the citations above, then every entry of references.bib cited alone."""
    alone = "".join(f"- :cite:p:`{key}`\n" for key in bib().entries)
    return sphinx_project(tmp_path_factory.mktemp("cited"), {"index": CITATIONS + alone, "references": REFERENCES})


@pytest.fixture(scope="module")
def cited_html(cited):
    out = sphinx_build(cited, "html")
    pages = {
        name: BeautifulSoup((out / f"{name}.html").read_text(encoding="utf-8"), "html.parser")
        for name in ("index", "references")
    }
    return pages["index"], pages["references"]


def citations(page) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each citation in the page: its text, and the text and the address of each of its links."""
    return [
        (span.get_text(), [(a.get_text(), a["href"]) for a in span.find_all("a")])
        for span in page.select("span.bibtex-citation")
    ]


@pytest.mark.sphinx
def test_parenthetical_citation_of_two_works(cited_html):
    """Round brackets, no comma between author and year, a semicolon between works; each work
    links to its entry."""
    index, _ = cited_html
    text, links = citations(index)[0]
    assert text == "(Knights and Smith 2021; The Washington Institute for Near East Policy n.d.-a)"
    assert links == [
        ("Knights and Smith 2021", "references.html#cite-knights2021epidemic"),
        ("The Washington Institute for Near East Policy n.d.-a", "references.html#cite-knights2021deterring"),
    ]


@pytest.mark.sphinx
def test_same_author_same_year_get_letters_in_text_and_list(cited_html):
    """Reuters' two reports of 2021 are 2021a and 2021b, in the list's order (by title), and the
    citation and the entry it links to give the same year."""
    index, references = cited_html
    text, links = citations(index)[1]
    assert text == "(Reuters 2021a; Reuters 2021b)"
    assert links == [
        ("Reuters 2021a", "references.html#cite-reuters2021embassy"),
        ("Reuters 2021b", "references.html#cite-reuters2021omar"),
    ]
    assert references.find(id="cite-reuters2021embassy").p.get_text().startswith("Reuters (2021a). Rocket attack")
    assert references.find(id="cite-reuters2021omar").p.get_text().startswith("Reuters (2021b). Rockets hit")


@pytest.mark.sphinx
def test_textual_citation_is_author_then_year_in_brackets(cited_html):
    index, _ = cited_html
    malik, military = citations(index)[2:4]
    assert malik == ("Malik and Smith (2021)", [("2021", "references.html#cite-malik2021muqawama")])
    assert military == ("Military.com (2021b)", [("2021b", "references.html#cite-militarycom2021strikes")])
    assert "As Malik and Smith (2021) argue; as Military.com (2021b) reported." in index.get_text()


@pytest.mark.sphinx
def test_every_citation_is_one_work_and_agrees_with_its_entry(cited_html):
    """Cited alone, every entry gives "(Author Year)", linked to #cite-<key>; no two entries give
    the same citation; the year, letter included, is the year of the entry the link goes to, and the
    entry begins with the cited author (the surname, for persons)."""
    index, references = cited_html
    keys = list(bib().entries)
    alone = citations(index)[4:]
    assert len(alone) == len(keys)
    seen = {}
    for key, (text, links) in zip(keys, alone, strict=True):
        assert len(links) == 1 and links[0][1] == f"references.html#cite-{key}", (key, links)
        cite = re.fullmatch(r"\((?P<author>.+) (?P<year>\d{4}[a-z]?|n\.d\.(?:-[a-z])?)\)", text)
        assert cite, (key, text)
        assert text not in seen, f"{key} and {seen.get(text)} are both cited as {text}"
        seen[text] = key
        entry = references.find(id=f"cite-{key}").p.get_text()
        assert f"({cite['year']})." in entry, (key, text, entry)
        assert entry.startswith(cite["author"].split(" and ")[0]) or entry.startswith(cite["author"] + " ("), (
            key,
            text,
            entry,
        )
    lettered = {text for text in seen if re.search(r"\d{4}[a-z]\)$", text)}
    assert lettered == {
        f"({outlet} 2021{letter})"
        for outlet in ("Agence France-Presse", "Islam Times", "Middle East Monitor", "Military.com", "Reuters")
        for letter in "ab"
    }
    # the Institute's two undated pages
    assert {text for text in seen if "n.d.-" in text} == {
        "(The Washington Institute for Near East Policy n.d.-a)",
        "(The Washington Institute for Near East Policy n.d.-b)",
    }


CITING = """
from docutils import nodes
from briefbook.bib import citation


def cite(app, doctree):
    if app.env.docname == "index":
        doctree.next_node(nodes.section).append(nodes.paragraph("", "", citation(["reuters2021omar", "quran"], "index")))


def setup(app):
    app.connect("doctree-read", cite)
    return {"parallel_read_safe": True}
"""


@pytest.mark.sphinx
def test_a_citation_made_outside_a_parse_is_resolved_as_the_role_s(tmp_path):
    root = sphinx_project(tmp_path, {"index": "Test\n====\n\n.. bibliography::\n   :all:\n"})
    (root / "citing.py").write_text(CITING, encoding="utf-8")
    conf = (root / "conf.py").read_text(encoding="utf-8")
    (root / "conf.py").write_text(
        "import os, sys; sys.path.insert(0, os.path.dirname(__file__))\n"
        + conf.replace('"briefbook.bib"]', '"briefbook.bib", "citing"]')
    )
    page = BeautifulSoup((sphinx_build(root, "html") / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert citations(page) == [("(The Quran n.d.; Reuters 2021b)", [("The Quran n.d.", "#cite-quran"),
                                                                    ("Reuters 2021b", "#cite-reuters2021omar")])]  # fmt: skip


@pytest.mark.sphinx
def test_latex_citations_are_author_date_and_link_to_the_entries(cited):
    """The LaTeX builder gives the same citations, each a \\hyperlink to its entry's cite-<key>."""
    tex = (sphinx_build(cited, "latex") / "cites.tex").read_text(encoding="utf-8")
    link = r"\hyperlink{{cite.references:cite-{key}}}{{{text}}}"
    assert "(" + link.format(key="knights2021epidemic", text="Knights and Smith 2021") + "; " in tex
    deterring = r"The Washington Institute for Near East Policy n.d.\sphinxhyphen{}a"
    assert "; " + link.format(key="knights2021deterring", text=deterring) + ")" in tex
    assert "(" + link.format(key="reuters2021embassy", text="Reuters 2021a") + "; " in tex
    assert "; " + link.format(key="reuters2021omar", text="Reuters 2021b") + ")" in tex
    assert "Malik and Smith (" + link.format(key="malik2021muqawama", text="2021") + ")" in tex
    assert "Military.com (" + link.format(key="militarycom2021strikes", text="2021b") + ")" in tex
    assert "Reuters (2021a). Rocket attack" in tex and "Reuters (2021b). Rockets hit" in tex


@pytest.mark.unit
def test_year_letters_follow_the_lists_order_and_cited_author():
    """Letters go to works that share the author as cited and the year, in the order given (the
    list's); an undated pair is n.d.-a and n.d.-b; a different year, or another author, no letter."""
    from briefbook.bib import year_suffixes

    def work(key, title, author, year=None):
        fields = {"title": title} | ({"year": year} if year else {})
        return Entry("misc", fields=fields, persons={"author": [Person(author)]})

    listed = [
        work("x3", "A Title", "{Reuters}", "2021"),
        work("x1", "B Title", "{Reuters}", "2021"),
        work("x2", "C Title", "{Reuters}", "2021"),
        work("x4", "D Title", "{Reuters}", "2020"),
        work("x5", "Undated one", "{Reuters}"),
        work("x6", "Undated two", "{Reuters}"),
        work("k1", "First", "Knights, Michael", "2021"),
        work("k2", "Second", "Knights, Sarah", "2021"),
        work("s1", "Third", "Smith, Crispin", "2021"),
    ]
    for entry, key in zip(listed, ["x3", "x1", "x2", "x4", "x5", "x6", "k1", "k2", "s1"], strict=True):
        entry.key = key
    assert year_suffixes(listed) == {
        "x3": "a",
        "x1": "b",
        "x2": "c",
        "x4": "",
        "x5": "a",
        "x6": "b",
        "k1": "a",  # both are "Knights 2021" in the text
        "k2": "b",
        "s1": "",
    }
    data = BibliographyData(entries={entry.key: entry for entry in listed})
    texts = {item.key: item.text.render_as("text") for item in formatted(data)}
    assert texts["x3"].startswith("Reuters (2021a). A Title.")
    assert texts["x2"].startswith("Reuters (2021c). C Title.")
    assert texts["x4"].startswith("Reuters (2020). D Title.")
    assert texts["x5"].startswith("Reuters (n.d.-a). Undated one.")
    assert texts["s1"].startswith("Smith, Crispin (2021). Third.")


# Words that point a reader at a record the reader cannot consult (the edition's research notes).
VEILED = re.compile(
    r"\b(?:earlier|unverified|previous) (?:record|list|sheet)|\bour notes\b|\bresearch notes\b"
    r"|\bfact sheet\b|\bthe verification\b",
    re.IGNORECASE,
)


@pytest.mark.unit
def test_no_note_points_to_a_record_readers_cannot_consult():
    veiled = {key: e.fields["note"] for key, e in bib().entries.items() if VEILED.search(e.fields.get("note", ""))}
    assert not veiled, veiled


PLACING = """
def setup(app):
    from briefbook.sphinx.output import MoveBibliography

    app.add_post_transform(MoveBibliography)
"""


@pytest.mark.sphinx
def test_print_keeps_the_list_where_the_page_puts_it(tmp_path):
    """Sphinx's LaTeX writer gathers the citations at the document's end; print moves the list back to where
    the page's first entry stands (briefbook.sphinx.printing), before the text that follows it."""
    page = "Test\n====\n\nWords :cite:p:`quran`.\n\n.. bibliography::\n\nAfter\n=====\n\nThe words after the list.\n"
    root = sphinx_project(tmp_path, {"index": page})
    (root / "conf.py").write_text((root / "conf.py").read_text(encoding="utf-8") + PLACING, encoding="utf-8")
    tex = (sphinx_build(root, "latex") / "cites.tex").read_text(encoding="utf-8")
    listed, after = tex.index(r"\begin{sphinxthebibliography}"), tex.index("The words after the list.")
    assert listed < after  # Sphinx alone sets it last
