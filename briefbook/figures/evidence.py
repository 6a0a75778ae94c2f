"""Claims and their evidence, and the tempo of attacks."""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .. import ids
from ..data import Dataset, load, split
from . import words
from .direction import across, figure, legend, names_at_start, side
from .style import (
    SCREEN,
    SIGNAL_STYLE,
    TYPE_STYLE,
    Medium,
    _plain,
    link,
    marks,
    short,
    signal_handles,
    type_handles,
)


def evidence_text(data: Dataset, item: str, width: int, lines: int = 2, language: str = "en") -> str:
    """A piece of evidence named in words: its day and kind or speaker, then its place or first
    words; in two lines of ``width`` characters, or one."""
    if ids.is_event(item):
        ev = data.event(item)
        when = (
            words.window(ev.date_start, ev.date_end, language)
            if ev.date_end > ev.date_start
            else words.day(ev.date_start, language)
        )
        head = words._("{day}, {what}", language).format(day=when, what=words.attack(ev.type, language))
        rest = words.place(ev)
    else:
        q = data.quotation(item)
        head = words._("{day}, {what}", language).format(
            day=words.day(q.date, language), what=data.actor(q.speaker)["name"]
        )
        rest = words.quoted(data, item, language)
    if lines == 1:
        return _plain(short(words._("{head}: {rest}", language).format(head=head, rest=rest), width))
    return _plain(f"{head}\n{short(rest, width)}")


def _evidence_style(data: Dataset, item: str, medium: Medium) -> tuple[str, str]:
    if ids.is_event(item):
        kind = data.event(item)["type"]
        return medium.type_colour(kind), TYPE_STYLE[kind][1]
    signal = data.quotation(item).signal
    return medium.signal_colour(signal), SIGNAL_STYLE[signal][1]


def claims(data: Dataset | None = None, medium: Medium = SCREEN) -> Figure:
    """Claims by evidence: the brief's claims (rows, in its order) against the statements and events
    behind them (columns, in the order of time); a mark where a claim rests on a piece of evidence.
    On a narrow screen the matrix is turned: evidence down the page, claims by number across."""
    data = data or load()
    table = data.claims  # in the brief's order, as loaded
    used = data.in_time_order(list(dict.fromkeys(i for ev in table["evidence"] for i in split(ev))))
    turned = medium.narrow
    lang = medium.language
    roomy = medium.width >= 7  # on paper the labels are shorter and the marks smaller
    col = {item: k for k, item in enumerate(used)}
    row = {c: k for k, c in enumerate(table["id"])}
    with plt.rc_context(medium.rc()):
        size = (
            (medium.width, 0.36 * len(used) + 1.9)
            if turned
            else (medium.width, (0.4 if roomy else 0.32) * len(table) + 3.4)
        )
        fig = figure(medium, figsize=size, layout="constrained")
        ax = fig.subplots()
        for claim in table.itertuples():
            for item in split(claim.evidence):
                colour, marker = _evidence_style(data, item, medium)
                x, y = (row[claim.id], col[item]) if turned else (col[item], row[claim.id])
                title = words._("Claim {number} rests on: {evidence}", lang).format(
                    number=claim.order, evidence=_plain(words.evidence_label(data, item, lang))
                )
                marks(ax, [x], [y], [item], "event" if ids.is_event(item) else "quote", [title], medium,
                      marker=marker, colour=colour, size=9 if roomy else 7, gid=f"link:{claim.id}:{item}")  # fmt: skip
        claim_labels = ([str(c.order) for c in table.itertuples()] if turned
                        else [_plain(f"{c.order}. {short(c.claim, 46 if roomy else 36, 2)}") for c in table.itertuples()])  # fmt: skip
        evidence_labels = [
            evidence_text(data, i, 24, language=lang)
            if turned
            else evidence_text(data, i, 44 if roomy else 40, 1, lang)
            for i in used
        ]
        set_claims, set_evidence = (ax.set_xticks, ax.set_yticks) if turned else (ax.set_yticks, ax.set_xticks)
        set_claims(range(len(table)), claim_labels)
        set_evidence(range(len(used)), evidence_labels)
        claim_ticks, evidence_ticks = (ax.get_xticklabels(), ax.get_yticklabels()) if turned else (
            ax.get_yticklabels(), ax.get_xticklabels())  # fmt: skip
        for tick, c in zip(claim_ticks, table.itertuples(), strict=True):
            said = words._("Claim {number}: {claim}", lang).format(number=c.order, claim=c.claim)
            link(tick, f"claim:{c.id}", [f"#{c.id}"], [_plain(said)])
        for tick, item in zip(evidence_ticks, used, strict=True):
            prefix = "event" if ids.is_event(item) else "quote"
            link(tick, f"evidence:{item}", [f"#{prefix}-{item}"], [_plain(words.evidence_label(data, item, lang))])
        ax.xaxis.tick_top()
        if turned:
            # the claims by number from where a reader starts (not an order in time)
            ax.set_xlim(*((len(table) - 0.4, -0.6) if medium.rtl else (-0.6, len(table) - 0.4)))
            ax.set_ylim(len(used) - 0.5, -0.5)
            fig.suptitle(words._("Claims, numbered as in the table below", lang), x=across(medium, 0.02), ha=side(medium),
                         fontsize=medium.size, fontweight="bold")  # fmt: skip
        else:
            ax.set_xlim(-0.6, len(used) - 0.4)
            ax.set_ylim(len(table) - 0.5, -0.5)
            ax.tick_params(axis="x", labelrotation=-90 if medium.rtl else 90)  # from the axis up: where it starts
            for tick in ax.get_xticklabels():
                tick.set_ha(side(medium))
                tick.set_rotation_mode("anchor")
        names_at_start(ax, medium)
        ax.tick_params(length=0)
        ax.grid(color=medium.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        for spine in ax.spines.values():
            spine.set_color(medium.grid)
        # Turned, below the matrix; else in the corner above the claims and beside the evidence's names.
        where = {"loc": "outside lower left"} if turned else {"loc": "upper left", "bbox_to_anchor": (0.005, 0.995)}
        title = words._("Event, by weapon,\nor statement, by signal", lang)
        legend(fig, medium, type_handles(medium) + signal_handles(medium, data), ncols=2, frameon=False,
               handletextpad=0.3, columnspacing=1.0, title=title, alignment="left", **where)  # fmt: skip
    return fig
