"""Validation of the data package: the Table Schema (with Frictionless), then the rules the
schema cannot state (list fields, BibTeX keys, evidence ids, dates and windows).

Every problem names file, row and column, e.g.
``data/quotations.csv:3: date: '2021-13-45' is not a date (YYYY-MM-DD)``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .data import SEP, STUDY_END, STUDY_START, TABLES, split

TYPE_WORDS = {
    "date": "a date (YYYY-MM-DD)",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


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
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(
                name, line, "", f"not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start}); save the file as UTF-8"
            )
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and (line number, row) pairs; line numbers count the header as line 1."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    rows, start = [], reader.line_num + 1
    for record in reader:
        if any(cell.strip() for cell in record):
            rows.append((start, dict(zip(header, record, strict=False))))  # ragged rows: the schema check reports them
        start = reader.line_num + 1
    return header, rows


def _bib_keys(bib: Path) -> set[str]:
    from pybtex.database import parse_file

    return set(parse_file(str(bib), bib_format="bibtex").entries.keys())


def _schema_problems(descriptor: dict, data_dir: Path, names: dict, lines: dict) -> list[Problem]:
    """Run Frictionless over the package and translate its errors."""
    from frictionless import Package

    problems = []
    package = Package(descriptor, basepath=str(data_dir))
    report = package.validate()
    for task in report.tasks:
        table = task.name
        fields = {f["name"]: f for r in descriptor["resources"] if r["name"] == table for f in r["schema"]["fields"]}
        for err in task.errors:
            row_number = getattr(err, "row_number", None)
            line = lines[table].get(row_number, row_number or 0)
            problems.append(_translate(err, names[table], line, fields, lines[table]))
        if not task.errors and not task.valid:
            problems.append(Problem(names[table], 0, "", "; ".join(e.message for e in task.errors)))
    for err in report.errors:
        problems.append(Problem(_display(data_dir / "datapackage.json"), 0, "", err.message))
    return [p for p in problems if p is not None]


def _translate(err, file: str, line: int, fields: dict, rowmap: dict) -> Problem | None:
    kind = err.type
    field = getattr(err, "field_name", "") or ""
    cell = getattr(err, "cell", "")
    if kind == "type-error":
        ftype = fields.get(field, {}).get("type", "")
        return Problem(file, line, field, f"{cell!r} is not {TYPE_WORDS.get(ftype, ftype)}")
    if kind == "constraint-error":
        cons = fields.get(field, {}).get("constraints", {})
        note = err.note
        if '"required"' in note:
            return Problem(file, line, field, "is required but empty")
        if '"enum"' in note:
            return Problem(file, line, field, f"{cell!r} is not one of: {', '.join(map(str, cons['enum']))}")
        if '"pattern"' in note:
            return Problem(file, line, field, f"{cell!r} does not have the required form ({cons['pattern']})")
        if '"minimum"' in note:
            return Problem(file, line, field, f"{cell!r} is less than {cons['minimum']}")
        if '"maximum"' in note:
            return Problem(file, line, field, f"{cell!r} is more than {cons['maximum']}")
        return Problem(file, line, field, f"{cell!r}: {note}")
    if kind == "unique-error":
        first = re.search(r"position (\d+)", err.note)
        where = f" of the row on line {rowmap.get(int(first.group(1)), first.group(1))}" if first else ""
        return Problem(file, line, field, f"{cell!r} is a duplicate{where}")
    if kind == "primary-key":
        return None  # reported as a unique-error on the id column already
    if kind == "foreign-key":
        col = ", ".join(err.field_names)
        value = ", ".join(err.field_cells)
        ref = err.reference_name or file.rsplit("/", 1)[-1].removesuffix(".csv")
        return Problem(file, line, col, f"{value!r} is not an id in {ref}")
    return Problem(file, line, field, err.message)


def _check_rules(tables: dict, names: dict, descriptor: dict, bib_keys: set[str], bib_name: str) -> list[Problem]:
    """The rules Table Schema cannot state."""
    problems: list[Problem] = []
    add = problems.append
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in descriptor["resources"]}
    ids = {t: {row.get("id", "") for _, row in rows} for t, rows in tables.items()}
    evidence_ids = ids["quotations"] | ids["events"]

    def as_date(value: str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None

    start, end = STUDY_START.date(), STUDY_END.date()
    for table, rows in tables.items():
        file = names[table]
        for line, row in rows:
            for name, spec in fields[table].items():
                value = row.get(name, "")
                required = spec.get("constraints", {}).get("required")
                if required and value and not value.strip():
                    add(Problem(file, line, name, "is empty (only white space)"))
                if "x-codes" in spec and value.strip():
                    allowed = [c["value"] for c in spec["x-codes"]]
                    items = split(value) if SEP in value or name != "signal" else [value]
                    for item in items:
                        if item not in allowed:
                            add(Problem(file, line, name, f"{item!r} is not one of: {', '.join(allowed)}"))
            for key in split(row.get("source_keys", "")):
                if key not in bib_keys:
                    add(Problem(file, line, "source_keys", f"{key!r} is not a key in {bib_name}"))
            if table == "events":
                d0, d1 = as_date(row.get("date_start", "")), as_date(row.get("date_end", ""))
                if d0 and d1 and d1 < d0:
                    add(Problem(file, line, "date_end", f"'{d1}' is before date_start '{d0}'"))
                for col, d in (("date_start", d0), ("date_end", d1)):
                    if d and not start <= d <= end:
                        add(Problem(file, line, col, f"'{d}' is outside the study window {start} to {end}"))
                m = re.match(r"ev-(\d{4}-\d{2}-\d{2})-", row.get("id", ""))
                if m and d0 and m.group(1) != str(d0):
                    add(Problem(file, line, "id", f"{row['id']!r} does not begin with date_start '{d0}'"))
            if table == "quotations":
                d = as_date(row.get("date", ""))
                if d and not start <= d <= end:
                    add(Problem(file, line, "date", f"'{d}' is outside the study window {start} to {end}"))
                m = re.search(r"-(\d{4}-\d{2}-\d{2})-", row.get("id", ""))
                if m and d and m.group(1) != str(d):
                    add(Problem(file, line, "id", f"{row['id']!r} does not carry the date '{d}'"))
            if table == "claims":
                items = split(row.get("evidence", ""))
                if not items and row.get("evidence", "") == "":
                    pass  # reported by the schema as a required field
                for item in items:
                    if item not in evidence_ids:
                        add(Problem(file, line, "evidence", f"{item!r} is not the id of a quotation or an event"))
    return problems


def validate(data_dir: Path | str, bib: Path | str | None = None) -> list[Problem]:
    """Every problem in the data package at ``data_dir``, sorted by file and row."""
    data_dir = Path(data_dir)
    bib = Path(bib) if bib else data_dir.parent / "references.bib"
    descriptor_path = data_dir / "datapackage.json"
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Problem(_display(descriptor_path), 0, "", f"cannot be read: {exc}")]
    problems: list[Problem] = []
    names, tables, lines, texts = {}, {}, {}, {}
    for table in TABLES:
        path = data_dir / f"{table}.csv"
        names[table] = _display(path)
        if not path.is_file():
            problems.append(Problem(names[table], 0, "", "file is missing"))
            continue
        text = _read_text(path, names[table], problems)
        if text is None:
            continue
        texts[table] = text
        header, rows = _rows(text)
        tables[table] = rows
        # Frictionless numbers rows by position (header = 1); map them to physical lines.
        lines[table] = {i + 2: line for i, (line, _) in enumerate(rows)}
    if problems:
        return sorted(problems)
    if not bib.is_file():
        return [Problem(_display(bib), 0, "", "file is missing")]
    try:
        keys = _bib_keys(bib)
    except Exception as exc:  # pybtex raises several kinds
        return [Problem(_display(bib), 0, "", f"cannot be parsed: {exc}")]
    # Frictionless reads normalised copies (no BOM, Unix line ends) so authors' editors don't matter.
    normalised = json.loads(json.dumps(descriptor))
    for resource in normalised["resources"]:
        resource.pop("path", None)
        resource["data"] = list(csv.reader(io.StringIO(texts[resource["name"]], newline="")))
        resource["format"] = "inline"
    problems += _schema_problems(normalised, data_dir, names, lines)
    problems += _check_rules(tables, names, descriptor, keys, _display(bib))
    return sorted(set(problems))


def check(data_dir: Path | str, bib: Path | str | None = None) -> None:
    """Raise :class:`DataError` naming every problem, or return quietly."""
    problems = validate(data_dir, bib)
    if problems:
        raise DataError(problems)
