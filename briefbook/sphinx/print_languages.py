"""The PDF in a language other than English (Sphinx's ``language``): the Arabic edition.

On top of the English
edition's ``latex_elements`` (_config.yml, :mod:`.output`), this module gives, per language:

- polyglossia's options (Western digits in Arabic: ``numerals=maghrib``) and English as the
  other language, loaded after hyperref (bidi must come last); the faces (Amiri for Arabic, as
  Noto Naskh Arabic lacks the Latin punctuation Arabic text uses; Noto Serif and Noto Sans for English);
- the title page, the imprint and the PDF's metadata in the language (:mod:`briefbook.front_matter`),
  and the title and author of the running heads;
- the names the layout prints (contents, preface, a continued table) from the package's catalog;
- ``briefbook-print-rtl.sty``: code and addresses left to right inside right-to-left text;
- in the translator: English passages left to right (each quotation as the brief gives it, the
  outlets' translations, code blocks, the bibliography, any paragraph or inline element with no
  Arabic letter) and each run of Latin letters in Arabic text, as the Unicode bidi algorithm would
  set it; the ``{en}`` role is ``\\textenglish`` (:mod:`.nodes`).

The English edition is left exactly as it was: nothing here runs when the language is English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.util.texescape import escape as tex

from ..front_matter import DOTTED_NUMBER, latex_front_matter
from ..front_matter import _ as translate
from ..i18n import N_
from .bidi import ARABIC_RUN
from .nodes import english
from .printing import cite_where
from .project import root_of

# The names the layout prints, by the LaTeX macro that holds each, in the package's catalog.
LAYOUT_NAMES = {
    "contentsname": N_("Contents"),
    "briefbookprefacename": N_("Preface"),
    "briefbookcontinuedname": N_("(continued)"),
    "chaptername": N_("Chapter"),
    "sphinxheadercomma": N_(", "),
}
VERSION = N_("Version")
# A figure's label, as the HTML edition numbers it ("الشكل 1.1"): polyglossia's own ("شكل") would
# replace Sphinx's at the start of the document.
FIGURE = N_("Fig. %s")

STY = Path(__file__).resolve().with_name("briefbook-print-rtl.sty")


@dataclass(frozen=True)
class PrintLanguage:
    """How polyglossia sets one language as the book's main language."""

    options: str  # polyglossia's options for the main language
    fonts: str  # LaTeX after _config.yml's fontpkg: the language's faces
    right_to_left: bool


LANGUAGES = {
    "ar": PrintLanguage(
        options="numerals=maghrib",
        # Amiri, a Naskh book face, has the Latin punctuation that Arabic text uses (parentheses,
        # quotation marks, hyphens, slashes), which Noto Naskh Arabic and Noto Sans Arabic lack.
        fonts="\n".join(
            [
                r"\renewfontfamily\arabicfont[Script=Arabic,Scale=1.1]{Amiri}",
                r"\newfontfamily\arabicfontsf[Script=Arabic,Scale=1.1]{Amiri}",
                # Arabic has no monospace face: an Arabic run inside code (a field of the Arabic
                # edition's BibTeX) is set in the book's Arabic face, at the code's size
                r"\newfontfamily\arabicfonttt[Script=Arabic,Scale=0.95]{Amiri}",
            ]
        ),
        right_to_left=True,
    ),
}
# Paragraphs and inline text whose classes say that they are English as the data give them.
ENGLISH_PARAGRAPHS = {"quotation-text"}
ENGLISH_INLINE = {"translation-text"}
# Elements whose text is English whatever the page's language (the translator marks them).
ENGLISH_ELEMENTS = (english, nodes.literal, nodes.literal_block, nodes.raw, thebibliography)
# A run of Latin letters (with the spaces, digits and punctuation between them) inside text of a
# right-to-left language: set left to right, in the Latin face, as the Unicode bidi algorithm would.
LATIN = "A-Za-z\u00c0-\u024f"
RIGHT_TO_LEFT_LETTER = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile(rf"[{LATIN}]")
NUMBER_PIECE = re.compile(f"({DOTTED_NUMBER.pattern})")
LATIN_RUN = re.compile(rf"([{LATIN}](?:[^\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]*[{LATIN}0-9])?)")


def on_config_inited(app, config) -> None:
    """The language's ``latex_elements`` on top of the English edition's (after :mod:`.output`)."""
    language = config.language
    setting = LANGUAGES.get(language)
    if setting is None:
        return
    root = root_of(app)
    front = latex_front_matter(config.briefbook_facts, config.project, config.author, config.copyright, language)
    elements = dict(config.latex_elements)
    name = polyglossia_name(language)
    # bidi, which polyglossia loads for a right-to-left language, must come after hyperref and
    # xcolor: Sphinx loads no polyglossia itself (it would set the main language before them), and
    # the preamble, which follows hyperref, loads it where the English edition sets Arabic as the
    # other language.
    elements["polyglossia"] = ""
    setup = rf"\usepackage{{polyglossia}}\setmainlanguage[{setting.options}]{{{name}}}\setotherlanguage{{english}}"
    elements["fontpkg"] = elements.get("fontpkg", "") + "\n" + setting.fonts
    names = {macro: translate(words, language, root) for macro, words in LAYOUT_NAMES.items()}
    captions = "".join(rf"\renewcommand{{\{macro}}}{{{tex(value)}}}" for macro, value in names.items())
    figure = translate(FIGURE, language, root).replace("%s", "").strip()
    captions += rf"\renewcommand{{\figurename}}{{{tex(figure)}\nobreakspace}}"
    preamble = elements.get("preamble", "").replace(f"\\setotherlanguage{{{name}}}\n", "")
    elements["preamble"] = "\n".join(
        [
            setup,
            preamble,
            front["preamble"].strip(),  # the metadata in the language: set after the English, it wins
            r"\usepackage{briefbook-print-rtl}" if setting.right_to_left else "",
            rf"\addto\captions{name}{{{captions}}}",
            captions,
        ]
    )
    elements["maketitle"] = front["maketitle"]
    elements["releasename"] = tex(translate(VERSION, language, root))
    config.latex_elements = elements
    if setting.right_to_left and str(STY) not in map(str, config.latex_additional_files):
        config.latex_additional_files = [*config.latex_additional_files, str(STY)]


def polyglossia_name(language: str) -> str:
    """polyglossia's name of the language (Sphinx's own table): "arabic"."""
    from sphinx.builders.latex.util import ExtBabel

    return ExtBabel(language, use_polyglossia=True).get_language()


def on_env_updated(app, env) -> None:
    """The title and author of the running heads, in the language. Jupyter Book sets
    ``latex_documents`` after Sphinx has started, so they are translated once the pages are read
    (the LaTeX builder reads them when it writes, and emits no ``write-started``)."""
    language = app.config.language
    if app.builder.format != "latex" or language not in LANGUAGES:
        return
    root = root_of(app)
    title = tex(translate(app.config.project, language, root))
    author = tex(translate(app.config.author, language, root))
    app.config.latex_documents = [
        (doc, target, title, author, *rest) for doc, target, _t, _a, *rest in app.config.latex_documents
    ]


class LanguageTranslatorMixin:
    """English passages inside a right-to-left book: ``briefbookenglish`` (:file:`briefbook-print-rtl.sty`) (a
    paragraph left to right) or ``\\textenglish`` (inline)."""

    def _rtl(self) -> bool:
        setting = LANGUAGES.get(self.config.language)
        return bool(setting and setting.right_to_left)

    def _english_block(self, node) -> bool:
        return self._rtl() and bool(ENGLISH_PARAGRAPHS & set(node["classes"]))

    def visit_paragraph(self, node):
        if self._english_block(node):
            self.body.append("\n\\begin{briefbookenglish}")
        super().visit_paragraph(node)

    def depart_paragraph(self, node):
        super().depart_paragraph(node)
        if self._english_block(node):
            self.body.append("\\end{briefbookenglish}\n")

    def _english_unit(self, node) -> str | None:
        """How a paragraph or an inline element whose text is wholly English (no right-to-left
        letter) is marked, as one unit, unless it is inside English already: a paragraph as the
        briefbookenglish environment, an inline element (a citation, a name, a title) as \\textenglish."""
        if not self._rtl() or not isinstance(node, (nodes.paragraph, nodes.Inline)) or self._in_english(node):
            return None
        if isinstance(node, cite_where):  # written as the page's label and number, in the page's language
            return None
        text = printed_text(node)
        if RIGHT_TO_LEFT_LETTER.search(text) or not LATIN_LETTER.search(text):
            return None
        if isinstance(node, nodes.paragraph) and not _opens_item(node):
            return "paragraph"
        return "inline"

    def dispatch_visit(self, node):
        unit = self._english_unit(node) if isinstance(node, nodes.Element) else None
        if unit is None:
            return super().dispatch_visit(node)
        node["briefbook_english"] = unit
        self.body.append("\n\\begin{briefbookenglish}" if unit == "paragraph" else "\\textenglish{")
        if unit == "paragraph" and _in_cell(node):
            # English in a table cell starts on the left: bidi sets a right-to-left table's cells with
            # their skips mirrored, so that there \raggedleft, not \raggedright, leaves the right ragged
            # (seen on the page: \raggedright kept the cell's English flush right)
            self.body.append("\\raggedleft")
        try:
            return super().dispatch_visit(node)
        except nodes.SkipNode:
            self._close_english(node)
            raise

    def dispatch_departure(self, node):
        super().dispatch_departure(node)
        if isinstance(node, nodes.Element) and node.get("briefbook_english"):
            self._close_english(node)
        inline_english = isinstance(node, english) or (
            isinstance(node, nodes.Element) and node.get("briefbook_english") == "inline"
        )
        if self._rtl() and inline_english and printed_text(node)[-1:].isspace() and self._drop_trailing_space():
            self.body.append(" ")  # the space after an English label ("Chicago. "): outside, on the Arabic's side

    def _close_english(self, node) -> None:
        self.body.append("\\end{briefbookenglish}\n" if node["briefbook_english"] == "paragraph" else "}")

    def _drop_trailing_space(self) -> bool:
        """Remove the space that ends the English run just written (before its closing braces),
        where, inside the left-to-right box, it would stand on the far side from the text after it."""
        for i in range(len(self.body) - 1, -1, -1):
            if self.body[i].strip("}") == "":
                continue
            if self.body[i].endswith(" "):
                self.body[i] = self.body[i].rstrip(" ")
                return True
            return False
        return False

    def _in_english(self, node) -> bool:
        node = node.parent if isinstance(node, nodes.Element) and node.get("briefbook_english") else node
        while node is not None:
            if isinstance(node, nodes.Element) and node.get("briefbook_english"):
                return True
            if isinstance(node, ENGLISH_ELEMENTS):
                return True
            if isinstance(node, nodes.Element) and (ENGLISH_PARAGRAPHS | ENGLISH_INLINE) & set(node["classes"]):
                return True
            node = node.parent
        return False

    def visit_Text(self, node):
        """Latin-script runs in the language's text (a name, a citation, a title, a passage not yet
        translated) are English: left to right, in the Latin face."""
        pieces = LATIN_RUN.split(node.astext()) if self._rtl() and not self._in_english(node) else []
        if len(pieces) < 2 and not (pieces and DOTTED_NUMBER.search(pieces[0])):
            super().visit_Text(node)
            return
        for i, piece in enumerate(pieces):
            for j, part in enumerate([piece] if i % 2 else NUMBER_PIECE.split(piece)):
                if part:
                    self._text_part(part, node.parent, english=bool(i % 2 or j % 2))

    def _text_part(self, piece: str, parent, english: bool) -> None:
        """A piece of a text node: a Latin run or a number with dots (``2.1``, ``4.0``, ``0.1.0``,
        which the Arabic face would set in reverse order) as one left-to-right English unit."""
        part = nodes.Text(piece)
        part.parent = parent
        self.body.append(r"\textenglish{" if english else "")
        super().visit_Text(part)
        self.body.append("}" if english else "")

    def visit_inline(self, node):
        english = self._rtl() and ENGLISH_INLINE & set(node["classes"])
        if english:
            self.body.append(r"\textenglish{")
        super().visit_inline(node)
        if english:
            self.context[-1] += "}"

    def visit_literal_block(self, node):
        if not self._rtl():
            return super().visit_literal_block(node)
        self.body.append("\n\\begin{briefbookenglish}")
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        except nodes.SkipNode:
            # a block is left to right in the code face, which has no Arabic: an Arabic run inside
            # it (a field of the Arabic edition's BibTeX) is set right to left in the Arabic face
            self.body[start:] = [ARABIC_RUN.sub(r"\\textarabic{\g<0>}", chunk) for chunk in self.body[start:]]
            self.body.append("\\end{briefbookenglish}\n")
            raise
        return None

    def depart_literal_block(self, node):
        super().depart_literal_block(node)
        if self._rtl():
            self.body.append("\\end{briefbookenglish}\n")

    # The bibliography is not one English passage: each entry's notes (and a title in square
    # brackets) are the edition's own words, in its language (briefbook.i18n.references). An
    # entry is a paragraph in the book's direction, its headline, outlet and address English runs.


def _in_cell(node: nodes.Node) -> bool:
    while node is not None:
        if isinstance(node, nodes.entry):
            return True
        node = node.parent
    return False


def printed_text(node: nodes.Node) -> str:
    """The text that print shows of a node: without markup for other writers (a table cell's
    label for the site's phone layout, ``<span data-label="كلمات الموجز">``, is no Arabic text of
    the cell, which stays an English paragraph, set flush left)."""
    if isinstance(node, nodes.raw):
        return node.astext() if "latex" in node.get("format", "").split() else ""
    if isinstance(node, nodes.Text):
        return str(node)
    return "".join(printed_text(child) for child in node.children)


def _opens_item(node: nodes.paragraph) -> bool:
    """Whether a paragraph is the first of a list item: set left to right as a paragraph, it would
    take the item's bullet or term to its own start, the left, outside the right-to-left list. It
    stays a right-to-left paragraph (its bullet on the right), its English one left-to-right run.
    So does an entry of the bibliography (a citation), whose label is an item's."""
    parent = node.parent
    return isinstance(parent, (nodes.list_item, nodes.citation)) and parent.index(node) == 0


def set_translator(app) -> None:
    """After :mod:`.output` has set the print edition's translator: the language's share on top."""
    if app.builder.format != "latex" or app.config.language not in LANGUAGES:
        return
    base = app.registry.translators.get(app.builder.name) or app.builder.default_translator_class
    if not issubclass(base, LanguageTranslatorMixin):
        name = f"Language{base.__name__}"
        app.set_translator(app.builder.name, type(name, (LanguageTranslatorMixin, base), {}), override=True)


def register(app) -> None:
    app.connect("config-inited", on_config_inited, priority=600)
    app.connect("builder-inited", set_translator, priority=450)
    app.connect("env-updated", on_env_updated)
