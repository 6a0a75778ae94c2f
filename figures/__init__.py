"""The book's figures, one module a figure, and what they share: the weapons' and signals' marks, the days marked,
the words for events and statements. The extension loads this folder as a package of a name of its own."""

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from briefbook import i18n, labels, languages
from briefbook.figures import style as s
from briefbook.i18n import N_
from briefbook.i18n import gettext as _

SIGNAL_STYLE = {"escalatory": ("#D55E00", "^"), "mixed": ("#CC79A7", "D"), "de-escalatory": ("#0072B2", "v")}
TYPE_STYLE = {"airstrike": ("#000000", "*", ""), "rocket": ("#E69F00", "o", "//"), "drone": ("#56B4E9", "s", "\\\\")}
STYLES = TYPE_STYLE | SIGNAL_STYLE  # colour, marker (and hatch) of each weapon and signal
# The days marked on the day axis: their words, line, and words in the phone's agenda
MARKED = {pd.Timestamp("2021-06-28"): (N_("U.S. strikes, 28 June"), "--", N_("U.S.\nstrikes"))}
MARKED[pd.Timestamp("2021-07-09")] = (N_("Brief published, 9 July"), ":", N_("brief\npublished"))


def event_titles(frame, language: str):
    """Each event's tooltip, an array, named once for each distinct place, day and weapon (many rows share them)."""
    keys = frame[["place", "date_start", "date_end", "type"]]
    codes = keys.groupby(list(keys), sort=False).ngroup().to_numpy()  # numbered in order of first appearance
    said = [s.plain(labels.event(row, language)) for row in keys.drop_duplicates().to_dict("records")]
    return pd.Series(said, dtype=object).to_numpy()[codes]


def counts(data, language: str) -> dict:
    """An alt text's numbers by name: the study's days, events by weapon and windows, statements by signal."""
    ev, qs, (first, last), said = data.events, data.quotations, data.schema.window, {}
    for name, values, keys in (("kinds", ev["type"], TYPE_STYLE), ("signals", qs["signal"], SIGNAL_STYLE)):
        n, one = values.value_counts(), _("{count} {kind}", language)  # "1 airstrike, 6 rocket"
        named = [one.format(count=n.get(k, 0), kind=key_name(data, k, language)) for k in keys]
        said[name] = _(", ", language).join(named)
    n, start = int((ev["date_end"] > ev["date_start"]).sum()), i18n.day_month(first, language, short=False)
    said["windows"] = _("one event", language) if n == 1 else _("{n} events", language).format(n=n)
    span = _("{start} to {end}", language).format(start=start, end=i18n.long_date(last, language))
    return said | {"span": span, "events": len(ev), "statements": len(qs), "speakers": qs["speaker"].nunique()}


def legend_marks(medium: s.Medium, data, keys: dict, window: str | None = None) -> list:
    """The legend's marks of ``keys`` (weapons or signals), then a hatched patch for ``window`` if given."""
    out = []
    for key, (colour, marker, *_rest) in keys.items():
        size, label = s.STAR_SIZE if marker == "*" else s.MARK_SIZE, key_name(data, key, medium.language)
        look = {"markeredgecolor": "black", "markeredgewidth": s.MARK_EDGE, "markersize": size, "label": label}
        out.append(Line2D([], [], marker=marker, color=colour, linestyle="none", **look))
    return out + ([Patch(facecolor="none", edgecolor=medium.muted, hatch="//", label=window)] if window else [])


def named(data, item: str, language: str, width: int, lines: int = 2, dated: bool = True) -> str:
    """A statement or event: day and speaker or weapon, then first words or place (its day if ``dated`` or a window)."""
    if data.schema.table_of(item) == "events":
        ev = data.row("events", item)
        start, end, what, rest = ev.date_start, ev.date_end, _(labels.ATTACK[ev.type], language), labels.place(ev)
    else:
        q = data.row("quotations", item)
        start, end, what, rest = q.date, q.date, labels.speaker(data, q), labels.quoted(q, language)
    span = f"{start.day}–{i18n.day_month(end, language)}"  # "5–6 July"; "5–6 تموز"
    when, dated = span if end > start else i18n.day_month(start, language), dated or end > start
    head = _("{day}, {what}", language).format(day=when, what=what) if dated else what[:1].upper() + what[1:]
    if lines == 1:
        return s.plain(s.short(_("{head}: {rest}", language).format(head=head, rest=rest), width))
    top = head if lines <= 2 else s.short(head, width, 2)  # a label of two lines keeps its head whole, on one line
    return s.plain(f"{top}\n{s.short(rest, width, max(lines - 1 - top.count(chr(10)), 1))}")


def key_name(data, key: str, language: str) -> str:
    """A weapon; a signal as a legend names it: its code in English, else the localised data's label."""
    english = key in TYPE_STYLE or language == languages.SOURCE
    return _(key, language) if english else data.label("quotations", "signal", key)
