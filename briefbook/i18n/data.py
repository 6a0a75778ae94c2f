"""The data's words in each language, by the data package's translation table (``data/arabic.csv``), a row a piece
``table,id,field``: a cell, a code (``codes``), a description (``schema``) or the words of references.bib
(``references``). The build counts pieces missing or stale (their English changed); a release refuses them."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Dataset
from ..markup import squash
from ..package import Package, Problem, read_package
from ..paths import BIBLIOGRAPHY, display
from . import language as registered

CODES, SCHEMA, REFERENCES = "codes", "schema", "references"
ALLOWED = {CODES: ("label", "definition"), REFERENCES: ("note", "title")}
ALLOWED[SCHEMA] = ("title", "description", "x-cite-title")  # x-cite-title: a resource's cite lines' title
# Fields that hold what a publication printed: the cell stays, its translation goes to <field>_translation.
QUOTED = {("quotations", "text"), ("quotations", "editorial_note"), ("claims", "brief_text")}
ENTRY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")
Key = tuple[str, str, str]


def is_description(title: str) -> bool:  # a title in square brackets: the edition's description of a report
    return squash(title).startswith("[") and squash(title).endswith("]")


def texts(bib: Path) -> dict[Key, str]:
    """The edition's words in ``bib``: each note, each title in square brackets (none if it cannot be parsed)."""
    from pybtex.database import parse_file

    try:
        entries = parse_file(str(bib), bib_format="bibtex").entries
    except Exception:  # pybtex raises several kinds; validation names the fault
        return {}
    found = {(REFERENCES, k, f): squash(e.fields.get(f, "")) for k, e in entries.items() for f in ("note", "title")}
    return {k: text for k, text in found.items() if text and (k[2] == "note" or is_description(text))}


def lines(bib: Path) -> dict[Key, int]:
    """The line of each entry's note and title in ``bib`` (else of the entry's start)."""
    out, key = {}, ""
    for number, line in enumerate(Path(bib).read_text(encoding="utf-8").splitlines(), 1):
        if start := ENTRY.match(line):
            key = start[1]
            out.update({(REFERENCES, key, name): number for name in ALLOWED[REFERENCES]})
        elif key and (name := re.match(r"\s*(note|title)\s*=", line, re.I)):
            out[(REFERENCES, key, name[1].lower())] = number
    return out


def translatable(descriptor: dict) -> dict[str, list[str]]:
    marked = {r["name"]: r["schema"]["fields"] for r in descriptor.get("resources", [])}
    return {name: [f["name"] for f in fields if f.get("x-translate") is True] for name, fields in marked.items()}


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
    if (name := registered(language).translation_table) not in package.tables:
        return []
    frame = package.tables[name].frame
    keys = zip(frame["table"], frame["id"], frame["field"], strict=True)
    return list(zip(keys, frame["english"], frame[name], map(int, frame.index), strict=True))


def current(package: Package, language: str, now: dict[Key, str]) -> dict[Key, str]:
    """The translation of each key whose row's english is the English ``now`` (one row a key: its primary key)."""
    found = rows(package, language)
    return {key: text for key, english, text, _ in found if english and now.get(key) == english and text.strip()}


def clipped(words: str, length: int = 60) -> str:
    words = " ".join(words.split())
    return words[:length] + "…" * (len(words) > length)


@dataclass
class Coverage:
    """How complete and current one language's translation of the data is."""

    language: str
    file: str  # the translation table, as messages name it
    english: dict[Key, str] = field(default_factory=dict)  # every piece the edition needs, with its English
    found: dict[Key, tuple[int, str]] = field(default_factory=dict)  # a needed piece's row: line, "stale"/"empty"/""
    stale = property(lambda self: [k for k, (_, state) in self.found.items() if state == "stale"])
    missing = property(lambda self: [k for k in self.english if self.found.get(k, (0, "empty"))[1] == "empty"])
    complete = property(lambda self: not self.missing and not self.stale)

    def summary(self) -> str:
        done, tail = len(self.english) - len(self.missing) - len(self.stale), ""
        if not self.complete:
            tail = f"; {len(self.missing)} missing, {len(self.stale)} need review (a release refuses them)"
        return f"{self.file}: {done} of {len(self.english)} pieces of the data translated and current{tail}"

    def details(self) -> list[str]:
        """Each missing and stale piece by its row's key (table,id,field), with its line where it has one."""
        at = {k: f"{self.file}:{line}: " for k, (line, _) in self.found.items()}
        missing = [f"{at.get(k, '')}missing: {','.join(k)}: {clipped(self.english[k])}" for k in self.missing]
        return missing + [f"{at[k]}needs review: {','.join(k)}" for k in self.stale]

    def stubs(self) -> list[list[str]]:
        """A row for each piece with no row: table, id, field, its English, and an empty translation."""
        return [[*key, self.english[key], ""] for key in self.missing if key not in self.found]


def coverage(package: Package, language: str = "ar", bib: Path | None = None) -> Coverage:
    """What ``language``'s edition lacks and what needs review (not a title, nor a statement shown in its original)."""
    if not (name := package.schema.translation_tables.get(registered(language).code)):  # the English, say
        return Coverage(language, "")
    report = Coverage(language, package.tables[name].file)  # read, as validation requires
    skip = originals(package.frames, language)
    for key, english in targets(package.descriptor, package.frames).items():
        if english.strip() and key not in skip and (key[0] != SCHEMA or key[2] != "title"):
            report.english[key] = english
    report.english.update(texts(Path(bib) if bib else package.data_dir.parent / BIBLIOGRAPHY))
    for key, english, text, line in rows(package, language):
        if key in report.english:
            report.found[key] = (line, "stale" if english != report.english[key] else "" if text.strip() else "empty")
    return report


def translation_problems(package: Package, bib: Path | None = None) -> list[Problem]:
    """Rows naming what the data do not translate; with ``bib``, a release's too: missing, to review, obsolete."""
    found: list[Problem] = []
    described, words, at = targets(package.descriptor, {}), texts(bib) if bib else {}, lines(bib) if bib else {}
    ids = {name: set(table.frame["id"]) for name, table in package.tables.items() if "id" in table.frame}
    for language, name in package.schema.translation_tables.items():
        report, file = coverage(package, language, bib) if bib else Coverage(language, ""), package.tables[name].file
        for (table, row_id, fld), _, translation, line in rows(package, language):
            spec = package.tables[table].fields if table in package.tables else {}
            say = lambda column, message, f=file, n=line: found.append(Problem(f, n, column, message))  # noqa: E731
            if spec and fld not in spec:
                say("field", f"{fld!r} is not a field of {table}")
            elif spec and spec[fld].get("x-translate") is not True:
                say("field", f"{table}.{fld} is not marked x-translate in datapackage.json: it is not translated")
            elif table in (CODES, SCHEMA) and not any((table, row_id, a) in described for a in ALLOWED[table]):
                form = "table.field.value of a coded field" if table == CODES else "table or table.field"
                say("id", f"{row_id!r} is not in the schema (an id of {table} is {form})")
            elif bib and spec and row_id not in ids[table]:
                say("id", f"obsolete: {row_id!r} is no longer an id in {table}; remove the row")
            if table in ALLOWED and fld not in ALLOWED[table]:
                whose = " (the edition's own words in references.bib)" if table == REFERENCES else ""
                say("field", f"{fld!r} is not one of: {', '.join(ALLOWED[table])}{whose}")
            elif table == REFERENCES and fld == "title" and translation.strip() and not is_description(translation):
                said = "a title translated here is this edition's description of a report: keep it in square brackets"
                say(name, f"{said}, […], as the English")
            elif bib and table == REFERENCES and (table, row_id, fld) not in words:
                what = "a title in square brackets" if fld == "title" else "a note"
                say("id", f"obsolete: {row_id!r} is not an entry of {display(bib)} with {what}; remove the row")
        for key in report.stale:
            said = f"needs review: {' '.join(key)} no longer reads as this row's english; update it and the translation"
            found.append(Problem(file, report.found[key][0], "english", said))
        lacks = f"has no translation in {file} (language {language})"
        for key in report.missing:
            table, row_id, fld = key
            if key in report.found:
                said = f"not translated yet: write the {language} translation of this row's english"
                found.append(Problem(file, report.found[key][0], name, said))
            elif table == REFERENCES:
                said = f"{row_id}: this edition's words have{lacks[3:]}: add the row {table},{row_id},{fld}"
                found.append(Problem(display(bib), at.get(key, 0), fld, said))
            elif (rows_of := package.tables.get(table)) is not None:
                found.append(rows_of.problem(rows_of.frame.index[rows_of.frame["id"] == row_id][0], fld, lacks))
            else:
                found.append(Problem(display(package.data_dir / "datapackage.json"), 0, "", f"{' '.join(key)} {lacks}"))
    return found


def localise(dataset: Dataset, language: str) -> Dataset:
    """``dataset`` in ``language``: a column's English kept as ``<field>_en``, a :data:`QUOTED` one's translation
    beside it as ``<field>_translation``."""
    if registered(language).code == dataset.language:
        return dataset
    if language in dataset.localised:  # a dataset is read once per change of its package (sphinx.project.dataset)
        return dataset.localised[language]
    done = current(read_package(dataset.data_dir), language, targets(dataset.descriptor, dataset.frames))
    done = {key: text for key, text in done.items() if key not in originals(dataset.frames, language)}
    frames = dict(dataset.frames)
    for name, fields in translatable(dataset.descriptor).items():
        for column in fields if name in frames else []:
            frame = frames[name] = frames[name].copy()
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
    dataset.localised[language] = Dataset(dataset.data_dir, descriptor, frames, language)
    return dataset.localised[language]


def translations(root: Path, language: str) -> dict[tuple[str, str], str]:
    """The current translations of the edition's words in ``root``'s references.bib, by ``(key, field)``."""
    done = current(read_package(Path(root) / "data"), language, texts(Path(root) / BIBLIOGRAPHY))
    return {(key[1], key[2]): text for key, text in done.items() if key[0] == REFERENCES}
