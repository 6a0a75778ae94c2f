"""Node builders shared by the directives, and the base directive that reads the data package.

Text from the data only ever becomes docutils Text nodes, so the HTML and LaTeX writers escape
it; only identifiers that the schema restricts to ``[a-z0-9-]`` reach markup.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .. import ids, markup
from ..data import Dataset, split
from .project import code_files, dataset, project_of

SUPPLIED_CLOSE = "{+”}"  # the closing quotation mark supplied where the brief leaves one open


def long_date(ts) -> str:
    return f"{ts.day} {ts:%B %Y}"


def para(*children, classes=None) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=classes or [])


def text(value: str) -> nodes.Text:
    return nodes.Text(str(value))


def field(name: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name("", name), nodes.field_body("", para(*body)))


def verbatim(node: nodes.Element) -> nodes.Element:
    """Exempt text from the data from smart quotes, which would turn '...' into '…' or " into “:
    quotations must stay exact, and every field is shown as its author wrote it."""
    node["support_smartquotes"] = False
    return node


def target(anchor: str, document) -> nodes.target:
    node = nodes.target("", "", ids=[anchor], names=[anchor])
    document.note_explicit_target(node)
    return node


def brief_nodes(value: str) -> list[nodes.Node]:
    """Text quoted from the brief (:mod:`briefbook.markup`) as nodes: its italics and bold, and
    the edition's marks ([sic], ⟨supplied⟩) set apart so that they cannot pass for the brief's."""
    out: list[nodes.Node] = []
    for span in markup.spans(value):
        if span.kind == "em":
            out.append(nodes.emphasis("", span.text))
        elif span.kind == "strong":
            out.append(nodes.strong("", span.text))
        elif span.kind == "sic":
            out.append(nodes.emphasis("", span.text, classes=["edition-mark", "edition-sic"]))
        elif span.kind == "supplied":
            out.append(nodes.inline("", f"⟨{span.text}⟩", classes=["edition-mark", "edition-supplied"]))
        else:
            out.append(text(span.text))
    return out


def when_nodes(day: str, row) -> list[nodes.Node]:
    """A date with its reported time, and what fixes its place among the day's rows."""
    out = [text((f"{day}, {row.time_local}" if row.time_local else day) + ".")]
    if row.order_note:
        out += [text(" "), nodes.inline("", f"Order within the day: {row.order_note}", classes=["order-note"])]
    return out


def table(headers: list[str], rows: list[list], widths: list[int], classes=()) -> nodes.table:
    """A table with fixed proportional widths (HTML colgroup, LaTeX p-columns) that may break
    across pages; a cell is a paragraph, a node, a list of nodes, a tuple of block nodes (a
    paragraph and a cite line, say) or text. In HTML each cell
    carries its column's header (an empty ``span.cell-label`` with ``data-label``), which
    briefbook.css shows where a phone stacks the rows as cards; the cell's text is unchanged."""
    from html import escape

    node = verbatim(nodes.table(classes=["briefbook-table", "colwidths-given", "longtable", *classes]))
    group = nodes.tgroup(cols=len(headers))
    node += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    group += nodes.thead("", nodes.row("", *[nodes.entry("", para(text(h))) for h in headers]))
    body = nodes.tbody()
    group += body
    labels = [f'<span class="cell-label" data-label="{escape(h, quote=True)}"></span>' for h in headers]
    for cells in rows:
        row = nodes.row()
        for label, cell in zip(labels, cells, strict=True):
            if isinstance(cell, nodes.paragraph):
                entry = nodes.entry("", cell)
            elif isinstance(cell, tuple):
                entry = nodes.entry("", *cell)
            elif isinstance(cell, nodes.Node):
                entry = nodes.entry("", para(cell))
            elif isinstance(cell, list):
                entry = nodes.entry("", para(*cell))
            else:
                entry = nodes.entry("", para(text(cell)))
            entry[0].insert(0, nodes.raw("", label, format="html"))
            row += entry
        body += row
    return node


class DataDirective(SphinxDirective):
    """A directive drawn from the data package: its page is read again when the tables it uses,
    their schema or the package's code change."""

    tables: tuple[str, ...] = ()

    @property
    def data(self) -> Dataset:
        project = project_of(self.env)
        for path in [*(project.table_file(name) for name in self.tables), project.descriptor, *code_files()]:
            self.env.note_dependency(str(path))
        return dataset(self.env)

    def inline(self, source: str) -> list[nodes.Node]:
        """Parse trusted MyST inline markup (roles with validated ids only)."""
        parsed, messages = self.state.inline_text(source, self.lineno)
        return parsed + messages

    def cite(self, keys: str, role: str = "p") -> list[nodes.Node]:
        """Citations of BibTeX keys: ``p`` in parentheses, ``alp`` without them (inside brackets)."""
        keys = [k for k in split(keys) if ids.SAFE.match(k)]
        return self.inline("{cite:" + role + "}`" + ",".join(keys) + "`") if keys else []

    def download(self, path: str, label: str) -> list[nodes.Node]:
        """A download link to a file of the project (a validated name, never text from the data)."""
        return self.inline("{download}`" + label + " </" + path + ">`")

    def ref(self, anchor: str, title: str) -> list[nodes.Node]:
        return ref(self.env, anchor, title)


def ref(env, anchor: str, title: str) -> list[nodes.Node]:
    """A cross-reference to a label, built as a node: the title (from the data) is never parsed."""
    if not ids.SAFE.match(anchor):
        raise ValueError(f"unsafe anchor {anchor!r}")
    node = addnodes.pending_xref(
        "",
        nodes.inline("", title, classes=["xref", "std", "std-ref"]),
        refdomain="std",
        reftype="ref",
        reftarget=anchor.lower(),
        refexplicit=True,
        refwarn=True,
    )
    node["refdoc"] = env.docname
    return [node]
