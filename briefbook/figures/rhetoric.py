"""Action and rhetoric over time, and the devices of each statement."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from ..data import Dataset, day_month, load, split
from .agenda import agenda
from .style import (
    SCREEN,
    SIGNAL_STYLE,
    TARGET_ROWS,
    TYPE_STYLE,
    Medium,
    _plain,
    day_axis,
    event_titles,
    in_range,
    link,
    mark_days,
    marks,
    short,
    signal_handles,
    spread,
    top_legend,
    type_handles,
)

WINDOW = "date known only to a window"


def timeline(data: Dataset | None = None, medium: Medium = SCREEN) -> Figure:
    """Action and rhetoric: kinetic events above (by target and type), statements below (by signal).
    For a narrow screen, the same rows as an agenda down the page (:func:`.agenda.agenda`)."""
    data = data or load()
    if medium.narrow:
        return agenda(data, medium)
    events = in_range(data.events, "date_start", "date_end")  # in the order of time, as loaded
    quotes = in_range(data.quotations, "date")
    speakers = list(dict.fromkeys(quotes["speaker"]))
    with plt.rc_context(medium.rc()):
        fig = Figure(figsize=(medium.width, medium.width * 0.72), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[len(TARGET_ROWS), max(len(speakers), 2)])
        rows = {k: i for i, k in enumerate(reversed(TARGET_ROWS))}
        window = (events["date_end"] > events["date_start"]).to_numpy()
        x0 = mdates.date2num(events["date_start"])
        y = events["target_kind"].map(rows).to_numpy(dtype=float)
        offset = spread(events, ["target_kind", "date_start", "date_end"]).to_numpy(dtype=float)
        titles = event_titles(events)
        titles = list(titles)
        for kind, (_, marker, hatch) in TYPE_STYLE.items():
            colour = medium.type_colour(kind)
            day = ~window & (events["type"] == kind).to_numpy()
            marks(top, x0[day] + offset[day], y[day], events["id"][day], "event", [t for t, d in zip(titles, day, strict=True) if d],
                  medium, marker=marker, colour=colour, size=11 if kind == "airstrike" else 9, gid=f"events:{kind}")  # fmt: skip
            span = window & (events["type"] == kind).to_numpy()
            if span.any():
                widths = ((events["date_end"] - events["date_start"]).dt.days + 1).to_numpy()[span]
                a, b = x0[span] + 0.08, x0[span] + widths - 0.08
                boxes = np.stack([np.stack(c, axis=-1) for c in ((a, y[span] - 0.22), (b, y[span] - 0.22),
                                                                  (b, y[span] + 0.22), (a, y[span] + 0.22))], axis=1)  # fmt: skip
                spans = PolyCollection(boxes, facecolor=colour, alpha=0.45, edgecolor=medium.muted, hatch=hatch,
                                        linewidth=1.0)  # fmt: skip
                top.add_collection(spans)
                link(spans, f"windows:{kind}", [f"#event-{i}" for i in events["id"][span]],
                     [t for t, s in zip(titles, span, strict=True) if s])  # fmt: skip
        top.set_yticks(list(rows.values()), [TARGET_ROWS[k] for k in rows])
        top.set_ylim(-0.7, len(rows) - 0.3)
        top.set_title("Attacks and strikes, by target", loc="left", pad=medium.size * 2.2)
        top_legend(top, type_handles(medium, WINDOW))
        srows = {sp: i for i, sp in enumerate(reversed(speakers))}
        # Across the day, left to right in the order within the day (whoever spoke); a speaker's
        # several statements of one day also step down their lane, so that the marks do not touch.
        qx = mdates.date2num(quotes["date"]) + spread(quotes, ["date"]).to_numpy(dtype=float)
        lane = spread(quotes, ["speaker", "date"]).to_numpy(dtype=float)
        qy = quotes["speaker"].map(srows).to_numpy(dtype=float) + 0.9 * (lane - 0.5)
        for signal, (_, marker) in SIGNAL_STYLE.items():
            pick = (quotes["signal"] == signal).to_numpy()
            marks(bottom, qx[pick], qy[pick], quotes["id"][pick], "quote",
                  [_plain(data.evidence_label(i)) for i in quotes["id"][pick]], medium, marker=marker,
                  colour=medium.signal_colour(signal), size=9, gid=f"quotes:{signal}")  # fmt: skip
        bottom.set_yticks(list(srows.values()), [_plain(data.actor(sp)["name"]) for sp in srows])
        bottom.set_ylim(-0.7, max(len(srows), 2) - 0.3)
        bottom.set_title("Statements the brief quotes, by speaker and signal", loc="left", pad=medium.size * 2.2)
        top_legend(bottom, signal_handles(medium))
        for ax, label in ((top, True), (bottom, False)):
            day_axis(ax, medium)
            mark_days(ax, medium, label)
        top.tick_params(axis="x", labelbottom=False)
        bottom.set_xlabel("Date in 2021 (local time in Iraq)")
    return fig


def quote_label(data: Dataset, q, width: int = 34) -> str:
    """A statement named in words: speaker, day and its first words (never the id's slug)."""
    words = data.evidence_label(q.id).split(": ", 1)[-1]
    return _plain(f"{data.actor(q.speaker)['name']}, {day_month(q.date)}\n{short(words, width)}")


def signals(data: Dataset | None = None, medium: Medium = SCREEN) -> Figure:
    """Signals by speaker: each statement (rows, each speaker's in time order) against the
    rhetorical devices coded in it (columns), marks coloured and shaped by its signal."""
    data = data or load()
    quotes = in_range(data.quotations, "date").sort_values("speaker", kind="stable")
    codes = data.codes("quotations", "devices")
    devices = [c["value"] for c in codes]
    n = len(quotes)
    step = 2.0 if medium.narrow else 1.0  # on a phone each statement's name stands above its row
    with plt.rc_context(medium.rc()):
        height = (0.5 * n + 2.6) if medium.narrow else (0.46 * n + 2.0)
        fig = Figure(figsize=(medium.width, height), layout="constrained")
        ax = fig.subplots()
        for y, q in enumerate(quotes.itertuples()):
            colour, marker = medium.signal_colour(q.signal), SIGNAL_STYLE[q.signal][1]
            used = split(q.devices)
            title = _plain(data.evidence_label(q.id))
            marks(ax, [devices.index(d) for d in used], [y * step] * len(used), [q.id] * len(used), "quote",
                  [f"{title} Device: {data.label('quotations', 'devices', d)}." for d in used], medium,
                  marker=marker, colour=colour, size=10, gid=f"quote:{q.id}")  # fmt: skip
            if medium.narrow:
                words = data.evidence_label(q.id).split(": ", 1)[-1]
                name = f"{data.actor(q.speaker)['name']}, {day_month(q.date)}: {words}"
                label = ax.text(-0.5, y * step - 0.9, _plain(short(name, 46)), va="center", ha="left",
                                fontsize=medium.small)  # fmt: skip
                label.set_in_layout(False)
                link(label, f"label:{q.id}", [f"#quote-{q.id}"], [title])
        if medium.narrow:
            ax.set_yticks([])
            ax.set_ylim(n * step - 0.5 * step, -1.5)
        else:
            ax.set_yticks([y for y in range(n)], [quote_label(data, q) for q in quotes.itertuples()])
            for tick, q in zip(ax.get_yticklabels(), quotes.itertuples(), strict=True):
                link(tick, f"label:{q.id}", [f"#quote-{q.id}"], [_plain(data.evidence_label(q.id))])
            ax.set_ylim(n - 0.5, -0.5)
        rotation = 90 if medium.narrow else 40
        ax.set_xticks(range(len(devices)), [c["label"] for c in codes], rotation=rotation, ha="center" if medium.narrow else "left",
                      rotation_mode="anchor" if not medium.narrow else "default")  # fmt: skip
        ax.xaxis.tick_top()
        ax.set_xlim(-0.6, len(devices) - 0.4)
        ax.grid(axis="x" if medium.narrow else "both", color=medium.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        previous = None
        for y, q in enumerate(quotes.itertuples()):
            if previous is not None and q.speaker != previous:
                ax.axhline(y * step - (1.5 if medium.narrow else 0.5), color=medium.muted, linewidth=0.8)
            previous = q.speaker
        ax.legend(handles=signal_handles(medium), loc="upper left", bbox_to_anchor=(0.0, -0.01 if medium.narrow else -0.02),
                  ncols=3, frameon=False, title="Signal coded for the statement", handletextpad=0.3)  # fmt: skip
        ax.set_xlabel("")
        ax.set_title("Rhetorical device", loc="left")
    return fig
