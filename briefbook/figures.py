"""The book's four charts: data in, matplotlib Figure out.

Every mark carries a ``gid`` naming the row it stands for (``event:<id>``, ``quote:<id>``,
``link:<claim>:<evidence>``), so the SVG can be inspected and the tests can count marks.
Colours are the Okabe–Ito palette, safe for colour-blind readers, and each colour is
doubled by a marker shape or a hatch. Figures carry their own white background, so they
read the same in the book's light and dark modes.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PatchCollection  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402

from .data import STUDY_END, STUDY_START, Dataset, load, split  # noqa: E402
from .paths import project_root  # noqa: E402

# Okabe & Ito (2008), "Color Universal Design".
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
FIGURES = ("timeline", "signals", "claims", "tempo")

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


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def alt_text(name: str, data: Dataset | None = None) -> str:
    """A description of the chart for readers who cannot see it, written from the data."""
    data = data or load()
    ev = in_range(data.events, "date_start", "date_end")
    qs = in_range(data.quotations, "date")
    sig = qs["signal"].value_counts()
    counts = ", ".join(f"{sig.get(s, 0)} {s}" for s in SIGNAL_STYLE)
    types = ev["type"].value_counts()
    kinds = ", ".join(f"{types.get(t, 0)} {t}" for t in TYPE_STYLE)
    windows = ev[ev["date_end"] > ev["date_start"]]
    span = f"{STUDY_START:%-d %B} to {STUDY_END:%-d %B %Y}"
    if name == "timeline":
        return (
            f"Two-lane timeline from {span}. Upper lane: {len(ev)} kinetic events ({kinds}) placed by day "
            f"and grouped by target; {_count(len(windows), 'event')} dated only to a window drawn as a span. "
            f"Lower lane: {len(qs)} statements by {qs['speaker'].nunique()} speakers, coloured by signal "
            f"({counts}); statements of one day stand left to right in their order within the day. A dashed line marks the U.S. strikes of 28 June and a dotted line the brief of 9 July."
        )
    if name == "signals":
        pairs = sum(len(split(d)) for d in qs["devices"])
        return (
            f"Grid of {len(qs)} quotations (rows, grouped by speaker) against "
            f"{len(data.codes('quotations', 'devices'))} rhetorical devices (columns), with {pairs} marks "
            f"showing which devices each quotation uses, coloured and shaped by its signal ({counts})."
        )
    if name == "claims":
        links = sum(len(split(e)) for e in data.claims["evidence"])
        items = len({i for e in data.claims["evidence"] for i in split(e)})
        return (
            f"Diagram linking {len(data.claims)} claims of the brief (left, in the brief's order) to the "
            f"{items} quotations and events that support them (right, events first, by date), "
            f"with {links} links; solid lines lead to statements, dashed lines to events."
        )
    if name == "tempo":
        per_day = ev[ev["date_end"] == ev["date_start"]].groupby("date_start").size()
        busiest = per_day.max() if len(per_day) else 0
        return (
            f"Stacked blocks, one per kinetic event, by day from {span}: {len(ev)} events ({kinds}); "
            f"at most {busiest} on a single day, with {_count(len(windows), 'event')} known only to a window "
            f"drawn as a hatched block across its days. Lines mark the U.S. strikes of 28 June and the brief of 9 July."
        )
    raise KeyError(name)


DRAW = {"timeline": timeline, "signals": signals, "claims": claims, "tempo": tempo}


def save(fig: Figure, stem: Path | str) -> list[Path]:
    """Write ``stem.svg`` and ``stem.pdf`` without dates or random ids, so rebuilds give the same bytes."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    out = []
    with plt.rc_context(STYLE):
        for ext, meta in (("svg", {"Date": None}), ("pdf", {"CreationDate": None})):
            path = stem.with_suffix(f".{ext}")
            tmp = path.with_name(f".{path.name}.tmp")
            fig.savefig(tmp, format=ext, metadata=meta)
            tmp.replace(path)
            out.append(path)
    return out


def publish(name: str, root: Path | str | None = None) -> None:
    """Draw chart ``name`` from the project's data and save it under ``figures/``."""
    root = Path(root) if root else project_root()
    data = load(root / "data")
    save(DRAW[name](data), root / "figures" / name)
