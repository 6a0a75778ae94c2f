"""Embedded metadata: what reference managers (Zotero, Mendeley), scholarly search engines
(Google Scholar) and link previews read from a page's ``<head>``.

- :class:`Edition`: the edition's facts, read from CITATION.cff, VERSION, the last commit and the
  project's address and DOI (:class:`briefbook.project.Project`), nothing else;
- :mod:`.tags`: Highwire Press ``citation_*``, PRISM and Dublin Core ``<meta>`` tags;
- :mod:`.jsonld`: schema.org JSON-LD (the Book, its chapters, the data package as a Dataset,
  the quotations, the brief the edition is based on).

Everything here is pure: facts in, text out. The Sphinx extension puts it on the pages
(:mod:`briefbook.sphinx.metadata`); OpenGraph comes from sphinxext-opengraph.

Addresses follow one rule (:meth:`Edition.href`). With the book's address set, every URL is
absolute. Without it, no address is made up: tags whose standard asks for an absolute URL
(``citation_pdf_url``, ``og:url``) are left out, and JSON-LD, whose standard resolves relative
IRIs against the page's own address (JSON-LD 1.1, section 4.1.2, "the document base"), carries
page-relative ones.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date

from .. import edition, i18n
from ..project import Project

# SPDX identifiers of the Creative Commons licences, and the licences' own addresses.
CC = {"CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/"}


def licence_url(spdx: str) -> str:
    """The canonical address of a licence named by its SPDX identifier: the address the book gives
    for its own licences (:data:`briefbook.licence.LICENCES`), else the Creative Commons deed for a
    CC licence (``CC-BY-4.0`` → ``…/licenses/by/4.0/``), else the licence's page on the SPDX License
    List, which the SPDX specification makes the reference for each identifier."""
    from ..licence import LICENCES

    own = {lic.spdx: lic.url for lic in LICENCES}
    if spdx in own:
        return own[spdx]
    if spdx in CC:
        return CC[spdx]
    parts = spdx.split("-")
    if parts[0] == "CC" and len(parts) >= 3 and all(p.isalpha() for p in parts[1:-1]):
        return f"https://creativecommons.org/licenses/{'-'.join(parts[1:-1]).lower()}/{parts[-1]}/"
    return f"https://spdx.org/licenses/{spdx}.html"


@dataclass(frozen=True)
class Author:
    """An author as CITATION.cff gives one: a person (given and family names) or an entity (name)."""

    name: str
    given: str = ""
    family: str = ""

    @classmethod
    def from_cff(cls, entry: dict) -> Author:
        given, family = str(entry.get("given-names") or ""), str(entry.get("family-names") or "")
        name = str(entry.get("name") or f"{given} {family}".strip())
        return cls(name, given, family)

    @property
    def is_person(self) -> bool:
        return bool(self.family)

    @property
    def inverted(self) -> str:
        """'Family, Given' for a person (how Highwire readers split names safely), else the name."""
        return f"{self.family}, {self.given}" if self.family and self.given else self.name


@dataclass(frozen=True)
class Edition:
    """The edition's facts as the pages' metadata state them."""

    title: str
    authors: tuple[Author, ...]
    version: str
    date: date  # of the last commit (or SOURCE_DATE_EPOCH): :func:`briefbook.edition.edition_date`
    language: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()  # SPDX identifiers from CITATION.cff's ``license``, if any
    publisher: str = ""  # only if CITATION.cff names one: nobody has told us of a publisher
    base_url: str = ""  # the book's public address, ending in "/", or "" while unset
    doi: str = ""
    pdf: str = ""  # site-relative paths of the downloads (Project.download_names)
    data_zip: str = ""

    @classmethod
    def read(cls, project: Project, language: str) -> Edition:
        cff = edition.load_cff(project.root)
        pref = cff.get("preferred-citation") or {}
        publisher = pref.get("publisher") or {}
        names = project.download_names(language)

        def translated(text: str) -> str:  # the title and description in the edition's language (briefbook.po)
            return i18n.gettext(text, language, project.root)

        return cls(
            title=translated(str(pref.get("title") or cff["title"])),
            authors=tuple(Author.from_cff(a) for a in edition.cff_authors(cff)),
            version=project.version,
            date=edition.edition_date(project.root).date(),
            language=language,
            description=translated(" ".join(str(cff.get("abstract") or "").split())),
            keywords=tuple(str(k) for k in cff.get("keywords") or ()),
            licences=tuple(edition.cff_licences(cff)),
            publisher=str(publisher.get("name") or "") if isinstance(publisher, dict) else str(publisher),
            base_url=project.base_url,
            doi=project.doi,
            pdf=names["pdf"],
            data_zip=names["data"],
        )

    @property
    def licence_urls(self) -> list[str]:
        return [licence_url(spdx) for spdx in self.licences]

    def href(self, target: str, page: str) -> str:
        """The address of ``target`` (a site-relative path such as ``chapters/overview.html``, or ""
        for the book's root) as written on ``page`` (the page's own site-relative path): absolute
        with the book's address, else relative to the page."""
        if self.base_url:
            return self.base_url + target
        path, _, fragment = target.partition("#")
        here = posixpath.dirname(page) or "."
        if path:
            rel = posixpath.relpath(path, here)
        else:  # the root folder: "./" from the landing page, "../" from a chapter
            rel = posixpath.relpath(".", here)
            rel = "./" if rel == "." else rel + "/"
        return rel + (f"#{fragment}" if fragment else "")

    def absolute(self, target: str) -> str:
        """An absolute address, or "" while the book has none (for tags that must be absolute)."""
        return self.base_url + target if self.base_url else ""


@dataclass(frozen=True)
class Page:
    """One HTML page of the book, as its metadata describe it."""

    target: str  # its site-relative path: "index.html", "chapters/overview.html"
    title: str  # its own title, as plain text
    kind: str  # "book": the landing page; "chapter": any other page of the table of contents;
    #            "page": a page of the site outside the book proper (search, general index)

    @property
    def is_chapter(self) -> bool:
        return self.kind == "chapter"

    def work_title(self, ed: Edition) -> str:
        """The title of the work the page presents: its chapter, or else the book."""
        return self.title if self.is_chapter else ed.title
