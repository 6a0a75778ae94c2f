"""The data's words in each language, by the data package's translation table (``data/arabic.csv``), a row a piece
``table,id,field``: a cell, a code (``codes``), a description (``schema``) or the words of references.bib
(``references``). The build counts pieces missing or stale (their English changed); a release refuses them."""

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path

from pybtex.database import parse_file

from ..data import Dataset
from ..markup import PASSAGE_SEP, passages, squash
from ..package import TRANSLATE_MARKS as MARKS
from ..package import Package, Problem, read_package
from ..paths import BIBLIOGRAPHY, display
from . import language as registered

CODES, SCHEMA, REFERENCES = "codes", "schema", "references"
ALLOWED = {CODES: ("label", "definition"), REFERENCES: ("note", "title")}
ALLOWED[SCHEMA] = ("title", "description", "x-cite-title")  # x-cite-title: a resource's cite lines' title
ENTRY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")
DESCRIPTION = re.compile(r"\s*(\[.*\]\s*)?", re.S)  # a title in square brackets (the edition's words), or none yet
Key = tuple[str, str, str]


def texts(bib: Path) -> dict[Key, str]:
    """The edition's words in ``bib``: each note, each title in square brackets (none if it cannot be parsed)."""
    try:
        entries = parse_file(str(bib), bib_format="bibtex").entries
    except Exception:  # pybtex raises several kinds; validation names the fault
        return {}
    found = {(REFERENCES, k, f): squash(e.fields.get(f, "")) for k, e in entries.items() for f in ("note", "title")}
    return {k: text for k, text in found.items() if text and (k[2] == "note" or DESCRIPTION.fullmatch(text))}


def translatable(descriptor: dict, frames: dict) -> list[tuple[str, str, dict]]:
    """Each field marked x-translate of a table in ``frames``: (table, field, its schema)."""
    tables = [r for r in descriptor.get("resources", []) if r["name"] in frames]
    return [(r["name"], f["name"], f) for r in tables for f in r["schema"]["fields"] if f.get("x-translate") in MARKS]


def pieces(descriptor: dict):
    """Each translatable string of the descriptor: (key, the object holding it, its attribute)."""
    for r in descriptor.get("resources", []):
        fields = r.get("schema", {}).get("fields", [])
        holders = [(SCHEMA, r["name"], r), *((SCHEMA, f"{r['name']}.{f['name']}", f) for f in fields)]
        holders += [(CODES, f"{r['name']}.{f['name']}.{c['value']}", c) for f in fields for c in f.get("x-codes", [])]
        yield from (((kind, where, a), obj, a) for kind, where, obj in holders for a in ALLOWED[kind])


def targets(descriptor: dict, frames: dict, language: str = "") -> dict[Key, str]:
    """Everything a row may translate, with its English now ("" where the cell is empty), in ``language``'s edition."""
    out: dict[Key, str] = {}
    for table, name, spec in translatable(descriptor, frames):
        frame = frames[table]
        if original := spec.get("x-original"):  # a statement's original in ``language``: shown, not translated
            shown = frame[original["text"]].fillna("").str.strip().ne("") & frame[original["language"]].eq(language)
            frame = frame[~shown]
        for row_id, cell in zip(frame["id"].astype(str), frame[name].fillna(""), strict=True):
            out.setdefault((table, row_id, name), str(cell))
    return {**out, **{key: str(obj.get(attr) or "") for key, obj, attr in pieces(descriptor)}}


def rows(package: Package, language: str) -> dict[Key, tuple[str, str, int]]:
    """``language``'s translation table by its primary key (table, id, field): english, translation, line."""
    if (name := registered(language).translation_table) not in package.tables:
        return {}
    frame = package.tables[name].frame[["table", "id", "field", "english", name]]
    return {(table, i, fld): (english, text, int(n)) for n, table, i, fld, english, text in frame.itertuples()}


def current(package: Package, language: str, now: dict[Key, str]) -> dict[Key, str]:
    """The translation of each key whose row's english is the English ``now``."""
    found = rows(package, language).items()
    return {key: text for key, (english, text, _) in found if english and now.get(key) == english and text.strip()}


def clipped(words: str, length: int = 60) -> str:
    words = squash(words)
    return words[:length] + "…" * (len(words) > length)


@dataclass
class Coverage:
    """How complete and current one language's translation of the data is."""

    file: str = ""  # the translation table, as messages name it
    english: dict[Key, str] = field(default_factory=dict)  # every piece the edition needs, with its English
    lines: dict[Key, int] = field(default_factory=dict)  # the line of a needed piece's row
    missing: list[Key] = field(default_factory=list)  # no row, or an empty translation
    stale: list[Key] = field(default_factory=list)  # a row whose english is no longer the English
    complete = property(lambda self: not self.missing and not self.stale)

    def summary(self) -> str:
        missing, stale = len(self.missing), len(self.stale)
        tail = "" if self.complete else f"; {missing} missing, {stale} need review (a release refuses them)"
        done = len(self.english) - missing - stale
        return f"{self.file}: {done} of {len(self.english)} pieces of the data translated and current{tail}"

    def details(self) -> list[str]:
        """Each missing and stale piece by its row's key (table,id,field), with its line where it has one."""
        at = {k: f"{self.file}:{line}: " for k, line in self.lines.items()}
        missing = [f"{at.get(k, '')}missing: {','.join(k)}: {clipped(self.english[k])}" for k in self.missing]
        return missing + [f"{at[k]}needs review: {','.join(k)}" for k in self.stale]

    def stubs(self) -> list[list[str]]:
        """A row for each piece with no row: table, id, field, its English, and an empty translation."""
        return [[*key, self.english[key], ""] for key in self.missing if key not in self.lines]


def coverage(package: Package, language: str = "ar", bib: Path | None = None) -> Coverage:
    """What ``language``'s edition lacks and what needs review (a description's title is not needed)."""
    if not (name := package.schema.translation_tables.get(registered(language).code)):  # the English, say
        return Coverage()
    now = targets(package.descriptor, package.frames, language)
    english = {k: text for k, text in now.items() if text.strip() and (k[0] != SCHEMA or k[2] != "title")}
    english.update(texts(Path(bib) if bib else package.data_dir.parent / BIBLIOGRAPHY))
    found = {key: row for key, row in rows(package, language).items() if key in english}
    stale = [key for key, (was, _, _) in found.items() if was != english[key]]
    missing = [k for k in english if k not in found or (k not in stale and not found[k][1].strip())]
    return Coverage(package.tables[name].file, english, {k: row[2] for k, row in found.items()}, missing, stale)


def translation_problems(package: Package, bib: Path | None = None) -> list[Problem]:
    """Rows naming what the data do not translate; with ``bib``, a release's too: missing, to review, obsolete."""
    found: list[Problem] = []
    known = targets(package.descriptor, package.frames)
    at, entry = {}, ""  # the line of each entry's note and title, else of the entry's start
    for number, text in enumerate(Path(bib).read_text(encoding="utf-8").splitlines() if bib else [], 1):
        entry = start[1] if (start := ENTRY.match(text)) else entry
        named = ALLOWED[REFERENCES] if start else re.findall(r"^\s*(note|title)\s*=", text, re.I)
        at |= {(REFERENCES, entry, name.lower()): number for name in named}
    for language, name in package.schema.translation_tables.items():
        file, report = package.tables[name].file, coverage(package, language, bib) if bib else Coverage()
        for (table, row_id, fld), (english, translation, line) in rows(package, language).items():
            key, spec = (table, row_id, fld), package.tables[table].fields if table in package.tables else {}
            say = lambda column, message, f=file, n=line: found.append(Problem(f, n, column, message))  # noqa: E731
            if table in ALLOWED and fld not in ALLOWED[table]:
                whose = " (the edition's own words in references.bib)" if table == REFERENCES else ""
                say("field", f"{fld!r} is not one of: {', '.join(ALLOWED[table])}{whose}")
            elif spec and fld not in spec:
                say("field", f"{fld!r} is not a field of {table}")
            elif spec and spec[fld].get("x-translate") not in MARKS:
                say("field", f"{table}.{fld} is not marked x-translate in datapackage.json: it is not translated")
            elif table in (CODES, SCHEMA) and key not in known:
                form = "table.field.value of a coded field" if table == CODES else "table or table.field"
                say("id", f"{row_id!r} is not in the schema (an id of {table} is {form})")
            elif bib and spec and key not in known:
                say("id", f"obsolete: {row_id!r} is no longer an id in {table}; remove the row")
            elif (table, fld) == (REFERENCES, "title") and not DESCRIPTION.fullmatch(translation):
                said = "a title translated here is this edition's description of a report: keep it in square brackets"
                say(name, f"{said}, […], as the English")
            elif bib and table == REFERENCES and key not in report.english:
                what = "a title in square brackets" if fld == "title" else "a note"
                say("id", f"obsolete: {row_id!r} is not an entry of {display(bib)} with {what}; remove the row")
            if key in report.stale:
                said = "no longer reads as this row's english; update it and the translation"
                say("english", f"needs review: {' '.join(key)} {said}")
            elif key in report.missing:
                say(name, f"not translated yet: write the {language} translation of this row's english")
            ours, theirs = (len(passages(text)) for text in (english, translation))
            if spec.get(fld, {}).get("x-passages") and translation.strip() and ours != theirs:
                said = f"has {theirs} passage(s) separated by {PASSAGE_SEP}, but its English has {ours}"
                say(name, f"{said}: a translation keeps the English's passages")
        lacks = f"has no translation in {file} (language {language})"
        for key in set(report.missing) - report.lines.keys():  # a piece with no row: named where it is
            table, row_id, fld = key
            if table == REFERENCES:
                said = f"{row_id}: this edition's words have{lacks[3:]}: add the row {table},{row_id},{fld}"
                found.append(Problem(display(bib), at.get(key, 0), fld, said))
            elif (rows_of := package.tables.get(table)) is not None:
                found.append(rows_of.problem(rows_of.frame.index[rows_of.frame["id"] == row_id][0], fld, lacks))
            else:
                found.append(Problem(display(package.data_dir / "datapackage.json"), 0, "", f"{' '.join(key)} {lacks}"))
    return found


def localise(dataset: Dataset, language: str) -> Dataset:
    """``dataset`` in ``language``: a column's English kept as ``<field>_en``; one marked to be translated beside
    (what a publication printed) stays, its translation as ``<field>_translation``."""
    if language in dataset.localised or registered(language).code == dataset.language:
        return dataset.localised.get(language, dataset)  # read once per change of its package (sphinx.project.dataset)
    done = current(read_package(dataset.data_dir), language, targets(dataset.descriptor, dataset.frames, language))
    frames = dict(dataset.frames)
    for name, column, spec in translatable(dataset.descriptor, frames):
        frame = frames[name] = frames[name].copy()
        translated = [done.get((name, str(row_id), column)) for row_id in frame["id"]]
        if spec["x-translate"] == "beside":
            frame[f"{column}_translation"] = [t or "" for t in translated]
        else:
            frame[f"{column}_en"] = frame[column]
            frame[column] = [t or cell for t, cell in zip(translated, frame[column], strict=True)]
    descriptor = copy.deepcopy(dataset.descriptor)
    for key, obj, attr in (piece for piece in pieces(descriptor) if piece[0] in done):
        obj[attr] = done[key]
    return dataset.localised.setdefault(language, Dataset(dataset.data_dir, descriptor, frames, language))


def translations(root: Path, language: str) -> dict[tuple[str, str], str]:
    """The current translations of the edition's words in ``root``'s references.bib, by ``(key, field)``."""
    done = current(read_package(Path(root) / "data"), language, texts(Path(root) / BIBLIOGRAPHY))
    return {(key[1], key[2]): text for key, text in done.items() if key[0] == REFERENCES}
