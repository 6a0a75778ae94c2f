"""A chart as a notebook cell's output: the chart in Jupyter, the figure in the book (SVG, PDF, alt text)."""

from __future__ import annotations

import importlib
from dataclasses import replace
from types import ModuleType
from typing import NamedTuple

import matplotlib

from .. import i18n
from ..data import Dataset, load
from ..i18n.data import localise
from .style import MEDIA, Drawing, Medium
from .svg import render


class Link(NamedTuple):
    """A cell linking to a row of ``table``, or (``None``) to a statement's card or an event's row."""

    row: str
    label: str
    table: str | None = None


class Rows(NamedTuple):
    """A chart's table: a cell is text, a :class:`Link` or a list of both; ``sources``, the keys the rows cite."""

    headers: list[str]
    widths: list[int]
    cells: list[list]
    sources: list[str]


class Chart:
    """The chart a ``figures/`` module draws from ``data`` (the project's), in ``language`` (the kernel's)."""

    def __init__(self, figure: ModuleType | str, data: Dataset | None = None, language: str | None = None):
        self.figure = importlib.import_module(figure) if isinstance(figure, str) else figure
        self.language = i18n.language(language or i18n.current()).code
        data = data or load()
        self.data = data if self.language == i18n.SOURCE else localise(data, self.language)

    def draw(self, medium: Medium | str = "screen") -> Drawing:
        medium = replace(MEDIA[medium] if isinstance(medium, str) else medium, language=self.language)
        with matplotlib.rc_context(medium.rc()):
            return self.figure.draw(self.data, medium)

    def svg(self, medium: Medium | str = "screen") -> str:
        return render(self.draw(medium), "svg").decode("utf-8")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        pdf, alt = render(self.draw("print"), "pdf"), self.figure.alt_text(self.data, self.language)
        return {"image/svg+xml": self.svg(), "application/pdf": pdf, "text/plain": alt}
