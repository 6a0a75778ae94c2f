"""The data package as read from disk: the descriptor and each CSV read once, every row keeping
its line number, serving both validation (:mod:`briefbook.validate`) and the tables the book is
drawn from (:mod:`briefbook.data`)."""

from __future__ import annotations

import csv
import gc
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .project import RESOURCES, Problem, Project


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
        for table in RESOURCES:
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
