"""The data's words in each language of the book: the translation tables of the data package
(``data/arabic.csv``: table, id, field, english, arabic) applied to the tables and the schema.

A row is *current* while its ``english`` is the English the cell holds now; when the English
changes, the row *needs review* (it is stale) and the English is shown until a translator updates
it. A translatable cell with no row is *missing*. The edition's own words in the bibliography
(each entry's note and bracketed title, :mod:`.references`) are pieces of the same table. :func:`coverage` counts both; the build reports
them, and a release refuses them (:func:`briefbook.i18n.checks.release_problems`).
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Dataset
from ..package import Package, read_package
from ..project import TABLES, TRANSLATION_TABLES, Project
from . import SOURCE, check, references
from .cells import CODES, QUOTED, SCHEMA, Key, required, targets, translatable


@dataclass
class Coverage:
    """How complete and current one language's translation of the data is."""

    language: str
    file: str  # the translation table, as messages name it
    total: int = 0  # translatable pieces that the edition needs
    missing: list[Key] = field(default_factory=list)  # needed, with no row
    stale: list[Key] = field(default_factory=list)  # with a row whose english is not the English now
    stale_lines: dict[Key, int] = field(default_factory=dict)  # the line of each stale row

    @property
    def current(self) -> int:
        return self.total - len(self.missing) - len(self.stale)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale

    def summary(self) -> str:
        """One line for the build's report."""
        head = f"{self.file}: {self.current} of {self.total} pieces of the data translated and current"
        if self.complete:
            return head
        return f"{head}; {len(self.missing)} missing, {len(self.stale)} need review (a release refuses them)"


def frames_of(source: Package | Dataset) -> dict:
    if isinstance(source, Package):
        return {name: source.tables[name].frame for name in TABLES if name in source.tables}
    return {name: getattr(source, name) for name in TABLES}


def rows(package: Package, language: str) -> list[tuple[Key, str, str, int]]:
    """The rows of ``language``'s translation table: (key, english, translation, line), in file order."""
    name = TRANSLATION_TABLES.get(check(language))  # the table, and its column of translations
    table = package.tables.get(name) if name else None
    if table is None:
        return []
    frame = table.frame
    keys = zip(frame["table"], frame["id"], frame["field"], strict=True)
    return [
        (key, english, text, int(line))
        for key, english, text, line in zip(keys, frame["english"], frame[name], frame.index, strict=True)
    ]


def current_translations(source: Package | Dataset, package: Package, language: str) -> dict[Key, str]:
    """The translations that are current for ``source``'s English: the first row of each key whose
    english is the English now and whose translation is not empty."""
    now = targets(source.descriptor, frames_of(source))
    done: dict[Key, str] = {}
    for key, english, text, _ in rows(package, language):
        if key not in done and english and now.get(key) == english and text.strip():
            done[key] = text
    return done


def package_of(source: Package | Dataset) -> Package:
    return source if isinstance(source, Package) else read_package(source.data_dir)


def coverage(source: Package | Dataset, language: str = "ar", bib: Path | None = None) -> Coverage:
    """What ``language``'s edition lacks in the data (missing) and what needs review (stale):
    (table, id, field) each, in the order of the tables and of the translation table. The
    edition's own words in the bibliography (``bib``, by default the project's references.bib:
    each note and bracketed title, :mod:`.references`) count as pieces of the data."""
    package = package_of(source)
    name = TRANSLATION_TABLES.get(check(language))
    if name is None:  # the English the data are written in, or a language without a table yet
        return Coverage(language, "")
    file = (
        package.tables[name].file
        if name in package.tables
        else Project(package.data_dir.parent).display(package.data_dir / f"{name}.csv")
    )
    needed = required(source.descriptor, frames_of(source), language)
    bib = Path(bib) if bib else Project(package.data_dir.parent).bibliography
    needed.update(references.texts(bib))
    result = Coverage(language, file, total=len(needed))
    seen: set[Key] = set()
    for key, english, _, line in rows(package, language):
        if key in needed and key not in seen:
            seen.add(key)
            if english != needed[key]:
                result.stale.append(key)
                result.stale_lines[key] = line
    result.missing = [key for key in needed if key not in seen]
    return result


def localise(dataset: Dataset, language: str) -> Dataset:
    """``dataset`` with its words in ``language`` where the translation table has a current
    translation, in English otherwise; ``dataset`` itself for English. Made once per dataset,
    language and reading of the package.

    Each translated column keeps its English beside it as ``<field>_en`` (``name_en`` of actors:
    the name in the Latin alphabet). The fields that hold what a publication printed
    (:data:`briefbook.i18n.cells.QUOTED`: quotations' text and editorial_note, claims' brief_text)
    keep it, and their translation goes to ``<field>_translation`` ("" where there is none). A
    statement whose ``original_text`` in ``language`` is sourced has no ``text_translation``: the
    original is shown instead. The schema's descriptions and the codes' labels and definitions are
    translated too."""
    check(language)
    if language == dataset.language:
        return dataset
    if dataset.language != SOURCE:
        raise ValueError(f"localise a dataset in {SOURCE!r}, not one already in {dataset.language!r}")
    package = read_package(dataset.data_dir)
    cache = dataset.__dict__.setdefault("_localised", {})
    if language not in cache or cache[language][0] is not package:
        from ..validate import DataError

        if package.problems:
            raise DataError(package.problems)
        cache[language] = (package, _localised(dataset, package, language))
    return cache[language][1]


def _localised(dataset: Dataset, package: Package, language: str) -> Dataset:
    done = current_translations(dataset, package, language)
    tables = {}
    for name, fields in translatable(dataset.descriptor).items():
        frame = getattr(dataset, name).copy()
        ids = frame["id"].astype(str).tolist()
        for column in fields:
            translated = [done.get((name, row_id, column)) for row_id in ids]
            if (name, column) in QUOTED:
                frame[f"{column}_translation"] = [t or "" for t in translated]
            else:
                frame[f"{column}_en"] = frame[column]
                frame[column] = [t if t else cell for t, cell in zip(translated, frame[column], strict=True)]
        if name == "quotations" and "original_text" in frame:
            original = (frame["original_text"].fillna("").str.strip() != "") & (frame["original_language"] == language)
            frame.loc[original, "text_translation"] = ""
        tables[name] = frame
    return dataclasses.replace(dataset, **tables, descriptor=_descriptor(dataset.descriptor, done), language=language)


def _descriptor(descriptor: dict, done: dict[Key, str]) -> dict:
    """The descriptor with its descriptions, titles, and codes' labels and definitions translated."""
    out = copy.deepcopy(descriptor)
    for resource in out.get("resources", []):
        for attr in ("title", "description"):
            if (SCHEMA, resource["name"], attr) in done:
                resource[attr] = done[(SCHEMA, resource["name"], attr)]
        for fld in resource.get("schema", {}).get("fields", []):
            where = f"{resource['name']}.{fld['name']}"
            for attr in ("title", "description"):
                if (SCHEMA, where, attr) in done:
                    fld[attr] = done[(SCHEMA, where, attr)]
            for code in fld.get("x-codes", []):
                for attr in ("label", "definition"):
                    if (CODES, f"{where}.{code['value']}", attr) in done:
                        code[attr] = done[(CODES, f"{where}.{code['value']}", attr)]
    return out
