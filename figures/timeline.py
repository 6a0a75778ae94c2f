"""Fig. "timeline": events by target above, statements by speaker below, by day; on a phone, an agenda
down the page (a band a day, attacks and statements in two columns, each mark named beside it)."""

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.patches import Rectangle

from briefbook import labels
from briefbook.data import Dataset
from briefbook.figures import style as s
from briefbook.i18n import N_, month
from briefbook.i18n import gettext as _

from . import MARKED, SIGNAL_STYLE, STYLES, TYPE_STYLE, counts, event_titles, key_name, legend_marks, named

TABLES = ("events", "quotations", "actors")
TARGETS = {  # the rows of targets, from the top, each with its name
    "militia-facilities": N_("Militia facilities\n(U.S. airstrikes)"),
    "us-embassy": N_("U.S. embassy,\nBaghdad"),
    "us-base-iraq": N_("Bases hosting\nU.S. troops in Iraq"),
    "al-omar-syria": N_("al-Omar oil\nfield, Syria"),
}


def draw(data: Dataset, medium: s.Medium):
    if medium.narrow:
        return agenda(data, medium)
    events, quotes = data.events, data.quotations
    lang, speakers = medium.language, list(dict.fromkeys(quotes["speaker"]))
    d = s.Drawing(medium, medium.width * 0.72, data.schema)
    top, bottom = d.axes(2, 1, sharex=True, height_ratios=[len(TARGETS), max(len(speakers), 2)])
    rows, ids = {k: i for i, k in enumerate(reversed(TARGETS))}, events["id"].to_numpy()
    window = (events["date_end"] > events["date_start"]).to_numpy()
    x0, y = mdates.date2num(events["date_start"]), events["target_kind"].map(rows).to_numpy(dtype=float)
    x = x0 + s.spread(events, ["target_kind", "date_start", "date_end"]).to_numpy(dtype=float)
    titles = event_titles(events, lang)
    for kind, (colour, _m, hatch) in TYPE_STYLE.items():
        day, spans = ~window & (events["type"] == kind).to_numpy(), window & (events["type"] == kind).to_numpy()
        d.marks(top, x[day], y[day], ids[day], titles[day], STYLES[kind], f"events:{kind}")
        widths = ((events["date_end"] - events["date_start"]).dt.days + 1).to_numpy()[spans]
        boxes = s.boxes(x0[spans] + 0.08, x0[spans] + widths - 0.08, y[spans] - 0.22, y[spans] + 0.22)
        look = {"facecolor": colour, "alpha": 0.45, "edgecolor": medium.muted, "hatch": hatch, "linewidth": 1.0}
        d.blocks(top, boxes, f"windows:{kind}", ids[spans], titles[spans], **look)
    top.set(yticks=list(rows.values()), yticklabels=[_(TARGETS[k], lang) for k in rows], ylim=(-0.7, len(rows) - 0.3))
    srows = {sp: i for i, sp in enumerate(reversed(speakers))}
    # Across the day in the order within the day; a speaker's several statements of one day also
    # step down their lane. No data order a statement against an attack of its day: on a day with
    # an attack drawn as a point, every statement stands at the day's middle, as the attack does.
    shared = quotes["date"].isin(events.loc[~window, "date_start"].unique())
    qx = mdates.date2num(quotes["date"]) + s.spread(quotes, ["date"]).where(~shared, 0.5).to_numpy(dtype=float)
    lane = s.spread(quotes, ["speaker", "date"]).to_numpy(dtype=float)
    qy = quotes["speaker"].map(srows).to_numpy(dtype=float) - 0.9 * (lane - 0.5)
    for signal in SIGNAL_STYLE:
        pick = (quotes["signal"] == signal).to_numpy()
        said = [s.plain(labels.evidence(data, i, lang, True)) for i in quotes["id"][pick]]
        d.marks(bottom, qx[pick], qy[pick], quotes["id"][pick], said, STYLES[signal], f"quotes:{signal}")
    bottom.set_yticks(list(srows.values()), [s.plain(data.row("actors", sp)["name"]) for sp in srows])
    bottom.set_ylim(-0.7, max(len(srows), 2) - 0.3)
    said = (_("Attacks and strikes, by target", lang), _("Statements the brief quotes, by speaker and signal", lang))
    weapons = legend_marks(medium, data, TYPE_STYLE, _("date known only to a window", lang))
    for ax, title, legend in zip((top, bottom), said, (weapons, legend_marks(medium, data, SIGNAL_STYLE)), strict=True):
        ax.set_title(title, loc=medium.side(), pad=medium.size * 2.2)
        d.legend(ax, legend, ncols=len(legend), **s.ABOVE)
        d.days(ax, MARKED, label=ax is top)
    bottom.set_xlabel(_("Date in 2021 (local time in Iraq)", lang))
    return d


# The agenda (phone): columns in fractions of the width, characters to a line in a column.
LINE = 1.22  # a line of text, in units of the text size
COLUMNS, WRAP = {"day": 0.0, "window": 0.165, "events": 0.2, "quotes": 0.615}, {"events": 20, "quotes": 17}


def agenda(data: Dataset, medium: s.Medium):
    events, quotes = data.events, data.quotations
    lang, small = medium.language, {"fontsize": medium.small, "linespacing": 1.1, "ha": medium.side(), "va": "top"}
    # Each day's band is as tall as its longer column; a column's items stand one under another in
    # the order of time (the tables' order), so the order within a day reads down the page.
    place, y, bands, day_words = {}, 0.0, {}, {}
    for day in pd.date_range(*data.schema.window):
        # "27 Jun"; in Arabic, whose months have no short forms, "27" over the month; then the day's note
        day_words[day] = f"{day.day} {day:%b}" if lang == "en" else f"{day.day}\n{month(day, lang, short=True)}"
        day_words[day] += f"\n{_(MARKED[day][2], lang)}" if day in MARKED else ""
        height = 1.0 if lang == "en" else day_words[day].count("\n") + 1.0
        found = {"events": events["id"][events["date_start"] == day], "quotes": quotes["id"][quotes["date"] == day]}
        for name, items in found.items():
            depth = 0.35
            for item in items:
                place[(name, item)] = (y + depth, text := named(data, item, lang, WRAP[name], 3, dated=False))
                depth += text.count("\n") + 1.35
            height = max(height, depth)
        bands[day] = (y, height)
        y += height
    d = s.Drawing(medium, y * medium.small * LINE / 72 + 1.1, data.schema)
    ax = d.axes(subplot_kw={"xlim": (0, 1), "ylim": (y, 0)})
    ax.axis("off")
    for day, (top, _h) in bands.items():
        ax.axhline(top, color=medium.grid, linewidth=0.8)
        ax.text(medium.across(COLUMNS["day"]), top + 0.3, day_words[day], **small, in_layout=False)
    ax.axhline(y, color=medium.grid, linewidth=0.8)
    titles = dict(zip(events["id"], event_titles(events, lang), strict=True))
    titles |= {i: s.plain(labels.evidence(data, i, lang, True)) for i in quotes["id"]}
    for ev in events[events["date_end"] > events["date_start"]].itertuples():  # a window: a bar down its days
        colour, _m, hatch = TYPE_STYLE[ev.type]
        top, look = place[("events", ev.id)][0] - 0.3, {"alpha": 0.6, "edgecolor": medium.muted, "hatch": hatch}
        at = (medium.across(COLUMNS["window"]) - 0.012, top)
        bar = ax.add_patch(Rectangle(at, 0.024, sum(bands[ev.date_end]) - top - 0.2, facecolor=colour, **look))
        d.targets(ax, [bar.get_bbox().get_points()], f"window:{ev.id}", [ev.id], [titles[ev.id]])
    for name, frame, key in (("events", events, "type"), ("quotes", quotes, "signal")):
        at = medium.across(COLUMNS[name])  # a column's marks by kind, each named beside it (out of the layout)
        for kind in TYPE_STYLE if name == "events" else SIGNAL_STYLE:
            ids = list(frame["id"][frame[key] == kind])
            said, y = [titles[i] for i in ids], [place[(name, i)][0] + 0.5 for i in ids]
            d.marks(ax, [at] * len(ids), y, ids, said, STYLES[kind], f"{name}:{kind}", 8)
            for i in ids:
                label = ax.text(at + (-0.03 if medium.rtl else 0.03), *place[(name, i)], **small, in_layout=False)
                d.link(label, f"label:{i}", [i], [titles[i]])
    for name, heading in (("window", _("Attacks and\nstrikes", lang)), ("quotes", _("Statements\nquoted", lang))):
        at = medium.across(COLUMNS[name] - 0.015)
        ax.text(at, -0.4, heading, va="bottom", ha=medium.side(), fontweight="bold", linespacing=1.1)
    handles = legend_marks(medium, data, TYPE_STYLE, _("date known only\nto a window", lang))
    handles += legend_marks(medium, data, SIGNAL_STYLE)
    d.legend(ax, handles, ncols=2, loc="upper left", bbox_to_anchor=(0.0, 0.0))
    return d


def alt_text(data: Dataset, lang: str) -> str:
    return _(
        "Timeline of action and rhetoric, by day, from {span}. Attacks and strikes: {events} kinetic events "
        "({kinds}), grouped by target; {windows} dated only to a window drawn across its days. Statements: "
        "{statements} statements by {speakers} speakers, coloured and shaped by signal ({signals}); statements of "
        "one day stand in their order within the day, except on a day with an attack or strike, whose order "
        "relative to the statements no source fixes: there every mark stands at the middle of the day. The U.S. "
        "strikes of 28 June and the brief of 9 July are marked. Each mark links to its row in the events table or "
        "to the statement's card. On a phone the chart is drawn instead as an agenda down the page: a band for "
        "each day, in the order of time, with the attacks and strikes in one column and the statements in the "
        "other, each mark named beside it (an attack by its weapon and place, a statement by its speaker and first "
        "words).",
        lang,
    ).format(**counts(data, lang))


def rows(data: Dataset, lang: str) -> s.Rows:
    out = []
    for item in data.in_time_order([*data.events["id"], *data.quotations["id"]]):
        if data.schema.table_of(item) == "events":
            ev = data.row("events", item)
            spanned = _("hatched span across its days", lang)
            shape = spanned if ev.date_end > ev.date_start else _(s.SHAPES[STYLES[ev.type][1]], lang)
            row = _(TARGETS[ev.target_kind], lang).replace("\n", " ")
            drawn = _("{type}: {shape}, in the row “{row}”", lang).format(type=_(ev.type, lang), shape=shape, row=row)
        else:
            q, drawn = data.row("quotations", item), _("{signal} statement: {shape}, in the row of {speaker}", lang)
            speaker, signal = data.row("actors", q.speaker)["name"], key_name(data, q.signal, lang).lower()
            drawn = drawn.format(signal=signal, shape=_(s.SHAPES[STYLES[q.signal][1]], lang), speaker=speaker)
        out.append([s.Link(item, data.evidence_label(item)), drawn])
    return s.Rows([_("Event or statement (with its day)", lang), _("Drawn as", lang)], [55, 45], out)
