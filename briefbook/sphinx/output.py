"""What the extension adds to the writers' output: the edition's identity in the configuration
(version, date, footer, the PDF's title page and metadata), the download links and the licence line in every
page's footer, each page's assets (no Thebe; sphinx-design and togglebutton only where used), and two
fixes to the writers (the bibliography's ARIA roles; the attribution dash in LaTeX)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes

from ..front_matter import latex_front_matter
from ..i18n import dates
from ..paths import is_notebook
from . import licence
from .bidi import isolated_html
from .printing import PrintTranslatorMixin
from .project import edition_language, is_site, project_of
from .util import _

STATIC = Path(__file__).resolve().parents[1] / "static"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
# Assets of extensions Jupyter Book always loads, by what a page must hold to use them (none: nothing can).
USED_BY = {"thebe": (), "sphinx-design": ("sd-",), "design-tabs": ("sd-tab",), "togglebutton": ("toggle", "dropdown")}


def on_config_inited(app, config) -> None:
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.insert(0, str(TEMPLATES))
    facts = config.briefbook_facts
    config.version = config.release = facts.version
    if config.project == "Project name not set":  # Jupyter Book passes its title as html_title only
        config.project = config.html_title
    config.today = dates.long_date(facts.date, edition_language(config))
    config.html_theme_options = {
        **config.html_theme_options,
        "extra_footer": f'<p class="edition-footer">{isolated_html(facts.line(edition_language(config)), config)}</p>',
    }
    front = latex_front_matter(facts, config.project, config.author, config.copyright)
    elements = dict(config.latex_elements)
    elements["maketitle"] = front["maketitle"]
    elements["preamble"] = front["preamble"] + elements.get("preamble", "")
    config.latex_elements = elements


def on_html_page_context(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every page's footer: links to the PDF, the EPUB, this page's source and the data, and the licences."""
    if not is_site(app):  # the EPUB's theme has no footer: the downloads are the site's
        return
    env = app.env
    names = project_of(env).download_names(app.config.language)
    pathto = context["pathto"]
    pdf, epub, data = _("PDF edition"), _("EPUB edition"), _("data package (zip)")
    links = [
        f'<a href="{escape(pathto(names["pdf"], 1))}">{escape(pdf)}</a>',
        f'<a href="{escape(pathto(names["epub"], 1))}">{escape(epub)}</a>',
    ]
    source = context.get("sourcename")
    if source and context.get("has_source") and app.config.html_copy_source:
        notebook = is_notebook(Path(app.srcdir) / source.removesuffix(".txt"))
        kind = _("notebook source of this page") if notebook else _("page source of this page")
        links.append(f'<a href="{escape(pathto("_sources/" + source, 1))}">{escape(kind)}</a>')
    links.append(f'<a href="{escape(pathto(names["data"], 1))}">{escape(data)}</a>')
    download = escape(_("Download: {links}.")).format(links=" · ".join(links))
    footer = context.get("theme_extra_footer", "") + f'<p class="edition-downloads">{download}</p>'
    context["theme_extra_footer"] = footer + licence.footer(app.env, pathto)


def drop_unused_assets(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: a page loads another extension's assets only if it can use them
    (:data:`USED_BY`); Thebe's (a remote kernel launcher) never: the book has nothing to launch."""
    body = context.get("body", "")

    def used(asset) -> bool:  # a file's name, or an inline script's text (Thebe's configuration)
        name = f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}".lower()
        return all(any(mark in body for mark in marks) for key, marks in USED_BY.items() if key in name)

    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if used(asset)]


class HTMLTranslatorMixin:
    """docutils puts bibliography entries (role doc-biblioentry) in a role=list container, which
    requires listitem children (axe-core: aria-required-children). Give the entries that role.
    And a figure's legend joins its caption's ``<figcaption>`` wherever the caption stands:
    docutils looks for the caption only right after the image, and a chart's caption follows its
    data table (:mod:`.charts`), so the legend opened a second ``<figcaption>`` inside the first,
    which XHTML (the EPUB) refuses."""

    def visit_legend(self, node):
        if isinstance(node.parent, nodes.figure) and any(isinstance(c, nodes.caption) for c in node.parent):
            self.body.append(self.starttag(node, "div", CLASS="legend"))
            return
        super().visit_legend(node)

    def visit_citation(self, node):  # docutils' own, with role="listitem" for "doc-biblioentry"
        if not isinstance(node.previous_sibling(), type(node)):
            self.body.append('<div role="list" class="citation-list">\n')
        self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


class LaTeXTranslatorMixin(PrintTranslatorMixin):
    """Sphinx writes an attribution's dash as '---', which needs TeX ligatures; with them, every
    straight quote and '---' in the data would be typeset as something else. Write the dash itself.
    The rest of the print edition's writing: :class:`.printing.PrintTranslatorMixin`."""

    def visit_attribution(self, node):
        self.body.append("\n\\begin{flushright}\n\\textemdash{}")


def set_translators(app) -> None:
    mixin = {"html": HTMLTranslatorMixin, "latex": LaTeXTranslatorMixin}.get(app.builder.format)
    if mixin is None:
        return
    base = app.registry.translators.get(app.builder.name) or app.builder.default_translator_class
    if not issubclass(base, mixin):
        app.set_translator(app.builder.name, type(f"Briefbook{base.__name__}", (mixin, base), {}), override=True)
