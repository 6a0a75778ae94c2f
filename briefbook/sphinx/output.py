"""The writers' configuration and mixins, lighter pages, the download menu and footer in the page's language."""

import re
from html import escape
from pathlib import Path

import tinycss2
from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape as tex

from ..front_matter import latex_front_matter
from ..i18n import N_, long_date
from ..languages import LANGUAGES, SOURCE
from ..paths import is_notebook
from .bidi import DIR, isolated_html
from .printing import PrintTranslatorMixin, RightToLeftCode
from .project import is_site, project_of
from .util import _

PACKAGE = Path(__file__).resolve().parents[1]
# Assets of extensions Jupyter Book always loads, by what a page must hold to use them (none: nothing can).
USED_BY = {"thebe": (), "sphinx-design": ("sd-",), "design-tabs": ("sd-tab",), "togglebutton": ("toggle", "dropdown")}
THEME_CSS, FONTS = "_static/styles/pydata-sphinx-theme.css", "../vendor/fontawesome/webfonts/"
FONT_SOURCES = re.compile(rf"url\({FONTS}(fa-[a-z]+-\d+)\.woff2\)[^;}}]*")  # an icon font's sources
# The edition's downloads, then sphinx-book-theme's entries of its download menu (by their label), in the book's words
BOOKS = (("pdf", N_("PDF edition"), "fas fa-file-pdf"), ("epub", N_("EPUB edition"), "fas fa-book"))
PAGE_DOWNLOADS = {"download-source-button": N_("Page source"), "download-notebook-button": N_("Page as a notebook")}
PAGE_DOWNLOADS["download-pdf-button"] = N_("Print this page")
# The names the layout prints, by the LaTeX macro that holds each; the figure's is the HTML's ("الشكل 1.1").
LAYOUT_NAMES = {"contentsname": N_("Contents"), "briefbookprefacename": N_("Preface"), "chaptername": N_("Chapter")}
LAYOUT_NAMES |= {"briefbookcontinuedname": N_("(continued)"), "sphinxheadercomma": N_(", ")}
OPTIONS = {"arabic": "numerals=maghrib"}  # polyglossia's options, by its name of a translated edition's language
LICENCE_LABEL = "licence-and-rights"  # the label above the section that holds ``{edition-licence}``


class MoveBibliography(SphinxPostTransform):
    """The citations Sphinx gathers at the end (750), moved back to the first bibliography's container (its id kept)."""

    default_priority, formats = 760, ("latex",)

    def run(self, **kwargs) -> None:
        ids = {key.id_ for key in getattr(self.env.domains.get("cite"), "bibliographies", {})}
        place = next((n for n in self.document.findall(nodes.container) if ids & set(n["ids"])), None)
        if place is not None and (gathered := next(self.document.findall(thebibliography), None)) is not None:
            gathered.parent.remove(gathered)
            place += gathered


def on_config_inited(app, config) -> None:
    """The package's files, the edition's version and date, no top bar (pydata binds its toggles to the first one)."""
    config.html_static_path = [*dict.fromkeys([*config.html_static_path, str(PACKAGE / "static")])]
    config.templates_path = [*dict.fromkeys([str(PACKAGE / "templates"), *config.templates_path])]
    config.version = config.release = config.briefbook_facts.version
    if config.project == "Project name not set":  # Jupyter Book passes its title as html_title only
        config.project = config.html_title
    config.today = long_date(config.briefbook_facts.date, config.language)
    config.html_theme_options = {"navbar_persistent": [], **(config.html_theme_options or {})}
    main, elements = LANGUAGES.get(config.language) or LANGUAGES[SOURCE], config.latex_elements
    facts = config.briefbook_facts.in_language(main.code)  # English for a language the print does not have
    front = latex_front_matter(facts, config.project, config.author, config.copyright)
    preamble = front["preamble"] + elements.get("preamble", "")
    if options := OPTIONS.get(name := main.polyglossia):  # Sphinx's polyglossia comes before hyperref, bidi after
        names = {macro: tex(_(words)) for macro, words in LAYOUT_NAMES.items()}
        names["figurename"] = tex(_(N_("Fig. %s")).replace("%s", "").strip()) + r"\nobreakspace"
        captions = "".join(rf"\renewcommand{{\{macro}}}{{{value}}}" for macro, value in names.items())
        captions = rf"\addto\captions{name}{{{captions}}}{captions}"
        language = rf"\usepackage{{polyglossia}}\setmainlanguage[{options}]{{{name}}}\setotherlanguage{{english}}"
        rtl = r"\usepackage{briefbook-print-rtl}" if main.rtl else ""
        preamble = "\n".join([language, preamble.replace(f"\\setotherlanguage{{{name}}}\n", ""), rtl, captions])
        elements = {**elements, "polyglossia": "", "releasename": tex(_(N_("Version")))}
    config.latex_elements = {**elements, "maketitle": front["maketitle"], "preamble": preamble}
    if config.language != SOURCE:  # a translated edition's running heads: title and author
        title, author = (tex(_(words)) for words in (config.project, config.author))
        config.latex_documents = [(doc, to, title, author, *rest) for doc, to, _t, _a, *rest in config.latex_documents]


class HTMLMixin(RightToLeftCode):
    """English blocks left to right, citations as list items (axe-core), a legend in ``<figcaption>``, print-address."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        if node.get(DIR) == "ltr":
            attributes.update(dir="ltr", lang="en")
        if attributes.get("role") == "doc-biblioentry":  # docutils' citation, in its role="list" (axe-core)
            attributes["role"] = "listitem"
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_legend(self, node):
        if isinstance(node.parent, nodes.figure) and any(isinstance(c, nodes.caption) for c in node.parent):
            return self.body.append(self.starttag(node, "div", CLASS="legend"))
        super().visit_legend(node)

    def visit_reference(self, node):  # on the site, a link to another site not named by its address: print-address
        uri = node.get("refuri", "")
        if is_site(self.builder.app) and uri.startswith(("http://", "https://")) and node.astext().strip() != uri:
            node["classes"].append("print-address")  # (printed after it: briefbook-site.css)
        super().visit_reference(node)


def on_builder_inited(app) -> None:
    """The writers' mixins, print's Pygments style black (screen's too pale), the site's CSS (after briefbook.css)."""
    if app.builder.format == "latex":
        app.config.pygments_style = "bw"
    if mixin := {"html": HTMLMixin, "latex": PrintTranslatorMixin}.get(app.builder.format):
        base = app.builder.get_translator_class()
        app.set_translator(app.builder.name, type(f"Briefbook{base.__name__}", (mixin, base), {}), override=True)
    if is_site(app):
        app.add_css_file("briefbook-site.css", priority=550)


def drop_unused_assets(app, pagename, templatename, context, doctree) -> None:
    """A page loads another extension's assets only if it can use them (:data:`USED_BY`): Thebe's never."""
    body = context.get("body", "")

    def used(asset) -> bool:  # a file's name, or an inline script's text (Thebe's configuration)
        name = f"{getattr(asset, 'filename', asset)} {getattr(asset, 'attributes', {}).get('body', '')}".lower()
        return all(any(mark in body for mark in marks) for key, marks in USED_BY.items() if key in name)

    for key in context.keys() & {"css_files", "script_files"}:
        context[key] = [asset for asset in context[key] if used(asset)]


def used_rules(rules: list, used: set[str]) -> list:
    """The rules with a selector needing only classes in ``used`` (those in :not() too), in @media too."""
    kept = []
    for rule in rules:
        if rule.type == "at-rule" and rule.content and rule.lower_at_keyword in ("media", "supports", "layer"):
            rule.content = used_rules(tinycss2.parse_rule_list(rule.content, True, True), used)
            kept += [rule] if rule.content else []
            continue
        needed, previous = [set()], None
        for token in rule.prelude if rule.type == "qualified-rule" else []:
            needed += [set()] if token == "," else []
            needed[-1] |= {token.value} if token.type == "ident" and previous == "." else set()
            previous = token
        kept += [rule] if any(classes <= used for classes in needed) else []
    return kept


def lighter_theme(app, exception) -> None:
    """The theme's stylesheet without rules no page or script can match, its icon fonts cut to the icons left."""
    out = Path(app.outdir)
    if exception or not is_site(app) or not app.config.briefbook_lighter_theme or not (out / THEME_CSS).is_file():
        return
    from fontTools import subset  # imported by the published book's HTML build only

    pages = " ".join(" ".join(re.findall(r'class="([^"]*)"', p.read_text("utf-8"))) for p in out.rglob("*.html"))
    scripts = " ".join(p.read_text("utf-8") for p in out.glob("_static/**/*.js") if p.name != "fontawesome.js")
    used = set(pages.split()) | set(re.findall(r"[\w-]+", scripts))
    css = tinycss2.serialize(used_rules(tinycss2.parse_stylesheet((out / THEME_CSS).read_text("utf-8"), True), used))
    icons = {ord(c) for c in re.findall("[\ue000-\uf8ff]", css)} | {0x20}  # as tinycss2 writes them
    options, fonts = subset.Options(flavor="woff", layout_features=["*"]), (out / THEME_CSS).parent / FONTS
    for name in sorted(set(FONT_SOURCES.findall(css))):
        font, cutter = subset.load_font(str(fonts / f"{name}.ttf"), options), subset.Subsetter(options)
        cutter.populate(unicodes=icons)
        cutter.subset(font)
        subset.save_font(font, str(fonts / f"{name}.book.woff"), options)
    css = FONT_SOURCES.sub(lambda m: f'url({FONTS}{m[1]}.book.woff) format("woff")', css)
    (out / THEME_CSS).write_text(css, encoding="utf-8")


def add_downloads(app, pagename, templatename, context, doctree) -> None:
    """The edition's PDF and EPUB first in the page's download menu; the footer: the edition, downloads, licences."""
    if not is_site(app):  # the EPUB's theme has no footer: the downloads are the site's
        return
    pathto, source = context["pathto"], context.get("sourcename")
    names = project_of(app.env).download_names(app.config.language)
    books = [
        dict(type="link", url=pathto(names[kind], 1), text=_(words), icon=icon, label=f"download-book-{kind}-button")
        for kind, words, icon in BOOKS
    ]
    words = {label: _(message) for label, message in PAGE_DOWNLOADS.items()}
    for group in [b for b in context.get("header_buttons") or () if b.get("label") == "download-buttons"][:1]:
        page = [{**b, "text": words[b["label"]]} if b.get("label") in words else b for b in group["buttons"]]
        group["buttons"] = [*books, *page]
    links = [(names[kind], _(words)) for kind, words, _icon in BOOKS]
    if source and context.get("has_source") and app.config.html_copy_source:
        notebook = is_notebook(Path(app.srcdir) / source.removesuffix(".txt"))
        words = _("notebook source of this page") if notebook else _("page source of this page")
        links.append(("_sources/" + source, words))
    links.append((names["data"], _("data package (zip)")))
    links = " · ".join(f'<a href="{escape(pathto(target, 1))}">{escape(words)}</a>' for target, words in links)
    line = isolated_html(app.config.briefbook_facts.line(), app.config)
    found = app.env.get_domain("std").labels.get(LICENCE_LABEL)
    rights = found and f"{pathto(found[0]).removesuffix('#')}#{found[1]}"  # pathto gives '#' on the page itself
    downloads = escape(_("Download: {links}.")).format(links=links)  # outside the f-string, to be extracted
    footer = f'<p class="edition-footer">{line}</p><p class="edition-downloads">{downloads}</p>'
    footer += app.config.briefbook_facts.footer_html(rights or None, _=_)
    context["theme_extra_footer"] = context.get("theme_extra_footer", "") + footer
