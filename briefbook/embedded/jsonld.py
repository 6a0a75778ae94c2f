"""schema.org JSON-LD, one script a page: the Book and the Dataset (landing page), a Chapter, a
WebPage (search, index), and a Quotation for each quotation shown (its speaker, never a licence)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import Author, Edition, Page, licence_url

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
    if author.family:
        node = {"@type": "Person", "name": author.name, "familyName": author.family}
        return node | ({"givenName": author.given} if author.given else {})
    return {"@type": "Organization", "name": author.name}


def brief(ed: Edition) -> dict:
    facts = ed.brief
    return BRIEF | {
        "@type": "Report", "name": facts.title, "author": [{"@type": "Person", "name": n} for n in facts.authors],
        "publisher": {"@type": "Organization", "name": facts.publisher}, "datePublished": facts.date.isoformat(),
        "isPartOf": {"@type": "CreativeWorkSeries", "name": facts.series},
    }  # fmt: skip


def book_ref(ed: Edition, page: Page) -> dict:
    url = ed.href("", page.target)
    return {"@type": "Book", "@id": url, "name": ed.title, "version": ed.version, "url": url}


def _common(ed: Edition) -> dict:
    node = {"author": [agent(a) for a in ed.authors], "datePublished": ed.date.isoformat(), "inLanguage": ed.language}
    if ed.licences:
        node["license"] = ed.licence_urls if len(ed.licences) > 1 else ed.licence_urls[0]
    return node


def book(ed: Edition, page: Page, chapters: list[Page]) -> dict:
    node = book_ref(ed, page) | _common(ed)
    node |= {k: v for k, v in (("description", ed.description), ("keywords", list(ed.keywords))) if v}
    if ed.publisher:
        node["publisher"] = {"@type": "Organization", "name": ed.publisher}
    if ed.doi:
        node["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": ed.doi}
        node["sameAs"] = f"https://doi.org/{ed.doi}"
    node["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf",
                        "contentUrl": ed.href(ed.pdf, page.target)}  # fmt: skip
    node["hasPart"] = [
        {"@type": "Chapter", "@id": (url := ed.href(c.target, page.target)), "name": c.title, "url": url}
        for c in chapters
    ]
    node["isBasedOn"] = BRIEF
    return node


def chapter(ed: Edition, page: Page) -> dict:
    return web_page(ed, page) | {"@type": "Chapter"} | _common(ed)


def web_page(ed: Edition, page: Page) -> dict:
    url = ed.href(page.target, page.target)
    return {"@type": "WebPage", "@id": url, "name": page.title, "url": url, "isPartOf": book_ref(ed, page)}


def dataset(ed: Edition, page: Page, descriptor: dict, files: dict[str, str], about: str) -> dict:
    """The data package (``descriptor``); ``files``: the served files' addresses by name; ``about``: its page."""
    href = ed.href
    node = {
        "@type": "Dataset",
        "name": descriptor.get("title") or descriptor["name"],
        "description": descriptor.get("description", ""),
        "version": str(descriptor.get("version", ed.version)),
        "url": href(about, page.target),
        "creator": [agent(a) for a in ed.authors],
        "isPartOf": {"@id": href("", page.target)},
    }
    # The package's own licences (a Frictionless descriptor's ``licenses``), else the edition's.
    named = descriptor.get("licenses") or ()
    licences = [lic.get("path") or licence_url(lic["name"]) for lic in named if lic.get("path") or lic.get("name")]
    licences = licences or ed.licence_urls
    if licences:
        node["license"] = licences if len(licences) > 1 else licences[0]
    parts = [{"@type": "DataDownload", "name": "The data package (zip)", "encodingFormat": "application/zip",
              "contentUrl": href(ed.data_zip, page.target)}]  # fmt: skip
    for resource in descriptor.get("resources", ()):
        if resource.get("path") in files:
            parts.append({"@type": "DataDownload", "name": resource.get("title") or resource["name"],
                          "description": resource.get("description", ""), "encodingFormat": "text/csv",
                          "contentUrl": href(files[resource["path"]], page.target)})  # fmt: skip
    if "datapackage.json" in files:
        parts.append({"@type": "DataDownload", "name": "Table Schema of the tables (datapackage.json)",
                      "encodingFormat": "application/json",
                      "contentUrl": href(files["datapackage.json"], page.target)})  # fmt: skip
    node["distribution"] = parts
    return node


def quotation(ed: Edition, page: Page, q: Quoted) -> dict:
    node = {
        "@type": "Quotation",
        "@id": ed.href(q.canonical, page.target),
        "url": ed.href(f"{page.target}#{q.anchor}", page.target),
        "text": q.text,
        "dateCreated": q.date,
    }
    if q.cites:  # a cited text (a verse in a published translation): not the speaker's own words
        node["isBasedOn"] = {"@type": "CreativeWork", "name": q.cites}
    elif q.kind in AGENT_TYPES:
        node["spokenByCharacter"] = {"@type": AGENT_TYPES[q.kind], "name": q.speaker}
    node["isPartOf"] = {"@id": ed.href("", page.target)}
    node["citation"] = BRIEF
    return node


def document(ed: Edition, nodes: list[dict]) -> dict:
    cites = any(BRIEF in (node.get("isBasedOn"), node.get("citation")) for node in nodes)
    return {"@context": CONTEXT, "@graph": nodes + ([brief(ed)] if cites else [])}


def script(doc: dict) -> str:
    """The JSON-LD as a ``<script>``, ``<``, ``>`` and ``&`` escaped so no data can end it."""
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'
