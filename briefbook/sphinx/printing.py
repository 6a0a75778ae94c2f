"""The print edition: what the LaTeX translator writes differently from the HTML, and the layout
it relies on (``briefbook-print.sty``, beside this module).

- A cite line's place in the book is an address or a path on screen, and in print the address
  and the page number, or the page number alone (:class:`cite_where`, made by :mod:`.citelines`).
- The bibliography is set inside the References chapter, where ``{bibliography}`` stands,
  rather than in a chapter of its own that Sphinx appends to the book.
- The chapters of the numbered part start the arabic page numbers; the back matter's chapters
  and sections are unnumbered, as in the HTML edition.
- A figure's long caption has a short form for the list of figures: its first phrase.
- Long hashes may break, the Arabic verse is a right-to-left display block, and no pause mark
  of the verse is left alone at the start of a line.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..edition import typographic
from .nodes import arabic

# The Quran's pause marks (U+06D6 to U+06DC) are combining marks written after a space; joined to
# the word before them, they cannot begin a line.
PAUSE = re.compile(" ([\u06d6-\u06dc])")
EDITION_SENTENCES = {"citation-apa", "citation-chicago"}
HIDDEN_INPUT = {"tag_hide-input", "tag_remove-input"}
HASH = re.compile(r"[0-9a-f]{32,}")
# About how many characters a line of table text holds at the full text width (\small Noto Serif).
LINE_CHARS = 86
# At most this share of a page (in lines) is kept free for a table's opening.
MOST_LINES = 28
# A caption's short form ends at its first colon or full stop followed by a space.
PHRASE = re.compile(r"^(.+?)[.:](?:\s|$)", re.S)


class cite_where(nodes.Inline, nodes.TextElement):
    """Where a cite line points: on screen the part's address (``url``, when the book's address
    is set) or its path in the book; in print the address and the page, or the page alone."""


class edition_words(nodes.Inline, nodes.TextElement):
    """The edition's own words in a line that may also quote the data (a cite line): as written
    on screen, with typographic quotation marks and apostrophes in print."""


class bibliography_place(nodes.General, nodes.Element):
    """Where the bibliography is printed (the first citation's place), until it is moved there."""


def visit_skip(self, node):
    pass


def depart_skip(self, node):
    pass


def visit_cite_where_latex(self, node):
    """In print, a cite line gives the page: after the part's absolute address, or instead of its
    path in the book (which print has no use for)."""
    label = self.printed_label(node["docname"], node["anchor"])
    page = rf"{self.encode(node.get('page_label', 'p.'))}~\pageref{{{self.idescape(label)}}}" if label else ""
    if node.get("url"):
        self.body.append(rf"\sphinxurl{{{self.encode_uri(node['url'])}}}" + (f", {page}" if page else ""))
        raise nodes.SkipNode
    if page:
        self.body.append(page)
        raise nodes.SkipNode


def visit_edition_words_latex(self, node):
    self.body.append(self.encode(typographic(node.astext())))
    raise nodes.SkipNode


def short_caption(text: str) -> str | None:
    """The first phrase of a caption longer than it, for the list of figures."""
    text = " ".join(text.split())
    match = PHRASE.match(text)
    if not match or len(match.group(1)) >= len(text) - 1:
        return None
    return match.group(1).strip()


def lines_of(text: str, share: float) -> int:
    """About how many lines ``text`` takes in a column holding ``share`` of the text width."""
    per_line = max(8, int(share * LINE_CHARS) - 2)
    return max(1, -(-len(" ".join(text.split())) // per_line))


def opening_lines(table: nodes.table) -> float:
    """About how many lines of text a table's head and first row take, in its smaller size."""
    group = next(table.findall(nodes.tgroup), None)
    if group is None:
        return 0
    widths = [spec["colwidth"] for spec in group.children if isinstance(spec, nodes.colspec)]
    rows = [
        next(iter(part.findall(nodes.row)), None)
        for part in group.children
        if isinstance(part, (nodes.thead, nodes.tbody))
    ]
    total = sum(widths) or 1
    need = 1.5  # rules and padding
    for row in filter(None, rows):
        cells = [c for c in row.children if isinstance(c, nodes.entry)]
        need += max((lines_of(c.astext(), w / total) for c, w in zip(cells, widths, strict=False)), default=1)
    return need * 0.9  # tables are set \small


def table_opening(section: nodes.section) -> tuple[nodes.table, float] | None:
    """A table that follows a section's title after at most two short paragraphs, and the lines
    that title and paragraphs take: they should not be left at the foot of a page without it."""
    lines = 3.0  # the title and the space around it
    for child in section.children[1:4]:
        table = child if isinstance(child, nodes.table) else None
        if table is None and isinstance(child, nodes.container) and not any(child.findall(nodes.section)):
            table = next(child.findall(nodes.table), None)
        if table is not None:
            return table, lines
        if not isinstance(child, nodes.paragraph):
            return None
        lines += lines_of(child.astext(), 1.0) + 0.5
    return None


class MarkBibliography(SphinxPostTransform):
    """Before Sphinx gathers every citation at the end of the book (priority 750), mark the place
    of the first one: the References chapter's ``{bibliography}``."""

    default_priority = 740
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        first = next(iter(self.document.findall(nodes.citation)), None)
        if first is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class PlaceBibliography(SphinxPostTransform):
    """Move the gathered bibliography back to the marked place."""

    default_priority = 760
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        places = list(self.document.findall(bibliography_place))
        gathered = list(self.document.findall(thebibliography))
        if places and gathered:
            gathered[0].parent.remove(gathered[0])
            places[0].replace_self(gathered[0])
            places = places[1:]
        for place in places:
            place.parent.remove(place)


class PrintTranslatorMixin:
    """The LaTeX translator's share of the print edition."""

    _printed_ids: dict[str, set[str]] | None = None
    _matter: str = "front"

    def printed_label(self, docname: str, anchor: str) -> str | None:
        """The LaTeX label of ``anchor`` as printed in ``docname`` (Sphinx labels every id as
        ``docname:id``), or else wherever the book prints it; None if it does not."""
        if self._printed_ids is None:
            self._printed_ids = {}
            doc = self.curfilestack[0] if self.curfilestack else ""
            self._collect_ids(self.document, doc)
        docs = self._printed_ids.get(anchor, set())
        if docname in docs:
            return f"{docname}:{anchor}"
        return f"{sorted(docs)[0]}:{anchor}" if docs else None

    def _collect_ids(self, node, doc: str) -> None:
        if isinstance(node, addnodes.start_of_file):
            doc = node["docname"]
        if isinstance(node, nodes.Element):
            for node_id in node["ids"]:
                self._printed_ids.setdefault(node_id, set()).add(doc)
            for child in node.children:
                self._collect_ids(child, doc)

    def visit_start_of_file(self, node):
        super().visit_start_of_file(node)
        numbered = bool(self.builder.env.toc_secnumbers.get(node["docname"]))
        if numbered and self._matter == "front":
            self._matter = "main"
            self.body.append("\\briefbookmainmatter\n")
        elif not numbered and self._matter == "main":
            self._matter = "back"
            self.body.append("\\briefbookbackmatter\n")

    def keep_room(self, lines: float) -> None:
        """Start a new page unless ``lines`` lines are left: longtable would otherwise leave a
        table's head alone at the foot of a page and repeat it at the top of the next."""
        self.body.append(f"\n\\Needspace*{{{min(round(lines), MOST_LINES)}\\baselineskip}}\n")

    def visit_section(self, node):
        opening = table_opening(node)
        if opening:
            table, lines = opening
            table["briefbook_room_kept"] = True
            self.keep_room(lines + opening_lines(table))
        super().visit_section(node)

    def visit_table(self, node):
        if not self.tables and not node.get("briefbook_room_kept"):
            self.keep_room(opening_lines(node))
        super().visit_table(node)

    def visit_caption(self, node):
        figure = isinstance(node.parent, nodes.figure)
        if figure and not self.table and not self.in_minipage:
            short = short_caption(node.astext())
            if short:
                self.in_caption += 1
                self.body.append(rf"\caption[{self.encode(short)}]{{")
                return
        super().visit_caption(node)

    def visit_thebibliography(self, node):
        self.body.append("\n\\begin{briefbookbibliography}\n")

    def depart_thebibliography(self, node):
        self.body.append("\\end{briefbookbibliography}\n")

    def visit_literal(self, node):
        """A long hash may break after any eighth character."""
        value = node.astext()
        if not self.in_title and len(node.children) == 1 and HASH.fullmatch(value):
            chunks = [value[i : i + 8] for i in range(0, len(value), 8)]
            self.body.append(r"\sphinxcode{\sphinxupquote{" + r"\allowbreak{}".join(chunks) + "}}")
            raise nodes.SkipNode
        super().visit_literal(node)

    def visit_Text(self, node):
        """The How to cite page's APA and Chicago forms are the edition's own sentences (from
        CITATION.cff, not from the data): in print they get typographic apostrophes and quotation
        marks, as the prose does. BibTeX stays as written."""
        line = node.parent.parent if isinstance(node.parent, nodes.emphasis) else node.parent
        if isinstance(line, nodes.paragraph) and EDITION_SENTENCES & set(line["classes"]):
            self.body.append(self.encode(typographic(node.astext())))
            return
        super().visit_Text(node)

    def visit_container(self, node):
        classes = node["classes"]
        if "cell_input" in classes and HIDDEN_INPUT & set(node.parent.get("classes", [])):
            raise nodes.SkipNode  # code the HTML edition folds away is not printed
        if "arabic-verse" in classes:
            self.body.append("\n\\begin{briefbookverse}\n")
            for child in list(node.findall(nodes.Text)):
                if isinstance(child.parent, arabic):
                    child.parent.replace(child, nodes.Text(PAUSE.sub("\u00a0\\1", str(child))))
            return
        super().visit_container(node)

    def depart_container(self, node):
        if "arabic-verse" in node["classes"]:
            self.body.append("\n\\end{briefbookverse}\n")
            return
        super().depart_container(node)


def register(app) -> None:
    app.add_node(cite_where, html=(visit_skip, depart_skip), latex=(visit_cite_where_latex, depart_skip))
    app.add_node(edition_words, html=(visit_skip, depart_skip), latex=(visit_edition_words_latex, depart_skip))
    app.add_node(bibliography_place)
    app.add_post_transform(MarkBibliography)
    app.add_post_transform(PlaceBibliography)
