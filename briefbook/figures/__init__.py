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

import io

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from ..data import Dataset, load
from .describe import alt_text
from .evidence import claims
from .rhetoric import signals, timeline
from .style import MEDIA, PRINT, SCREEN, Medium
from .svg import tooltips
from .tempo import tempo

DRAW = {"timeline": timeline, "signals": signals, "claims": claims, "tempo": tempo}
FIGURES = tuple(DRAW)
# The tables each chart is drawn from: its data links, and what a change re-executes.
CHART_DATA = {
    "timeline": ("events", "quotations", "actors"),
    "signals": ("quotations", "actors"),
    "claims": ("claims", "quotations", "events"),
    "tempo": ("events",),
}
# What a page shows: the wide chart and the narrow one, each set inline with its ink, grid and
# ground as CSS variables, so that the page's dark mode gives it the dark media's palette.
SCREEN_VARIANTS = ("screen", "phone")
SAVE = {"svg.fonttype": "none", "svg.hashsalt": "briefbook", "pdf.fonttype": 42,
        "savefig.facecolor": "auto", "savefig.edgecolor": "auto"}  # fmt: skip

__all__ = ["CHART_DATA", "DRAW", "FIGURES", "MEDIA", "SCREEN_VARIANTS", "Chart", "alt_text", "chart", "claims",
           "render", "signals", "tempo", "timeline"]  # fmt: skip


def render(fig: Figure, fmt: str) -> bytes:
    """The figure as SVG (with its marks' tooltips) or PDF bytes, without dates or random ids:
    rebuilds give the same bytes."""
    meta = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
    if fmt == "pdf":  # the links lead to rows of the HTML pages: in print they would lead nowhere
        for artist in fig.findobj(lambda a: bool(a.get_url() or getattr(a, "get_urls", lambda: None)())):
            artist.set_url(None)
            if hasattr(artist, "set_urls"):
                artist.set_urls(None)
    out = io.BytesIO()
    with plt.rc_context(SAVE):
        fig.savefig(out, format=fmt, metadata=meta)
    if fmt == "svg":
        return tooltips(out.getvalue().decode("utf-8"), fig.__dict__.get("briefbook_titles", {})).encode("utf-8")
    return out.getvalue()


class Chart:
    """A chart as a notebook output: the wide SVG on screen, the print PDF, its alt text as plain text."""

    def __init__(self, name: str, data: Dataset | None = None):
        if name not in DRAW:
            raise KeyError(f"unknown chart {name!r}; known: {', '.join(DRAW)}")
        self.name = name
        self.data = data or load()
        self.figure = self.draw(SCREEN)

    def draw(self, medium: Medium | str) -> Figure:
        return DRAW[self.name](self.data, MEDIA[medium] if isinstance(medium, str) else medium)

    def svg(self, medium: Medium | str = SCREEN) -> str:
        figure = self.figure if medium in (SCREEN, SCREEN.name) else self.draw(medium)
        return render(figure, "svg").decode("utf-8")

    def pdf(self) -> bytes:
        return render(self.draw(PRINT), "pdf")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "image/svg+xml": self.svg(),
            "application/pdf": self.pdf(),
            "text/plain": alt_text(self.name, self.data),
        }


def chart(name: str, data: Dataset | None = None) -> Chart:
    """Chart ``name`` drawn from the project's data (the notebook cell's output)."""
    return Chart(name, data)
