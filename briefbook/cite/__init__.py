"""How the edition is cited: CSL-JSON items (:mod:`.items`), the APA and Chicago forms that a CSL
processor renders from them (:mod:`.styles`), and the citation files written from them
(:mod:`.formats`: BibTeX, RIS, CSL-JSON).

The built site holds the files under ``cite/``: ``book.bib``, ``book.ris`` and ``book.json`` for
the edition, and the same three for each part that has a cite line (quotation, figure, claim,
event, numbered chapter), named by its anchor
(``cite/quote-<id>.ris``). :func:`files` gives their names and text.
"""

from __future__ import annotations

from ..project import Project
from .formats import bibtex, csl_json, ris
from .items import BOOK_KEY, Part, book_item, nocase, part_item, plain_title
from .styles import STYLES, render, segments

FOLDER = "cite"
FORMATS = {"bib": ("BibTeX", bibtex), "ris": ("RIS", ris), "json": ("CSL-JSON", csl_json)}
BOOK_FILE = "book"

__all__ = [
    "BOOK_KEY", "FOLDER", "FORMATS", "Part", "STYLES", "book_item", "file_names", "files", "nocase", "part_item",
    "plain_title", "render", "segments",
]  # fmt: skip


def file_names(stem: str) -> dict[str, str]:
    """The citation files of one item, under the site's root: {label: path}."""
    return {label: f"{FOLDER}/{stem}.{ext}" for ext, (label, _) in FORMATS.items()}


def files(project: Project, parts: list[Part]) -> dict[str, str]:
    """Every citation file of the site, {path under the site: text}: the book's, and each part's."""
    book = book_item(project)
    out = {}
    for stem, item in [(BOOK_FILE, book), *((p.anchor, part_item(project, p, book)) for p in parts)]:
        for ext, (_, write) in FORMATS.items():
            out[f"{FOLDER}/{stem}.{ext}"] = write([item])
    return out
