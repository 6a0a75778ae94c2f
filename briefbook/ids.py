"""The anchors made from the data's ids, and the ids the authoring command makes (their forms are
the ``pattern`` constraints of ``data/datapackage.json``, which validation enforces)."""

from __future__ import annotations

import re

# The anchor of a row in the book: quotations and events get a prefix, claims are anchors already.
ANCHOR_PREFIX = {"quotations": "quote-", "events": "event-", "claims": "", "actors": "actor-"}
# The anchors that citations may point to (published-anchors.txt): quotations, figures, claims, events.
CITABLE_PREFIXES = ("quote-", "fig-", "claim-", "event-")
SAFE = re.compile(r"^[A-Za-z0-9_:-]+$")  # BibTeX keys and anchors that may reach markup


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def event_id(date: str, place_and_kind: str) -> str:
    return f"ev-{date}-{slug(place_and_kind)}"


def quotation_id(speaker: str, date: str, topic: str) -> str:
    return f"{slug(speaker)}-{date}-{slug(topic)}"


def table_of(item: str) -> str:
    """Which table an evidence id (a quotation's or an event's) belongs to."""
    return "events" if item.startswith("ev-") else "quotations"


def is_event(item: str) -> bool:
    return table_of(item) == "events"


def anchor(item: str, table: str | None = None) -> str:
    """The anchor of a row in the book, e.g. ``quote-khazali-2021-06-29-isra``."""
    return ANCHOR_PREFIX[table or table_of(item)] + item


def figure_anchor(chart: str) -> str:
    return f"fig-{chart}"
