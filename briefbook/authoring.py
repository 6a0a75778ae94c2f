"""``briefbook new quotation|event``: append a well-formed row with a fresh id in the house format.

The options are the table's fields, as the schema in data/datapackage.json declares them. A
row's place within its day defaults to after the day's other rows, marked as fixed by no
source ('unfixed'), until the author says what fixes it. The id is made from them (``speaker-YYYY-MM-DD-topic``, ``ev-YYYY-MM-DD-place-type``); the row is
written only if the whole package still validates afterwards, otherwise the file is restored
and every problem is printed.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from . import ids
from .data import DAY_COLUMN
from .package import read_package
from .project import Project
from .validate import validate

TABLES = {"quotation": "quotations", "event": "events"}


def fields(root: Path, table: str) -> list[dict]:
    package = read_package(Project(root).data_dir)
    if package.problems:
        raise SystemExit("\n".join(str(p) for p in package.problems))
    return next(r for r in package.descriptor["resources"] if r["name"] == table)["schema"]["fields"]


def add_arguments(parser: argparse.ArgumentParser, root: Path, kind: str) -> None:
    for field in fields(root, TABLES[kind]):
        if field["name"] == "id":
            continue
        required = field.get("constraints", {}).get("required", False)
        parser.add_argument(
            f"--{field['name'].replace('_', '-')}",
            dest=field["name"],
            default="",
            help=f"{field.get('description', '')}{' (required)' if required else ''}",
        )
    if kind == "quotation":
        parser.add_argument("--topic", required=True, help="a word or two for the id, e.g. 'restraint'")
    else:
        parser.add_argument("--slug", default="", help="place and weapon for the id; default: from --place and --type")


def fresh_id(existing: set[str], base: str) -> str:
    candidate, n = base, 2
    while candidate in existing:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


UNFIXED_NOTE = "No source fixes its place among the day's rows; it is listed after them."


def place_in_day(row: dict, others: list[dict], day_col: str) -> None:
    """Unless the author gave them, the new row's place within its day (after the day's other
    rows) and what fixes it: 'only' on a day of its own, else 'unfixed', which says that no
    source fixes the order rather than implying one."""
    same_day = [int(r["day_order"]) for r in others if r[day_col] == row[day_col] and r["day_order"].isdigit()]
    row["day_order"] = row["day_order"] or str(max(same_day, default=0) + 1)
    row["order_basis"] = row["order_basis"] or ("unfixed" if same_day else "only")
    if row["order_basis"] == "unfixed":
        row["order_note"] = row["order_note"] or UNFIXED_NOTE


def new_row(root: Path, kind: str, args: argparse.Namespace) -> int:
    table = TABLES[kind]
    project = Project(root)
    path = project.table_file(table)
    original = path.read_bytes()
    text = original.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    header = next(csv.reader(io.StringIO(text)))
    existing = {row["id"] for row in csv.DictReader(io.StringIO(text))}
    row = {name: getattr(args, name, "") or "" for name in header}
    if kind == "event":
        row["date_end"] = row["date_end"] or row["date_start"]
        base = ids.event_id(row["date_start"], args.slug or (row["place"].split(",")[0] + " " + row["type"]))
    else:
        base = ids.quotation_id(row["speaker"], row["date"], args.topic)
    row["id"] = fresh_id(existing, base)
    place_in_day(row, list(csv.DictReader(io.StringIO(text))), DAY_COLUMN[table])
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=header, lineterminator=newline).writerow(row)
    body = original if original.endswith(newline.encode()) or not original else original + newline.encode()
    path.write_bytes(body + buffer.getvalue().encode("utf-8"))
    problems = validate(project.data_dir, project.bibliography)
    if problems:
        path.write_bytes(original)
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"the new {kind} was not added; {path.relative_to(root)} is unchanged", file=sys.stderr)
        return 1
    print(row["id"])
    return 0
