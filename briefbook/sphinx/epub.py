"""The EPUB 3 edition's metadata, stylesheets (no scripts) and the edition's line on its first page;
the package and the zip: :mod:`.epub_package`."""

from __future__ import annotations

import uuid

from docutils import nodes

from .. import i18n
from ..edition import EditionFacts
from .bidi import isolate, right_to_left
from .project import edition_language, facts_of, project_of
from .util import para, text

EPUB_CSS = "briefbook-epub.css"
STYLESHEETS = ("_static/epub.css", "_static/pygments.css", "_static/briefbook.css", f"_static/{EPUB_CSS}")
UID = "edition-id"  # the package's unique-identifier: the id of its <dc:identifier>


def identifier(facts: EditionFacts, title: str, language: str = i18n.SOURCE) -> tuple[str, str]:
    """The EPUB's identifier and scheme: the DOI, else the address, else a UUID of title and version."""
    if facts.doi:
        return f"https://doi.org/{facts.doi}", "DOI"
    if facts.base_url(language):
        return facts.base_url(language), "URL"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{title} {facts.version}')}", "UUID"


def on_config_inited(app, config) -> None:
    """Set for every builder alike (their shared environment compares it)."""
    config.epub_uid = UID
    config.epub_css_files = [EPUB_CSS]


def set_metadata(app) -> None:
    """``builder-inited`` (EPUB): the EPUB's metadata, from the facts and the configuration."""
    if app.builder.name != "epub":
        return
    config, facts, language = app.config, facts_of(app), edition_language(app.config)
    names = [facts._(a.name, language) for a in facts.authors]
    authors = (" and " if language == i18n.SOURCE else facts._(", ", language)).join(names)
    config.epub_basename = project_of(app.env).stem(config.language)  # the name publishing looks for
    config.epub_title = config.project
    config.epub_author = config.epub_publisher = authors  # published by its contributors: no one else is named
    config.epub_copyright = facts._(config.copyright, language)
    config.epub_description = facts._(facts.abstract, language)
    config.epub_identifier, config.epub_scheme = identifier(facts, config.project, language)


def for_e_readers(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context`` (EPUB): no scripts, :data:`STYLESHEETS` only, no canonical link."""
    if app.builder.name != "epub":
        return
    context["pageurl"] = None
    context["script_files"] = []
    context["css_files"] = [css for css in context.get("css_files", []) if css.filename in STYLESHEETS]


def add_edition_line(app, doctree, docname: str) -> None:
    """``doctree-resolved`` (EPUB): the edition's line under the first page's title."""
    if app.builder.name != "epub" or docname != app.config.root_doc:
        return
    section = doctree.next_node(nodes.section)
    if section is not None:
        title = section.next_node(nodes.title)
        line = para(text(facts_of(app).line(edition_language(app.config))), classes=["edition-line"])
        if right_to_left(app.config):  # written after the page's Latin runs were isolated: its own (the commit)
            isolate(line)
        section.insert(section.index(title) + 1, line)


def leave_out_scripts(app, doctree, docname: str) -> None:
    """``doctree-resolved`` (EPUB): no script in a page (sphinx-thebe adds one)."""
    if app.builder.name != "epub":
        return
    for node in list(doctree.findall(nodes.raw)):
        if "<script" in node.astext():
            node.parent.remove(node)
