"""The data package's schema (``data/datapackage.json``) as the book reads it: its tables and their
fields, the dated tables with the column that dates them, the study window (the date fields' bounds)."""

from __future__ import annotations

import functools

import pandas as pd

from .languages import LANGUAGES

DAY_ORDER = "day_order"  # a dated table orders the rows of one day by it


class Schema:
    """The descriptor of a data package, and what the book reads from it."""

    def __init__(self, descriptor: dict):
        self.descriptor = descriptor
        self.resources = {r["name"]: r for r in descriptor.get("resources", []) if isinstance(r, dict) and "name" in r}

    @functools.cached_property
    def translation_tables(self) -> dict[str, str]:
        """Each language's table of the data's words: ``{"ar": "arabic"}``."""
        return {c: lang.translation_table for c, lang in LANGUAGES.items() if lang.translation_table in self.resources}

    @functools.cached_property
    def tables(self) -> tuple[str, ...]:
        """The tables of the data, in the descriptor's order (the translation tables aside)."""
        return tuple(n for n in self.resources if n not in self.translation_tables.values())

    def fields(self, table: str) -> dict[str, dict]:
        return {f["name"]: f for f in self.resources[table]["schema"]["fields"]}

    def field(self, table: str, name: str) -> dict:
        """The Table Schema descriptor of one field."""
        try:
            return self.fields(table)[name]
        except KeyError:
            raise KeyError(f"{table}.{name}") from None

    @functools.cached_property
    def day_columns(self) -> dict[str, str]:
        """The dated tables (those with a ``day_order``), each with the date field that dates its rows."""
        dated = {t: [n for n, f in self.fields(t).items() if f.get("type") == "date"] for t in self.tables}
        return {t: names[0] for t, names in dated.items() if names and DAY_ORDER in self.fields(t)}

    @functools.cached_property
    def window(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """The study window: the first and last day the date fields allow."""
        limits = [f.get("constraints", {}) for t in self.tables for f in self.fields(t).values()
                  if f.get("type") == "date"]  # fmt: skip
        lows, highs = ([c[k] for c in limits if k in c] for k in ("minimum", "maximum"))
        if not lows or not highs:
            raise ValueError("the schema's date fields state no minimum and maximum (the study window)")
        return pd.Timestamp(min(lows)), pd.Timestamp(max(highs))
