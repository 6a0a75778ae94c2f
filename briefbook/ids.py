"""Ids and anchors as the data package's schema states them: a row's anchor is its id behind its table's
``x-anchor`` prefix; a field's ``x-refers-to`` lists the tables its ids may name. Also the ids authors make."""

from __future__ import annotations

import functools
import re

SAFE = re.compile(r"^[A-Za-z0-9_:-]+$")  # BibTeX keys and anchors that may reach markup


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def event_id(date: str, place_and_kind: str) -> str:
    return f"ev-{date}-{slug(place_and_kind)}"


def quotation_id(speaker: str, date: str, topic: str) -> str:
    return f"{slug(speaker)}-{date}-{slug(topic)}"


def anchor(schema, table: str, item: str) -> str:
    """The anchor of a row in the book, e.g. ``quote-khazali-2021-06-29-isra``."""
    return schema.resources[table].get("x-anchor", "") + item


def table_of(schema, item: str) -> str:
    """Which of the tables a field's ``x-refers-to`` lists an id names: the one whose id pattern
    starts with the longest literal start of ``item`` (``ev-…`` an event, any other a quotation)."""
    for start, table in _starts(schema):
        if item.startswith(start):
            return table
    raise KeyError(item)


@functools.lru_cache(maxsize=4)
def _starts(schema) -> list[tuple[str, str]]:
    fields = [f for r in schema.resources.values() for f in r["schema"]["fields"] if "x-refers-to" in f]
    tables = fields[0]["x-refers-to"] if fields else ()
    patterns = {t: schema.field(t, "id").get("constraints", {}).get("pattern", "") for t in tables}
    return sorted(((re.match(r"[\w-]*", p)[0], t) for t, p in patterns.items()), key=lambda s: -len(s[0]))


def figure_anchor(chart: str) -> str:
    return f"fig-{chart}"
