"""The small markup of text taken from the brief (fields marked ``"x-markup": "brief"`` in the
schema: the quotations' ``text`` and the claims' ``brief_text``).

The brief's own typography is kept as it prints it: ``*muqawama*`` for its italics and
``**Haya al-Tansiqiya**`` for its bold. Where the brief's text is faulty, the edition marks the
fault as a critical edition does, without mending it silently:

- ``{sic}``: the preceding words stand so in the brief (shown as an italic *[sic]*);
- ``{+word}``: a word the brief lacks, supplied by this edition (shown as ⟨word⟩).

Removing the edition's marks gives back the brief's text exactly (:func:`as_in_brief`), which is
how the tests check it against the brief; :func:`plain` is the text a reader sees, without the
typography.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Longest first: bold before italics. Edition marks may not nest or contain braces.
TOKEN = re.compile(r"\*\*(?P<strong>[^*{}]+)\*\*|\*(?P<em>[^*{}]+)\*|\{sic\}|\{\+(?P<supplied>[^{}*]+)\}")
SIC = "[sic]"


class Span(NamedTuple):
    kind: str  # "text", "em", "strong", "sic" or "supplied"
    text: str


def spans(text: str) -> list[Span]:
    """The text cut into its runs of plain text, brief typography and edition marks."""
    out, pos = [], 0
    for match in TOKEN.finditer(text):
        if match.start() > pos:
            out.append(Span("text", text[pos : match.start()]))
        kind = match.lastgroup or "sic"
        out.append(Span(kind, SIC if kind == "sic" else match.group(kind)))
        pos = match.end()
    if pos < len(text):
        out.append(Span("text", text[pos:]))
    return out


def problem(text: str) -> str | None:
    """What is wrong with the markup of ``text``, or None: an unpaired ``*`` or a stray brace."""
    rest = "".join(s.text for s in spans(text) if s.kind == "text")
    if "*" in rest:
        return "has an unpaired * (the brief's italics are *word*, its bold **word**)"
    if "{" in rest or "}" in rest:
        return "has a brace that is not an edition mark ({sic}, or {+word} for a word supplied)"
    return None


def as_in_brief(text: str) -> str:
    """The text as the brief prints it: its asterisks kept, the edition's marks removed."""
    parts = []
    for span in spans(text):
        if span.kind == "em":
            parts.append(f"*{span.text}*")
        elif span.kind == "strong":
            parts.append(f"**{span.text}**")
        elif span.kind == "text":
            parts.append(span.text)
    return "".join(parts)


def plain(text: str) -> str:
    """The text a reader sees: no asterisks; the edition's marks as [sic] and ⟨word⟩."""
    return "".join(f"⟨{s.text}⟩" if s.kind == "supplied" else s.text for s in spans(text))


def squash(text: str) -> str:
    """White space collapsed to single spaces (the brief's plain text breaks lines and pages)."""
    return " ".join(text.split())


def found_in(passage: str, brief: str) -> bool:
    """Whether a passage, its edition marks removed, stands word for word in the brief."""
    return squash(as_in_brief(passage)) in squash(brief)


PASSAGE_SEP = "|"


def passages(text: str) -> list[str]:
    """The passages of a field that quotes the brief in several places, separated by ``|``."""
    return [p.strip() for p in text.split(PASSAGE_SEP) if p.strip()]
