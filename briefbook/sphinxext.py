"""Sphinx extension: the book's data-driven directives and roles.

- ``{quotation} <id>``: one quotation from ``data/quotations.csv`` with its provenance,
  coding and annotation (``:register:`` adds the other published translations).
- ``{quotation-register}``: every quotation, in date order, each with the anchor ``quote-<id>``.
- ``{chart} <name>``: a figure drawn by :mod:`briefbook.figures`, with alt text written from
  the data, a numbered caption and links to the data behind it.
- ``{events-table}``, ``{claims-table}``, ``{actors-table}``, ``{schema-table} <resource>``,
  ``{coding-scheme} <field>``: tables from the data package.
- ``{ar}`text```: Arabic script, marked ``lang="ar" dir="rtl"`` in HTML and set with
  polyglossia's ``\\textarabic`` in LaTeX.

Text from the data only ever becomes docutils Text nodes, so the HTML and LaTeX writers
escape it; only identifiers that the schema restricts to ``[a-z0-9-]`` reach markup.

The data are validated when the builder starts; a problem stops the build before anything
is written. Notebooks read the data too, and the execution cache cannot see that, so when
the data, the package or the figures differ from the last good build, the cache is cleared
and every notebook is read again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.patches import Figure
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from . import edition, markup
from . import figures as charts
from .data import Dataset, load, split
from .paths import is_notebook
from .validate import validate

logger = logging.getLogger(__name__)
PACKAGE_DIR = Path(__file__).parent
SAFE_ID = re.compile(r"^[A-Za-z0-9_:-]+$")
CHART_DATA = {
    "timeline": ("events", "quotations", "actors"),
    "signals": ("quotations", "actors"),
    "claims": ("claims", "quotations", "events"),
    "tempo": ("events",),
}


# --------------------------------------------------------------------------- nodes


class arabic(nodes.inline):
    """Arabic-script text."""


def visit_arabic_html(self, node):
    self.body.append(self.starttag(node, "span", "", lang="ar", dir="rtl", CLASS="arabic"))


def depart_arabic_html(self, node):
    self.body.append("</span>")


def visit_arabic_latex(self, node):
    self.body.append(r"\textarabic{")


def depart_arabic_latex(self, node):
    self.body.append("}")


def visit_skip(self, node):
    pass


def depart_skip(self, node):
    pass


class quote_uses(nodes.General, nodes.Element):
    """Placeholder for the list of chapters that quote a statement; filled once all are read."""


def arabic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [arabic(rawtext, text)], []


# --------------------------------------------------------------------------- helpers


def _data(env) -> Dataset:
    """The data package, loaded once per build."""
    cached = getattr(env, "_briefbook_data", None)
    if cached is None:
        cached = load(Path(env.srcdir) / "data")
        env._briefbook_data = cached
    return cached


def _date(ts) -> str:
    return f"{ts.day} {ts:%B %Y}"


def _para(*children, classes=None) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=classes or [])


def _text(value: str) -> nodes.Text:
    return nodes.Text(str(value))


SUPPLIED_CLOSE = "{+”}"


def brief_nodes(text: str) -> list[nodes.Node]:
    """Text quoted from the brief (:mod:`briefbook.markup`) as nodes: its italics and bold, and
    the edition's marks ([sic], ⟨supplied⟩) set apart so that they cannot pass for the brief's."""
    out: list[nodes.Node] = []
    for span in markup.spans(text):
        if span.kind == "em":
            out.append(nodes.emphasis("", span.text))
        elif span.kind == "strong":
            out.append(nodes.strong("", span.text))
        elif span.kind == "sic":
            out.append(nodes.emphasis("", span.text, classes=["edition-mark", "edition-sic"]))
        elif span.kind == "supplied":
            out.append(nodes.inline("", f"⟨{span.text}⟩", classes=["edition-mark", "edition-supplied"]))
        else:
            out.append(_text(span.text))
    return out


def _when_nodes(day: str, row) -> list[nodes.Node]:
    """A date with its reported time, and what fixes its place among the day's rows."""
    when = f"{day}, {row.time_local}" if row.time_local else day
    out = [_text(when + ".")]
    if row.order_note:
        out += [_text(" "), nodes.inline("", f"Order within the day: {row.order_note}", classes=["order-note"])]
    return out


def _field(name: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name("", name), nodes.field_body("", _para(*body)))


def _verbatim(node: nodes.Element) -> nodes.Element:
    """Exempt text from the data from smart quotes, which would turn '...' into '…' or " into “:
    quotations must stay exact, and every field is shown as its author wrote it."""
    node["support_smartquotes"] = False
    return node


def _target(anchor: str, document) -> nodes.target:
    target = nodes.target("", "", ids=[anchor], names=[anchor])
    document.note_explicit_target(target)
    return target


class DataDirective(SphinxDirective):
    """A directive that reads the data package and rebuilds when the data change."""

    tables: tuple[str, ...] = ()

    @property
    def data(self) -> Dataset:
        for table in self.tables:
            self.env.note_dependency(str(Path(self.env.srcdir) / "data" / f"{table}.csv"))
        self.env.note_dependency(str(Path(self.env.srcdir) / "data" / "datapackage.json"))
        return _data(self.env)

    def inline(self, markup: str) -> list[nodes.Node]:
        """Parse trusted MyST inline markup (roles with validated ids only)."""
        parsed, messages = self.state.inline_text(markup, self.lineno)
        return parsed + messages

    def cite_line(self, what: str, page: str, anchor: str) -> nodes.paragraph:
        """A visible line citing the edition plus one part of it, by its stable anchor."""
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "CITATION.cff"))
        self.env.note_dependency(str(root / "VERSION"))
        text = edition.citation(root).part(what, f"{page}.html#{anchor}")
        return _verbatim(_para(nodes.strong("", "Cite: "), _text(text), classes=["cite-line"]))

    def cite(self, keys: str, role: str = "p") -> list[nodes.Node]:
        """Citations of BibTeX keys: ``p`` in parentheses, ``alp`` without them (inside brackets)."""
        keys = [k for k in split(keys) if SAFE_ID.match(k)]
        return self.inline("{cite:" + role + "}`" + ",".join(keys) + "`") if keys else []

    def ref(self, anchor: str, title: str) -> list[nodes.Node]:
        """A cross-reference to a label, built as a node: the title (from the data) is never parsed."""
        if not SAFE_ID.match(anchor):
            raise self.error(f"unsafe anchor {anchor!r}")
        node = addnodes.pending_xref(
            "",
            nodes.inline("", title, classes=["xref", "std", "std-ref"]),
            refdomain="std",
            reftype="ref",
            reftarget=anchor.lower(),
            refexplicit=True,
            refwarn=True,
        )
        node["refdoc"] = self.env.docname
        return [node]

    def table(self, headers: list[str], rows: list[list], widths: list[int], classes=()) -> nodes.table:
        # Fixed proportional widths (HTML colgroup, LaTeX p-columns) and page breaks in long tables.
        table = _verbatim(nodes.table(classes=["briefbook-table", "colwidths-given", "longtable", *classes]))
        group = nodes.tgroup(cols=len(headers))
        table += group
        for w in widths:
            group += nodes.colspec(colwidth=w)
        head = nodes.thead()
        group += head
        head += nodes.row("", *[nodes.entry("", _para(_text(h))) for h in headers])
        body = nodes.tbody()
        group += body
        for cells in rows:
            row = nodes.row()
            for cell in cells:
                entry = nodes.entry()
                if isinstance(cell, nodes.paragraph):
                    entry += cell
                elif isinstance(cell, nodes.Node):
                    entry += _para(cell)
                elif isinstance(cell, list):
                    entry += _para(*cell)
                else:
                    entry += _para(_text(cell))
                row += entry
            body += row
        return table


# --------------------------------------------------------------------------- quotations


class QuotationDirective(DataDirective):
    """One annotated quotation."""

    required_arguments = 1
    option_spec = {"register": directives.flag}
    tables = ("quotations", "actors", "translations")

    def run(self):
        qid = self.arguments[0]
        data = self.data
        try:
            q = data.quotation(qid)
        except KeyError:
            raise self.error(f"quotation {qid!r} is not in data/quotations.csv") from None
        return [self.card(data, q, register="register" in self.options)]

    def card(self, data: Dataset, q, register: bool) -> nodes.container:
        anchor = f"quote-{q.id}"
        # Everything in a card comes from the data and is shown as written (no smart quotes).
        card = _verbatim(nodes.container(classes=["quotation-card", f"signal-{q.signal}"]))
        if register:
            card += _target(anchor, self.state.document)
        else:
            # An anchor for HTML and LaTeX alike, but not a label: the register holds the label.
            card += nodes.target("", "", ids=[anchor])
            self.env.briefbook_uses.setdefault(q.id, set()).add(self.env.docname)
        speaker = data.actor(q.speaker)
        group = data.actor(q.group)
        # The card sets the quotation marks, unless the brief left the quotation open and the
        # edition supplies the closing mark itself ({+”}).
        closing = "" if q.text.endswith(SUPPLIED_CLOSE) else "”"
        text = _verbatim(_para(_text("“"), *brief_nodes(q.text), _text(closing), classes=["quotation-text"]))
        if q.editorial_note:
            text += _text(" ")
            text += nodes.inline("", q.editorial_note, classes=["editorial-note"])
        quote = nodes.block_quote("", text, classes=["quotation"])
        quote += nodes.attribution(
            "", f"{speaker['name']}, {q.medium}, {_date(q.date)} (the brief’s Figure {q.brief_figure})"
        )
        card += quote
        meta = nodes.field_list(classes=["quotation-meta"])
        who = [_text(speaker["name"])]
        if q.group != q.speaker and group["kind"] != "collective":
            who.append(_text(f", of {group['name']}"))
        who.append(_text(f": {speaker['description']}"))
        meta += _field("Who", *who)
        meta += _field("When", *_when_nodes(_date(q.date), q))
        meta += _field("Where", _text(f"{q.medium[0].upper()}{q.medium[1:]}. {q.venue}"))
        audiences = [data.label("quotations", "audiences", a) for a in split(q.audiences)]
        meta += _field("To whom", _text("; ".join(audiences) + " (coded by this edition)"))
        signal = nodes.inline(
            "", data.label("quotations", "signal", q.signal), classes=["signal-label", f"signal-{q.signal}"]
        )
        meta += _field("Signal", signal)
        devices = [data.label("quotations", "devices", d) for d in split(q.devices)]
        meta += _field("Devices", _text("; ".join(devices)))
        if q.cites:
            meta += _field("Cites", _text(q.cites))
        source = [_text(f"Figure {q.brief_figure} of the brief, quoted in its English translation ")]
        source += self.cite(q.source_keys)
        meta += _field("Source", *source)
        if q.edition_note:
            meta += _field("Edition’s note", _text(q.edition_note))
        card += meta
        card += _para(
            nodes.strong("", "What it signals and why. "), _text(q.annotation), classes=["quotation-annotation"]
        )
        translations = data.translations[data.translations["quotation"] == q.id]
        if register:
            if len(translations):
                card += _para(nodes.strong("", "Other published translations"), classes=["translations-heading"])
                items = nodes.bullet_list(classes=["translations"])
                for t in translations.itertuples():
                    body = _para(
                        _verbatim(nodes.inline("", f"“{t.text}”", classes=["translation-text"])),
                        _text(" "),
                        *self.cite(t.source_keys),
                    )
                    item = nodes.list_item("", body)
                    if t.note:
                        item += _para(nodes.emphasis("", t.note))
                    items += item
                card += items
            else:
                card += _para(_text("No other published translation was found."), classes=["translations-none"])
            card += quote_uses(quotation=q.id)
            card += self.cite_line(f"quotation {q.id}", "chapters/quotations", anchor)
        else:
            link = [_text("In the register: ")] + self.ref(anchor, f"{speaker['name']}, {_date(q.date)}")
            if len(translations):
                link.append(
                    _text(
                        f", with {len(translations)} other published translation{'s' if len(translations) > 1 else ''}"
                    )
                )
            card += _para(*link, _text("."), classes=["quotation-links"])
            card += self.cite_line(f"quotation {q.id}", "chapters/quotations", anchor)
        return card


class QuotationRegisterDirective(QuotationDirective):
    """Every quotation, in date order."""

    required_arguments = 0
    option_spec = {}

    def run(self):
        data = self.data
        out = []
        for q in data.quotations.itertuples():  # in the order of time (briefbook.data.load)
            section = nodes.section(ids=[f"register-{q.id}"])
            speaker = data.actor(q.speaker)["name"]
            topic = q.id.split("-", 4)[-1].replace("-", " ")  # the id's last part names the statement's topic
            section += nodes.title("", f"{speaker}, {_date(q.date)}: {q.medium} ({topic})")
            section += self.card(data, q, register=True)
            out.append(section)
        return out


def fill_quote_uses(app: Sphinx, doctree, fromdocname: str) -> None:
    uses = getattr(app.env, "briefbook_uses", {})
    for node in list(doctree.findall(quote_uses)):
        docs = sorted(uses.get(node["quotation"], ()))
        if not docs:
            node.replace_self(_para(_text("Not yet discussed in a chapter."), classes=["quotation-uses"]))
            continue
        para = _para(_text("Discussed in: "), classes=["quotation-uses"])
        for i, doc in enumerate(docs):
            if i:
                para += _text("; ")
            title = app.env.titles[doc].astext() if doc in app.env.titles else doc
            para += make_refnode(app.builder, fromdocname, doc, f"quote-{node['quotation']}", nodes.inline("", title))
        para += _text(".")
        node.replace_self(para)


def purge_uses(app, env, docname):
    for docs in getattr(env, "briefbook_uses", {}).values():
        docs.discard(docname)


def merge_uses(app, env, docnames, other):
    mine = env.__dict__.setdefault("briefbook_uses", {})
    for qid, docs in getattr(other, "briefbook_uses", {}).items():
        mine.setdefault(qid, set()).update(docs & set(docnames))


# --------------------------------------------------------------------------- charts


class ChartDirective(Figure, DataDirective):
    """A chart of :mod:`briefbook.figures`, drawn by a notebook cell into ``figures/``."""

    required_arguments = 1
    option_spec = {**Figure.option_spec}

    def run(self):
        name = self.arguments[0]
        if name not in charts.DRAW:
            raise self.error(f"unknown chart {name!r}; known: {', '.join(charts.DRAW)}")
        self.tables = CHART_DATA[name]
        data = self.data
        self.arguments = [f"/figures/{name}.*"]
        self.options.setdefault("alt", charts.alt_text(name, data))
        self.options.setdefault("name", f"fig-{name}")
        self.options.setdefault("width", "100%")
        result = super().run()
        figure = result[0] if result and isinstance(result[0], nodes.figure) else None
        if figure is not None:
            figure["classes"].append("briefbook-chart")
            links = [_text("Data: ")]
            for i, table in enumerate(CHART_DATA[name]):
                if i:
                    links.append(_text(", "))
                links += self.inline("{download}`" + table + ".csv </data/" + table + ".csv>`")
            links.append(_text(" (schema: "))
            links += self.inline("{download}`datapackage.json </data/datapackage.json>`")
            links.append(_text(f"). Drawn by briefbook.figures.{name}."))
            legend = figure.next_node(nodes.legend)
            if legend is None:
                legend = nodes.legend()
                figure += legend
            legend += _para(*links, classes=["chart-data"])
            legend += self.cite_line(
                f"figure {name}", self.env.docname, figure["ids"][0] if figure["ids"] else f"fig-{name}"
            )
        return result


# --------------------------------------------------------------------------- tables


class EventsTableDirective(DataDirective):
    tables = ("events", "actors")

    def run(self):
        data = self.data
        rows = []
        for ev in data.events.itertuples():  # in the order of time (briefbook.data.load)
            day = (
                _date(ev.date_start)
                if ev.date_end == ev.date_start
                else f"{ev.date_start.day}–{_date(ev.date_end)} (window)"
            )
            actor = data.actor(ev.actor)["name"]
            first = _para(_target(f"event-{ev.id}", self.state.document), *_when_nodes(day, ev))
            what = [nodes.strong("", f"{ev.type.capitalize()}: {ev.place} ({ev.country}). "), _text(ev.description)]
            if ev.projectiles:
                what.append(_text(f" Projectiles reported: {ev.projectiles}."))
            who = [_text(f"{actor} ({ev.actor_status}")]
            if ev.actor_source_keys:
                who += [_text(", by ")] + self.cite(ev.actor_source_keys, role="alp")
            who.append(_text(")"))
            notes = [_text(ev.casualties)]
            if ev.notes:
                notes.append(_text(" " + ev.notes))
            notes.append(_text(" "))
            notes += self.cite(ev.source_keys)
            rows.append([first, what, who, notes])
        return [
            self.table(
                ["When (local)", "What", "Actor", "Casualties, disagreements, sources"],
                rows,
                [13, 37, 16, 34],
                classes=["events-table"],
            )
        ]


class ClaimsTableDirective(DataDirective):
    tables = ("claims", "quotations", "events", "actors")
    option_spec = {"chapter": directives.unchanged}

    def run(self):
        data = self.data
        claims = data.claims  # in the brief's order (briefbook.data.load)
        if "chapter" in self.options:
            claims = claims[claims["chapter"] == self.options["chapter"]]
        rows = []
        for c in claims.itertuples():
            evidence = []
            for i, item in enumerate(data.in_time_order(split(c.evidence))):
                if i:
                    evidence.append(_text("; "))
                prefix = "event" if item.startswith("ev-") else "quote"
                evidence += self.ref(f"{prefix}-{item}", data.evidence_label(item))
            words = []
            for i, passage in enumerate(markup.passages(c.brief_text)):
                words += [_text(" … " if i else "“"), *brief_nodes(passage)]
            words += [_text("” "), *self.cite(c.source_keys)]
            # The full table (no :chapter:) holds each claim's citable anchor; chapter excerpts link to it.
            first = (
                _para(_target(c.id, self.state.document), _text(str(c.order)))
                if "chapter" not in self.options
                else _para(*self.ref(c.id, str(c.order)))
            )
            rows.append([first, c.claim, words, evidence])
        return [
            self.table(
                ["#", "Claim (in this edition’s words)", "The brief’s words", "Evidence, in the order of time"],
                rows,
                [5, 33, 35, 27],
                classes=["claims-table"],
            )
        ]


class ActorsTableDirective(DataDirective):
    tables = ("actors",)

    def run(self):
        data = self.data
        rows = []
        for a in data.actors.itertuples():
            name = [_text(a.name)]
            if a.name_ar:
                name += [_text(" "), arabic("", a.name_ar)]
            rows.append(
                [
                    _para(_target(f"actor-{a.id}", self.state.document), *name),
                    a.kind,
                    [_text(a.description + " "), *self.cite(a.source_keys)],
                ]
            )
        return [self.table(["Actor", "Kind", "Description"], rows, [24, 15, 61], classes=["actors-table"])]


class SchemaTableDirective(DataDirective):
    required_arguments = 1

    def run(self):
        resource_name = self.arguments[0]
        self.tables = (resource_name,)
        data = self.data
        resources = {r["name"]: r for r in data.descriptor["resources"]}
        if resource_name not in resources:
            raise self.error(f"no resource {resource_name!r} in data/datapackage.json")
        resource = resources[resource_name]
        schema = resource["schema"]
        fks = {tuple(fk["fields"]): fk["reference"] for fk in schema.get("foreignKeys", [])}
        rows = []
        for f in schema["fields"]:
            cons = f.get("constraints", {})
            rules = []
            if cons.get("required"):
                rules.append("required")
            if cons.get("unique") or [f["name"]] == schema.get("primaryKey"):
                rules.append("unique")
            if "enum" in cons:
                rules.append("one of: " + ", ".join(map(str, cons["enum"])))
            if "x-codes" in f:
                rules.append("codes: " + ", ".join(c["value"] for c in f["x-codes"]))
            if "minimum" in cons or "maximum" in cons:
                rules.append(f"from {cons.get('minimum', '…')} to {cons.get('maximum', '…')}")
            if (f["name"],) in fks:
                ref = fks[(f["name"],)]
                rules.append(f"refers to {ref['resource'] or resource_name}.{ref['fields'][0]}")
            if f["name"] == "source_keys":
                rules.append("each key in references.bib")
            if f["name"] == "evidence":
                rules.append("each an id of quotations or events")
            rows.append([nodes.literal("", f["name"]), f["type"], f.get("description", ""), "; ".join(rules)])
        intro = _para(
            _text(resource.get("description", "") + " File: "),
            *self.inline("{download}`" + resource["path"] + " </data/" + resource["path"] + ">`"),
            _text("."),
        )
        return [
            intro,
            self.table(["Field", "Type", "Meaning", "Rules"], rows, [17, 11, 42, 30], classes=["schema-table"]),
        ]


class CodingSchemeDirective(DataDirective):
    required_arguments = 1
    tables = ("quotations",)

    def run(self):
        name = self.arguments[0]
        data = self.data
        try:
            codes = data.codes("quotations", name)
        except KeyError:
            raise self.error(f"no field {name!r} in quotations") from None
        column = data.quotations[name]
        dl = _verbatim(nodes.definition_list(classes=["coding-scheme"]))
        for code in codes:
            used = sum(code["value"] in split(v) for v in column)
            term = nodes.term("", "", nodes.inline("", code["label"]), _text(" "), nodes.literal("", code["value"]))
            body = nodes.definition("", _para(_text(f"{code['definition']} Quotations coded so: {used}.")))
            dl += nodes.definition_list_item("", term, body)
        return [dl]


class EditionCitationDirective(SphinxDirective):
    """The citation of this edition in APA, Chicago and BibTeX, generated from CITATION.cff."""

    def run(self):
        root = Path(self.env.srcdir)
        self.env.note_dependency(str(root / "CITATION.cff"))
        self.env.note_dependency(str(root / "VERSION"))
        cite = edition.citation(root)
        out = []
        for label, text in (("APA", cite.apa), ("Chicago", cite.chicago)):
            out.append(
                _verbatim(_para(nodes.strong("", f"{label}. "), _text(text), classes=[f"citation-{label.lower()}"]))
            )
        out.append(_para(nodes.strong("", "BibTeX.")))
        out.append(nodes.literal_block(cite.bibtex, cite.bibtex, language="bibtex", classes=["citation-bibtex"]))
        return out


class edition_about(nodes.General, nodes.Element):
    """Placeholder for the About this edition table; filled after the notebooks have drawn the figures."""


class EditionAboutDirective(SphinxDirective):
    """Version, commit, date and the SHA-256 of every data file and figure."""

    def run(self):
        return [edition_about()]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill_edition_about(app: Sphinx, doctree, fromdocname: str) -> None:
    for node in list(doctree.findall(edition_about)):
        root = Path(app.srcdir)
        commit = edition.commit(root)
        facts = nodes.field_list(classes=["edition-facts"])
        facts += _field("Version", _text(edition.version(root)))
        facts += _field("Commit", nodes.literal("", commit) if commit else _text("not built from a git checkout"))
        facts += _field("Date", _text(f"{edition.long_date(edition.edition_date(root))} (date of the commit)"))
        files = sorted((root / "data").glob("*.csv")) + [root / "data" / "datapackage.json", root / "references.bib"]
        files += sorted(p for p in (root / "figures").glob("*") if p.suffix in (".svg", ".pdf"))
        table = nodes.table(classes=["briefbook-table", "colwidths-given", "longtable", "checksums"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=30)
        group += nodes.colspec(colwidth=70)
        head = nodes.thead()
        head += nodes.row("", nodes.entry("", _para(_text("File"))), nodes.entry("", _para(_text("SHA-256"))))
        group += head
        body = nodes.tbody()
        for path in files:
            body += nodes.row(
                "",
                nodes.entry("", _para(nodes.literal("", path.relative_to(root).as_posix()))),
                nodes.entry("", _para(nodes.literal("", _sha256(path)))),
            )
        group += body
        node.replace_self([facts, table])


# --------------------------------------------------------------------------- build hooks


def _stamp(root: Path) -> str:
    """A digest of everything the notebooks read or write, and of what renders every page:
    data, the package's code and stylesheet, and the figures."""
    digest = hashlib.sha256()
    package = sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in (".py", ".css"))
    paths = sorted((root / "data").glob("*")) + package + sorted((root / "figures").glob("*.*"))
    for path in paths:
        if path.is_file() and not path.name.startswith("."):
            digest.update(
                path.relative_to(root).as_posix().encode() if path.is_relative_to(root) else path.name.encode()
            )
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in charts.FIGURES:
        for ext in ("svg", "pdf"):
            digest.update(f"{name}.{ext}:{(root / 'figures' / f'{name}.{ext}').is_file()}".encode())
    return digest.hexdigest()


def _stamp_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "briefbook.stamp"


def on_builder_inited(app: Sphinx) -> None:
    root = Path(app.srcdir)
    problems = validate(root / "data", root / "references.bib")
    if problems:
        raise ExtensionError("the data do not validate:\n" + "\n".join(str(p) for p in problems))
    if not hasattr(app.env, "briefbook_uses"):
        app.env.briefbook_uses = {}
    stamp = _stamp(root)
    previous = _stamp_path(app).read_text() if _stamp_path(app).is_file() else None
    app.env._briefbook_stale = stamp != previous
    if app.env._briefbook_stale:
        cache = getattr(getattr(app.env, "mystnb_config", None), "execution_cache_path", None)
        if cache and Path(cache).exists():
            logger.info("briefbook: data, package or figures changed; clearing the execution cache %s", cache)
            shutil.rmtree(cache)


def on_env_before_read_docs(app, env, docnames):
    env._briefbook_data = None  # each read phase loads the data afresh


def on_env_get_outdated(app, env, added, changed, removed):
    # The package renders every page's directives, so a change to it (or to the data) reads all
    # pages again; the notebooks among them re-execute because their cache was cleared.
    if not getattr(env, "_briefbook_stale", False):
        return []
    return sorted(env.found_docs)


ANCHOR_PREFIXES = ("quote-", "fig-", "claim-", "event-")
ANCHORS_FILE = "published-anchors.txt"


def published_anchors(root: Path) -> list[str]:
    path = root / ANCHORS_FILE
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def anchors_in_site(html: Path) -> set[str]:
    """Every page of the site, and every id on it, as ``page.html`` and ``page.html#id``."""
    found = set()
    for page in html.rglob("*.html"):
        rel = page.relative_to(html).as_posix()
        found.add(rel)
        found.update(f"{rel}#{anchor}" for anchor in re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    return found


def citable_anchors(app: Sphinx) -> set[str]:
    """The pages, and the canonical anchors of quotations, figures, claims and events (their labels)."""
    env = app.env
    found = {f"{doc}.html" for doc in env.found_docs}
    std = env.get_domain("std")
    for name, (doc, labelid) in std.anonlabels.items():
        if name.startswith(ANCHOR_PREFIXES) and labelid:
            found.add(f"{doc}.html#{labelid}")
    return found


def anchors_record(app: Sphinx) -> Path:
    return Path(app.doctreedir) / "briefbook-anchors.txt"


def check_published_anchors(app: Sphinx) -> None:
    missing = [a for a in published_anchors(Path(app.srcdir)) if a not in anchors_in_site(Path(app.outdir))]
    if missing:
        raise ExtensionError(
            f"{len(missing)} published anchor(s) in {ANCHORS_FILE} no longer exist; citations to them would break:\n"
            + "\n".join(missing)
            + "\nKeep the anchor, or, if it must go, remove the line on purpose and say so in CHANGELOG.md."
        )


def inline_basic_css(outdir: Path) -> None:
    """The theme's stylesheet @imports ../basic.css; tools that resolve the import against the page
    (axe-core's stylesheet preload among them) ask for a /basic.css that is not there. Inline it."""
    theme, basic = outdir / "_static" / "styles" / "theme.css", outdir / "_static" / "basic.css"
    if theme.is_file() and basic.is_file():
        css = theme.read_text(encoding="utf-8")
        if '@import "../basic.css";' in css:
            theme.write_text(
                css.replace('@import "../basic.css";', basic.read_text(encoding="utf-8"), 1), encoding="utf-8"
            )


def on_build_finished(app: Sphinx, exception) -> None:
    if exception is None and app.builder.format == "html":
        inline_basic_css(Path(app.outdir))
        check_published_anchors(app)
        anchors_record(app).write_text("\n".join(sorted(citable_anchors(app))) + "\n", encoding="utf-8")
    if exception is None:
        _stamp_path(app).parent.mkdir(parents=True, exist_ok=True)
        _stamp_path(app).write_text(_stamp(Path(app.srcdir)))


DOWNLOADS = "downloads"


def download_names(root: Path) -> dict[str, str]:
    """File names, under the site's downloads/ folder, of the PDF and the zipped data package."""
    stem = f"{edition.PDF_STEM}-{edition.version(root)}"
    return {"pdf": f"{DOWNLOADS}/{stem}.pdf", "data": f"{DOWNLOADS}/{stem}-data.zip"}


def on_html_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every page's footer: the edition, and links to the PDF, this page's source and the data."""
    from html import escape

    names = download_names(Path(app.srcdir))
    pathto = context["pathto"]
    links = [f'<a href="{escape(pathto(names["pdf"], 1))}">PDF edition</a>']
    source = context.get("sourcename")
    if source and context.get("has_source") and app.config.html_copy_source:
        kind = (
            "notebook source"
            if source.endswith(".md") and is_notebook(Path(app.srcdir) / source.removesuffix(".txt"))
            else "page source"
        )
        links.append(f'<a href="{escape(pathto("_sources/" + source, 1))}">{kind} of this page</a>')
    links.append(f'<a href="{escape(pathto(names["data"], 1))}">data package (zip)</a>')
    footer = context.get("theme_extra_footer", "")
    context["theme_extra_footer"] = footer + f'<p class="edition-downloads">Download: {" · ".join(links)}.</p>'


class BriefbookHTMLTranslatorMixin:
    """docutils puts bibliography entries (role doc-biblioentry) in a role=list container, which
    requires listitem children (axe-core: aria-required-children). Give the entries that role."""

    def visit_citation(self, node):
        super().visit_citation(node)
        for i in range(len(self.body) - 1, max(len(self.body) - 3, -1), -1):
            if 'role="doc-biblioentry"' in self.body[i]:
                self.body[i] = self.body[i].replace('role="doc-biblioentry"', 'role="listitem"')
                break


class BriefbookLaTeXTranslatorMixin:
    """Sphinx writes an attribution's dash as '---', which needs TeX ligatures; with them, every
    straight quote and '---' in the data would be typeset as something else. Write the dash itself."""

    def visit_attribution(self, node):
        self.body.append("\n\\begin{flushright}\n\\textemdash{}")


def on_builder_inited_translator(app: Sphinx) -> None:
    mixin = {"html": BriefbookHTMLTranslatorMixin, "latex": BriefbookLaTeXTranslatorMixin}.get(app.builder.format)
    if mixin is None:
        return
    base = app.registry.translators.get(app.builder.name) or app.builder.default_translator_class
    if not issubclass(base, mixin):
        app.set_translator(app.builder.name, type(f"Briefbook{base.__name__}", (mixin, base), {}), override=True)


def on_config_inited(app: Sphinx, config) -> None:
    static = str(PACKAGE_DIR / "static")
    if static not in config.html_static_path:
        config.html_static_path.append(static)
    root = Path(app.srcdir)
    config.version = config.release = edition.version(root)
    if config.project == "Project name not set":  # Jupyter Book passes its title as html_title only
        config.project = config.html_title
    config.today = edition.long_date(edition.edition_date(root))
    commit = edition.commit(root)
    footer = f"Study edition, version {config.version}, {config.today}"
    if commit:
        footer += f", commit {commit[:12]}"
    config.html_theme_options = {
        **config.html_theme_options,
        "extra_footer": f'<p class="edition-footer">{footer}.</p>',
    }
    front = edition.latex_front_matter(root, config.project, config.author)
    elements = dict(config.latex_elements)
    elements["maketitle"] = front["maketitle"]
    elements["preamble"] = front["preamble"] + elements.get("preamble", "")
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    app.add_node(
        arabic,
        html=(visit_arabic_html, depart_arabic_html),
        latex=(visit_arabic_latex, depart_arabic_latex),
        text=(visit_skip, depart_skip),
    )
    app.add_node(quote_uses)
    app.add_role("ar", arabic_role)
    app.add_directive("quotation", QuotationDirective)
    app.add_directive("quotation-register", QuotationRegisterDirective)
    app.add_directive("chart", ChartDirective)
    app.add_directive("events-table", EventsTableDirective)
    app.add_directive("claims-table", ClaimsTableDirective)
    app.add_directive("actors-table", ActorsTableDirective)
    app.add_directive("schema-table", SchemaTableDirective)
    app.add_directive("coding-scheme", CodingSchemeDirective)
    app.add_directive("edition-citation", EditionCitationDirective)
    app.add_directive("edition-about", EditionAboutDirective)
    app.add_node(edition_about)
    app.connect("doctree-resolved", fill_edition_about)
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited, priority=900)
    app.connect("builder-inited", on_builder_inited_translator, priority=400)
    app.connect("html-page-context", on_html_page_context)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("env-purge-doc", purge_uses)
    app.connect("env-merge-info", merge_uses)
    app.connect("doctree-resolved", fill_quote_uses)
    app.connect("build-finished", on_build_finished)
    app.add_css_file("briefbook.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
