"""The PDF of a translated edition (Sphinx's ``language``, here the Arabic), on top of the English
edition's ``latex_elements``: polyglossia with the language as the main one (after hyperref, as
bidi needs), the front matter, running heads and layout names in the language, and
``briefbook-print-rtl.sty`` (faces and layout). The translator sets English blocks (marked by
:mod:`.bidi`) and numbers with dots left to right. Nothing here runs in the English edition."""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.util.texescape import escape as tex

from ..front_matter import DOTTED_NUMBER, latex_front_matter
from ..i18n import N_
from ..i18n import gettext as translate
from ..languages import LANGUAGES, SOURCE, Language
from .bidi import ARABIC_RUN, DIR, UPRIGHT, ancestors, mark_arabic_runs, right_to_left
from .nodes import english
from .project import root_of

# The names the layout prints, by the LaTeX macro that holds each, in the package's catalog.
LAYOUT_NAMES = {"contentsname": N_("Contents"), "briefbookprefacename": N_("Preface"), "chaptername": N_("Chapter"),
                "briefbookcontinuedname": N_("(continued)"), "sphinxheadercomma": N_(", ")}  # fmt: skip
VERSION, FIGURE = N_("Version"), N_("Fig. %s")  # the HTML's figure label ("الشكل 1.1"), not polyglossia's
STY = Path(__file__).resolve().with_name("briefbook-print-rtl.sty")
OPTIONS = {"arabic": "numerals=maghrib"}  # polyglossia's options, by its name of the main language
ENGLISH_CLASSES = {"quotation-text", "quoted-text"}  # English as the data give them
ENGLISH_NODES = (english, nodes.literal, nodes.literal_block, nodes.raw, thebibliography)
NUMBER = re.compile(f"({DOTTED_NUMBER.pattern})")


def main_language(config) -> Language | None:
    """The edition's language if polyglossia sets it here as the main one (not the English)."""
    found = LANGUAGES.get(config.language or SOURCE)
    return found if found and found.polyglossia in OPTIONS else None


def on_config_inited(app, config) -> None:
    """The language's ``latex_elements`` on top of the English edition's (after :mod:`.output`)."""
    if (main := main_language(config)) is None:
        return
    code, name, root = main.code, main.polyglossia, root_of(app)
    names = {macro: translate(words, code, root) for macro, words in LAYOUT_NAMES.items()}
    captions = "".join(rf"\renewcommand{{\{macro}}}{{{tex(value)}}}" for macro, value in names.items())
    captions += (
        rf"\renewcommand{{\figurename}}{{{tex(translate(FIGURE, code, root).replace('%s', '').strip())}\nobreakspace}}"
    )
    front = latex_front_matter(config.briefbook_facts, config.project, config.author, config.copyright, code)
    elements = dict(config.latex_elements)
    elements["preamble"] = "\n".join([
        # Sphinx's own polyglossia would come before hyperref; bidi must follow it
        rf"\usepackage{{polyglossia}}\setmainlanguage[{OPTIONS[name]}]{{{name}}}\setotherlanguage{{english}}",
        elements.get("preamble", "").replace(f"\\setotherlanguage{{{name}}}\n", ""),
        front["preamble"].strip(),  # the metadata in the language: after the English, it wins
        r"\usepackage{briefbook-print-rtl}" if main.rtl else "",
        rf"\addto\captions{name}{{{captions}}}",
        captions,
    ])  # fmt: skip
    elements.update(polyglossia="", maketitle=front["maketitle"], releasename=tex(translate(VERSION, code, root)))
    config.latex_elements = elements
    if main.rtl and str(STY) not in map(str, config.latex_additional_files):
        config.latex_additional_files = [*config.latex_additional_files, str(STY)]


def on_env_updated(app, env) -> None:
    """The running heads' title and author in the language (Jupyter Book sets ``latex_documents``
    after Sphinx has started: they are translated once the pages are read)."""
    if app.builder.format != "latex" or main_language(app.config) is None:
        return
    code, root = app.config.language, root_of(app)
    title, author = (tex(translate(getattr(app.config, k), code, root)) for k in ("project", "author"))
    app.config.latex_documents = [
        (doc, to, title, author, *rest) for doc, to, _t, _a, *rest in app.config.latex_documents
    ]


def in_english(node: nodes.Node) -> bool:
    return any(isinstance(n, ENGLISH_NODES) or isinstance(n, nodes.Element) and ENGLISH_CLASSES & set(n["classes"])
               for n in [node, *ancestors(node)])  # fmt: skip


class DirectionHTMLMixin:
    """A right-to-left edition's HTML: ``dir="ltr" lang="en"`` on a block marked left to right (:mod:`.bidi`)."""

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
        """A paragraph all in English, unless it opens a list item or a bibliography entry: set left
        to right, it would take the item's bullet or label to the left, outside the list."""
        opens_item = isinstance(node.parent, (nodes.list_item, nodes.citation)) and node.parent.index(node) == 0
        return (node.get(DIR) == "ltr" or bool(ENGLISH_CLASSES & set(node["classes"]))) and not opens_item

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

    def visit_emphasis(self, node):
        if UPRIGHT in node["classes"]:  # Arabic: upright, no slanted face
            self.body.append("{")
        else:
            super().visit_emphasis(node)

    def visit_Text(self, node):
        """A number with dots ("2.1", "0.1.0") in the language's text: one left-to-right unit, which
        the Arabic face would set in reverse order."""
        pieces = [] if in_english(node) else NUMBER.split(str(node))
        if len(pieces) < 2:
            return super().visit_Text(node)
        for i, piece in enumerate(pieces):
            if i % 2:
                self.body.append(rf"\textenglish{{{piece}}}")
            elif piece:
                part = nodes.Text(piece)
                part.parent = node.parent  # read by the print mixin (How to cite's sentences)
                super().visit_Text(part)
        return None

    def visit_literal_block(self, node):
        """A code block left to right, its Arabic runs (a field of the BibTeX) in the Arabic face."""
        self.body.append("\n\\begin{briefbookenglish}")
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        except nodes.SkipNode:  # Sphinx writes the highlighted block whole
            self.body[start:] = [ARABIC_RUN.sub(r"\\textarabic{\g<0>}", chunk) for chunk in self.body[start:]]
            self.body.append("\\end{briefbookenglish}\n")
            raise

    def depart_literal_block(self, node):
        super().depart_literal_block(node)
        self.body.append("\\end{briefbookenglish}\n")


def set_translator(app) -> None:
    """A right-to-left edition's share on top of the writers' translators (:mod:`.output`'s, at 400)."""
    mixin = {"html": DirectionHTMLMixin, "latex": LanguageTranslatorMixin}.get(app.builder.format)
    if not mixin or not right_to_left(app.config):  # the gettext builder, say, has no translator
        return
    base = app.builder.get_translator_class()
    if not issubclass(base, mixin):
        app.set_translator(app.builder.name, type(f"{mixin.__name__}{base.__name__}", (mixin, base), {}), override=True)
