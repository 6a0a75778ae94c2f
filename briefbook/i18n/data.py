"""The data's words in each language: the data package's translation table (``data/arabic.csv``:
table, id, field, english, arabic), a row a piece named ``(table, id, field)``: a cell of a field
marked ``x-translate``; a code's label or definition (``codes,quotations.signal.mixed,label``); a
resource's or field's title or description (``schema,events.place,description``); the edition's
own words in references.bib (``references,<key>,note|title``: a note, a title in square brackets).
A row is *current* while its ``english`` is the English now, *stale* once the English changes (the
English is shown); a piece with no row is *missing*. The build reports them (:func:`coverage`),
a release refuses them (:mod:`.checks`)."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..data import Dataset
from ..errors import DataError
from ..package import Package, read_package
from ..paths import BIBLIOGRAPHY, display
from . import SOURCE, check

CODES, SCHEMA = "codes", "schema"
CODE_FIELDS, SCHEMA_FIELDS = ("label", "definition"), ("title", "description")
# Fields that hold what a publication printed: the cell stays, its translation goes to <field>_translation.
QUOTED = {("quotations", "text"), ("quotations", "editorial_note"), ("claims", "brief_text")}
Key = tuple[str, str, str]


REFERENCES = "references"
NOTE, TITLE = "note", "title"
FIELDS = (NOTE, TITLE)
ENTRY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", re.M)


def english(value: str) -> str:
    """A field's value as the table compares it: its white space as single spaces."""
    return " ".join(str(value).split())


def is_description(title: str) -> bool:
    """A title in square brackets: this edition's description of a report, not its headline."""
    return english(title).startswith("[") and english(title).endswith("]")


def texts(bib: Path) -> dict[Key, str]:
    """The edition's words of every entry of ``bib``, by ``("references", key, "note"|"title")``;
    empty where the file is missing or cannot be parsed (validation reports that on its own)."""
    from pybtex.database import parse_file

    try:
        entries = parse_file(str(bib), bib_format="bibtex").entries
    except Exception:  # pybtex raises several kinds; validation names the file and the error
        return {}
    out = {}
    for key, entry in entries.items():
        title, note = english(entry.fields.get(TITLE, "")), english(entry.fields.get(NOTE, ""))
        if title and is_description(title):
            out[(REFERENCES, key, TITLE)] = title
        if note:
            out[(REFERENCES, key, NOTE)] = note
    return out


def lines(bib: Path) -> dict[Key, int]:
    """The line of each entry's note and title in ``bib`` (the entry's first line where the field's
    own is not found), for messages that name file and line."""
    try:
        text = Path(bib).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    starts = [(m.start(), m[1]) for m in ENTRY.finditer(text)] + [(len(text), "")]
    out = {}
    for (start, key), (end, _) in zip(starts, starts[1:], strict=False):
        first = text.count("\n", 0, start) + 1
        for name in FIELDS:
            hit = re.search(rf"^[ \t]*({name})\s*=", text[start:end], re.M | re.I)
            out[(REFERENCES, key, name)] = first + text.count("\n", start, start + hit.start(1)) if hit else first
    return out


def translatable(descriptor: dict) -> dict[str, list[str]]:
    """The fields marked ``x-translate`` of each table, in the schema's order."""
    return {r["name"]: [f["name"] for f in r["schema"]["fields"] if f.get("x-translate") is True]
            for r in descriptor.get("resources", []) if isinstance(r.get("schema"), dict)}  # fmt: skip


def pieces(descriptor: dict):
    """Each translatable string of the descriptor: (key, the object holding it, its attribute)."""
    for r in descriptor.get("resources", []):
        yield from (((SCHEMA, r["name"], a), r, a) for a in SCHEMA_FIELDS)
        for f in r.get("schema", {}).get("fields", []):
            where = f"{r['name']}.{f['name']}"
            yield from (((SCHEMA, where, a), f, a) for a in SCHEMA_FIELDS)
            for code in f.get("x-codes", []):
                yield from (((CODES, f"{where}.{code['value']}", a), code, a) for a in CODE_FIELDS)


def descriptor_texts(descriptor: dict) -> dict[Key, str]:
    """Every translatable string of the descriptor ("" where a title or description is absent)."""
    return {key: str(obj.get(attr) or "") for key, obj, attr in pieces(descriptor)}


def targets(descriptor: dict, frames: dict[str, pd.DataFrame]) -> dict[Key, str]:
    """Everything a row may translate, with its English now ("" where the cell is empty)."""
    out: dict[Key, str] = {}
    for table, fields in translatable(descriptor).items():
        frame = frames.get(table)
        for name in fields if frame is not None else []:
            for row_id, cell in zip(frame["id"].astype(str), frame[name].fillna("").astype(str), strict=True):
                out.setdefault((table, row_id, name), cell)
    return {**out, **descriptor_texts(descriptor)}


def frames_of(source: Package | Dataset) -> dict[str, pd.DataFrame]:
    if isinstance(source, Package):
        return {name: table.frame for name, table in source.tables.items()}
    return source.frames


def required(source: Package | Dataset, language: str) -> dict[Key, str]:
    """What the edition in ``language`` needs: every non-empty translatable cell, code label and
    definition, and description; not a title, nor the text of a statement whose original in
    ``language`` is sourced (it is shown instead)."""
    frames = frames_of(source)
    quotes = frames.get("quotations", pd.DataFrame(columns=["id", "original_text", "original_language"]))
    has = (quotes["original_text"].fillna("").astype(str).str.strip() != "") & (quotes["original_language"] == language)
    originals = {("quotations", str(i), "text") for i in quotes.loc[has, "id"]}
    return {key: english for key, english in targets(source.descriptor, frames).items()
            if english.strip() and key not in originals and not (key[0] == SCHEMA and key[2] != "description")}  # fmt: skip


def rows(package: Package, language: str) -> list[tuple[Key, str, str, int]]:
    """The rows of ``language``'s translation table: (key, english, translation, line), in file order."""
    name = package.schema.translation_tables.get(check(language))
    if name not in package.tables:
        return []
    frame = package.tables[name].frame
    keys = zip(frame["table"], frame["id"], frame["field"], strict=True)
    return list(zip(keys, frame["english"], frame[name], map(int, frame.index), strict=True))


def current(package: Package, language: str, now: dict[Key, str]) -> dict[Key, str]:
    """The first row of each key whose english is the English ``now`` and whose translation is not empty."""
    done: dict[Key, str] = {}
    for key, english, text, _ in rows(package, language):
        if key not in done and english and now.get(key) == english and text.strip():
            done[key] = text
    return done


@dataclass
class Coverage:
    """How complete and current one language's translation of the data is."""

    language: str
    file: str  # the translation table, as messages name it
    total: int = 0  # pieces that the edition needs
    missing: list[Key] = field(default_factory=list)  # needed, with no row
    stale: list[Key] = field(default_factory=list)  # with a row whose english is not the English now
    stale_lines: dict[Key, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale

    def summary(self) -> str:
        """One line for the build's report."""
        current = self.total - len(self.missing) - len(self.stale)
        head = f"{self.file}: {current} of {self.total} pieces of the data translated and current"
        if self.complete:
            return head
        return f"{head}; {len(self.missing)} missing, {len(self.stale)} need review (a release refuses them)"


def coverage(source: Package | Dataset, language: str = "ar", bib: Path | None = None) -> Coverage:
    """What ``language``'s edition lacks (missing) and what needs review (stale), in the order of
    the tables and of the translation table; the bibliography's own words (``bib``, by default the
    project's references.bib) count as pieces of the data."""
    package = source if isinstance(source, Package) else read_package(source.data_dir)
    name = package.schema.translation_tables.get(check(language))
    if name is None:  # the English the data are written in
        return Coverage(language, "")
    file = package.tables[name].file if name in package.tables else display(package.data_dir / f"{name}.csv")
    needed = required(source, language)
    needed.update(texts(Path(bib) if bib else package.data_dir.parent / BIBLIOGRAPHY))
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
    """``dataset`` with its words in ``language`` where a current translation exists, in English
    otherwise; made once per dataset, language and reading of the package. A translated column
    keeps its English as ``<field>_en``; a field of what a publication printed (:data:`QUOTED`)
    keeps it, its translation going to ``<field>_translation`` ("" where none, or where the
    statement's sourced original in ``language`` is shown instead)."""
    check(language)
    if language == dataset.language:
        return dataset
    if dataset.language != SOURCE:
        raise ValueError(f"localise a dataset in {SOURCE!r}, not one already in {dataset.language!r}")
    package = read_package(dataset.data_dir)
    if package.problems:
        raise DataError(package.problems)
    if language not in dataset.localised or dataset.localised[language][0] is not package:
        dataset.localised[language] = (package, _localised(dataset, package, language))
    return dataset.localised[language][1]


def _localised(dataset: Dataset, package: Package, language: str) -> Dataset:
    done = current(package, language, targets(dataset.descriptor, dataset.frames))
    frames = dict(dataset.frames)
    for name, fields in translatable(dataset.descriptor).items():
        if name not in frames or not fields:
            continue
        frame = frames[name] = frames[name].copy()
        for column in fields:
            translated = [done.get((name, str(row_id), column)) for row_id in frame["id"]]
            if (name, column) in QUOTED:
                frame[f"{column}_translation"] = [t or "" for t in translated]
            else:
                frame[f"{column}_en"] = frame[column]
                frame[column] = [t or cell for t, cell in zip(translated, frame[column], strict=True)]
        if name == "quotations" and "original_text" in frame:
            original = (frame["original_text"].fillna("").str.strip() != "") & (frame["original_language"] == language)
            frame.loc[original, "text_translation"] = ""
    descriptor = copy.deepcopy(dataset.descriptor)
    for key, obj, attr in pieces(descriptor):
        if key in done:
            obj[attr] = done[key]
    return Dataset(dataset.data_dir, descriptor, frames, language)


def translations(root: Path, language: str) -> dict[tuple[str, str], str]:
    """The current translations of the edition's words in ``root``'s references.bib into
    ``language``, by ``(key, field)``; empty for the English."""
    package = read_package(Path(root) / "data")
    if language not in package.schema.translation_tables:
        return {}
    done = current(package, language, texts(Path(root) / BIBLIOGRAPHY))
    return {(key[1], key[2]): text for key, text in done.items() if key[0] == REFERENCES}
