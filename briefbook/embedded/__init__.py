"""A page's embedded metadata: Highwire, PRISM and Dublin Core (:mod:`.tags`) and JSON-LD (:mod:`.jsonld`),
from :class:`briefbook.edition.EditionFacts` in the page's language. Without the book's address no
address is made up: absolute-only tags are left out, JSON-LD is page-relative."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..edition import EditionFacts
from ..licence import LICENCES
from ..project import download_names

CC = {"CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/"} | {lic.spdx: lic.url for lic in LICENCES}


def licence_url(spdx: str) -> str:
    """A licence's address by SPDX identifier: the book's own, else the CC deed, else the SPDX List's page."""
    parts = spdx.split("-")
    if spdx not in CC and parts[0] == "CC" and len(parts) >= 3 and all(p.isalpha() for p in parts[1:-1]):
        return f"https://creativecommons.org/licenses/{'-'.join(parts[1:-1]).lower()}/{parts[-1]}/"
    return CC.get(spdx) or f"https://spdx.org/licenses/{spdx}.html"


def download(ed: EditionFacts, kind: str) -> str:
    """The site-relative address of a download ("pdf", "data") of the edition."""
    return download_names(ed.version, ed.language)[kind]


def href(ed: EditionFacts, target: str, page: str) -> str:
    """``target`` (site-relative, "" for the root) as written on ``page``: absolute, else relative."""
    if ed.base_url():
        return ed.base_url() + target
    path, _, fragment = target.partition("#")
    rel = posixpath.relpath(path or ".", posixpath.dirname(page) or ".")
    if not path:  # the root folder: "./" from the landing page, "../" from a chapter
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def absolute(ed: EditionFacts, target: str) -> str:
    """An absolute address, or "" while the book has none."""
    return ed.base_url() + target if ed.base_url() else ""


@dataclass(frozen=True)
class Page:
    target: str  # its site-relative path: "index.html", "chapters/overview.html"
    title: str  # its own title, as plain text
    kind: str  # "book": the landing page; "chapter": any other page of the table of contents;
    #            "page": a page of the site outside the book proper (search, general index)

    def work_title(self, ed: EditionFacts) -> str:
        return self.title if self.kind == "chapter" else ed._(ed.title)
