"""A right-to-left edition's left-to-right runs, each an :class:`~.nodes.english` node; English blocks :data:`DIR`."""

import re
from html import escape
from itertools import groupby, takewhile

from docutils import nodes
from markupsafe import Markup
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import traverse_parent

from ..languages import ARABIC_LETTERS, LATIN_LETTERS, RTL_LETTER, RTL_LETTERS, direction
from .nodes import arabic, cite_where, english, foreign

DIR = "briefbook_dir"  # "ltr" on a block all in English: its HTML tag's dir, print's English paragraph
UPRIGHT = "upright"  # the class of emphasis in Arabic, set without a slant (Arabic has no italics)
BLOCKS = (nodes.paragraph, nodes.entry, nodes.term, nodes.caption, nodes.line)  # not list items: marker
LTR = (english, nodes.literal, nodes.literal_block, nodes.doctest_block, nodes.math, nodes.math_block, nodes.raw)
LTR += (nodes.comment, nodes.substitution_definition, nodes.target, nodes.image, nodes.system_message)  # not text
UNBROKEN, CITATION_LENGTH = 30, 40  # a word up to 30 characters, a citation up to 40, kept on one line
ARABIC_PIECE = re.compile(f"([{ARABIC_LETTERS}]+)")
HYPHENED = re.compile(r"(?<=\w)-(?=\w)")
SLASHED = re.compile(f"(?<=[{ARABIC_LETTERS}])/(?=[{ARABIC_LETTERS}])")
# An element's inline content as one character a unit: its text, and a character for each inline
# node (Latin, Latin isolating itself, neutral) or barrier that no run crosses.
NODE_L, NODE_SELF, NODE_N, BAR = "\ue000\ue001\ue002\x00"
RIGHT = re.compile(f"[«»{RTL_LETTERS}]")  # the text around a run: right-to-left letters, Arabic marks
LEFT = re.compile(f"[{LATIN_LETTERS}{NODE_L}{NODE_SELF}]")
PAIR = dict(zip("([“‘⟨{⁽", ")]”’⟩}⁾", strict=True))  # brackets: opener, closer
CLOSERS = set(PAIR.values())
UNITS = re.compile(r"\.\.\.|.", re.S)  # an ellipsis of three full stops is one
TAG = re.compile(r"<[^>]*>")


def right_to_left(config) -> bool:
    return direction(config.language) == "rtl"


def classify(value: str) -> str:
    return "R" if RIGHT.search(value) else "L" if LEFT.search(value) else ""


def node_text(node: nodes.Node) -> str:
    return TAG.sub("", node.astext()) if isinstance(node, nodes.raw) else node.astext()


def is_ltr(node: nodes.Node) -> bool:
    return isinstance(node, english) or (isinstance(node, foreign) and node.get("dir") == "ltr")


def is_citation(node: nodes.Node) -> bool:
    return isinstance(node, nodes.inline) and "bibtex-citation" in node["classes"]


def mixed(node: nodes.Node) -> bool:
    """Whether the node's block holds right-to-left text: XeTeX then reverses the parts of its lines."""
    while isinstance(node, nodes.Inline):
        node = node.parent
    return bool(RTL_LETTER.search(node.astext()))


def words(element: nodes.Element) -> list:
    """An inline element as copies of itself, a word each, " " between them: a link XeTeX keeps on its line (it
    reverses a right-to-left line, so a wrapped link ends before it starts); raw citations: briefbook-print-rtl.sty."""
    out: list = []
    for child in element.children:
        for part in re.split(r"(\s+)", child.astext()) if isinstance(child, nodes.Text) else words(child):
            if type(part) is str and part.isspace():
                out += [" "] if out and type(out[-1]) is not str else []
            elif part:
                out += [element.copy()] if not out or type(out[-1]) is str else []
                out[-1] += nodes.Text(part) if type(part) is str else part
    return out


def unit(node: nodes.Node) -> str:
    """An inline node's character in its element's text: Latin, Latin isolating itself, neutral, barrier."""
    found = "L" if is_ltr(node) or isinstance(node, nodes.literal) else classify(node_text(node))
    barrier = not isinstance(node, nodes.Inline) or isinstance(node, (nodes.image, cite_where)) or found == "R"
    if barrier or isinstance(node, nodes.raw) and "html" not in node.get("format", "").split():
        return BAR
    return NODE_SELF if is_ltr(node) else NODE_L if found else NODE_N


def unclosed(text: str, strict: bool = False) -> list[str] | None:
    """The openers left open in ``text``; None (``strict``) if a closer has no opener."""
    stack = []
    for c in text:
        if c in PAIR:
            stack.append(c)
        elif stack and PAIR[stack[-1]] == c:
            stack.pop()
        elif strict and c in CLOSERS:
            return None
    return stack


def bracketed(text: str, start: int, j: int) -> bool:
    """Whether the Arabic comma at ``j`` is in brackets the run opened, closed before an Arabic letter."""
    opened = [] if text[j] in "«»" or text[j].isalpha() else unclosed(text[start:j])
    after = takewhile(lambda c: c != BAR and not (RIGHT.match(c) and c.isalpha()), text[j + 1 :])
    return bool(opened) and PAIR[opened[-1]] in after


def extend(text: str, end: int, opened: list[str]) -> int:
    """The run's last unit from its last letter: closing brackets, numbers, ellipses and ?! set close."""
    best, stack, floor, close = end, list(opened), len(opened), True
    for match in UNITS.finditer(text, end + 1):
        c, at = match[0], match.end() - 1
        if c == BAR or RIGHT.match(c):
            break
        if c in PAIR:
            stack.append(c)
        elif c in CLOSERS and not (stack and PAIR[stack[-1]] == c):  # the text's own bracket: "n.d." keeps its period
            return at - 1 if text[best + 1 : at] and set(text[best + 1 : at]) <= set(".?!") else best
        elif c in CLOSERS:
            stack.pop()
            if len(stack) <= floor:
                best, floor, close = at, len(stack), True
        elif len(stack) <= floor and (c.isdigit() or c == NODE_N or close and c in ("…", "...", "?", "!")):
            best, close = at, close or c.isdigit()  # NODE_N: a link's "2021"
        close = close and not c.isspace()
    return best


def runs(text: str, ends_block: bool = False) -> list[tuple[int, int]]:
    """The runs to isolate in ``text`` (the children, :func:`unit` for each node): (first unit, last unit)."""
    found, i = [], 0
    while letter := LEFT.search(text, i):
        start = last = j = i = letter.start()
        while (j := j + 1) < len(text) and text[j] != BAR and (not RIGHT.match(text[j]) or bracketed(text, i, j)):
            last = j if LEFT.match(text[j]) else last
        # openers just before it whose partners close inside it, an ellipsis, digits ("0f62…")
        while start and (text[start - 1] in f"….{''.join(PAIR)}" or text[start - 1].isdigit()):
            start -= 1
        end = extend(text, last, unclosed(text[start : last + 1]))
        # a whole English sentence ending the block keeps its full stop ("… Byline not shown.")
        alone = BAR not in text[:start] and not RIGHT.search(text[:start])
        end += ends_block and alone and text[end + 1 : end + 2] == "." and not text[end + 2 :].strip()
        while start < i and unclosed(text[start : end + 1], strict=True) != []:
            start += 1
        if text[start : end + 1] != NODE_SELF:  # a node that isolates itself
            found.append((start, end))
        i = end + 1
    return found


def wrap(element: nodes.Element, spans: list[tuple[int, int]]) -> None:
    """Each span's units in an :class:`english` node: its Arabic commas Arabic, a short word or citation unbroken
    (broken, its halves swap), a last space moved out."""
    run_of = {k: n for n, (a, b) in enumerate(spans) for k in range(a, b + 1)}
    new, made, start = [], {}, 0
    for child in element.children:
        size = len(child) if (is_text := isinstance(child, nodes.Text)) else 1
        for n, group in groupby(range(start, start + size), run_of.get):
            units = list(group)
            if n is not None and n not in made:
                new.append(made.setdefault(n, english()))
            node = nodes.Text(child[units[0] - start : units[-1] + 1 - start]) if is_text else child
            (new if n is None else made[n]).append(node)
        start += size
    element[:] = new
    for run in made.values():
        for child in [t for t in run.findall(nodes.Text) if ARABIC_PIECE.search(t)]:
            parts = ARABIC_PIECE.split(child)
            child.parent.replace(child, [arabic("", p) if n % 2 else nodes.Text(p) for n, p in enumerate(parts) if p])
        value, shown = run.astext(), [c for c in run.children if not (isinstance(c, nodes.Text) and classify(c) != "L")]
        if value and not any(c.isspace() for c in value) and len(value) <= UNBROKEN:
            run["classes"].append("unbroken")
        elif len(value) <= CITATION_LENGTH and shown and all(map(is_citation, shown)):
            run["classes"].append("citation-run")
        last = list(run.findall(nodes.Text))[-1:]
        if last and last[0].endswith(" ") and last[0].strip():
            last[0].parent.replace(last[0], nodes.Text(last[0].rstrip(" ")))
            element.insert(element.index(run) + 1, nodes.Text(" "))


def left_to_right(node: nodes.Node) -> bool:
    """English, a left-to-right block, or an inline (a data field's class) of such only."""
    if isinstance(node, english) or (isinstance(node, nodes.Element) and node.get(DIR) == "ltr"):
        return True
    shown = [c for c in node.children if node_text(c).strip()] if isinstance(node, nodes.inline) else []
    return bool(shown) and all(left_to_right(c) for c in shown)


def isolate(element: nodes.Element) -> None:
    if isinstance(element, (nodes.literal_block, nodes.doctest_block)):
        element[DIR] = "ltr"  # code, and the BibTeX of How to cite: a left-to-right block
    if isinstance(element, LTR) or is_ltr(element):
        return
    for child in element.children:  # blocks and barriers first: their own runs
        if isinstance(child, nodes.Element) and unit(child) == BAR:
            isolate(child)
    if isinstance(element, (nodes.TextElement, nodes.Inline)):
        text = "".join(c if isinstance(c, nodes.Text) else unit(c) for c in element.children)
        if spans := runs(text, ends_block=isinstance(element, BLOCKS)):
            wrap(element, spans)
    if isinstance(element, BLOCKS):  # all left to right: its content one isolated run, or such blocks
        shown = [c for c in element.children if node_text(c).strip() or not isinstance(c, (nodes.Text, nodes.raw))]
        said = "".join(node_text(c) for c in shown)  # a block of citations alone follows the page's direction
        cited = "".join(n.astext() for c in shown for n in c.findall(is_citation))
        if shown and all(map(left_to_right, shown)) and classify(said) == "L" and said.strip() != cited.strip():
            element[DIR] = "ltr"
    if isinstance(element, nodes.emphasis) and classify(element.astext()) == "R":
        element["classes"].append(UPRIGHT)


class IsolateLatinRuns(SphinxPostTransform):
    """Every left-to-right run isolated; in HTML a word joiner after "حزيران/" and in "F-15E" (as TeX breaks)."""

    default_priority = 990  # last: after the cite lines, citations, cards and charts are in place

    def run(self, **kwargs) -> None:
        if not right_to_left(self.config):
            return
        isolate(self.document)
        for node in list(self.document.findall(nodes.Text)) if self.app.builder.format == "html" else []:
            classes = [c for a in traverse_parent(node, english) for c in a["classes"]]  # WORD JOINERs:
            joined = SLASHED.sub("/\u2060", HYPHENED.sub("-\u2060", node) if "unbroken" in classes else node)
            if joined != node and not isinstance(node.parent, (nodes.literal, nodes.literal_block, nodes.raw)):
                node.parent.replace(node, nodes.Text(joined))


def isolated_html(value: str, config) -> str:
    """Text for an HTML template (a footer line, an index entry): escaped, its Latin runs isolated."""
    if not right_to_left(config):
        return escape(value)
    line = nodes.paragraph("", "", nodes.Text(value))
    isolate(line)
    span = '<span class="english" dir="ltr" lang="en">{}</span>'
    return "".join((span if isinstance(c, english) else "{}").format(escape(c.astext())) for c in line.children)


def isolate_index_entries(app, pagename, templatename, context, doctree) -> None:
    """The general index's entries, which Sphinx writes outside any doctree, isolated as the pages' are."""
    index = context.get("genindexentries") if pagename == "genindex" and right_to_left(app.config) else None
    for _letter, entries in index or []:
        for n, (name, (links, subs, kind)) in enumerate(entries):
            subs = [(Markup(isolated_html(sub, app.config)), sublinks) for sub, sublinks in subs]
            entries[n] = (Markup(isolated_html(name, app.config)), (links, subs, kind))
