"""The bibliography: references.bib agrees with the fact sheet's verified sources, and the book's
pybtex style (briefbook.bibstyle) keeps titles as written and sorts by author, then year."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT
from pybtex.database import Entry, Person, parse_file
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

import briefbook.bibstyle  # noqa: F401  (registers the "briefbook" pybtex style)

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


def test_bib_parses_and_every_entry_has_a_title():
    entries = bib().entries
    assert len(entries) > 20
    for key, entry in entries.items():
        assert entry.fields.get("title"), key


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
            if "month" in fields or "day" in fields:
                wrong.append(f"{row['key']}: the page shows no date, but the entry has a month or day")
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
    assert not wrong, "\n".join(wrong)


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


def test_press_tv_is_one_entry():
    entries = bib().entries
    assert "presstv2021asad" not in entries
    press = entries["presstv2021embassy"]
    assert press.fields["url"] == "https://presstv.ir/Detail/2021/07/05/661618/Iraq-United-States-several-drones-attack"
    assert "Shafaq News" in press.fields["note"]


def test_corrections_of_the_verification():
    entries = bib().entries
    deterring = entries["knights2021deterring"].fields
    assert "PolicyWatch 3506" in deterring["howpublished"]
    assert "Militia Spotlight" not in deterring["howpublished"]
    assert "earlier list" in deterring["note"] and "not from the page" in deterring["note"]
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


def test_style_keeps_titles_as_written():
    data = bib()
    for item in formatted(data):
        title = plain(data.entries[item.key].fields["title"])
        assert title in item.text.render_as("text"), item.key
    texts = {item.key: item.text.render_as("text") for item in formatted(data)}
    assert "Iraq's Drone and Rocket Epidemic." in texts["knights2021epidemic"]
    assert "Harakat al-Nujaba Identifies with the Iraqi Resistance Coordination Committee" in texts["wins2021nujaba"]


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


def test_style_layout_is_author_date():
    texts = {item.key: item.text.render_as("text") for item in formatted()}
    assert texts["malik2021muqawama"].startswith(
        "Malik, Hamdi, and Crispin Smith (2021). Are the Muqawama Signaling De-Escalation? Policy Analysis"
    )
    assert ", 9 July 2021. https://www.washingtoninstitute.org/" in texts["malik2021muqawama"]
    assert texts["presstv2021embassy"].startswith("Press TV (2021). [")
    assert texts["quran"].startswith("The Quran (n.d.).")
    assert "Air & Space Forces Magazine (2021)" in texts["afm2021attacks"]


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
    head = re.match(r"^(.*?) \((\d{4}|n\.d\.)\)\.", text)
    assert head, text
    author = re.sub(r"^the\s+", "", head[1].casefold())
    return author, "" if head[2] == "n.d." else head[2]


def test_list_is_sorted_by_author_then_year():
    items = formatted()
    keys = [sort_key(item.text.render_as("text")) for item in items]
    assert keys == sorted(keys)
    assert [item.label for item in items] == [str(n) for n in range(1, len(items) + 1)]
    # corporate authors sort without "The": The Daily Caller among the D, The Times among the T
    order = [item.key for item in items]
    assert order.index("ap2021strikes") < order.index("dailycaller2021erbil") < order.index("islamtimes2021embassy")
    assert order.index("reuters2021omar") < order.index("times2021strikes") < order.index("washingtonnewsday2021")
    assert order.index("knights2021deterring") < order.index("knights2021epidemic")


def test_config_selects_the_style():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]
    assert "briefbook.bibstyle" in config["extra_extensions"]
    assert config["config"]["bibtex_default_style"] == "briefbook"
    assert config["config"]["bibtex_reference_style"] == "author_year"
    assert config["config"]["bibtex_cite_id"] == "cite-{key}"


def test_sphinx_renders_the_bibliography_with_the_style(tmp_path):
    """A small Sphinx project with the book's bibtex settings: entries keep their titles, link their
    addresses, keep the cite-{key} anchors, and the text cites author-year."""
    from sphinx.application import Sphinx

    settings = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]
    bibtex = {name: value for name, value in settings.items() if name.startswith("bibtex_")}
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxcontrib.bibtex", "briefbook.bibstyle"]\n'
        'bibtex_bibfiles = ["references.bib"]\n'
        'html_theme = "basic"\n' + "".join(f"{name} = {value!r}\n" for name, value in bibtex.items()),
        encoding="utf-8",
    )
    (tmp_path / "references.bib").write_bytes((ROOT / "references.bib").read_bytes())
    (tmp_path / "index.rst").write_text(
        "Test\n====\n\nSee :cite:p:`knights2021epidemic`.\n\n.. bibliography::\n   :all:\n", encoding="utf-8"
    )
    warnings = io.StringIO()
    app = Sphinx(
        str(tmp_path),
        str(tmp_path),
        str(tmp_path / "_build" / "html"),
        str(tmp_path / "_build" / "doctrees"),
        "html",
        status=None,
        warning=warnings,
        freshenv=True,
    )
    app.build()
    assert warnings.getvalue() == ""
    page = (tmp_path / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    entry = soup.find(id="cite-knights2021epidemic")
    assert entry is not None
    assert "Knights, Michael, and Crispin Smith (2021). Iraq's Drone and Rocket Epidemic." in entry.get_text()
    assert entry.find("a", href="https://www.iraq-businessnews.com/2021/06/29/iraqs-drone-and-rocket-epidemic/")
    assert soup.find("a", href="#cite-knights2021epidemic").get_text() == "Knights and Smith, 2021"
    for key in bib().entries:
        assert soup.find(id=f"cite-{key}") is not None, key
