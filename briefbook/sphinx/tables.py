"""The data package's tables as its descriptor lays them out (marks ``x-columns``, ``x-card``...: CONTRIBUTING.md)."""

import functools
import json
from html import escape

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes

from .. import i18n, markup
from ..data import split
from ..labels import first_words
from ..package import DAY_ORDER
from . import util as u
from .citelines import cite_line, cite_title
from .project import project_of
from .util import _, para, text


class DataTableDirective(u.DataDirective):
    """``{data-table} <table>``: its rows in its ``x-columns`` (a field, or fields sharing a cell), anchors first."""

    required_arguments = 1
    flags = {"cite": directives.flag, "controls": directives.flag, "class": directives.class_option}
    option_spec = {"filter": directives.unchanged, **flags}

    def made(self):
        name, env, filtered = self.arguments[0], self.env, "filter" in self.options
        self.known(name, self.data.frames, f"table {name!r} in the data package")
        resource, frame = self.data.schema.resources[name], self.data.frames[name]
        columns = [c if isinstance(c, list) else [c] for c in self.columns(name)]
        widths = resource.get("x-widths") or [1] * len(columns)
        if filtered:  # "field=value": those rows, each linking to its anchor in the whole table
            key, _sep, wanted = (part.strip() for part in self.options["filter"].partition("="))
            self.known(key, frame.columns, f"field {key!r} in table {name!r} to filter on")
            frame = frame[frame[key].astype(str) == wanted]
        rows = []
        for row in frame.to_dict("records"):
            cells = [self.cell(name, row, fields) for fields in columns]
            anchor = self.data.schema.anchor(name, row["id"])
            if filtered:
                cells[0][0] = para(*self.ref(name, row["id"], str(row[columns[0][0]])))
            else:
                cells[0][0].insert(0, target := nodes.target("", "", ids=[anchor], names=[anchor]))
                self.state.document.note_explicit_target(target)
            if "cite" in self.options:
                said = cite_title(self.data, name, row, self.label(name, row))
                cells[widths.index(max(widths))].append(cite_line(env, anchor, env.docname, said))
            rows.append([tuple(cell) for cell in cells])
        classes = [f"{name}-table", *self.options.get("class", [])]
        shown = u.table([self.title(name, c[0]) for c in columns], rows, widths, classes)
        if "controls" not in self.options:
            return [shown]
        shown["ids"].append(f"{name}-register")  # the words of its filter and sort (register.js), on the site only
        by, rows = resource.get("x-class", ""), self.rows_named(name)
        codes = {c["value"]: c["label"] for c in self.data.codes(name, by)} if by else {}
        words = {"for": f"{name}-register", "field": by, "codes": json.dumps(codes, ensure_ascii=False)}
        words |= {"label": _("Filter the {rows}:"), "sort": _("Sort by:"), "placeholder": _("any words…")}
        words["status"] = _("{shown} of {total} {rows} shown")  # its numbers filled by register.js
        said = " ".join(f'data-{k}="{escape(v.replace("{rows}", rows), quote=True)}"' for k, v in words.items())
        raw = nodes.raw("", f'<div class="register-words" {said} hidden="hidden"></div>', format="html")
        return [addnodes.only("", raw, expr="html and not epub"), shown]

    def columns(self, name: str) -> list:
        fields = [n for n in self.data.schema.fields(name) if n != "id"]
        return self.data.schema.resources[name].get("x-columns") or fields

    @functools.cached_property
    def rows_a_day(self) -> dict[str, dict]:
        """Each dated table's count of rows a day, counted once for the directive's rows."""
        return {t: self.data.frames[t][day].value_counts().to_dict() for t, day in self.data.schema.day_columns.items()}

    def rows_named(self, table: str) -> str:
        """A table's rows as a reader names them (``briefbook_table_words``), in the page's language."""
        words = self.env.config.briefbook_table_words
        return _(words[table]) if table in words else _("rows")

    def cell(self, name: str, row, fields: list[str]) -> list[nodes.Element]:
        shown = [v for i, c in enumerate(fields) if (v := self.value(name, c, row, i == 0)) or not i]
        return [p for v in shown for p in u.paras(v)]  # (a value: its inline in a paragraph, then its blocks)

    def title(self, name: str, column: str) -> str:
        schema = self.data.schema  # a column named by another table: its rows that refer to this one, counted
        return (schema.resources[column] if column in self.data.frames else schema.fields(name)[column])["title"]

    def label(self, name: str, row) -> str:
        """A row in words: its ``x-title`` fields' values (the brief's words, and ``x-first-words``, by first words)."""
        said, columns = [], self.data.schema.resources[name].get("x-title") or "id"
        for column in [columns] if isinstance(columns, str) else columns:
            if (spec := self.data.schema.fields(name)[column]).get("x-markup"):
                said.append(f"‘{first_words(row[column])}’")  # inside the double marks of a citation
            else:  # (a row another refers to: by its label, as its link says)
                words = "".join(n.astext() for n in self.value(name, column, row, True))
                said.append(first_words(words) if spec.get("x-first-words") else words)
        return _(", ").join(s for s in said if s)

    @functools.cached_property
    def keys(self) -> dict[tuple[str, str], str]:
        """The schema's foreign keys: (table, column) -> the table the column refers to."""
        keys = [(t, k) for t, r in self.data.schema.resources.items() for k in r["schema"].get("foreignKeys", [])]
        return {(t, k["fields"][0]): k["reference"]["resource"] or t for t, k in keys}

    def referring(self, other: str, name: str) -> str:
        """The column of ``other`` that refers to ``name``."""
        return next(column for (table, column), to in self.keys.items() if (table, to) == (other, name))

    def value(self, name: str, column: str, row, first: bool = False) -> list[nodes.Node]:
        """A cell as the schema types it: an inline classed by its field (titled after a cell's first), then blocks."""
        data, env = self.data, self.env
        if column in data.frames:  # the rows of another table referring to this one, by their distinct sources
            other = data.frames[column]
            cited = next(n for n, f in data.schema.fields(column).items() if f.get("x-cite"))
            return [text(str(other.loc[other[self.referring(column, name)] == row["id"], cited].nunique()))]
        spec, value, card = data.schema.fields(name)[column], row[column], data.schema.resources[name].get("x-card")
        if value is None or value != value or value == "":  # empty (NaN included)
            return []
        if spec.get("type") == "date":
            shown = [text(i18n.long_date(value, env.config.language))]
            if (until := row.get(spec.get("x-until"))) is not None and until != value:
                last = i18n.long_date(until, env.config.language)
                shown = [text(_("{first}–{last} (window)").format(first=value.day, last=last))]
        elif column == DAY_ORDER and (day := data.schema.day_columns.get(name)):  # its place among its day's rows
            count = self.rows_a_day[name][row[day]]
            said = _("{place} of {count} {rows} that day") if count > 1 else _("the only one that day")
            shown = [text(said.format(place=value, count=count, rows=self.rows_named(name)))]
        elif spec.get("x-codes"):
            by = [f"{column}-{value}"] if column == data.schema.resources[name].get("x-class") else []
            shown = [nodes.inline("", _("; ").join(data.label(name, column, c) for c in split(value)), classes=by)]
        elif spec.get("x-cite"):
            shown = self.cite(value)
        elif spec.get("x-markup") and isinstance(card, dict):  # its first words, leading to its card
            words = nodes.inline("", "", *u.in_language("en", [text(f"“{first_words(value)}”")], env))
            anchor = data.schema.anchor(name, row["id"])
            shown = [addnodes.pending_xref("", words, refdomain="briefbook", reftype="row", reftarget=anchor)]
        elif spec.get("x-markup"):  # in another edition, its original or this edition's translation after it
            shown = [*self.quoted(value, spec.get("x-passages")), *u.beside(self, name, row, column)]
        elif other := self.keys.get((name, column)):
            shown = self.ref(other, value, self.label(other, data.row(other, value)))
        elif spec.get("x-refers-to"):
            items = [(data.schema.table_of(i), i) for i in data.in_time_order(split(value))]
            items = [self.ref(table, i, data.evidence_label(i)) for table, i in items]
            # an item and its separator in one box, which a right-to-left page keeps whole (briefbook.css)
            items = [[*item, text(_("; "))] for item in items[:-1]] + items[-1:]
            shown = [nodes.inline("", "", *item, classes=["sequence-item"]) for item in items]
        elif lang := spec.get("x-lang"):  # a language's code, or the field that holds it
            words = [text(f"“{value}”" if spec.get("x-quoted") else value)]
            shown = [nodes.inline("", "", *u.in_language(row.get(lang, lang), words, env), classes=["quoted-text"])]
        else:
            shown = [text(_(str(value)) if "enum" in spec.get("constraints", {}) else str(value))]
        shown = [nodes.emphasis("", "", *shown)] if spec.get("x-emphasis") else shown
        shown = shown if first else u.fill(_("{title}: {value}"), title=spec.get("title", column), value=shown)
        words, *blocks = u.paras(shown)  # a translation's paragraph: after the inline, not inside it
        return [nodes.inline("", "", *words.children, classes=[column.replace("_", "-")]), *blocks]

    def quoted(self, value: str, several: bool = False) -> list[nodes.Node]:
        """The brief's words in English, its double marks made single; the passages of ``x-passages`` by an ellipsis."""
        quoted = []
        for i, passage in enumerate(markup.passages(value) if several else [value]):
            quoted.append(text(markup.OMISSION if i else "“"))
            quoted += [u.BRIEF.get(kind, lambda w: text(markup.nested(w)))(w) for kind, w in markup.spans(passage)]
        # the closing mark is the card's, unless the edition supplies it where the brief left it open
        return u.in_language("en", [*quoted, text("" if value.endswith(u.SUPPLIED_CLOSE) else "”")], self.env)


class DataCardDirective(DataTableDirective):
    """``{data-card} <table> <id>``: one row as a card, its ``x-card`` a list of fields or parts (CONTRIBUTING.md)."""

    required_arguments = 2

    def made(self):
        if self.options:  # a table's (inherited): none is a card's, and one given is named, not ignored
            raise self.error(f"a card takes no option: {', '.join(f':{o}:' for o in self.options)}")
        (name, item), env = self.arguments, self.env
        self.known(name, self.data.frames, f"table {name!r} in the data package")
        self.known(item, set(self.data.frames[name]["id"]), f"row {item!r} in the data package's table {name!r}")
        resource, row = self.data.schema.resources[name], self.data.row(name, item).to_dict()
        spec = resource.get("x-card") or self.columns(name)
        spec = {"fields": spec} if isinstance(spec, list) else spec
        anchor, by = self.data.schema.anchor(name, item), resource.get("x-class")
        env.get_domain("briefbook").uses[anchor, env.docname] = {"docname": env.docname}
        classes = ["data-card", f"{name}-card", *([f"{by}-{row[by]}"] if by else [])]
        card = nodes.container("", nodes.target("", "", ids=[anchor]), classes=classes, support_smartquotes=False)
        if "quote" in spec:  # the quoted words, the brief's note on them and who said them, beside their translations
            words = para(*self.quoted(row[spec["quote"]]), classes=["quotation-text"])
            if note := row.get(spec.get("note")):  # the brief's own note on the quotation, in its English too
                words += [text(" "), *u.in_language("en", [nodes.inline("", note, classes=["editorial-note"])], env)]
            by = u.in_sequence([self.value(name, f, row, True) for f in spec.get("by", [])])
            quote = nodes.block_quote("", words, nodes.attribution("", "", *by), classes=["quotation"])
            card += (pair := nodes.container("", quote, classes=["quotation-pair"]))
            pair += u.beside(self, name, row, spec["quote"], note=row.get(f"{spec.get('note')}_translation") or "")
            for other in spec.get("beside", []):  # the rows of another table referring to this one, listed beside it
                listed, frame = self.data.schema.resources[other], self.data.frames[other]
                heading = para(nodes.strong("", listed.get("title", other)), classes=["listed-heading"])
                pair += (box := nodes.container("", heading, classes=["listed", other]))
                rows = frame[frame[self.referring(other, name)] == item].to_dict("records")
                items = [nodes.list_item("", *self.cell(other, r, self.columns(other))) for r in rows]
                box += nodes.bullet_list("", *items) if items else para(text(_("None found.")), classes=["listed-none"])
        elif resource.get("x-title"):
            card += para(nodes.strong("", self.label(name, row)), classes=["data-card-title"])
        same, last = [row[f] for f in spec.get("same", [])], env.temp_data.get("briefbook_last_card")  # above's
        shared, env.temp_data["briefbook_last_card"] = bool(same) and last == same, same
        card += (meta := nodes.field_list(classes=["data-card-fields"]))
        if shared:
            meta += u.field(_(", ").join(self.title(name, f) for f in spec["same"]), [text(_("as in the card above"))])
        for column in [c for c in spec.get("fields", []) if not (shared and c in spec["same"])]:
            if shown := self.value(name, column, row, True):
                about = self.data.schema.fields(name)[column].get("x-describe")  # who it is, as its table says
                if about and (other := self.keys.get((name, column))):  # (a field naming a row of another table)
                    shown = u.fill(_("{head}: {rest}"), head=shown, rest=str(self.data.row(other, row[column])[about]))
                meta += u.field(self.title(name, column), shown)
        if about := spec.get("text"):
            title = nodes.strong("", self.title(name, about) + " ")
            card += para(title, *self.value(name, about, row, True), classes=["data-card-text"])
        if "quote" in spec:  # its row in the table that holds its label, and a cite line to that
            link = u.fill(_("See {row}."), row=self.ref(name, item, _("its row in the table")))
            card += para(*link, classes=["data-card-links"])
            page = env.config.briefbook_quotation_register or env.docname
            card += cite_line(env, anchor, page, cite_title(self.data, name, row, self.label(name, row)))
        return [card]


class SchemaTableDirective(u.DataDirective):
    """``{schema-table} <resource>``: its fields, types, meanings and rules (a resource that is no table too)."""

    required_arguments = 1

    def made(self):
        (name,), resources, env = self.arguments, self.data.schema.resources, self.env
        self.known(name, resources, f"resource {name!r} in the data package's descriptor")
        resource, rows = resources[name], []
        for f in resource["schema"]["fields"]:
            kind = f["type"]  # (a variable: the catalog's extractor would read a literal key as a message)
            rows.append([nodes.literal("", f["name"]), _(kind), f.get("description", ""), rules(f, resource, env)])
        file = sum(self.parse_inline(f"{{download}}`{resource['path']} </data/{resource['path']}>`"), [])
        intro = u.fill(_("{description} File: {file}."), description=resource.get("description", ""), file=file)
        headers = [_("Field"), _("Type"), _("Meaning"), _("Rules")]
        return [para(*intro), u.table(headers, rows, [17, 11, 42, 30], classes=["schema-table"])]


def rules(f: dict, resource: dict, env) -> list[nodes.Node]:
    """The rules a field obeys, in words: the schema's constraints and the rules of the project."""
    cons, schema, fill = f.get("constraints", {}), resource["schema"], u.fill

    def codes(values, separator=None):  # values of the data, in English in every edition
        return u.in_sequence([u.in_language("en", [text(str(v))], env) for v in values], separator=separator)

    ref = next((k["reference"] for k in schema.get("foreignKeys", []) if k["fields"] == [f["name"]]), None)
    named = ref and f"{ref['resource'] or resource['name']}.{ref['fields'][0]}"
    coded = [c["value"] for c in f.get("x-codes", [])]
    # each bound left to right, even inside right-to-left text
    low, high = (u.english("", str(cons.get(b, "")), classes=["unbroken"]) for b in ("minimum", "maximum"))
    said = [
        cons.get("required") and [text(_("required"))],
        (cons.get("unique") or [f["name"]] == schema.get("primaryKey")) and [text(_("unique"))],
        "enum" in cons and fill(_("one of: {values}"), values=codes(cons["enum"])),
        coded and set(coded) != set(cons.get("enum", ())) and fill(_("codes: {values}"), values=codes(coded)),
        "minimum" in cons and "maximum" in cons and fill(_("from {low} to {high}"), low=low, high=high),
        "minimum" in cons and "maximum" not in cons and fill(_("{low} or more"), low=low),
        "maximum" in cons and "minimum" not in cons and fill(_("at most {high}"), high=high),
        named and fill(_("refers to {field}"), field=codes([named])),
        f.get("x-cite") and fill(_("each key in {file}"), file=codes([project_of(env).bibliography.name])),
        f.get("x-refers-to") and fill(_("each an id of {tables}"), tables=codes(f["x-refers-to"], _(" or "))),
    ]
    return u.in_sequence([s for s in said if s], separator=_("; "))


class CodingSchemeDirective(u.DataDirective):
    """``{coding-scheme} [<table>.]<field>``: the codes of a coded field (of the first table that has it)."""

    required_arguments = 1

    def made(self):
        data, wanted = self.data, self.arguments[0]
        *table, name = wanted.split(".")
        coded = [f"{t}.{n}" for t in data.schema.tables for n, f in data.schema.fields(t).items() if "x-codes" in f]
        self.known(wanted, [*coded, *(k.split(".")[1] for k in coded)], f"coded field {wanted!r} in the schema")
        table = table[0] if table else next(k.split(".")[0] for k in coded if k.endswith(f".{name}"))
        dl = nodes.definition_list(classes=["coding-scheme"], support_smartquotes=False)
        title = data.schema.resources[table].get("title", table)
        for code in data.codes(table, name):
            used = sum(code["value"] in split(v) for v in data.frames[table][name])
            term = nodes.term("", "", nodes.inline("", code["label"]), text(" "), nodes.literal("", code["value"]))
            said = _("{definition} {table} coded so: {count}.").format(**code, table=title, count=used)
            dl += nodes.definition_list_item("", term, nodes.definition("", para(text(said))))
        return [dl]
