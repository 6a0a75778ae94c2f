"""Machine-readable citation on every HTML page: Highwire, PRISM and Dublin Core tags and one
JSON-LD script (:mod:`briefbook.embedded`), and OpenGraph by sphinxext-opengraph. The root
document is the Book, every other page of the table of contents a Chapter, the site's own pages
WebPages; the data package is described where it is offered whole."""

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

# sphinxext-opengraph writes og:url even without ogp_site_url: then the site-relative path of the
# page, which a reader resolves against the page's own folder, a wrong address. OpenGraph asks for
# the object's canonical (absolute) URL, so without the book's address og:url is left out.
OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')


def configure_opengraph(app, config) -> None:
    """``config-inited``: OpenGraph's site address is the book's, or none; no social-card images
    (they would be drawn with matplotlib for every page); the Book's pages are articles of it,
    the landing page the book itself (:func:`opengraph_type`)."""
    config.ogp_site_url = facts_of(app).base_url(edition_language(config))
    if config.ogp_social_cards is None:
        config.ogp_social_cards = {"enable": False}
    if config.ogp_type == "website":  # the extension's default
        config.ogp_type = "article"


def opengraph_type(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``, before sphinxext-opengraph: the landing page is ``og:type`` book, by
    the extension's own per-page override (a copy of the page's metadata, never the environment's)."""
    if doctree is not None and pagename == app.config.root_doc:
        context["meta"] = {**(context.get("meta") or {}), "og:type": "book"}


def note_sources(app, doctree) -> None:
    """``doctree-read``: every page states the edition's facts (CITATION.cff) and the landing page
    describes the data package (datapackage.json): an edit to them rewrites the pages that say them."""
    project = project_of(app.env)
    app.env.note_dependency(str(project.citation_file))
    if app.env.docname == app.config.root_doc:
        app.env.note_dependency(str(project.descriptor))


def edition_of(app) -> Edition:
    """This edition's view of the facts (:mod:`.facts`), with its downloads' names."""
    language = edition_language(app.config)
    names = project_of(app.env).download_names(language)
    return Edition.of(facts_of(app), language, names["pdf"], names["data"])


def toc_order(env, doc: str) -> list[str]:
    """The documents of the table of contents below ``doc``, in reading order."""
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
    if pagename == app.config.root_doc:
        kind = "book"
    elif pagename in env.found_docs:
        kind = "chapter"
    else:
        kind = "page"
    return Page(target, title, kind)


def package_downloads(app) -> list[tuple[str, set[str], str]]:
    """The files of the data package that the site serves: (file name, the pages that offer it,
    its site-relative address)."""
    data_dir = project_of(app.env).data_dir.resolve()
    return [
        (posixpath.basename(source), set(docs), "_downloads/" + dest)
        for source, (docs, dest) in app.env.dlfiles.items()
        if (Path(app.srcdir) / source).resolve().parent == data_dir
    ]


def data_page(app, downloads: list) -> str | None:
    """The page that offers every file of the data package for download (Data and methods)."""
    if not downloads:
        return None
    every = set.intersection(*(docs for _name, docs, _url in downloads))
    return next((d for d in toc_order(app.env, app.config.root_doc) if d in every), None)


def quotations_on(app, pagename: str) -> list[Quoted]:
    """The quotations the page shows (a card, or a register row), in the order of time."""
    data = dataset(app.env)
    uses = app.env.get_domain("briefbook").uses
    labels = app.env.get_domain("std").anonlabels
    here = app.builder.get_target_uri(pagename)
    shown = []
    for q in data.quotations.itertuples():
        anchor = ids.anchor(q.id, "quotations")
        label = labels.get(anchor)  # the register's row, the citable anchor (cite lines point to it)
        if pagename not in uses.get(q.id, ()) and not (label and label[0] == pagename):
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


DESCRIPTION = re.compile(r'(<meta (?:property="og:description"|name="description") content=")([^"]*)(")')


def spaced_description(metatags: str, doctree, config) -> str:
    """The page's description as its text is spaced: sphinxext-opengraph joins the text of its
    nodes by a rule of its own, which leaves out the space before a bracket that follows an inline
    node ("De-Escalation?(«…") and adds one inside it ("( Hamdi Malik)"). The same paragraphs, as
    written, cut at the same length."""
    from docutils import nodes as docnodes

    found = [m.group(2) for m in DESCRIPTION.finditer(metatags)]
    if not found:
        return metatags
    words = []
    for paragraph in doctree.findall(docnodes.paragraph):
        if any(isinstance(a, (docnodes.Admonition, docnodes.Invisible)) for a in ancestors(paragraph)):
            continue
        words.append(" ".join(paragraph.astext().split()))
    text = " ".join(words)
    length = config.ogp_description_length
    if len(text) > length:
        text = text[: length - 3] + "..."
    return DESCRIPTION.sub(lambda m: m.group(1) + escape(text) + m.group(3), metatags) if text else metatags


def ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def add_metadata(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``, after sphinxext-opengraph: the tags and the JSON-LD in ``<head>``."""
    if not is_site(app):  # EPUB readers take the package's metadata, not the pages'
        return
    ed = edition_of(app)
    page = page_of(app, pagename, context)
    metatags = context.get("metatags", "")
    if not ed.base_url:
        metatags = OG_URL.sub("", metatags)
    if doctree is not None:
        metatags = spaced_description(metatags, doctree, app.config)
    if doctree is None:  # sphinxext-opengraph describes only pages with a document
        og = {"og:title": page.title, "og:type": "website", "og:site_name": ed.title}
        og |= {"og:url": ed.absolute(page.target)} if ed.base_url else {}
        metatags += "".join(f'<meta property="{p}" content="{escape(c)}" />\n' for p, c in og.items())
    metatags += meta_tags(ed, page)
    metatags += jsonld.script(jsonld.document(ed, graph(app, ed, page, pagename)))
    context["metatags"] = metatags


def register(app) -> None:
    app.setup_extension("sphinxext.opengraph")
    app.connect("config-inited", configure_opengraph)
    app.connect("doctree-read", note_sources)
    app.connect("html-page-context", opengraph_type, priority=400)
    app.connect("html-page-context", add_metadata, priority=600)
