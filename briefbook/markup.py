"""The small markup of text taken from the brief (fields marked ``"x-markup": "brief"``): its typography (``*italics*``,
``**bold**``) and its faults marked as a critical edition does (``{sic}``, shown *[sic]*; ``{+word}``, a word this
edition supplies, shown ⟨word⟩). A literal ``\\``, ``*``, ``{`` or ``}`` takes a backslash."""

import functools
import re

BODY = r"([^*{}\\]+)"  # typography and edition marks hold plain words
TOKEN = re.compile(rf"\\([\\*{{}}])|\*\*{BODY}\*\*|\*{BODY}\*|(\{{sic\}})|\{{\+{BODY}\}}|([*{{}}])")
KINDS = ("text", "strong", "em", "sic", "supplied", "stray")
PASSAGE_SEP = "|"  # between the passages of a field marked ``x-passages`` (it quotes the brief in several places)
OMISSION = " … "  # what stands between them in print: the brief has words there
NESTED = str.maketrans({"“": "‘", "”": "’"})  # double marks inside a quotation set in double marks


def spans(text: str) -> list[tuple[str, str]]:
    """The text cut into its runs, each (kind, text): plain text, the brief's typography and edition marks."""
    out, literal, at = [], "", 0
    for m in TOKEN.finditer(text):
        literal, at, kind = literal + text[at : m.start()], m.end(), KINDS[m.lastindex - 1]
        if kind in ("text", "stray"):
            literal += m[m.lastindex]
            continue
        out += [("text", literal), (kind, "[sic]" if kind == "sic" else m[m.lastindex])]
        literal = ""
    return [(kind, words) for kind, words in [*out, ("text", literal + text[at:])] if words]


def problem(text: str) -> str | None:
    """What is wrong with the markup of ``text``, or None: an unpaired ``*`` or a stray brace."""
    stray = {m[6] for m in TOKEN.finditer(text) if m[6]}
    if "*" in stray:
        return "has an unpaired * (the brief's italics are *word*, its bold **word**; a literal * is \\*)"
    if stray:
        return "has a brace that is not an edition mark ({sic}, or {+word} for a word supplied; a literal brace is \\{)"


def render(text: str, forms: dict[str, str]) -> str:
    """The text's spans of the kinds in ``forms``, each written in its form."""
    return "".join(forms[kind].format(words) for kind, words in spans(text) if kind in forms)


# As the brief prints it (its asterisks, not the edition's marks); as a reader sees it ([sic], ⟨word⟩, no asterisks);
# the brief's words alone (JSON-LD's text).
as_in_brief = functools.partial(render, forms={"text": "{}", "em": "*{}*", "strong": "**{}**"})
plain = functools.partial(render, forms={"text": "{}", "em": "{}", "strong": "{}", "sic": "{}", "supplied": "⟨{}⟩"})
words = functools.partial(render, forms={"text": "{}", "em": "{}", "strong": "{}"})


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
