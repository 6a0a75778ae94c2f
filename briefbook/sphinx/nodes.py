"""The extension's nodes and roles: text in another language (``{ar}`…```, ``{en}`…```), a supplied
word, the mark of a passage left untranslated, and placeholders the post-transforms fill."""

from __future__ import annotations

from docutils import nodes
from sphinx.locale import get_translation

from ..i18n import N_, direction

_ = get_translation("briefbook")


class arabic(nodes.inline):
    """Arabic script: ``lang="ar" dir="rtl"`` in HTML, polyglossia's ``\\textarabic`` in LaTeX."""


class english(nodes.inline):
    """English inside Arabic: ``lang="en" dir="ltr"``, ``\\textenglish`` (class ``unbroken``: in an mbox)."""


class foreign(nodes.inline):
    """Text in a language the book does not typeset (its ``lang`` and ``dir``): marked in HTML only."""


class supplied(nodes.inline):
    """A word the brief lacks, supplied as ⟨word⟩; in HTML its ``title`` says so."""


class untranslated_mark(nodes.Inline, nodes.Element):
    """Says, in the page's language, that the passage holding it is still in English; it holds no
    text of its own, so that the contents, the search index and the untranslated report skip it."""


NOT_YET = N_("Not yet translated")


def visit_untranslated_mark_html(self, node):
    words, language = self.encode(_(NOT_YET)), self.config.language
    self.body.append(self.starttag(node, "span", "", CLASS="untranslated-mark", lang=language, dir=direction(language))
                     + f"{words}</span> ")  # fmt: skip
    raise nodes.SkipNode


class card_link(nodes.Inline, nodes.TextElement):
    """A link to a quotation's card in the chapter that places it (:mod:`.transforms`)."""


class edition_about(nodes.General, nodes.Element):
    """The About this edition facts and checksums (:mod:`.transforms`)."""


def span(lang: str = "", direction: str = "", css: str = ""):
    """An HTML visitor: a span with the node's language and direction (by default its attributes')."""
    return lambda self, node: self.body.append(
        self.starttag(node, "span", "", lang=lang or node["lang"], dir=direction or node["dir"], CLASS=css)
    )


def visit_supplied_html(self, node):
    self.body.append(self.starttag(node, "span", "", title=_("Supplied by this edition: not in the brief")))


def visit_english_latex(self, node):  # a word of English in another language's line ("F-15E"): never broken
    self.body.append(r"\textenglish{\mbox{" if "unbroken" in node["classes"] else r"\textenglish{")


def depart_english_latex(self, node):
    self.body.append("}}" if "unbroken" in node["classes"] else "}")


def arabic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [arabic(rawtext, text)], []


def english_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [english(rawtext, text)], []


SKIP = (lambda self, node: None, lambda self, node: None)
CLOSE = lambda self, node: self.body.append("</span>")  # noqa: E731
NODES = {  # node: its visitors by format (added by setup())
    arabic: {"html": (span("ar", "rtl", "arabic"), CLOSE), "text": SKIP,
             "latex": (lambda self, node: self.body.append(r"\textarabic{"), lambda self, node: self.body.append("}"))},
    english: {"html": (span("en", "ltr", "english"), CLOSE), "latex": (visit_english_latex, depart_english_latex),
              "text": SKIP},
    foreign: {"html": (span(css="foreign"), CLOSE), "latex": SKIP, "text": SKIP},
    supplied: {"html": (visit_supplied_html, CLOSE)},
    untranslated_mark: {"html": (visit_untranslated_mark_html, None), "latex": SKIP, "text": SKIP},
}  # fmt: skip
