"""The data's words in each language, by the data package's translation table (``data/arabic.csv``:
table, id, field, english, arabic), a row a piece ``(table, id, field)``: a cell of a field marked
``x-translate``; a code's label or definition (``codes,quotations.signal.mixed,label``); a resource's
or field's title or description (``schema,events.place,description``); the edition's own words in
references.bib (``references,<key>,note|title``: a note, a title in square brackets). A row is
*current* while its ``english`` is the English now, *stale* once the English changes; a piece with
no row, or a row not yet translated (a stub, :func:`stubs`), is *missing*. The build counts them (:func:`coverage`); a release refuses them
(:func:`release_problems`), as gettext keeps an obsolete message: removing an event breaks no build."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Dataset
from ..errors import DataError, Problem
from ..markup import squash
from ..package import Package, read_package
from ..paths import BIBLIOGRAPHY, display
from . import SOURCE, check

CODES, SCHEMA, REFERENCES = "codes", "schema", "references"
ALLOWED = {CODES: ("label", "definition"), SCHEMA: ("title", "description"), REFERENCES: ("note", "title")}
# Fields that hold what a publication printed: the cell stays, its translation goes to <field>_translation.
QUOTED = {("quotations", "text"), ("quotations", "editorial_note"), ("claims", "brief_text")}
ENTRY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", re.M)
Key = tuple[str, str, str]


def is_description(title: str) -> bool:
    """A title in square brackets: this edition's description of a report, not its headline."""
    return squash(title).startswith("[") and squash(title).endswith("]")


def texts(bib: Path) -> dict[Key, str]:
    """The edition's words of every entry of ``bib`` (a note; a title in square brackets), by
    ``("references", key, field)``; empty where the file cannot be parsed (validation says so)."""
    from pybtex.database import parse_file

    try:
        entries = parse_file(str(bib), bib_format="bibtex").entries
    except Exception:  # pybtex raises several kinds
        return {}
    found = {(REFERENCES, key, name): squash(entry.fields.get(name, "")) for key, entry in entries.items()
             for name in ALLOWED[REFERENCES]}  # fmt: skip
    return {k: text for k, text in found.items() if text and (k[2] == "note" or is_description(text))}


def lines(bib: Path) -> dict[Key, int]:
    """The line of each entry's note and title in ``bib`` (else the entry's first line)."""
    text = Path(bib).read_text(encoding="utf-8")
    starts = [(m.start(), m[1]) for m in ENTRY.finditer(text)] + [(len(text), "")]
    out = {}
    for (start, key), (end, _) in zip(starts, starts[1:], strict=False):
        for name in ALLOWED[REFERENCES]:
            hit = re.search(rf"^[ \t]*{name}\s*=", text[start:end], re.M | re.I)
            out[(REFERENCES, key, name)] = text.count("\n", 0, start + (hit.start() if hit else 0)) + 1
    return out


def translatable(descriptor: dict) -> dict[str, list[str]]:
    """The fields marked ``x-translate`` of each table, in the schema's order."""
    return {r["name"]: [f["name"] for f in r["schema"]["fields"] if f.get("x-translate") is True]
            for r in descriptor.get("resources", [])}  # fmt: skip


def pieces(descriptor: dict):
    """Each translatable string of the descriptor: (key, the object holding it, its attribute)."""
    for r in descriptor.get("resources", []):
        yield from (((SCHEMA, r["name"], a), r, a) for a in ALLOWED[SCHEMA])
        for f in r.get("schema", {}).get("fields", []):
            where = f"{r['name']}.{f['name']}"
            yield from (((SCHEMA, where, a), f, a) for a in ALLOWED[SCHEMA])
            for code in f.get("x-codes", []):
                yield from (((CODES, f"{where}.{code['value']}", a), code, a) for a in ALLOWED[CODES])


def targets(descriptor: dict, frames: dict) -> dict[Key, str]:
    """Everything a row may translate, with its English now ("" where the cell is empty)."""
    out: dict[Key, str] = {}
    for table, fields in translatable(descriptor).items():
        for name in fields if table in frames else []:
            for row_id, cell in zip(frames[table]["id"].astype(str), frames[table][name].fillna(""), strict=True):
                out.setdefault((table, row_id, name), str(cell))
    return {**out, **{key: str(obj.get(attr) or "") for key, obj, attr in pieces(descriptor)}}


def originals(frames: dict, language: str) -> set[Key]:
    """The statements whose sourced original is in ``language``: shown instead of a translation."""
    quotes = frames.get("quotations")
    if quotes is None or "original_text" not in quotes:
        return set()
    has = (quotes["original_text"].fillna("").str.strip() != "") & (quotes["original_language"] == language)
    return {("quotations", str(i), "text") for i in quotes.loc[has, "id"]}


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
    missing: list[Key] = field(default_factory=list)  # needed, with no row or an empty translation
    stale: list[Key] = field(default_factory=list)  # with a row whose english is not the English now
    stale_lines: dict[Key, int] = field(default_factory=dict)
    empty_lines: dict[Key, int] = field(default_factory=dict)  # the rows of missing pieces not yet translated
    english: dict[Key, str] = field(default_factory=dict)  # the English of every piece needed

    @property
    def complete(self) -> bool:
        return not self.missing and not self.stale

    def summary(self) -> str:
        """One line for the build's report."""
        done = self.total - len(self.missing) - len(self.stale)
        head = f"{self.file}: {done} of {self.total} pieces of the data translated and current"
        tail = f"; {len(self.missing)} missing, {len(self.stale)} need review (a release refuses them)"
        return head + ("" if self.complete else tail)

    def details(self) -> list[str]:
        """Each missing and stale piece by its row's key (table,id,field), with its line where it has one."""
        at = lambda key: f"{self.file}:{self.empty_lines[key]}: " if key in self.empty_lines else ""  # noqa: E731
        return ([f"{at(k)}missing: {','.join(k)}: {clipped(self.english[k])}" for k in self.missing]
                + [f"{self.file}:{self.stale_lines[k]}: needs review: {','.join(k)}" for k in self.stale])  # fmt: skip


def clipped(words: str, length: int = 60) -> str:
    words = " ".join(words.split())
    return words[:length] + "…" * (len(words) > length)


def coverage(package: Package, language: str = "ar", bib: Path | None = None) -> Coverage:
    """What ``language``'s edition lacks (missing) and what needs review (stale): every non-empty
    translatable cell, code label and definition, description, and the bibliography's own words
    (``bib``, by default the project's references.bib); not a title, nor a statement shown in its original."""
    name = package.schema.translation_tables.get(check(language))
    if name is None:  # the English the data are written in
        return Coverage(language, "")
    file = package.tables[name].file if name in package.tables else display(package.data_dir / f"{name}.csv")
    skip = originals(package.frames, language)
    needed = {key: english for key, english in targets(package.descriptor, package.frames).items()
              if english.strip() and key not in skip and (key[0] != SCHEMA or key[2] == "description")}  # fmt: skip
    needed.update(texts(Path(bib) if bib else package.data_dir.parent / BIBLIOGRAPHY))
    result = Coverage(language, file, total=len(needed), english=needed)
    seen: set[Key] = set()
    for key, english, text, line in rows(package, language):
        if key in needed and key not in seen and english != needed[key]:
            result.stale_lines[key] = line
        elif key in needed and key not in seen and not text.strip():
            result.empty_lines[key] = line
        seen.add(key)
    result.stale = list(result.stale_lines)
    result.missing = [key for key in needed if key not in seen or key in result.empty_lines]
    return result


def stubs(package: Package, language: str, bib: Path | None = None) -> list[list[str]]:
    """A row for each piece with no row: table, id, field, its English, and an empty translation."""
    report = coverage(package, language, bib)
    return [[*key, report.english[key], ""] for key in report.missing if key not in report.empty_lines]


def translation_problems(package: Package) -> list[Problem]:
    """What is wrong with the rows of every translation table, whatever the mode: a field that does
    not exist or is not ``x-translate``, a schema or code id the descriptor lacks, a field of a
    reference other than note or title, a title translated out of its square brackets."""
    found: list[Problem] = []
    described = targets(package.descriptor, {})
    for language, name in package.schema.translation_tables.items():
        file = package.tables[name].file if name in package.tables else ""
        for (table, row_id, fld), _, translation, line in rows(package, language):
            say = lambda column, message, f=file, n=line: found.append(Problem(f, n, column, message))  # noqa: E731
            if table in package.tables:
                spec = package.tables[table].fields
                if fld not in spec:
                    say("field", f"{fld!r} is not a field of {table}")
                elif spec[fld].get("x-translate") is not True:
                    say("field", f"{table}.{fld} is not marked x-translate in datapackage.json: it is not translated")
                continue
            if table in (CODES, SCHEMA) and not any((table, row_id, a) in described for a in ALLOWED[table]):
                form = "table.field.value of a coded field" if table == CODES else "table or table.field"
                say("id", f"{row_id!r} is not in the schema (an id of {table} is {form})")
            if table in ALLOWED and fld not in ALLOWED[table]:
                whose = " (the edition's own words in references.bib)" if table == REFERENCES else ""
                say("field", f"{fld!r} is not one of: {', '.join(ALLOWED[table])}{whose}")
            elif table == REFERENCES and fld == "title" and translation.strip() and not is_description(translation):
                say(name, "a title translated here is this edition's description of a report: keep it in square "
                          "brackets, […], as the English")  # fmt: skip
    return found


def release_problems(package: Package, bib: Path) -> list[Problem]:
    """What a release refuses in every language: a piece missing, a row needing review, an obsolete row."""
    found: list[Problem] = []
    words, at = texts(bib), lines(bib)
    for language, name in package.schema.translation_tables.items():
        report = coverage(package, language, bib)
        for (table, row_id, fld), _, _, line in rows(package, language):
            if table in package.tables and row_id not in set(package.tables[table].frame["id"]):
                said = f"obsolete: {row_id!r} is no longer an id in {table}; remove the row"
                found.append(Problem(report.file, line, "id", said))
            elif table == REFERENCES and fld in ALLOWED[REFERENCES] and (table, row_id, fld) not in words:
                what = "a title in square brackets" if fld == "title" else "a note"
                said = f"obsolete: {row_id!r} is not an entry of {display(bib)} with {what}; remove the row"
                found.append(Problem(report.file, line, "id", said))
        for key, line in report.stale_lines.items():
            found.append(Problem(report.file, line, "english", f"needs review: {' '.join(key)} no longer reads as "
                                 "this row's english; update english and the translation"))  # fmt: skip
        lacks = f"has no translation in {report.file} (language {language})"
        for table, row_id, fld in report.missing:
            if (table, row_id, fld) in report.empty_lines:
                said = f"not translated yet: write the {language} translation of this row's english"
                found.append(Problem(report.file, report.empty_lines[(table, row_id, fld)], name, said))
            elif table == REFERENCES:
                said = f"{row_id}: this edition's words have{lacks[3:]}: add the row {table},{row_id},{fld}"
                found.append(Problem(display(bib), at.get((table, row_id, fld), 0), fld, said))
            elif table in package.tables:
                frame = package.tables[table].frame
                line = int(frame.index[frame["id"] == row_id][0])
                found.append(Problem(package.tables[table].file, line, fld, lacks))
            else:
                descriptor = display(package.data_dir / "datapackage.json")
                found.append(Problem(descriptor, 0, "", f"{table} {row_id} {fld} {lacks}"))
    return found


def localise(dataset: Dataset, language: str) -> Dataset:
    """``dataset`` (in English) with its words in ``language`` where a current translation exists,
    made once per dataset, language and reading of the package. A translated column keeps its
    English as ``<field>_en``; a field of what a publication printed (:data:`QUOTED`) keeps it, its
    translation going to ``<field>_translation`` ("" where none, or where the original is shown)."""
    if check(language) == dataset.language:
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
    done = {key: text for key, text in done.items() if key not in originals(dataset.frames, language)}
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
