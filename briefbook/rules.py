"""The rules of the data that Table Schema cannot state: list fields and codes, BibTeX keys,
evidence ids, dates and windows, the order within a day, the sources of attributions, the
markup of the brief's text and its agreement with the brief, and characters that could hide
or reorder text for a reader (bidirectional controls)."""

from __future__ import annotations

import re

import pandas as pd

from . import ids, markup
from .data import DAY_COLUMN, SEP, STUDY_END, STUDY_START
from .package import Table
from .project import TRANSLATION_TABLES, Problem

# Characters that reorder text invisibly (Unicode's twelve Bidi_Control characters, the "Trojan
# Source" controls and the marks LRM, RLM, ALM): never valid in the data.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
BIDI_NAMES = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING", "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u200e": "LEFT-TO-RIGHT MARK", "\u200f": "RIGHT-TO-LEFT MARK", "\u061c": "ARABIC LETTER MARK",
}  # fmt: skip


def report_mask(problems: list[Problem], table: Table, column: str, mask: pd.Series, message) -> None:
    """Add a problem for every row where ``mask`` is true; ``message`` maps the cell to the text."""
    if mask.any():
        cells = table.frame.loc[mask, column]
        problems.extend(Problem(table.file, int(line), column, message(cell)) for line, cell in cells.items())


_report = report_mask


def _list_items(col: pd.Series) -> pd.Series:
    """One row per item of a semicolon-separated cell, indexed by line."""
    items = col.astype(str).str.split(SEP).explode().str.strip()
    return items[items != ""]


def _core_problems(tables: dict[str, Table], bib_keys: set[str], bib_name: str, problems: list[Problem]) -> None:
    """Required cells that are only white space, codes, BibTeX keys; then the rules below."""
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
    _date_problems(tables, problems)
    if "claims" in tables:
        _evidence_problems(tables, problems)
    for name, column in DAY_COLUMN.items():
        if name in tables:
            _order_problems(tables[name], column, problems)
    if "events" in tables:
        _attribution_problems(tables["events"], problems)
    if "quotations" in tables:
        _original_problems(tables["quotations"], bib_keys, bib_name, problems)


def _date_problems(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Dates inside the study window, windows that do not end before they begin, ids that carry their date."""
    start, end = STUDY_START, STUDY_END
    window = f"the study window {start.date()} to {end.date()}"
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
        prefix = events.frame["id"].astype(str).str.extract(ids.DATE_IN_ID["events"], expand=False)
        wrong = prefix.notna() & d0.notna() & (prefix != d0.dt.strftime("%Y-%m-%d"))
        problems.extend(Problem(events.file, int(line), "id", f"{events.frame.at[line, 'id']!r} does not begin with date_start '{d0[line].date()}'")
                        for line in wrong.index[wrong])  # fmt: skip
    if "quotations" in tables:
        quotes = tables["quotations"]
        day = dates[("quotations", "date")]
        carried = quotes.frame["id"].astype(str).str.extract(ids.DATE_IN_ID["quotations"], expand=False)
        wrong = carried.notna() & day.notna() & (carried != day.dt.strftime("%Y-%m-%d"))
        problems.extend(Problem(quotes.file, int(line), "id", f"{quotes.frame.at[line, 'id']!r} does not carry the date '{day[line].date()}'")
                        for line in wrong.index[wrong])  # fmt: skip


def _evidence_problems(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Every id a claim cites is a quotation's or an event's."""
    evidence = set()
    for name in ("quotations", "events"):
        if name in tables:
            evidence |= set(tables[name].frame["id"].astype(str))
    claims = tables["claims"]
    items = _list_items(claims.frame["evidence"])
    bad = items[~items.isin(evidence)]
    problems.extend(Problem(claims.file, int(line), "evidence", f"{item!r} is not the id of a quotation or an event")
                    for line, item in bad.items())  # fmt: skip


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


ORIGINAL = ("original_text", "original_language", "original_source_keys")


def _original_problems(quotes: Table, bib_keys: set[str], bib_name: str, problems: list[Problem]) -> None:
    """A statement's original-language text comes whole: the text, its language and its sources."""
    frame = quotes.frame
    if not set(ORIGINAL) <= set(frame.columns):
        return
    given = frame[list(ORIGINAL)].apply(lambda col: col.str.strip() != "")
    for name in ORIGINAL:
        _report(problems, quotes, name, given.any(axis=1) & ~given[name],
                lambda cell: f"is required when any of {', '.join(ORIGINAL)} is set")  # fmt: skip
    items = _list_items(frame["original_source_keys"])
    problems.extend(Problem(quotes.file, int(line), "original_source_keys", f"{key!r} is not a key in {bib_name}")
                    for line, key in items[~items.isin(bib_keys)].items())  # fmt: skip


def _markup_problems(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Fields that quote the brief: their markup is well formed."""
    for table in tables.values():
        for name, field in table.fields.items():
            if field.get("x-markup") == "brief":
                for line, cell in table.frame[name].items():
                    message = markup.problem(cell)
                    if message:
                        problems.append(Problem(table.file, int(line), name, message))


def _brief_problems(tables: dict[str, Table], brief: str, brief_name: str, problems: list[Problem]) -> None:
    """Every field that quotes the brief (``"x-markup": "brief"``: the claims' brief_text, the
    quotations' text) stands word for word in the brief, its edition marks and typography aside;
    passages joined by ``|`` have words of the brief between them (they are printed with an
    ellipsis); and the claims' order is the brief's."""
    flat = markup.comparable(brief)
    for table in tables.values():
        for name, field in table.fields.items():
            if field.get("x-markup") != "brief":
                continue
            several = (table.name, name) in markup.PASSAGE_FIELDS
            where = _passage_problems(table, name, several, flat, brief_name, problems)
            if table.name == "claims" and "order" in table.frame:
                _claim_order_problems(table, where, problems)


def _passage_problems(table: Table, name: str, several: bool, flat: str, brief_name: str,
                      problems: list[Problem]) -> dict[int, int]:  # fmt: skip
    """The column's passages checked against the brief (``flat``, :func:`markup.comparable`);
    returns where each row's first passage stands in it."""
    where: dict[int, int] = {}
    for line, cell in table.frame[name].items():
        parts = markup.passages(cell) if several else ([cell.strip()] if cell.strip() else [])
        end = None  # where the previous passage ends in the brief
        for n, passage in enumerate(parts, start=1):
            words = markup.comparable(markup.as_in_brief(passage))
            start = flat.find(words, end or 0)
            if start < 0:
                start = flat.find(words)
            if start < 0:
                problems.append(Problem(table.file, int(line), name,
                                        f"the passage beginning {words[:60]!r} is not word for word in {brief_name}"))  # fmt: skip
                end = None
                continue
            where.setdefault(line, start)
            if end is not None and start >= end and not flat[end:start].strip():
                problems.append(Problem(table.file, int(line), name,
                                        f"passages {n - 1} and {n} are adjacent in the brief: join them (a | "
                                        f"is printed as an ellipsis, which says that words are left out)"))  # fmt: skip
            end = start + len(words)
    return where


def _claim_order_problems(claims: Table, where: dict[int, int], problems: list[Problem]) -> None:
    """The claims come in the order of their first passages in the brief."""
    order = pd.to_numeric(claims.frame["order"], errors="coerce")
    placed = sorted((pos, line) for line, pos in where.items() if pd.notna(order[line]))
    for rank, (_, line) in enumerate(placed):
        later = [other for _, other in placed[rank + 1 :] if order[other] < order[line]]
        if later:
            problems.append(Problem(claims.file, int(line), "order",
                                    f"{claims.frame.at[line, 'order']!r}: the claim on line {later[0]} restates a later "
                                    f"passage of the brief but comes first; order follows the brief"))  # fmt: skip


def _translated_passage_problems(table: Table, problems: list[Problem]) -> None:
    """A translation of a field of several passages (:data:`markup.PASSAGE_FIELDS`) has as many
    passages as its English, so that each is printed as the English is, an ellipsis between them."""
    frame, column = table.frame, table.name  # the translation's column is named as its table
    if not {"table", "field", "english", column} <= set(frame.columns):
        return
    rows = frame[[(t, f) in markup.PASSAGE_FIELDS for t, f in zip(frame["table"], frame["field"], strict=True)]]
    for line, row in rows.iterrows():
        english, translated = len(markup.passages(row["english"])), len(markup.passages(row[column]))
        if row[column].strip() and english != translated:
            problems.append(Problem(table.file, int(line), column,
                                    f"has {translated} passage(s) separated by {markup.PASSAGE_SEP}, but its English "
                                    f"has {english}: a translation keeps the English's passages"))  # fmt: skip


def _bidi_problems(tables: dict[str, Table], problems: list[Problem]) -> None:
    """No cell may hold a bidirectional control character: it can make text read other than it is."""
    pattern = f"[{BIDI_CONTROLS}]"
    for table in tables.values():
        for name in table.frame.columns:
            col = table.frame[name]
            hits = col.str.contains(pattern, regex=True).fillna(False).astype(bool)
            for line, cell in col[hits].items():
                at = next(i for i, c in enumerate(cell) if c in BIDI_CONTROLS)
                code = f"U+{ord(cell[at]):04X}"
                problems.append(Problem(table.file, int(line), name,
                                        f"holds the invisible bidirectional control {code} {BIDI_NAMES[cell[at]]} "
                                        f"at character {at + 1}; remove it (Arabic needs no control characters)"))  # fmt: skip


# Other characters no cell may hold: C0 and C1 control characters (a tab and a line break excepted),
# which XML (EPUB) and XeLaTeX refuse; and the bounds past which a cell cannot be built: a whole
# number beyond 32 bits (pandas and the charts take integers as C longs), a cell longer than
# MAX_CELL characters (TeX reads a paragraph as one line of a bounded buffer).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MAX_CELL = 5000
INTEGER_BOUND = 2**31 - 1


def _cell_problems(tables: dict[str, Table], problems: list[Problem]) -> None:
    """Control characters, over-long cells and whole numbers out of range, by file, row and column."""
    for table in tables.values():
        for name in table.frame.columns:
            col = table.frame[name].astype(str)
            for line, cell in col[col.str.contains(CONTROL.pattern, regex=True)].items():
                at = CONTROL.search(cell)
                problems.append(Problem(table.file, int(line), name,
                                        f"holds the control character U+{ord(at[0]):04X} at character {at.start() + 1}; "
                                        f"remove it"))  # fmt: skip
            report_mask(problems, table, name, col.str.len() > MAX_CELL,
                        lambda cell: f"is {len(cell):,} characters long, more than the {MAX_CELL:,} a cell may hold")  # fmt: skip
            if table.fields.get(name, {}).get("type") == "integer":
                whole = col.str.fullmatch(r"[+-]?\d+").fillna(False).astype(bool)
                out = whole & col.where(whole, "0").map(lambda cell: abs(int(cell)) > INTEGER_BOUND)
                report_mask(problems, table, name, out,
                            lambda cell: f"{cell!r} is beyond the range of a whole number (±{INTEGER_BOUND:,})")  # fmt: skip


def rule_problems(tables: dict[str, Table], bib_keys: set[str], bib_name: str, brief: str | None, brief_name: str,
                  problems: list[Problem]) -> None:  # fmt: skip
    """Every rule above; the brief's text, when at hand, for the fields that quote it."""
    _core_problems(tables, bib_keys, bib_name, problems)
    _markup_problems(tables, problems)
    _bidi_problems(tables, problems)
    _cell_problems(tables, problems)
    for name in TRANSLATION_TABLES.values():
        if name in tables:
            _translated_passage_problems(tables[name], problems)
    if brief is not None:
        _brief_problems(tables, brief, brief_name, problems)
