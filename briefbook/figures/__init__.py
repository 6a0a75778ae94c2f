"""The book's four charts: data in, matplotlib Figure out.

Every mark carries a ``gid`` naming the row it stands for (``event:<id>``, ``quote:<id>``,
``link:<claim>:<evidence>``), so the SVG can be inspected and the tests can count marks.
Colours are the Okabe–Ito palette, safe for colour-blind readers, and each colour is
doubled by a marker shape or a hatch. Figures carry their own white background, so they
read the same in the book's light and dark modes.

A chapter's chart cell is ``chart("timeline")``: run in Jupyter it shows the chart; executed
for the book, the same output is the figure (SVG on screen, vector PDF in print), which the
Sphinx extension gives its alt text, data links and cite line. Nothing is written to disk.
"""

from __future__ import annotations

import io

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ..data import Dataset, load
from .describe import alt_text
from .evidence import claims, tempo
from .rhetoric import signals, timeline
from .style import STYLE

DRAW = {"timeline": timeline, "signals": signals, "claims": claims, "tempo": tempo}
FIGURES = tuple(DRAW)
# The tables each chart is drawn from: its data links, and what a change re-executes.
CHART_DATA = {
    "timeline": ("events", "quotations", "actors"),
    "signals": ("quotations", "actors"),
    "claims": ("claims", "quotations", "events"),
    "tempo": ("events",),
}

__all__ = ["CHART_DATA", "DRAW", "FIGURES", "Chart", "alt_text", "chart", "claims", "signals", "tempo", "timeline"]


def render(fig: Figure, fmt: str) -> bytes:
    """The figure as SVG or PDF bytes, without dates or random ids: rebuilds give the same bytes."""
    meta = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    out = io.BytesIO()
    with plt.rc_context(STYLE):
        fig.savefig(out, format=fmt, metadata=meta)
    return out.getvalue()


class Chart:
    """A chart as a notebook output: SVG on screen, PDF in print, its alt text as plain text."""

    def __init__(self, name: str, data: Dataset | None = None):
        if name not in DRAW:
            raise KeyError(f"unknown chart {name!r}; known: {', '.join(DRAW)}")
        self.name = name
        self.data = data or load()
        self.figure = DRAW[name](self.data)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "image/svg+xml": render(self.figure, "svg").decode("utf-8"),
            "application/pdf": render(self.figure, "pdf"),
            "text/plain": alt_text(self.name, self.data),
        }


def chart(name: str, data: Dataset | None = None) -> Chart:
    """Chart ``name`` drawn from the project's data (the notebook cell's output)."""
    return Chart(name, data)
