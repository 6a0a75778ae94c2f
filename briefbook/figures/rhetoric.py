"""Action and rhetoric over time, and the devices of each statement."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..data import Dataset, load, split
from .style import (
    OKABE_ITO,
    SIGNAL_STYLE,
    STYLE,
    TARGET_ROWS,
    TYPE_STYLE,
    _day_axis,
    _mark_days,
    _marks,
    _plain,
    _side_legend,
    _signal_handles,
    _spans,
    _spread,
    _type_handles,
    in_range,
)


def timeline(data: Dataset | None = None) -> Figure:
    """Action and rhetoric: kinetic events above (by target and type), statements below (by signal)."""
    data = data or load()
    events = in_range(data.events, "date_start", "date_end")  # in the order of time, as loaded
    quotes = in_range(data.quotations, "date")
    speakers = list(dict.fromkeys(quotes["speaker"]))
    with plt.rc_context(STYLE):
        fig = Figure(figsize=(9.5, 6.2), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[len(TARGET_ROWS), max(len(speakers), 2)])
        rows = {k: i for i, k in enumerate(reversed(TARGET_ROWS))}
        window = events["date_end"] > events["date_start"]
        x0 = mdates.date2num(events["date_start"])
        y = events["target_kind"].map(rows).to_numpy(dtype=float)
        offset = _spread(events, ["target_kind", "date_start", "date_end"]).to_numpy(dtype=float)
        for kind, (colour, marker, hatch) in TYPE_STYLE.items():
            day = (~window & (events["type"] == kind)).to_numpy()
            _marks(top, x0[day] + offset[day], y[day], events["id"][day], "event", marker, colour,
                   11 if kind == "airstrike" else 9, f"events:{kind}")  # fmt: skip
            span = (window & (events["type"] == kind)).to_numpy()
            widths = ((events["date_end"] - events["date_start"]).dt.days + 1).to_numpy()[span]
            _spans(top, x0[span], widths, y[span], events["id"][span], colour, hatch, f"windows:{kind}")
        if window.sum() and window.sum() <= 10:
            for a, w, b in zip(x0[window.to_numpy()], ((events["date_end"] - events["date_start"]).dt.days + 1)[window],
                               y[window.to_numpy()], strict=True):  # fmt: skip
                top.annotate("date window", (a + w / 2, b - 0.3), ha="center", va="top", fontsize=7, color="#333333")
        top.set_yticks(list(rows.values()), [TARGET_ROWS[k] for k in rows])
        top.set_ylim(-0.7, len(rows) - 0.3)
        top.set_title("Attacks and strikes (events.csv)", loc="left")
        _side_legend(
            top,
            _type_handles()
            + [
                Patch(
                    facecolor=OKABE_ITO["sky"],
                    alpha=0.35,
                    hatch="..",
                    edgecolor=OKABE_ITO["sky"],
                    label="date known to a window",
                )
            ],
            "Weapon",
        )
        srows = {sp: i for i, sp in enumerate(reversed(speakers))}
        # Across the day, left to right in the order within the day (whoever spoke); a speaker's
        # several statements of one day also step down their lane, so that the marks do not touch.
        qx = mdates.date2num(quotes["date"]) + _spread(quotes, ["date"]).to_numpy(dtype=float)
        lane = _spread(quotes, ["speaker", "date"]).to_numpy(dtype=float)
        qy = quotes["speaker"].map(srows).to_numpy(dtype=float) + 0.9 * (lane - 0.5)
        for signal, (colour, marker) in SIGNAL_STYLE.items():
            pick = (quotes["signal"] == signal).to_numpy()
            _marks(bottom, qx[pick], qy[pick], quotes["id"][pick], "quote", marker, colour, 9, f"quotes:{signal}")
        bottom.set_yticks(list(srows.values()), [_plain(data.actor(sp)["name"]) for sp in srows])
        bottom.set_ylim(-0.7, max(len(srows), 2) - 0.3)
        bottom.set_title("Statements quoted in the brief (quotations.csv)", loc="left")
        _side_legend(bottom, _signal_handles(), "Signal coded")
        for ax, label in ((top, True), (bottom, False)):
            _day_axis(ax)
            _mark_days(ax, label)
        bottom.set_xlabel("Date in 2021 (local time in Iraq)")
    return fig


def _quote_label(data: Dataset, q) -> str:
    topic = q.id.split("-", 4)[-1].replace("-", " ")
    return _plain(f"{data.actor(q.speaker)['name']}, {q.date:%-d %b}: {topic}")


def signals(data: Dataset | None = None) -> Figure:
    """Signals by speaker: each quotation against the rhetorical devices coded in it."""
    data = data or load()
    quotes = in_range(data.quotations, "date").sort_values("speaker", kind="stable")  # each speaker's in time order
    devices = [c["value"] for c in data.codes("quotations", "devices")]
    labels = [c["label"] for c in data.codes("quotations", "devices")]
    with plt.rc_context(STYLE):
        fig = Figure(figsize=(9.5, 1.6 + 0.42 * len(quotes)), layout="constrained")
        ax = fig.subplots()
        ylabels = []
        for y, q in enumerate(quotes.itertuples()):
            colour, marker = SIGNAL_STYLE[q.signal]
            for device in split(q.devices):
                ax.plot(
                    [devices.index(device)],
                    [y],
                    marker=marker,
                    markersize=10,
                    color=colour,
                    markeredgecolor="black",
                    markeredgewidth=0.6,
                    linestyle="none",
                    gid=f"quote:{q.id}:{device}",
                )
            ylabels.append(_quote_label(data, q))
        ax.set_yticks(range(len(ylabels)), ylabels)
        ax.set_ylim(len(ylabels) - 0.5, -0.5)
        ax.set_xticks(range(len(devices)), labels, rotation=35, ha="right")
        ax.set_xlim(-0.6, len(devices) - 0.4)
        ax.grid(color="#E4E4E4", linewidth=0.6)
        ax.set_axisbelow(True)
        previous = None
        for y, q in enumerate(quotes.itertuples()):
            if previous is not None and q.speaker != previous:
                ax.axhline(y - 0.5, color="#999999", linewidth=0.8)
            previous = q.speaker
        _side_legend(ax, _signal_handles(), "Signal coded")
        ax.set_xlabel("Rhetorical device (coding scheme in Data and methods)")
    return fig
