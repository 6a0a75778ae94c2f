"""What the writers print differently from the HTML (layout: ``briefbook-print.sty``); right-to-left marks."""

import math
import re
from functools import cached_property
from itertools import permutations

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.util.nodes import traverse_parent

from ..edition import typographic
from ..front_matter import numbers
from ..languages import ARABIC_LETTERS
from .bidi import DIR, UPRIGHT, mixed, right_to_left, words
from .nodes import arabic, edition_words, english
from .util import _

ENGLISH_NODES = (english, nodes.literal, nodes.literal_block, nodes.raw, thebibliography)  # numbers set as they are
ARABIC_RUN = re.compile(f"[{ARABIC_LETTERS}]+(?: +[{ARABIC_LETTERS}]+)*")  # Arabic in a code block
PARTS = re.compile(r"[^/.-]+[/.-]*|[/.-]+")  # an address's parts, each ending where it may break
PAUSE = re.compile(" ([\u06d6-\u06dc])")  # the Quran's pause marks: joined to the word before them
EDITION_SENTENCES = {"citation-apa", "citation-chicago"}  # How to cite's forms: the edition's words
HASH = re.compile(r"[0-9a-f]{32,}")
PHRASE = re.compile(r"^(.+?)[.:](?:\s|$)", re.S)  # a caption's short form: up to its first colon or stop
LINE_CHARS = 86  # about how many characters a line of table text holds at the full text width
WORD_MOST, HEAD_WORD_MOST = 18, 7  # a longer word (an address) may break: it sets no column's width
MOST_LINES = 28  # at most this many lines are kept free for a table's opening
SHORT_LINK = 25  # characters: a longer link in right-to-left print gives its page instead


def visit_cite_where_latex(self, node):
    label = self.printed_label(node["docname"], node["anchor"])
    page = [rf"{self.encode(node.get('page_label', 'p.'))}~\pageref{{{self.idescape(label)}}}"] if label else []
    url = [self.address(node["url"], node)] if node.get("url") else []
    if url or page:  # print has no use for the path in the book
        self.body.append(", ".join(url + page))
        raise nodes.SkipNode


def short_caption(text: str) -> str | None:
    """The first phrase of a caption longer than it, for the list of figures."""
    match = PHRASE.match(" ".join(text.split()))
    return match.group(1).strip() if match and len(match.group(1)) < len(" ".join(text.split())) - 1 else None


def wrapped_lines(words: list[str], width: float) -> int:
    width, lines, used = max(width, 1.0), 1, 0.0
    for size in map(len, words):
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0.0
        if size > width:  # an address breaks where it can
            lines, size = lines + int(size // width), size % width
        used += size + (1 if used else 0)
    return lines


def table_rows(table: nodes.table) -> tuple[list[nodes.colspec], list[tuple[nodes.row, list[str]]]]:
    """A table's column specifications, and its rows with the text print shows of each cell (no raw markup)."""
    parts = next(table.findall(nodes.tgroup), nodes.tgroup()).children
    rows = [row for part in parts if isinstance(part, (nodes.thead, nodes.tbody)) for row in part.children]
    shown = [
        [" ".join(t for t in c.findall(nodes.Text) if not isinstance(t.parent, nodes.raw)) for c in r] for r in rows
    ]
    return [c for c in parts if isinstance(c, nodes.colspec)], list(zip(rows, shown, strict=True))


def column_widths(table: nodes.table) -> list[int] | None:
    """Column shares (hundredths): the longest word's, the rest by the words, moved while the table gets shorter."""
    specs, rows = table_rows(table)
    if not rows or any(len(texts) != len(specs) or any(c.get("morecols") for c in row) for row, texts in rows):
        return None
    least = [1] * len(specs)
    for row, texts in rows:
        most = HEAD_WORD_MOST if isinstance(row.parent, nodes.thead) else WORD_MOST
        words = [min(max(map(len, text.split()), default=1), most) for text in texts]
        # a share of the width holds share * LINE_CHARS / 100 characters a line, the cell's padding two of them
        least = [max(low, math.ceil((w + 2) * 100 / LINE_CHARS)) for low, w in zip(least, words, strict=True)]
    if sum(least) >= 100:
        return least
    body = [[t.split() for t in texts] for row, texts in rows if not isinstance(row.parent, nodes.thead)]
    sizes = [sum(len(words) + 1 for words in column) for column in zip(*body, strict=True)] or [1] * len(specs)
    shares = [low + int((100 - sum(least)) * size / sum(sizes)) for low, size in zip(least, sizes, strict=True)]
    shares[shares.index(max(shares))] += 100 - sum(shares)

    def height(trial: list[int]) -> int:  # the body's lines, its words wrapped
        widths = [share * LINE_CHARS / 100 - 2 for share in trial]
        return sum(max(map(wrapped_lines, row, widths)) for row in body)

    while True:  # a hundredth moved from one column to another while the table gets shorter
        pairs = [(i, j) for i, j in permutations(range(len(specs)), 2) if shares[j] > least[j]]
        moves = [[s + (k == i) - (k == j) for k, s in enumerate(shares)] for i, j in pairs]
        found = min(moves, key=height, default=None)
        if found is None or height(found) >= height(shares):
            return shares
        shares = found


def laid_out(table: nodes.table) -> float:
    """The columns set to their print widths; about how many lines the head and first row take (paragraphs too)."""
    specs, rows = table_rows(table)
    for spec, share in zip(specs, column_widths(table) or [], strict=False):
        spec["colwidth"] = share
    total = sum(spec["colwidth"] for spec in specs) or 1
    widths = [max(LINE_CHARS * spec["colwidth"] / total - 2, 1) for spec in specs]
    firsts = [(row, texts) for row, texts in rows if row.parent.index(row) == 0]  # the head's and the body's
    cells = [zip(texts, widths, row.children, strict=False) for row, texts in firsts]
    breaks = [[wrapped_lines(t.split(), w) + len(list(c.findall(nodes.paragraph))[1:]) for t, w, c in r] for r in cells]
    return (sum(max([*row, 1]) for row in breaks) + 1.5) * 0.9 * 1.2  # rules, padding; \small; a heading alone


class RightToLeftCode:
    """In both writers, a right-to-left edition's code block (How to cite's BibTeX): its Arabic runs Arabic."""

    arabic = r'<span lang="ar" dir="rtl">\g<0></span>'

    rtl = property(lambda self: right_to_left(self.config))  # a right-to-left edition

    def visit_literal_block(self, node):
        start = len(self.body)
        try:
            super().visit_literal_block(node)
        finally:  # Sphinx writes the highlighted block whole and raises SkipNode
            if self.rtl:
                self.body[start:] = [ARABIC_RUN.sub(self.arabic, chunk) for chunk in self.body[start:]]


class PrintTranslatorMixin(RightToLeftCode):
    """In right-to-left print: English passages left to right, Arabic emphasis upright, a number with dots one
    left-to-right unit, and a link never wrapped (XeTeX's reversal of a line breaks it)."""

    arabic, matter, unlinked = r"\\textarabic{\g<0>}", "front", False

    def address(self, uri: str, node: nodes.Node) -> str:
        """A web address; in a right-to-left block a part at a time (breaking after / . -), each part a link."""
        if not (self.rtl and mixed(node)):
            return rf"\briefbookurl{{{self.encode_uri(uri)}}}"
        box = r"\mbox{{\sphinxhref{{{}}}{{\sphinxnolinkurl{{{}}}}}}}"
        parts = r"\allowbreak{}".join(box.format(self.encode_uri(uri), self.encode_uri(p)) for p in PARTS.findall(uri))
        return rf"\briefbookaddress{{{parts}}}"

    @cached_property
    def printed_ids(self) -> dict[str, set[str]]:
        """Each id of the book, and the documents it is printed in (Sphinx labels it ``doc:id``)."""
        found: dict[str, set[str]] = {}
        stack = [(self.document, self.curfilestack[0])]
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
        """A new page unless ``lines`` are left (longtable would leave a head alone at a page's foot)."""
        self.body.append(f"\n\\FloatBarrier\\briefbookneedspace{{{min(round(lines), MOST_LINES)}\\baselineskip}}\n")

    def visit_section(self, node):
        """Room for a table's opening after the title and up to two short paragraphs (or a new page)."""
        lines = 3.0  # the title and the space around it
        for child in node.children[1:4]:
            holds = isinstance(child, (nodes.table, nodes.container)) and not any(child.findall(nodes.section))
            table = next(child.findall(nodes.table), None) if holds else None  # a table, or one in a container
            if table is not None:
                table["briefbook_room_kept"] = True
                self.keep_room(lines + laid_out(table))
            if not isinstance(child, nodes.paragraph):
                break
            lines += max(1, -(-len(" ".join(child.astext().split())) // (LINE_CHARS - 2))) + 0.5
        super().visit_section(node)

    def visit_table(self, node):
        opening = laid_out(node)
        if not self.tables and not node.get("briefbook_room_kept"):
            self.keep_room(opening)
        if sum(spec["colwidth"] for spec in node.findall(nodes.colspec)) > 100:  # its longest words do not fit
            self.body.append("\\briefbookhyphenatetable\n")
        super().visit_table(node)

    def visit_reference(self, node):
        """A link to a card gives its page; in right-to-left print (xdvipdfmx drops a link that wraps) so does a long
        link, its words then set in a link's style, only the page linked."""
        uri = node.get("refuri", "") or "#" + node.get("refid", "")
        docname, _hash, anchor = uri[1:].partition("#") if uri.startswith("%") else ("", "#", uri[1:])
        every = self.rtl and len(node.astext()) > SHORT_LINK
        shown = uri.startswith(("%", "#")) and not (self.in_title or self.in_caption)
        used = shown and (every or any(a == anchor for a, _doc in self.builder.env.get_domain("briefbook").uses))
        label = used and self.printed_label(docname or self.curfilestack[-1], anchor)
        page = rf"\briefbookpageref{{{self.encode(_('p.'))}}}{{{self.idescape(label)}}}" if label else ""
        self.unlinked = bool(page) and self.rtl
        if self.rtl and not (page or self.in_title) and mixed(node):  # a link that stays one never wraps
            if node.get("refuri") and node.astext() == node["refuri"]:
                self.body.append(self.address(node["refuri"], node))
                raise nodes.SkipNode
            if len(pieces := words(node)) > 1:
                for n, piece in enumerate(pieces):
                    if type(piece) is str:
                        self.body.append(piece)
                    else:
                        piece.parent, piece["ids"] = node.parent, piece["ids"] if n == 0 else []
                        piece.walkabout(self)
                raise nodes.SkipNode
            self.body.append(r"\mbox{")
            page = "}"
        super().visit_reference(node)
        self.unlinked = False
        self.context[-1] += page  # after the link's own closing

    def visit_number_reference(self, node):  # "Figure 2.1" whole on its line in right-to-left print: see words()
        boxed = self.rtl and mixed(node)
        self.body.append(r"\mbox{" * boxed)
        try:
            super().visit_number_reference(node)
        finally:
            self.body.append("}" * boxed)

    def hyperlink(self, id: str) -> str:
        return "{{" if self.unlinked else super().hyperlink(id)

    def visit_caption(self, node):
        super().visit_caption(node)
        short = short_caption(node.astext())
        if short and self.body[-1] == r"\caption{" and isinstance(node.parent, nodes.figure):
            self.body[-1] = rf"\caption[{self.encode(short)}]{{"

    def visit_literal(self, node):  # a long hash may break after any eighth character
        value = node.astext()
        if self.in_title or len(node.children) != 1 or not HASH.fullmatch(value):
            return super().visit_literal(node)
        self.body.append(r"\sphinxcode{\sphinxupquote{" + r"\allowbreak{}".join(re.findall(".{1,8}", value)) + "}}")
        raise nodes.SkipNode

    def visit_Text(self, node):
        """The edition's words typographic (How to cite's forms, cite lines); a Quranic pause mark kept to its word;
        a number with dots in right-to-left text one left-to-right unit (the Arabic face would set "2.1" reversed)."""
        text, line = node.astext(), node.parent.parent if isinstance(node.parent, nodes.emphasis) else node.parent
        if isinstance(node.parent, edition_words) or EDITION_SENTENCES & set(line.get("classes", ())):
            text = typographic(text)
        elif isinstance(node.parent, arabic):
            text = PAUSE.sub("\u00a0\\1", text)
        english = not self.rtl or any(traverse_parent(node, ENGLISH_NODES))
        self.body.append(self.encode(text) if english else numbers(self.encode(text), self.config.language))

    def visit_paragraph(self, node):
        """All in English, but not opening a list item or citation (their marker would go outside)."""
        opens_item = isinstance(node.parent, (nodes.list_item, nodes.citation)) and node.parent.index(node) == 0
        english = self.rtl and node.get(DIR) == "ltr" and not opens_item
        # bidi mirrors a right-to-left table's cells: there \raggedleft leaves the right ragged
        cell = english and any(traverse_parent(node, nodes.entry))
        self.body.append("\n\\begin{briefbookenglish}" + "\\raggedleft" * cell if english else "")
        self.context.append("\\end{briefbookenglish}\n" if english else "")
        super().visit_paragraph(node)

    def depart_paragraph(self, node):
        super().depart_paragraph(node)
        self.body.append(self.context.pop())

    def visit_emphasis(self, node):
        super().visit_emphasis(node)
        if UPRIGHT in node["classes"]:  # Arabic has no italics
            self.body[-1] = "{"

    def visit_attribution(self, node):  # its dash as itself: Sphinx's '---' needs TeX ligatures (straight quotes)
        self.body.append("\n\\begin{flushright}\n\\textemdash{}")
