"""Machine-readable citation on every HTML page: Highwire Press, PRISM and Dublin Core tags (the DOI names the book
only), schema.org JSON-LD and OpenGraph (no image; written by ``layout.html``). Without the book's address none is
made up: absolute-only tags are left out, JSON-LD is page-relative."""

import json
import posixpath
import re
from collections import namedtuple
from collections.abc import Iterator
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.util.osutil import relative_uri

from ..edition import EditionFacts
from ..markup import words
from ..package import read_package
from ..project import download_names
from .project import dataset, is_site, project_of

CC, CONTEXT = "https://creativecommons.org/", "https://schema.org"
DESCRIPTION_LENGTH = 200  # OpenGraph's description: the page's first words, as link previews show them
BRIEF = {"@id": "_:brief"}  # the brief, stated once per page, by a document-local (blank node) identifier
AGENT_TYPES = {"person": "Person", "unknown": ""}  # an actor's kind as a schema.org type: any other an Organization
SCHEMAS = {"DC": "http://purl.org/dc/elements/1.1/", "prism": "http://prismstandard.org/namespaces/basic/2.0/"}


# A page: its site-relative path, its title as text, its kind: "book" (the landing page), "chapter" (in the
# table of contents) or "page". A quotation: its id on the page, its citable anchor's site-relative address (the
# register's row), its text as the brief prints it, its ISO date, its speaker and their kind, the text it cites.
Page = namedtuple("Page", "target title kind")
Quoted = namedtuple("Quoted", "anchor canonical text date speaker kind cites", defaults=("",))


def licence_url(spdx: str, ed: EditionFacts | None = None) -> str:
    """A licence's address by SPDX identifier: the book's own (``ed``'s), else the CC deed, else the SPDX List's."""
    known = {lic.spdx: lic.url for lic in (ed.rights if ed else ())} | {"CC0-1.0": CC + "publicdomain/zero/1.0/"}
    cc = re.fullmatch(r"CC-([A-Za-z]+(?:-[A-Za-z]+)*)-([^-]+)", spdx)
    return known.get(spdx, f"{CC}licenses/{cc[1].lower()}/{cc[2]}/" if cc else f"https://spdx.org/licenses/{spdx}.html")


def href(ed: EditionFacts, target: str, page: str) -> str:
    """``target`` (site-relative, "" for the root) as written on ``page``: absolute, else relative."""
    path, _, fragment = target.partition("#")
    rel = relative_uri(page, path) or posixpath.basename(path)  # the page itself by its name
    return ed.base_url() + target if ed.base_url() else rel + (fragment and f"#{fragment}")


def tags(ed: EditionFacts, page: Page) -> list[tuple[str, str]]:
    """Highwire Press (with PRISM's edition) and Dublin Core tags: (name, content)."""
    book, base, pdf = page.kind != "chapter", ed.base_url(), download_names(ed.version, ed.language)["pdf"]
    title, authors, doi = ed._(ed.title) if book else page.title, [a.inverted for a in ed.authors], book and ed.doi
    found = [("citation_title", title), ("citation_inbook_title", "" if book else ed._(ed.title))]
    found += [*(("citation_author", a) for a in authors), ("citation_publication_date", f"{ed.date:%Y/%m/%d}")]
    found += [("citation_language", ed.language), ("citation_publisher", ed.publisher), ("citation_doi", doi)]
    found += [("citation_pdf_url", base and base + pdf), ("prism.edition", ed.version), ("DC.title", title)]
    found += [*(("DC.creator", a) for a in authors), ("DC.date", f"{ed.date:%Y-%m-%d}"), ("DC.language", ed.language)]
    found += [("DC.type", "Text"), ("DC.publisher", ed.publisher), ("DC.identifier", doi and f"https://doi.org/{doi}")]
    return [(name, value) for name, value in found if value] + [("DC.rights", licence_url(n, ed)) for n in ed.licences]


def meta_tags(ed: EditionFacts, page: Page) -> str:
    """The tags as HTML, every value escaped for its attribute."""
    schemas = "".join(f'<link rel="schema.{name}" href="{url}" />\n' for name, url in SCHEMAS.items())
    return schemas + "".join(f'<meta name="{escape(n)}" content="{escape(v)}" />\n' for n, v in tags(ed, page))


def common(ed: EditionFacts, licences: list | None = None, authors: str = "author") -> dict:
    """The ``authors`` and licences (the addresses ``licences``, else the edition's)."""
    urls, found = licences or [licence_url(n, ed) for n in ed.licences], []
    for a in ed.authors:
        person = {"@type": "Person", "name": a.name, "familyName": a.family, "givenName": a.given}
        found.append({k: v for k, v in person.items() if v} if a.family else {"@type": "Organization", "name": a.name})
    return {authors: found} | ({"license": urls if len(urls) > 1 else urls[0]} if urls else {})


def part(ed: EditionFacts, kind: str, name: str, target: str, page: str) -> dict:
    url = href(ed, target, page)
    return {"@type": kind, "@id": url, "name": name, "url": url}


def page_node(ed: EditionFacts, page: Page, chapters: list[Page] = ()) -> dict:
    """The landing page the Book (``chapters`` its parts); a chapter a Chapter of it, with the book's authors, date
    and licences; another page a WebPage of it."""
    book = part(ed, "Book", ed._(ed.title), "", page.target) | {"version": ed.version}
    dated = common(ed) | {"datePublished": ed.date.date().isoformat(), "inLanguage": ed.language}
    if page.kind != "book":
        node = part(ed, "WebPage", page.title, page.target, page.target) | {"isPartOf": book}
        return node | {"@type": "Chapter"} | dated if page.kind == "chapter" else node
    pdf = download_names(ed.version, ed.language)["pdf"]
    node = book | dated | {"description": ed._(ed.abstract), "keywords": list(ed.keywords)}
    node |= {"publisher": ed.publisher and {"@type": "Organization", "name": ed.publisher}}
    node |= {"identifier": ed.doi and {"@type": "PropertyValue", "propertyID": "DOI", "value": ed.doi}}
    pdf = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": href(ed, pdf, page.target)}
    node |= {"sameAs": ed.doi and f"https://doi.org/{ed.doi}", "encoding": pdf}
    node["hasPart"] = [part(ed, "Chapter", c.title, c.target, page.target) for c in chapters]
    return {k: v for k, v in node.items() if v or k == "hasPart"} | {"isBasedOn": BRIEF}


def data_package(ed: EditionFacts, page: Page, descriptor: dict, files: dict[str, str], about: str) -> dict:
    """The data package (``descriptor``); ``files``: the served files' addresses by name; ``about``: its page."""

    def file(name: str, fmt: str, url: str, description: str | None = None) -> dict:
        found = {"@type": "DataDownload", "name": name, "description": description, "encodingFormat": fmt}
        return {k: v for k, v in found.items() if v is not None} | {"contentUrl": href(ed, url, page.target)}

    tables = [r for r in descriptor.get("resources", ()) if r.get("path") in files]  # those the pages serve
    parts = [file("The data package (zip)", "application/zip", download_names(ed.version, ed.language)["data"])]
    parts += [file(r.get("title") or r["name"], "text/csv", files[r["path"]], r.get("description", "")) for r in tables]
    if "datapackage.json" in files:
        parts += [file("Table Schema of the tables (datapackage.json)", "application/json", files["datapackage.json"])]
    # The package's own licences (a Frictionless descriptor's ``licenses``: each a name or a path), else the edition's.
    own = [lic.get("path") or licence_url(lic["name"], ed) for lic in descriptor.get("licenses") or ()]
    node = {"@type": "Dataset", "name": descriptor.get("title") or descriptor["name"]}
    node |= {"description": descriptor.get("description", ""), "version": str(descriptor.get("version", ed.version))}
    node |= {"url": href(ed, about, page.target), "isPartOf": {"@id": href(ed, "", page.target)}}
    return node | common(ed, own, "creator") | {"distribution": parts}


def quotation(ed: EditionFacts, page: Page, q: Quoted) -> dict:
    node = {"@type": "Quotation", "@id": href(ed, q.canonical, page.target)}
    node |= {"url": href(ed, f"{page.target}#{q.anchor}", page.target), "text": q.text, "dateCreated": q.date}
    if q.cites:  # a cited text (a verse in a published translation): not the speaker's own words
        node["isBasedOn"] = {"@type": "CreativeWork", "name": q.cites}
    elif kind := AGENT_TYPES.get(q.kind, "Organization"):
        node["spokenByCharacter"] = {"@type": kind, "name": q.speaker}
    return node | {"isPartOf": {"@id": href(ed, "", page.target)}, "citation": BRIEF}


def script(ed: EditionFacts, graph: list[dict]) -> str:
    """The page's graph (the brief too if a node points to it) as a ``<script>``: ``<``, ``>``, ``&`` escaped."""
    if any(BRIEF in (node.get("isBasedOn"), node.get("citation")) for node in graph):
        b = ed.brief
        brief = {"@type": "Report", "name": b.title, "author": [{"@type": "Person", "name": n} for n in b.authors]}
        brief |= {"publisher": {"@type": "Organization", "name": b.publisher}, "datePublished": b.date.isoformat()}
        graph = [*graph, BRIEF | brief | {"isPartOf": {"@type": "CreativeWorkSeries", "name": b.series}}]
    text = json.dumps({"@context": CONTEXT, "@graph": graph}, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def note_sources(app, doctree) -> None:
    """``doctree-read``: every page depends on the edition's facts, the landing page on datapackage.json too."""
    project = project_of(app.env)
    landing = [project.descriptor] if app.env.docname == app.config.root_doc else []
    for path in (project.citation_file, project.version_file, project.config_file, *landing):
        app.env.note_dependency(str(path))


def toc_order(env, doc: str) -> list[str]:
    return list(dict.fromkeys(d for c in env.toctree_includes.get(doc, ()) for d in (c, *toc_order(env, c))))


def dataset_node(app, ed: EditionFacts, page: Page, pagename: str) -> list[dict]:
    """The data package, on the landing page and on the first page that offers all its files."""
    data_dir = project_of(app.env).data_dir.resolve()
    served = {s: v for s, v in app.env.dlfiles.items() if (Path(app.srcdir) / s).resolve().parent == data_dir}
    every = set.intersection(*(set(docs) for docs, _dest in served.values())) if served else set()
    about = next((d for d in toc_order(app.env, app.config.root_doc) if d in every), None)
    if page.kind != "book" and pagename != about:
        return []
    target = app.builder.get_target_uri(about) if about else page.target
    files = {posixpath.basename(source): "_downloads/" + dest for source, (_docs, dest) in served.items()}
    return [data_package(ed, page, read_package(data_dir).descriptor, files, target)]


def quotations_on(app, pagename: str) -> Iterator[Quoted]:
    data, uses, labels = dataset(app.env), app.env.get_domain("briefbook").uses, app.env.get_domain("std").anonlabels
    for q in data.frames["quotations"].itertuples() if "quotations" in data.frames else ():
        anchor = data.schema.anchor("quotations", q.id)
        label = labels.get(anchor)  # the register's row, the citable anchor (cite lines point to it)
        if (anchor, pagename) in uses or (label and label[0] == pagename):
            (doc, target), who = label or (pagename, anchor), data.row("actors", q.speaker)
            found = (words(q.text), q.date.date().isoformat(), str(who["name"]), str(who["kind"]), str(q.cites or ""))
            yield Quoted(anchor, f"{app.builder.get_target_uri(doc)}#{target}", *found)


def add_metadata(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: the tags and the JSON-LD in ``<head>``, OpenGraph for ``layout.html``."""
    if not is_site(app):  # EPUB readers take the package's metadata, not the pages'
        return
    env, ed, uri = app.env, app.config.briefbook_facts, app.builder.get_target_uri
    added = env.get_domain("std").labels.get(pagename, ("", "", ""))[2]  # a page Sphinx adds: search, general index
    title = env.titles[pagename].astext() if pagename in env.titles else str(added)
    kind = "book" if pagename == app.config.root_doc else "chapter" if pagename in env.found_docs else "page"
    page = Page(uri(pagename), title, kind)
    chapters = [Page(uri(d), env.titles[d].astext(), "chapter") for d in toc_order(env, pagename) if d in env.titles]
    found = [page_node(ed, page, chapters)]
    if kind != "page":
        found += dataset_node(app, ed, page, pagename)
        found += [quotation(ed, page, q) for q in quotations_on(app, pagename)]
    og = {"og:title": title, "og:type": "book" if kind == "book" else "article" if doctree is not None else "website"}
    og |= {"og:url": ed.base_url() and ed.base_url() + page.target, "og:site_name": ed._(ed.title)}
    if doctree is not None:  # the description: the page's paragraphs outside admonitions, cut for a link preview
        hiding = [n for cls in (nodes.Admonition, nodes.Invisible) for n in doctree.findall(cls)]
        hidden = {id(p) for n in hiding for p in n.findall(nodes.paragraph)}
        text = " ".join(" ".join(p.astext().split()) for p in doctree.findall(nodes.paragraph) if id(p) not in hidden)
        og["og:description"] = text[: DESCRIPTION_LENGTH - 3] + "..." if len(text) > DESCRIPTION_LENGTH else text
    context["briefbook_opengraph"] = og
    context["metatags"] = context.get("metatags", "") + meta_tags(ed, page) + script(ed, found)
