"""The extension's nodes: Arabic script and English inside Arabic, and placeholders that post-transforms fill once every
page has been read."""

from __future__ import annotations

from docutils import nodes


class arabic(nodes.inline):
    """Arabic-script text: ``lang="ar" dir="rtl"`` in HTML, polyglossia's ``\\textarabic`` in LaTeX."""


def visit_arabic_html(self, node):
    self.body.append(self.starttag(node, "span", "", lang="ar", dir="rtl", CLASS="arabic"))


def depart_arabic_html(self, node):
    self.body.append("</span>")


def visit_arabic_latex(self, node):
    self.body.append(r"\textarabic{")


def depart_arabic_latex(self, node):
    self.body.append("}")


class english(nodes.inline):
    """English text inside Arabic (a phrase quoted as the brief gives it, a title, a name):
    ``lang="en" dir="ltr"`` in HTML, polyglossia's ``\\textenglish`` in LaTeX."""


def visit_english_html(self, node):
    self.body.append(self.starttag(node, "span", "", lang="en", dir="ltr", CLASS="english"))


def visit_english_latex(self, node):
    # one word of English inside another language's line ("F-15E"): never broken nor hyphenated
    self.body.append(r"\textenglish{\mbox{" if "unbroken" in node["classes"] else r"\textenglish{")


def depart_english_latex(self, node):
    self.body.append("}}" if "unbroken" in node["classes"] else "}")


class foreign(nodes.inline):
    """Text in a language the book has no typesetting for (``lang`` and ``dir`` attributes of the
    node): marked with them in HTML, set as it is in LaTeX."""


def visit_foreign_html(self, node):
    self.body.append(self.starttag(node, "span", "", lang=node["lang"], dir=node["dir"], CLASS="foreign"))


class supplied(nodes.inline):
    """A word (or a mark) the brief lacks, supplied by this edition, shown as ⟨word⟩: in HTML a
    span whose ``title`` (a tooltip) says so in the page's language; elsewhere an inline."""


def visit_supplied_html(self, node):
    from .util import _

    title = _("Supplied by this edition: not in the brief", self.builder.env)
    self.body.append(self.starttag(node, "span", "", title=title))


def visit_skip(self, node):
    pass


def depart_skip(self, node):
    pass


class card_link(nodes.Inline, nodes.TextElement):
    """Placeholder for a link to a quotation's card in the chapter that places it (filled by
    :mod:`.transforms` once every chapter has been read)."""


class edition_about(nodes.General, nodes.Element):
    """Placeholder for the About this edition facts and checksums (filled by :mod:`.transforms`)."""


def register(app) -> None:
    app.add_node(
        arabic,
        html=(visit_arabic_html, depart_arabic_html),
        latex=(visit_arabic_latex, depart_arabic_latex),
        text=(visit_skip, depart_skip),
    )
    app.add_node(
        english,
        html=(visit_english_html, depart_arabic_html),
        latex=(visit_english_latex, depart_english_latex),
        text=(visit_skip, depart_skip),
    )
    app.add_node(
        foreign,
        html=(visit_foreign_html, depart_arabic_html),
        latex=(visit_skip, depart_skip),
        text=(visit_skip, depart_skip),
    )
    app.add_node(supplied, html=(visit_supplied_html, depart_arabic_html))
    app.add_node(card_link)
    app.add_node(edition_about)
