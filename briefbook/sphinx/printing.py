"""The print edition: what the LaTeX translator writes differently from the HTML (the layout is
``briefbook-print.sty``): pages in cite lines and links to quotations, the bibliography where
``{bibliography}`` stands, front, main and back matter, short captions, table columns as wide as
their words need with a table's opening kept off a page's foot, breakable hashes, the Arabic verse."""

from __future__ import annotations

import re
from functools import cached_property

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..edition import typographic
from .nodes import arabic
from .util import _

PAUSE = re.compile(" ([\u06d6-\u06dc])")  # the Quran's pause marks: joined to the word before them
EDITION_SENTENCES = {"citation-apa", "citation-chicago"}  # How to cite's forms: the edition's words
HIDDEN_INPUT = {"tag_hide-input", "tag_remove-input"}
HASH = re.compile(r"[0-9a-f]{32,}")
PHRASE = re.compile(r"^(.+?)[.:](?:\s|$)", re.S)  # a caption's short form: up to its first colon or stop
LINE_CHARS = 86  # about how many characters a line of table text holds at the full text width
WORD_MOST, HEAD_WORD_MOST = 18, 7  # a longer word (an address) may break: it sets no column's width
MOST_LINES = 28  # at most this many lines are kept free for a table's opening


class cite_where(nodes.Inline, nodes.TextElement):
    """Where a cite line points: on screen the address (``url``) or path; in print with the page."""


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


class LeaveOutFoldedCode(SphinxPostTransform):
    """A folded (``hide-input``) code cell's source is left out of print and EPUB, before myst-nb folds it."""

    default_priority, builders = 190, ("epub", "latex")

    def run(self, **kwargs) -> None:
        for cell in list(self.document.findall(nodes.container)):
            if "cell_input" in cell["classes"] and HIDDEN_INPUT & set(cell.parent.get("classes", [])):
                cell.parent.remove(cell)


class PlaceBibliography(SphinxPostTransform):
    """Mark the first citation's place before Sphinx gathers the citations at the book's end (750);
    then (:class:`MoveBibliography`) move them back there."""

    default_priority, formats = 740, ("latex",)

    def run(self, **kwargs) -> None:
        if (first := next(self.document.findall(nodes.citation), None)) is not None:
            first.parent.insert(first.parent.index(first), bibliography_place())


class MoveBibliography(PlaceBibliography):
    default_priority = 760

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


def printed_text(node: nodes.Element) -> str:
    """The text of ``node`` that print shows: without raw markup (the HTML's cell labels)."""
    return " ".join(text.astext() for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))


def wrapped_lines(words: list[str], width: float) -> int:
    """How many lines ``words`` take when wrapped, unhyphenated, at ``width`` characters."""
    width, lines, used = max(width, 1.0), 1, 0.0
    for size in map(len, words):
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0.0
        if size > width:  # an address breaks where it can
            lines, size = lines + int(size // width), size % width
        used += size + (1 if used else 0)
    return lines


def table_rows(table: nodes.table) -> tuple[list[nodes.colspec], list[nodes.row]]:
    parts = next(table.findall(nodes.tgroup), nodes.tgroup()).children
    specs = [c for c in parts if isinstance(c, nodes.colspec)]
    return specs, [row for part in parts if isinstance(part, (nodes.thead, nodes.tbody)) for row in part.children]


def column_widths(table: nodes.table) -> list[int] | None:
    """Each column's share of the width (in hundredths) for print: the shares that make the table
    shortest (words wrapped, unhyphenated), each column at least as wide as its longest word. From
    shares in proportion to the text, a hundredth moves at a time while the table gets shorter."""
    specs, rows = table_rows(table)
    cells = [[c for c in row.children if isinstance(c, nodes.entry)] for row in rows]
    count = len(specs)
    if not count or not rows or any(len(row) != count or any(c.get("morecols") for c in row) for row in cells):
        return None
    longest, body = [1] * count, []
    for row, entries in zip(rows, cells, strict=True):
        head = isinstance(row.parent, nodes.thead)  # a heading's long word may hyphenate
        words = [printed_text(cell).split() for cell in entries]
        longest = [max(n, min(max(map(len, w), default=1), HEAD_WORD_MOST if head else WORD_MOST))
                   for n, w in zip(longest, words, strict=True)]  # fmt: skip
        body += [] if head else [words]

    def chars(share: int) -> float:  # a column's characters a line; its padding takes two
        return share * LINE_CHARS / 100 - 2

    def height(trial: list[int]) -> int:
        return sum(max(wrapped_lines(cell, chars(s)) for cell, s in zip(row, trial, strict=True)) for row in body)

    least = [next(share for share in range(1, 101) if chars(share) >= word) for word in longest]
    if sum(least) >= 100:
        return least
    sizes = [sum(len(word) + 1 for word in column) for column in zip(*body, strict=True)] or [1] * count
    shares = [low + int((100 - sum(least)) * size / (sum(sizes) or 1)) for low, size in zip(least, sizes, strict=True)]
    shares[shares.index(max(shares))] += 100 - sum(shares)
    while True:
        moves = [[s + (k == i) - (k == j) for k, s in enumerate(shares)]
                 for i in range(count) for j in range(count) if i != j and shares[j] > least[j]]  # fmt: skip
        found = min(moves, key=height, default=None)
        if found is None or height(found) >= height(shares):
            return shares
        shares = found


def opening_lines(table: nodes.table) -> float:
    """About how many lines a table's head and first row take, in its smaller size."""
    specs, rows = table_rows(table)
    widths = column_widths(table) or [spec["colwidth"] for spec in specs]
    need = 1.5  # rules and padding
    for row in [r for r in rows if r.parent.index(r) == 0]:  # the first row of the head and of the body
        cells = [c for c in row.children if isinstance(c, nodes.entry)]
        need += max((wrapped_lines(printed_text(c).split(), LINE_CHARS * w / (sum(widths) or 1) - 2)
                     for c, w in zip(cells, widths, strict=False)), default=1)  # fmt: skip
    return need * 0.9 * 1.2  # \small lines; a fifth more, as a heading left alone is worse than a short page


def table_opening(section: nodes.section) -> tuple[nodes.table, float] | None:
    """A table after a section's title and at most two short paragraphs, and the lines before it."""
    lines = 3.0  # the title and the space around it
    for child in section.children[1:4]:
        table = child if isinstance(child, nodes.table) else None
        if table is None and isinstance(child, nodes.container) and not any(child.findall(nodes.section)):
            table = next(child.findall(nodes.table), None)
        if table is not None:
            return table, lines
        if not isinstance(child, nodes.paragraph):
            return None
        lines += max(1, -(-len(" ".join(child.astext().split())) // (LINE_CHARS - 2))) + 0.5
    return None


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
        if matter := {("front", True): "main", ("main", False): "back"}.get((self.matter, numbered)):
            self.matter = matter
            self.body.append(f"\\briefbook{matter}matter\n")

    def keep_room(self, lines: float) -> None:
        """A new page unless ``lines`` are left (longtable would leave a head alone at a page's
        foot); waiting figures are placed first, or they would take the room measured."""
        self.body.append(f"\n\\FloatBarrier\\briefbookneedspace{{{min(round(lines), MOST_LINES)}\\baselineskip}}\n")

    def visit_section(self, node):
        if opening := table_opening(node):
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
        if self.in_title or self.in_caption or anchor not in self.builder.env.get_domain("briefbook").uses:
            return
        if label := self.printed_label(docname or self.curfilestack[-1], anchor):
            page = self.encode(_("p."))
            self.body.append(rf"\briefbookpageref{{{page}}}{{{self.idescape(label)}}}")

    def visit_caption(self, node):
        super().visit_caption(node)
        short = short_caption(node.astext())
        if short and self.body[-1] == r"\caption{" and isinstance(node.parent, nodes.figure):
            self.body[-1] = rf"\caption[{self.encode(short)}]{{"

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
        app.config.pygments_style = "bw"  # Pygments' black style: the screen's colours are too pale on paper
