"""Action and rhetoric over time, and the devices of each statement."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from .. import labels
from ..data import Dataset, load, split
from . import words
from .agenda import agenda
from .direction import figure, legend, names_at_start, side
from .style import (
    SCREEN,
    SIGNAL_STYLE,
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
        lang = medium.language
        targets = words.target_rows(lang)
        fig = figure(medium, figsize=(medium.width, medium.width * 0.72), layout="constrained")
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[len(targets), max(len(speakers), 2)])
        rows = {k: i for i, k in enumerate(reversed(targets))}
        window = (events["date_end"] > events["date_start"]).to_numpy()
        x0 = mdates.date2num(events["date_start"])
        y = events["target_kind"].map(rows).to_numpy(dtype=float)
        offset = spread(events, ["target_kind", "date_start", "date_end"]).to_numpy(dtype=float)
        titles = event_titles(events, lang)
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
        top.set_yticks(list(rows.values()), [targets[k] for k in rows])
        top.set_ylim(-0.7, len(rows) - 0.3)
        top.set_title(words._("Attacks and strikes, by target", lang), loc=side(medium), pad=medium.size * 2.2)
        top_legend(top, medium, type_handles(medium, words._("date known only to a window", lang)))
        srows = {sp: i for i, sp in enumerate(reversed(speakers))}
        # Across the day, left to right in the order within the day (whoever spoke); a speaker's
        # several statements of one day also step down their lane, so that the marks do not touch.
        # The two panels share the days, but no data order a statement against an attack of its
        # day: on a day with an attack drawn as a point, every statement stands at the day's
        # middle, where the attack does, so that no mark seems to come before or after it.
        qx = mdates.date2num(quotes["date"]) + within_day(quotes, events).to_numpy(dtype=float)
        lane = spread(quotes, ["speaker", "date"]).to_numpy(dtype=float)
        qy = quotes["speaker"].map(srows).to_numpy(dtype=float) - 0.9 * (lane - 0.5)
        for signal, (_, marker) in SIGNAL_STYLE.items():
            pick = (quotes["signal"] == signal).to_numpy()
            marks(bottom, qx[pick], qy[pick], quotes["id"][pick], "quote",
                  [_plain(words.evidence_label(data, i, lang)) for i in quotes["id"][pick]], medium, marker=marker,
                  colour=medium.signal_colour(signal), size=9, gid=f"quotes:{signal}")  # fmt: skip
        bottom.set_yticks(list(srows.values()), [_plain(data.actor(sp)["name"]) for sp in srows])
        bottom.set_ylim(-0.7, max(len(srows), 2) - 0.3)
        bottom.set_title(words._("Statements the brief quotes, by speaker and signal", lang), loc=side(medium),
                         pad=medium.size * 2.2)  # fmt: skip
        top_legend(bottom, medium, signal_handles(medium, data))
        for ax, label in ((top, True), (bottom, False)):
            day_axis(ax, medium)
            mark_days(ax, medium, label)
            names_at_start(ax, medium)
        top.tick_params(axis="x", labelbottom=False)
        bottom.set_xlabel(words._("Date in 2021 (local time in Iraq)", lang))
    return fig


def within_day(quotes, events):
    """The statements' offsets within their days (:func:`.style.spread`, in their order within the
    day), except on a day that has an attack or strike drawn as a point: the order of the two
    tables' rows within a day is fixed by no data, so there every statement stands at the day's
    middle (0.5), as the attack does."""
    point = events["date_end"] == events["date_start"]
    shared = quotes["date"].isin(set(events.loc[point, "date_start"]))
    return spread(quotes, ["date"]).where(~shared, 0.5)


def quote_label(data: Dataset, q, width: int = 34, language: str = "en") -> str:
    """A statement named in words: speaker, day and its first words (never the id's slug)."""
    if language == "en":
        said = labels.quoted(data, q.id)
        return _plain(f"{data.actor(q.speaker)['name']}, {words.day(q.date, language)}\n{short(said, width)}")
    head = words._("{speaker}, {day}", language).format(speaker=words.speaker(data, q), day=words.day(q.date, language))
    return _plain(f"{head}\n{short(words.quoted(data, q.id, language), width)}")


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
        lang = medium.language
        fig = figure(medium, figsize=(medium.width, height), layout="constrained")
        ax = fig.subplots()
        for y, q in enumerate(quotes.itertuples()):
            colour, marker = medium.signal_colour(q.signal), SIGNAL_STYLE[q.signal][1]
            used = split(q.devices)
            title = _plain(words.evidence_label(data, q.id, lang))
            device = words._("{statement} Device: {device}.", lang)
            marks(ax, [devices.index(d) for d in used], [y * step] * len(used), [q.id] * len(used), "quote",
                  [device.format(statement=title, device=data.label("quotations", "devices", d)) for d in used], medium,
                  marker=marker, colour=colour, size=10, gid=f"quote:{q.id}")  # fmt: skip
            if medium.narrow:
                name = words._("{speaker}, {day}: {words}", lang).format(
                    speaker=words.speaker(data, q), day=words.day(q.date, lang), words=words.quoted(data, q.id, lang)
                )
                label = ax.text(-0.5, y * step - 0.9, _plain(short(name, 46)), va="center", ha=side(medium),
                                fontsize=medium.small)  # fmt: skip
                label.set_in_layout(False)
                link(label, f"label:{q.id}", [f"#quote-{q.id}"], [title])
        if medium.narrow:
            ax.set_yticks([])
            ax.set_ylim(n * step - 0.5 * step, -1.5)
        else:
            ax.set_yticks([y for y in range(n)], [quote_label(data, q, language=lang) for q in quotes.itertuples()])
            for tick, q in zip(ax.get_yticklabels(), quotes.itertuples(), strict=True):
                link(tick, f"label:{q.id}", [f"#quote-{q.id}"], [_plain(words.evidence_label(data, q.id, lang))])
            names_at_start(ax, medium)
            ax.set_ylim(n - 0.5, -0.5)
        rotation = 90 if medium.narrow else (-40 if medium.rtl else 40)  # from its column up, toward its reading
        ax.set_xticks(range(len(devices)), [c["label"] for c in codes], rotation=rotation, ha="center" if medium.narrow else side(medium),
                      rotation_mode="anchor" if not medium.narrow else "default")  # fmt: skip
        ax.xaxis.tick_top()
        ax.set_xlim(
            *((len(devices) - 0.4, -0.6) if medium.rtl else (-0.6, len(devices) - 0.4))
        )  # devices from the start
        ax.grid(axis="x" if medium.narrow else "both", color=medium.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        previous = None
        for y, q in enumerate(quotes.itertuples()):
            if previous is not None and q.speaker != previous:
                ax.axhline(y * step - (1.5 if medium.narrow else 0.5), color=medium.muted, linewidth=0.8)
            previous = q.speaker
        legend(ax, medium, signal_handles(medium, data), loc="upper left", bbox_to_anchor=(0.0, -0.01 if medium.narrow else -0.02),
               ncols=3, frameon=False, title=words._("Signal coded for the statement", lang), handletextpad=0.3)  # fmt: skip
        ax.set_xlabel("")
        ax.set_title(words._("Rhetorical device", lang), loc=side(medium))
    return fig
