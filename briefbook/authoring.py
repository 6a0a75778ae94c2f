"""``briefbook new quotation|event``: append a row with a fresh id in the house format (``speaker-YYYY-MM-DD-topic``,
``ev-YYYY-MM-DD-place-type``), its options the table's fields as the schema declares them. The row is kept only if
the whole package still validates; else the file is restored."""

import argparse
import csv
import io
import re
import sys
from pathlib import Path

from .package import read_package
from .paths import BIBLIOGRAPHY
from .validate import validate

TABLES = {"quotation": "quotations", "event": "events"}
UNFIXED_NOTE = "No source fixes its place among the day's rows; it is listed after them."
DEFAULTS = {
    "day_order": "after the day's other rows",
    "order_basis": "'only' on a day of its own, else 'unfixed'",
    "order_note": "on a shared day, that no source fixes the order",
    "date_end": "--date-start",
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def add_arguments(parser: argparse.ArgumentParser, root: Path, kind: str) -> None:
    package = read_package(Path(root) / "data")
    if package.problems:
        raise SystemExit("\n".join(map(str, package.problems)))
    schema = package.schema.resources[TABLES[kind]]["schema"]
    refers = {k["fields"][0]: k["reference"]["resource"] or TABLES[kind] for k in schema.get("foreignKeys", [])}
    for field in (f for f in schema["fields"] if f["name"] != "id"):
        name, required = field["name"], field.get("constraints", {}).get("required")
        if codes := field.get("constraints", {}).get("enum"):
            allowed = f" One of: {', '.join(codes)}."
        elif codes := [c["value"] for c in field.get("x-codes", [])]:
            allowed = f" One or more, separated by ';': {', '.join(codes)}."
        elif name in refers:
            allowed = f" An id in {refers[name]}: {', '.join(package.tables[refers[name]].frame['id'])}."
        else:
            allowed = ""
        said = f" (optional; default: {DEFAULTS[name]})" if name in DEFAULTS else " (required)" * bool(required)
        what = f"{field.get('description', '')}{allowed}{said}"
        parser.add_argument(f"--{name.replace('_', '-')}", dest=name, default="", help=what)
    if kind == "quotation":
        parser.add_argument("--topic", required=True, help="a word or two for the id, e.g. 'restraint'")
    else:
        parser.add_argument("--slug", default="", help="place and weapon for the id; default: from --place and --type")


def new_row(root: Path, kind: str, args: argparse.Namespace) -> int:
    table, data_dir = TABLES[kind], Path(root) / "data"
    path = data_dir / f"{table}.csv"
    original = path.read_bytes()
    text = original.decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.DictReader(io.StringIO(text))
    others = list(reader)
    row = {name: getattr(args, name, "") or "" for name in reader.fieldnames}
    if kind == "event":
        row["date_end"] = row["date_end"] or row["date_start"]
        base = f"ev-{row['date_start']}-{slug(args.slug or row['place'].split(',')[0] + ' ' + row['type'])}"
    else:
        base = f"{slug(row['speaker'])}-{row['date']}-{slug(args.topic)}"
    existing, row["id"], n = {r["id"] for r in others}, base, 2
    while row["id"] in existing:
        row["id"], n = f"{base}-{n}", n + 1
    # Unless the author gave it, its place within its day: after the day's other rows, 'only' on a day of its
    # own, else 'unfixed' (no source fixes the order, rather than implying one).
    day = read_package(data_dir).schema.day_columns[table]
    same_day = [int(r["day_order"]) for r in others if r[day] == row[day] and r["day_order"].isdigit()]
    row["day_order"] = row["day_order"] or str(max(same_day, default=0) + 1)
    row["order_basis"] = row["order_basis"] or ("unfixed" if same_day else "only")
    row["order_note"] = row["order_note"] or (UNFIXED_NOTE if row["order_basis"] == "unfixed" else "")
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=reader.fieldnames, lineterminator=newline).writerow(row)
    body = original if original.endswith(newline.encode()) or not original else original + newline.encode()
    path.write_bytes(body + buffer.getvalue().encode("utf-8"))
    if problems := validate(data_dir, Path(root) / BIBLIOGRAPHY):
        path.write_bytes(original)
        said = f"the new {kind} was not added; {path.relative_to(root)} is unchanged"
        print(*problems, said, sep="\n", file=sys.stderr)
        return 1
    added = read_package(data_dir).tables[table]
    line = int(added.frame.index[added.frame["id"] == row["id"]][0])
    words = ", ".join(name for name, spec in added.fields.items() if spec.get("x-translate") and row[name])
    cite = "a claim's evidence" + ", or a {quotation} directive" * (kind == "quotation")
    then = f"translate its {words} in data/arabic.csv; after `make book`, `make anchors`"
    print(row["id"])
    print(f"{added.file}:{line}: added {row['id']}. Next: cite it ({cite}); {then}.", file=sys.stderr)
    return 0
