"""Validation of the translation tables (``data/arabic.csv``), one problem a line naming file, row
and column, as every rule of the data. Always errors: a row naming a field that does not exist or
is not marked ``x-translate``, a schema or code id the descriptor lacks, a field of a reference
other than note or title, a title translated out of its square brackets (and, by the Table Schema,
an empty translation or two rows for one piece). Only in release mode (:func:`release_problems`):
a row that needs review, a piece with no row, and an obsolete row whose id (or bibliography
entry) is gone, as gettext keeps a removed message: removing an event does not break the build."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem
from ..package import Package
from ..paths import display
from .data import (
    CODE_FIELDS,
    CODES,
    FIELDS,
    REFERENCES,
    SCHEMA,
    SCHEMA_FIELDS,
    TITLE,
    coverage,
    descriptor_texts,
    is_description,
    lines,
    rows,
    texts,
)


def problems(package: Package, bib: Path | None = None) -> list[Problem]:
    """What is wrong with the rows of every translation table, whatever the mode."""
    found: list[Problem] = []
    described = descriptor_texts(package.descriptor)
    for language, name in package.schema.translation_tables.items():
        file = package.tables[name].file if name in package.tables else ""
        for (table, row_id, fld), _, translation, line in rows(package, language):
            say = lambda column, message, f=file, n=line: found.append(Problem(f, n, column, message))  # noqa: E731
            if table in package.schema.tables:
                spec = package.tables[table].fields if table in package.tables else {}
                if fld not in spec:
                    say("field", f"{fld!r} is not a field of {table}")
                elif spec[fld].get("x-translate") is not True:
                    say("field", f"{table}.{fld} is not marked x-translate in datapackage.json: it is not translated")
            elif table in (CODES, SCHEMA):
                allowed = CODE_FIELDS if table == CODES else SCHEMA_FIELDS
                if not any((table, row_id, a) in described for a in allowed):
                    form = "table.field.value of a coded field" if table == CODES else "table or table.field"
                    say("id", f"{row_id!r} is not in the schema (an id of {table} is {form})")
                if fld not in allowed:
                    say("field", f"{fld!r} is not one of: {', '.join(allowed)}")
            elif table == REFERENCES and fld not in FIELDS:
                say("field", f"{fld!r} is not one of: {', '.join(FIELDS)} (the edition's own words in references.bib)")
            elif table == REFERENCES and fld == TITLE and not is_description(translation):
                say(name, "a title translated here is this edition's description of a report: keep it in square "
                          "brackets, […], as the English")  # fmt: skip
    return found


def release_problems(package: Package, bib: Path | None = None) -> list[Problem]:
    """Every piece of the data that a release lacks in a language: missing, or needing review, and
    the rows that are obsolete."""
    found: list[Problem] = []
    bib = Path(bib) if bib else package.data_dir.parent / "references.bib"
    words, at = texts(bib), lines(bib)
    for language in package.schema.translation_tables:
        report = coverage(package, language, bib)
        for (table, row_id, fld), _, _, line in rows(package, language):
            if table in package.tables and row_id not in set(package.tables[table].frame["id"]):
                found.append(
                    Problem(
                        report.file, line, "id", f"obsolete: {row_id!r} is no longer an id in {table}; remove the row"
                    )
                )
            elif table == REFERENCES and fld in FIELDS and (table, row_id, fld) not in words:
                what = "a title in square brackets" if fld == TITLE else "a note"
                found.append(Problem(report.file, line, "id", f"obsolete: {row_id!r} is not an entry of "
                                     f"{display(bib)} with {what}; remove the row"))  # fmt: skip
        for key in report.stale:
            found.append(Problem(report.file, report.stale_lines[key], "english", f"needs review: {' '.join(key)} no "
                                 "longer reads as this row's english; update english and the translation"))  # fmt: skip
        for table, row_id, fld in report.missing:
            lacks = f"has no translation in {report.file} (language {language})"
            if table == REFERENCES:
                found.append(Problem(display(bib), at.get((table, row_id, fld), 0), fld,
                                     f"{row_id}: this edition's words {lacks.replace('has', 'have', 1)}: add the row {table},{row_id},{fld}"))  # fmt: skip
            elif table in package.tables:
                frame = package.tables[table].frame
                found.append(
                    Problem(package.tables[table].file, int(frame.index[frame["id"] == row_id][0]), fld, lacks)
                )
            else:
                found.append(
                    Problem(display(package.data_dir / "datapackage.json"), 0, "", f"{table} {row_id} {fld} {lacks}")
                )
    return found
