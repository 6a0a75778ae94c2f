"""The book's four charts: data in, matplotlib Figure out, drawn for a medium.

Every mark carries a ``gid`` naming the row it stands for (``events:<weapon>``, ``quotes:<signal>``,
``link:<claim>:<evidence>``, ...) and is a link to that row (``#event-<id>``, ``#quote-<id>``,
``#claim-<id>``) with a tooltip naming it. Colours are the Okabe–Ito palette, safe for colour-blind
readers, each doubled by a marker shape or a hatch.

Each chart is drawn for its medium (:data:`.style.MEDIA`): a wide screen and a phone, each on a
light and on a dark ground, and print at the PDF's text width, with no text smaller than the
medium allows (11 px on screen, 7 pt in print). On a phone the timeline becomes an agenda down the
page and the tempo and claims charts turn on their side.

A chapter's chart cell is ``chart("timeline")``: run in Jupyter it shows the chart; executed for
the book, the same output is the figure (the wide light SVG on screen, the print PDF on paper),
which the Sphinx extension gives its alt text, data table, links and cite line, and sets inline in
the page with its narrow variant; the dark media's palette reaches both as CSS variables
(:func:`.svg.inline`). Nothing is written to disk.
"""

from __future__ import annotations

import importlib

# The book's charts and the tables each is drawn from: its data links, and what a change re-executes.
CHART_DATA = {
    "timeline": ("events", "quotations", "actors"),
    "signals": ("quotations", "actors"),
    "claims": ("claims", "quotations", "events"),
    "tempo": ("events",),
}
FIGURES = tuple(CHART_DATA)
# What a page shows: the wide chart and the narrow one, each set inline with its ink, grid and
# ground as CSS variables, so that the page's dark mode gives it the dark media's palette.
SCREEN_VARIANTS = ("screen", "phone")

# The drawing needs matplotlib (about a third of a second to import), which a build that writes no
# chart does not: these names are imported from their modules when first used.
_LAZY = {
    "DRAW": "output", "SAVE": "output", "Chart": "output", "chart": "output", "render": "output", "in_language": "output",
    "alt_text": "describe", "claims": "evidence", "signals": "rhetoric", "timeline": "rhetoric",
    "tempo": "attack_tempo", "MEDIA": "style",
}  # fmt: skip

__all__ = ["CHART_DATA", "FIGURES", "SCREEN_VARIANTS", *_LAZY]


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
