"""The EPUB 3 edition: Sphinx's ``epub`` builder with the edition's metadata (:mod:`.facts`), no
scripts, only the stylesheets an e-reader uses, the chart cells' code left out, and the
edition's line on its first page. The package and the zip: :mod:`.epub_package`."""

from __future__ import annotations

import uuid

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import i18n
from ..edition import EditionFacts
from .bidi import isolate, right_to_left
from .facts import facts_of
from .printing import HIDDEN_INPUT
from .project import edition_language, project_of
from .util import para, text

# What the pages of the EPUB link to: the EPUB theme's stylesheet, Pygments' and the book's, with
# the book's additions for e-readers (briefbook/static/briefbook-epub.css).
EPUB_CSS = "briefbook-epub.css"
STYLESHEETS = ("_static/epub.css", "_static/pygments.css", "_static/briefbook.css", f"_static/{EPUB_CSS}")
UID = "edition-id"  # the package's unique-identifier: the id of its <dc:identifier>


def identifier(facts: EditionFacts, title: str, language: str = i18n.SOURCE) -> tuple[str, str]:
    """The EPUB's identifier and its scheme: the DOI once minted, else the edition's address once set,
    else a UUID of the title and the version (the same for every build of one version). Never invented."""
    if facts.doi:
        return f"https://doi.org/{facts.doi}", "DOI"
    if facts.base_url(language):
        return facts.base_url(language), "URL"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{title} {facts.version}')}", "UUID"


def on_config_inited(app, config) -> None:
    """What every builder's configuration holds alike (the environment, which the builders share,
    compares it): the identifier's XML id and the EPUB's stylesheet."""
    config.epub_uid = UID
    config.epub_css_files = [EPUB_CSS]


def set_metadata(app) -> None:
    """``builder-inited`` (EPUB), before Sphinx checks them: the EPUB's metadata, from the facts and
    the configuration (its title, ``project``, and version are set by :func:`.output.on_config_inited`)."""
    if app.builder.name != "epub":
        return
    config, facts, language = app.config, facts_of(app), edition_language(app.config)
    names = [facts._(a.name, language) for a in facts.authors]
    authors = (" and " if language == i18n.SOURCE else facts._(", ", language)).join(names)
    config.epub_basename = project_of(app.env).stem(config.language)  # the stage that publishes it looks for this name
    config.epub_title = config.project
    config.epub_author = config.epub_publisher = authors  # published by its contributors: no one else is named
    config.epub_copyright = facts._(config.copyright, language)
    config.epub_description = facts._(facts.abstract, language)
    config.epub_identifier, config.epub_scheme = identifier(facts, config.project, language)


def for_e_readers(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context`` (EPUB): no scripts; the stylesheets of :data:`STYLESHEETS` only; no
    canonical link (with the book's address set, Sphinx would point it at an .xhtml page that the
    site does not have)."""
    if app.builder.name != "epub":
        return
    context["pageurl"] = None
    context["script_files"] = []
    context["css_files"] = [css for css in context.get("css_files", []) if css.filename in STYLESHEETS]


class LeaveOutFoldedCode(SphinxPostTransform):
    """The source of a code cell that the site folds away (``hide-input``) is left out of the EPUB,
    as print leaves it out; the cell's output, the figure, stays. Runs before myst-nb folds it."""

    default_priority = 190
    builders = ("epub",)

    def run(self, **kwargs) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if "cell_input" in cell["classes"] and HIDDEN_INPUT & set(cell.parent.get("classes", [])):
                cell.parent.remove(cell)


def add_edition_line(app, doctree, docname: str) -> None:
    """``doctree-resolved`` (EPUB): under the first page's title, the edition's version, date and
    commit, which the site gives in every page's footer."""
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
    """``doctree-resolved`` (EPUB), after the extensions that add them: no script in a page
    (sphinx-thebe adds one to every page, though nothing in the book can be launched)."""
    if app.builder.name != "epub":
        return
    for node in list(doctree.findall(nodes.raw)):
        if "<script" in node.astext():
            node.parent.remove(node)
