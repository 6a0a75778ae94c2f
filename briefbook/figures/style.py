"""The charts' shared style: the colour-blind-safe palette, the day axis, marks linked to their rows."""

from __future__ import annotations

from datetime import timedelta

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from ..data import STUDY_END, STUDY_START  # noqa: E402

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#6E6E6E",
}


SIGNAL_STYLE = {
    "escalatory": (OKABE_ITO["vermillion"], "^"),
    "mixed": (OKABE_ITO["purple"], "D"),
    "de-escalatory": (OKABE_ITO["blue"], "v"),
}


TYPE_STYLE = {  # colour, marker, hatch
    "airstrike": (OKABE_ITO["black"], "*", ""),
    "rocket": (OKABE_ITO["orange"], "^", "//"),
    "drone": (OKABE_ITO["sky"], "s", ".."),
}


TARGET_ROWS = {
    "militia-facilities": "Militia facilities\n(U.S. airstrikes)",
    "us-embassy": "U.S. embassy,\nBaghdad",
    "us-base-iraq": "Bases hosting\nU.S. troops in Iraq",
    "al-omar-syria": "al-Omar oil\nfield, Syria",
}


STRIKES_DAY = pd.Timestamp("2021-06-28")


BRIEF_DAY = pd.Timestamp("2021-07-09")


STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.edgecolor": "#333333",
    "axes.labelcolor": "#111111",
    "xtick.color": "#111111",
    "ytick.color": "#111111",
    "text.color": "#111111",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "svg.fonttype": "none",
    "svg.hashsalt": "briefbook",
    "pdf.fonttype": 42,
}


def _plain(text: str) -> str:
    """Text from the data, shown as written: a '$' would otherwise start matplotlib's mathtext."""
    return str(text).replace("$", r"\$")


def _side_legend(ax, handles: list, title: str) -> None:
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, title=title)


def _signal_handles() -> list:
    return [
        Line2D([], [], marker=m, color=c, markeredgecolor="black", linestyle="none", label=signal)
        for signal, (c, m) in SIGNAL_STYLE.items()
    ]


def _type_handles() -> list:
    return [
        Line2D([], [], marker=m, color=c, markeredgecolor="black", linestyle="none", label=kind)
        for kind, (c, m, _) in TYPE_STYLE.items()
    ]


def _day_axis(ax, start=STUDY_START, end=STUDY_END) -> None:
    ax.set_xlim(mdates.date2num(start), mdates.date2num(end + timedelta(days=1)))
    ax.xaxis.set_major_locator(mdates.DayLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d\n%b"))
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)


def _mark_days(ax, label: bool) -> None:
    for day, text, style in ((STRIKES_DAY, "U.S. strikes, 28 June", "--"), (BRIEF_DAY, "Brief published, 9 July", ":")):
        x = mdates.date2num(day) + 0.5
        ax.axvline(x, color=OKABE_ITO["grey"], linestyle=style, linewidth=1.2, gid=f"marker:{day.date()}")
        if label:
            ax.annotate(
                text,
                (x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(3, -2),
                textcoords="offset points",
                va="top",
                fontsize=8,
                color="#333333",
            )


def _spread(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """Offsets within a day, in (0, 1), for rows that share a day and a lane, in the table's order."""
    if frame.empty:
        return pd.Series(dtype=float)
    groups = frame.groupby(keys, sort=False)
    rank = groups.cumcount()
    size = groups[keys[0]].transform("size")
    return (rank + 1) / (size + 1)


def _marks(ax, x, y, ids, prefix: str, marker: str, colour: str, size: float, gid: str) -> None:
    """One scatter collection: a mark per row, each linked to its row (``#prefix-id``) in the SVG."""
    if len(x) == 0:
        return
    collection = ax.scatter(x, y, marker=marker, s=size**2, c=colour, edgecolors="black", linewidths=0.6, zorder=3)
    collection.set_gid(gid)
    collection.set_urls([f"#{prefix}-{i}" for i in ids])


def _spans(ax, x0, widths, y, ids, colour: str, hatch: str, gid: str, height: float = 0.44) -> None:
    """Rectangles for rows known only to a window of days, each linked to its row in the SVG."""
    if len(x0) == 0:
        return
    boxes = [Rectangle((a + 0.08, b - height / 2), w - 0.16, height) for a, w, b in zip(x0, widths, y, strict=True)]
    collection = PatchCollection(boxes, facecolor=colour, alpha=0.35, edgecolor=colour, hatch=hatch, linewidth=1.2)
    collection.set_gid(gid)
    collection.set_urls([f"#event-{i}" for i in ids])
    ax.add_collection(collection)


def in_range(table: pd.DataFrame, start_col: str, end_col: str | None = None) -> pd.DataFrame:
    end_col = end_col or start_col
    mask = (table[end_col] >= STUDY_START) & (table[start_col] <= STUDY_END)
    return table[mask]
