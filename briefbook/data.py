"""Loading the data package into pandas tables."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd

from .paths import project_root

TABLES = ("actors", "events", "quotations", "translations", "claims")
SEP = ";"
# The period the book studies: the day before the U.S. strikes to the day after the brief.
STUDY_START = pd.Timestamp("2021-06-27")
STUDY_END = pd.Timestamp("2021-07-10")


def split(value: str) -> list[str]:
    """Split a semicolon-separated cell into its items."""
    return [item.strip() for item in str(value).split(SEP) if item.strip()]


def read_csv(path: Path) -> pd.DataFrame:
    """Read one table as text, keeping empty cells as empty strings."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@dataclass
class Dataset:
    """The five tables of the data package, as read from ``data_dir``."""

    data_dir: Path
    actors: pd.DataFrame
    events: pd.DataFrame
    quotations: pd.DataFrame
    translations: pd.DataFrame
    claims: pd.DataFrame

    @cached_property
    def descriptor(self) -> dict:
        return json.loads((self.data_dir / "datapackage.json").read_text(encoding="utf-8"))

    def field(self, table: str, name: str) -> dict:
        """The Table Schema descriptor of one field."""
        for resource in self.descriptor["resources"]:
            if resource["name"] == table:
                for fld in resource["schema"]["fields"]:
                    if fld["name"] == name:
                        return fld
        raise KeyError(f"{table}.{name}")

    def codes(self, table: str, name: str) -> list[dict]:
        """The coding scheme of a coded field: value, label and definition of each code."""
        return self.field(table, name).get("x-codes", [])

    def label(self, table: str, name: str, value: str) -> str:
        for code in self.codes(table, name):
            if code["value"] == value:
                return code["label"]
        return value

    def actor(self, actor_id: str) -> pd.Series:
        return self.actors.set_index("id").loc[actor_id]

    def quotation(self, quote_id: str) -> pd.Series:
        rows = self.quotations[self.quotations["id"] == quote_id]
        if rows.empty:
            raise KeyError(quote_id)
        return rows.iloc[0]


def load(data_dir: Path | str | None = None) -> Dataset:
    """Read the data package; dates are parsed, list cells stay text (see :func:`split`)."""
    data_dir = Path(data_dir) if data_dir else project_root() / "data"
    tables = {name: read_csv(data_dir / f"{name}.csv") for name in TABLES}
    events = tables["events"]
    for col in ("date_start", "date_end"):
        events[col] = pd.to_datetime(events[col], format="%Y-%m-%d")
    tables["quotations"]["date"] = pd.to_datetime(tables["quotations"]["date"], format="%Y-%m-%d")
    return Dataset(data_dir=data_dir, **tables)
