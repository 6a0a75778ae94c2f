"""The edition's citations as CSL-JSON items: the one source from which the How to cite page, the
cite lines, the PDF's imprint and the citation files (BibTeX, RIS, CSL-JSON) are all made.

The book is an item of type ``book``; a quotation, a figure, a claim, an event or a numbered
chapter is a part of it (type ``chapter``, the book its ``container-title``), at its stable
anchor. Title, authors and the relation to the brief come from CITATION.cff; the version from ``VERSION``; the date from CITATION.cff's
``date-released`` once released, else the edition's date (the last commit); the address and DOI
from :attr:`Project.base_url` and :attr:`Project.doi`, and only when they are set: nothing is
invented while they are not.

An edition in another language (the project's ``language``, the Arabic) is cited as itself: its
title and the authors' collective name in its language (the catalog ``briefbook.po``), the item's
``language``, its ``edition`` ("الطبعة العربية"), and the note on the brief in its language; its
forms are rendered in that language's CSL locale (:mod:`.styles`).

Words taken from the data (a speaker's name, a quotation's first words) stand in a
``<span class="nocase">`` in a title, CSL-JSON's mark for words that a style must not re-case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .. import edition, i18n
from ..i18n import N_
from ..project import Project

BOOK_KEY = "muqawama_study_edition"  # the book's BibTeX key and CSL id, as the How to cite page has always given it
# The name of each translated edition, for its citations (its ``edition``).
EDITIONS = {"ar": N_("Arabic edition")}
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


def authors(cff: dict, project: Project | None = None) -> list[dict]:
    out = []
    for person in edition.cff_authors(cff):
        if person.get("name"):  # a collective's name, in the edition's language
            out.append({"literal": translated(person["name"], project)})
        else:
            out.append({k: v for k, v in (("family", person.get("family-names")),
                                          ("given", person.get("given-names"))) if v})  # fmt: skip
    return out


def words(text: str, project: Project | None) -> str:
    """The edition's own words (a title, a name) in the project's language, from its catalog."""
    if project is None or project.language == i18n.SOURCE:
        return text
    return i18n.gettext(text, project.language, project.root)


# The same, for words that are not a literal (a value of CITATION.cff or of the brief's record): a
# name the message extractor does not read, so that it never takes a subscript's key for a message.
translated = words


def translated_note(project: Project) -> str:
    """The note on the brief, in the edition's language; its title stays the brief's, in English."""
    from .. import edition as ed
    from ..i18n.dates import long_date

    brief = ed.BRIEF
    day = date(2021, 7, 9)
    return words("Study edition of {authors}, {title} ({publisher}, {date})", project).format(
        authors=translated(brief["authors"], project), title=f"“{brief['title']}”",
        publisher=translated(brief["publisher"], project), date=long_date(day, project.language),
    )  # fmt: skip


def book_item(project: Project) -> dict:
    """The edition as a CSL-JSON item (in the project's language)."""
    cff = edition.load_cff(project.root)
    pref = cff.get("preferred-citation", cff)
    when = issued(project)
    item = {
        "id": BOOK_KEY,
        "type": "book",
        "title": translated(pref.get("title", cff["title"]), project),
        "author": authors(cff, project),
        "version": project.version,
        "issued": {"date-parts": [[when.year, when.month, when.day]]},
    }
    note = " ".join(str(pref.get("notes", "")).split())
    if project.language != i18n.SOURCE:
        item["language"] = project.language
        if project.language in EDITIONS:
            item["edition"] = translated(EDITIONS[project.language], project)
        note = translated_note(project) if note else note
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
        **{k: book[k] for k in ("language", "edition") if k in book},
    }
    address = part.url(project) if url is None else url
    if address:
        item["URL"] = address
    return item
