"""Generic drawing help for a book's charts, which live in the book's own ``figures/`` folder (one
module a figure, with ``TABLES``, ``draw(data, medium)``, ``alt_text(data, language)`` and
``rows(data, language)``): media (screen, phone, print), linked marks and the palette
(:mod:`.style`), SVG and PDF output and inlining (:mod:`.svg`), the notebook output
(:mod:`.output`). Imported when a chart is drawn: it needs matplotlib."""

from __future__ import annotations

from typing import NamedTuple


class Link(NamedTuple):
    """A cell of a chart's rows that links to a row of the book: of ``table``, or (``None``) a
    statement's card or an event's row, wherever the book places it."""

    row: str
    label: str
    table: str | None = None


class Rows(NamedTuple):
    """The rows a chart draws, as the table beside it lists them: a cell is text, a :class:`Link`
    or a list of both; ``sources`` are the BibTeX keys the rows cite."""

    headers: list[str]
    widths: list[int]
    cells: list[list]
    sources: list[str]
