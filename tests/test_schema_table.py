"""``{schema-table}`` of a resource that is no table: the data's translation table (the Arabic words), beside the
tables of a small example book (tests/roots/test-example)."""

from __future__ import annotations

import json
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx


def test_a_schema_table_of_a_resource_that_is_no_table_lists_its_fields_and_rules(tmp_path):
    """``{schema-table}`` of the data's translation table (the Arabic words: a resource of the package, not one of
    its tables), in the small example book: its fields, types, meanings and rules, and its file to download."""
    shutil.copytree(ROOT / "tests" / "roots" / "test-example", tmp_path, dirs_exist_ok=True)
    words = next(
        r for r in json.loads((ROOT / "data" / "datapackage.json").read_text())["resources"] if r["name"] == "arabic"
    )
    schema_path = tmp_path / "data" / "datapackage.json"
    descriptor = json.loads(schema_path.read_text(encoding="utf-8"))
    schema_path.write_text(json.dumps({**descriptor, "resources": [*descriptor["resources"], words]}), encoding="utf-8")
    (tmp_path / "data" / "arabic.csv").write_text("table,id,field,english,arabic\n", encoding="utf-8")
    page = tmp_path / "data.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n```{schema-table} arabic\n```\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=tmp_path, freshenv=True)
    try:
        app.build()
        assert [w for w in app.warning.getvalue().splitlines() if "theme option" not in w] == []
        html = BeautifulSoup((app.outdir / "data.html").read_text(encoding="utf-8"), "html.parser")
    finally:
        app.cleanup()
    table = html.select("table.schema-table")[-1]
    rows = {
        tr.select("td")[0].get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in table.select("tbody tr")
    }
    assert list(rows) == ["table", "id", "field", "english", "arabic"]
    assert rows["table"][1:2] == ["string"] and rows["table"][3].startswith("required; one of: actors, events,")
    assert rows["english"][3] == "required" and rows["arabic"][3] == ""  # no rule: an empty cell
    intro = table.find_previous("p").get_text(" ", strip=True)
    assert intro.startswith("This edition’s Arabic translation of the data’s words") and "File: arabic.csv" in intro


def test_a_data_table_filtered_on_a_field_it_lacks_is_a_warning_naming_it(tmp_path):
    """``:filter: field=value`` on a field the table lacks: the page's warning names it (a pandas KeyError and a
    traceback before). A card takes none of a table's options: one given it is named, not silently ignored."""
    shutil.copytree(ROOT / "tests" / "roots" / "test-example", tmp_path, dirs_exist_ok=True)
    page = tmp_path / "data.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n```{data-table} speeches\n:filter: spaeker=x\n```\n")
    card = "\n```{data-card} speeches sp-1901-03-05-roads\n:filter: person=ben\n```\n"
    page.write_text(page.read_text(encoding="utf-8") + card)
    app = SphinxTestApp("html", srcdir=tmp_path, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert "no field 'spaeker' in table 'speeches' to filter on" in app.warning.getvalue()
    assert "data.md:24: ERROR: a card takes no option: :filter:" in app.warning.getvalue()
