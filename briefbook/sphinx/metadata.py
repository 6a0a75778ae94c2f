"""Machine-readable citation on every HTML page: Highwire, PRISM, Dublin Core and JSON-LD
(:mod:`briefbook.embedded`), and OpenGraph (no image)."""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape
from pathlib import Path

from .. import ids
from ..embedded import Edition, Page, jsonld
from ..embedded.jsonld import Quoted
from ..embedded.tags import meta_tags
from ..markup import words
from ..package import read_package
from .facts import facts_of
from .project import dataset, edition_language, is_site, project_of

DESCRIPTION_LENGTH = 200  # OpenGraph's description: the page's first words, as link previews show them


def note_sources(app, doctree) -> None:
    """``doctree-read``: pages depend on CITATION.cff, the landing page on datapackage.json."""
    project = project_of(app.env)
    app.env.note_dependency(str(project.citation_file))
    if app.env.docname == app.config.root_doc:
        app.env.note_dependency(str(project.descriptor))


def edition_of(app) -> Edition:
    language = edition_language(app.config)
    names = project_of(app.env).download_names(language)
    return Edition.of(facts_of(app), language, names["pdf"], names["data"])


def toc_order(env, doc: str) -> list[str]:
    found = []
    for child in env.toctree_includes.get(doc, ()):
        if child not in found:
            found += [child, *(d for d in toc_order(env, child) if d not in found)]
    return found


def page_of(app, pagename: str, context: dict) -> Page:
    env = app.env
    target = app.builder.get_target_uri(pagename)
    if pagename in env.titles:
        title = env.titles[pagename].astext()
    else:  # a page the site adds (search, general index): its title, or Sphinx's label for it
        title = unescape(re.sub(r"<[^>]+>", "", str(context.get("title") or "")))
        title = title or str(env.get_domain("std").labels.get(pagename, ("", "", pagename))[2])
    kind = "book" if pagename == app.config.root_doc else "chapter" if pagename in env.found_docs else "page"
    return Page(target, title, kind)


def package_downloads(app) -> list[tuple[str, set[str], str]]:
    """The data package's served files: (file name, pages that offer it, site-relative address)."""
    data_dir = project_of(app.env).data_dir.resolve()
    return [
        (posixpath.basename(source), set(docs), "_downloads/" + dest)
        for source, (docs, dest) in app.env.dlfiles.items()
        if (Path(app.srcdir) / source).resolve().parent == data_dir
    ]


def data_page(app, downloads: list) -> str | None:
    if not downloads:
        return None
    every = set.intersection(*(docs for _name, docs, _url in downloads))
    return next((d for d in toc_order(app.env, app.config.root_doc) if d in every), None)


def quotations_on(app, pagename: str) -> list[Quoted]:
    data = dataset(app.env)
    uses = app.env.get_domain("briefbook").uses
    labels = app.env.get_domain("std").anonlabels
    here = app.builder.get_target_uri(pagename)
    shown = []
    for q in data.frames["quotations"].itertuples() if "quotations" in data.frames else ():
        anchor = ids.anchor(data.schema, "quotations", q.id)
        label = labels.get(anchor)  # the register's row, the citable anchor (cite lines point to it)
        if pagename not in uses.get(anchor, ()) and not (label and label[0] == pagename):
            continue
        canonical = f"{app.builder.get_target_uri(label[0])}#{label[1]}" if label else f"{here}#{anchor}"
        speaker = data.actor(q.speaker)
        shown.append(Quoted(anchor, canonical, words(q.text), q.date.date().isoformat(),
                            str(speaker["name"]), str(speaker["kind"]), str(q.cites or "")))  # fmt: skip
    return shown


def graph(app, ed: Edition, page: Page, pagename: str) -> list[dict]:
    env = app.env
    if page.kind == "book":
        chapters = [Page(app.builder.get_target_uri(d), env.titles[d].astext(), "chapter")
                    for d in toc_order(env, pagename) if d in env.titles]  # fmt: skip
        nodes = [jsonld.book(ed, page, chapters)]
    elif page.kind == "chapter":
        nodes = [jsonld.chapter(ed, page)]
    else:
        return [jsonld.web_page(ed, page)]
    downloads = package_downloads(app)
    about = data_page(app, downloads)
    if page.kind == "book" or pagename == about:
        target = app.builder.get_target_uri(about) if about else page.target
        files = {name: url for name, _docs, url in downloads}
        nodes.append(jsonld.dataset(ed, page, read_package(project_of(env).data_dir).descriptor, files, target))
    nodes += [jsonld.quotation(ed, page, q) for q in quotations_on(app, pagename)]
    return nodes


def description(doctree) -> str:
    """The page's paragraphs outside admonitions, cut for a link preview."""
    from docutils import nodes as docnodes

    words = [" ".join(p.astext().split()) for p in doctree.findall(docnodes.paragraph)
             if not any(isinstance(a, (docnodes.Admonition, docnodes.Invisible)) for a in ancestors(p))]  # fmt: skip
    text = " ".join(words)
    return text[: DESCRIPTION_LENGTH - 3] + "..." if len(text) > DESCRIPTION_LENGTH else text


def opengraph(ed: Edition, page: Page, doctree) -> str:
    """OpenGraph; ``og:url`` only with the book's address (it must be absolute)."""
    kind = "book" if page.kind == "book" else "article" if doctree is not None else "website"
    og = {"og:title": page.title, "og:type": kind, "og:url": ed.absolute(page.target), "og:site_name": ed.title,
          "og:description": description(doctree) if doctree is not None else ""}  # fmt: skip
    tags = [f'<meta property="{p}" content="{escape(c)}" />' for p, c in og.items() if c]
    if og["og:description"]:
        tags.append(f'<meta name="description" content="{escape(og["og:description"])}" />')
    return "\n".join(tags) + "\n"


def ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def add_metadata(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: OpenGraph, the tags and the JSON-LD in ``<head>``."""
    if not is_site(app):  # EPUB readers take the package's metadata, not the pages'
        return
    ed = edition_of(app)
    page = page_of(app, pagename, context)
    head = jsonld.script(jsonld.document(ed, graph(app, ed, page, pagename)))
    context["metatags"] = context.get("metatags", "") + opengraph(ed, page, doctree) + meta_tags(ed, page) + head
