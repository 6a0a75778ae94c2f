"""Validation of the data package: the descriptor, the Table Schema rules, and the rules the
schema cannot state (list fields, BibTeX keys, evidence ids, dates and windows).

Frictionless checks that ``data/datapackage.json`` is a valid Data Package descriptor. The rows
are then checked against the Table Schema it declares (types, required, unique, enum, pattern,
minimum and maximum, primary and foreign keys) column by column with pandas: Frictionless'
row-by-row checks cost about 35 µs a row here (5.6 s for 100,000 events), far over the 3 s the
benchmark allows, while the column checks take a fraction of a second. Every problem names
file, row and column, e.g. ``data/quotations.csv:3: date: '2021-13-45' is not a date (YYYY-MM-DD)``,
and all of them are reported at once.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import markup
from .data import DAY_COLUMN, SEP, STUDY_END, STUDY_START, TABLES
from .paths import brief_file

TYPE_WORDS = {"date": "a date (YYYY-MM-DD)", "integer": "a whole number", "string": "text"}
TYPE_FORMS = {"date": r"\d{4}-\d{2}-\d{2}", "integer": r"[+-]?\d+"}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data package does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _display(path: Path) -> str:
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    """The file's text, UTF-8 (a BOM and Windows line ends are accepted), or None with a problem."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(name, line, "", f"not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start}); save it as UTF-8")
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


@dataclass
class Table:
    name: str
    file: str
    header: list[str]
    frame: pd.DataFrame  # every cell as text; index = physical line of the row's start
    spec: dict

    @property
    def fields(self) -> dict[str, dict]:
        return {f["name"]: f for f in self.spec["schema"]["fields"]}


def _parse(name: str, file: str, text: str, spec: dict, problems: list[Problem]) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    expected = [f["name"] for f in spec["schema"]["fields"]]
    if header != expected:
        problems.append(Problem(file, 1, "", f"the header should be {','.join(expected)}"))
    records, lines, start, width = [], [], reader.line_num + 1, len(header)
    for record in reader:
        if len(record) > 1 or (record and record[0].strip()):  # blank lines are skipped
            if len(record) != width:
                problems.append(Problem(file, start, "", f"has {len(record)} cells; the header has {width}"))
                record = (record + [""] * width)[:width]
            records.append(record)
            lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame(records, columns=header, index=pd.Index(lines, name="line"), dtype="str")
    for column in expected:
        if column not in frame:
            frame[column] = ""
    return Table(name, file, header, frame, spec)


def _report(problems: list[Problem], table: Table, column: str, mask: pd.Series, message) -> None:
    """Add a problem for every row where ``mask`` is true; ``message`` maps the cell to the text."""
    if mask.any():
        cells = table.frame.loc[mask, column]
        problems.extend(Problem(table.file, int(line), column, message(cell)) for line, cell in cells.items())


def _schema_problems(table: Table, tables: dict[str, Table], problems: list[Problem]) -> None:
    """The Table Schema's rules, column by column."""
    frame = table.frame
    for name, field in table.fields.items():
        col = frame[name]
        cons = field.get("constraints", {})
        filled = col != ""
        if cons.get("required"):
            _report(problems, table, name, ~filled, lambda cell: "is required but empty")
        ftype = field.get("type", "string")
        if ftype not in TYPE_WORDS:
            problems.append(Problem(table.file, 0, name, f"type {ftype!r} is not supported by the validator"))
            continue
        valid = filled
        if ftype in TYPE_FORMS:
            form = col.str.fullmatch(TYPE_FORMS[ftype])
            if ftype == "date":
                form &= pd.to_datetime(col.where(form, None), format="%Y-%m-%d", errors="coerce").notna()
            bad = filled & ~form
            _report(problems, table, name, bad, lambda cell, t=ftype: f"{cell!r} is not {TYPE_WORDS[t]}")
            valid = filled & form
        if "enum" in cons:
            allowed = [str(v) for v in cons["enum"]]
            _report(problems, table, name, valid & ~col.isin(allowed),
                    lambda cell, a=allowed: f"{cell!r} is not one of: {', '.join(a)}")  # fmt: skip
        if "pattern" in cons:
            matches = col.str.fullmatch(cons["pattern"]).fillna(False).astype(bool)
            _report(problems, table, name, valid & ~matches,
                    lambda cell, p=cons["pattern"]: f"{cell!r} does not have the required form ({p})")  # fmt: skip
        if ftype == "integer" and ("minimum" in cons or "maximum" in cons):
            numbers = pd.to_numeric(col.where(valid, None), errors="coerce")
            if "minimum" in cons:
                _report(problems, table, name, numbers < cons["minimum"],
                        lambda cell, m=cons["minimum"]: f"{cell!r} is less than {m}")  # fmt: skip
            if "maximum" in cons:
                _report(problems, table, name, numbers > cons["maximum"],
                        lambda cell, m=cons["maximum"]: f"{cell!r} is more than {m}")  # fmt: skip
        if cons.get("unique") or table.spec["schema"].get("primaryKey") == [name]:
            dup = filled & col.duplicated(keep="first")
            if dup.any():
                firsts = col[filled & ~col.duplicated(keep="first")]
                first = dict(zip(firsts.values, firsts.index, strict=True))
                _report(problems, table, name, dup,
                        lambda cell, f=first: f"{cell!r} is a duplicate of the row on line {f[cell]}")  # fmt: skip
    for fk in table.spec["schema"].get("foreignKeys", []):
        (name,) = fk["fields"]
        ref_table = fk["reference"]["resource"] or table.name
        (ref_field,) = fk["reference"]["fields"]
        if ref_table not in tables:
            continue
        known = set(tables[ref_table].frame[ref_field].astype(str))
        col = frame[name]
        _report(
            problems,
            table,
            name,
            (col != "") & ~col.isin(known),
            lambda cell, r=ref_table: f"{cell!r} is not an id in {r}",
        )


def _bib_keys(bib: Path) -> set[str]:
    from pybtex.database import parse_file

    return set(parse_file(str(bib), bib_format="bibtex").entries.keys())


def _list_items(col: pd.Series) -> pd.Series:
    """One row per item of a semicolon-separated cell, indexed by line."""
    items = col.astype(str).str.split(SEP).explode().str.strip()
    return items[items != ""]


def _rule_problems(tables: dict[str, Table], bib_keys: set[str], bib_name: str, problems: list[Problem]) -> None:
    """The rules Table Schema cannot state."""
    start, end = STUDY_START, STUDY_END
    window = f"the study window {start.date()} to {end.date()}"
    for table in tables.values():
        frame, file = table.frame, table.file
        for name, field in table.fields.items():
            col = frame[name]
            if field.get("constraints", {}).get("required"):
                _report(problems, table, name, col.str.isspace().fillna(False).astype(bool),
                        lambda cell: "is empty (only white space)")  # fmt: skip
            if "x-codes" in field:
                allowed = [c["value"] for c in field["x-codes"]]
                items = _list_items(col)
                bad = items[~items.isin(allowed)]
                problems.extend(Problem(file, int(line), name, f"{item!r} is not one of: {', '.join(allowed)}")
                                for line, item in bad.items())  # fmt: skip
        if "source_keys" in frame:
            items = _list_items(frame["source_keys"])
            bad = items[~items.isin(bib_keys)]
            problems.extend(Problem(file, int(line), "source_keys", f"{key!r} is not a key in {bib_name}")
                            for line, key in bad.items())  # fmt: skip
    dates = {}
    for name, cols in (("events", ("date_start", "date_end")), ("quotations", ("date",))):
        if name not in tables:
            continue
        table = tables[name]
        for col in cols:
            parsed = pd.to_datetime(table.frame[col].astype(str), format="%Y-%m-%d", errors="coerce")
            dates[(name, col)] = parsed
            _report(problems, table, col, parsed.notna() & ((parsed < start) | (parsed > end)),
                    lambda cell: f"'{cell}' is outside {window}")  # fmt: skip
    if "events" in tables:
        events = tables["events"]
        d0, d1 = dates[("events", "date_start")], dates[("events", "date_end")]
        before = d0.notna() & d1.notna() & (d1 < d0)
        problems.extend(Problem(events.file, int(line), "date_end", f"'{d1[line].date()}' is before date_start '{d0[line].date()}'")
                        for line in before.index[before])  # fmt: skip
        prefix = events.frame["id"].astype(str).str.extract(r"^ev-(\d{4}-\d{2}-\d{2})-", expand=False)
        wrong = prefix.notna() & d0.notna() & (prefix != d0.dt.strftime("%Y-%m-%d"))
        problems.extend(Problem(events.file, int(line), "id", f"{events.frame.at[line, 'id']!r} does not begin with date_start '{d0[line].date()}'")
                        for line in wrong.index[wrong])  # fmt: skip
    if "quotations" in tables:
        quotes = tables["quotations"]
        day = dates[("quotations", "date")]
        carried = quotes.frame["id"].astype(str).str.extract(r"-(\d{4}-\d{2}-\d{2})-", expand=False)
        wrong = carried.notna() & day.notna() & (carried != day.dt.strftime("%Y-%m-%d"))
        problems.extend(Problem(quotes.file, int(line), "id", f"{quotes.frame.at[line, 'id']!r} does not carry the date '{day[line].date()}'")
                        for line in wrong.index[wrong])  # fmt: skip
    if "claims" in tables:
        evidence = set()
        for name in ("quotations", "events"):
            if name in tables:
                evidence |= set(tables[name].frame["id"].astype(str))
        claims = tables["claims"]
        items = _list_items(claims.frame["evidence"])
        bad = items[~items.isin(evidence)]
        problems.extend(Problem(claims.file, int(line), "evidence", f"{item!r} is not the id of a quotation or an event")
                        for line, item in bad.items())  # fmt: skip
    for name, column in DAY_COLUMN.items():
        if name in tables:
            _order_problems(tables[name], column, problems)
    if "events" in tables:
        _attribution_problems(tables["events"], problems)


def _order_problems(table: Table, day_col: str, problems: list[Problem]) -> None:
    """Same-day rows: each has its own day_order, and order_basis and order_note say what fixes it."""
    frame = table.frame
    day, order, basis = frame[day_col], frame["day_order"], frame["order_basis"]
    known = (day != "") & (order != "")
    keyed = day + "#" + order
    dup = known & keyed.duplicated(keep="first")
    if dup.any():
        firsts = keyed[known & ~keyed.duplicated(keep="first")]
        first = dict(zip(firsts.values, firsts.index, strict=True))
        problems.extend(
            Problem(table.file, int(line), "day_order",
                    f"{order[line]!r} is also the day_order of line {first[keyed[line]]}, on the same day "
                    f"{day[line]}: the order of the two within the day is undefined")
            for line in dup.index[dup]
        )  # fmt: skip
    size = day.map(day.value_counts())
    _report(problems, table, "order_basis", (basis == "only") & (size > 1),
            lambda cell: "is 'only', but other rows share this day; say what fixes their order")  # fmt: skip
    _report(problems, table, "order_basis", (basis != "only") & (basis != "") & (size == 1),
            lambda cell: f"is {cell!r}, but no other row shares this day; use 'only'")  # fmt: skip
    _report(problems, table, "time_local", (basis == "time") & (frame["time_local"].str.strip() == ""),
            lambda cell: "is empty, but order_basis 'time' says a reported time fixes the order")  # fmt: skip
    _report(problems, table, "order_note", (basis != "only") & (basis != "") & (frame["order_note"].str.strip() == ""),
            lambda cell: "is required when other rows share the day: say what fixes the order, or that nothing does")  # fmt: skip


def _attribution_problems(events: Table, problems: list[Problem]) -> None:
    """A claimed or attributed actor names the sources of the claim or attribution, among source_keys."""
    frame = events.frame
    keys = frame["actor_source_keys"]
    named = frame["actor_status"].isin(["claimed", "attributed"])
    _report(problems, events, "actor_source_keys", named & (keys.str.strip() == ""),
            lambda cell: "is required when actor_status is 'claimed' or 'attributed': which source says so?")  # fmt: skip
    items = _list_items(keys[keys != ""])
    own = _list_items(frame["source_keys"])
    pairs = items.index.astype(str) + "#" + items.astype(str)
    missing = ~pairs.isin(own.index.astype(str) + "#" + own.astype(str))
    problems.extend(Problem(events.file, int(line), "actor_source_keys", f"{key!r} is not also in source_keys")
                    for line, key in items[missing].items())  # fmt: skip


def _markup_problems(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Fields that quote the brief: their markup is well formed."""
    for table in tables.values():
        for name, field in table.fields.items():
            if field.get("x-markup") == "brief":
                for line, cell in table.frame[name].items():
                    message = markup.problem(cell)
                    if message:
                        problems.append(Problem(table.file, int(line), name, message))


def _brief_problems(claims: Table, brief: str, brief_name: str, problems: list[Problem]) -> None:
    """Each claim's brief_text stands word for word in the brief, and the claims' order is the brief's."""
    flat = markup.squash(brief)
    where = {}
    for line, cell in claims.frame["brief_text"].items():
        for passage in markup.passages(cell):
            if markup.found_in(passage, brief):
                where.setdefault(line, flat.index(markup.squash(markup.as_in_brief(passage))))
            else:
                start = markup.squash(markup.as_in_brief(passage))[:60]
                problems.append(Problem(claims.file, int(line), "brief_text",
                                        f"the passage beginning {start!r} is not word for word in {brief_name}"))  # fmt: skip
    order = pd.to_numeric(claims.frame["order"], errors="coerce")
    placed = sorted((pos, line) for line, pos in where.items() if pd.notna(order[line]))
    for rank, (_, line) in enumerate(placed):
        later = [other for _, other in placed[rank + 1 :] if order[other] < order[line]]
        if later:
            problems.append(Problem(claims.file, int(line), "order",
                                    f"{claims.frame.at[line, 'order']!r}: the claim on line {later[0]} restates a later "
                                    f"passage of the brief but comes first; order follows the brief"))  # fmt: skip


def _descriptor_problems(descriptor: dict, path: Path) -> list[Problem]:
    """Frictionless' verdict on the Data Package descriptor itself."""
    from frictionless import FrictionlessException, Package

    try:
        errors = list(Package.metadata_validate(descriptor))
    except FrictionlessException as exc:
        return [Problem(_display(path), 0, "", str(exc))]
    return [Problem(_display(path), 0, "", e.message) for e in errors]


def validate(data_dir: Path | str, bib: Path | str | None = None, brief: Path | str | None = None) -> list[Problem]:
    """Every problem in the data package at ``data_dir``, sorted by file and row.

    The claims' ``brief_text`` is checked against the brief's text at ``brief`` (by default
    found by :func:`briefbook.paths.brief_file`); where the brief is not at hand, that check,
    and only that one, is left out."""
    data_dir = Path(data_dir)
    bib = Path(bib) if bib else data_dir.parent / "references.bib"
    brief = Path(brief) if brief else brief_file(data_dir.parent)
    descriptor_path = data_dir / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Problem(_display(descriptor_path), 0, "", f"cannot be read: {exc}")]
    problems = _descriptor_problems(descriptor, descriptor_path)
    if problems:
        return problems
    specs = {r["name"]: r for r in descriptor["resources"]}
    tables: dict[str, Table] = {}
    for name in TABLES:
        path = data_dir / specs.get(name, {}).get("path", f"{name}.csv")
        file = _display(path)
        if name not in specs:
            problems.append(Problem(_display(descriptor_path), 0, "", f"no resource named {name!r}"))
        elif not path.is_file():
            problems.append(Problem(file, 0, "", "file is missing"))
        else:
            text = _read_text(path, file, problems)
            if text is not None:
                gc.disable()  # many small lists: the cyclic collector only slows the parse down
                try:
                    tables[name] = _parse(name, file, text, specs[name], problems)
                finally:
                    gc.enable()
    if problems:
        return sorted(set(problems))
    if not bib.is_file():
        return [Problem(_display(bib), 0, "", "file is missing")]
    try:
        keys = _bib_keys(bib)
    except Exception as exc:  # pybtex raises several kinds
        return [Problem(_display(bib), 0, "", f"cannot be parsed: {exc}")]
    for table in tables.values():
        _schema_problems(table, tables, problems)
    _rule_problems(tables, keys, _display(bib), problems)
    _markup_problems(tables, problems)
    if brief is not None and "claims" in tables:
        try:
            text = brief.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(_display(brief), 0, "", f"cannot be read: {exc}"))
        else:
            _brief_problems(tables["claims"], text, _display(brief), problems)
    return sorted(set(problems))


def brief_notice(root: Path) -> str:
    """A line saying whether the claims were checked against the brief's text."""
    brief = brief_file(root)
    if brief is None:
        return "the brief's text was not found (set BRIEFBOOK_SOURCES); claims.csv brief_text not checked against it"
    return f"claims.csv brief_text checked word for word against {_display(brief)}"


def report(problems: list[Problem]) -> int:
    """Print every problem to stderr; the exit status a command should return (1 if any)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        many = "s" if len(problems) > 1 else ""
        print(f"{len(problems)} problem{many} in the data; nothing was built.", file=sys.stderr)
    return 1 if problems else 0


def check(data_dir: Path | str, bib: Path | str | None = None, brief: Path | str | None = None) -> None:
    """Raise :class:`DataError` naming every problem, or return quietly."""
    problems = validate(data_dir, bib, brief)
    if problems:
        raise DataError(problems)
