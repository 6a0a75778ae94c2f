"""The extension's nodes and roles (``{ar}`…```, ``{en}`…```) with their visitors."""

from docutils import nodes
from docutils.parsers.rst.roles import GenericRole
from sphinx.locale import get_translation

from ..i18n import direction

_ = get_translation("briefbook")  # _(message): the package's words in the page's language


class arabic(nodes.inline): ...  # lang="ar" dir="rtl" in HTML, polyglossia's \textarabic in LaTeX


class english(nodes.inline): ...  # inside another language; class "unbroken": kept in one line in print


class foreign(nodes.inline): ...  # a language the book does not typeset (its lang and dir): marked in HTML only


class supplied(nodes.inline): ...  # a word the brief lacks, as ⟨word⟩; in HTML its title says so


class untranslated_mark(nodes.Inline, nodes.Element): ...  # no text of its own: the contents and search skip it


class edition_about(nodes.General, nodes.Element): ...  # the About page's facts and checksums (.transforms)


class cite_where(nodes.Inline, nodes.TextElement): ...  # where a cite line points: address or path; in print, page


class edition_words(nodes.Inline, nodes.TextElement): ...  # a cite line's own words: typographic quotes in print


def span(lang: str = "", direction: str = "", css: str = ""):
    """An HTML visitor: a span with the node's language and direction (by default its attributes')."""
    return lambda self, node: self.body.append(
        self.starttag(node, "span", "", lang=lang or node["lang"], dir=direction or node["dir"], CLASS=css)
    )


def visit_untranslated_mark_html(self, node):
    span(self.config.language, direction(self.config.language), "untranslated-mark")(self, node)
    self.body.append(self.encode(_("Not yet translated")) + "</span> ")
    raise nodes.SkipNode


def visit_supplied_html(self, node):
    self.body.append(self.starttag(node, "span", "", title=_("Supplied by this edition: not in the brief")))


def visit_english_latex(self, node):  # a word of English in another language's line ("F-15E"): never broken
    self.body.append(r"\textenglish{\mbox{" if "unbroken" in node["classes"] else r"\textenglish{")


def depart_english_latex(self, node):
    self.body.append("}}" if "unbroken" in node["classes"] else "}")


def emit(markup: str):
    return lambda self, node: self.body.append(markup)


arabic_role, english_role = GenericRole("ar", arabic), GenericRole("en", english)
SKIP, CLOSE = (emit(""), emit("")), emit("</span>")
NODES = {  # node: its visitors by format (added by setup())
    arabic: {"html": (span("ar", "rtl", "arabic"), CLOSE), "latex": (emit(r"\textarabic{"), emit("}"))},
    english: {"html": (span("en", "ltr", "english"), CLOSE), "latex": (visit_english_latex, depart_english_latex)},
    foreign: {"html": (span(css="foreign"), CLOSE)},
    supplied: {"html": (visit_supplied_html, CLOSE)},
    untranslated_mark: {"html": (visit_untranslated_mark_html, None), "latex": SKIP, "text": SKIP},
}
