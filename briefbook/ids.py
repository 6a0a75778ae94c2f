"""Ids and anchors as the data package's schema states them (``x-anchor``, ``x-refers-to``)."""

import functools
import re

SAFE = re.compile(r"^[A-Za-z0-9_:-]+$")  # BibTeX keys and anchors that may reach markup


def anchor(schema, table: str, item: str) -> str:
    """The anchor of a row in the book, e.g. ``quote-khazali-2021-06-29-isra``."""
    return schema.resources[table].get("x-anchor", "") + item


def table_of(schema, item: str) -> str:
    """The table of ``x-refers-to`` whose id pattern has the longest literal start ``item`` begins with."""
    return next(table for start, table in starts(schema) if item.startswith(start))


@functools.lru_cache(maxsize=4)
def starts(schema) -> list[tuple[str, str]]:
    fields = [f for r in schema.resources.values() for f in r["schema"]["fields"] if "x-refers-to" in f]
    patterns = {t: schema.field(t, "id").get("constraints", {}).get("pattern", "") for t in fields[0]["x-refers-to"]}
    return sorted(((re.match(r"[\w-]*", p)[0], t) for t, p in patterns.items()), key=lambda s: -len(s[0]))


def figure_anchor(chart: str) -> str:
    return f"fig-{chart}"
