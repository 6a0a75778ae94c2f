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

from .. import ids
from ..edition import typographic
from .nodes import arabic
from .util import _

# The Quran's pause marks (U+06D6 to U+06DC) are combining marks written after a space; joined to
# the word before them, they cannot begin a line.
PAUSE = re.compile(" ([\u06d6-\u06dc])")
EDITION_SENTENCES = {"citation-apa", "citation-chicago"}
HIDDEN_INPUT = {"tag_hide-input", "tag_remove-input"}
HASH = re.compile(r"[0-9a-f]{32,}")
# About how many characters a line of table text holds at the full text width (\small Noto Serif).
LINE_CHARS = 86
# A word longer than this (an address) may break where it can: it does not set a column's width.
WORD_MOST = 18
HEAD_WORD_MOST = 7
# At most this share of a page (in lines) is kept free for a table's opening.
MOST_LINES = 28
# Pygments' style for code in print.
PRINT_HIGHLIGHTING = "bw"
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
    widths = column_widths(table) or [spec["colwidth"] for spec in group.children if isinstance(spec, nodes.colspec)]
    rows = [
        next(iter(part.findall(nodes.row)), None)
        for part in group.children
        if isinstance(part, (nodes.thead, nodes.tbody))
    ]
    total = sum(widths) or 1
    need = 1.5  # rules and padding
    for row in filter(None, rows):
        cells = [c for c in row.children if isinstance(c, nodes.entry)]
        need += max(
            (
                wrapped_lines(printed_text(c).split(), LINE_CHARS * w / total - 2)
                for c, w in zip(cells, widths, strict=False)
            ),
            default=1,
        )
    # Tables are set \small (lines about 0.9 of the text's); a line in five is added for the
    # estimate's error, since a heading left without its table is worse than a page ended early.
    return need * 0.9 * 1.2


def printed_text(node: nodes.Element) -> str:
    """The text of ``node`` that print shows: without raw markup (the HTML's cell labels)."""
    return " ".join(text.astext() for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))


def wrapped_lines(words: list[str], width: float) -> int:
    """How many lines ``words`` take when wrapped, unhyphenated, at ``width`` characters."""
    width = max(width, 1.0)
    lines, used = 1, 0.0
    for word in words:
        size = len(word)
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0.0
        if size > width:  # an address breaks where it can
            lines += int(size // width)
            size = size % width
        used += size + (1 if used else 0)
    return lines


def column_widths(table: nodes.table) -> list[int] | None:
    """Each column's share of the width (in hundredths) for print, from what its cells hold: the
    shares that make the table shortest (each row as tall as its tallest cell, words wrapped
    without hyphenation), each column at least as wide as its longest word (words are not
    hyphenated in a table's body, so a narrower column would overprint the next). It starts from
    shares in proportion to the text and moves a hundredth at a time while the table gets shorter:
    a column of single digits stays narrow; a column of notes is not squeezed into a tall ribbon."""
    group = next(table.findall(nodes.tgroup), None)
    if group is None:
        return None
    specs = [spec for spec in group.children if isinstance(spec, nodes.colspec)]
    rows = [row for part in group.children if isinstance(part, (nodes.thead, nodes.tbody)) for row in part.children]
    if not specs or not rows or any(entry.get("morecols") for row in rows for entry in row.children):
        return None
    count = len(specs)
    longest, body = [1] * count, []
    for row in rows:
        cells = [cell for cell in row.children if isinstance(cell, nodes.entry)]
        if len(cells) != count:
            return None
        head = isinstance(row.parent, nodes.thead)
        words = [printed_text(cell).split() for cell in cells]
        for i, found in enumerate(words):
            most = HEAD_WORD_MOST if head else WORD_MOST  # a heading's long word may hyphenate
            longest[i] = max(longest[i], min(max(map(len, found), default=1), most))
        if not head:
            body.append(words)

    def chars(share: int) -> float:  # a column's characters a line; its padding takes two
        return share * LINE_CHARS / 100 - 2

    least = [next(share for share in range(1, 101) if chars(share) >= word) for word in longest]
    if sum(least) >= 100:
        shares = least
    else:
        spare = 100 - sum(least)
        sizes = [sum(len(word) + 1 for word in column) for column in zip(*body, strict=True)] or [1] * count
        shares = [low + int(spare * size / (sum(sizes) or 1)) for low, size in zip(least, sizes, strict=True)]
        shares[shares.index(max(shares))] += 100 - sum(shares)

        def height(trial: list[int]) -> int:
            return sum(max(wrapped_lines(cell, chars(s)) for cell, s in zip(row, trial, strict=True)) for row in body)

        best = height(shares)
        for _ in range(400):  # move one hundredth at a time while the table gets shorter
            moves = [
                [s + (k == i) - (k == j) for k, s in enumerate(shares)]
                for i in range(count)
                for j in range(count)
                if i != j and shares[j] > least[j]
            ]
            found = min(moves, key=height, default=None)
            if found is None or height(found) >= best:
                break
            shares, best = found, height(found)
    return shares


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
        # Figures waiting to float are placed first: placeins would place them at the next \section,
        # after the room was measured, and push the heading it kept room for to the foot of a page.
        self.body.append(f"\n\\FloatBarrier\\briefbookneedspace{{{min(round(lines), MOST_LINES)}\\baselineskip}}\n")

    def visit_section(self, node):
        opening = table_opening(node)
        if opening:
            table, lines = opening
            table["briefbook_room_kept"] = True
            self.keep_room(lines + opening_lines(table))
        super().visit_section(node)

    def visit_reference(self, node):
        """A link to a quotation (a card, or its row in the register) gives the page in print, as
        the cite lines do: on paper a link without a page leads nowhere."""
        super().visit_reference(node)
        label = self._quotation_label(node)
        if label and self.context and self.context[-1] == "}}}":
            page = self.encode(_("p."))
            self.context[-1] += rf"\briefbookpageref{{{page}}}{{{self.idescape(label)}}}"

    def _quotation_label(self, node) -> str | None:
        if self.in_title or self.in_caption:
            return None
        uri = node.get("refuri", "") or (f"#{node['refid']}" if node.get("refid") else "")
        if uri.startswith("%") and "#" in uri:
            docname, anchor = uri[1:].split("#", 1)
        elif uri.startswith("#"):
            docname, anchor = self.curfilestack[-1], uri[1:]
        else:
            return None
        if not anchor.startswith(ids.ANCHOR_PREFIX["quotations"]):
            return None
        return self.printed_label(docname, anchor)

    def visit_table(self, node):
        widths = column_widths(node)
        if widths:
            specs = [spec for spec in next(node.findall(nodes.tgroup)).children if isinstance(spec, nodes.colspec)]
            for spec, width in zip(specs, widths, strict=True):
                spec["colwidth"] = width
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


def print_highlighting(app) -> None:
    """Code in print is black (Pygments' ``bw``: bold and italic only): the screen's colours for
    keywords (``@book`` in a BibTeX block) are too pale on paper (under 4.5:1 on white)."""
    if app.builder.format == "latex":
        app.config.pygments_style = PRINT_HIGHLIGHTING
