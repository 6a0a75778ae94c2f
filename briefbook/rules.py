"""The rules of the data that Table Schema cannot state: cells of white space, list fields and their
codes, BibTeX keys, evidence ids, windows and the date an id carries, the order within a day, the
sources of attributions and originals, the brief's markup and text, and characters that could hide
or reorder text (bidirectional and other controls)."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

from . import markup
from .errors import Problem, did_you_mean
from .package import Package, Table

# Unicode's twelve Bidi_Control characters (the "Trojan Source" controls, LRM, RLM, ALM), and the C0
# and C1 controls but a tab and a line break, which XML (EPUB) and XeLaTeX refuse.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_CELL = 5000  # characters: TeX reads a paragraph as one line of a bounded buffer
INTEGER_BOUND = 2**31 - 1  # pandas and the charts take integers as C longs
ORIGINAL = ("original_text", "original_language", "original_source_keys")


def invisible(text: str) -> str | None:
    """What hides in ``text``: a bidirectional control or a control character, or None."""
    if hit := BIDI.search(text):
        return (f"holds the invisible bidirectional control U+{ord(hit[0]):04X} {unicodedata.name(hit[0])} at "
                f"character {hit.start() + 1}; remove it (Arabic needs no control characters)")  # fmt: skip
    if hit := CONTROL.search(text):
        return f"holds the control character U+{ord(hit[0]):04X} at character {hit.start() + 1}; remove it"
    return None


def bad(table: Table, column: str, mask: pd.Series, message) -> list[Problem]:
    """A problem for every row where ``mask`` is true; ``message`` maps the cell to the text."""
    cells = table.frame.loc[mask.fillna(False).astype(bool), column]
    return [Problem(table.file, int(line), column, message(cell)) for line, cell in cells.items()]


def not_in(table: Table, column: str, allowed, what: str) -> list[Problem]:
    """A problem for every item of a semicolon-separated cell that is not ``allowed``."""
    found = table.frame[column].str.split(";").explode().str.strip()
    found = found[(found != "") & ~found.isin(list(allowed))]
    return [Problem(table.file, int(line), column, f"{item!r} {what}{did_you_mean(item, allowed)}")
            for line, item in found.items()]  # fmt: skip


def cell_problems(table: Table, bib_keys: set[str], bib_name: str) -> list[Problem]:
    found = []
    for name, col in table.frame.items():
        spec = table.fields.get(name, {})
        if spec.get("constraints", {}).get("required"):
            found += bad(table, name, col.str.isspace(), lambda cell: "is empty (only white space)")
        if "x-codes" in spec:
            allowed = [c["value"] for c in spec["x-codes"]]
            found += not_in(table, name, allowed, f"is not one of: {', '.join(allowed)}")
        if name.endswith("source_keys"):
            found += not_in(table, name, bib_keys, f"is not a key in {bib_name}")
        found += bad(table, name, col.str.contains(f"{BIDI.pattern}|{CONTROL.pattern}"), invisible)
        found += bad(table, name, col.str.len() > MAX_CELL,
                     lambda cell: f"is {len(cell):,} characters long, more than the {MAX_CELL:,} a cell may hold")  # fmt: skip
        if spec.get("type") == "integer":
            whole = col.str.fullmatch(r"[+-]?\d+").fillna(False)
            huge = whole & col.where(whole, "0").map(lambda cell: abs(int(cell)) > INTEGER_BOUND)
            found += bad(table, name, huge, lambda cell: f"{cell!r} is beyond the range of a whole number (±{INTEGER_BOUND:,})")  # fmt: skip
        if spec.get("x-markup") == "brief":
            found += bad(table, name, col.map(markup.problem).notna(), markup.problem)
    return found


def day_problems(table: Table, day_col: str) -> list[Problem]:
    """Windows that end before they begin, ids that carry another date; same-day rows each with
    their own day_order, and order_basis and order_note saying what fixes it."""
    frame, found = table.frame, []
    day = pd.to_datetime(frame[day_col], format="%Y-%m-%d", errors="coerce")
    if "date_end" in frame:
        end = pd.to_datetime(frame["date_end"], format="%Y-%m-%d", errors="coerce")
        found += bad(table, "date_end", end < day, lambda cell: f"'{cell}' is before {day_col}")
    carried = frame["id"].str.extract(r"(?:^|-)(\d{4}-\d{2}-\d{2})-", expand=False)
    found += bad(table, "id", carried.notna() & day.notna() & (carried != day.dt.strftime("%Y-%m-%d")),
                 lambda cell: f"{cell!r} does not carry its {day_col}")  # fmt: skip
    order, basis = frame["day_order"], frame["order_basis"]
    keyed = (frame[day_col] + "#" + order)[(frame[day_col] != "") & (order != "")]
    first = keyed.drop_duplicates()
    first = pd.Series(first.index, index=first.values)
    for line, key in keyed[keyed.duplicated()].items():
        found.append(Problem(table.file, int(line), "day_order", f"{order[line]!r} is also the day_order of line "
                             f"{first[key]}, on the same day {frame.at[line, day_col]}: the order of the two within "
                             "the day is undefined"))  # fmt: skip
    size = frame[day_col].map(frame[day_col].value_counts())
    shared = (basis != "only") & (basis != "")
    for column, mask, said in (
        ("order_basis", (basis == "only") & (size > 1), "is 'only', but other rows share this day; say what fixes their order"),
        ("order_basis", shared & (size == 1), "is {cell!r}, but no other row shares this day; use 'only'"),
        ("time_local", (basis == "time") & (frame["time_local"].str.strip() == ""),
         "is empty, but order_basis 'time' says a reported time fixes the order"),
        ("order_note", shared & (frame["order_note"].str.strip() == ""),
         "is required when other rows share the day: say what fixes the order, or that nothing does"),
    ):  # fmt: skip
        found += bad(table, column, mask, lambda cell, said=said: said.format(cell=cell))
    return found


def source_problems(tables: dict[str, Table]) -> list[Problem]:
    """A claim's evidence is quotations and events; a claimed or attributed event names the sources
    of that among its source_keys; a statement's original text comes whole, with language and sources."""
    found = []
    if {"claims", "quotations", "events"} <= set(tables):
        known = set(tables["quotations"].frame["id"]) | set(tables["events"].frame["id"])
        found += not_in(tables["claims"], "evidence", known, "is not the id of a quotation or an event")
    if "events" in tables:
        events = tables["events"]
        frame, keys = events.frame, events.frame["actor_source_keys"]
        found += bad(events, "actor_source_keys", frame["actor_status"].isin(["claimed", "attributed"]) & (keys.str.strip() == ""),
                     lambda cell: "is required when actor_status is 'claimed' or 'attributed': which source says so?")  # fmt: skip
        for line, named, own in zip(frame.index, keys.str.split(";"), frame["source_keys"].str.split(";"), strict=True):
            found += [Problem(events.file, int(line), "actor_source_keys", f"{key.strip()!r} is not also in source_keys")
                      for key in named if key.strip() and key.strip() not in {k.strip() for k in own}]  # fmt: skip
    if "quotations" in tables and set(ORIGINAL) <= set(tables["quotations"].frame.columns):
        quotes = tables["quotations"]
        given = quotes.frame[list(ORIGINAL)].apply(lambda col: col.str.strip() != "")
        for name in ORIGINAL:
            found += bad(quotes, name, given.any(axis=1) & ~given[name],
                         lambda cell: f"is required when any of {', '.join(ORIGINAL)} is set")  # fmt: skip
    return found


def brief_problems(table: Table, name: str, flat: str, brief_name: str) -> list[Problem]:
    """A field that quotes the brief (``x-markup: brief``) stands in it word for word, its edition
    marks and typography aside; passages joined by ``|`` have words of the brief between them; and
    claims come in the brief's order."""
    found, where = [], {}
    several = (table.name, name) in markup.PASSAGE_FIELDS
    for line, cell in table.frame[name].items():
        end = None  # where the previous passage ends in the brief
        for n, passage in enumerate(markup.passages(cell) if several else [cell.strip()] * bool(cell.strip()), 1):
            words = markup.comparable(markup.as_in_brief(passage))
            start = flat.find(words, end or 0)
            start = start if start >= 0 else flat.find(words)
            if start < 0:
                found.append(Problem(table.file, int(line), name,
                                     f"the passage beginning {words[:60]!r} is not word for word in {brief_name}"))  # fmt: skip
                end = None
                continue
            where.setdefault(line, start)
            if end is not None and start >= end and not flat[end:start].strip():
                found.append(Problem(table.file, int(line), name, f"passages {n - 1} and {n} are adjacent in the brief: "
                                     "join them (a | is printed as an ellipsis, which says that words are left out)"))  # fmt: skip
            end = start + len(words)
    if table.name == "claims" and "order" in table.frame:
        order = pd.to_numeric(table.frame["order"], errors="coerce")
        placed = sorted((pos, line) for line, pos in where.items() if pd.notna(order[line]))
        for rank, (_, line) in enumerate(placed):
            if any(order[other] < order[line] for _, other in placed[rank + 1 :]):
                near = [
                    f"{table.frame.at[n, 'id']} ({table.frame.at[n, 'order']})"
                    for _, n in placed[max(rank - 1, 0) : rank + 2]
                    if n != line
                ]
                number = int(order[placed[rank - 1][1]]) + 1 if rank else 1  # the number after the claim before it
                place = f"comes {'between' if rank else 'before'} {' and '.join(near)} in the brief"
                renumber = " and renumber the claims after it" if order[placed[rank + 1][1]] <= number else ""
                said = f"{table.frame.at[line, 'order']!r}: its passage {place}: give it {number}{renumber}"
                found.append(Problem(table.file, int(line), "order", f"{said}; order follows the brief"))
    return found


def passage_problems(table: Table) -> list[Problem]:
    """A translation of a field of several passages has as many passages as its English."""
    column = table.name  # the translation's column is named as its table
    return [Problem(table.file, int(row.Index), column, f"has {theirs} passage(s) separated by {markup.PASSAGE_SEP}, "
                    f"but its English has {ours}: a translation keeps the English's passages")
            for row in table.frame.itertuples()
            if (row.table, row.field) in markup.PASSAGE_FIELDS and getattr(row, column).strip()
            and (ours := len(markup.passages(row.english))) != (theirs := len(markup.passages(getattr(row, column))))]  # fmt: skip


def rule_problems(package: Package, bib_keys: set[str], bib_name: str, brief: str | None,
                  brief_name: str) -> list[Problem]:  # fmt: skip
    """Every rule above; the brief's text, when at hand, for the fields that quote it."""
    schema, found = package.schema, source_problems(package.tables)
    for name, table in package.tables.items():
        found += cell_problems(table, bib_keys, bib_name)
        if name in schema.day_columns:
            found += day_problems(table, schema.day_columns[name])
        if name in schema.translation_tables.values():
            found += passage_problems(table)
        for field, spec in table.fields.items():
            if brief is not None and spec.get("x-markup") == "brief":
                found += brief_problems(table, field, markup.comparable(brief), brief_name)
    return found
