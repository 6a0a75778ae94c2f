"""The data package read from disk once (each CSV as text cells keeping their lines), its schema as the book reads
it, and Frictionless' checks of both: every problem with the input named by file, row (line) and column."""

import csv
import difflib
import functools
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .languages import LANGUAGES
from .paths import display

TYPE_WORDS = {"date": "a date (YYYY-MM-DD)", "integer": "a whole number", "number": "a number"}
DAY_ORDER = "day_order"  # a dated table orders the rows of one day by it
TRANSLATE_MARKS = (True, "beside")  # x-translate: the cell translated; "beside": kept as printed, translated beside

# Unicode's twelve Bidi_Control characters (the "Trojan Source" controls, LRM, RLM, ALM), and the C0 and C1
# controls but a tab and a line break, which XML (EPUB) and XeLaTeX refuse.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def did_you_mean(word: str, known) -> str:
    """``; did you mean 'x'?``: the closest of ``known`` to a mistyped id or code, else ''."""
    folded = {str(k).casefold(): str(k) for k in known}
    close = difflib.get_close_matches(str(word).casefold(), folded, n=1, cutoff=0.6)
    return f"; did you mean {folded[close[0]]!r}?" if close else ""


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        return ": ".join(filter(None, (where, self.column, self.message)))


def invisible(text: str) -> str | None:
    """What hides in ``text``: a bidirectional control or a control character, or None."""
    if hit := BIDI.search(text):
        said = f"holds the invisible bidirectional control U+{ord(hit[0]):04X} {unicodedata.name(hit[0])}"
        return f"{said} at character {hit.start() + 1}; remove it (Arabic needs no control characters)"
    if hit := CONTROL.search(text):
        return f"holds the control character U+{ord(hit[0]):04X} at character {hit.start() + 1}; remove it"


class Schema:
    """The descriptor's tables (translation tables apart), fields, dated tables, study window and anchors."""

    def __init__(self, descriptor: dict):
        self.resources = {r["name"]: r for r in descriptor["resources"]}
        tables = {code: language.translation_table for code, language in LANGUAGES.items()}
        self.translation_tables = {code: name for code, name in tables.items() if name in self.resources}
        self.tables = tuple(n for n in self.resources if n not in self.translation_tables.values())

    def fields(self, table: str) -> dict[str, dict]:
        return {f["name"]: f for f in self.resources[table]["schema"]["fields"]}

    @functools.cached_property
    def day_columns(self) -> dict[str, str]:
        """The dated tables (those with a ``day_order``), each with the date field that dates its rows."""
        dated = {t: [n for n, f in self.fields(t).items() if f.get("type") == "date"] for t in self.tables}
        return {t: names[0] for t, names in dated.items() if names and DAY_ORDER in self.fields(t)}

    def anchor(self, table: str, item: str) -> str:
        """The anchor of a row in the book (``x-anchor``, then its id), e.g. ``quote-khazali-2021-06-29-isra``."""
        return self.resources[table].get("x-anchor", "") + item

    def table_of(self, item: str) -> str:
        """The table of ``x-refers-to`` whose id pattern has the longest literal start ``item`` begins with."""
        return next(table for start, table in self.starts if item.startswith(start))

    @functools.cached_property
    def starts(self) -> list[tuple[str, str]]:
        fields = [f for t in self.tables for f in self.fields(t).values() if "x-refers-to" in f]
        patterns = {t: self.fields(t)["id"].get("constraints", {}).get("pattern", "") for t in fields[0]["x-refers-to"]}
        return sorted(((re.match(r"[\w-]*", p)[0], t) for t, p in patterns.items()), key=lambda s: -len(s[0]))

    @functools.cached_property
    def window(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The study window: the first and last day the date fields allow."""
        dated = [f.get("constraints", {}) for t in self.tables for f in self.fields(t).values() if f["type"] == "date"]
        lows, highs = ([c[k] for c in dated if k in c] for k in ("minimum", "maximum"))
        if not lows or not highs:
            raise ValueError("the schema's date fields state no minimum and maximum (the study window)")
        return pd.Timestamp(min(lows)), pd.Timestamp(max(highs))


@dataclass
class Table:
    name: str
    file: str
    frame: pd.DataFrame  # every cell as text; index = physical line of the row's start
    spec: dict

    fields = property(lambda self: {f["name"]: f for f in self.spec["schema"]["fields"]})

    def problem(self, line, column: str, message: str) -> Problem:
        return Problem(self.file, int(line), column, message)


@dataclass
class Package:
    data_dir: Path
    descriptor: dict = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    schema = functools.cached_property(lambda self: Schema(self.descriptor))
    frames = property(lambda self: {name: table.frame for name, table in self.tables.items()})

    def parse(self, spec: dict, file: str, text: str) -> Table:
        reader = csv.reader(io.StringIO(text, newline=""))
        header, expected = next(reader, []), [f["name"] for f in spec["schema"]["fields"]]
        if header != expected:
            self.problems.append(Problem(file, 1, "", f"the header should be {','.join(expected)}"))
        rows, start = {}, reader.line_num + 1  # each row by the line it starts on
        for record in reader:
            if len(record) > 1 or (record and record[0].strip()):  # blank lines are skipped
                if len(record) != len(header):
                    self.fail(file, f"has {len(record)} cells; the header has {len(header)}", start)
                rows[start] = (record + [""] * len(header))[: len(header)]
            start = reader.line_num + 1
        frame = pd.DataFrame(list(rows.values()), columns=header, index=pd.Index(list(rows), name="line"), dtype="str")
        columns = list(dict.fromkeys(header + expected))  # a column the header lacks: empty cells
        return Table(spec["name"], file, frame.reindex(columns=columns, fill_value=""), spec)

    def fail(self, path: Path, message: str, line: int = 0) -> "Package":
        self.problems.append(Problem(display(path), line, "", message))
        return self

    def text(self, path: Path) -> str | None:
        """The file's text (a BOM and Windows line ends are well), or None, its problem noted."""
        try:
            raw = path.read_bytes()
            return raw.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
        except OSError as exc:
            self.fail(path, "file is missing" if isinstance(exc, FileNotFoundError) else f"cannot be read: {exc}")
        except UnicodeDecodeError as exc:
            said = f"not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start}); save it as UTF-8"
            self.fail(path, said, raw[: exc.start].count(b"\n") + 1)


def descriptor_problems(descriptor: object, name: str) -> list[Problem]:
    """Frictionless' verdict on the descriptor, then fields, patterns that compile, bounds of the right type."""
    from frictionless import Field
    from frictionless import Package as Descriptor

    if not isinstance(descriptor, dict):
        return [Problem(name, 0, "", "is not a JSON object")]
    try:
        found = [Problem(name, 0, "", e.message) for e in Descriptor.metadata_validate(descriptor)]
    except Exception as exc:  # frictionless raises many kinds on malformed input
        return [Problem(name, 0, "", f"is not a valid data package descriptor: {exc}")]
    tables = {r.get("name") for r in descriptor.get("resources", [])}
    for resource in [] if found else descriptor["resources"]:
        table, fields = resource["name"], resource.get("schema", {}).get("fields")
        if fields is None:
            found.append(Problem(name, 0, "", f"resource {table!r} has no schema with fields"))
        for f in fields or []:
            cons, bare = f.get("constraints", {}), Field.from_descriptor({**f, "constraints": {}})
            bad = [k for k in ("minimum", "maximum") if k in cons and bare.read_cell(cons[k])[1]]  # read as a cell
            said = [f"{k} {cons[k]!r} is not {TYPE_WORDS.get(f['type'], 'of its type')}" for k in bad]
            try:
                re.compile(cons.get("pattern", ""))
            except re.error as exc:
                said.append(f"the pattern {cons['pattern']!r} is not a regular expression ({exc})")
            needs, names = f.get("x-required-if", {}), {None, *(g["name"] for g in fields)}  # the marks of our rules
            named = {"x-within": [f.get("x-within")], "x-until": [f.get("x-until")], "x-required-if": needs}
            original = f.get("x-original", {"text": None, "language": None})  # a statement's original: its fields
            if not isinstance(original, dict) or not {"text", "language"} <= set(original):
                said.append("x-original should give the fields of the original's text and language")
            named["x-original"] = list(original.values()) if isinstance(original, dict) else []
            said += [f"{m} names no field {o!r} of {table}" for m, os in named.items() for o in os if o not in names]
            said += [f"x-refers-to names no table {t!r}" for t in f.get("x-refers-to", []) if t not in tables]
            if f.get("x-translate", False) not in (*TRANSLATE_MARKS, False):  # a typo left the field untranslated
                said.append(f"x-translate is {f['x-translate']!r}, not one of true, false or 'beside'")
            bad = [k for k, v in needs.items() if not isinstance(v.get("not") if isinstance(v, dict) else v, list)]
            said += [f"x-required-if: the values of {k!r} are not a list (or {{'not': a list}})" for k in bad]
            found += [Problem(name, 0, f"{table}.{f['name']}", s) for s in said]
    return found


def read_package(data_dir: Path | str) -> Package:
    """The package at ``data_dir``, read again only when its files change."""
    files = [p for p in sorted(Path(data_dir).resolve().glob("*")) if p.is_file()]
    return read_once(Path(data_dir), tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@functools.lru_cache(maxsize=4)  # the latest few (a preview's edits leave older stamps behind)
def read_once(data_dir: Path, stamp: tuple) -> Package:  # stamp: each file's path, time and size
    package, path = Package(data_dir), data_dir / "datapackage.json"
    if (text := package.text(path)) is None:
        return package
    try:
        package.descriptor = json.loads(text)
    except ValueError as exc:
        return package.fail(path, f"is not valid JSON: {exc}", exc.lineno)
    package.problems += descriptor_problems(package.descriptor, display(path))
    for spec in [] if package.problems else package.descriptor["resources"]:
        if (text := package.text(data_dir / spec["path"])) is not None:
            package.tables[spec["name"]] = package.parse(spec, display(data_dir / spec["path"]), text)
    return package


def table_problems(package: Package) -> list[Problem]:
    """Frictionless' checks of the rows, each table given as CSV text (cheaper than a list of rows)."""
    import frictionless

    dialect = frictionless.Dialect(controls=[frictionless.formats.CsvControl(delimiter=",")])
    resources = []
    for name, t in package.tables.items():
        data, schema = t.frame[list(t.fields)].to_csv(index=False).encode(), t.spec["schema"]
        schema = frictionless.Schema.from_descriptor(schema)
        resources.append(frictionless.Resource(name=name, data=data, format="csv", dialect=dialect, schema=schema))
    frictionless.Package(resources=resources)  # where foreign keys find the tables they refer to
    errors = [(r.name, e) for r in resources for e in r.validate(limit_errors=10**9).tasks[0].errors]
    return [problem(package.tables[name], e, package.tables) for name, e in errors]


def problem(table: Table, error, tables: dict[str, Table]) -> Problem:
    """One of Frictionless' errors in the words of this book's messages."""
    if (number := getattr(error, "row_number", None)) is None:
        return Problem(table.file, 0, "", error.message)
    line, frame = int(table.frame.index[number - 2]), table.frame
    names = getattr(error, "field_names", None) or [getattr(error, "field_name", "")]
    names = table.spec["schema"]["primaryKey"] if error.type == "primary-key" else names
    cells, f = [frame.at[line, n] for n in names if n], table.fields.get(names[0], {})
    shown, cons, kind = f"{', '.join(cells)!r} ", f.get("constraints", {}), f.get("type", "string")
    which = (re.search(r'constraint "(\w+)"', error.note or "") or [0, error.type])[1]
    if error.type == "type-error":
        said = f"is not {TYPE_WORDS.get(kind, f'of type {kind}')}" + (f" ({f['format']})" if "format" in f else "")
    elif error.type == "foreign-key":
        target = tables[error.reference_name or table.name]
        said = f"is not an id in {target.name}{did_you_mean(cells[0], target.frame[error.reference_field_names[0]])}"
    elif error.type in ("unique-error", "primary-key") or which == "unique":
        said = f"is a duplicate of the row on line {int(frame.index[(frame[names] == cells).all(axis=1)][0])}"
    elif which == "required":
        shown, said = "", "is required but empty"
    elif which == "maxLength":  # the cell, too long to show
        shown, said = "", f"is {len(cells[0]):,} characters long, more than the maxLength {cons[which]:,}"
    elif which == "enum":
        said = f"is not one of: {', '.join(str(v) for v in cons['enum'])}{did_you_mean(cells[0], cons['enum'])}"
    elif which == "pattern":
        said = f"does not have the required form ({cons['pattern']})"
    elif which in ("minimum", "maximum") and kind == "date":
        said = f"is outside the study window {cons.get('minimum', '…')} to {cons.get('maximum', '…')}"
    elif which in ("minimum", "maximum", "minLength"):
        said = f"is {'less' if which.startswith('min') else 'more'} than the {which} {cons[which]}"
    else:
        said = f"breaks the schema: {error.note}"
    return Problem(table.file, line, ",".join(names), shown + said)
