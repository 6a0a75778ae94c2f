"""Left-to-right runs in a right-to-left edition, isolated on every page (HTML, EPUB, LaTeX).

Each run of Latin text, with the brackets, numbers, ellipses and marks that belong to it, becomes
an :class:`~.nodes.english` node; a block all in English is marked left to right (:data:`DIR`). A
run never crosses a right-to-left letter (:mod:`briefbook.languages`) or a node holding one.
"""

from __future__ import annotations

import re
from html import escape

from docutils import nodes
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..languages import ARABIC_LETTERS, direction
from .latin_runs import classify, is_ltr, node_text, runs, units_of
from .nodes import arabic, english
from .printing import cite_where
from .project import edition_language

DIR = "briefbook_dir"  # "ltr" on a block all in English: its HTML tag's dir, print's English paragraph
UPRIGHT = "upright"  # the class of emphasis in Arabic, set without a slant (Arabic has no italics)
BLOCKS = (nodes.paragraph, nodes.entry, nodes.term, nodes.caption, nodes.line)  # not list items: marker
# Nodes whose text is left to right already, or is not text at all.
LTR = (english, nodes.literal, nodes.literal_block, nodes.doctest_block, nodes.math, nodes.math_block,
       nodes.comment, nodes.substitution_definition, nodes.target, nodes.image, nodes.system_message, nodes.raw)  # fmt: skip
UNBROKEN = 30  # a one-word run up to this length is never broken ("F-15E")
CITATION_LENGTH = 40  # a run that is a citation only, up to this length, is kept on one line
# A run of Arabic letters in a code block: marked Arabic on the page, set in the Arabic face in print.
ARABIC_RUN = re.compile(f"[{ARABIC_LETTERS}]+(?: +[{ARABIC_LETTERS}]+)*")
ARABIC_PIECE = re.compile(f"([{ARABIC_LETTERS}]+)")
HYPHENED = re.compile(r"(?<=\w)-(?=\w)")
SLASHED = re.compile(f"(?<=[{ARABIC_LETTERS}])/(?=[{ARABIC_LETTERS}])")


def right_to_left(config) -> bool:
    return direction(edition_language(getattr(config, "config", config))) == "rtl"


def wrap(element: nodes.Element, units: list, spans: list[tuple[int, int]]) -> None:
    """The element's children again, each span's content in an :class:`english` node."""
    inside = {(u.child, u.offset): k for k, (a, b) in enumerate(spans) for u in units[a : b + 1]}
    new, made, current = [], [], None
    for i, child in enumerate(element.children):
        items = [(inside.get((i, None)), child)]
        if isinstance(child, nodes.Text):
            value, items, start = str(child), [], 0
            for j in range(1, len(value) + 1):
                if j == len(value) or inside.get((i, j)) != inside.get((i, start)):
                    items.append((inside.get((i, start)), nodes.Text(value[start:j])))
                    start = j
        for k, node in items:
            if k is None:
                new.append(node)
            elif current is None or current[0] != k:
                made.append(english("", "", node))
                new.append(made[-1])
            else:
                current[1].append(node)
            current = None if k is None else (k, new[-1])
    element.children = []
    element.extend(new)
    for run in made:
        finish(element, run)


def finish(element: nodes.Element, run: english) -> None:
    """An Arabic comma in a run marked Arabic (a face that has it); a short word or citation kept on
    one line; a trailing space moved out of the run, to the Arabic's side ("Chicago. ")."""
    for child in list(run.findall(nodes.Text)):
        if ARABIC_PIECE.search(child):
            parts = [arabic("", p) if n % 2 else nodes.Text(p) for n, p in enumerate(ARABIC_PIECE.split(child)) if p]
            child.parent.replace(child, parts)
    value = run.astext()
    if value and not any(c.isspace() for c in value) and len(value) <= UNBROKEN:
        run["classes"].append("unbroken")
    elif len(value) <= CITATION_LENGTH and citation_only(run):
        run["classes"].append("citation-run")
    last = list(run.findall(nodes.Text))[-1:]
    if last and last[0].endswith(" ") and last[0].strip():
        last[0].parent.replace(last[0], nodes.Text(last[0].rstrip(" ")))
        element.insert(element.index(run) + 1, nodes.Text(" "))


def citation_only(run: nodes.Element) -> bool:
    """Whether a run is a citation only: broken in Arabic text, its halves would read out of order."""
    parts = [c for c in run.children if not (isinstance(c, nodes.Text) and classify(str(c)) != "L")]
    return bool(parts) and all(isinstance(c, nodes.inline) and "bibtex-citation" in c["classes"] for c in parts)


def isolate(element: nodes.Element) -> None:
    """Isolate the left-to-right runs of ``element`` and of its descendants."""
    if isinstance(element, (nodes.literal_block, nodes.doctest_block)):
        element[DIR] = "ltr"  # code, and the BibTeX of How to cite: a left-to-right block
    if isinstance(element, LTR) or is_ltr(element):
        return
    for child in element.children:  # blocks and barriers first: their own runs
        if isinstance(child, nodes.Element) and (
            not isinstance(child, nodes.Inline) or isinstance(child, cite_where) or classify(node_text(child)) == "R"
        ):
            isolate(child)
    if isinstance(element, (nodes.TextElement, nodes.Inline)) and any(
        isinstance(c, (nodes.Text, nodes.Inline)) for c in element.children
    ):
        units = units_of(element)
        spans = runs(units, ends_block=isinstance(element, BLOCKS))
        if spans:
            wrap(element, units, spans)
    if isinstance(element, BLOCKS) and whole_run(element):
        element[DIR] = "ltr"
    if isinstance(element, nodes.emphasis) and classify(element.astext()) == "R":
        element["classes"].append(UPRIGHT)


def whole_run(element: nodes.Element) -> bool:
    """Whether a block's text is all left to right: its content one isolated run, or such blocks."""
    content = [c for c in element.children if node_text(c).strip() or not isinstance(c, (nodes.Text, nodes.raw))]
    return (
        bool(content)
        and classify("".join(node_text(c) for c in content)) == "L"
        and all(isinstance(c, english) or (isinstance(c, nodes.Element) and c.get(DIR) == "ltr") for c in content)
    )


class IsolateLatinRuns(SphinxPostTransform):
    """In a right-to-left edition, every left-to-right run of a page in an :class:`english` node."""

    default_priority = 990  # last: after the cite lines, citations, cards and charts are in place

    def run(self, **kwargs) -> None:
        if right_to_left(self.config):
            isolate(self.document)


class JoinSlashedWords(SphinxPostTransform):
    """No line break after the slash of "حزيران/يونيو", nor after the hyphen of "F-15E". HTML only:
    TeX breaks no line there, and the print faces have no glyph for the joiner."""

    default_priority = 991
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if not right_to_left(self.config):
            return
        for node in list(self.document.findall(nodes.Text)):
            if isinstance(node.parent, (nodes.literal, nodes.literal_block, nodes.raw)):
                continue
            joined = SLASHED.sub("/\u2060", node)  # a WORD JOINER
            if "-" in joined and unbroken(node):
                joined = HYPHENED.sub("-\u2060", joined)
            if joined != node:
                node.parent.replace(node, nodes.Text(joined))


def unbroken(node: nodes.Node) -> bool:
    while node.parent is not None:
        node = node.parent
        if isinstance(node, english) and "unbroken" in node["classes"]:
            return True
    return False


def isolated_html(value: str, config) -> str:
    """Text for an HTML template (a footer line): escaped, its Latin runs isolated."""
    if not right_to_left(config):
        return escape(value)
    line = nodes.paragraph("", "", nodes.Text(value))
    isolate(line)
    return "".join(
        f'<span class="english" dir="ltr" lang="en">{escape(c.astext())}</span>'
        if isinstance(c, english)
        else escape(c.astext())
        for c in line.children
    )


def isolate_index_entries(app, pagename, templatename, context, doctree) -> None:
    """The general index's entries, which Sphinx writes outside any doctree, isolated as the pages'
    are ("عصائب أهل الحق (Asaib Ahl al-Haq (AAH))")."""
    if pagename != "genindex" or not right_to_left(app.config) or not context.get("genindexentries"):
        return

    def marked(name: str) -> Markup:
        return Markup(isolated_html(str(name), app.config))

    context["genindexentries"] = [
        (key, [(marked(name), (links, [(marked(sub), sublinks) for sub, sublinks in subitems], category))
               for name, (links, subitems, category) in entries])
        for key, entries in context["genindexentries"]
    ]  # fmt: skip


def mark_arabic_runs(body: list[str], before: int) -> None:
    """Arabic in a left-to-right code block, written since ``before``, marked Arabic, right to left."""
    for i in range(before, len(body)):
        body[i] = ARABIC_RUN.sub(lambda m: f'<span lang="ar" dir="rtl">{m.group()}</span>', body[i])


class DirectionHTMLMixin:
    """In a right-to-left edition's HTML: ``dir="ltr" lang="en"`` on a block marked left to right."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        if node.get(DIR) == "ltr":
            attributes.update(dir="ltr", lang="en")
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_literal_block(self, node):
        before = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:  # Sphinx writes the highlighted block whole and raises SkipNode
            mark_arabic_runs(self.body, before)
