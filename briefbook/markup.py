"""The small markup of text taken from the brief (fields marked ``"x-markup": "brief"`` in the
schema: the quotations' ``text`` and the claims' ``brief_text``).

The brief's own typography is kept as it prints it: ``*muqawama*`` for its italics and
``**Haya al-Tansiqiya**`` for its bold. Where the brief's text is faulty, the edition marks the
fault as a critical edition does, without mending it silently:

- ``{sic}``: the preceding words stand so in the brief (shown as an italic *[sic]*);
- ``{+word}``: a word the brief lacks, supplied by this edition (shown as ⟨word⟩).

Any other ``*``, ``{``, ``}`` or ``\\`` that is meant literally is written with a backslash
before it (:func:`escape`); validation refuses an unpaired one, so nothing in these fields is
ever silently read as markup or silently dropped.

Removing the edition's marks gives back the brief's text exactly (:func:`as_in_brief`), which is
how the tests check it against the brief; :func:`plain` is the text a reader sees, without the
typography.
"""

from __future__ import annotations

from typing import NamedTuple

SIC = "[sic]"
ESCAPABLE = "\\*{}"


class Span(NamedTuple):
    kind: str  # "text", "em", "strong", "sic" or "supplied"
    text: str


def escape(text: str) -> str:
    """Literal text written in the markup: a backslash before each of ``\\ * { }``."""
    return "".join("\\" + c if c in ESCAPABLE else c for c in text)


def _scan(text: str) -> tuple[list[Span], list[str]]:
    """The runs of ``text``, and the markup characters left unpaired (a stray ``*``, ``{`` or ``}``)."""
    spans: list[Span] = []
    stray: list[str] = []
    literal: list[str] = []

    def emit(kind: str, body: str) -> None:
        if literal:
            spans.append(Span("text", "".join(literal)))
            literal.clear()
        spans.append(Span(kind, body))

    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            literal.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i) and (end := text.find("**", i + 2)) > i + 2 and _clean(text[i + 2 : end]):
            emit("strong", text[i + 2 : end])
            i = end + 2
            continue
        if c == "*" and (end := text.find("*", i + 1)) > i + 1 and _clean(text[i + 1 : end]):
            emit("em", text[i + 1 : end])
            i = end + 1
            continue
        if text.startswith("{sic}", i):
            emit("sic", SIC)
            i += 5
            continue
        if text.startswith("{+", i) and (end := text.find("}", i + 2)) > i + 2 and _clean(text[i + 2 : end]):
            emit("supplied", text[i + 2 : end])
            i = end + 1
            continue
        if c in "*{}":
            stray.append(c)
        literal.append(c)
        i += 1
    if literal:
        spans.append(Span("text", "".join(literal)))
    return spans, stray


def _clean(body: str) -> bool:
    """Typography and edition marks hold plain words: no markup characters or escapes inside."""
    return not any(c in body for c in ESCAPABLE)


def spans(text: str) -> list[Span]:
    """The text cut into its runs of plain text, brief typography and edition marks."""
    return _scan(text)[0]


def problem(text: str) -> str | None:
    """What is wrong with the markup of ``text``, or None: an unpaired ``*`` or a stray brace."""
    stray = _scan(text)[1]
    if "*" in stray:
        return "has an unpaired * (the brief's italics are *word*, its bold **word**; a literal * is \\*)"
    if stray:
        return "has a brace that is not an edition mark ({sic}, or {+word} for a word supplied; a literal brace is \\{ or \\})"
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
            parts.append(span.text)  # literal: escapes resolved
    return "".join(parts)


def plain(text: str) -> str:
    """The text a reader sees: no asterisks; the edition's marks as [sic] and ⟨word⟩."""
    return "".join(f"⟨{s.text}⟩" if s.kind == "supplied" else s.text for s in spans(text))


def words(text: str) -> str:
    """The brief's words alone, as it prints them but for its typography: neither the asterisks
    of its italics and bold nor any mark of this edition ([sic], a supplied ⟨word⟩). What a
    machine-readable copy of a quotation states as its text (JSON-LD)."""
    return "".join(s.text for s in spans(text) if s.kind in ("text", "em", "strong"))


# Quotation marks inside a quotation that is itself set in double marks become single
# (“a “b” c” is printed “a ‘b’ c”): a convention of typography, not a change of the words, so
# the comparison with the brief reads a single and a double mark as one (:func:`fold`).
NESTED = str.maketrans({"“": "‘", "”": "’"})


def nested(text: str) -> str:
    """Text to be printed inside double quotation marks: its own double marks made single."""
    return text.translate(NESTED)


def fold(text: str) -> str:
    """Double and single curly quotation marks read alike (a quotation nested in another is
    printed with single marks; :data:`NESTED`)."""
    return text.translate(NESTED)


def squash(text: str) -> str:
    """White space collapsed to single spaces (the brief's plain text breaks lines and pages)."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Text as the comparison with the brief reads it: white space collapsed, quotation marks folded."""
    return fold(squash(text))


def found_in(passage: str, brief: str) -> bool:
    """Whether a passage, its edition marks removed, stands word for word in the brief."""
    return comparable(as_in_brief(passage)) in comparable(brief)


PASSAGE_SEP = "|"
# Where the passages of such a field are printed one after another, this stands between them:
# the brief has words between them that the edition leaves out (validation refuses a separator
# between two passages that are adjacent in the brief).
OMISSION = " … "
# The fields whose passages are separated by PASSAGE_SEP (a quotation is one passage).
PASSAGE_FIELDS = {("claims", "brief_text")}


def passages(text: str) -> list[str]:
    """The passages of a field that quotes the brief in several places, separated by ``|``."""
    return [p.strip() for p in text.split(PASSAGE_SEP) if p.strip()]


def joined(text: str) -> str:
    """Plain text of several passages (a translation of them, say) as a reader sees it: the
    passages one after another with an ellipsis between them, never the raw separator."""
    return OMISSION.join(passages(text))
