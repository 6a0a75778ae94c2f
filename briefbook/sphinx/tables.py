"""Tables from the data package, read from its schema: ``{data-table} <table>``, ``{data-card} <table> <id>``,
``{schema-table} <table>``, ``{coding-scheme} <field>``; and the book's ``{events-table}``, ``{claims-table}``
(``:chapter:``: one chapter's claims) and ``{actors-table}``."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from .. import ids, markup
from ..data import split
from ..errors import did_you_mean
from .bilingual import edition_translation, english
from .citelines import cite_line, claim_title, event_title
from .nodes import arabic
from .nodes import english as english_node
from .project import project_of
from .util import (
    DataDirective,
    _,
    brief_nodes,
    cell,
    coded,
    field,
    fill,
    in_sequence,
    long_date,
    para,
    table,
    target,
    text,
    verbatim,  # fmt: skip
    when_nodes,
    word,
)


class EventsTableDirective(DataDirective):
    def run(self):
        data, env = self.data, self.env
        rows = []
        for ev in data.events.itertuples():  # in the order of time (briefbook.data.load)
            day = long_date(ev.date_start, env) if ev.date_end == ev.date_start else \
                _("{first}–{last} (window)").format(first=ev.date_start.day, last=long_date(ev.date_end, env))  # fmt: skip
            anchor = ids.anchor(data.schema, "events", ev.id)
            first = para(target(anchor, self.state.document), *when_nodes(day, ev))
            kind = word(ev.type)
            heading = _("{type}: {place} ({country}).").format(type=kind[:1].upper() + kind[1:], place=ev.place,
                                                              country=word(ev.country))  # fmt: skip
            what = [nodes.strong("", heading + " "), text(ev.description)]
            if ev.projectiles:
                what.append(text(" " + _("Projectiles reported: {projectiles}.").format(projectiles=ev.projectiles)))
            actor, status = data.actor(ev.actor)["name"], word(ev.actor_status)
            if ev.actor_source_keys:
                who = fill(_("{actor} ({status}, by {source})"), actor=actor, status=status,
                           source=self.cite(ev.actor_source_keys, role="alp"))  # fmt: skip
            else:
                who = [text(_("{actor} ({status})").format(actor=actor, status=status))]
            notes = [text(ev.casualties + (" " + ev.notes if ev.notes else "")), text(" "), *self.cite(ev.source_keys)]
            line = cite_line(env, anchor, env.docname, event_title(data, ev.id, env))
            rows.append([first, (para(*what), line), who, notes])
        headers = [_("When (local)"), _("What"), _("Actor"), _("Casualties, disagreements, sources")]
        return [table(headers, rows, [13, 37, 16, 34], classes=["events-table"])]


class ClaimsTableDirective(DataDirective):
    option_spec = {"chapter": directives.unchanged}

    def run(self):
        data, env = self.data, self.env
        claims = data.claims  # in the brief's order (briefbook.data.load)
        if "chapter" in self.options:
            claims = claims[claims["chapter"] == self.options["chapter"]]
        rows = []
        for c in claims.itertuples():
            evidence = in_sequence([self.ref(None, item, data.evidence_label(item))
                                    for item in data.in_time_order(split(c.evidence))], separator=_("; "))  # fmt: skip
            quoted = []
            for i, passage in enumerate(markup.passages(c.brief_text)):
                quoted += [text(markup.OMISSION if i else "“"), *brief_nodes(passage)]
            words = [*english([*quoted, text("”")], env), text(" "), *self.cite(c.source_keys)]
            # the translation's passages printed as the English's are (never the raw separator)
            translation = edition_translation(markup.joined(cell(c, "brief_text_translation")), env,
                                              ["claim-brief-translation"])  # fmt: skip
            words = (para(*words), *translation) if translation else words
            # the full table holds each claim's citable anchor; a chapter's excerpt links to it
            if "chapter" in self.options:
                first, claim = para(*self.ref("claims", c.id, str(c.order))), c.claim
            else:
                first = para(target(c.id, self.state.document), text(str(c.order)))
                claim = (para(text(c.claim)), cite_line(env, c.id, env.docname, claim_title(c, env)))
            rows.append([first, claim, words, evidence])
        headers = [
            "#",
            _("Claim (in this edition’s words)"),
            _("The brief’s words"),
            _("Evidence, in the order of time"),
        ]
        return [table(headers, rows, [5, 33, 35, 27], classes=["claims-table"])]


class ActorsTableDirective(DataDirective):
    def run(self):
        rows = []
        for a in self.data.actors.itertuples():
            name = [text(a.name), *([text(" "), arabic("", a.name_ar)] if a.name_ar else [])]
            first = para(target(ids.anchor(self.data.schema, "actors", a.id), self.state.document), *name)
            rows.append([first, word(a.kind), [text(a.description + " "), *self.cite(a.source_keys)]])
        return [table([_("Actor"), _("Kind"), _("Description")], rows, [24, 15, 61], classes=["actors-table"])]


class SchemaTableDirective(DataDirective):
    required_arguments = 1

    def run(self):
        name, env = self.arguments[0], self.env
        resources = {r["name"]: r for r in self.data.descriptor["resources"]}
        if name not in resources:
            raise self.error(f"no resource {name!r} in the data package's descriptor{did_you_mean(name, resources)}")
        resource = resources[name]
        schema = resource["schema"]
        keys = {tuple(fk["fields"]): fk["reference"] for fk in schema.get("foreignKeys", [])}
        rows = [[nodes.literal("", f["name"]), word(f["type"]), f.get("description", ""),
                 in_sequence(rules(f, schema, keys, name, env), separator=_("; "))] for f in schema["fields"]]  # fmt: skip
        intro = para(*fill(_("{description} File: {file}."), description=resource.get("description", ""),
                           file=self.inline(f"{{download}}`{resource['path']} </data/{resource['path']}>`")))  # fmt: skip
        headers = [_("Field"), _("Type"), _("Meaning"), _("Rules")]
        return [intro, table(headers, rows, [17, 11, 42, 30], classes=["schema-table"])]


def codes(values, env) -> list[nodes.Node]:
    """Values of the data, written in English in every edition (marked so in another's)."""
    return in_sequence([english([text(str(v))], env)[0] for v in values])


def rules(f: dict, schema: dict, keys: dict, resource: str, env) -> list[list[nodes.Node]]:
    """The rules a field obeys, in words: the schema's constraints and the rules of the project."""
    cons = f.get("constraints", {})
    out = []
    if cons.get("required"):
        out.append([text(_("required"))])
    if cons.get("unique") or [f["name"]] == schema.get("primaryKey"):
        out.append([text(_("unique"))])
    if "enum" in cons:
        out.append(fill(_("one of: {values}"), values=codes(cons["enum"], env)))
    if "x-codes" in f and {c["value"] for c in f["x-codes"]} != set(cons.get("enum", ())):
        # the codes once: where they are the enumeration's values, "one of" has listed them
        out.append(fill(_("codes: {values}"), values=codes([c["value"] for c in f["x-codes"]], env)))
    if "minimum" in cons or "maximum" in cons:
        # each bound left to right, as a number or date is read even inside right-to-left text
        low, high = (english_node("", str(cons.get(b, "…")), classes=["unbroken"]) for b in ("minimum", "maximum"))
        out.append(fill(_("from {low} to {high}"), low=low, high=high))
    if ref := keys.get((f["name"],)):
        out.append(
            fill(_("refers to {field}"), field=codes([f"{ref['resource'] or resource}.{ref['fields'][0]}"], env))
        )
    if f.get("x-cite"):
        out.append(fill(_("each key in {file}"), file=codes([project_of(env).bibliography.name], env)))
    if refers := f.get("x-refers-to"):
        tables = in_sequence([english([text(t)], env) for t in refers], separator=_(" or "))
        out.append(fill(_("each an id of {tables}"), tables=tables))
    return out


class CodingSchemeDirective(DataDirective):
    """The codes of a coded field (``x-codes``) of the first table that has it, or of ``<table>.<field>``."""

    required_arguments = 1

    def run(self):
        data, (*table, name) = self.data, self.arguments[0].split(".")
        coded = [t for t in table or data.schema.tables if data.schema.fields(t).get(name, {}).get("x-codes")]
        if not coded:
            known = [f"{t}.{n}" for t in data.schema.tables for n, f in data.schema.fields(t).items() if "x-codes" in f]
            raise self.error(f"no coded field {self.arguments[0]!r} in the data package's schema"
                             f"{did_you_mean(self.arguments[0], known + [k.split('.')[1] for k in known])}")  # fmt: skip
        table = coded[0]
        dl = verbatim(nodes.definition_list(classes=["coding-scheme"]))
        for code in data.codes(table, name):
            used = sum(code["value"] in split(v) for v in data.frames[table][name])
            term = nodes.term("", "", nodes.inline("", code["label"]), text(" "), nodes.literal("", code["value"]))
            coded = _("{definition} {table} coded so: {count}.").format(
                definition=code["definition"], table=data.schema.resources[table].get("title", table), count=used
            )
            dl += nodes.definition_list_item("", term, nodes.definition("", para(text(coded))))
        return [dl]


class DataTableDirective(DataDirective):
    """A table's rows in the columns of its ``x-columns`` (else all), the first cell holding the row's anchor."""

    required_arguments = 1

    def run(self):
        name, data = self.arguments[0], self.data
        if name not in data.frames:
            raise self.error(f"no table {name!r} in the data package{did_you_mean(name, data.frames)}")
        fields = data.schema.fields(name)
        columns = data.schema.resources[name].get("x-columns") or [n for n in fields if n != "id"]
        rows = []
        for row in data.frames[name].to_dict("records"):
            cells = [para(*self.value(name, column, row[column])) for column in columns]
            cells[0].insert(0, target(ids.anchor(data.schema, name, row["id"]), self.state.document))
            rows.append(cells)
        headers = [fields[column].get("title", column) for column in columns]
        return [table(headers, rows, [1] * len(columns), classes=[f"{name}-table"])]

    def value(self, table: str, name: str, value) -> list[nodes.Node]:
        """A cell as the schema types it: a date in words, codes by their labels, citations, a link to the row
        of another table (named by its ``x-title`` field), else text."""
        data, spec = self.data, self.data.field(table, name)
        if value is None or value != value or value == "":  # empty (NaN included)
            return []
        if spec.get("type") == "date":
            return [text(long_date(value, self.env))]
        if spec.get("x-codes"):
            return [text(coded(data, table, name, value))]
        if spec.get("x-cite"):
            return self.cite(value)
        keys = {
            tuple(k["fields"]): k["reference"] for k in data.schema.resources[table]["schema"].get("foreignKeys", [])
        }
        if other := keys.get((name,), {}).get("resource"):
            row = data.frames[other].set_index("id").loc[value]
            shown = str(row.get(data.schema.resources[other].get("x-title", "id"), value))
            return self.ref(other, value, shown)
        return [text(str(value))]


class DataCardDirective(DataTableDirective):
    """One row as a card: its ``x-title`` field as a heading, then its ``x-card`` fields (else its columns)."""

    required_arguments = 2

    def run(self):
        (table, item), data, env = self.arguments, self.data, self.env
        if table not in data.frames:
            raise self.error(f"no table {table!r} in the data package{did_you_mean(table, data.frames)}")
        if item not in set(known := data.frames[table]["id"]):
            raise self.error(f"no row {item!r} in the data package's table {table!r}{did_you_mean(item, known)}")
        row = data.frames[table].set_index("id").loc[item]
        resource, fields = data.schema.resources[table], data.schema.fields(table)
        anchor = ids.anchor(data.schema, table, item)
        env.get_domain("briefbook").note_use(anchor, env.docname)
        card = verbatim(nodes.container("", nodes.target("", "", ids=[anchor]), classes=["data-card", f"{table}-card"]))
        if title := resource.get("x-title"):
            card += para(nodes.strong("", str(row[title])), classes=["data-card-title"])
        meta = nodes.field_list()
        for name in resource.get("x-card") or resource.get("x-columns") or [n for n in fields if n != "id"]:
            if shown := self.value(table, name, row[name]):
                meta += field(fields[name].get("title", name), *shown)
        card += meta
        return [card]
