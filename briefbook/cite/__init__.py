"""How the edition is cited: CSL-JSON items from :class:`briefbook.edition.EditionFacts` (the book a
``book``, each citable part a ``chapter`` at its anchor), rendered by :mod:`.styles`, written by :mod:`.formats`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..edition import EditionFacts
from ..i18n import N_, SOURCE
from ..i18n.dates import long_date
from .formats import FORMATS
from .styles import STYLES, render, segments  # noqa: F401

FOLDER, BOOK_FILE = "cite", "book"
BOOK_KEY = "muqawama_study_edition"  # the book's BibTeX key and CSL id, as the How to cite page has always given it
EDITIONS = {"ar": N_("Arabic edition")}  # a translated edition's name (its CSL ``edition``)


@dataclass(frozen=True)
class Part:
    anchor: str
    page: str
    title: str

    def path(self) -> str:
        return f"{self.page}.html#{self.anchor}"


def book_item(facts: EditionFacts, language: str = SOURCE) -> dict:
    """The edition in ``language`` as a CSL-JSON item."""
    when = facts.date
    item = {
        "id": BOOK_KEY, "type": "book", "title": facts._(facts.title, language),
        "author": [{"literal": facts._(a.name, language)} if not a.family else
                   {k: v for k, v in (("family", a.family), ("given", a.given)) if v} for a in facts.authors],
        "version": facts.version, "issued": {"date-parts": [[when.year, when.month, when.day]]},
    }  # fmt: skip
    note = facts.notes
    if language != SOURCE:
        item["language"] = language
        if language in EDITIONS:
            item["edition"] = facts._(EDITIONS[language], language)
        brief = facts.brief
        note = note and facts._("Study edition of {authors}, {title} ({publisher}, {date})", language).format(
            authors=facts._(brief.names, language), title=f"“{brief.title}”",
            publisher=facts._(brief.publisher, language), date=long_date(brief.date, language))  # fmt: skip
    if note:
        item["note"] = note
    if url := facts.base_url(language):
        item["URL"] = url
    if facts.doi:
        item["DOI"] = facts.doi
    return item


def part_item(book: dict, part: Part, url: str) -> dict:
    """A part of ``book`` (its CSL-JSON item) at ``url`` ("" for none)."""
    keys = ("author", "version", "issued", "language", "edition")
    item = {"id": part.anchor, "type": "chapter", "title": part.title, "container-title": book["title"],
            **{k: book[k] for k in keys if k in book}}  # fmt: skip
    return item | ({"URL": url} if url else {})


def item_addresses(item: dict) -> re.Pattern | None:
    """A pattern splitting a rendered form at the item's own addresses (URL, DOI), never the data's."""
    own = [str(item["URL"])] if item.get("URL") else []
    own += [f"https://doi.org/{item['DOI']}", str(item["DOI"])] if item.get("DOI") else []
    own = sorted(set(own), key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, own)) + ")") if own else None


def file_names(stem: str) -> dict[str, str]:
    """The citation files of one item, under the site's root: {label: path}."""
    return {label: f"{FOLDER}/{stem}.{ext}" for ext, (label, _) in FORMATS.items()}


def files(facts: EditionFacts, parts: list[Part], language: str = SOURCE) -> dict[str, str]:
    """Every citation file of one edition's site, {path: text}: the book's, and each part's."""
    book, base = book_item(facts, language), facts.base_url(language)
    items = [(BOOK_FILE, book), *((p.anchor, part_item(book, p, base and base + p.path())) for p in parts)]
    return {f"{FOLDER}/{stem}.{ext}": write(item) for stem, item in items for ext, (_, write) in FORMATS.items()}
