"""The authors' command line, ``python -m briefbook`` (or ``briefbook``): ``--help`` lists its commands."""

import argparse
import csv
import io
import itertools
import re
import sys
from importlib import import_module
from pathlib import Path

import pandas as pd

from . import release
from .edition import ConfigError
from .front_matter import book_words
from .i18n import catalogs
from .i18n.data import coverage
from .languages import LANGUAGES, SOURCE, language
from .package import read_package
from .paths import display, project_root
from .pipeline import book
from .project import Project
from .validate import report, validate

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
    package = read_package(root / "data")
    if package.problems:
        raise SystemExit("\n".join(map(str, package.problems)))
    schema = package.schema.resources[TABLES[kind]]["schema"]
    refers = {k["fields"][0]: k["reference"]["resource"] or TABLES[kind] for k in schema.get("foreignKeys", [])}
    for field in (f for f in schema["fields"] if f["name"] != "id"):
        name, cons, codes = field["name"], field.get("constraints", {}), [c["value"] for c in field.get("x-codes", [])]
        what = field.get("description", "")  # and what it allows
        if "enum" in cons:
            what += f" One of: {', '.join(cons['enum'])}."
        elif codes:
            what += f" One or more, separated by ';': {', '.join(codes)}."
        elif name in refers:
            what += f" An id in {refers[name]}: {', '.join(package.tables[refers[name]].frame['id'])}."
        said = f" (optional; default: {DEFAULTS[name]})" if name in DEFAULTS else ""
        said = said or (" (required)" if cons.get("required") else "")
        parser.add_argument(f"--{name.replace('_', '-')}", default="", help=what + said)
    if kind == "quotation":
        parser.add_argument("--topic", required=True, help="a word or two for the id, e.g. 'restraint'")
    else:
        parser.add_argument("--slug", default="", help="place and weapon for the id; default: from --place and --type")


def new_row(project: Project, args: argparse.Namespace) -> int:
    """A row with a fresh id (``speaker-YYYY-MM-DD-topic``, ``ev-YYYY-MM-DD-place-type``), kept if the data validate."""
    kind, table = args.kind, TABLES[args.kind]
    package, path = read_package(project.data_dir), project.table_file(table)
    frame, day, original = package.tables[table].frame, package.schema.day_columns[table], path.read_bytes()
    row = {name: getattr(args, name, "") for name in frame.columns}  # the id: below
    if kind == "event":
        row["date_end"] = row["date_end"] or row["date_start"]
        base = f"ev-{row['date_start']}-{slug(args.slug or row['place'].split(',')[0] + ' ' + row['type'])}"
    else:
        base = f"{slug(row['speaker'])}-{row['date']}-{slug(args.topic)}"
    taken = set(frame["id"])
    row["id"] = next(f"{base}-{n}" for n in itertools.count(2) if f"{base}-{n}" not in taken) if base in taken else base
    same_day = pd.to_numeric(frame["day_order"][frame[day] == row[day]], errors="coerce").dropna()
    row["day_order"] = row["day_order"] or str(int(max(same_day, default=0)) + 1)
    row["order_basis"] = row["order_basis"] or ("unfixed" if len(same_day) else "only")
    row["order_note"] = row["order_note"] or (UNFIXED_NOTE if row["order_basis"] == "unfixed" else "")
    newline, out = "\r\n" if b"\r\n" in original else "\n", io.StringIO()
    csv.DictWriter(out, fieldnames=list(frame.columns), lineterminator=newline).writerow(row)
    path.write_bytes(original.rstrip(b"\r\n") + (newline + out.getvalue()).encode("utf-8"))
    if report(validate(project.data_dir), f"; the new {kind} was not added, {display(path)} is unchanged"):
        path.write_bytes(original)
        return 1
    line = original.rstrip(b"\r\n").count(b"\n") + 2  # the appended row's
    words = ", ".join(n for n, spec in package.tables[table].fields.items() if spec.get("x-translate") and row[n])
    cite = "a claim's evidence" + (", or a {quotation} directive" if kind == "quotation" else "")
    then = f"translate its {words} in data/arabic.csv; after `make book`, `make anchors`"
    print(row["id"])
    print(f"{display(path)}:{line}: added {row['id']}. Next: cite it ({cite}); {then}.", file=sys.stderr)
    return 0


def cmd_validate(project: Project, args: argparse.Namespace) -> int:
    if valid := book.validated(project, args.release, outcome=""):
        print(coverage(read_package(project.data_dir)).summary())
    return 0 if valid else 1


def cmd_anchors(project: Project, args: argparse.Namespace) -> int:
    """Record the built site's citable anchors in published-anchors.txt; its notes and older anchors stay."""
    from .sphinx.anchors import published_anchors

    record, path = project.sphinx_output(".doctrees") / "briefbook-anchors.txt", project.anchors_file  # the HTML's
    if not record.is_file():
        return fail("build the book first (make book)")
    current, kept = set(record.read_text(encoding="utf-8").split()), set(published_anchors(project.root))
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    notes = "".join(line for line in text.splitlines(True) if line.startswith("#"))
    path.write_text(notes + "\n".join(sorted(current | kept)) + "\n", encoding="utf-8")
    print(f"{path.name}: {len(current | kept)} anchors ({len(current - kept)} new)")
    return 0


def cmd_translations(project: Project, args: argparse.Namespace) -> int:
    """Update the catalogs from the English book (gettext builder, Babel); say what is left to translate."""
    if args.action == "update":
        with book.locked(project):
            pot = book.edition(project, SOURCE, "gettext") / f"{catalogs.DOMAIN}.pot"
            count = catalogs.extract_package(pot, book_words(project.root), project.root / "figures")
            print(f"  the package's own words: {count} messages")
            updated = catalogs.update(project.locale_dir, pot.parent)
            print(f"[translations] {project.display(project.locale_dir)}/: {updated}")
    if problems := read_package(project.data_dir).problems:
        return fail("\n".join(map(str, problems)))
    for lang in (lang for lang in LANGUAGES if lang != SOURCE):
        if args.stubs and (new := coverage(read_package(project.data_dir), lang).stubs()):
            table = project.table_file(language(lang).translation_table)
            with table.open("a", encoding="utf-8", newline="") as out:
                out.write("" if table.read_bytes().endswith(b"\n") else "\n")
                csv.writer(out, lineterminator="\n").writerows(new)
            print(f"  {len(new)} rows appended to {project.display(table)}, the English filled in: translate them")
        book.translated(project, lang)
    return 0


def fail(message: str, status: int = 1) -> int:
    print(message, file=sys.stderr)
    return status


COMMANDS = {  # name: (what it does, the command of the project and the arguments)
    "validate": ("check the data package: every problem by file, row and column", cmd_validate),
    "build": ("validate, then build HTML, EPUB and PDF", lambda p, a: book.build(p.root)),
    "preview": (  # uvicorn, starlette and the build's whole stack: for this command only
        "the HTML of every language on 127.0.0.1, rebuilt on save",
        lambda p, a: import_module(".pipeline.preview", __package__).serve(p.root, a.port),
    ),
    "anchors": ("record the built site's citable anchors in published-anchors.txt", cmd_anchors),
    "release": ("set version x.y.z, move the changelog, build dist/", lambda p, a: release.release(p.root, a.version)),
    "translations": ("update the catalogs, or show their status", cmd_translations),
    "new": ("append a new row with a fresh id", new_row),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        root = project_root()
    except FileNotFoundError as exc:
        root, outside = None, f"briefbook: {exc}: run it inside a checkout of the book (the folder that holds data/)"
    parser = argparse.ArgumentParser(prog="briefbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (what, command) in COMMANDS.items():
        sub.add_parser(name, help=what).set_defaults(command=command)
    sub.choices["validate"].add_argument("--release", action="store_true")
    sub.choices["preview"].add_argument("--port", type=int, default=8000)
    sub.choices["release"].add_argument("version")
    sub.choices["translations"].add_argument("action", choices=("update", "status"))
    stubs = "append a row for each missing piece of the data, its English filled in"
    sub.choices["translations"].add_argument("--stubs", action="store_true", help=stubs)
    kinds = sub.choices["new"].add_subparsers(dest="kind", required=True)
    for kind in TABLES:  # the options are the table's fields: the schema is read only when needed
        new = kinds.add_parser(kind, help=f"append a new {kind}")
        if root and argv[:2] == ["new", kind]:
            add_arguments(new, root, kind)
    args = parser.parse_args(argv)
    if root is None:
        return fail(outside, 2)
    try:
        return args.command(Project(root), args)
    except ConfigError as exc:
        return fail(f"briefbook {argv[0]}: {exc}", 2)
    except book.BuildError as exc:  # a lock held, a stage failed: its own lines
        return fail(str(exc))
