"""The print edition: what the LaTeX translator writes differently from the HTML, with the layout
of ``briefbook-print.sty`` beside this module.

Cite lines and links to a quotation give the page; the bibliography is set where ``{bibliography}``
stands; the numbered chapters start the arabic folios and the back matter is unnumbered; a figure's
caption has a short form for the list of figures; table columns take the width their words need
and a table's opening is not left at the foot of a page; long hashes may break; the Arabic verse
is a right-to-left block.
"""

from __future__ import annotations

import re
from functools import cached_property

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import ids
from ..edition import typographic
from .nodes import arabic
from .print_tables import column_widths, opening_lines, table_opening, table_rows
from .util import _

PAUSE = re.compile(" ([\u06d6-\u06dc])")  # the Quran's pause marks: joined to the word before them
EDITION_SENTENCES = {"citation-apa", "citation-chicago"}  # How to cite's forms: the edition's words
HIDDEN_INPUT = {"tag_hide-input", "tag_remove-input"}
HASH = re.compile(r"[0-9a-f]{32,}")
MOST_LINES = 28  # at most this many lines are kept free for a table's opening
PRINT_HIGHLIGHTING = "bw"  # Pygments' black style: the screen's colours are too pale on paper
PHRASE = re.compile(r"^(.+?)[.:](?:\s|$)", re.S)  # a caption's short form: up to its first colon or stop


class cite_where(nodes.Inline, nodes.TextElement):
    """Where a cite line points: on screen the part's address (``url``) or its path in the book;
    in print the address and the page, or the page alone."""


class edition_words(nodes.Inline, nodes.TextElement):
    """The edition's own words in a cite line: typographic quotation marks and apostrophes in print."""


class bibliography_place(nodes.General, nodes.Element):
    """Where the bibliography is printed (the first citation's place), until it is moved there."""


def visit_cite_where_latex(self, node):
    label = self.printed_label(node["docname"], node["anchor"])
    page = rf"{self.encode(node.get('page_label', 'p.'))}~\pageref{{{self.idescape(label)}}}" if label else ""
    if node.get("url"):
        self.body.append(rf"\briefbookurl{{{self.encode_uri(node['url'])}}}" + (f", {page}" if page else ""))
        raise nodes.SkipNode
    if page:  # print has no use for the path in the book
        self.body.append(page)
        raise nodes.SkipNode


def visit_edition_words_latex(self, node):
    self.body.append(self.encode(typographic(node.astext())))
    raise nodes.SkipNode


def short_caption(text: str) -> str | None:
    """The first phrase of a caption longer than it, for the list of figures."""
    match = PHRASE.match(" ".join(text.split()))
    return match.group(1).strip() if match and len(match.group(1)) < len(" ".join(text.split())) - 1 else None


class MarkBibliography(SphinxPostTransform):
    """Before Sphinx gathers the citations at the book's end (750), mark the first one's place."""

    default_priority = 740
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        first = next(self.document.findall(nodes.citation), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class PlaceBibliography(SphinxPostTransform):
    """Move the gathered bibliography back to the marked place."""

    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        places, gathered = (
            list(self.document.findall(bibliography_place)),
            next(self.document.findall(thebibliography), None),
        )
        if places and gathered is not None:
            gathered.parent.remove(gathered)
            places.pop(0).replace_self(gathered)
        for place in places:
            place.parent.remove(place)


class PrintTranslatorMixin:
    """The LaTeX translator's share of the print edition."""

    matter = "front"

    @cached_property
    def printed_ids(self) -> dict[str, set[str]]:
        """Each id of the book, and the documents it is printed in (Sphinx labels it ``doc:id``)."""
        found: dict[str, set[str]] = {}
        stack = [(self.document, self.curfilestack[0] if self.curfilestack else "")]
        while stack:  # down the children (Sphinx gives start_of_file the children, not their parent)
            node, doc = stack.pop()
            doc = node["docname"] if isinstance(node, addnodes.start_of_file) else doc
            for node_id in node["ids"]:
                found.setdefault(node_id, set()).add(doc)
            stack += [(child, doc) for child in node.children if isinstance(child, nodes.Element)]
        return found

    def printed_label(self, docname: str, anchor: str) -> str | None:
        """The LaTeX label of ``anchor`` as printed in ``docname``, or wherever the book prints it."""
        docs = self.printed_ids.get(anchor, set())
        return f"{docname if docname in docs else min(docs)}:{anchor}" if docs else None

    def visit_start_of_file(self, node):
        super().visit_start_of_file(node)
        numbered = bool(self.builder.env.toc_secnumbers.get(node["docname"]))
        if numbered and self.matter == "front":
            self.matter = "main"
            self.body.append("\\briefbookmainmatter\n")
        elif not numbered and self.matter == "main":
            self.matter = "back"
            self.body.append("\\briefbookbackmatter\n")

    def keep_room(self, lines: float) -> None:
        """A new page unless ``lines`` are left (longtable would leave a head alone at a page's
        foot); waiting figures are placed first, or they would take the room measured."""
        self.body.append(f"\n\\FloatBarrier\\briefbookneedspace{{{min(round(lines), MOST_LINES)}\\baselineskip}}\n")

    def visit_section(self, node):
        opening = table_opening(node)
        if opening:
            opening[0]["briefbook_room_kept"] = True
            self.keep_room(opening[1] + opening_lines(opening[0]))
        super().visit_section(node)

    def visit_table(self, node):
        for spec, width in zip(table_rows(node)[0], column_widths(node) or [], strict=False):
            spec["colwidth"] = width
        if not self.tables and not node.get("briefbook_room_kept"):
            self.keep_room(opening_lines(node))
        super().visit_table(node)

    def depart_reference(self, node):
        """A link to a quotation gives its page in print, as the cite lines do."""
        super().depart_reference(node)
        uri = node.get("refuri", "") or "#" + node.get("refid", "")
        docname, _hash, anchor = uri[1:].partition("#") if uri.startswith("%") else ("", "#", uri[1:])
        if self.in_title or self.in_caption or not anchor.startswith(ids.ANCHOR_PREFIX["quotations"]):
            return
        label = self.printed_label(docname or self.curfilestack[-1], anchor)
        if label:
            page = self.encode(_("p."))
            self.body.append(rf"\briefbookpageref{{{page}}}{{{self.idescape(label)}}}")

    def visit_caption(self, node):
        super().visit_caption(node)
        short = short_caption(node.astext())
        if short and self.body[-1] == r"\caption{" and isinstance(node.parent, nodes.figure):
            self.body[-1] = rf"\caption[{self.encode(short)}]{{"

    def visit_thebibliography(self, node):
        self.body.append("\n\\begin{briefbookbibliography}\n")

    def depart_thebibliography(self, node):
        self.body.append("\\end{briefbookbibliography}\n")

    def visit_literal(self, node):
        """A long hash may break after any eighth character."""
        value = node.astext()
        if self.in_title or len(node.children) != 1 or not HASH.fullmatch(value):
            return super().visit_literal(node)
        chunks = [value[i : i + 8] for i in range(0, len(value), 8)]
        self.body.append(r"\sphinxcode{\sphinxupquote{" + r"\allowbreak{}".join(chunks) + "}}")
        raise nodes.SkipNode

    def visit_Text(self, node):
        """How to cite's APA and Chicago forms are the edition's sentences: typographic in print."""
        line = node.parent.parent if isinstance(node.parent, nodes.emphasis) else node.parent
        if isinstance(line, nodes.paragraph) and EDITION_SENTENCES & set(line["classes"]):
            self.body.append(self.encode(typographic(node.astext())))
        else:
            super().visit_Text(node)

    def visit_container(self, node):
        if "cell_input" in node["classes"] and HIDDEN_INPUT & set(node.parent.get("classes", [])):
            raise nodes.SkipNode  # code the HTML edition folds away is not printed
        if "arabic-verse" not in node["classes"]:
            return super().visit_container(node)
        self.body.append("\n\\begin{briefbookverse}\n")
        for text in list(node.findall(nodes.Text)):
            if isinstance(text.parent, arabic):  # no pause mark left alone at a line's start
                text.parent.replace(text, nodes.Text(PAUSE.sub("\u00a0\\1", text)))

    def depart_container(self, node):
        if "arabic-verse" in node["classes"]:
            self.body.append("\n\\end{briefbookverse}\n")
        else:
            super().depart_container(node)


def print_highlighting(app) -> None:
    if app.builder.format == "latex":
        app.config.pygments_style = PRINT_HIGHLIGHTING
