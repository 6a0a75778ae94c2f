"""Fig. "signals": statements (rows, by speaker) against their rhetorical devices (columns), marked by
signal; on a phone each statement's name stands above its row."""

from __future__ import annotations

from functools import partial

from briefbook import labels
from briefbook.data import Dataset, split
from briefbook.figures import Link, Rows, output
from briefbook.figures import style as s
from briefbook.figures import words as w
from briefbook.i18n import gettext as _

TABLES = ("quotations", "actors")


def draw(data: Dataset, medium: s.Medium):
    quotes = s.in_range(data.quotations, "date").sort_values("speaker", kind="stable")
    codes = data.codes("quotations", "devices")
    devices = [c["value"] for c in codes]
    n, lang, narrow = len(quotes), medium.language, medium.narrow
    step = 2.0 if narrow else 1.0  # on a phone each statement's name stands above its row
    d = s.Drawing(medium, (0.5 * n + 2.6) if narrow else (0.46 * n + 2.0))
    ax = d.figure.subplots()
    device = _("{statement} Device: {device}.", lang)
    for y, q in enumerate(quotes.itertuples()):
        used, said = split(q.devices), labels.evidence(data, q.id, lang, True)
        colour, marker = s.SIGNAL_STYLE[q.signal]
        d.marks(ax, [devices.index(u) for u in used], [y * step] * len(used), [q.id] * len(used),
                [device.format(statement=w.plain(said), device=data.label("quotations", "devices", u)) for u in used],
                marker=marker, colour=colour, size=10, gid=f"quote:{q.id}")  # fmt: skip
        if narrow:
            label = ax.text(-0.5, y * step - 0.9, w.plain(w.short(said, 46)), va="center", ha=medium.side(),
                            fontsize=medium.small, in_layout=False)  # fmt: skip
            d.link(label, f"label:{q.id}", [q.id], [w.plain(said)])
    if narrow:
        ax.set_yticks([])
        ax.set_ylim(n * step - 0.5 * step, -1.5)
    else:
        ax.set_yticks(range(n), [w.named(data, i, lang, 34) for i in quotes["id"]])
        s.names_at_start(ax, medium)
        for tick, q in zip(ax.get_yticklabels(), quotes.itertuples(), strict=True):
            d.link(tick, f"label:{q.id}", [q.id], [w.plain(labels.evidence(data, q.id, lang, True))])
        ax.set_ylim(n - 0.5, -0.5)
    rotation = 90 if narrow else (-40 if medium.rtl else 40)  # from its column up, toward its reading
    ax.set_xticks(range(len(devices)), [c["label"] for c in codes], rotation=rotation,
                  ha="center" if narrow else medium.side(), rotation_mode="default" if narrow else "anchor")  # fmt: skip
    ax.xaxis.tick_top()
    ax.set_xlim(*((len(devices) - 0.4, -0.6) if medium.rtl else (-0.6, len(devices) - 0.4)))  # from the start
    ax.grid(axis="x" if narrow else "both", color=medium.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    speakers = list(quotes["speaker"])
    for y in range(1, n):
        if speakers[y] != speakers[y - 1]:
            ax.axhline(y * step - (1.5 if narrow else 0.5), color=medium.muted, linewidth=0.8)
    d.legend(ax, s.signal_handles(medium, data), loc="upper left", bbox_to_anchor=(0.0, -0.01 if narrow else -0.02),
             ncols=3, frameon=False, title=_("Signal coded for the statement", lang), handletextpad=0.3)  # fmt: skip
    ax.set_title(_("Rhetorical device", lang), loc=medium.side())
    return d


def alt_text(data: Dataset, lang: str) -> str:
    qs = s.in_range(data.quotations, "date")
    return _(
        "Grid of {statements} quotations (rows, grouped by speaker) against {devices} rhetorical devices "
        "(columns), with {marks} marks showing which devices each quotation uses, coloured and shaped by "
        "its signal ({signals}).", lang,
    ).format(statements=len(qs), devices=len(data.codes("quotations", "devices")),
             marks=sum(len(split(d)) for d in qs["devices"]),
             signals=w.tally(qs["signal"], s.SIGNAL_STYLE, lambda v: w.signal(data, v, lang), lang))  # fmt: skip


def rows(data: Dataset, lang: str) -> Rows:
    out, keys = [], []
    for q in s.in_range(data.quotations, "date").sort_values("speaker", kind="stable").itertuples():
        devices = _("; ", lang).join(data.label("quotations", "devices", u) for u in split(q.devices))
        shape = s.shape(q.signal, lang)
        out.append([Link(q.id, data.evidence_label(q.id)), f"{data.label('quotations', 'signal', q.signal)} ({shape})",
                    devices])  # fmt: skip
        keys += w.sources(q)
    headers = [_("Statement", lang), _("Signal coded", lang), _("Rhetorical devices (a mark each)", lang)]
    return Rows(headers, [50, 22, 28], out, keys)


chart = partial(output.Chart, __name__)  # the cell "signals.chart()": this figure as its output
