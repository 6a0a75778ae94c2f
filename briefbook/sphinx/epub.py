"""The EPUB 3 edition: Sphinx's own ``epub`` builder, run over the environment the HTML builder
read, with the book's metadata and nothing an e-reader cannot use.

- Metadata (``builder-inited``, for the EPUB only): the title, the authors and the description
  as CITATION.cff gives them, the copyright of _config.yml (in an edition in another language,
  from the catalog ``briefbook.po``), and an identifier that is never invented (:func:`identifier`).
- Pages (``html-page-context``, ``doctree-resolved``): no scripts, since nothing in the book
  needs one to be read (the register's sorting and filtering are the site's), and only the
  stylesheets an e-reader uses: the EPUB theme's, Pygments', briefbook.css and its additions
  for e-readers, briefbook-epub.css.
- The code of the chart cells, which the site folds away and print leaves out, is left out
  (:class:`LeaveOutFoldedCode`); the first page gives the edition's version, date and commit
  (:func:`add_edition_line`).
- The package document, the files it lists and the zip: :mod:`.epub_package`.
"""

from __future__ import annotations

import uuid

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import edition, i18n
from ..embedded import Author
from ..project import Project
from .bidi import isolate, right_to_left
from .printing import HIDDEN_INPUT
from .project import project_of
from .util import para, text

# What the pages of the EPUB link to: the EPUB theme's stylesheet, Pygments' and the book's, with
# the book's additions for e-readers (briefbook/static/briefbook-epub.css).
EPUB_CSS = "briefbook-epub.css"
STYLESHEETS = ("_static/epub.css", "_static/pygments.css", "_static/briefbook.css", f"_static/{EPUB_CSS}")
UID = "edition-id"  # the package's unique-identifier: the id of its <dc:identifier>


def identifier(project: Project, title: str) -> tuple[str, str]:
    """The EPUB's identifier and its scheme: the DOI once minted, else the book's public address
    once set, else a UUID derived from the title and the version (the same for every build of
    one version, and a new one for the next). Never an address or DOI nobody has given."""
    if project.doi:
        return f"https://doi.org/{project.doi}", "DOI"
    if project.base_url:
        return project.base_url, "URL"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{title} {project.version}')}", "UUID"


def on_config_inited(app, config) -> None:
    """What every builder's configuration holds alike (the environment, which the builders share,
    compares it): the identifier's XML id and the EPUB's stylesheet."""
    config.epub_uid = UID
    config.epub_css_files = [EPUB_CSS]


def set_metadata(app) -> None:
    """``builder-inited`` (EPUB), before Sphinx checks them: the EPUB's metadata, from the project
    (its title, ``project``, and version are set by :func:`.output.on_config_inited`)."""
    if app.builder.name != "epub":
        return
    config = app.config
    project = project_of(app.env)
    cff = edition.load_cff(project.root)

    def words(message: str) -> str:  # the edition's own words in its language (the catalog briefbook.po)
        return i18n.gettext(message, project.language, project.root)

    translated = words  # for values, not literals: a name the message extractor does not read
    names = [translated(Author.from_cff(a).name) for a in edition.cff_authors(cff)]
    authors = (" and " if project.language == i18n.SOURCE else words(", ")).join(names)
    config.epub_basename = project.stem(config.language)  # the stage that publishes it looks for this name
    config.epub_title = config.project
    config.epub_author = authors
    config.epub_publisher = authors  # the edition is published by its contributors: no one else is named
    config.epub_copyright = translated(config.copyright)
    config.epub_description = translated(" ".join(str(cff.get("abstract", "")).split()))
    config.epub_identifier, config.epub_scheme = identifier(project, config.project)


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
        line = para(
            text(edition.edition_line(project_of(app.env).root, project_of(app.env).language)), classes=["edition-line"]
        )
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
