"""The licences and rights: stated in every place the issue lists (LICENSE and LICENSES/, every
page's footer, the PDF's imprint, datapackage.json, CITATION.cff, .zenodo.json, pyproject.toml, the
How to cite page and the README), with the exception for quoted material, and the same facts in
each, as :mod:`briefbook.edition` keeps them."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import subprocess
import tomllib

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, site_pages
from sphinx.util.texescape import escape as tex

from briefbook import edition, front_matter
from briefbook.edition import EditionFacts
from briefbook.project import Project

FACTS = EditionFacts.read(ROOT)
BRIEF, (EDITION, CODE), HOLDERS = FACTS.brief, FACTS.rights, FACTS.authors[0].name
SAID = FACTS.sentences()
GRANT, EXCEPTION, REUSE = SAID["grant"], SAID["exception"], SAID["reuse"]

# The Creative Commons legal code as published (creativecommons.org/licenses/by/4.0/legalcode.txt):
# the copy in LICENSES/ must stay exactly that text.
CC_BY_SHA256 = "9ba9550ad48438d0836ddab3da480b3b69ffa0aac7b7878b5a0039e7ab429411"


def flat(value: str) -> str:
    """Text with its line breaks undone and its typographic apostrophes made straight."""
    return " ".join(value.replace("\u2019", "'").split())


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


@pytest.mark.unit
def test_the_licence_texts_are_whole():
    cc = read(EDITION.path)
    assert cc.startswith("Attribution 4.0 International\n")
    sections = re.findall(r"^Section (\d) -- ", cc, re.M)
    assert sections == [str(n) for n in range(1, 9)]
    assert cc.rstrip().endswith("Creative Commons may be contacted at creativecommons.org.")
    assert hashlib.sha256(cc.encode("utf-8")).hexdigest() == CC_BY_SHA256
    mit = read(CODE.path)
    assert mit.splitlines()[:3] == ["MIT License", "", f"Copyright (c) 2026 {HOLDERS}"]
    assert "Permission is hereby granted, free of charge" in mit and mit.rstrip().endswith("SOFTWARE.")


@pytest.mark.unit
def test_the_holders_are_the_authors_that_citation_cff_names():
    cff = yaml.safe_load(read("CITATION.cff"))
    config = yaml.safe_load(read("_config.yml"))
    assert [a["name"] for a in cff["authors"]] == [HOLDERS]
    assert config["author"] == HOLDERS
    # The footer's copyright notice (Sphinx's `copyright`) names the brief's holder as the rights do.
    assert f"© {BRIEF.date.year} {BRIEF.publisher}" in config["copyright"]


@pytest.mark.unit
def test_license_explains_the_split_and_names_each_text():
    text = read("LICENSE")
    assert GRANT in flat(text) and EXCEPTION in flat(text)
    for lic in FACTS.rights:
        assert f"{lic.short} (SPDX identifier {lic.spdx}), full text in {lic.path}" in flat(text)
        assert (ROOT / lic.path).is_file()
    for path in re.findall(r"LICENSES/[\w.-]+\.txt", text):
        assert (ROOT / path).is_file(), path
    for field in ("quotations.csv (text,", "editorial_note)", "claims.csv (brief_text)", "translations.csv (text)"):
        assert field in flat(text), field


@pytest.mark.unit
def test_the_metadata_files_name_the_licences():
    cff = yaml.safe_load(read("CITATION.cff"))
    assert cff["license"] == EDITION.spdx
    zenodo = json.loads(read(".zenodo.json"))
    assert zenodo["license"] == EDITION.spdx.lower()
    assert zenodo["notes"] == SAID["statement"]
    project = tomllib.loads(read("pyproject.toml"))["project"]
    assert project["license"] == CODE.spdx
    assert project["license-files"] == ["LICENSE", CODE.path]


@pytest.mark.unit
def test_the_data_package_names_its_licence_and_what_it_does_not_cover():
    package = json.loads(read("data/datapackage.json"))
    assert package["licenses"] == [{"name": EDITION.spdx, "path": EDITION.url, "title": EDITION.name}]
    assert EDITION.short in package["description"] and "commentary and criticism" in package["description"]
    resources = {r["name"]: r for r in package["resources"]}
    quoted = {
        "quotations": ["text", "original_text", "editorial_note"],
        "translations": ["text"],
        "claims": ["brief_text"],
        "arabic": ["english", "arabic"],
    }
    for name, fields in quoted.items():
        description = resources[name]["description"]
        assert "outside the package's licence" in description and "commentary and criticism" in description, name
        named = re.findall(r"\(([a-z_]+(?:, [a-z_]+)*)\)", description)
        assert [f for group in named for f in group.split(", ")] == fields, name
        assert set(fields) <= {f["name"] for f in resources[name]["schema"]["fields"]}, name


@pytest.mark.unit
def test_readme_how_to_cite_and_contributing_state_the_licences():
    readme = flat(read("README.md"))
    assert "## Licence" in read("README.md")
    assert GRANT in readme and EXCEPTION in readme
    page = read("chapters/how-to-cite.md")
    assert re.search(r"^\(licence-and-rights\)=\n## Licence and rights\n\n```\{edition-licence\}\n```$", page, re.M)
    contributing = flat(read("CONTRIBUTING.md"))
    assert f"under {EDITION.short}" in contributing and f"under the {CODE.name}" in contributing


@pytest.mark.unit
def test_the_footer_line_links_the_licences_and_says_what_they_leave_out():
    line = BeautifulSoup(FACTS.footer_html("../chapters/how-to-cite.html#licence-and-rights"), "html.parser")
    links = line.select('a[rel="license"]')
    assert [(a["href"], a.get_text()) for a in links] == [(lic.url, lic.short) for lic in FACTS.rights]
    assert "commentary and criticism" in line.get_text() and "copyright" in line.get_text()
    assert line.select("a")[-1]["href"] == "../chapters/how-to-cite.html#licence-and-rights"
    bare = BeautifulSoup(FACTS.footer_html(), "html.parser")
    assert len(bare.select("a")) == 2  # no page on rights, no link to one


@pytest.mark.unit
def test_the_imprint_paragraph_is_latex_with_the_addresses_as_urls():
    page = front_matter.latex_front_matter(EditionFacts.read(ROOT), "A title", "Its authors")["maketitle"]
    para = re.search(r"\\textbf\{Licence\.\} .*?(?=\\par)", page).group()
    assert para.startswith(r"\textbf{Licence.} ")
    for lic in FACTS.rights:
        assert rf"\url{{{lic.url}}}" in para
    words = re.sub(r"\\url\{[^}]*\}", "", para.removeprefix(r"\textbf{Licence.} "))
    assert words == "".join(
        tex(edition.typographic(piece)) for piece, lic in FACTS.pieces(SAID["statement"]) if lic is None
    )
    assert not re.search(r"(?<!\\)[#%&_$]", words)


@pytest.mark.build
@pytest.mark.parametrize("language,words", [("en", "commentary and criticism"), ("ar", "لغرض التعليق والنقد")])
def test_every_page_footer_states_the_licences(site, language, words):
    edition = site / Project.site_prefix(language)  # each edition's footers lead to its own how-to-cite
    target = "chapters/how-to-cite.html"
    anchor = BeautifulSoup((edition / target).read_text(encoding="utf-8"), "html.parser").find(id="licence-and-rights")
    assert anchor is not None
    pages = site_pages(site, language)
    assert len(pages) > 10
    for page in pages:
        line = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(".edition-licence")
        assert len(line) == 1, page
        hrefs = [a["href"] for a in line[0].select('a[rel="license"]')]
        assert hrefs == [lic.url for lic in FACTS.rights], page
        assert words in line[0].get_text(), page
        where, _, anchor = line[0].select("a")[-1]["href"].partition("#")
        here = page.relative_to(edition).as_posix()
        where = posixpath.normpath(posixpath.join(posixpath.dirname(here), where)) if where else here
        assert (where, anchor) == (target, "licence-and-rights"), page


@pytest.mark.build
def test_the_how_to_cite_page_states_the_rights(site):
    soup = BeautifulSoup((site / "chapters" / "how-to-cite.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.find(id="licence-and-rights")
    section = section if section.name == "section" else section.find_parent("section")
    text = flat(section.get_text(" "))
    assert flat(EXCEPTION) in text and REUSE in text
    for lic in FACTS.rights:
        assert lic.parts in text and lic.name in text
        assert section.find("a", href=lic.url) is not None


@pytest.mark.build
def test_the_pdf_imprint_states_the_licences(book):
    pages = subprocess.run(
        ["pdftotext", str(Project(book).published("pdf")), "-"], capture_output=True, text=True, check=True
    )
    imprint = next(page for page in pages.stdout.split("\f") if "How to cite this edition" in page)
    # Words may be hyphenated at line ends; addresses broken anywhere.
    squashed = re.sub(r"[\s\-\u00ad\u2010]+", "", imprint.replace("\u2019", "'"))
    for piece, _ in FACTS.pieces(SAID["statement"]):
        assert re.sub(r"[\s\-]+", "", piece) in squashed, piece


@pytest.mark.unit
def test_the_licences_are_the_configuration_s_and_a_book_without_them_states_none(tmp_path):
    """The licences come from _config.yml (no book's facts in the package); their words reach the catalog."""
    import dataclasses

    from briefbook.edition import ConfigError

    assert (EDITION.spdx, CODE.spdx) == ("CC-BY-4.0", "MIT")
    words = front_matter.book_words(ROOT)
    assert {EDITION.covers, EDITION.parts, CODE.covers, "the study edition's contributors"} <= set(words)
    assert dataclasses.replace(FACTS, rights=()).footer_html() == ""
    for name in ("CITATION.cff", "VERSION"):
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    assert EditionFacts.read(tmp_path).rights == ()  # a bare Sphinx project: no _config.yml
    (tmp_path / "_config.yml").write_text("sphinx:\n  config:\n    briefbook_licences: {edition: {spdx: X}}\n")
    with pytest.raises(ConfigError, match="briefbook_licences should give edition and code, each with spdx, name"):
        EditionFacts.read(tmp_path)


@pytest.mark.sphinx
def test_the_licence_directive_in_a_book_without_licences_is_a_clear_error(tmp_path):
    """``{edition-licence}`` where _config.yml names no licences: an error naming the page, its line and the setting."""
    import shutil

    from sphinx.testing.util import SphinxTestApp

    shutil.copytree(ROOT / "tests" / "roots" / "test-example", tmp_path, dirs_exist_ok=True)
    (tmp_path / "rights.md").write_text("# Rights\n\n```{edition-licence}\n```\n", encoding="utf-8")
    with (tmp_path / "index.md").open("a", encoding="utf-8") as index:
        index.write("\n```{toctree}\nrights\n```\n")
    app = SphinxTestApp("html", srcdir=tmp_path, freshenv=True)
    try:
        app.build()  # no traceback
        assert re.search(r"rights\.md:3: ERROR: no licences to state: set briefbook_licences", app.warning.getvalue())
    finally:
        app.cleanup()
