"""Validation of the translation tables (``data/arabic.csv``), one line per problem naming file,
row and column, as every other rule of the data (:mod:`briefbook.validate`).

Always errors: a row naming a table or field that does not exist, a field that is not marked
``x-translate``, an empty translation (the Table Schema's ``required``), two rows for one
(table, id, field). Errors only in release mode (:func:`release_problems`): a row that needs
review (its english is no longer the English of the cell), a translatable cell with no row, and
an obsolete row, whose id the table no longer has (as gettext keeps a removed message, marked
obsolete: removing a quotation or an event does not break the build, a release cleans up).

The edition's own words in the bibliography (:mod:`.references`: ``references,<key>,note|title``)
are checked alike: a field other than note or title, or a title translated out of its square
brackets, is always an error; a row whose entry, note or bracketed title ``references.bib`` no
longer has is obsolete, and a missing one is named by the line of the note or title in the .bib.
"""

from __future__ import annotations

from pathlib import Path

from ..package import Package
from ..project import TABLES, TRANSLATION_TABLES, Problem, Project
from . import references
from .cells import CODE_FIELDS, CODES, SCHEMA, SCHEMA_FIELDS, descriptor_texts
from .data import coverage, rows


def bibliography(package: Package, bib: Path | None) -> Path:
    return Path(bib) if bib else Project(package.data_dir.parent).bibliography


def problems(package: Package, bib: Path | None = None) -> list[Problem]:
    """What is wrong with the rows of every translation table, whatever the mode (``bib``: the
    bibliography whose notes and bracketed titles the table translates, by default the project's)."""
    found: list[Problem] = []
    tables = {name: package.tables[name] for name in TABLES if name in package.tables}
    described = descriptor_texts(package.descriptor)
    for language, name in TRANSLATION_TABLES.items():
        if name not in package.tables:
            continue
        file = package.tables[name].file
        first: dict[tuple, int] = {}
        for key, _, translation, line in rows(package, language):
            table, row_id, fld = key
            if table in tables:
                spec = tables[table].fields
                if fld not in spec:
                    found.append(Problem(file, line, "field", f"{fld!r} is not a field of {table}"))
                elif spec[fld].get("x-translate") is not True:
                    found.append(Problem(file, line, "field", f"{table}.{fld} is not marked x-translate in "
                                                              "datapackage.json: it is not translated"))  # fmt: skip
            elif table in (CODES, SCHEMA):
                allowed = CODE_FIELDS if table == CODES else SCHEMA_FIELDS
                if not any((table, row_id, a) in described for a in allowed):
                    form = "table.field.value of a coded field" if table == CODES else "table or table.field"
                    found.append(
                        Problem(file, line, "id", f"{row_id!r} is not in the schema (an id of {table} is {form})")
                    )
                if fld not in allowed:
                    found.append(Problem(file, line, "field", f"{fld!r} is not one of: {', '.join(allowed)}"))
            elif table == references.REFERENCES:
                if fld not in references.FIELDS:
                    found.append(Problem(file, line, "field", f"{fld!r} is not one of: {', '.join(references.FIELDS)} "
                                                              "(the edition's own words in references.bib)"))  # fmt: skip
                elif fld == references.TITLE and not references.is_description(translation):
                    found.append(Problem(file, line, "arabic", "a title translated here is this edition's "
                                                               "description of a report: keep it in square brackets, "
                                                               "[…], as the English"))  # fmt: skip
            else:
                continue  # an unknown table: the schema's enum names it
            if key in first:
                found.append(
                    Problem(file, line, "id", f"{table},{row_id},{fld} is translated already on line {first[key]}")
                )
            first.setdefault(key, line)
    return found


def release_problems(package: Package, bib: Path | None = None) -> list[Problem]:
    """Every piece of the data that a release lacks in a language: missing, or needing review (and
    the rows that are obsolete)."""
    found: list[Problem] = []
    project = Project(package.data_dir.parent)
    descriptor = project.display(package.data_dir / "datapackage.json")
    bib = bibliography(package, bib)
    bib_lines = references.lines(bib)
    for language, name in TRANSLATION_TABLES.items():
        if name in package.tables:
            found += obsolete(package, language, bib)
        report = coverage(package, language, bib)
        for key in report.stale:
            table, row_id, fld = key
            found.append(Problem(report.file, report.stale_lines[key], "english",
                                 f"needs review: {table} {row_id} {fld} no longer reads as this row's english; "
                                 f"update english and the translation"))  # fmt: skip
        for table, row_id, fld in report.missing:
            if table == references.REFERENCES:
                found.append(Problem(project.display(bib), bib_lines.get((table, row_id, fld), 0), fld,
                                     f"{row_id}: this edition's words have no translation in {report.file} "
                                     f"(language {language}): add the row {table},{row_id},{fld}"))  # fmt: skip
            elif table in package.tables:
                frame = package.tables[table].frame
                line = int(frame.index[frame["id"] == row_id][0])
                found.append(Problem(package.tables[table].file, line, fld,
                                     f"has no translation in {report.file} (language {language})"))  # fmt: skip
            else:
                found.append(Problem(descriptor, 0, "",
                                     f"{table} {row_id} {fld} has no translation in {report.file} (language {language})"))  # fmt: skip
    return found


def obsolete(package: Package, language: str, bib: Path | None = None) -> list[Problem]:
    """Rows of ``language``'s translation table whose id their table no longer has, or whose entry,
    note or bracketed title the bibliography no longer has."""
    found = []
    file = package.tables[TRANSLATION_TABLES[language]].file
    bib = bibliography(package, bib)
    words = None
    for (table, row_id, fld), _, _, line in rows(package, language):
        if table in TABLES and table in package.tables and row_id not in set(package.tables[table].frame["id"]):
            found.append(Problem(file, line, "id",
                                 f"obsolete: {row_id!r} is no longer an id in {table}; remove the row"))  # fmt: skip
        elif table == references.REFERENCES and fld in references.FIELDS:
            words = references.texts(bib) if words is None else words
            if (table, row_id, fld) not in words:
                what = "a title in square brackets" if fld == references.TITLE else "a note"
                found.append(Problem(file, line, "id", f"obsolete: {row_id!r} is not an entry of "
                                                       f"{Project(package.data_dir.parent).display(bib)} with "
                                                       f"{what}; remove the row"))  # fmt: skip
    return found
