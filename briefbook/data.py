"""The data package as the book draws it: typed pandas tables, the dated ones in the order of
time, read and validated once (:mod:`briefbook.package`, :mod:`briefbook.validate`); list cells
stay text (see :func:`split`)."""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from . import ids, labels
from .errors import DataError
from .i18n import SOURCE
from .package import Package, read_package
from .paths import project_root
from .schema import Schema

SEP = ";"


def split(value: str) -> list[str]:
    """Split a semicolon-separated cell into its items."""
    return [item.strip() for item in str(value).split(SEP) if item.strip()]


class Dataset:
    """The tables of the data package (``data.events``, ``data.quotations``...) in one language:
    the text cells, codes' labels and schema's descriptions (see :func:`briefbook.i18n.data.localise`)."""

    def __init__(self, data_dir: Path, descriptor: dict, frames: dict[str, pd.DataFrame], language: str = SOURCE):
        self.data_dir, self.descriptor, self.frames, self.language = Path(data_dir), descriptor, frames, language
        self.schema = Schema(descriptor)
        self.localised: dict = {}  # the other languages' datasets, by language (briefbook.i18n.data)

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(name)

    @property
    def window(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        return self.schema.window

    def field(self, table: str, name: str) -> dict:
        return self.schema.field(table, name)

    def codes(self, table: str, name: str) -> list[dict]:
        """The coding scheme of a coded field: value, label and definition of each code."""
        return self.field(table, name).get("x-codes", [])

    def label(self, table: str, name: str, value: str) -> str:
        return next((c["label"] for c in self.codes(table, name) if c["value"] == value), value)

    def when(self, item: str) -> tuple:
        """Where a quotation or event falls in time: its day, then events before statements of the
        same day (a convention of the lists, not a claim about the sequence), then day_order."""
        table = ids.table_of(self.schema, item)
        row = self.event(item) if table == "events" else self.quotation(item)
        return (row[self.schema.day_columns[table]], table != "events", row["day_order"], item)

    def evidence_label(self, item: str) -> str:
        """How the lists name a quotation or event (:func:`briefbook.labels.evidence`)."""
        return labels.evidence(self, item, self.language)

    def first_words(self, quotation: str) -> str:
        return labels.first_words(self.quotation(quotation)["text"])

    def in_time_order(self, items: list[str]) -> list[str]:
        return sorted(items, key=self.when)

    def actor(self, actor_id: str) -> pd.Series:
        return self._row("actors", actor_id)

    def event(self, event_id: str) -> pd.Series:
        return self._row("events", event_id)

    def quotation(self, quote_id: str) -> pd.Series:
        return self._row("quotations", quote_id)

    def _row(self, table: str, row_id: str) -> pd.Series:
        rows = self.frames[table][self.frames[table]["id"] == row_id]
        if rows.empty:
            raise KeyError(row_id)
        return rows.iloc[0]


def from_package(package: Package) -> Dataset:
    """The typed tables of a package that has been read: dates and integers parsed, the dated
    tables in the order of time (by day, then ``day_order``), claims in the brief's order."""
    frames = {}
    for name in package.schema.tables:
        frame = package.frame(name)
        for field, spec in package.schema.fields(name).items():
            if spec.get("type") == "date":
                frame[field] = pd.to_datetime(frame[field], format="%Y-%m-%d")
            elif spec.get("type") == "integer" and spec.get("constraints", {}).get("required"):
                frame[field] = frame[field].astype(int)
        order = [package.schema.day_columns[name], "day_order"] if name in package.schema.day_columns else ["order"]
        if set(order) <= set(frame.columns):
            frame = frame.sort_values(order, kind="stable").reset_index(drop=True)
        frames[name] = frame
    return Dataset(package.data_dir, package.descriptor, frames)


def load(data_dir: Path | str | None = None) -> Dataset:
    """Read the data package at ``data_dir`` (by default the project's) into typed tables. Raises
    :class:`briefbook.errors.DataError` if the package cannot be read."""
    package = read_package(Path(data_dir) if data_dir else project_root() / "data")
    if package.problems:
        raise DataError(package.problems)
    return from_package(package)


@functools.cache
def _window() -> tuple[pd.Timestamp, pd.Timestamp]:
    return read_package(project_root() / "data").schema.window


def __getattr__(name: str):
    """``STUDY_START`` and ``STUDY_END``: the study window of the project's schema (a dataset's
    own is :attr:`Dataset.window`)."""
    if name in ("STUDY_START", "STUDY_END"):
        return _window()[name == "STUDY_END"]
    raise AttributeError(name)
