"""The extension knows no name of this book: a second, tiny book (tests/roots/test-example: a
council's ``speeches`` and ``people``, one language) builds with it, its cards, tables, anchors and
coding scheme drawn from its own data package's schema; and the book's anchors come from its schema."""

from __future__ import annotations

import json
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp

from briefbook.package import Schema


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict[str, BeautifulSoup]:
    root = tmp_path_factory.mktemp("example")
    shutil.copytree(ROOT / "tests" / "roots" / "test-example", root, dirs_exist_ok=True)
    app = SphinxTestApp("html", srcdir=root, freshenv=True)
    try:
        app.build()
        warned = [line for line in app.warning.getvalue().splitlines() if "theme option" not in line]  # basic's
        assert warned == []
        return {p: BeautifulSoup((app.outdir / f"{p}.html").read_text(encoding="utf-8"), "html.parser")
                for p in ("index", "data")}  # fmt: skip
    finally:
        app.cleanup()


@pytest.mark.sphinx
def test_a_card_of_another_table_shows_its_fields_under_its_own_anchor(example):
    card = example["index"].select_one("div.data-card.speeches-card")
    assert card.find(id="speech-sp-1901-03-04-budget") is not None  # the table's x-anchor, then the id
    fields = [dt.get_text().rstrip(":") for dt in card.select("dt")]
    assert fields == ["Day", "Speaker", "Tone", "Words", "Sources"]  # its x-card fields, by their titles
    values = [dd.get_text(" ", strip=True) for dd in card.select("dd")]
    assert values[:4] == ["4 March 1901", "Ada Moreau", "Calm", "The budget is balanced."]
    assert card.select_one("dd a[href='data.html#person-ada']").get_text() == "Ada Moreau"  # its x-title
    assert "Cle01" in values[4]  # the x-cite field's keys, cited


@pytest.mark.sphinx
def test_its_tables_hold_its_rows_anchors_in_its_columns(example):
    page = example["data"]
    speeches = page.select_one("table.speeches-table")
    assert [th.get_text(strip=True) for th in speeches.select("thead th")] == ["Day", "Speaker", "Tone", "Words"]
    assert [t["id"] for t in speeches.select("tbody span.target")] == [
        "speech-sp-1901-03-04-budget", "speech-sp-1901-03-05-roads"]  # fmt: skip
    assert [t["id"] for t in page.select("table.people-table tbody span.target")] == ["person-ada", "person-ben"]
    scheme = page.select_one("dl.coding-scheme").get_text(" ", strip=True)
    assert "Calm calm Says all is in hand. Speeches coded so: 1." in scheme
    rules = page.select_one("table.schema-table").get_text(" ", strip=True)
    assert "refers to people.id" in rules and "each key in references.bib" in rules


@pytest.mark.sphinx
def test_no_name_of_the_study_edition_s_book_reaches_the_example(example):
    shown = " ".join(page.get_text(" ") + str(page) for page in example.values())
    for name in ("quote-", "event-", "actor-", "Quotations", "statements", "quotation"):
        assert name not in shown, name


@pytest.mark.unit
def test_the_book_s_anchors_and_evidence_tables_are_read_from_its_schema():
    schema = Schema(json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")))
    assert schema.table_of("ev-2021-07-06-erbil-airport-drone") == "events"  # the longest literal start
    assert schema.table_of("khazali-2021-06-29-isra") == "quotations"
    assert schema.anchor("quotations", "khazali-2021-06-29-isra") == "quote-khazali-2021-06-29-isra"
    assert schema.anchor("claims", "claim-x") == "claim-x"
    other = Schema({"resources": [{"name": "speeches", "x-anchor": "speech-", "schema": {"fields": []}}]})
    assert other.anchor("speeches", "sp-1") == "speech-sp-1"


@pytest.mark.unit
def test_a_field_s_x_refers_to_is_said_among_its_rules():
    from types import SimpleNamespace

    from briefbook.sphinx.tables import rules

    env = SimpleNamespace(config=SimpleNamespace(language="en"))
    said = rules({"name": "evidence", "x-refers-to": ["quotations", "events"]}, {"name": "claims", "schema": {}}, env)
    assert "".join(n.astext() for n in said) == "each an id of quotations or events"


@pytest.mark.unit
def test_the_cards_and_tables_name_no_table_or_column_of_the_book():
    """The book's cards and tables are laid out by its descriptor's marks: no string of the extension's
    modules that draw them is one of the book's tables or columns (words of the Table Schema and of the
    extension's own vocabulary aside)."""
    import ast

    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    resources = descriptor["resources"]
    names = {r["name"] for r in resources} | {f["name"] for r in resources for f in r["schema"]["fields"]}
    generic = {"id", "name", "title", "type", "description", "date", "text", "note", "field", "english", "arabic"}
    generic |= {"quotation", "evidence", "cites"}  # a class of the block quote, a role, the domain's cite lines
    for module in ("tables", "domain", "nodes", "anchors", "transforms"):
        tree = ast.parse((ROOT / "briefbook" / "sphinx" / f"{module}.py").read_text(encoding="utf-8"))
        found = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        assert not found & (names - generic), (module, found & (names - generic))


@pytest.mark.sphinx
def test_a_lost_published_anchor_fails_the_build_and_the_citable_ones_are_recorded(tmp_path):
    """Published anchors are checked against the book's pages and labels: one that no longer exists fails the
    build by name; the citable ones (``briefbook_citable_anchors``) are recorded for ``make anchors``."""
    root = tmp_path / "example"
    shutil.copytree(ROOT / "tests" / "roots" / "test-example", root)
    anchors = root / "published-anchors.txt"
    anchors.write_text("# kept\nindex.html\ndata.html#speech-sp-1901-03-04-budget\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=root, freshenv=True, confoverrides={"briefbook_citable_anchors": ["speech-"]})
    try:
        app.build()
        record = (app.doctreedir / "briefbook-anchors.txt").read_text(encoding="utf-8").split()
        speeches = ["data.html#speech-sp-1901-03-04-budget", "data.html#speech-sp-1901-03-05-roads"]
        assert record == ["data.html", *speeches, "index.html"]  # not the people's anchors: not citable
        anchors.write_text("data.html#speech-sp-1901-03-06-gone\nindex.html\n", encoding="utf-8")
        with pytest.raises(ExtensionError, match=r"1 published anchor\(s\) .*\n.*speech-sp-1901-03-06-gone\n"):
            app.build()
    finally:
        app.cleanup()
