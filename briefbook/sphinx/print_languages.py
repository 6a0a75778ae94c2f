"""The PDF of a translated edition (here the Arabic) on top of the English one's ``latex_elements``,
and a right-to-left edition's translators: English blocks (marked by :mod:`.bidi`) left to right."""

from __future__ import annotations

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.util.texescape import escape as tex

from ..front_matter import latex_front_matter, numbers
from ..i18n import N_
from ..i18n import gettext as translate
from ..languages import LANGUAGES, SOURCE
from .bidi import DIR, UPRIGHT, ancestors, mark_arabic_runs, right_to_left
from .nodes import english
from .project import root_of

# The names the layout prints, by the LaTeX macro that holds each; the figure's is the HTML's ("الشكل 1.1").
LAYOUT_NAMES = {"contentsname": N_("Contents"), "briefbookprefacename": N_("Preface"), "chaptername": N_("Chapter")}
LAYOUT_NAMES |= {"briefbookcontinuedname": N_("(continued)"), "sphinxheadercomma": N_(", ")}
PAGE_ONLY = "briefbook-page-only"  # a link set as words, its page the link
SHORT_LINK = 25  # characters: a longer link in right-to-left print gives its page instead
OPTIONS = {"arabic": "numerals=maghrib"}  # polyglossia's options, by its name of the main language
ENGLISH_NODES = (english, nodes.literal, nodes.literal_block, nodes.raw, thebibliography)


def on_config_inited(app, config) -> None:
    """Polyglossia with the edition's language as the main one; the front matter and layout's names in it."""
    main = LANGUAGES.get(config.language or SOURCE)
    if main is None or main.polyglossia not in OPTIONS:
        return
    code, name, root = main.code, main.polyglossia, root_of(app)
    names = {macro: tex(translate(words, code, root)) for macro, words in LAYOUT_NAMES.items()}
    names["figurename"] = tex(translate(N_("Fig. %s"), code, root).replace("%s", "").strip()) + r"\nobreakspace"
    captions = "".join(rf"\renewcommand{{\{macro}}}{{{value}}}" for macro, value in names.items())
    front = latex_front_matter(config.briefbook_facts, config.project, config.author, config.copyright, code)
    elements = dict(config.latex_elements)
    elements["preamble"] = "\n".join(
        [
            # Sphinx's own polyglossia would come before hyperref; bidi must follow it
            rf"\usepackage{{polyglossia}}\setmainlanguage[{OPTIONS[name]}]{{{name}}}\setotherlanguage{{english}}",
            elements.get("preamble", "").replace(f"\\setotherlanguage{{{name}}}\n", ""),
            front["preamble"].strip(),  # the metadata in the language: after the English, it wins
            r"\usepackage{briefbook-print-rtl}" if main.rtl else "",
            rf"\addto\captions{name}{{{captions}}}",
            captions,
        ]
    )
    elements.update(polyglossia="", maketitle=front["maketitle"], releasename=tex(translate(N_("Version"), code, root)))
    config.latex_elements = elements


def on_env_updated(app, env) -> None:
    """The running heads' title and author in the language (Jupyter Book sets them after config-inited)."""
    if app.builder.format == "latex" and right_to_left(app.config):
        config, root = app.config, root_of(app)
        title, author = (tex(translate(words, config.language, root)) for words in (config.project, config.author))
        config.latex_documents = [(doc, to, title, author, *rest) for doc, to, _t, _a, *rest in config.latex_documents]


class DirectionHTMLMixin:
    """A right-to-left edition's HTML: ``dir="ltr" lang="en"`` on a block marked left to right."""

    def starttag(self, node, tagname, suffix="\n", empty=False, **attributes):
        if node.get(DIR) == "ltr":
            attributes.update(dir="ltr", lang="en")
        return super().starttag(node, tagname, suffix, empty, **attributes)

    def visit_literal_block(self, node):
        before = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:  # Sphinx writes the highlighted block whole and raises SkipNode
            mark_arabic_runs(self.body, before)


class LanguageTranslatorMixin:
    """The LaTeX translator of a right-to-left edition: English passages left to right."""

    def english_block(self, node: nodes.paragraph) -> bool:
        """All in English, but not opening a list item or citation (their marker would go outside)."""
        opens_item = isinstance(node.parent, (nodes.list_item, nodes.citation)) and node.parent.index(node) == 0
        return node.get(DIR) == "ltr" and not opens_item

    def visit_paragraph(self, node):
        if self.english_block(node):
            # bidi mirrors a right-to-left table's cells: there \raggedleft leaves the right ragged
            cell = any(isinstance(a, nodes.entry) for a in ancestors(node))
            self.body.append("\n\\begin{briefbookenglish}" + ("\\raggedleft" if cell else ""))
        super().visit_paragraph(node)

    def depart_paragraph(self, node):
        super().depart_paragraph(node)
        if self.english_block(node):
            self.body.append("\\end{briefbookenglish}\n")

    def page_reference(self, node) -> str:
        """A link too long to be sure of one line gives its page, as a card's does (see below)."""
        return super().page_reference(node, every=len(node.astext()) > SHORT_LINK)

    def visit_reference(self, node):
        """No link may wrap: XeTeX's reversal of a right-to-left line puts the ends of a link that
        wraps out of order, and xdvipdfmx drops it. A link its page follows is set as words, the
        page alone linked."""
        if self.page_reference(node):
            node["classes"].append(PAGE_ONLY)
        else:
            super().visit_reference(node)

    def depart_reference(self, node):
        if PAGE_ONLY in node["classes"]:
            self.body.append(self.page_reference(node))
        else:
            super().depart_reference(node)

    def visit_emphasis(self, node):
        if UPRIGHT in node["classes"]:  # Arabic: upright, no slanted face
            self.body.append("{")
        else:
            super().visit_emphasis(node)

    def visit_Text(self, node):
        """A number with dots ("2.1") one left-to-right unit: the Arabic face would set it reversed."""
        start = len(self.body)
        super().visit_Text(node)
        if not any(isinstance(n, ENGLISH_NODES) for n in [node, *ancestors(node)]):
            self.body[start:] = [numbers(chunk, self.config.language) for chunk in self.body[start:]]

    def visit_literal_block(self, node):
        """Code's Arabic runs (a field of the BibTeX) in Arabic; the block is English (the ``.sty``)."""
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:  # Sphinx writes the highlighted block whole and raises SkipNode
            mark_arabic_runs(self.body, start, r"\\textarabic{\g<0>}")


def set_translator(app) -> None:
    """A right-to-left edition's share on top of the writers' translators (:mod:`.output`'s, at 400)."""
    mixin = {"html": DirectionHTMLMixin, "latex": LanguageTranslatorMixin}.get(app.builder.format)
    if not mixin or not right_to_left(app.config):  # the gettext builder, say, has no translator
        return
    base = app.builder.get_translator_class()
    if not issubclass(base, mixin):
        app.set_translator(app.builder.name, type(f"{mixin.__name__}{base.__name__}", (mixin, base), {}), override=True)
