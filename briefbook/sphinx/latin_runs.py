"""Where a left-to-right run starts and ends in right-to-left text (:mod:`.bidi` isolates it).

A run goes from a Latin letter to the last one with no right-to-left letter between (letters as the
language registry tells them, :mod:`briefbook.languages`), across inline nodes that hold none, with
what belongs to it: an opening bracket or mark whose partner closes inside it; after it numbers,
an ellipsis, ``?``/``!`` set close, its own closers and an abbreviation's period ("n.d.)"). The
Arabic sentence's own stop, comma or colon stays outside.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from docutils import nodes

from ..languages import LATIN_LETTER, RTL_LETTER
from .nodes import english, foreign
from .printing import cite_where

OPEN = {"(": ")", "[": "]", "“": "”", "‘": "’", "⟨": "⟩", "{": "}", "⁽": "⁾"}
CLOSE = {v: k for k, v in OPEN.items()}
LEADING = frozenset("….")  # an ellipsis where the English quoted starts mid-sentence ("“…capability")
TAG = re.compile(r"<[^>]*>")


def strong(char: str) -> str:
    """``R`` (a right-to-left letter, or Arabic punctuation and marks « »: the text around a run),
    ``L`` (a Latin letter) or "" (neutral)."""
    return "R" if RTL_LETTER.match(char) or char in "«»" else "L" if LATIN_LETTER.match(char) else ""


def rtl_letter(char: str) -> bool:
    return bool(RTL_LETTER.match(char)) and char.isalpha()


def classify(value: str) -> str:
    return "R" if any(strong(c) == "R" for c in value) else "L" if LATIN_LETTER.search(value) else ""


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
    """The element's inline content as units; None for a barrier no run crosses."""
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
        while (
            j + 1 < len(units)
            and units[j + 1] is not None
            and (units[j + 1].kind != "R" or inside_brackets(units, i, j + 1))
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
