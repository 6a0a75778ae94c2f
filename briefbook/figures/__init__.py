"""Generic drawing help for the charts of a book's ``figures/`` folder (a module a figure, with
``TABLES``, ``draw(data, medium)``, ``alt_text(data, language)`` and ``rows(data, language)``): media,
palette, words and linked marks (:mod:`.style`), SVG and PDF (:mod:`.svg`), the notebook output (:mod:`.output`)."""

from __future__ import annotations

from typing import NamedTuple


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
