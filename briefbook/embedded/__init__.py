"""A page's embedded metadata: Highwire, PRISM and Dublin Core (:mod:`.tags`) and JSON-LD (:mod:`.jsonld`).
Without the book's address no address is made up: absolute-only tags are left out, JSON-LD is page-relative."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date

from ..edition import Author, Brief, EditionFacts
from ..licence import LICENCES

CC = {"CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/"}


def licence_url(spdx: str) -> str:
    """A licence's address by SPDX identifier: the book's own, else the CC deed, else the SPDX List's page."""
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
class Edition:
    title: str
    authors: tuple[Author, ...]
    version: str
    date: date  # the edition's one date (EditionFacts.date)
    language: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    licences: tuple[str, ...] = ()  # SPDX identifiers from CITATION.cff's ``license``, if any
    publisher: str = ""  # only if CITATION.cff names one: nobody has told us of a publisher
    base_url: str = ""  # the book's public address, ending in "/", or "" while unset
    doi: str = ""
    pdf: str = ""  # site-relative paths of the downloads
    data_zip: str = ""

    brief: Brief | None = None

    @classmethod
    def of(cls, facts: EditionFacts, language: str, pdf: str = "", data_zip: str = "") -> Edition:
        return cls(title=facts._(facts.title, language), authors=facts.authors, version=facts.version,
                   date=facts.date.date(), language=language, description=facts._(facts.abstract, language),
                   keywords=facts.keywords, licences=facts.licences, publisher=facts.publisher,
                   base_url=facts.base_url(language), doi=facts.doi, pdf=pdf, data_zip=data_zip, brief=facts.brief)  # fmt: skip

    @property
    def licence_urls(self) -> list[str]:
        return [licence_url(spdx) for spdx in self.licences]

    def href(self, target: str, page: str) -> str:
        """``target`` (site-relative, "" for the root) as written on ``page``: absolute, else relative."""
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
        """An absolute address, or "" while the book has none."""
        return self.base_url + target if self.base_url else ""


@dataclass(frozen=True)
class Page:
    target: str  # its site-relative path: "index.html", "chapters/overview.html"
    title: str  # its own title, as plain text
    kind: str  # "book": the landing page; "chapter": any other page of the table of contents;
    #            "page": a page of the site outside the book proper (search, general index)

    @property
    def is_chapter(self) -> bool:
        return self.kind == "chapter"

    def work_title(self, ed: Edition) -> str:
        return self.title if self.is_chapter else ed.title
