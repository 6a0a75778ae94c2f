"""Node builders and base directives: the data's text only ever becomes Text nodes (the writers escape it), and its
tables, cards and lists keep it as written (``support_smartquotes``: quotations exact)."""

import functools
import re
from html import escape

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .. import markup
from ..data import split
from ..languages import RTL_LETTER, SOURCE, direction
from ..package import did_you_mean
from .nodes import _, arabic, english, foreign, supplied
from .project import dataset, project_of

text = nodes.Text  # (of any value: its str)
SAFE = re.compile(r"^[A-Za-z0-9_:-]+$")  # BibTeX keys and anchors that may reach markup
SUPPLIED_CLOSE = "{+”}"  # the closing quotation mark supplied where the brief leaves one open
# Marks inside a translation in quotation marks (typography, not an edit): «… “…” …», “… ‘…’ …».
INNER = {"«": str.maketrans({"«": "“", "»": "”"}), "“": markup.NESTED}
BRIEF = {  # the brief's spans (briefbook.markup): its emphasis, the edition's marks set apart
    "em": lambda words: nodes.emphasis("", markup.nested(words)),
    "strong": lambda words: nodes.strong("", markup.nested(words)),
    "sic": lambda words: nodes.emphasis("", words, classes=["edition-mark", "edition-sic"]),
    "supplied": lambda words: supplied("", f"⟨{words}⟩", classes=["edition-mark", "edition-supplied"]),
}


def para(*children, classes=None) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=classes or [])


def paras(shown: list[nodes.Node]) -> list[nodes.Element]:
    """The inline nodes in a paragraph, then the blocks (a translation's): no paragraph inside another (XHTML)."""
    blocks = [n for n in shown if isinstance(n, nodes.Body)]
    return [para(*(n for n in shown if not isinstance(n, nodes.Body))), *blocks]


def field(name: str, body: list[nodes.Node]) -> nodes.field:
    return nodes.field("", nodes.field_name("", name), nodes.field_body("", *paras(body)))


def fill(template: str, **parts) -> list[nodes.Node]:
    """A translated sentence as nodes, each ``{name}`` replaced by ``parts[name]`` (nodes or text)."""
    out: list[nodes.Node] = []
    for i, piece in enumerate(re.split(r"\{(\w+)\}", str(template))):
        part = parts[piece] if i % 2 else piece
        if not isinstance(part, list | nodes.Node):  # text, where there is any
            part = [text(part)] if part else []
        out += part if isinstance(part, list) else [part]
    return out


def in_sequence(items: list, *, last: bool = False, separator: str | None = None) -> list[nodes.Node]:
    """Items as "a, b, c" (``last``: "a, b and c"), or with ``separator`` between them."""
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        out += [text(separator or (_(" and ") if last and i == len(items) - 1 else _(", ")))] if i else []
        out += item if isinstance(item, list) else [item]
    return out


def in_language(lang: str, children: list[nodes.Node], env) -> list[nodes.Node]:
    """``children`` marked as in ``lang`` where the page is in another language."""
    if lang == env.config.language:
        return list(children)
    kind = {"en": english, "ar": arabic}.get(lang)
    return [kind("", "", *children) if kind else foreign("", "", *children, lang=lang, dir=direction(lang))]


def table(headers: list[str], rows: list[list], widths: list[int], classes=()) -> nodes.table:
    """A table that may break across pages, each cell labelled with its header for a phone's cards."""
    node = nodes.table(classes=["briefbook-table", "colwidths-given", "longtable", *classes], support_smartquotes=False)
    node += (group := nodes.tgroup("", *[nodes.colspec(colwidth=w) for w in widths], cols=len(headers)))
    group += nodes.thead("", nodes.row("", *[nodes.entry("", para(text(h))) for h in headers]))
    group += (body := nodes.tbody())
    for cells in rows:
        body += (row := nodes.row())
        for header, cell in zip(headers, cells, strict=True):
            paragraphs = cell if isinstance(cell, tuple) else [para(*fill("{cell}", cell=cell))]  # or inline content
            row += (entry := nodes.entry("", *paragraphs))
            if entry.astext().strip():  # an empty cell has no label: a phone's card leaves it out
                side = ' dir="rtl"' if RTL_LETTER.search(header) else ""  # an Arabic label reads from the right
                label = f'<span class="cell-label"{side} data-label="{escape(header, quote=True)}"></span>'
                entry[0].insert(0, nodes.raw("", label, format="html"))
    return node


def ref(env, anchor: str, title: str) -> list[nodes.Node]:
    """A cross-reference to a label, built as a node: the title (from the data) is never parsed."""
    title = nodes.inline("", title, classes=["xref", "std", "std-ref"])
    options = {"refdomain": "std", "reftype": "ref", "refexplicit": True, "refwarn": True, "refdoc": env.docname}
    return [addnodes.pending_xref("", title, reftarget=anchor.lower(), **options)]


def beside(directive, name: str, row: dict, column: str, note="") -> list[nodes.Node]:
    """In a translation, the statement in its original language (its field's ``x-original``, with its source) where
    the data give it, else this edition's translation of ``column``, labelled, then ``note`` (the brief's gloss)."""
    if directive.env.config.language == SOURCE:
        return []
    spec = directive.data.schema.fields(name)[column]  # (x-passages: the passages by an ellipsis, never the raw |)
    found = (row.get(spec.get("x-original", {}).get(k)) for k in ("text", "language", "cites", "source_keys"))
    words, lang, cited, keys = (v if isinstance(v, str) else "" for v in found)
    translation, classes = row.get(f"{column}_translation") or "", [f"{column}-translation"]
    translation = markup.OMISSION.join(markup.passages(translation)) if spec.get("x-passages") else translation
    if words and lang:
        label = _("The cited text in its original language:") if cited else _("The statement in its original language:")
        shown = fill(_("“{text}”"), text=in_language(lang, [text(words)], directive.env))
        source = fill(_("(source: {cite})"), cite=directive.cite(keys, "alp"))
        body = [nodes.strong("", label), text(" "), *shown, text(" "), *source]
        return [para(*body, classes=["quotation-original"])]
    if not translation.strip():
        pending = _("This edition has not yet translated this passage.")
        return [para(text(pending), classes=["edition-translation", "untranslated", *classes])]
    label, marks = nodes.strong("", _("This edition’s translation from the English:")), _("“{text}”")
    quoted = marks.format(text=translation.translate(INNER.get(marks.lstrip("\u200e\u200f\u061c")[:1], {})))
    words = nodes.inline("", quoted, classes=["edition-translation-text"])
    gloss = [text(" "), nodes.inline("", note, classes=["editorial-note"])] if note else []
    return [para(label, text(" "), words, *gloss, classes=["edition-translation", *classes])]


class EditionDirective(SphinxDirective):
    """A directive whose output (``made()``) is written in the page's language: no message of the page's catalog."""

    def run(self) -> list[nodes.Node]:
        found = self.made()
        for element in (e for node in found for e in node.findall(nodes.TextElement)):
            if not isinstance(element, nodes.Inline):  # Sphinx would unwrap marked inlines
                element["translatable"] = False
        return found


class DataDirective(EditionDirective):
    """A directive drawn from the data package; its page is read again when a data file changes."""

    @functools.cached_property
    def data(self):
        self.note_data_files()
        return dataset(self.env)

    def note_data_files(self) -> None:  # the page read again when a data file of its edition changes
        for path in project_of(self.env).read_files():
            self.env.note_dependency(str(path))

    def cite(self, keys: str, role: str = "p") -> list[nodes.Node]:
        """Citations of BibTeX keys: ``p`` in parentheses, ``alp`` without them."""
        keys = [k for k in split(keys) if SAFE.match(k)]
        return sum(self.parse_inline("{cite:" + role + "}`" + ",".join(keys) + "`"), []) if keys else []

    def known(self, word: str, found, said: str) -> None:
        if word not in found:
            raise self.error(f"no {said}{did_you_mean(word, found)}")

    def ref(self, table: str, item: str, title: str) -> list[nodes.Node]:
        return ref(self.env, self.data.schema.anchor(table, item), title)


class TranslationNoticeDirective(EditionDirective):
    """``{translation-notice}``: in a translation, what its renderings are."""

    def made(self):
        if self.env.config.language == SOURCE:
            return []
        notice = _(
            "The renderings of the quotations and of the brief’s sentences in this edition’s language are "
            "this edition’s translations from the English, not the speakers’ or the brief’s own words in "
            "this language; the English, as the brief gives it, is shown beside each."
        )
        return [nodes.note("", para(text(notice)), classes=["translation-notice"])]
