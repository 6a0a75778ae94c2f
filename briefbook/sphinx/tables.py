"""Tables from the data package: ``{events-table}``, ``{claims-table}`` (``:chapter:`` for one
chapter's claims), ``{actors-table}``, ``{schema-table} <resource>`` and ``{coding-scheme} <field>``."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from .. import ids, markup
from ..data import split
from .bilingual import edition_translation, english
from .citelines import cite_line, claim_title, event_title
from .nodes import arabic
from .util import (
    DataDirective,
    _,
    brief_nodes,
    cell,
    fill,
    in_sequence,
    long_date,
    para,
    table,
    target,
    text,
    verbatim,
    when_nodes,
)
from .words import word


class EventsTableDirective(DataDirective):
    tables = ("events", "actors")

    def run(self):
        data, env = self.data, self.env
        rows = []
        for ev in data.events.itertuples():  # in the order of time (briefbook.data.load)
            if ev.date_end == ev.date_start:
                day = long_date(ev.date_start, env)
            else:
                day = _("{first}–{last} (window)", env).format(
                    first=ev.date_start.day, last=long_date(ev.date_end, env)
                )
            first = para(target(ids.anchor(ev.id, "events"), self.state.document), *when_nodes(day, ev, env))
            kind = word(ev.type, env)
            heading = _("{type}: {place} ({country}).", env)
            heading = heading.format(type=kind[:1].upper() + kind[1:], place=ev.place, country=word(ev.country, env))
            what = [nodes.strong("", heading + " "), text(ev.description)]
            if ev.projectiles:
                what.append(
                    text(" " + _("Projectiles reported: {projectiles}.", env).format(projectiles=ev.projectiles))
                )
            actor, status = data.actor(ev.actor)["name"], word(ev.actor_status, env)
            if ev.actor_source_keys:
                by = self.cite(ev.actor_source_keys, role="alp")
                who = fill(_("{actor} ({status}, by {source})", env), actor=actor, status=status, source=by)
            else:
                who = [text(_("{actor} ({status})", env).format(actor=actor, status=status))]
            notes = [text(ev.casualties)]
            if ev.notes:
                notes.append(text(" " + ev.notes))
            notes += [text(" "), *self.cite(ev.source_keys)]
            line = cite_line(
                self.env, ids.anchor(ev.id, "events"), self.env.docname, event_title(data, ev.id, self.env)
            )
            rows.append([first, (para(*what), line), who, notes])
        headers = [
            _("When (local)", env),
            _("What", env),
            _("Actor", env),
            _("Casualties, disagreements, sources", env),
        ]
        return [table(headers, rows, [13, 37, 16, 34], classes=["events-table"])]


class ClaimsTableDirective(DataDirective):
    tables = ("claims", "quotations", "events", "actors")
    option_spec = {"chapter": directives.unchanged}

    def run(self):
        data, env = self.data, self.env
        claims = data.claims  # in the brief's order (briefbook.data.load)
        if "chapter" in self.options:
            claims = claims[claims["chapter"] == self.options["chapter"]]
        rows = []
        for c in claims.itertuples():
            evidence = []
            for i, item in enumerate(data.in_time_order(split(c.evidence))):
                if i:
                    evidence.append(text(_("; ", env)))  # the language's separator (Arabic "؛ ")
                evidence += self.ref(ids.anchor(item), data.evidence_label(item))
            quoted = []
            for i, passage in enumerate(markup.passages(c.brief_text)):
                quoted += [text(markup.OMISSION if i else "“"), *brief_nodes(passage)]
            words = [*english([*quoted, text("”")], env), text(" "), *self.cite(c.source_keys)]
            # the translation's passages are printed as the English's are (never the raw separator)
            translated = markup.joined(cell(c, "brief_text_translation"))
            translation = edition_translation(translated, env, ["claim-brief-translation"])
            words = (para(*words), *translation) if translation else words
            # The full table (no :chapter:) holds each claim's citable anchor; chapter excerpts link to it.
            if "chapter" in self.options:
                first, claim = para(*self.ref(c.id, str(c.order))), c.claim
            else:
                first = para(target(c.id, self.state.document), text(str(c.order)))
                claim = (para(text(c.claim)), cite_line(self.env, c.id, self.env.docname, claim_title(c, env)))
            rows.append([first, claim, words, evidence])
        headers = ["#", _("Claim (in this edition’s words)", env), _("The brief’s words", env),
                   _("Evidence, in the order of time", env)]  # fmt: skip
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
            rows.append([first, word(a.kind, self.env), [text(a.description + " "), *self.cite(a.source_keys)]])
        headers = [_("Actor", self.env), _("Kind", self.env), _("Description", self.env)]
        return [table(headers, rows, [24, 15, 61], classes=["actors-table"])]


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
        env = self.env
        rows = [[nodes.literal("", f["name"]), word(f["type"], env), f.get("description", ""),
                 joined(rules(f, schema, keys, name, env), env)] for f in schema["fields"]]  # fmt: skip
        download = self.download(f"data/{resource['path']}", resource["path"])
        intro = para(*fill(_("{description} File: {file}.", env), description=resource.get("description", ""),
                           file=download))  # fmt: skip
        headers = [_("Field", env), _("Type", env), _("Meaning", env), _("Rules", env)]
        return [intro, table(headers, rows, [17, 11, 42, 30], classes=["schema-table"])]


def joined(parts: list[list[nodes.Node]], env) -> list[nodes.Node]:
    """Rules one after another, separated by a semicolon."""
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        out += [text(_("; ", env))] if i else []
        out += part
    return out


def codes(values, env) -> list[nodes.Node]:
    """Values of the data (enumerations, codes, fields), written in English in every edition (marked
    so in another language's)."""
    return in_sequence([english([text(str(v))], env)[0] for v in values], env)


def rules(f: dict, schema: dict, keys: dict, resource: str, env=None) -> list[list[nodes.Node]]:
    """The rules a field obeys, in words: the schema's constraints and the rules of the project."""
    cons = f.get("constraints", {})
    out = []
    if cons.get("required"):
        out.append([text(_("required", env))])
    if cons.get("unique") or [f["name"]] == schema.get("primaryKey"):
        out.append([text(_("unique", env))])
    if "enum" in cons:
        out.append(fill(_("one of: {values}", env), values=codes(cons["enum"], env)))
    if "x-codes" in f and {c["value"] for c in f["x-codes"]} != set(cons.get("enum", ())):
        # the codes once: where they are the enumeration's values, "one of" has listed them
        out.append(fill(_("codes: {values}", env), values=codes([c["value"] for c in f["x-codes"]], env)))
    if "minimum" in cons or "maximum" in cons:
        bounds = {"low": cons.get("minimum", "…"), "high": cons.get("maximum", "…")}
        out.append([text(_("from {low} to {high}", env).format(**bounds))])
    if (f["name"],) in keys:
        ref = keys[(f["name"],)]
        out.append(
            fill(_("refers to {field}", env), field=codes([f"{ref['resource'] or resource}.{ref['fields'][0]}"], env))
        )
    if f["name"].endswith("source_keys"):
        out.append(fill(_("each key in {file}", env), file=codes(["references.bib"], env)))
    if f["name"] == "evidence":
        out.append([text(_("each an id of quotations or events", env))])
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
            coded = _("{definition} Quotations coded so: {count}.", self.env)
            body = nodes.definition("", para(text(coded.format(definition=code["definition"], count=used))))
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
