"""Property-based: any text in a quotation reaches HTML and LaTeX as written, escaped, never as
markup; the brief's own markup (*italics*, **bold**, the edition's marks) renders as such."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, edit_cell
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace
from sphinx.util.texescape import escape as tex_escape

pytestmark = pytest.mark.sphinx

SPECIALS = "<>&\"'%$#_{}~^\\"
CONF = """
extensions = ["myst_parser", "sphinxcontrib.bibtex", "briefbook.sphinx"]
bibtex_bibfiles = ["references.bib"]
exclude_patterns = ["_build"]
html_theme = "basic"
latex_engine = "xelatex"
"""
# The quotations without an editorial note (a note's bracket follows the text inside its paragraph).
ROWS = ("askari-2021-07-08-restraint", "khazali-2021-06-29-attrition", "khazali-2021-06-29-revenge",
        "khazali-2021-06-29-isra", "khazali-2021-06-29-lesson", "askari-2021-07-08-embassy",
        "sabereen-2021-07-09-rules")  # fmt: skip
texts = st.text(
    alphabet=st.one_of(st.sampled_from(SPECIALS), st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s and s.strip() != "")


@pytest.fixture(scope="module")
def apps(tmp_path_factory):
    """A small Sphinx project with the book's extension and one page: every quotation's card, the register."""
    root = tmp_path_factory.mktemp("render")
    shutil.copytree(ROOT / "data", root / "data")
    for name in ("references.bib", "VERSION", "CITATION.cff"):
        shutil.copy(ROOT / name, root / name)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    cards = "".join(f"```{{data-card}} quotations {row}\n```\n\n" for row in ROWS)  # a card for each quotation
    register = "```{data-table} quotations\n:controls:\n:class: register-table\n```\n"
    (root / "index.md").write_text(f"# Register\n\n{cards}{register}", encoding="utf-8")
    return root, {"html": "html", "latex": "latex"}


def render(root: Path, builder: str) -> str:
    """A fresh build of the page with the given builder; returns the page (HTML) or the .tex file."""
    out = root / "_build" / builder
    shutil.rmtree(root / "_build", ignore_errors=True)
    # docutils_namespace: the app's nodes and directives are registered for this build only, as in
    # a process of its own, so that later Sphinx apps in the test session start clean.
    with docutils_namespace():
        app = Sphinx(
            str(root),
            str(root),
            str(out),
            str(root / "_build" / "doctrees"),
            builder,
            status=None,
            warning=None,
            freshenv=True,
        )
        app.build()
    return (
        (out / "index.html").read_text(encoding="utf-8")
        if builder == "html"
        else next(out.glob("*.tex")).read_text(encoding="utf-8")
    )


HOSTILE = ("<script>alert(1)</script>", "100% & $5 #1 a_b {x} ~y ^z \\\\ end", "</p><p>", "{cite:p}`quran`", "a | b|")
MARKUP = "We *call* on **our** brothers {+to} act{sic} & <b>"


def render_texts(root: Path, texts: dict[str, str]) -> tuple[BeautifulSoup, str]:
    """The register page built once as HTML and once as LaTeX, each quotation of ``texts`` (row id:
    text) set first: several texts tested in one build, each in a card of its own."""
    for row, text in texts.items():
        edit_cell(root / "data" / "quotations.csv", row, "text", text)
    return BeautifulSoup(render(root, "html"), "html.parser"), render(root, "latex")


def escape(text: str) -> str:
    """Text as an author writes it in a field of the brief's markup: each literal \\, *, { or } after a backslash."""
    return re.sub(r"([\\*{}])", r"\\\1", text)


@pytest.fixture(scope="module")
def examples(apps) -> tuple[BeautifulSoup, str]:
    """The hostile examples and the brief's markup, built together (one HTML and one LaTeX build)."""
    root, _ = apps
    texts = {ROWS[0]: MARKUP, **{row: escape(text) for row, text in zip(ROWS[1:], HOSTILE, strict=False)}}
    return render_texts(root, texts)


# each example is two builds: a failure is reported as found, not shrunk for minutes
@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(batch=st.lists(texts, min_size=len(ROWS), max_size=len(ROWS)))
def test_any_quotation_text_renders_as_written(apps, batch):
    root, _ = apps
    html, latex = render_texts(root, {row: escape(text) for row, text in zip(ROWS, batch, strict=True)})
    shown = [p.get_text() for p in html.select("p.quotation-text")]
    for text in batch:
        assert f"“{text}”" in shown
        assert tex_escape(f"“{text}”", "xelatex") in latex
    assert not html.select(".data-card script")


def test_hostile_examples_render_as_written(examples):
    html, latex = examples
    for text in HOSTILE:
        assert f"“{text}”" in [p.get_text() for p in html.select("p.quotation-text")]
        assert tex_escape(f"“{text}”", "xelatex") in latex


def test_the_brief_s_markup_renders_as_typography_and_edition_marks(examples):
    html, latex = examples
    card = html.find(id="quote-askari-2021-07-08-restraint").find_parent(class_="data-card")
    card = card.select_one("p.quotation-text")
    assert card.get_text() == "“We call on our brothers ⟨to⟩ act[sic] & <b>”"
    assert card.select_one("em").get_text() == "call" and card.select_one("strong").get_text() == "our"
    assert card.select_one(".edition-supplied").get_text() == "⟨to⟩"
    assert card.select_one("em.edition-sic").get_text() == "[sic]"
    assert r"\sphinxstyleemphasis{call}" in latex and r"\sphinxstylestrong{our}" in latex


def test_unpaired_markup_is_refused_with_file_row_and_column(apps):
    from briefbook.validate import validate

    root, _ = apps
    edit_cell(root / "data" / "quotations.csv", "askari-2021-07-08-restraint", "text", "a *stray star")
    found = [str(p) for p in validate(root / "data")]
    assert any("quotations.csv:" in m and ": text: has an unpaired *" in m for m in found), found
