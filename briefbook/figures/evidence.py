"""Claims and their evidence, and the tempo of attacks."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import PatchCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from .. import ids
from ..data import ATTACK, STUDY_END, STUDY_START, Dataset, day_month, load, split
from .style import (
    SCREEN,
    SIGNAL_STYLE,
    TYPE_STYLE,
    Medium,
    _plain,
    day_axis,
    event_title,
    in_range,
    link,
    mark_days,
    marks,
    short,
    signal_handles,
    top_legend,
    type_handles,
)


def evidence_text(data: Dataset, item: str, width: int, lines: int = 2) -> str:
    """A piece of evidence named in words: its day and kind or speaker, then its place or first
    words; in two lines of ``width`` characters, or one."""
    if ids.is_event(item):
        ev = data.events.set_index("id").loc[item]
        when = (
            f"{ev.date_start.day}–{day_month(ev.date_end)}" if ev.date_end > ev.date_start else day_month(ev.date_start)
        )
        head, rest = f"{when}, {ATTACK[ev.type]}", ev.place.split(",")[0]
    else:
        q = data.quotation(item)
        head, rest = (
            f"{day_month(q.date)}, {data.actor(q.speaker)['name']}",
            data.evidence_label(item).split(": ", 1)[-1],
        )
    if lines == 1:
        return _plain(short(f"{head}: {rest}", width))
    return _plain(f"{head}\n{short(rest, width)}")


def _evidence_style(data: Dataset, item: str, medium: Medium) -> tuple[str, str]:
    if ids.is_event(item):
        kind = data.events.set_index("id").loc[item, "type"]
        return medium.type_colour(kind), TYPE_STYLE[kind][1]
    signal = data.quotation(item).signal
    return medium.signal_colour(signal), SIGNAL_STYLE[signal][1]


def claims(data: Dataset | None = None, medium: Medium = SCREEN) -> Figure:
    """Claims by evidence: the brief's claims (rows, in its order) against the statements and events
    behind them (columns, in the order of time); a mark where a claim rests on a piece of evidence.
    On a narrow screen the matrix is turned: evidence down the page, claims by number across."""
    data = data or load()
    table = data.claims  # in the brief's order, as loaded
    used = data.in_time_order(list(dict.fromkeys(i for ev in table["evidence"] for i in split(ev))))
    turned = medium.narrow
    roomy = medium.width >= 7  # on paper the labels are shorter and the marks smaller
    col = {item: k for k, item in enumerate(used)}
    row = {c: k for k, c in enumerate(table["id"])}
    with plt.rc_context(medium.rc()):
        size = (
            (medium.width, 0.36 * len(used) + 1.9)
            if turned
            else (medium.width, (0.4 if roomy else 0.32) * len(table) + 3.4)
        )
        fig = Figure(figsize=size, layout="constrained")
        ax = fig.subplots()
        for claim in table.itertuples():
            for item in split(claim.evidence):
                colour, marker = _evidence_style(data, item, medium)
                x, y = (row[claim.id], col[item]) if turned else (col[item], row[claim.id])
                title = f"Claim {claim.order} rests on: {_plain(data.evidence_label(item))}"
                marks(ax, [x], [y], [item], "event" if ids.is_event(item) else "quote", [title], medium,
                      marker=marker, colour=colour, size=9 if roomy else 7, gid=f"link:{claim.id}:{item}")  # fmt: skip
        claim_labels = ([str(c.order) for c in table.itertuples()] if turned
                        else [_plain(f"{c.order}. {short(c.claim, 46 if roomy else 36, 2)}") for c in table.itertuples()])  # fmt: skip
        evidence_labels = [
            evidence_text(data, i, 24) if turned else evidence_text(data, i, 44 if roomy else 40, 1) for i in used
        ]
        set_claims, set_evidence = (ax.set_xticks, ax.set_yticks) if turned else (ax.set_yticks, ax.set_xticks)
        set_claims(range(len(table)), claim_labels)
        set_evidence(range(len(used)), evidence_labels)
        claim_ticks, evidence_ticks = (ax.get_xticklabels(), ax.get_yticklabels()) if turned else (
            ax.get_yticklabels(), ax.get_xticklabels())  # fmt: skip
        for tick, c in zip(claim_ticks, table.itertuples(), strict=True):
            link(tick, f"claim:{c.id}", [f"#{c.id}"], [_plain(f"Claim {c.order}: {c.claim}")])
        for tick, item in zip(evidence_ticks, used, strict=True):
            prefix = "event" if ids.is_event(item) else "quote"
            link(tick, f"evidence:{item}", [f"#{prefix}-{item}"], [_plain(data.evidence_label(item))])
        ax.xaxis.tick_top()
        if turned:
            ax.set_xlim(-0.6, len(table) - 0.4)
            ax.set_ylim(len(used) - 0.5, -0.5)
            fig.suptitle("Claims, numbered as in the table below", x=0.02, ha="left", fontsize=medium.size,
                         fontweight="bold")  # fmt: skip
        else:
            ax.set_xlim(-0.6, len(used) - 0.4)
            ax.set_ylim(len(table) - 0.5, -0.5)
            ax.tick_params(axis="x", labelrotation=90)
            for tick in ax.get_xticklabels():
                tick.set_ha("left")
                tick.set_rotation_mode("anchor")
        ax.tick_params(length=0)
        ax.grid(color=medium.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        for spine in ax.spines.values():
            spine.set_color(medium.grid)
        # Turned, below the matrix; else in the corner above the claims and beside the evidence's names.
        where = {"loc": "outside lower left"} if turned else {"loc": "upper left", "bbox_to_anchor": (0.005, 0.995)}
        fig.legend(handles=type_handles(medium) + signal_handles(medium), ncols=2, frameon=False, handletextpad=0.3,
                   columnspacing=1.0, title="Event, by weapon,\nor statement, by signal", alignment="left", **where)  # fmt: skip
    return fig


def tempo(data: Dataset | None = None, medium: Medium = SCREEN) -> Figure:
    """Attack tempo: one block per kinetic event, stacked by day and filled by weapon. An event known
    only to a window of n days is one block spread over those days, 1/n of an event on each, so that
    every event counts once. On a narrow screen the days run down the page."""
    data = data or load()
    events = in_range(data.events, "date_start", "date_end")
    window = events["date_end"] > events["date_start"]
    turned = medium.narrow
    days = pd.date_range(STUDY_START, STUDY_END)
    height = pd.Series(0.0, index=days)

    def block(start, extent, base, size) -> Rectangle:
        """A block ``extent`` days long from day ``start``, ``size`` events tall from ``base``."""
        pos = mdates.date2num(start) + 0.12
        return Rectangle((base, pos), size, extent - 0.24) if turned else Rectangle((pos, base), extent - 0.24, size)

    with plt.rc_context(medium.rc()):
        fig = Figure(figsize=(medium.width, 5.4 if turned else medium.width * 0.46), layout="constrained")
        ax = fig.subplots()
        for kind in TYPE_STYLE:
            single = events[~window & (events["type"] == kind)]
            boxes = []
            for ev in single.itertuples():
                boxes.append(block(ev.date_start, 1, height[ev.date_start], 1))
                height[ev.date_start] += 1
            if boxes:
                blocks = PatchCollection(boxes, facecolor=medium.type_colour(kind), edgecolor="black", linewidth=0.6)
                ax.add_collection(blocks)
                link(blocks, f"events:{kind}", [f"#event-{i}" for i in single["id"]],
                     [event_title(ev) for ev in single.itertuples()])  # fmt: skip
        spans = events[window].sort_values(["date_start", "date_end"], kind="stable")
        for kind, (_, _, hatch) in TYPE_STYLE.items():
            rows = spans[spans["type"] == kind]
            boxes, titles = [], []
            for ev in rows.itertuples():
                span = pd.date_range(max(ev.date_start, STUDY_START), min(ev.date_end, STUDY_END))
                base = float(height[span].max())
                boxes.append(block(span[0], len(span), base, 1 / len(span)))
                height[span] = base + 1 / len(span)
                titles.append(f"{event_title(ev)}; drawn as one event spread over its {len(span)} days")
                if len(spans) <= 10:
                    note = f"one event, {ev.date_start.day}–{ev.date_end.day} {ev.date_end:%b}:\n{_share(len(span))} on each day"
                    mid = mdates.date2num(span[0]) + len(span) / 2
                    xy, align = ((base + 1 / len(span) + 0.08, mid), dict(ha="left", va="center")) if turned else (
                        (mid, base + 1 / len(span) + 0.08), dict(ha="center", va="bottom"))  # fmt: skip
                    ax.annotate(note, xy, fontsize=medium.small, color=medium.muted, linespacing=1.1, **align)
            if boxes:
                blocks = PatchCollection(boxes, facecolor=medium.type_colour(kind), alpha=0.55, hatch=hatch,
                                         edgecolor="black", linewidth=0.6)  # fmt: skip
                ax.add_collection(blocks)
                link(blocks, f"windows:{kind}", [f"#event-{i}" for i in rows["id"]], titles)
        top = float(height.max()) if len(height) else 1.0
        (ax.set_xlim if turned else ax.set_ylim)(0, max(top, 1) * (1.9 if turned else 1.35) + 0.2)
        count_axis = ax.xaxis if turned else ax.yaxis
        count_axis.get_major_locator().set_params(integer=True)
        (ax.set_xlabel if turned else ax.set_ylabel)("Events per day")
        day_axis(ax, medium, "y" if turned else "x")
        mark_days(ax, medium, True, "y" if turned else "x")
        handles = [Patch(facecolor=medium.type_colour(k), edgecolor="black", label=k) for k in TYPE_STYLE]
        handles.append(Patch(facecolor="none", edgecolor=medium.muted, hatch="//",
                             label=("one event known only\nto a window, spread\nover its days" if turned else "one event known only to a window,\nspread over its days")))  # fmt: skip
        if turned:
            fig.legend(handles=handles, loc="outside upper left", ncols=2, frameon=False, handletextpad=0.3,
                       columnspacing=1.0)  # fmt: skip
        else:
            top_legend(ax, handles)
        if not turned:
            ax.set_xlabel("Date in 2021 (local time in Iraq)")
    return fig


def _share(n: int) -> str:
    return {2: "half", 3: "a third", 4: "a quarter"}.get(n, f"1/{n}")
