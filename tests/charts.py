"""The book's four figures, for the chart tests: each drawn as the book draws it."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))  # the book's figures/ folder, as a chapter's cell imports it

from briefbook.figures.output import Chart  # noqa: E402
from briefbook.figures.style import MEDIA  # noqa: E402
from figures import claims, signals, tempo, timeline  # noqa: E402

FIGURES = {"timeline": timeline, "signals": signals, "claims": claims, "tempo": tempo}


def drawn(name: str, data, medium: str = "screen", language: str = "en"):
    """Figure ``name`` drawn from ``data`` for ``medium``, in ``language``: a Drawing."""
    return Chart(FIGURES[name], data, language).draw(medium)


def fig(name: str, data, medium: str = "screen", language: str = "en"):
    return drawn(name, data, medium, language).figure


__all__ = ["FIGURES", "MEDIA", "Chart", "drawn", "fig"]
