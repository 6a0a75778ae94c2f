"""The data package as the book draws it: typed pandas tables in the order of time.

The tables come from the one reading of the package (:class:`briefbook.project.Package`);
dates and day orders are parsed, list cells stay text (see :func:`split`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import ids
from .i18n import N_, SOURCE
from .markup import plain
from .package import Package, read_package
from .project import TABLES, Project

SEP = ";"
# The period the book studies: the day before the U.S. strikes to the day after the brief.
STUDY_START = pd.Timestamp("2021-06-27")
STUDY_END = pd.Timestamp("2021-07-10")
# The column that dates each row of the dated tables; rows of one day are ordered by ``day_order``.
DAY_COLUMN = {"events": "date_start", "quotations": "date"}


FIRST_WORDS = 6  # of a quotation, in labels that name it
ATTACK = {"airstrike": N_("airstrikes"), "rocket": N_("rocket attack"), "drone": N_("drone attack")}


def day_month(ts) -> str:
    """'29 June'."""
    return f"{ts.day} {ts:%B}"


def split(value: str) -> list[str]:
    """Split a semicolon-separated cell into its items."""
    return [item.strip() for item in str(value).split(SEP) if item.strip()]


@dataclass
class Dataset:
    """The five tables of the data package, as read from ``data_dir``."""

    data_dir: Path
    actors: pd.DataFrame
    events: pd.DataFrame
    quotations: pd.DataFrame
    translations: pd.DataFrame
    claims: pd.DataFrame
    descriptor: dict
    # The language of the text cells, codes' labels and schema's descriptions
    # (:func:`briefbook.i18n.data.localise` makes the other languages' datasets).
    language: str = SOURCE

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

    def when(self, item: str) -> tuple:
        """Where a quotation or event (by id) falls in time: its day, then events before statements
        of the same day (a convention of the lists, not a claim about the sequence), then day_order."""
        if ids.is_event(item):
            row = self.event(item)
            return (row["date_start"], 0, row["day_order"], item)
        row = self.quotation(item)
        return (row["date"], 1, row["day_order"], item)

    def evidence_label(self, item: str) -> str:
        """A label that tells one quotation or event from every other: for a statement, speaker,
        day and first words; for an event, place, day (or window) and kind of attack. In the
        dataset's language (:func:`briefbook.figures.words.evidence_label` says it in another)."""
        if self.language != SOURCE:
            from .figures.words import evidence_label

            return evidence_label(self, item, self.language, isolated=False)  # pages isolate their own
        if ids.is_event(item):
            ev = self.event(item)
            if ev["date_end"] > ev["date_start"]:
                when = f"{ev['date_start'].day}–{day_month(ev['date_end'])} (date window)"
            else:
                when = day_month(ev["date_start"])
            return f"{ev['place'].split(',')[0]}, {when}: {ATTACK[ev['type']]}"
        q = self.quotation(item)
        return f"{self.actor(q['speaker'])['name']}, {day_month(q['date'])}: “{self.first_words(item)}”"

    def first_words(self, quotation: str) -> str:
        """A quotation's first words as a reader sees them, with an ellipsis if it goes on."""
        return first_words(self.quotation(quotation)["text"])

    def in_time_order(self, items: list[str]) -> list[str]:
        """Ids of quotations and events in the order of time (:meth:`when`)."""
        return sorted(items, key=self.when)

    def actor(self, actor_id: str) -> pd.Series:
        return self.actors.set_index("id").loc[actor_id]

    def event(self, event_id: str) -> pd.Series:
        return self.events.set_index("id").loc[event_id]

    def quotation(self, quote_id: str) -> pd.Series:
        rows = self.quotations[self.quotations["id"] == quote_id]
        if rows.empty:
            raise KeyError(quote_id)
        return rows.iloc[0]


def first_words(text: str) -> str:
    """The first words of a text as a reader sees it (the brief's markup read), with an ellipsis
    if it goes on: how labels and cite lines name a quotation or a claim."""
    words = plain(text).split()
    first = " ".join(words[:FIRST_WORDS]).rstrip(".,;:")
    return first + ("…" if len(words) > FIRST_WORDS else "")


def chronological(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """The rows of a dated table in the order of time: by day, then by ``day_order``."""
    return frame.sort_values([DAY_COLUMN[table], "day_order"], kind="stable")


def from_package(package: Package) -> Dataset:
    """The typed tables of a package that has been read (and, for a build, validated)."""
    tables = {name: package.frame(name) for name in TABLES}
    events = tables["events"]
    for col in ("date_start", "date_end"):
        events[col] = pd.to_datetime(events[col], format="%Y-%m-%d")
    tables["quotations"]["date"] = pd.to_datetime(tables["quotations"]["date"], format="%Y-%m-%d")
    for name in DAY_COLUMN:
        tables[name]["day_order"] = tables[name]["day_order"].astype(int)
        tables[name] = chronological(tables[name], name).reset_index(drop=True)
    claims = tables["claims"].assign(order=tables["claims"]["order"].astype(int))
    tables["claims"] = claims.sort_values("order", kind="stable").reset_index(drop=True)
    return Dataset(data_dir=package.data_dir, descriptor=package.descriptor, **tables)


def load(data_dir: Path | str | None = None) -> Dataset:
    """Read the data package at ``data_dir`` (by default the project's) into typed tables.
    Events and quotations come in the order of time (:func:`chronological`), claims in the
    brief's order. Raises :class:`briefbook.validate.DataError` if the package cannot be read."""
    from .validate import DataError

    package = read_package(data_dir) if data_dir else read_package(Project.find().data_dir)
    if package.problems:
        raise DataError(package.problems)
    return from_package(package)
