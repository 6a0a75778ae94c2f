"""Validation of the data package: the descriptor, the Table Schema rules, and the rules the
schema cannot state (:mod:`briefbook.rules`: list fields, BibTeX keys, evidence ids, dates and
windows, the order within a day, attributions, the brief's text and markup, hidden characters).

The package is read once (:class:`briefbook.project.Package`): Frictionless checks that
``data/datapackage.json`` is a valid Data Package descriptor, and the rows are then checked
against the Table Schema it declares (types, required, unique, enum, pattern, minimum and
maximum, primary and foreign keys) column by column with pandas: Frictionless' row-by-row
checks cost about 35 µs a row here (5.6 s for 100,000 events), far over the 3 s the benchmark
allows, while the column checks take a fraction of a second. Every problem names file, row and
column, e.g. ``data/quotations.csv:3: date: '2021-13-45' is not a date (YYYY-MM-DD)``, and all
of them are reported at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from .i18n.checks import problems as translation_problems
from .i18n.checks import release_problems
from .i18n.validation import catalog_files, catalog_problems
from .package import Package, Table, read_package
from .project import Problem, Project
from .rules import report_mask as _report
from .rules import rule_problems

__all__ = ["DataError", "Problem", "check", "problems", "report", "validate"]

TYPE_WORDS = {"date": "a date (YYYY-MM-DD)", "integer": "a whole number", "string": "text"}
TYPE_FORMS = {"date": r"\d{4}-\d{2}-\d{2}", "integer": r"[+-]?\d+"}


class DataError(Exception):
    """Raised when the data package does not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


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
        (name,) = [fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"]  # one field (checked)
        ref_table = fk["reference"]["resource"] or table.name
        (ref_field,) = (
            [fk["reference"]["fields"]] if isinstance(fk["reference"]["fields"], str) else fk["reference"]["fields"]
        )
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


def _descriptor_problems(package: Package, project: Project) -> list[Problem]:
    """Rules of the schema (datapackage.json) that this validator cannot apply: a pattern that is
    not a regular expression, a minimum or maximum that is not a number, a foreign key of more
    than one field (by the resource and field)."""
    import re

    found: list[Problem] = []
    where = project.display(package.data_dir / "datapackage.json")
    for table in package.tables.values():
        for name, field in table.fields.items():
            column = f"{table.name}.{name}"
            cons = field.get("constraints", {})
            if "pattern" in cons:
                try:
                    re.compile(cons["pattern"])
                except (re.error, TypeError) as exc:
                    found.append(
                        Problem(
                            where, 0, column, f"the pattern {cons['pattern']!r} is not a regular expression ({exc})"
                        )
                    )
            for key in ("minimum", "maximum"):
                if key in cons and (isinstance(cons[key], bool) or not isinstance(cons[key], int | float)):
                    found.append(Problem(where, 0, column, f"{key} {cons[key]!r} is not a number"))
        for fk in table.spec["schema"].get("foreignKeys", []):
            fields, ref = fk.get("fields"), (fk.get("reference") or {}).get("fields")
            fields, ref = ([fields] if isinstance(fields, str) else fields), ([ref] if isinstance(ref, str) else ref)
            if not (isinstance(fields, list) and isinstance(ref, list) and len(fields) == len(ref) == 1):
                found.append(Problem(where, 0, f"{table.name}.foreignKeys",
                                     f"{fk.get('fields')!r}: only a foreign key of one field is supported"))  # fmt: skip
    return found


def problems(package: Package, bib: Path, brief: Path | None, *, release: bool = False) -> list[Problem]:
    """Every problem in a package that has been read, sorted by file and row. A reading is
    checked once: asked again (the extension, after the build's own gate), the answer is kept.
    In ``release`` mode, a translation of the data's words that is missing or needs review is a
    problem too (:func:`briefbook.i18n.checks.release_problems`)."""
    key = (*((p, p.stat().st_mtime_ns) if p and p.is_file() else (p, None) for p in (bib, brief)), release,
           *((p, p.stat().st_mtime_ns) for p in catalog_files(package.data_dir.parent)))  # fmt: skip
    memo = package.__dict__.setdefault("_problems", {})
    if key not in memo:
        memo[key] = _problems(package, bib, brief, release)
    return memo[key]


def _problems(package: Package, bib: Path, brief: Path | None, release: bool = False) -> list[Problem]:
    project = Project(package.data_dir.parent)
    if package.problems:
        return sorted(set(package.problems))
    if not bib.is_file():
        return [Problem(project.display(bib), 0, "", "file is missing")]
    try:
        keys = _bib_keys(bib)
    except Exception as exc:  # pybtex raises several kinds
        return [Problem(project.display(bib), 0, "", f"cannot be parsed: {exc}")]
    found = _descriptor_problems(package, project)
    if found:  # the tables cannot be checked against rules that cannot be applied
        return sorted(set(found))
    for table in package.tables.values():
        _schema_problems(table, package.tables, found)
    brief_text = None
    if brief is not None:
        try:
            brief_text = brief.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            found.append(Problem(project.display(brief), 0, "", f"cannot be read: {exc}"))
    rule_problems(
        package.tables, keys, project.display(bib), brief_text, project.display(brief) if brief else "", found
    )
    found += translation_problems(package, bib)
    found += catalog_problems(project.root)  # the translators' catalogs, read like the data
    if release:
        found += release_problems(package, bib)
    return sorted(set(found))


def validate(
    data_dir: Path | str, bib: Path | str | None = None, brief: Path | str | None = None, *, release: bool = False
) -> list[Problem]:
    """Every problem in the data package at ``data_dir``, sorted by file and row.

    The fields that quote the brief (the claims' ``brief_text``, the quotations' ``text``) are
    checked against the brief's text at ``brief`` (by default
    found by :func:`briefbook.paths.brief_file`); where the brief is not at hand, that check,
    and only that one, is left out. ``release``: the translations must be complete and current."""
    project = Project(Path(data_dir).parent)
    bib = Path(bib) if bib else project.bibliography
    brief = Path(brief) if brief else project.brief()
    return problems(read_package(data_dir), bib, brief, release=release)


def _bib_keys(bib: Path) -> set[str]:
    from pybtex.database import parse_file

    return set(parse_file(str(bib), bib_format="bibtex").entries.keys())


def brief_notice(root: Path) -> str:
    """A line saying whether the claims were checked against the brief's text."""
    project = Project(root)
    brief = project.brief()
    if brief is None:
        return (
            "the brief's text was not found (set BRIEFBOOK_SOURCES); claims.csv brief_text and quotations.csv "
            "text not checked against it"
        )
    return f"claims.csv brief_text and quotations.csv text checked word for word against {project.display(brief)}"


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
