"""The charts for a right-to-left reader (the Arabic edition).

What reads in a direction is mirrored: titles stand at the right; the names of the rows (speakers,
targets, statements, claims) stand at the right of their rows; legends start at the right, each
entry's words before its mark, their columns from right to left; the agenda's columns run from the
right; categories that have no order in time (the rhetorical devices, the claims' numbers on a
phone) run from the right.

Time keeps running from left to right, in every chart: the Arabic press (the Washington Institute's
own Arabic site, Al Jazeera, Asharq Al-Awsat) draws its time axes so, matching the Western digits
that both editions use and the number line; and the two editions' figures then compare at a glance.
A day axis, and the claims chart's evidence in the order of time, are therefore never mirrored.

The text itself is written in logical order, never reshaped or reversed: matplotlib shapes it
(libraqm) and a browser does for the SVG, where each text of a right-to-left chart is marked
``direction: rtl`` (:func:`briefbook.figures.svg.right_to_left`) so that the browser's order within
a line is the one matplotlib measured.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .style import Medium

DIRECTION = "briefbook_direction"  # the figure's attribute that :func:`.output.render` reads


def figure(medium: Medium, **kwargs) -> Figure:
    """A new figure for ``medium``, which knows the direction of its words."""
    fig = Figure(**kwargs)
    if medium.rtl:
        fig.__dict__[DIRECTION] = "rtl"
    return fig


def side(medium: Medium, where: str = "left") -> str:
    """The side where a reader starts: ``where`` (as in English), or its mirror right to left."""
    return {"left": "right", "right": "left"}.get(where, where) if medium.rtl else where


def across(medium: Medium, fraction: float) -> float:
    """A position across the axes or the figure, in fractions of its width, mirrored right to left."""
    return 1.0 - fraction if medium.rtl else fraction


def order(handles: list, ncols: int) -> list:
    """A legend's entries for a right-to-left reader: matplotlib fills its columns from the left,
    each from the top, so the columns are given in reverse (the first to the right); a shorter
    last column gets an empty entry at its foot, so that every column keeps its entries."""
    rows = -(-len(handles) // ncols)
    columns = [handles[i * rows : (i + 1) * rows] for i in range(ncols)]
    columns = [c + [Line2D([], [], linestyle="none", label="")] * (rows - len(c)) for c in columns if c]
    return [h for column in reversed(columns) for h in column]


def legend(target, medium: Medium, handles: list, **kwargs):
    """``target.legend`` (an Axes' or a Figure's), mirrored for a right-to-left reader."""
    if medium.rtl:
        ncols = kwargs.get("ncols", 1)
        handles = order(handles, ncols) if ncols > 1 else handles
        if "loc" in kwargs:
            kwargs["loc"] = " ".join(side(medium, w) for w in kwargs["loc"].split())
        if "bbox_to_anchor" in kwargs:
            bx, *rest = kwargs["bbox_to_anchor"]
            kwargs["bbox_to_anchor"] = (across(medium, bx), *rest)
        kwargs["alignment"] = side(medium, kwargs.get("alignment", "left"))
        kwargs["markerfirst"] = False
    return target.legend(handles=handles, **kwargs)


def names_at_start(ax, medium: Medium) -> None:
    """The names of an axes' rows at the side where a reader starts: at its right, right to left."""
    if medium.rtl:
        ax.yaxis.tick_right()
        ax.yaxis.set_label_position("right")
