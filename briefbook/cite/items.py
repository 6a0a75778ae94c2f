"""The edition's citations as CSL-JSON items: the one source from which the How to cite page, the
cite lines, the PDF's imprint and the citation files (BibTeX, RIS, CSL-JSON) are all made.

The book is an item of type ``book``; a quotation, a figure, a claim, an event or a numbered
chapter is a part of it (type ``chapter``, the book its ``container-title``), at its stable
anchor. Title, authors and the relation to the brief come from CITATION.cff; the version from ``VERSION``; the date from CITATION.cff's
``date-released`` once released, else the edition's date (the last commit); the address and DOI
from :attr:`Project.base_url` and :attr:`Project.doi`, and only when they are set: nothing is
invented while they are not.

Words taken from the data (a speaker's name, a quotation's first words) stand in a
``<span class="nocase">`` in a title, CSL-JSON's mark for words that a style must not re-case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .. import edition
from ..project import Project

BOOK_KEY = "muqawama_study_edition"  # the book's BibTeX key and CSL id, as the How to cite page has always given it
NOCASE = re.compile(r'<span class="nocase">(.*?)</span>', re.S)


def nocase(words: str) -> str:
    """Words a style must print as written (CSL-JSON's rich-text mark). Words that hold the mark's
    own tags cannot be marked, and stay as they are."""
    return words if "<span" in words.lower() or "</span>" in words.lower() else f'<span class="nocase">{words}</span>'


def title_pieces(title: str) -> list[tuple[str, bool]]:
    """A CSL title as (text, kept as written) pieces, its marks removed."""
    pieces, last = [], 0
    for match in NOCASE.finditer(title):
        pieces += [(title[last : match.start()], False), (match.group(1), True)]
        last = match.end()
    return [(text, kept) for text, kept in [*pieces, (title[last:], False)] if text]


def plain_title(title: str) -> str:
    return "".join(text for text, _ in title_pieces(title))


@dataclass(frozen=True)
class Part:
    """A citable part of the book: its anchor, the page (docname) that holds it, and its title in
    words (CSL markup allowed, see :func:`nocase`)."""

    anchor: str
    page: str
    title: str

    def path(self) -> str:
        return f"{self.page}.html#{self.anchor}"

    def url(self, project: Project) -> str:
        """The part's absolute address, or "" while the book's address is unset."""
        return project.base_url + self.path() if project.base_url else ""


def issued(project: Project) -> date:
    """The date of this version: CITATION.cff's ``date-released`` once released, else the edition's date."""
    released = edition.load_cff(project.root).get("date-released")
    if released:
        return released if isinstance(released, date) else date.fromisoformat(str(released))
    return edition.edition_date(project.root).date()


def authors(cff: dict) -> list[dict]:
    out = []
    for person in edition.cff_authors(cff):
        if person.get("name"):
            out.append({"literal": person["name"]})
        else:
            out.append({k: v for k, v in (("family", person.get("family-names")),
                                          ("given", person.get("given-names"))) if v})  # fmt: skip
    return out


def book_item(project: Project) -> dict:
    """The edition as a CSL-JSON item."""
    cff = edition.load_cff(project.root)
    pref = cff.get("preferred-citation", cff)
    when = issued(project)
    item = {
        "id": BOOK_KEY,
        "type": "book",
        "title": pref.get("title", cff["title"]),
        "author": authors(cff),
        "version": project.version,
        "issued": {"date-parts": [[when.year, when.month, when.day]]},
    }
    note = " ".join(str(pref.get("notes", "")).split())
    if note:
        item["note"] = note
    if project.base_url:
        item["URL"] = project.base_url
    if project.doi:
        item["DOI"] = project.doi
    return item


def part_item(project: Project, part: Part, book: dict | None = None, url: str | None = None) -> dict:
    """One part of the book (a quotation, figure, claim, event or chapter) as a CSL-JSON item. ``url`` overrides its
    address (a page shows the relative path while the book's address is unset; files do not)."""
    book = book or book_item(project)
    item = {
        "id": part.anchor,
        "type": "chapter",
        "title": part.title,
        "container-title": book["title"],
        "author": book["author"],
        "version": book["version"],
        "issued": book["issued"],
    }
    address = part.url(project) if url is None else url
    if address:
        item["URL"] = address
    return item
