"""Print tables: each column's width from the words its cells hold, and how many lines a table's
opening takes (kept together at a page's foot by :class:`.printing.PrintTranslatorMixin`)."""

from __future__ import annotations

from docutils import nodes

LINE_CHARS = 86  # about how many characters a line of table text holds at the full text width
WORD_MOST, HEAD_WORD_MOST = 18, 7  # a longer word (an address) may break: it sets no column's width


def printed_text(node: nodes.Element) -> str:
    """The text of ``node`` that print shows: without raw markup (the HTML's cell labels)."""
    return " ".join(text.astext() for text in node.findall(nodes.Text) if not isinstance(text.parent, nodes.raw))


def wrapped_lines(words: list[str], width: float) -> int:
    """How many lines ``words`` take when wrapped, unhyphenated, at ``width`` characters."""
    width = max(width, 1.0)
    lines, used = 1, 0.0
    for size in map(len, words):
        if used and used + 1 + size > width:
            lines, used = lines + 1, 0.0
        if size > width:  # an address breaks where it can
            lines, size = lines + int(size // width), size % width
        used += size + (1 if used else 0)
    return lines


def table_rows(table: nodes.table) -> tuple[list[nodes.colspec], list[nodes.row]]:
    group = next(table.findall(nodes.tgroup), None)
    parts = group.children if group is not None else []
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
    best = height(shares)
    for _step in range(400):
        moves = [[s + (k == i) - (k == j) for k, s in enumerate(shares)]
                 for i in range(count) for j in range(count) if i != j and shares[j] > least[j]]  # fmt: skip
        found = min(moves, key=height, default=None)
        if found is None or height(found) >= best:
            break
        shares, best = found, height(found)
    return shares


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
