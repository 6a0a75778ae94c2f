"""The tempo of attacks: one block per kinetic event, stacked by day and filled by weapon."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..data import STUDY_END, STUDY_START, Dataset, load
from . import words
from .direction import figure, legend, names_at_start
from .style import (
    SCREEN,
    TYPE_STYLE,
    Medium,
    day_axis,
    event_titles,
    in_range,
    link,
    mark_days,
    top_legend,
)

GAP = 0.12  # of a day, left free on either side of a block


def _blocks(start: np.ndarray, days: np.ndarray, base: np.ndarray, size: np.ndarray, turned: bool) -> np.ndarray:
    """Corners of blocks ``days`` long from day number ``start``, ``size`` events tall from ``base``."""
    a, b = start + GAP, start + days - GAP
    c, d = base, base + size
    corners = [(a, c), (b, c), (b, d), (a, d)]
    return np.stack([np.stack((y, x) if turned else (x, y), axis=-1) for x, y in corners], axis=1)


def tempo(data: Dataset | None = None, medium: Medium = SCREEN) -> Figure:
    """Attack tempo. An event known only to a window of n days is one block spread over those
    days, 1/n of an event on each, so that every event counts once. On a narrow screen the days
    run down the page."""
    data = data or load()
    events = in_range(data.events, "date_start", "date_end")
    window = (events["date_end"] > events["date_start"]).to_numpy()
    turned = medium.narrow
    lang = medium.language
    first = mdates.date2num(STUDY_START)
    ndays = len(pd.date_range(STUDY_START, STUDY_END))
    # The day's events stack in the order of the weapons, then of the table (the order of time).
    single = events[~window]
    single = single.iloc[np.argsort(single["type"].map(list(TYPE_STYLE).index).to_numpy(), kind="stable")]
    day = (single["date_start"] - STUDY_START).dt.days.to_numpy()
    base = single.groupby("date_start", sort=False).cumcount().to_numpy(dtype=float)
    height = np.bincount(day, minlength=ndays).astype(float)
    with plt.rc_context(medium.rc()):
        fig = figure(medium, figsize=(medium.width, 5.4 if turned else medium.width * 0.46), layout="constrained")
        ax = fig.subplots()
        corners = _blocks(first + day, np.ones(len(day)), base, np.ones(len(day)), turned)
        for kind in TYPE_STYLE:
            pick = (single["type"] == kind).to_numpy()
            if pick.any():
                blocks = PolyCollection(corners[pick], facecolor=medium.type_colour(kind), edgecolor="black",
                                        linewidth=0.6)  # fmt: skip
                ax.add_collection(blocks)
                link(blocks, f"events:{kind}", [f"#event-{i}" for i in single["id"][pick]],
                     event_titles(single[pick], lang))  # fmt: skip
        spans = events[window].sort_values(["date_start", "date_end"], kind="stable")
        for kind, (_, _, hatch) in TYPE_STYLE.items():
            rows = spans[spans["type"] == kind]
            placed, titles = [], []
            spread_over = words._("{event}; drawn as one event spread over its {days} days", lang)
            for ev, title in zip(rows.itertuples(), event_titles(rows, lang), strict=True):
                a = max((ev.date_start - STUDY_START).days, 0)
                b = min((ev.date_end - STUDY_START).days, ndays - 1) + 1
                share = 1 / (b - a)
                bottom = float(height[a:b].max())
                height[a:b] = bottom + share
                placed.append((first + a, b - a, bottom, share))
                titles.append(spread_over.format(event=title, days=b - a))
                if len(spans) <= 10:
                    _note(ax, medium, ev, first + a + (b - a) / 2, bottom + share, b - a)
            if placed:
                start, length, bottom, share = (np.array(v, dtype=float) for v in zip(*placed, strict=True))
                blocks = PolyCollection(_blocks(start, length, bottom, share, turned), facecolor=medium.type_colour(kind),
                                        alpha=0.55, hatch=hatch, edgecolor="black", linewidth=0.6)  # fmt: skip
                ax.add_collection(blocks)
                link(blocks, f"windows:{kind}", [f"#event-{i}" for i in rows["id"]], titles)
        top = float(height.max()) if len(height) else 1.0
        (ax.set_xlim if turned else ax.set_ylim)(0, max(top, 1) * (1.9 if turned else 1.35) + 0.2)
        (ax.xaxis if turned else ax.yaxis).get_major_locator().set_params(integer=True)
        (ax.set_xlabel if turned else ax.set_ylabel)(words._("Events per day", lang))
        day_axis(ax, medium, "y" if turned else "x")
        names_at_start(ax, medium)
        mark_days(ax, medium, True, "y" if turned else "x")
        handles = [Patch(facecolor=medium.type_colour(k), edgecolor="black", label=words.weapon(k, lang))
                   for k in TYPE_STYLE]  # fmt: skip
        label = words._("one event known only\nto a window, spread\nover its days", lang) if turned else words._(
            "one event known only to a window,\nspread over its days", lang)  # fmt: skip
        handles.append(Patch(facecolor="none", edgecolor=medium.muted, hatch="//", label=label))
        if turned:
            legend(fig, medium, handles, loc="outside upper left", ncols=2, frameon=False, handletextpad=0.3,
                   columnspacing=1.0)  # fmt: skip
        else:
            top_legend(ax, medium, handles)
            ax.set_xlabel(words._("Date in 2021 (local time in Iraq)", lang))
    return fig


def _note(ax, medium: Medium, ev, middle: float, top: float, days: int) -> None:
    """Beside a window's block, what it is: one event, a share of it on each day."""
    lang = medium.language
    shares = {2: words._("half", lang), 3: words._("a third", lang), 4: words._("a quarter", lang)}
    share = shares.get(days, f"1/{days}")
    when = (
        f"{ev.date_start.day}–{ev.date_end.day} {ev.date_end:%b}"
        if lang == "en"
        else words.window(ev.date_start, ev.date_end, lang)
    )
    note = words._("one event, {days}:\n{share} on each day", lang).format(days=when, share=share)
    if medium.narrow:
        ax.annotate(note, (top + 0.08, middle), ha="left", va="center", fontsize=medium.small, color=medium.muted,
                    linespacing=1.1)  # fmt: skip
    else:
        ax.annotate(note, (middle, top + 0.08), ha="center", va="bottom", fontsize=medium.small, color=medium.muted,
                    linespacing=1.1)  # fmt: skip
