"""Every problem of the data package at once, by file, row and column: Frictionless', then the rules it cannot state."""

import sys
from pathlib import Path

import pandas as pd
from pybtex.database import parse_file

from . import markup
from .i18n.catalogs import catalog_problems
from .i18n.data import translation_problems
from .package import BIDI, CONTROL, Problem, Table, did_you_mean, invisible, read_package, table_problems
from .paths import BIBLIOGRAPHY, brief_file, display

# the build's limits, not rules of the data (so not in its schema): TeX reads a paragraph into a bounded buffer,
MAX_CELL, INTEGER_BOUND = 5000, 2**31 - 1  # and pandas and the charts take integers as C longs


def bad(table: Table, column: str, mask: pd.Series, said) -> list[Problem]:
    """A problem for every row where ``mask`` is true: ``said`` maps the cell to the text, or is it with {cell}."""
    cells = table.frame.loc[mask, column] if (mask := mask.fillna(False).astype(bool)).any() else {}
    return [table.problem(n, column, said(c) if callable(said) else said.format(cell=c)) for n, c in cells.items()]


def not_in(table: Table, column: str, allowed, what: str) -> list[Problem]:
    found = table.frame[column].str.split(";").explode().str.strip()
    found = found[(found != "") & ~found.isin(list(allowed))]
    return [table.problem(n, column, f"{item!r} {what}{did_you_mean(item, allowed)}") for n, item in found.items()]


def cell_problems(table: Table, tables: dict[str, Table], bib_keys: set[str], bib_name: str) -> list[Problem]:
    found = []
    for name, col in table.frame.items():
        spec = table.fields.get(name, {})
        if spec.get("constraints", {}).get("required"):
            found += bad(table, name, col.str.isspace(), "is empty (only white space)")
        if "x-codes" in spec:
            allowed = [c["value"] for c in spec["x-codes"]]
            found += not_in(table, name, allowed, f"is not one of: {', '.join(allowed)}")
        if spec.get("x-cite"):
            found += not_in(table, name, bib_keys, f"is not a key in {bib_name}")
        if refers := spec.get("x-refers-to"):
            ids = pd.concat([tables[t].frame["id"] for t in refers])
            found += not_in(table, name, set(ids), f"is not an id in {' or '.join(refers)}")
        if needs := spec.get("x-required-if"):  # {field: values requiring it}; [] any value; {"not": [...]} any but
            ifs = [(f, v["not"], True) if isinstance(v, dict) else (f, v, not v) for f, v in needs.items()]  # f, v, but
            when = [table.frame[f].str.strip().isin([*v, ""] if but else v) != but for f, v, but in ifs]
            said = [f"{f} is {'not ' * bool(v and but)}{' or '.join(map(repr, v)) or 'set'}" for f, v, but in ifs]
            empty = pd.concat(when, axis=1).any(axis=1) & (col.str.strip() == "")
            hint = f": {spec['x-required-hint']}" if "x-required-hint" in spec else ""
            found += bad(table, name, empty, f"is required when {' or '.join(said)}{hint}")
        if within := spec.get("x-within"):  # each item one of the other field's too
            own = table.frame[within].str.split(";").map(lambda keys: {k.strip() for k in keys})
            items = col.str.split(";").explode().str.strip()
            said = f"is not also in {within}"
            found += [table.problem(n, name, f"{k!r} {said}") for n, k in items.items() if k and k not in own[n]]
        found += bad(table, name, col.str.contains(f"{BIDI.pattern}|{CONTROL.pattern}"), invisible)
        too_long = col.str.len() > MAX_CELL
        found += bad(table, name, too_long, lambda c: f"is {len(c):,} characters long, more than {MAX_CELL:,}")
        if spec.get("type") == "integer":
            whole = col.str.fullmatch(r"[+-]?\d+").fillna(False)
            huge = whole & col.where(whole, "0").map(lambda cell: abs(int(cell)) > INTEGER_BOUND)
            found += bad(table, name, huge, f"{{cell!r}} is beyond the range of a whole number (±{INTEGER_BOUND:,})")
        if spec.get("x-markup") == "brief":
            found += bad(table, name, col.map(markup.problem).notna(), markup.problem)
    return found


def day_problems(table: Table, day_col: str) -> list[Problem]:
    """Windows that end before they begin, ids that carry another date, same-day rows' order and what fixes it."""
    frame, found, until = table.frame, [], table.fields[day_col].get("x-until")
    day = pd.to_datetime(frame[day_col], format="%Y-%m-%d", errors="coerce")
    if until:
        end = pd.to_datetime(frame[until], format="%Y-%m-%d", errors="coerce")
        found += bad(table, until, end < day, "'{cell}' is before " + day_col)
    carried = frame["id"].str.extract(r"(?:^|-)(\d{4}-\d{2}-\d{2})-", expand=False)
    wrong = carried.notna() & day.notna() & (carried != day.dt.strftime("%Y-%m-%d"))
    found += bad(table, "id", wrong, "{cell!r} does not carry its " + day_col)
    order = frame["day_order"]
    keyed = (frame[day_col] + "#" + order)[(frame[day_col] != "") & (order != "")]
    first = pd.Series(keyed.drop_duplicates().index, index=keyed.drop_duplicates().values)
    for line, key in keyed[keyed.duplicated()].items():
        said = f"{order[line]!r} is also the day_order of line {first[key]}, on the same day {frame.at[line, day_col]}"
        found.append(table.problem(line, "day_order", f"{said}: the order of the two within the day is undefined"))
    basis, size = frame["order_basis"], frame[day_col].map(frame[day_col].value_counts())
    said = "is 'only', but other rows share this day; say what fixes their order"
    found += bad(table, "order_basis", (basis == "only") & (size > 1), said)
    said = "is {cell!r}, but no other row shares this day; use 'only'"
    found += bad(table, "order_basis", (basis != "only") & (basis != "") & (size == 1), said)
    return found


def brief_problems(table: Table, name: str, flat: str, brief_name: str) -> list[Problem]:
    """A field quoting the brief stands in it word for word, its passages apart, claims in the brief's order."""
    found, where = [], {}
    several = table.fields[name].get("x-passages")
    for line, cell in table.frame[name].items():
        end = None  # where the previous passage ends in the brief
        for n, passage in enumerate(markup.passages(cell) if several else filter(None, [cell.strip()]), 1):
            words = markup.comparable(markup.as_in_brief(passage))
            start = max(flat.find(words, end or 0), flat.find(words))  # after the previous passage, else anywhere
            if start < 0:
                said = f"the passage beginning {words[:60]!r} is not word for word in {brief_name}"
                found.append(table.problem(line, name, said))
                end = None
                continue
            where.setdefault(line, start)
            if end is not None and start >= end and not flat[end:start].strip():
                said = f"passages {n - 1} and {n} are adjacent in the brief: join them (a | is printed as an ellipsis, "
                found.append(table.problem(line, name, said + "which says that words are left out)"))
            end = start + len(words)
    if "order" not in table.fields:  # else the rows are numbered in the order of their passages in the brief
        return found
    frame, order = table.frame, pd.to_numeric(table.frame["order"], errors="coerce")
    placed = sorted((pos, line) for line, pos in where.items() if pd.notna(order[line]))
    for rank, (_, line) in enumerate(placed):
        if any(order[other] < order[line] for _, other in placed[rank + 1 :]):
            around = [n for _, n in placed[max(rank - 1, 0) : rank + 2] if n != line]
            near = [f"{frame.at[n, 'id']} ({frame.at[n, 'order']})" for n in around]
            number = int(order[placed[rank - 1][1]]) + 1 if rank else 1  # the number after the claim before it
            place = f"comes {'between' if rank else 'before'} {' and '.join(near)} in the brief"
            renumber = " and renumber the claims after it" if order[placed[rank + 1][1]] <= number else ""
            said = f"{frame.at[line, 'order']!r}: its passage {place}: give it {number}{renumber}"
            found.append(table.problem(line, "order", f"{said}; order follows the brief"))
    return found


def validate(data_dir: Path | str, brief: Path | str | None = None, *, release: bool = False) -> list[Problem]:
    """Every problem of the data at ``data_dir``, sorted; in a ``release``, translations missing or to review too."""
    package, root = read_package(data_dir), Path(data_dir).parent
    if package.problems:
        return sorted(set(package.problems))
    bib, brief = root / BIBLIOGRAPHY, Path(brief) if brief else brief_file(root)
    try:
        keys = set(parse_file(str(bib), bib_format="bibtex").entries)
    except Exception as exc:  # pybtex raises several kinds
        said = "file is missing" if isinstance(exc, FileNotFoundError) else f"cannot be parsed: {exc}"
        return [Problem(display(bib), 0, "", said)]
    found, flat, schema = table_problems(package), None, package.schema
    try:
        flat = markup.comparable(brief.read_text(encoding="utf-8")) if brief else None
    except (OSError, UnicodeDecodeError) as exc:
        found.append(Problem(display(brief), 0, "", f"cannot be read: {exc}"))
    for name, table in package.tables.items():
        found += cell_problems(table, package.tables, keys, display(bib))
        found += day_problems(table, schema.day_columns[name]) if name in schema.day_columns else []
        quoting = [f for f, spec in table.fields.items() if spec.get("x-markup") == "brief" and flat is not None]
        found += [p for field in quoting for p in brief_problems(table, field, flat, display(brief))]
    found += translation_problems(package, bib if release else None) + catalog_problems(package.data_dir.parent)
    return sorted(set(found))


def brief_notice(root: Path) -> str:
    s = read_package(root / "data").schema  # the fields quoting the brief, e.g. quotations.text
    what = " and ".join(f"{t}.{n}" for t in s.tables for n, f in s.fields(t).items() if f.get("x-markup") == "brief")
    if (brief := brief_file(root)) is None:
        return f"the brief's text was not found (set BRIEFBOOK_SOURCES); {what} not checked against it"
    return f"{what} checked word for word against {display(brief)}"


def report(problems: list[Problem], outcome: str = "; nothing was built") -> int:
    """Print every problem to stderr; the exit status a command should return (1 if any)."""
    if problems:
        said = f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in the data{outcome}."
        print(*problems, said, sep="\n", file=sys.stderr)
    return 1 if problems else 0
