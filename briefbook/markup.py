"""The small markup of text taken from the brief (fields marked ``"x-markup": "brief"``): its typography (``*italics*``,
``**bold**``) and its faults marked as a critical edition does (``{sic}``, shown *[sic]*; ``{+word}``, a word this
edition supplies, shown ⟨word⟩). A literal ``\\``, ``*``, ``{`` or ``}`` takes a backslash (:func:`escape`)."""

import re
from typing import NamedTuple

BODY = r"([^*{}\\]+)"  # typography and edition marks hold plain words
TOKEN = re.compile(rf"\\([\\*{{}}])|\*\*{BODY}\*\*|\*{BODY}\*|(\{{sic\}})|\{{\+{BODY}\}}|([*{{}}])")
KINDS = ("text", "strong", "em", "sic", "supplied", "stray")
PASSAGE_SEP = "|"  # between the passages of a field marked ``x-passages`` (it quotes the brief in several places)
OMISSION = " … "  # what stands between them in print: the brief has words there
NESTED = str.maketrans({"“": "‘", "”": "’"})  # double marks inside a quotation set in double marks


class Span(NamedTuple):
    kind: str  # "text", "em", "strong", "sic" or "supplied"
    text: str


def escape(text: str) -> str:
    return re.sub(r"([\\*{}])", r"\\\1", text)


def spans(text: str) -> list[Span]:
    """The text cut into its runs of plain text, brief typography and edition marks."""
    out, literal, at = [], "", 0
    for m in TOKEN.finditer(text):
        literal, at, kind = literal + text[at : m.start()], m.end(), KINDS[m.lastindex - 1]
        if kind in ("text", "stray"):
            literal += m[m.lastindex]
            continue
        out += [Span("text", literal)] * bool(literal) + [Span(kind, "[sic]" if kind == "sic" else m[m.lastindex])]
        literal = ""
    literal += text[at:]
    return out + [Span("text", literal)] * bool(literal)


def problem(text: str) -> str | None:
    """What is wrong with the markup of ``text``, or None: an unpaired ``*`` or a stray brace."""
    stray = {m[6] for m in TOKEN.finditer(text) if m[6]}
    if "*" in stray:
        return "has an unpaired * (the brief's italics are *word*, its bold **word**; a literal * is \\*)"
    if stray:
        return "has a brace that is not an edition mark ({sic}, or {+word} for a word supplied; a literal brace is \\{)"
    return None


def as_in_brief(text: str) -> str:
    """The text as the brief prints it: its asterisks kept, the edition's marks removed."""
    marks = {"em": "*", "strong": "**", "text": ""}
    return "".join(f"{marks[s.kind]}{s.text}{marks[s.kind]}" for s in spans(text) if s.kind in marks)


def plain(text: str) -> str:
    """The text a reader sees: no asterisks; the edition's marks as [sic] and ⟨word⟩."""
    return "".join(f"⟨{s.text}⟩" if s.kind == "supplied" else s.text for s in spans(text))


def words(text: str) -> str:
    """The brief's words alone, without its typography or any mark of this edition (JSON-LD's text)."""
    return "".join(s.text for s in spans(text) if s.kind in ("text", "em", "strong"))


def nested(text: str) -> str:
    """Text to be printed inside double quotation marks: its own double marks made single."""
    return text.translate(NESTED)


def squash(text: str) -> str:
    return " ".join(text.split())


def comparable(text: str) -> str:
    """Text as the comparison with the brief reads it: white space collapsed, double marks single."""
    return nested(squash(text))


def passages(text: str) -> list[str]:
    return [p.strip() for p in text.split(PASSAGE_SEP) if p.strip()]


def joined(text: str, several=True) -> str:
    """Several passages as a reader sees them: an ellipsis between them, never the raw separator."""
    return OMISSION.join(passages(text)) if several else text
