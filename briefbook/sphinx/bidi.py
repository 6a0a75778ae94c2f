"""Left-to-right runs inside a right-to-left edition, isolated on every page as it is written.

:class:`IsolateLatinRuns` wraps each run of Latin text, with the brackets, numbers, ellipses and
quotation marks that belong to it, in an :class:`~.nodes.english` node (``<span lang="en"
dir="ltr">`` in HTML and the EPUB, ``\\textenglish`` in LaTeX), and marks a block all in English
left to right (:data:`DIR`). A run never crosses a right-to-left letter or a node holding one; the
Arabic sentence's own stop, comma or colon stays outside it. Letters are told apart by the language
registry's patterns (:mod:`briefbook.languages`), as in print.
"""

from __future__ import annotations

import re
from html import escape
from typing import NamedTuple

from docutils import nodes
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..languages import ARABIC_LETTERS, LATIN_LETTER, RTL_LETTER, direction
from .nodes import arabic, english, foreign
from .printing import cite_where
from .project import edition_language

OPEN = {"(": ")", "[": "]", "“": "”", "‘": "’", "⟨": "⟩", "{": "}", "⁽": "⁾"}
CLOSE = {v: k for k, v in OPEN.items()}
LEADING = frozenset("….")  # an ellipsis where the English quoted starts mid-sentence ("“…capability")
DIR = "briefbook_dir"  # "ltr" on a block all in English: its HTML tag's dir, print's English paragraph
UPRIGHT = "upright"  # the class of emphasis in Arabic, set without a slant (Arabic has no italics)
BLOCKS = (nodes.paragraph, nodes.entry, nodes.term, nodes.caption, nodes.line)  # not list items: marker
# Nodes whose text is left to right already, or is not text at all.
LTR = (english, nodes.literal, nodes.literal_block, nodes.doctest_block, nodes.math, nodes.math_block,
       nodes.comment, nodes.substitution_definition, nodes.target, nodes.image, nodes.system_message, nodes.raw)  # fmt: skip
TAG = re.compile(r"<[^>]*>")
UNBROKEN = 30  # a one-word run up to this length is never broken ("F-15E")
CITATION_LENGTH = 40  # a run that is a citation only, up to this length, is kept on one line
# A run of Arabic letters in a code block: marked Arabic on the page, set in the Arabic face in print.
ARABIC_RUN = re.compile(f"[{ARABIC_LETTERS}]+(?: +[{ARABIC_LETTERS}]+)*")
ARABIC_PIECE = re.compile(f"([{ARABIC_LETTERS}]+)")
WORD_JOINER = "\u2060"
HYPHENED = re.compile(r"(?<=\w)-(?=\w)")
SLASHED = re.compile(f"(?<=[{ARABIC_LETTERS}])/(?=[{ARABIC_LETTERS}])")


def strong(char: str) -> str:
    """``R`` (a right-to-left letter, or Arabic punctuation and marks « »: the text around a run),
    ``L`` (a Latin letter) or "" (neutral)."""
    return "R" if RTL_LETTER.match(char) or char in "«»" else "L" if LATIN_LETTER.match(char) else ""


def rtl_letter(char: str) -> bool:
    return bool(RTL_LETTER.match(char)) and char.isalpha()


def classify(value: str) -> str:
    return "R" if any(strong(c) == "R" for c in value) else "L" if LATIN_LETTER.search(value) else ""


def right_to_left(config) -> bool:
    return direction(edition_language(getattr(config, "config", config))) == "rtl"


def node_text(node: nodes.Node) -> str:
    return TAG.sub("", node.astext()) if isinstance(node, nodes.raw) else node.astext()


def is_ltr(node: nodes.Node) -> bool:
    return isinstance(node, english) or (isinstance(node, foreign) and node.get("dir") == "ltr")


class Unit(NamedTuple):  # a character of a Text child (``offset`` in it), or a whole inline child
    child: int
    offset: int | None
    char: str
    kind: str
    node_ltr: bool = False  # a node that isolates itself


def units_of(element: nodes.Element) -> list[Unit | None]:
    """The element's inline content as units; None for a barrier no run crosses (a node holding
    right-to-left text, a block, an image, text for another writer, a node a writer writes itself)."""
    out: list[Unit | None] = []
    for i, child in enumerate(element.children):
        if isinstance(child, nodes.Text):
            out += [Unit(i, j, c, strong(c)) for j, c in enumerate(str(child))]
            continue
        html = isinstance(child, nodes.raw) and "html" in child.get("format", "").split()
        text = node_text(child)
        kind = "L" if is_ltr(child) or isinstance(child, nodes.literal) else classify(text)
        if not isinstance(child, nodes.Inline) or isinstance(child, (nodes.image, cite_where)) or kind == "R" \
                or (isinstance(child, nodes.raw) and not html):  # fmt: skip
            out.append(None)
        else:  # a whole node: left to right, or neutral (a link's "2021"), shown by its text
            out.append(Unit(i, None, "0" if not kind and text.strip().isdigit() else text, kind, is_ltr(child)))
    return out


def extend_right(units: list, end: int, opened: list[str]) -> int:
    """The run's last unit after its last letter at ``end``: numbers, an ellipsis, ``?``/``!`` set
    close, closers of its own openers (``opened``) and an abbreviation's period before a bracket."""
    best, stack, close = end, list(opened), True  # close: no space since the last unit kept
    floor = len(stack)  # openers of the run itself: numbers after them are the run's
    i = end + 1
    while i < len(units) and units[i] is not None and units[i].kind != "R":
        u, c = units[i], units[i].char
        if u.offset is None:  # a neutral node (a number): kept where no bracket is open
            best = i if len(stack) <= floor else best
        elif c.isspace():
            close = False
        elif c.isdigit():
            if len(stack) <= floor:
                best, close = i, True
        elif c in OPEN:
            stack.append(c)
        elif c in CLOSE:
            if not stack or stack[-1] != CLOSE[c]:  # the text's own bracket: "n.d." keeps its period
                between = "".join(x.char for x in units[best + 1 : i])
                if between and set(between) <= {".", "?", "!"}:
                    best = i - 1
                break
            stack.pop()
            floor = min(floor, len(stack))
            if len(stack) <= floor:
                best, close = i, True
        elif c == "…" or "".join(x.char for x in units[i : i + 3] if x) == "...":
            i += 2 if c == "." else 0
            best = i if len(stack) <= floor and close else best
        elif c in "?!" and close and len(stack) <= floor:
            best = i
        i += 1
    return best


def inside_brackets(units: list, start: int, j: int) -> bool:
    """Whether the Arabic comma at ``j`` stands inside brackets the run opened, closed before any
    right-to-left letter ("(CC BY 4.0، https://…)"): then the whole bracket is the run's."""
    u = units[j]
    opened = [] if u.offset is None or rtl_letter(u.char) or u.char in "«»" else unclosed(units[start:j])
    for v in units[j + 1 :] if opened else []:
        if v is None or v.kind == "R" and (v.offset is None or rtl_letter(v.char)):
            return False
        if v.offset is not None and v.char == OPEN[opened[-1]]:
            return True
    return False


def unclosed(units: list, strict: bool = False) -> list[str] | None:
    """The openers left open in ``units``; None (``strict``) if a closer has no opener."""
    stack = []
    for c in (u.char for u in units if u is not None and u.offset is not None):
        if c in OPEN:
            stack.append(c)
        elif c in CLOSE and stack and stack[-1] == CLOSE[c]:
            stack.pop()
        elif c in CLOSE and strict:
            return None
    return stack


def sentence_end(units: list, start: int, end: int, ends_block: bool) -> int:
    """``end``, or the full stop after it when the run is a whole English sentence ending the block
    ("… Byline not shown."); after Arabic the stop is the Arabic sentence's."""
    after, rest = units[end + 1 : end + 2], units[end + 2 :]
    if not after or after[0] is None or after[0].offset is None or after[0].char != ".":
        return end
    trailing = all(u is not None and u.offset is not None and u.char.isspace() for u in rest)
    english_sentence = all(u is not None and u.kind != "R" for u in units[:start])
    return end + 1 if trailing and ends_block and english_sentence else end


def runs(units: list, ends_block: bool = False) -> list[tuple[int, int]]:
    """The runs to isolate, as (first unit, last unit)."""
    found, i = [], 0
    while i < len(units):
        if units[i] is None or units[i].kind != "L":
            i += 1
            continue
        start = last = j = i
        while j + 1 < len(units) and units[j + 1] is not None and (
            units[j + 1].kind != "R" or inside_brackets(units, i, j + 1)
        ):
            j += 1
            last = j if units[j].kind == "L" else last
        # openers just before it whose partners close inside it, an ellipsis, digits ("0f62…")
        while start > 0 and (u := units[start - 1]) is not None and u.offset is not None \
                and (u.char in OPEN or u.char in LEADING or u.char.isdigit()):  # fmt: skip
            start -= 1
        end = sentence_end(units, start, extend_right(units, last, unclosed(units[start : last + 1])), ends_block)
        while start < i and unclosed(units[start : end + 1], strict=True) != []:
            start += 1
        if not (start == end and units[start].offset is None and units[start].node_ltr):
            found.append((start, end))
        i = end + 1
    return found


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
    """Whether a run is a short citation only ("(Malik and Smith 2021)"): broken, its halves in
    Arabic text would be set in an order a reader cannot follow."""
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
    """No line break after the slash between two Arabic words ("حزيران/يونيو"), nor after the hyphen
    of a one-word Latin run ("F-15E"): a WORD JOINER after it. HTML only: TeX breaks no line at a
    slash (it sets such a run in an ``\\mbox``), and the print faces have no glyph for the joiner."""

    default_priority = 991
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if not right_to_left(self.config):
            return
        for node in list(self.document.findall(nodes.Text)):
            if isinstance(node.parent, (nodes.literal, nodes.literal_block, nodes.raw)):
                continue
            joined = SLASHED.sub("/" + WORD_JOINER, node)
            if "-" in joined and unbroken(node):
                joined = HYPHENED.sub("-" + WORD_JOINER, joined)
            if joined != node:
                node.parent.replace(node, nodes.Text(joined))


def unbroken(node: nodes.Node) -> bool:
    while node.parent is not None:
        node = node.parent
        if isinstance(node, english) and "unbroken" in node["classes"]:
            return True
    return False


def isolated_html(value: str, config) -> str:
    """Text for an HTML template (a footer line), escaped, its Latin runs isolated as the pages' are."""
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
    """The HTML translator of a right-to-left edition: ``dir="ltr" lang="en"`` on the tag of a
    block marked left to right; Arabic runs in a code block marked Arabic."""

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


def add_translator_mixin(app, mixin: type) -> None:
    """``mixin`` on top of the builder's translator (after :mod:`.output`'s, builder-inited 400)."""
    base = app.builder.get_translator_class()
    if not issubclass(base, mixin):
        app.set_translator(app.builder.name, type(f"{mixin.__name__}{base.__name__}", (mixin, base), {}), override=True)


def set_translator(app) -> None:
    if app.builder.format == "html" and right_to_left(app.config):
        add_translator_mixin(app, DirectionHTMLMixin)


def register(app) -> None:
    app.add_post_transform(IsolateLatinRuns)
    app.add_post_transform(JoinSlashedWords)
    app.connect("html-page-context", isolate_index_entries)
    app.connect("builder-inited", set_translator, priority=450)
