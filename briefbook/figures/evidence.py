"""Claims and their evidence, and the tempo of attacks."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle

from ..data import STUDY_END, STUDY_START, Dataset, load, split
from .rhetoric import _quote_label
from .style import (
    OKABE_ITO,
    SIGNAL_STYLE,
    STYLE,
    TYPE_STYLE,
    _day_axis,
    _mark_days,
    _plain,
    _side_legend,
    in_range,
)


def _evidence_label(data: Dataset, item: str) -> str:
    if item.startswith("ev-"):
        ev = data.events.set_index("id").loc[item]
        when = f"{ev.date_start:%-d}–{ev.date_end:%-d %b}" if ev.date_end > ev.date_start else f"{ev.date_start:%-d %b}"
        return _plain(f"{when}: {ev.place.split(',')[0]} ({ev.type})")
    q = data.quotation(item)
    return _quote_label(data, q)


def claims(data: Dataset | None = None) -> Figure:
    """Claims and evidence: each of the brief's claims linked to the quotations and events behind it."""
    data = data or load()
    table = data.claims  # in the brief's order, as loaded
    used = list(dict.fromkeys(item for ev in table["evidence"] for item in split(ev)))
    quotes = data.quotations.set_index("id")
    used.sort(key=lambda i: (not i.startswith("ev-"), data.when(i)))
    n = max(len(table), len(used))
    with plt.rc_context(STYLE):
        fig = Figure(figsize=(9.5, 0.36 * n + 1.4), layout="constrained")
        ax = fig.subplots()
        cy = {c: (n - 1) * (1 - k / max(len(table) - 1, 1)) for k, c in enumerate(table["id"])}
        ey = {e: (n - 1) * (1 - k / max(len(used) - 1, 1)) for k, e in enumerate(used)}
        for claim in table.itertuples():
            for item in split(claim.evidence):
                colour = OKABE_ITO["grey"] if item.startswith("ev-") else SIGNAL_STYLE[quotes.loc[item, "signal"]][0]
                ax.plot(
                    [0, 1],
                    [cy[claim.id], ey[item]],
                    color=colour,
                    linewidth=1.3,
                    alpha=0.8,
                    linestyle="--" if item.startswith("ev-") else "-",
                    gid=f"link:{claim.id}:{item}",
                )
        for claim in table.itertuples():
            ax.plot([0], [cy[claim.id]], "o", color="black", markersize=6, gid=f"claim:{claim.id}")
            text = f"{claim.order}. {claim.id.removeprefix('claim-').replace('-', ' ').capitalize()}"
            ax.annotate(text, (0, cy[claim.id]), xytext=(-8, 0), textcoords="offset points", ha="right", va="center")
        for item in used:
            is_event = item.startswith("ev-")
            colour = OKABE_ITO["grey"] if is_event else SIGNAL_STYLE[quotes.loc[item, "signal"]][0]
            marker = "s" if is_event else SIGNAL_STYLE[quotes.loc[item, "signal"]][1]
            ax.plot(
                [1],
                [ey[item]],
                marker=marker,
                color=colour,
                markeredgecolor="black",
                markersize=7,
                linestyle="none",
                gid=f"evidence:{item}",
            )
            ax.annotate(
                _evidence_label(data, item),
                (1, ey[item]),
                xytext=(8, 0),
                textcoords="offset points",
                ha="left",
                va="center",
            )
        ax.set_xlim(-0.9, 1.9)
        ax.set_ylim(-0.8, n - 0.2)
        ax.axis("off")
        ax.text(0, n - 0.1, "Claim (claims.csv)", ha="right", va="bottom", fontweight="bold")
        ax.text(1, n - 0.1, "Evidence (events.csv, quotations.csv)", ha="left", va="bottom", fontweight="bold")
        ax.legend(
            handles=[Line2D([], [], color=OKABE_ITO["grey"], linestyle="--", marker="s", label="event")]
            + [
                Line2D([], [], color=c, marker=m, markeredgecolor="black", label=f"{s} statement")
                for s, (c, m) in SIGNAL_STYLE.items()
            ],
            loc="lower center",
            bbox_to_anchor=(0.5, -0.02),
            ncols=4,
            frameon=False,
        )
    return fig


def tempo(data: Dataset | None = None) -> Figure:
    """Attack tempo: events per day, stacked by weapon; events known only to a window are hatched
    blocks across the days they may fall on, stacked above the days' bars."""
    data = data or load()
    events = in_range(data.events, "date_start", "date_end")
    window = events["date_end"] > events["date_start"]
    with plt.rc_context(STYLE):
        fig = Figure(figsize=(9.5, 3.8), layout="constrained")
        ax = fig.subplots()
        days = pd.date_range(STUDY_START, STUDY_END)
        counts = (events[~window].groupby(["date_start", "type"]).size().unstack(fill_value=0)
                  .reindex(index=days, columns=list(TYPE_STYLE), fill_value=0))  # fmt: skip
        x = mdates.date2num(days) + 0.5
        height = pd.Series(0, index=days, dtype=float)
        for kind, (colour, _, _) in TYPE_STYLE.items():
            bars = ax.bar(x, counts[kind], bottom=height.to_numpy(), width=0.76, color=colour, edgecolor="black",
                          linewidth=0.6, label=kind)  # fmt: skip
            for bar, day, n in zip(bars, days, counts[kind], strict=True):
                bar.set_gid(f"day:{day.date()}:{kind}:{n}")
            height += counts[kind]
        groups = events[window].groupby(["date_start", "date_end", "type"]).size()
        for (d0, d1, kind), n in groups.items():
            colour, _, hatch = TYPE_STYLE[kind]
            span = pd.date_range(d0, d1)
            base = height[span].max()
            x0 = mdates.date2num(d0)
            ax.add_patch(Rectangle((x0 + 0.12, base), len(span) - 0.24, n, facecolor="white", edgecolor=colour,
                                   hatch=hatch, linewidth=1.4, gid=f"window:{d0.date()}:{d1.date()}:{kind}:{n}"))  # fmt: skip
            if len(groups) <= 10:
                label = "one event" if n == 1 else f"{n} events"
                ax.annotate(f"{label}, {d0:%-d}–{d1:%-d %b}", (x0 + len(span) / 2, base + n + 0.05), ha="center",
                            va="bottom", fontsize=7, color="#333333")  # fmt: skip
            height[span] = base + n
        top = float(height.max()) if len(height) else 1.0
        ax.set_ylim(0, top * 1.15 + 1)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_ylabel("Events per day")
        _day_axis(ax)
        _mark_days(ax, True)
        _side_legend(
            ax,
            [Patch(facecolor=c, edgecolor="black", label=t) for t, (c, _, _) in TYPE_STYLE.items()]
            + [Patch(facecolor="white", edgecolor=OKABE_ITO["sky"], hatch="..", label="date known to a window")],
            "Weapon",
        )
        ax.set_xlabel("Date in 2021 (local time in Iraq)")
    return fig
