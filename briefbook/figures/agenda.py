"""The timeline for a narrow screen: an agenda down the page, a band per day, attacks on the left
and statements on the right, each mark named in words beside it and linked to its row."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ..data import STUDY_END, STUDY_START, Dataset
from ..i18n import dates
from . import words
from .direction import across, figure, legend, side
from .style import (
    BRIEF_DAY,
    SIGNAL_STYLE,
    STRIKES_DAY,
    TYPE_STYLE,
    Medium,
    _plain,
    event_titles,
    in_range,
    link,
    marks,
    short,
    signal_handles,
    type_handles,
)

LINE = 1.22  # a line of text, in units of the text size
COLUMNS = {"day": 0.0, "window": 0.165, "events": 0.2, "quotes": 0.615}  # fractions of the width
WRAP = {"events": 20, "quotes": 19}  # characters to a line in a column (DejaVu Sans at the small size)


def _notes(language: str) -> dict:
    return {STRIKES_DAY: words._("U.S.\nstrikes", language), BRIEF_DAY: words._("brief\npublished", language)}


def _day_label(day, language: str, notes: dict) -> str:
    """ "27 Jun"; in Arabic, whose months have no short forms, "27" over "حزيران"; then the day's note."""
    note = f"\n{notes[day]}" if day in notes else ""
    name = f"{day.day} {day:%b}" if language == "en" else f"{day.day}\n{dates.month(day, language, short=True)}"
    return f"{name}{note}"


def _event_text(ev, language: str) -> str:
    place = short(words.place({"place": ev.place}), WRAP["events"], 2)
    when = ""
    if ev.date_end > ev.date_start:
        days = words.window(ev.date_start, ev.date_end, language)
        when = "\n" + words._("(night of {days})", language).format(
            days=days if language != "en" else f"{ev.date_start.day}–{ev.date_end.day} {ev.date_end:%B}"
        )
    kind = words.attack(ev.type, language)
    return _plain(f"{kind[:1].upper() + kind[1:]}:\n{place}{when}")


def _quote_text(data: Dataset, q, language: str) -> str:
    said = short(words.quoted(data, q.id, language), WRAP["quotes"], 2)
    return _plain(words._("{speaker}:\n{words}", language).format(speaker=words.speaker(data, q), words=said))


def agenda(data: Dataset, medium: Medium) -> Figure:
    events = in_range(data.events, "date_start", "date_end")
    quotes = in_range(data.quotations, "date")
    days = pd.date_range(STUDY_START, STUDY_END)
    # Each day's band is as tall as its longer column; the items of a column stand one under another
    # in the order of time (the tables' order), so the order within a day reads down the page.
    lang = medium.language
    notes = _notes(lang)
    place, y, bands = {}, 0.0, []
    for day in days:
        columns = {
            "events": [(r, _event_text(r, lang)) for r in events[events["date_start"] == day].itertuples()],
            "quotes": [(r, _quote_text(data, r, lang)) for r in quotes[quotes["date"] == day].itertuples()],
        }
        height = 1.0 if lang == "en" else _day_label(day, lang, notes).count("\n") + 1.0  # two lines at least
        for name, items in columns.items():
            depth = 0.35
            for row, text in items:
                place[(name, row.id)] = (y + depth, text)
                depth += text.count("\n") + 1.35
            height = max(height, depth)
        bands.append((day, y, height))
        y += height
    total = y
    with plt.rc_context(medium.rc()):
        line_in = medium.small * LINE / 72
        fig = figure(medium, figsize=(medium.width, total * line_in + 1.1), layout="constrained")
        ax = fig.subplots()
        ax.set_xlim(0, 1)
        ax.set_ylim(total, 0)
        ax.axis("off")
        for day, top, _height in bands:
            ax.axhline(top, color=medium.grid, linewidth=0.8)
            ax.text(across(medium, COLUMNS["day"]), top + 0.3, _day_label(day, lang, notes), va="top", ha=side(medium),
                    fontsize=medium.small, color=medium.ink, linespacing=1.1).set_in_layout(False)  # fmt: skip
        ax.axhline(total, color=medium.grid, linewidth=0.8)
        end = {day: top + height for day, top, height in bands}
        for kind, (_, marker, hatch) in TYPE_STYLE.items():
            rows = events[events["type"] == kind]
            single = rows[rows["date_end"] == rows["date_start"]]
            _column(ax, medium, single, "events", "event", place, marker, medium.type_colour(kind), kind,
                    event_titles(single, lang))  # fmt: skip
            windows = rows[rows["date_end"] > rows["date_start"]]
            for ev, title in zip(windows.itertuples(), event_titles(windows, lang), strict=True):
                top = place[("events", ev.id)][0] - 0.3
                bar = Rectangle((across(medium, COLUMNS["window"]) - 0.012, top), 0.024, end[ev.date_end] - top - 0.2,
                                facecolor=medium.type_colour(kind), alpha=0.6, edgecolor=medium.muted, hatch=hatch)  # fmt: skip
                ax.add_patch(bar)
                link(bar, f"window:{ev.id}", [f"#event-{ev.id}"], [title])
            _column(ax, medium, windows, "events", "event", place, marker, medium.type_colour(kind), f"w-{kind}",
                    event_titles(windows, lang))  # fmt: skip
        for signal, (_, marker) in SIGNAL_STYLE.items():
            rows = quotes[quotes["signal"] == signal]
            _column(ax, medium, rows, "quotes", "quote", place, marker, medium.signal_colour(signal), signal,
                    [_plain(words.evidence_label(data, i, lang)) for i in rows["id"]])  # fmt: skip
        headings = (("window", words._("Attacks and\nstrikes", lang)), ("quotes", words._("Statements\nquoted", lang)))
        for column, heading in headings:
            ax.text(across(medium, COLUMNS[column] - 0.015), -0.4, heading, va="bottom", ha=side(medium), fontweight="bold",
                    linespacing=1.1)  # fmt: skip
        handles = type_handles(medium, words._("date known only\nto a window", lang)) + signal_handles(medium, data)
        legend(ax, medium, handles, ncols=2, loc="upper left", bbox_to_anchor=(0.0, 0.0), frameon=False,
               handletextpad=0.3, columnspacing=1.0)  # fmt: skip
    return fig


def _column(ax, medium, rows, column, prefix, place, marker, colour, gid, titles) -> None:
    """One column's marks of one kind, each with its words beside it; mark and words both link."""
    if rows.empty:
        return
    at = across(medium, COLUMNS[column])
    ys = [place[(column, i)][0] + 0.5 for i in rows["id"]]
    marks(ax, [at] * len(ys), ys, rows["id"], prefix, titles, medium, marker=marker, colour=colour, size=8,
          gid=f"{column}:{gid}")  # fmt: skip
    for i, title in zip(rows["id"], titles, strict=True):
        top, text = place[(column, i)]
        label = ax.text(at + (-0.03 if medium.rtl else 0.03), top, text, va="top", ha=side(medium), fontsize=medium.small,
                        linespacing=1.1)  # fmt: skip
        label.set_in_layout(False)  # the columns are fractions of the whole width, which the words fit
        link(label, f"label:{i}", [f"#{prefix}-{i}"], [title])
