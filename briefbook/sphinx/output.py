"""What the extension adds to the writers' output: the edition's identity in the configuration
(version, date, footer, the PDF's title page and metadata), the download links and the licence line in every
page's footer, and two fixes to the writers (the bibliography's ARIA roles; the attribution dash in LaTeX)."""

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


def on_config_inited(app, config) -> None:
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.append(str(STATIC))
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
    pdf, epub, data = _("PDF edition", env), _("EPUB edition", env), _("data package (zip)", env)
    links = [
        f'<a href="{escape(pathto(names["pdf"], 1))}">{escape(pdf)}</a>',
        f'<a href="{escape(pathto(names["epub"], 1))}">{escape(epub)}</a>',
    ]
    source = context.get("sourcename")
    if source and context.get("has_source") and app.config.html_copy_source:
        notebook = is_notebook(Path(app.srcdir) / source.removesuffix(".txt"))
        kind = _("notebook source of this page", env) if notebook else _("page source of this page", env)
        links.append(f'<a href="{escape(pathto("_sources/" + source, 1))}">{escape(kind)}</a>')
    links.append(f'<a href="{escape(pathto(names["data"], 1))}">{escape(data)}</a>')
    download = escape(_("Download: {links}.", env)).format(links=" · ".join(links))
    footer = context.get("theme_extra_footer", "") + f'<p class="edition-downloads">{download}</p>'
    context["theme_extra_footer"] = footer + licence.footer(app.env, pathto)


def inline_basic_css(app, exception) -> None:
    """The theme's stylesheet @imports ../basic.css; tools that resolve the import against the page
    (axe-core's stylesheet preload among them) ask for a /basic.css that is not there. Inline it."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    theme, basic = static / "styles" / "theme.css", static / "basic.css"
    if theme.is_file() and basic.is_file():
        css = theme.read_text(encoding="utf-8")
        if '@import "../basic.css";' in css:
            theme.write_text(
                css.replace('@import "../basic.css";', basic.read_text(encoding="utf-8"), 1), encoding="utf-8"
            )


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

    def visit_citation(self, node):
        super().visit_citation(node)
        for i in range(len(self.body) - 1, max(len(self.body) - 3, -1), -1):
            if 'role="doc-biblioentry"' in self.body[i]:
                self.body[i] = self.body[i].replace('role="doc-biblioentry"', 'role="listitem"')
                break


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


def register(app) -> None:
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", set_translators, priority=400)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", inline_basic_css, priority=400)
    app.add_css_file("briefbook.css")
