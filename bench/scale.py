"""A data package ``factor`` times this one, in a scratch copy of the repository: every event,
quotation and translation copied ``factor - 1`` times under new ids, their dates moved within the
study window, with their rows of every translation table; the copies are valid data. Never run it
on the repository itself: ``python bench/scale.py DEST FACTOR`` copies the tree to DEST first."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from briefbook.package import Schema

SCALED = ("events", "quotations", "translations")  # the tables copied; actors and claims stay as they are
NOTE = {  # a shared day's order, where a row was alone on its day before
    "english": "Copies made by the benchmark share this day; no source fixes their order.",
    "ar": "تتشارك هذا اليوم نسخٌ صنعها اختبار الأداء؛ ولا يحدّد أي مصدر ترتيبها.",
}


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def moved(row: dict, day: str, k: int, first: date, last: date) -> tuple[str, str]:
    """The row's start day moved ``k`` days on (around the window), its end day with it."""
    start = date.fromisoformat(row[day])
    length = (date.fromisoformat(row["date_end"]) - start).days if "date_end" in row else 0
    span = (last - first).days + 1 - length
    new = first + timedelta(days=((start - first).days + k) % span)
    return new.isoformat(), (new + timedelta(days=length)).isoformat()


def scale(root: Path, factor: int) -> None:
    """Multiply the data package of the repository copy at ``root`` by ``factor``."""
    if (root / ".git").exists():
        raise SystemExit(f"{root} is a git checkout: scale a scratch copy (python bench/scale.py DEST FACTOR)")
    data = root / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    tables = {name: read(data / resources[name]["path"]) for name in SCALED}
    extra = {name: read(data / resources[name]["path"]) for name in Schema(package).translation_tables.values()}
    names: dict[tuple[str, str, int], str] = {}  # (table, old id, k) → the id of copy k
    for k in range(1, factor):
        for name, day in (("events", "date_start"), ("quotations", "date")):
            fields = {f["name"]: f for f in resources[name]["schema"]["fields"]}
            window = fields[day]["constraints"]
            first, last = date.fromisoformat(window["minimum"]), date.fromisoformat(window["maximum"])
            for row in [r for r in tables[name][1] if "-x" not in r["id"]]:
                start, end = moved(row, day, k, first, last)
                new = {**row, day: start, "id": row["id"].replace(row[day], start, 1) + f"-x{k}"}
                new.update({"date_end": end} if "date_end" in row else {})
                names[(name, row["id"], k)] = new["id"]
                tables[name][1].append(new)
        for row in [r for r in tables["translations"][1] if "-x" not in r["id"]]:
            quotation = names[("quotations", row["quotation"], k)]
            new = {**row, "id": f"{row['id']}-x{k}", "quotation": quotation}
            names[("translations", row["id"], k)] = new["id"]
            tables["translations"][1].append(new)
    noted = set()  # (table, id) of the rows given the note above
    for name, day in (("events", "date_start"), ("quotations", "date")):
        by_day = defaultdict(list)
        for row in tables[name][1]:
            by_day[row[day]].append(row)
        for rows in by_day.values():
            for n, row in enumerate(rows, 1):
                row["day_order"] = str(n)
                if len(rows) > 1 and row["order_basis"] == "only":
                    row["order_basis"], row["order_note"] = "unfixed", NOTE["english"]
                    noted.add((name, row["id"]))
    for header, rows in extra.values():
        copies = [{**row, "id": names[(row["table"], row["id"], k)]}
                  for k in range(1, factor) for row in rows if (row["table"], row["id"], k) in names]  # fmt: skip
        rows[:] = [r for r in rows + copies if (r["table"], r["id"]) not in noted or r["field"] != "order_note"]
        rows += [{"table": t, "id": i, "field": "order_note", "english": NOTE["english"], header[-1]: NOTE["ar"]}
                 for t, i in sorted(noted)]  # fmt: skip
    for name, (header, rows) in {**tables, **extra}.items():
        write(data / resources[name]["path"], header, rows)


def copy_tree(source: Path, dest: Path) -> None:
    """The repository's tracked files, as they are in the working tree, into ``dest``."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=source, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (source / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, dest / name)


if __name__ == "__main__":
    dest, factor = Path(sys.argv[1]), int(sys.argv[2])
    copy_tree(Path(__file__).resolve().parents[1], dest)
    scale(dest, factor)
