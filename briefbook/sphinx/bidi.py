"""Latin-script runs inside a right-to-left edition, isolated where every page is made.

In an edition whose language is written right to left (the Arabic), the Unicode bidirectional
algorithm alone misplaces the neutral characters around a run of English: a citation's
parentheses, the period of "n.d.", the closing quotation mark of an English quotation, an
ellipsis, land on the wrong side. :class:`IsolateLatinRuns` runs last, on every page as it is
written (HTML, EPUB, LaTeX), and wraps each run of left-to-right text that is not already inside a
left-to-right node in an :class:`~.nodes.english` node: ``<span lang="en" dir="ltr">`` in HTML
and the EPUB (the direction in an attribute, which e-readers keep where they drop CSS), polyglossia's
``\\textenglish{}`` in LaTeX. A run is:

- from the first to the last strong left-to-right character (:func:`unicodedata.bidirectional`
  ``L``) with no right-to-left one between, across inline nodes that hold no right-to-left text
  (a citation, a link, an emphasis, a code span), so that an English quotation and the citation
  that follows it are one run and a citation never lands inside the quotation;
- with the neutral characters that belong to it: an opening bracket or quotation mark just before
  it whose partner closes inside the run; after it, numbers (the year of "Malik and Smith
  (2021)"), an ellipsis, a ``?`` or ``!`` set close to it, the closing brackets and quotation marks
  of the run's own openers, and the period of an abbreviation before a closing bracket ("n.d.)").
  The sentence's own period, comma or colon after the run stays outside, in the page's direction.

A block whose whole text is one such run (an English quotation, the brief's words in a claims
table) is marked left to right itself (``dir="ltr" lang="en"`` on ``<p>``, ``<td>``), so
that it is aligned as English is.
"""

from __future__ import annotations

import re
import unicodedata

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import i18n
from .nodes import arabic, english, foreign
from .printing import cite_where
from .project import edition_language

STRONG_RTL = frozenset({"R", "AL"})
OPEN = {"(": ")", "[": "]", "“": "”", "‘": "’", "⟨": "⟩", "{": "}", "⁽": "⁾"}
CLOSE = {v: k for k, v in OPEN.items()}
ARABIC_MARKS = frozenset("«»")
LEADING = frozenset("….")  # an ellipsis where the English quoted starts mid-sentence ("“…capability")
DIR = "briefbook_dir"  # a block's direction, written by the HTML visitors below
UPRIGHT = "briefbook_upright"  # emphasis in Arabic: no slanted face (Arabic has no italics)
# (a list item is not: its marker stays on the page's side; the paragraph inside it is marked)
BLOCKS = (nodes.paragraph, nodes.entry, nodes.term, nodes.caption, nodes.line)
# Nodes whose text is left to right already, or is not text at all.
LTR = (english, nodes.literal_block, nodes.doctest_block, nodes.math, nodes.math_block, nodes.comment,
       nodes.substitution_definition, nodes.target, nodes.image, nodes.system_message)  # fmt: skip
TAG = re.compile(r"<[^>]*>")
# Nodes whose text one writer replaces (a cite line's address, which print gives as "ص. 12"):
# isolated inside, never as a whole.
WRITTEN_OTHERWISE = (cite_where,)


def strong(char: str) -> str:
    """``L``, ``R`` or "" (neutral or weak) for one character. The Arabic script's punctuation and
    digits (its comma, semicolon; U+0600 to U+06FF) and its quotation marks « » belong to the
    Arabic around a run, never to it: they count as right to left."""
    kind = unicodedata.bidirectional(char)
    if kind in STRONG_RTL or char in ARABIC_MARKS or "\u0600" <= char <= "\u06ff":
        return "R"
    return "L" if kind == "L" else ""


def classify(value: str) -> str:
    """``R`` if the text holds right-to-left letters, else ``L`` if it holds left-to-right ones,
    else "" (digits and punctuation)."""
    kinds = {strong(c) for c in value}
    return "R" if "R" in kinds else "L" if "L" in kinds else ""


def right_to_left(env_or_config) -> bool:
    config = getattr(env_or_config, "config", env_or_config)
    return i18n.direction(edition_language(config)) == "rtl"


def node_text(node: nodes.Node) -> str:
    if isinstance(node, nodes.raw):
        return TAG.sub("", node.astext())
    return node.astext()


def is_ltr(node: nodes.Node) -> bool:
    return isinstance(node, english) or (isinstance(node, foreign) and node.get("dir") == "ltr")


class Unit:
    """One character of a Text node, or one whole inline node (an atom of the run)."""

    __slots__ = ("child", "offset", "char", "kind", "node_ltr")

    def __init__(self, child: int, offset: int | None, char: str, kind: str, node_ltr: bool = False):
        self.child, self.offset, self.char, self.kind = child, offset, char, kind
        self.node_ltr = node_ltr  # a node that isolates itself (english)


def units_of(element: nodes.Element) -> list[Unit | None]:
    """The element's inline content as units; ``None`` for a barrier (a node holding right-to-left
    text, or a block), across which no run goes."""
    out: list[Unit | None] = []
    for i, child in enumerate(element.children):
        if isinstance(child, nodes.Text):
            out += [Unit(i, j, c, strong(c)) for j, c in enumerate(str(child))]
        elif isinstance(child, (nodes.image, nodes.raw, *WRITTEN_OTHERWISE)) and not (
            isinstance(child, nodes.raw) and "html" in child.get("format", "").split()
        ):
            out.append(None)  # an image, text for another writer, or a node a writer writes otherwise
        elif isinstance(child, nodes.Inline):
            text = node_text(child)
            kind = "L" if is_ltr(child) or isinstance(child, nodes.literal) else classify(text)
            if kind == "R":
                out.append(None)
            else:  # a whole node: left to right, or neutral (a link's "2021"), shown by its text
                out.append(Unit(i, None, "0" if not kind and text.strip().isdigit() else text, kind, is_ltr(child)))
        else:
            out.append(None)
    return out


def extend_right(units: list, end: int, opened: list[str]) -> int:
    """The last unit of the run that ends (in strong characters) at ``end``: numbers, an ellipsis,
    ``?``/``!`` close to it, closers of the run's own openers (``opened``: those left open before
    ``end``) and an abbreviation's period."""
    best, stack, close = end, list(opened), True  # close: no space since the last unit kept
    floor = len(stack)  # openers of the run itself, closed or not: numbers after them are the run's
    i = end + 1
    while i < len(units):
        u = units[i]
        if u is None or u.kind == "R":
            break
        c = u.char
        if u.offset is None:  # a neutral node (a number): kept where no bracket is open
            if len(stack) <= floor:
                best = i
        elif c.isspace():
            close = False
        elif c.isdigit():
            if len(stack) <= floor:
                best, close = i, True
        elif c in OPEN:
            stack.append(c)
        elif c in CLOSE:
            if stack and stack[-1] == CLOSE[c]:
                stack.pop()
                floor = min(floor, len(stack))
                if len(stack) <= floor:
                    best, close = i, True
            else:  # the bracket of the text around the run: an abbreviation's period before it stays in
                between = "".join(x.char for x in units[best + 1 : i])
                if between and not any(x.isspace() for x in between) and set(between) <= {".", "?", "!"}:
                    best = i - 1
                break
        elif c in "…" or "".join(x.char for x in units[i : i + 3] if x) == "...":
            if c == ".":
                i += 2
            if len(stack) <= floor and close:
                best = i
        elif c in "?!" and close and len(stack) <= floor:
            best = i
        i += 1
    return best


def inside_brackets(units: list, start: int, j: int) -> bool:
    """Whether the Arabic comma or semicolon at ``j`` stands inside brackets that the run opened
    at ``start`` and that close before any Arabic letter ("(CC BY 4.0، https://…)"): then the
    whole bracket is the run's, as the bracket's two halves must be on one side."""
    u = units[j]
    if u.offset is None or unicodedata.bidirectional(u.char) in STRONG_RTL or u.char in ARABIC_MARKS:
        return False
    opened = unclosed(units[start:j])
    if not opened:
        return False
    for k in range(j + 1, len(units)):
        v = units[k]
        if v is None or v.kind == "R" and (v.offset is None or unicodedata.bidirectional(v.char) in STRONG_RTL):
            return False
        if v.offset is not None and v.char == OPEN[opened[-1]]:
            return True
    return False


def unclosed(units: list) -> list[str]:
    """The openers left open in ``units`` (characters of Text nodes)."""
    stack = []
    for u in units:
        if u is None or u.offset is None:
            continue
        if u.char in OPEN:
            stack.append(u.char)
        elif u.char in CLOSE and stack and stack[-1] == CLOSE[u.char]:
            stack.pop()
    return stack


def balanced(chars: str) -> bool:
    stack = []
    for c in chars:
        if c in OPEN:
            stack.append(c)
        elif c in CLOSE:
            if not stack or stack[-1] != CLOSE[c]:
                return False
            stack.pop()
    return not stack


def sentence_end(units: list, start: int, end: int, ends_block: bool) -> int:
    """The run's last unit, with the full stop set close after it when that stop is the English's:
    the run is the whole sentence and ends the block (a reference entry, "… Byline not shown.").
    After Arabic, or after English inside an Arabic sentence, the stop stays the Arabic's, outside."""
    k = end + 1
    if k >= len(units) or units[k] is None or units[k].offset is None or units[k].char != ".":
        return end
    rest = k + 1
    while rest < len(units) and units[rest] is not None and units[rest].offset is not None \
            and units[rest].char.isspace():  # fmt: skip
        rest += 1
    english_sentence = all(u is not None and u.kind != "R" for u in units[:start])
    return k if rest == len(units) and ends_block and english_sentence else end


def runs(units: list, ends_block: bool = False) -> list[tuple[int, int]]:
    """The runs to isolate, as (first unit, last unit) pairs (``ends_block``: the units are a
    block's, the last of them its end)."""
    found, i = [], 0
    while i < len(units):
        u = units[i]
        if u is None or u.kind != "L":
            i += 1
            continue
        start = last = i
        j = i + 1
        while j < len(units) and units[j] is not None and (units[j].kind != "R" or inside_brackets(units, i, j)):
            if units[j].kind == "L":
                last = j
            j += 1
        # openers just before the run whose partners close inside it, an ellipsis, digits set close
        # to it (a commit "0f62…")
        while start > 0 and units[start - 1] is not None and units[start - 1].offset is not None \
                and (units[start - 1].char in OPEN or units[start - 1].char in LEADING
                     or units[start - 1].char.isdigit()):  # fmt: skip
            start -= 1
        end = extend_right(units, last, unclosed(units[start : last + 1]))
        end = sentence_end(units, start, end, ends_block)
        while start < i and not balanced("".join(x.char for x in units[start : end + 1] if x.offset is not None
                                                 and (x.char in OPEN or x.char in CLOSE))):  # fmt: skip
            start += 1
        single = units[start] if start == end else None
        if not (single is not None and single.offset is None and single.node_ltr):
            found.append((start, end))
        i = end + 1
    return found


def wrap(element: nodes.Element, units: list, spans: list[tuple[int, int]]) -> None:
    """Replace the element's children by the same content, each span in an :class:`english` node."""
    inside = {}
    for k, (a, b) in enumerate(spans):
        for u in units[a : b + 1]:
            inside[(u.child, u.offset)] = k
    new: list[nodes.Node] = []
    tokens: list[english] = []
    current: tuple[int | None, english | None] = (None, None)
    for i, child in enumerate(list(element.children)):
        if isinstance(child, nodes.Text):
            value, pieces, start = str(child), [], 0
            for j in range(1, len(value) + 1):
                if j == len(value) or inside.get((i, j)) != inside.get((i, start)):
                    pieces.append((inside.get((i, start)), value[start:j]))
                    start = j
            items = [(k, nodes.Text(piece)) for k, piece in pieces]
        else:
            items = [(inside.get((i, None)), child)]
        for k, node in items:
            if k is None:
                new.append(node)
                current = (None, None)
                continue
            if current[0] != k:
                current = (k, english(""))
                new.append(current[1])
                tokens.append(current[1])
            current[1].append(node)
    for child in list(element.children):
        element.remove(child)
    for node in new:
        element.append(node)
    for run in tokens:  # an Arabic comma inside a run's brackets: Arabic, in a face that has it
        for child in list(run.children):
            if isinstance(child, nodes.Text) and any(strong(c) == "R" for c in str(child)):
                pieces = re.split("([\u0600-\u06ff]+)", str(child))
                run.replace(child, [arabic("", p) if i % 2 else nodes.Text(p) for i, p in enumerate(pieces) if p])
    for run in tokens:  # one word ("F-15E", "Military.com"): never broken nor hyphenated
        value = run.astext()
        if value and not any(c.isspace() for c in value) and len(value) <= UNBROKEN:
            run["classes"].append(UNBROKEN_CLASS)
        elif citation_only(run):
            run["classes"].append(CITATION_CLASS)


def citation_only(run: nodes.Element) -> bool:
    """Whether a run is a short citation and nothing else ("(Malik and Smith 2021)"): one that
    the page keeps on one line (:data:`CITATION_CLASS`), as a line broken inside it, in Arabic
    text, sets its halves in an order a reader cannot follow."""
    parts = [c for c in run.children if not (isinstance(c, nodes.Text) and classify(str(c)) != "L")]
    return (
        bool(parts)
        and all(isinstance(c, nodes.inline) and "bibtex-citation" in c["classes"] for c in parts)
        and len(run.astext()) <= CITATION_LENGTH
    )


def isolate(element: nodes.Element) -> None:
    """Isolate the left-to-right runs of ``element`` and of its descendants."""
    if isinstance(element, (nodes.literal_block, nodes.doctest_block)):
        element[DIR] = "ltr"  # code, and the BibTeX of How to cite: left to right, as a block
        return
    if isinstance(element, LTR) or is_ltr(element) or isinstance(element, nodes.literal):
        return
    if isinstance(element, nodes.raw):
        return
    for child in list(element.children):  # barriers and blocks first: their own runs
        if isinstance(child, nodes.Element):
            if (not isinstance(child, (nodes.Inline, nodes.raw)) or isinstance(child, WRITTEN_OTHERWISE)
                    or classify(node_text(child)) == "R"):  # fmt: skip
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
        element[UPRIGHT] = True  # Arabic has no italics: emphasis in Arabic is set upright


def whole_run(element: nodes.Element) -> bool:
    """Whether the block's text is all left to right (its content one isolated run, or blocks that are)."""
    content = [c for c in element.children if not (isinstance(c, nodes.Text) and not str(c).strip())
               and not (isinstance(c, nodes.raw) and not node_text(c).strip())]  # fmt: skip
    if not content or classify("".join(node_text(c) for c in content)) != "L":
        return False
    return all(isinstance(c, english) or (isinstance(c, nodes.Element) and c.get(DIR) == "ltr") for c in content)


class IsolateLatinRuns(SphinxPostTransform):
    """In a right-to-left edition, every left-to-right run of a page in an :class:`english` node."""

    default_priority = 990  # last: after the cite lines, citations, cards and charts are in place

    def run(self, **kwargs) -> None:
        if right_to_left(self.config):
            isolate(self.document)


WORD_JOINER = "\u2060"
UNBROKEN, UNBROKEN_CLASS = 30, "unbroken"  # a one-word run up to this length is set unbroken
# a run that is a citation only, up to this length, is kept on one line (briefbook-rtl.css)
CITATION_LENGTH, CITATION_CLASS = 40, "citation-run"
HYPHENED = re.compile(r"(?<=\w)-(?=\w)")
SLASHED = re.compile(r"(?<=[\u0600-\u06ff])/(?=[\u0600-\u06ff])")


class JoinSlashedWords(SphinxPostTransform):
    """In a right-to-left edition's HTML pages, no line breaks after the slash between two Arabic
    words (the months' double names, "حزيران/يونيو", in the catalogs' text and the dates the
    edition writes alike), nor after the hyphen of a one-word Latin run ("F-15E"): a WORD JOINER
    after it (print sets such a run in an ``\\mbox``, :mod:`.nodes`). HTML only: TeX breaks no line at a
    slash, and
    the print faces have no glyph for the joiner."""

    default_priority = 991
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if not right_to_left(self.config):
            return
        for node in list(self.document.findall(nodes.Text)):
            if isinstance(node.parent, (nodes.literal, nodes.literal_block, nodes.raw)):
                continue
            joined = SLASHED.sub("/" + WORD_JOINER, str(node)) if "/" in node else str(node)
            if "-" in joined and any(UNBROKEN_CLASS in a.get("classes", ()) for a in ancestors(node, english)):
                joined = HYPHENED.sub("-" + WORD_JOINER, joined)  # "F-15E" kept on one line
            if joined != str(node):
                node.parent.replace(node, nodes.Text(joined))


def ancestors(node: nodes.Node, kind: type) -> list[nodes.Element]:
    found = []
    while node.parent is not None:
        node = node.parent
        if isinstance(node, kind):
            found.append(node)
    return found


def isolated_html(value: str, config) -> str:
    """Text for an HTML template (a footer line), escaped, its Latin runs isolated in a
    right-to-left edition as the pages' are."""
    from html import escape

    if not right_to_left(config):
        return escape(value)
    line = nodes.paragraph("", "", nodes.Text(value))
    isolate(line)
    return "".join(
        f'<span class="english" dir="ltr" lang="en">{escape(child.astext())}</span>'
        if isinstance(child, english)
        else escape(child.astext())
        for child in line.children
    )


def isolate_index_entries(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context`` (the general index of a right-to-left edition): the entries, which
    Sphinx writes from the glossary's terms outside any doctree that :class:`IsolateLatinRuns`
    sees, with their Latin runs isolated as the pages' are ("عصائب أهل الحق (Asaib Ahl al-Haq
    (AAH))" read with its brackets in place). The template escapes text, not markup."""
    from markupsafe import Markup

    if pagename != "genindex" or not right_to_left(app.config) or not context.get("genindexentries"):
        return

    def marked(name: str) -> Markup:
        return Markup(isolated_html(str(name), app.config))

    context["genindexentries"] = [
        (key, [(marked(name), (links, [(marked(sub), sublinks) for sub, sublinks in subitems], category))
               for name, (links, subitems, category) in entries])
        for key, entries in context["genindexentries"]
    ]  # fmt: skip


# Block elements in HTML: ``dir`` and ``lang`` on the element itself (the visitors of the HTML
# writer, called as they are, and the tag they open given the attributes).
def with_direction(name: str):
    def visit(self, node):
        before = len(self.body)
        try:
            getattr(type(self), f"visit_{name}")(self, node)
        finally:  # a visitor that writes the whole block raises SkipNode (a code block)
            if node.get(DIR) == "ltr":
                give_direction(self.body, before)
                if isinstance(node, nodes.literal_block):
                    mark_arabic_runs(self.body, before)

    def depart(self, node):
        getattr(type(self), f"depart_{name}")(self, node)

    return visit, depart


# A run of Arabic letters and the spaces between them (inside a code block: marked Arabic on the
# page, set in the Arabic face in print, briefbook.sphinx.print_languages)
ARABIC_RUN = re.compile(
    r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+(?: +[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]+)*"
)


def mark_arabic_runs(body: list[str], before: int) -> None:
    """Arabic inside a left-to-right code block (a field of the Arabic edition's BibTeX) marked as
    Arabic, right to left, for screen readers and for its own order; the block stays left to right."""
    for i in range(before, len(body)):
        body[i] = ARABIC_RUN.sub(lambda m: f'<span lang="ar" dir="rtl">{m.group()}</span>', body[i])


def give_direction(body: list[str], before: int) -> None:
    """``dir="ltr" lang="en"`` on the first tag written since ``before``."""
    for i in range(before, len(body)):
        lead = body[i][: len(body[i]) - len(body[i].lstrip())]
        tag = body[i].lstrip()
        if tag.startswith("<") and not tag.startswith("</"):
            head, sep, rest = tag.partition(" ") if " " in tag.split(">", 1)[0] else tag.partition(">")
            body[i] = f'{lead}{head} dir="ltr" lang="en"{" " if sep == " " else ">"}{rest}'
            return


def visit_emphasis_latex(self, node):
    """Emphasis in Arabic text in print: upright, as Arabic typography sets it (no faux italics
    from a slanted face); English emphasis as before."""
    if node.get(UPRIGHT):
        self.body.append("{")
    else:
        type(self).visit_emphasis(self, node)


def depart_emphasis_latex(self, node):
    if node.get(UPRIGHT):
        self.body.append("}")
    else:
        type(self).depart_emphasis(self, node)


def visit_emphasis_html(self, node):
    """Emphasis in Arabic text on screen and in the EPUB: marked ``upright`` (its class) for the
    stylesheets, which set it without a slant."""
    if node.get(UPRIGHT):
        node["classes"] = [*node["classes"], "upright"]
    type(self).visit_emphasis(self, node)


def depart_emphasis_html(self, node):
    type(self).depart_emphasis(self, node)
