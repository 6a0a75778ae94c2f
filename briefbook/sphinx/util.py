"""Node builders shared by the directives, and the base directive that reads the data package.

Text from the data only ever becomes docutils Text nodes, so the HTML and LaTeX writers escape
it; only identifiers that the schema restricts to ``[a-z0-9-]`` reach markup.

The words the extension writes itself are in the page's language (``language`` of the
configuration): each is marked ``_("…", env)`` where it is written, as a whole sentence with
``{name}`` placeholders (:func:`fill` puts nodes in them), and translated from the package's
catalog, ``locales/<language>/LC_MESSAGES/briefbook.po`` (:func:`briefbook.i18n.gettext`).
"""

from __future__ import annotations

import functools
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .. import i18n, ids, markup
from ..data import Dataset, split
from ..i18n import dates
from .nodes import arabic, english, foreign, supplied
from .project import code_files, dataset, edition_language, project_of

SUPPLIED_CLOSE = "{+”}"  # the closing quotation mark supplied where the brief leaves one open
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def language(env) -> str:
    """The language the page is written in: the configuration's, if the book has it, else English."""
    return edition_language(env.config)


def translated(env) -> bool:
    """Whether the page is in another language than the English the book is written in."""
    return language(env) != i18n.SOURCE


def _(message: str, env=None) -> str:
    """``message`` in the page's language. Without ``env`` it only marks a message for extraction
    (a table of words kept at module level) and returns it unchanged, to be translated where used."""
    if env is None or not translated(env):
        return message
    return i18n.gettext(message, language(env), project_of(env).root)


def in_sequence(items: list[nodes.Node], env, *, last: bool = False) -> list[nodes.Node]:
    """Items one after another: "a, b, c", or with ``last`` "a, b and c", in the page's language."""
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(text(_(" and ", env) if last and i == len(items) - 1 else _(", ", env)))
        out.append(item)
    return out


def fill(template: str, **parts) -> list[nodes.Node]:
    """A translated sentence as nodes: each ``{name}`` replaced by ``parts[name]`` (a node, a list of
    nodes, or text), the rest as text; the translation decides where each part stands."""
    out: list[nodes.Node] = []
    for i, piece in enumerate(PLACEHOLDER.split(template)):
        if not i % 2:
            out += [text(piece)] if piece else []
            continue
        part = parts[piece]
        out += part if isinstance(part, list) else [part] if isinstance(part, nodes.Node) else [text(part)]
    return out


def long_date(ts, env=None) -> str:
    """ "29 June 2021" in the page's language (:func:`briefbook.i18n.dates.long_date`)."""
    return dates.long_date(ts, language(env) if env is not None else i18n.SOURCE)


def day_month(ts, env) -> str:
    """ "29 June"; in Arabic the month's both names, "29 حزيران/يونيو", as tables and text give it."""
    return dates.day_month(ts, language(env), short=False)


def in_language(lang: str, children: list[nodes.Node], env) -> list[nodes.Node]:
    """``children``, text in language ``lang``, marked as such where the page is in another language
    (``lang`` and ``dir`` in HTML, polyglossia's language in LaTeX); as they are where it is not."""
    if lang == language(env):
        return list(children)
    kind = {"en": english, "ar": arabic}.get(lang)
    if kind is not None:
        return [kind("", "", *children)]
    return [foreign("", "", *children, lang=lang, dir=i18n.direction(lang))]


def cell(row, name: str) -> str:
    """A row's text in column ``name`` ('' where the table has no such column or the cell is empty):
    for the columns that a dataset may not have yet (the translations of the brief's words, the
    original-language text of a statement)."""
    found = row.get(name) if hasattr(row, "get") else getattr(row, name, None)
    return found if isinstance(found, str) else ""


def listed(items, env) -> str:
    """Items one after the other, separated as the language separates them ("; ", "؛ ")."""
    # TRANSLATORS: the separator between the items of a list (codes, audiences): a semicolon and a space.
    return _("; ", env).join(items)


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
    the edition's marks ([sic], ⟨supplied⟩) set apart so that they cannot pass for the brief's.
    The text is printed inside double quotation marks, so its own double marks are made single
    (:func:`briefbook.markup.nested`); a closing mark the edition supplies ({+”}) stays double."""
    out: list[nodes.Node] = []
    for span in markup.spans(value):
        if span.kind == "em":
            out.append(nodes.emphasis("", markup.nested(span.text)))
        elif span.kind == "strong":
            out.append(nodes.strong("", markup.nested(span.text)))
        elif span.kind == "sic":
            out.append(nodes.emphasis("", span.text, classes=["edition-mark", "edition-sic"]))
        elif span.kind == "supplied":
            out.append(supplied("", f"⟨{span.text}⟩", classes=["edition-mark", "edition-supplied"]))
        else:
            out.append(text(markup.nested(span.text)))
    return out


def when_nodes(day: str, row, env=None) -> list[nodes.Node]:
    """A date with its reported time, and what fixes its place among the day's rows."""
    out = [text(_("{day}, {time}.", env).format(day=day, time=row.time_local) if row.time_local else f"{day}.")]
    if row.order_note:
        note = _("Order within the day: {note}", env).format(note=row.order_note)
        out += [text(" "), nodes.inline("", note, classes=["order-note"])]
    return out


def table(headers: list[str], rows: list[list], widths: list[int], classes=()) -> nodes.table:
    """A table with fixed proportional widths (HTML colgroup, LaTeX p-columns) that may break
    across pages; a cell is a paragraph, a node, a list of nodes, a tuple of block nodes (a
    paragraph and a cite line, say) or text. In HTML each cell
    carries its column's header (an empty ``span.cell-label`` with ``data-label``), which
    briefbook.css shows where a phone stacks the rows as cards; the cell's text is unchanged. A
    cell without text has no label, so that a card names only what it holds."""
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
            if entry.astext().strip():  # an empty cell has no label: a phone's card leaves it out
                entry[0].insert(0, nodes.raw("", label, format="html"))
            row += entry
        body += row
    return node


def written_by_the_edition(found: list[nodes.Node]) -> list[nodes.Node]:
    """Nodes the extension writes in the page's language itself (its words from the package's
    catalog, the data's from their translations): no message of the page's catalog, so Sphinx
    neither extracts nor translates them, nor counts them as passages left untranslated."""
    for node in found:
        for element in node.findall(nodes.TextElement):
            # Inline nodes are no messages anyway; marked, Sphinx would unwrap them (RemoveTranslatableInline)
            if not isinstance(element, nodes.Inline):
                element["translatable"] = False
    return found


class EditionDirective(SphinxDirective):
    """A directive whose output the extension writes in the page's language (:func:`written_by_the_edition`)."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        run = cls.__dict__.get("run")
        if run is not None:

            @functools.wraps(run)
            def in_the_page_language(self):
                return written_by_the_edition(run(self))

            cls.run = in_the_page_language


class DataDirective(EditionDirective):
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
