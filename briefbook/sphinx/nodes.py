"""The extension's nodes and roles: text in another language than the page's (``{ar}`…```,
``{en}`…```), a word the edition supplies, and placeholders the post-transforms fill."""

from __future__ import annotations

from docutils import nodes


class arabic(nodes.inline):
    """Arabic script: ``lang="ar" dir="rtl"`` in HTML, polyglossia's ``\\textarabic`` in LaTeX."""


class english(nodes.inline):
    """English inside Arabic: ``lang="en" dir="ltr"``, ``\\textenglish`` (class ``unbroken``: in an mbox)."""


class foreign(nodes.inline):
    """Text in a language the book does not typeset (its ``lang`` and ``dir``): marked in HTML only."""


class supplied(nodes.inline):
    """A word the brief lacks, supplied as ⟨word⟩; in HTML its ``title`` says so."""


class card_link(nodes.Inline, nodes.TextElement):
    """A link to a quotation's card in the chapter that places it (:mod:`.transforms`)."""


class edition_about(nodes.General, nodes.Element):
    """The About this edition facts and checksums (:mod:`.transforms`)."""


def span(lang: str, direction: str, css: str):
    def visit(self, node):
        self.body.append(self.starttag(node, "span", "", lang=node.get("lang", lang), dir=node.get("dir", direction),
                                       CLASS=css))  # fmt: skip

    return visit


def visit_supplied_html(self, node):
    from .util import _

    self.body.append(self.starttag(node, "span", "", title=_("Supplied by this edition: not in the brief")))


def depart_span(self, node):
    self.body.append("</span>")


def visit_english_latex(self, node):
    # one word of English inside another language's line ("F-15E"): never broken nor hyphenated
    self.body.append(r"\textenglish{\mbox{" if "unbroken" in node["classes"] else r"\textenglish{")


def depart_english_latex(self, node):
    self.body.append("}}" if "unbroken" in node["classes"] else "}")


def visit_arabic_latex(self, node):
    self.body.append(r"\textarabic{")


def depart_arabic_latex(self, node):
    self.body.append("}")


def skip(self, node):
    pass


def arabic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [arabic(rawtext, text)], []


def english_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [english(rawtext, text)], []


NODES = {  # node: its visitors by builder format (setup() adds them)
    arabic: {"html": (span("ar", "rtl", "arabic"), depart_span), "latex": (visit_arabic_latex, depart_arabic_latex),
             "text": (skip, skip)},
    english: {"html": (span("en", "ltr", "english"), depart_span), "latex": (visit_english_latex, depart_english_latex),
              "text": (skip, skip)},
    foreign: {"html": (span("", "", "foreign"), depart_span), "latex": (skip, skip), "text": (skip, skip)},
    supplied: {"html": (visit_supplied_html, depart_span)},
    card_link: {},
    edition_about: {},
}  # fmt: skip
