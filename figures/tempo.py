"""Fig. "tempo": a block per event, stacked by day, filled by weapon; an event of a window of n days
is one block, 1/n of it on each day. On a phone the days run down the page."""

import matplotlib.dates as mdates
import numpy as np
from matplotlib.patches import Patch

from briefbook import i18n
from briefbook.data import Dataset
from briefbook.figures import style as s
from briefbook.i18n import gettext as _

from . import MARKED, TYPE_STYLE, counts, event_titles, legend_marks

TABLES = ("events",)
GAP = 0.12  # of a day, left free on either side of a block


def draw(data: Dataset, medium: s.Medium):
    (start, end), events, turned, lang = data.schema.window, data.events, medium.narrow, medium.language
    first, ndays = mdates.date2num(start), (end - start).days + 1
    window = (events["date_end"] > events["date_start"]).to_numpy()
    events = events.assign(title=event_titles(events, lang))  # named once for all the rows
    # A day's events stack in the order of the weapons, then of the table (the order of time).
    single = events[~window].sort_values("type", key=lambda t: t.map(list(TYPE_STYLE).index), kind="stable")
    day = (single["date_start"] - start).dt.days.to_numpy()
    base = single.groupby("date_start", sort=False).cumcount().to_numpy(dtype=float)
    height = np.bincount(day, minlength=ndays).astype(float)
    d = s.Drawing(medium, 5.4 if turned else medium.width * 0.46, data.schema)
    ax = d.axes()
    corners = s.boxes(first + day + GAP, first + day + 1.0 - GAP, base, base + 1.0, turned)
    spans = events[window].sort_values(["date_start", "date_end"], kind="stable")
    spread_over = _("{event}; drawn as one event spread over its {days} days", lang)
    for kind, (colour, _m, hatch) in TYPE_STYLE.items():
        pick, look = (single["type"] == kind).to_numpy(), {"facecolor": colour, "edgecolor": "black", "lw": 0.6}
        d.blocks(ax, corners[pick], f"events:{kind}", single["id"][pick], single["title"][pick], **look)
        rows = spans[spans["type"] == kind]
        starts = (rows["date_start"] - start).dt.days.to_numpy()
        ends = (rows["date_end"] - start).dt.days.to_numpy() + 1
        bottom, length = np.zeros(len(rows)), (ends - starts).astype(float)
        for k, (a, b) in enumerate(zip(starts, ends, strict=True)):  # each on the days' tallest stack
            bottom[k] = height[a:b].max()
            height[a:b] = bottom[k] + 1 / (b - a)
        boxes = s.boxes(first + starts + GAP, first + starts + length - GAP, bottom, bottom + 1 / length, turned)
        said = [spread_over.format(event=t, days=n) for t, n in zip(rows["title"], ends - starts, strict=True)]
        d.blocks(ax, boxes, f"windows:{kind}", rows["id"], said, alpha=0.55, hatch=hatch, **look)
        for k, ev in enumerate(rows.itertuples() if len(spans) <= 10 else ()):  # beside it, what it is
            days = int(length[k])
            share = {2: _("half", lang), 3: _("a third", lang), 4: _("a quarter", lang)}.get(days, f"1/{days}")
            note = _("one event, {days}:\n{share} on each day", lang)
            note = note.format(days=f"{ev.date_start.day}–{i18n.day_month(ev.date_end, lang)}", share=share)
            at = (first + starts[k] + length[k] / 2, bottom[k] + 1 / length[k] + 0.08)
            at, ha, va = (at[::-1], "left", "center") if turned else (at, "center", "bottom")
            ax.annotate(note, at, ha=ha, va=va, fontsize=medium.small, color=medium.muted, linespacing=1.1)
    (ax.set_xlim if turned else ax.set_ylim)(0, max(height.max(), 1) * (1.9 if turned else 1.35) + 0.2)
    (ax.xaxis if turned else ax.yaxis).get_major_locator().set_params(integer=True)
    (ax.set_xlabel if turned else ax.set_ylabel)(_("Events per day", lang))
    d.days(ax, MARKED, "y" if turned else "x")
    handles = [Patch(facecolor=c, edgecolor="black", label=_(k, lang)) for k, (c, *_s) in TYPE_STYLE.items()]
    if turned:
        handles += legend_marks(medium, data, {}, _("one event known only\nto a window, spread\nover its days", lang))
        d.legend(d.figure, handles, ncols=2, loc="outside upper left")
    else:
        handles += legend_marks(medium, data, {}, _("one event known only to a window,\nspread over its days", lang))
        d.legend(ax, handles, ncols=len(handles), **s.ABOVE)
        ax.set_xlabel(_("Date in 2021 (local time in Iraq)", lang))
    return d


def alt_text(data: Dataset, lang: str) -> str:
    per_day = data.events.query("date_end == date_start").groupby("date_start").size()  # the events of one day
    return _(
        "Stacked blocks, one per kinetic event, by day from {span}: {events} events ({kinds}); at most {busiest} "
        "on a single day. Known only to a window: {windows}. Such an event is drawn once, as a hatched "
        "block spread across the days of its window (a share of the event on each day), so that every event counts "
        "once. Lines mark the U.S. strikes of 28 June and the brief of 9 July.",
        lang,
    ).format(busiest=per_day.max() if len(per_day) else 0, **counts(data, lang))


def rows(data: Dataset, lang: str) -> s.Rows:
    out = []
    for ev in data.events.itertuples():
        days = (ev.date_end - ev.date_start).days + 1
        first, last = i18n.day_month(ev.date_start, lang, short=False), i18n.day_month(ev.date_end, lang, short=False)
        many = _("1 event, spread over {days} days: 1/{days} on each day from {first} to {last}", lang)
        said = (_("1 event on {day}", lang) if days == 1 else many).format(day=first, days=days, first=first, last=last)
        out.append([s.Link(ev.id, data.evidence_label(ev.id)), _(ev.type, lang), said])
    return s.Rows([_("Event (with its day)", lang), _("Weapon", lang), _("Counted as", lang)], [50, 14, 36], out)
