"""Machine-readable citation on every HTML page: Highwire, PRISM, Dublin Core and JSON-LD (:mod:`briefbook.embedded`),
and OpenGraph (no image; written by ``layout.html``)."""

from __future__ import annotations

import posixpath
import re
from html import unescape
from pathlib import Path

from docutils import nodes

from .. import embedded, ids
from ..edition import EditionFacts
from ..embedded import Page, Quoted
from ..markup import words
from ..package import read_package
from .project import dataset, edition_language, facts_of, is_site, project_of

DESCRIPTION_LENGTH = 200  # OpenGraph's description: the page's first words, as link previews show them


def note_sources(app, doctree) -> None:
    """``doctree-read``: pages depend on CITATION.cff, the landing page on datapackage.json."""
    project = project_of(app.env)
    app.env.note_dependency(str(project.citation_file))
    if app.env.docname == app.config.root_doc:
        app.env.note_dependency(str(project.descriptor))


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
    return [embedded.dataset(ed, page, read_package(data_dir).descriptor, files, target)]


def quotations_on(app, pagename: str) -> list[Quoted]:
    data, uses, labels = dataset(app.env), app.env.get_domain("briefbook").uses, app.env.get_domain("std").anonlabels
    shown = []
    for q in data.frames["quotations"].itertuples() if "quotations" in data.frames else ():
        anchor = ids.anchor(data.schema, "quotations", q.id)
        label = labels.get(anchor)  # the register's row, the citable anchor (cite lines point to it)
        if pagename in uses.get(anchor, ()) or (label and label[0] == pagename):
            (doc, target), who = label or (pagename, anchor), data.actor(q.speaker)
            found = (words(q.text), q.date.date().isoformat(), str(who["name"]), str(who["kind"]), str(q.cites or ""))
            shown.append(Quoted(anchor, f"{app.builder.get_target_uri(doc)}#{target}", *found))
    return shown


def description(doctree) -> str:
    """The page's paragraphs outside admonitions, cut for a link preview."""
    hiding = [n for kind in (nodes.Admonition, nodes.Invisible) for n in doctree.findall(kind)]
    hidden = {id(p) for n in hiding for p in n.findall(nodes.paragraph)}
    text = " ".join(" ".join(p.astext().split()) for p in doctree.findall(nodes.paragraph) if id(p) not in hidden)
    return text[: DESCRIPTION_LENGTH - 3] + "..." if len(text) > DESCRIPTION_LENGTH else text


def add_metadata(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: the tags and the JSON-LD in ``<head>``, OpenGraph for ``layout.html``
    (``og:url`` only with the book's address: it must be absolute)."""
    if not is_site(app):  # EPUB readers take the package's metadata, not the pages'
        return
    env, ed, uri = app.env, facts_of(app).in_language(edition_language(app.config)), app.builder.get_target_uri
    if pagename in env.titles:
        title = env.titles[pagename].astext()
    else:  # a page the site adds (search, general index): its title, or Sphinx's label for it
        title = unescape(re.sub(r"<[^>]+>", "", str(context.get("title") or "")))
        title = title or str(env.get_domain("std").labels.get(pagename, ("", "", pagename))[2])
    kind = "book" if pagename == app.config.root_doc else "chapter" if pagename in env.found_docs else "page"
    page = Page(uri(pagename), title, kind)
    if kind == "book":
        chapters = [
            Page(uri(d), env.titles[d].astext(), "chapter") for d in toc_order(env, pagename) if d in env.titles
        ]
        found = [embedded.book(ed, page, chapters)]
    else:
        found = [embedded.chapter(ed, page) if kind == "chapter" else embedded.web_page(ed, page)]
    if kind != "page":
        found += dataset_node(app, ed, page, pagename)
        found += [embedded.quotation(ed, page, q) for q in quotations_on(app, pagename)]
    og = {"og:title": title, "og:type": "book" if kind == "book" else "article" if doctree is not None else "website"}
    og |= {"og:url": ed.base_url() and ed.base_url() + page.target, "og:site_name": ed._(ed.title)}
    context["briefbook_opengraph"] = og | {"og:description": description(doctree) if doctree is not None else ""}
    head = embedded.script(embedded.document(ed, found))
    context["metatags"] = context.get("metatags", "") + embedded.meta_tags(ed, page) + head
