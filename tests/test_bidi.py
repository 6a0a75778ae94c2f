"""Latin runs inside Arabic (briefbook.sphinx.bidi): each run isolated with the neutral characters
that belong to it, citations kept with the English quotation they follow, English blocks marked
left to right; and the same in the pages a Sphinx run writes (HTML, EPUB) and in its LaTeX."""

from __future__ import annotations

import re

import pytest
from docutils import nodes

from briefbook.sphinx.bidi import DIR, isolate
from briefbook.sphinx.nodes import english

pytestmark = pytest.mark.unit


def paragraph(*children) -> nodes.paragraph:
    return nodes.paragraph("", "", *[nodes.Text(c) if isinstance(c, str) else c for c in children])


def isolated(p: nodes.Element) -> list[str]:
    isolate(p)
    return [n.astext() for n in p.children if isinstance(n, english)]


def citation(label: str) -> nodes.inline:
    """As sphinxcontrib-bibtex writes one: a span holding the brackets and a link."""
    return nodes.inline("", "", nodes.Text("("), nodes.reference("", label, refuri="#x"), nodes.Text(")"),
                        classes=["bibtex-citation"])  # fmt: skip


@pytest.mark.parametrize(
    "text, runs",
    [
        ("فينبغي الاستشهاد به هكذا: Malik and Smith (2021).", ["Malik and Smith (2021)"]),
        ("من شبكة (NBC News 2021; The Times 2021) في", ["(NBC News 2021; The Times 2021)"]),
        ("(المصدر: The Quran n.d.)", ["The Quran n.d."]),
        ("طائرات F-15E. ثم", ["F-15E"]),
        ("«حتى الآن» (“so far”) و", ["(“so far”)"]),
        ("«If the American administration...learns the lesson…» قال", ["If the American administration...learns the lesson…"]),
        ("كتب: “the resistance will refrain.” ثم", ["“the resistance will refrain.”"]),
        ("بياناته بصيغة CSV: الأحداث", ["CSV"]),
        ("عنوانه Are the Muqawama Signaling De-Escalation? وهو", ["Are the Muqawama Signaling De-Escalation?"]),
        ("نصّ [e]nd هنا", ["[e]nd"]),
        ("«The muqawama…» و«We call on our…»", ["The muqawama…", "We call on our…"]),
        ("الإصدار Version 0.1.0، ثم", ["Version 0.1.0"]),
    ],
)
def test_a_run_takes_the_neutral_characters_that_belong_to_it(text, runs):
    assert isolated(paragraph(text)) == runs


def test_the_arabic_around_a_run_stays_as_it_was():
    p = paragraph("فينبغي الاستشهاد به هكذا: Malik and Smith (2021).")
    isolate(p)
    assert p.astext() == "فينبغي الاستشهاد به هكذا: Malik and Smith (2021)."
    assert [type(c) for c in p.children] == [nodes.Text, english, nodes.Text]
    assert str(p[0]) == "فينبغي الاستشهاد به هكذا: " and str(p[2]) == "."


def test_an_english_quotation_and_its_citation_are_one_run():
    quote = english("", "", nodes.Text("“…capability of the enemy…”"))
    p = paragraph("ترجمة: ", quote, " ", citation("Islam Times 2021a"), "، ثم")
    assert isolated(p) == ["“…capability of the enemy…” (Islam Times 2021a)"]


def test_a_citation_after_arabic_is_isolated_whole_with_its_brackets():
    p = paragraph("ويتوقّع الموجز أن تهدأ ", citation("Malik and Smith 2021"), ".")
    assert isolated(p) == ["(Malik and Smith 2021)"]


def test_a_run_never_crosses_arabic_nor_a_node_holding_arabic():
    p = paragraph("Malik ", nodes.emphasis("", "المقاومة and Smith"), " Smith")
    isolate(p)
    assert [n.astext() for n in p.children if isinstance(n, english)] == ["Malik", "Smith"]
    assert [n.astext() for n in p[2].children if isinstance(n, english)] == ["and Smith"]


def test_left_to_right_nodes_are_not_wrapped_again():
    p = paragraph(english("", "", nodes.Text("Hamdi Malik")))
    isolate(p)
    assert len(list(p.findall(english))) == 1
    block = nodes.literal_block("code here", "code here")
    isolate(block)
    assert not list(block.findall(english))


def test_a_block_all_in_english_is_marked_left_to_right_and_arabic_blocks_are_not():
    english_cell = nodes.entry("", paragraph("“…allowing their leaders to satisfy their support bases.” ",
                                             citation("Malik and Smith 2021")))  # fmt: skip
    mixed_cell = nodes.entry("", paragraph("قال Malik"))
    row = nodes.row("", english_cell, mixed_cell)
    isolate(row)
    assert english_cell.get(DIR) == "ltr" and english_cell[0].get(DIR) == "ltr"
    assert mixed_cell.get(DIR) is None and mixed_cell[0].get(DIR) is None


def test_a_whole_english_block_is_one_run():
    p = paragraph("“We are not bloodthirsty warmongers.” ", citation("Middle East Monitor 2021a"))
    assert isolated(p) == [p.astext()]


def latin_outside(markup: str) -> list[str]:
    """Runs of Latin letters outside \\textenglish{...} in LaTeX (commands and their names left out)."""
    depth, out, i, inside = 0, [], 0, []
    while i < len(markup):
        if markup.startswith(r"\textenglish{", i):
            inside.append(depth)
            depth += 1
            i += len(r"\textenglish{")
            continue
        c = markup[i]
        if c == "\\":
            m = re.match(r"\\[A-Za-z@]+", markup[i:])
            i += len(m.group()) if m else 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if inside and inside[-1] == depth:
                inside.pop()
        elif re.match("[A-Za-z]", c) and not inside:
            out.append(re.match("[A-Za-z]+", markup[i:]).group())
            i += len(out[-1])
            continue
        i += 1
    return out


def test_the_latex_of_a_run_is_in_textenglish():
    from docutils.frontend import get_default_settings
    from docutils.utils import new_document
    from sphinx.writers.latex import LaTeXTranslator  # noqa: F401  # the writer's node names

    from briefbook.sphinx.nodes import depart_arabic_latex, visit_english_latex

    p = paragraph("ويتوقّع الموجز أن تهدأ ", citation("Malik and Smith 2021"), "، F-15E و", nodes.literal("", "data/x.csv"))
    isolate(p)

    class Writer(nodes.SparseNodeVisitor):
        def __init__(self, document):
            super().__init__(document)
            self.body = []

        def visit_Text(self, node):
            self.body.append(str(node))

        visit_english = visit_english_latex
        depart_english = depart_arabic_latex

    writer = Writer(new_document("x", get_default_settings()))
    p.walkabout(writer)
    markup = "".join(writer.body)
    assert latin_outside(markup) == [], markup
    assert markup.count(r"\textenglish{") == 3
