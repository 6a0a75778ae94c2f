"""Tables from the data package: ``{events-table}``, ``{claims-table}`` (``:chapter:`` for one
chapter's claims), ``{actors-table}``, ``{schema-table} <resource>`` and ``{coding-scheme} <field>``."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from .. import ids, markup
from ..data import split
from .citelines import cite_line, claim_title, event_title
from .nodes import arabic
from .util import DataDirective, brief_nodes, long_date, para, table, target, text, verbatim, when_nodes


class EventsTableDirective(DataDirective):
    tables = ("events", "actors")

    def run(self):
        data = self.data
        rows = []
        for ev in data.events.itertuples():  # in the order of time (briefbook.data.load)
            if ev.date_end == ev.date_start:
                day = long_date(ev.date_start)
            else:
                day = f"{ev.date_start.day}–{long_date(ev.date_end)} (window)"
            first = para(target(ids.anchor(ev.id, "events"), self.state.document), *when_nodes(day, ev))
            what = [nodes.strong("", f"{ev.type.capitalize()}: {ev.place} ({ev.country}). "), text(ev.description)]
            if ev.projectiles:
                what.append(text(f" Projectiles reported: {ev.projectiles}."))
            who = [text(f"{data.actor(ev.actor)['name']} ({ev.actor_status}")]
            if ev.actor_source_keys:
                who += [text(", by "), *self.cite(ev.actor_source_keys, role="alp")]
            who.append(text(")"))
            notes = [text(ev.casualties)]
            if ev.notes:
                notes.append(text(" " + ev.notes))
            notes += [text(" "), *self.cite(ev.source_keys)]
            line = cite_line(self.env, ids.anchor(ev.id, "events"), self.env.docname, event_title(data, ev.id))
            rows.append([first, (para(*what), line), who, notes])
        headers = ["When (local)", "What", "Actor", "Casualties, disagreements, sources"]
        return [table(headers, rows, [13, 37, 16, 34], classes=["events-table"])]


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
                    evidence.append(text("; "))
                evidence += self.ref(ids.anchor(item), data.evidence_label(item))
            words = []
            for i, passage in enumerate(markup.passages(c.brief_text)):
                words += [text(" … " if i else "“"), *brief_nodes(passage)]
            words += [text("” "), *self.cite(c.source_keys)]
            # The full table (no :chapter:) holds each claim's citable anchor; chapter excerpts link to it.
            if "chapter" in self.options:
                first, claim = para(*self.ref(c.id, str(c.order))), c.claim
            else:
                first = para(target(c.id, self.state.document), text(str(c.order)))
                claim = (para(text(c.claim)), cite_line(self.env, c.id, self.env.docname, claim_title(c)))
            rows.append([first, claim, words, evidence])
        headers = ["#", "Claim (in this edition’s words)", "The brief’s words", "Evidence, in the order of time"]
        return [table(headers, rows, [5, 33, 35, 27], classes=["claims-table"])]


class ActorsTableDirective(DataDirective):
    tables = ("actors",)

    def run(self):
        rows = []
        for a in self.data.actors.itertuples():
            name = [text(a.name)]
            if a.name_ar:
                name += [text(" "), arabic("", a.name_ar)]
            first = para(target(ids.anchor(a.id, "actors"), self.state.document), *name)
            rows.append([first, a.kind, [text(a.description + " "), *self.cite(a.source_keys)]])
        return [table(["Actor", "Kind", "Description"], rows, [24, 15, 61], classes=["actors-table"])]


class SchemaTableDirective(DataDirective):
    required_arguments = 1

    def run(self):
        name = self.arguments[0]
        self.tables = (name,)
        resources = {r["name"]: r for r in self.data.descriptor["resources"]}
        if name not in resources:
            raise self.error(f"no resource {name!r} in data/datapackage.json")
        resource = resources[name]
        schema = resource["schema"]
        keys = {tuple(fk["fields"]): fk["reference"] for fk in schema.get("foreignKeys", [])}
        rows = [[nodes.literal("", f["name"]), f["type"], f.get("description", ""), "; ".join(rules(f, schema, keys, name))]
                for f in schema["fields"]]  # fmt: skip
        intro = para(
            text(resource.get("description", "") + " File: "),
            *self.download(f"data/{resource['path']}", resource["path"]),
            text("."),
        )
        return [intro, table(["Field", "Type", "Meaning", "Rules"], rows, [17, 11, 42, 30], classes=["schema-table"])]


def rules(f: dict, schema: dict, keys: dict, resource: str) -> list[str]:
    """The rules a field obeys, in words: the schema's constraints and the rules of the project."""
    cons = f.get("constraints", {})
    out = []
    if cons.get("required"):
        out.append("required")
    if cons.get("unique") or [f["name"]] == schema.get("primaryKey"):
        out.append("unique")
    if "enum" in cons:
        out.append("one of: " + ", ".join(map(str, cons["enum"])))
    if "x-codes" in f:
        out.append("codes: " + ", ".join(c["value"] for c in f["x-codes"]))
    if "minimum" in cons or "maximum" in cons:
        out.append(f"from {cons.get('minimum', '…')} to {cons.get('maximum', '…')}")
    if (f["name"],) in keys:
        ref = keys[(f["name"],)]
        out.append(f"refers to {ref['resource'] or resource}.{ref['fields'][0]}")
    if f["name"].endswith("source_keys"):
        out.append("each key in references.bib")
    if f["name"] == "evidence":
        out.append("each an id of quotations or events")
    return out


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
        dl = verbatim(nodes.definition_list(classes=["coding-scheme"]))
        for code in codes:
            used = sum(code["value"] in split(v) for v in column)
            term = nodes.term("", "", nodes.inline("", code["label"]), text(" "), nodes.literal("", code["value"]))
            body = nodes.definition("", para(text(f"{code['definition']} Quotations coded so: {used}.")))
            dl += nodes.definition_list_item("", term, body)
        return [dl]


def register(app) -> None:
    for name, directive in (
        ("events-table", EventsTableDirective),
        ("claims-table", ClaimsTableDirective),
        ("actors-table", ActorsTableDirective),
        ("schema-table", SchemaTableDirective),
        ("coding-scheme", CodingSchemeDirective),
    ):
        app.add_directive(name, directive)
