"""schema.org JSON-LD, one script a page: the Book and the Dataset (landing page), a Chapter, a
WebPage (search, index), and a Quotation for each quotation shown (its speaker, never a licence)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..edition import Author, EditionFacts
from . import Page, download, href, licence_url

CONTEXT = "https://schema.org"
# The brief, stated once per page and pointed to by a document-local (blank node) identifier.
BRIEF = {"@id": "_:brief"}
# An actor's kind (data/actors.csv) as a schema.org type; "unknown" has none.
AGENT_TYPES = {"person": "Person", "group": "Organization", "committee": "Organization",
               "umbrella": "Organization", "collective": "Organization", "outlet": "Organization",
               "state": "Organization"}  # fmt: skip


@dataclass(frozen=True)
class Quoted:
    anchor: str  # its id on the page: quote-<id>
    canonical: str  # the site-relative address of its citable anchor (the register's row)
    text: str  # as the brief prints it: briefbook.markup.words of the data's text
    date: str  # ISO
    speaker: str  # the speaker's name (data/actors.csv)
    kind: str  # the speaker's kind (data/actors.csv)
    cites: str = ""  # the text the passage cites (data/quotations.csv cites), if any


def agent(author: Author) -> dict:
    if not author.family:
        return {"@type": "Organization", "name": author.name}
    return {"@type": "Person", "name": author.name, "familyName": author.family} | (
        {"givenName": author.given} if author.given else {})  # fmt: skip


def one_or_many(values: list) -> dict:
    return {"license": values if len(values) > 1 else values[0]} if values else {}


def book_ref(ed: EditionFacts, page: Page) -> dict:
    url = href(ed, "", page.target)
    return {"@type": "Book", "@id": url, "name": ed._(ed.title), "version": ed.version, "url": url}


def _common(ed: EditionFacts) -> dict:
    return {"author": [agent(a) for a in ed.authors], "datePublished": ed.date.date().isoformat(),
            "inLanguage": ed.language, **one_or_many([licence_url(n) for n in ed.licences])}  # fmt: skip


def book(ed: EditionFacts, page: Page, chapters: list[Page]) -> dict:
    node = {
        **book_ref(ed, page), **_common(ed), "description": ed._(ed.abstract), "keywords": list(ed.keywords),
        "publisher": ed.publisher and {"@type": "Organization", "name": ed.publisher},
        "identifier": ed.doi and {"@type": "PropertyValue", "propertyID": "DOI", "value": ed.doi},
        "sameAs": ed.doi and f"https://doi.org/{ed.doi}",
        "encoding": {"@type": "MediaObject", "encodingFormat": "application/pdf",
                     "contentUrl": href(ed, download(ed, "pdf"), page.target)},
        "hasPart": [{"@type": "Chapter", "@id": (url := href(ed, c.target, page.target)), "name": c.title,
                     "url": url} for c in chapters],
        "isBasedOn": BRIEF,
    }  # fmt: skip
    return {k: v for k, v in node.items() if v or k == "hasPart"}


def chapter(ed: EditionFacts, page: Page) -> dict:
    return web_page(ed, page) | {"@type": "Chapter"} | _common(ed)


def web_page(ed: EditionFacts, page: Page) -> dict:
    url = href(ed, page.target, page.target)
    return {"@type": "WebPage", "@id": url, "name": page.title, "url": url, "isPartOf": book_ref(ed, page)}


def dataset(ed: EditionFacts, page: Page, descriptor: dict, files: dict[str, str], about: str) -> dict:
    """The data package (``descriptor``); ``files``: the served files' addresses by name; ``about``: its page."""

    def file(name: str, fmt: str, url: str, description: str | None = None) -> dict:
        return {"@type": "DataDownload", "name": name, **({} if description is None else {"description": description}),
                "encodingFormat": fmt, "contentUrl": href(ed, url, page.target)}  # fmt: skip

    # The package's own licences (a Frictionless descriptor's ``licenses``), else the edition's.
    named = [lic.get("path") or licence_url(lic["name"]) for lic in descriptor.get("licenses") or ()
             if lic.get("path") or lic.get("name")]  # fmt: skip
    parts = [file("The data package (zip)", "application/zip", download(ed, "data"))]
    parts += [file(r.get("title") or r["name"], "text/csv", files[r["path"]], r.get("description", ""))
              for r in descriptor.get("resources", ()) if r.get("path") in files]  # fmt: skip
    if "datapackage.json" in files:
        parts.append(
            file("Table Schema of the tables (datapackage.json)", "application/json", files["datapackage.json"])
        )
    return {"@type": "Dataset", "name": descriptor.get("title") or descriptor["name"],
            "description": descriptor.get("description", ""), "version": str(descriptor.get("version", ed.version)),
            "url": href(ed, about, page.target), "creator": [agent(a) for a in ed.authors],
            "isPartOf": {"@id": href(ed, "", page.target)},
            **one_or_many(named or [licence_url(n) for n in ed.licences]), "distribution": parts}  # fmt: skip


def quotation(ed: EditionFacts, page: Page, q: Quoted) -> dict:
    node = {"@type": "Quotation", "@id": href(ed, q.canonical, page.target),
            "url": href(ed, f"{page.target}#{q.anchor}", page.target), "text": q.text, "dateCreated": q.date}  # fmt: skip
    if q.cites:  # a cited text (a verse in a published translation): not the speaker's own words
        node["isBasedOn"] = {"@type": "CreativeWork", "name": q.cites}
    elif q.kind in AGENT_TYPES:
        node["spokenByCharacter"] = {"@type": AGENT_TYPES[q.kind], "name": q.speaker}
    return node | {"isPartOf": {"@id": href(ed, "", page.target)}, "citation": BRIEF}


def document(ed: EditionFacts, nodes: list[dict]) -> dict:
    if not any(BRIEF in (node.get("isBasedOn"), node.get("citation")) for node in nodes):
        return {"@context": CONTEXT, "@graph": nodes}
    b = ed.brief
    return {"@context": CONTEXT, "@graph": [*nodes, BRIEF | {
        "@type": "Report", "name": b.title, "author": [{"@type": "Person", "name": n} for n in b.authors],
        "publisher": {"@type": "Organization", "name": b.publisher}, "datePublished": b.date.isoformat(),
        "isPartOf": {"@type": "CreativeWorkSeries", "name": b.series}}]}  # fmt: skip


def script(doc: dict) -> str:
    """The JSON-LD as a ``<script>``, ``<``, ``>`` and ``&`` escaped so no data can end it."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'
