"""The charts drawn: each chart's drawing function, its rendering to SVG or PDF bytes, and the
notebook output :class:`Chart` (see the package's docstring)."""

from __future__ import annotations

import io
from dataclasses import replace

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .. import i18n
from ..data import Dataset, load
from .attack_tempo import tempo
from .describe import alt_text
from .direction import DIRECTION
from .evidence import claims
from .rhetoric import signals, timeline
from .style import MEDIA, PRINT, SCREEN, Medium
from .svg import right_to_left, tap_targets, tooltips
from .words import localised

DRAW = {"timeline": timeline, "signals": signals, "claims": claims, "tempo": tempo}
SAVE = {"svg.fonttype": "none", "svg.hashsalt": "briefbook", "pdf.fonttype": 42,
        "savefig.facecolor": "auto", "savefig.edgecolor": "auto"}  # fmt: skip


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
        svg = tap_targets(tooltips(out.getvalue().decode("utf-8"), fig.__dict__.get("briefbook_titles", {})))
        return (right_to_left(svg) if fig.__dict__.get(DIRECTION) == "rtl" else svg).encode("utf-8")
    return out.getvalue()


class Chart:
    """A chart as a notebook output: the wide SVG on screen, the print PDF, its alt text as plain text;
    drawn in ``language`` (by default the kernel's, :func:`briefbook.i18n.current`), from ``data``
    (by default the project's, localised to that language)."""

    def __init__(self, name: str, data: Dataset | None = None, language: str | None = None):
        if name not in DRAW:
            raise KeyError(f"unknown chart {name!r}; known: {', '.join(DRAW)}")
        self.name = name
        self.language = i18n.check(language or i18n.current())
        self.data = data or localised(load(), self.language)
        self.figure = self.draw(SCREEN)

    def draw(self, medium: Medium | str) -> Figure:
        return DRAW[self.name](self.data, in_language(medium, self.language))

    def svg(self, medium: Medium | str = SCREEN) -> str:
        figure = self.figure if medium in (SCREEN, SCREEN.name) else self.draw(medium)
        return render(figure, "svg").decode("utf-8")

    def pdf(self) -> bytes:
        return render(self.draw(PRINT), "pdf")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "image/svg+xml": self.svg(),
            "application/pdf": self.pdf(),
            "text/plain": alt_text(self.name, self.data, self.language),
        }


def chart(name: str, data: Dataset | None = None, language: str | None = None) -> Chart:
    """Chart ``name`` drawn from the project's data (the notebook cell's output)."""
    return Chart(name, data, language)


def in_language(medium: Medium | str, language: str) -> Medium:
    """A medium (or one of :data:`MEDIA` by name) whose words are in ``language``."""
    medium = MEDIA[medium] if isinstance(medium, str) else medium
    return medium if medium.language == language else replace(medium, language=i18n.check(language))
