"""Fig. "signals": statements (rows, by speaker) against their rhetorical devices (columns), marked by
signal; on a phone each statement's name stands above its row."""

from briefbook import labels
from briefbook.data import Dataset, split
from briefbook.figures import style as s
from briefbook.i18n import gettext as _

from . import SIGNAL_STYLE, counts, legend_marks, named

TABLES = ("quotations", "actors")


def statements(data: Dataset):  # grouped by speaker
    return data.quotations.sort_values("speaker", kind="stable")


def draw(data: Dataset, medium: s.Medium):
    quotes, codes = statements(data), data.codes("quotations", "devices")
    devices, n, lang, narrow = [c["value"] for c in codes], len(quotes), medium.language, medium.narrow
    step = 2.0 if narrow else 1.0  # on a phone each statement's name stands above its row
    d = s.Drawing(medium, (0.5 * n + 2.6) if narrow else (0.46 * n + 2.0), data.schema)
    ax = d.axes()
    ax.set_yticks([] if narrow else range(n), [] if narrow else [named(data, i, lang, 34) for i in quotes["id"]])
    device, ticks = _("{statement} Device: {device}.", lang), ax.get_yticklabels()
    look = {"va": "center", "ha": medium.side(), "fontsize": medium.small, "in_layout": False}
    for y, q in enumerate(quotes.itertuples()):
        used, said = split(q.devices), s.plain(labels.evidence(data, q.id, lang, True))
        titles = [device.format(statement=said, device=data.label("quotations", "devices", u)) for u in used]
        at = [devices.index(u) for u in used]
        d.marks(ax, at, [y * step] * len(at), [q.id] * len(at), titles, SIGNAL_STYLE[q.signal], f"quote:{q.id}", 10)
        name = ax.text(-0.5, y * step - 0.9, s.short(said, 46), **look) if narrow else ticks[y]  # above its row
        d.link(name, f"label:{q.id}", [q.id], [said])
    ax.set_ylim(*((n * step - 0.5 * step, -1.5) if narrow else (n - 0.5, -0.5)))
    rotation = 90 if narrow else (-40 if medium.rtl else 40)  # from its column up, toward its reading
    ha, mode = ("center", "default") if narrow else (medium.side(), "anchor")
    ax.set_xticks(range(len(devices)), [c["label"] for c in codes], rotation=rotation, ha=ha, rotation_mode=mode)
    ax.xaxis.tick_top()
    ax.set_xlim(*((len(devices) - 0.4, -0.6) if medium.rtl else (-0.6, len(devices) - 0.4)))  # from the start
    ax.grid(axis="x" if narrow else "both", color=medium.grid, linewidth=0.6)
    for y in [y for y in range(1, n) if quotes["speaker"].iloc[y] != quotes["speaker"].iloc[y - 1]]:
        ax.axhline(y * step - (1.5 if narrow else 0.5), color=medium.muted, linewidth=0.8)  # between two speakers
    title, below = _("Signal coded for the statement", lang), (0.0, -0.01 if narrow else -0.02)
    where = {"loc": "upper left", "bbox_to_anchor": below, "columnspacing": 2.0}  # matplotlib's spacing
    d.legend(ax, legend_marks(medium, data, SIGNAL_STYLE), ncols=3, title=title, **where)
    ax.set_title(_("Rhetorical device", lang), loc=medium.side())
    return d


def alt_text(data: Dataset, lang: str) -> str:
    marks, devices = sum(len(split(d)) for d in statements(data)["devices"]), len(data.codes("quotations", "devices"))
    return _(
        "Grid of {statements} quotations (rows, grouped by speaker) against {devices} rhetorical devices "
        "(columns), with {marks} marks showing which devices each quotation uses, coloured and shaped by "
        "its signal ({signals}).",
        lang,
    ).format(devices=devices, marks=marks, **counts(data, lang))


def rows(data: Dataset, lang: str) -> s.Rows:
    out = []
    for q in statements(data).itertuples():
        devices = _("; ", lang).join(data.label("quotations", "devices", u) for u in split(q.devices))
        signal = f"{data.label('quotations', 'signal', q.signal)} ({_(s.SHAPES[SIGNAL_STYLE[q.signal][1]], lang)})"
        out.append([s.Link(q.id, data.evidence_label(q.id)), signal, devices])
    headers = [_("Statement", lang), _("Signal coded", lang), _("Rhetorical devices (a mark each)", lang)]
    return s.Rows(headers, [50, 22, 28], out)
