"""Drawing help for a book's ``figures/`` modules (each with ``TABLES``, ``draw(data, medium)``,
``alt_text(data, language)``, ``rows(data, language)``): :mod:`.style`, :mod:`.svg`, :mod:`.output`."""

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
