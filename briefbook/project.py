"""The project: where its files live, and its data package, read once.

:class:`Project` owns the layout (data, descriptor, bibliography, build folders, download
names); :class:`Package` reads the descriptor and each CSV once, keeping every row's line
number, and serves both validation (:mod:`briefbook.validate`) and the tables the book is drawn
from (:mod:`briefbook.data`). Validation, authoring, release, the command line and the Sphinx
extension all go through them.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import edition
from .paths import brief_file, project_root

TABLES = ("actors", "events", "quotations", "translations", "claims")
PDF_STEM = edition.PDF_STEM
DOWNLOADS = "downloads"


@dataclass(frozen=True)
class Project:
    """The layout of a checkout (or of a scratch copy of one)."""

    root: Path

    @classmethod
    def find(cls, start: Path | str | None = None) -> Project:
        return cls(project_root(start))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def descriptor(self) -> Path:
        return self.data_dir / "datapackage.json"

    @property
    def bibliography(self) -> Path:
        return self.root / "references.bib"

    @property
    def anchors_file(self) -> Path:
        return self.root / "published-anchors.txt"

    @property
    def citation_file(self) -> Path:
        return self.root / "CITATION.cff"

    @property
    def zenodo_file(self) -> Path:
        return self.root / ".zenodo.json"

    @property
    def version_file(self) -> Path:
        return self.root / "VERSION"

    @property
    def changelog(self) -> Path:
        return self.root / "CHANGELOG.md"

    @property
    def config_file(self) -> Path:
        return self.root / "_config.yml"

    @property
    def toc_file(self) -> Path:
        return self.root / "_toc.yml"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    def table_file(self, table: str) -> Path:
        return self.data_dir / f"{table}.csv"

    def data_files(self) -> list[Path]:
        """What the data package download holds: the tables, their schema and the bibliography."""
        return [*sorted(self.data_dir.glob("*.csv")), self.descriptor, self.bibliography]

    @property
    def preview_dir(self) -> Path:
        return self.build_dir / "preview"

    @property
    def build_dir(self) -> Path:
        return self.root / "_build"

    @property
    def work_dir(self) -> Path:
        """Where builds run: Sphinx's environment, the execution cache, the LaTeX files."""
        return self.build_dir / ".work"

    @property
    def logs_dir(self) -> Path:
        return self.build_dir / "logs"

    @property
    def lock_file(self) -> Path:
        return self.build_dir / ".lock"

    @property
    def html_dir(self) -> Path:
        return self.build_dir / "html"

    @property
    def version(self) -> str:
        return edition.version(self.root)

    @property
    def pdf_path(self) -> Path:
        return self.build_dir / "pdf" / f"{PDF_STEM}-{self.version}.pdf"

    def download_names(self) -> dict[str, str]:
        """File names, under the site's downloads/ folder, of the PDF and the zipped data package."""
        stem = f"{PDF_STEM}-{self.version}"
        return {"pdf": f"{DOWNLOADS}/{stem}.pdf", "data": f"{DOWNLOADS}/{stem}-data.zip"}

    def brief(self) -> Path | None:
        """The brief's text, which is not part of the repository (:func:`briefbook.paths.brief_file`)."""
        return brief_file(self.root)

    def display(self, path: Path) -> str:
        """A path as messages show it: relative to the working folder where it lies below it."""
        rel = os.path.relpath(path)
        return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()

    @property
    def package(self) -> Package:
        return read_package(self.data_dir)


_READ: dict[Path, tuple[tuple, Package]] = {}


def read_package(data_dir: Path | str) -> Package:
    """The package at ``data_dir``, read once for as long as its files are unchanged: the build
    validates it and the extension draws the book from the very same reading."""
    folder = Path(data_dir).resolve()
    stamp = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.glob("*")) if p.is_file())
    cached = _READ.get(folder)
    if cached and cached[0] == stamp:
        return cached[1]
    package = Package.read(data_dir)
    _READ[folder] = (stamp, package)
    return package


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data, named by file, row (line) and column."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass
class Table:
    name: str
    file: str
    header: list[str]
    frame: pd.DataFrame  # every cell as text; index = physical line of the row's start
    spec: dict

    @property
    def fields(self) -> dict[str, dict]:
        return {f["name"]: f for f in self.spec["schema"]["fields"]}


@dataclass
class Package:
    """The data package as read from disk: its descriptor and tables, and what stopped the reading."""

    data_dir: Path
    descriptor: dict = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # problems met while reading

    @classmethod
    def read(cls, data_dir: Path | str) -> Package:
        package = cls(Path(data_dir))
        package._read()
        return package

    def _read(self) -> None:
        path = self.data_dir / "datapackage.json"
        name = Project(self.data_dir.parent).display(path)
        try:
            self.descriptor = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problems.append(Problem(name, 0, "", "file is missing"))
            return
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(Problem(name, 0, "", f"cannot be read: {exc}"))
            return
        except ValueError as exc:
            self.problems.append(Problem(name, getattr(exc, "lineno", 0), "", f"is not valid JSON: {exc}"))
            return
        self.problems += _descriptor_problems(self.descriptor, name)
        if self.problems:
            return
        specs = {r["name"]: r for r in self.descriptor["resources"]}
        for table in TABLES:
            if table not in specs:
                self.problems.append(Problem(name, 0, "", f"no resource named {table!r}"))
                continue
            csv_path = self.data_dir / specs[table]["path"]
            file = Project(self.data_dir.parent).display(csv_path)
            if not csv_path.is_file():
                self.problems.append(Problem(file, 0, "", "file is missing"))
                continue
            text = _read_text(csv_path, file, self.problems)
            if text is not None:
                gc.disable()  # many small lists: the cyclic collector only slows the parse down
                try:
                    self.tables[table] = _parse(table, file, text, specs[table], self.problems)
                finally:
                    gc.enable()

    def frame(self, table: str) -> pd.DataFrame:
        """A table's cells as text, one row per record, in file order."""
        return self.tables[table].frame.reset_index(drop=True)

    def field(self, table: str, name: str) -> dict:
        """The Table Schema descriptor of one field."""
        for resource in self.descriptor.get("resources", []):
            if resource["name"] == table:
                for fld in resource["schema"]["fields"]:
                    if fld["name"] == name:
                        return fld
        raise KeyError(f"{table}.{name}")


def _descriptor_problems(descriptor: object, name: str) -> list[Problem]:
    """Frictionless' verdict on the descriptor, then the structure this project relies on."""
    from frictionless import FrictionlessException
    from frictionless import Package as FrictionlessPackage

    if not isinstance(descriptor, dict):
        return [Problem(name, 0, "", "is not a JSON object")]
    try:
        errors = list(FrictionlessPackage.metadata_validate(descriptor))
    except FrictionlessException as exc:
        return [Problem(name, 0, "", str(exc))]
    except Exception as exc:  # frictionless raises many kinds on malformed input
        return [Problem(name, 0, "", f"is not a valid data package descriptor: {exc}")]
    problems = [Problem(name, 0, "", e.message) for e in errors]
    if problems:
        return problems
    for i, resource in enumerate(descriptor.get("resources", [])):
        fields = resource.get("schema", {}).get("fields") if isinstance(resource.get("schema"), dict) else None
        if not isinstance(fields, list) or not all(isinstance(f, dict) and "name" in f for f in fields):
            label = resource.get("name", f"number {i + 1}")
            problems.append(Problem(name, 0, "", f"resource {label!r} has no schema with named fields"))
        elif "name" not in resource or "path" not in resource:
            problems.append(Problem(name, 0, "", f"resource number {i + 1} needs a name and a path"))
    return problems


def _read_text(path: Path, name: str, problems: list[Problem]) -> str | None:
    """The file's text, UTF-8 (a BOM and Windows line ends are accepted), or None with a problem."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(
            Problem(name, line, "", f"not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start}); save it as UTF-8")
        )
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _parse(name: str, file: str, text: str, spec: dict, problems: list[Problem]) -> Table:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    expected = [f["name"] for f in spec["schema"]["fields"]]
    if header != expected:
        problems.append(Problem(file, 1, "", f"the header should be {','.join(expected)}"))
    records, lines, start, width = [], [], reader.line_num + 1, len(header)
    for record in reader:
        if len(record) > 1 or (record and record[0].strip()):  # blank lines are skipped
            if len(record) != width:
                problems.append(Problem(file, start, "", f"has {len(record)} cells; the header has {width}"))
                record = (record + [""] * width)[:width]
            records.append(record)
            lines.append(start)
        start = reader.line_num + 1
    frame = pd.DataFrame(records, columns=header, index=pd.Index(lines, name="line"), dtype="str")
    for column in expected:
        if column not in frame:
            frame[column] = ""
    return Table(name, file, header, frame, spec)
