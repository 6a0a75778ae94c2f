"""The data package as the book draws it: typed pandas tables, the dated ones in the order of time."""

from pathlib import Path

import pandas as pd

from . import labels
from .languages import SOURCE
from .package import DAY_ORDER, Schema, read_package
from .paths import project_root


def split(value: str) -> list[str]:
    """The items of a semicolon-separated cell."""
    return [item.strip() for item in str(value).split(";") if item.strip()]


class Dataset:
    """The tables of the data package (``data.events``...) in one language (:func:`briefbook.i18n.data.localise`)."""

    def __init__(self, data_dir: Path, descriptor: dict, frames: dict[str, pd.DataFrame], language: str = SOURCE):
        self.data_dir, self.descriptor, self.frames, self.language = Path(data_dir), descriptor, frames, language
        self.schema = Schema(descriptor)
        self.localised: dict = {}  # the other languages' datasets, by language (briefbook.i18n.data)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name in self.__dict__.get("frames", {}):
            return self.frames[name]
        raise AttributeError(name)

    def codes(self, table: str, name: str) -> list[dict]:
        return self.schema.fields(table)[name].get("x-codes", [])

    def label(self, table: str, name: str, value: str) -> str:
        return next((c["label"] for c in self.codes(table, name) if c["value"] == value), value)

    def in_time_order(self, items: list[str]) -> list[str]:
        """By day, then in the schema's order of tables (events before statements: a convention), then day_order."""
        rows = {item: (t := self.schema.table_of(item), self.row(t, item)) for item in items}
        order, days = self.schema.tables.index, self.schema.day_columns
        when = {i: (r[days[t]], order(t), r[DAY_ORDER], i) for i, (t, r) in rows.items()}
        return sorted(items, key=when.get)

    evidence_label = labels.evidence

    def row(self, table: str, row_id: str) -> pd.Series:
        return self.frames[table].iloc[self.frames[table]["id"].tolist().index(row_id)]  # (a mask would copy the frame)


def load(data_dir: Path | str | None = None) -> Dataset:
    """The data package at ``data_dir`` (else the project's), its tables typed and in order; a ValueError if broken."""
    package = read_package(Path(data_dir) if data_dir else project_root() / "data")
    if package.problems:
        raise ValueError("\n".join(map(str, package.problems)))
    frames, schema = {}, package.schema
    for name in schema.tables:
        frame = package.tables[name].frame.reset_index(drop=True)
        for column, spec in schema.fields(name).items():
            if spec.get("type") == "date":
                frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
            elif spec.get("type") == "integer" and spec.get("constraints", {}).get("required"):
                frame[column] = frame[column].astype(int)
        order = [schema.day_columns[name], DAY_ORDER] if name in schema.day_columns else ["order"]
        frames[name] = frame.sort_values(order, kind="stable", ignore_index=True) if set(order) <= set(frame) else frame
    return Dataset(package.data_dir, package.descriptor, frames)
