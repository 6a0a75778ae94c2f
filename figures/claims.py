"""Fig. "claims": the brief's claims (rows) against the evidence behind them (columns, in the order of
time), a mark shaped by weapon or signal where one rests on the other; turned on a phone."""

from briefbook import labels
from briefbook.data import Dataset, split
from briefbook.figures import style as s
from briefbook.i18n import gettext as _

from . import STYLES, legend_marks, named

TABLES = ("claims", "quotations", "events")


def draw(data: Dataset, medium: s.Medium):
    table, lang, turned = data.claims, medium.language, medium.narrow  # the claims in the brief's order, as loaded
    used = data.in_time_order(list(dict.fromkeys(i for ev in table["evidence"] for i in split(ev))))
    roomy = medium.width >= 7  # on paper the labels are shorter and the marks smaller
    col, row = {item: k for k, item in enumerate(used)}, {c: k for k, c in enumerate(table["id"])}
    height = (0.36 * len(used) + 1.9) if turned else ((0.4 if roomy else 0.32) * len(table) + 3.4)
    d = s.Drawing(medium, height, data.schema)
    ax = d.axes()
    rests = _("Claim {number} rests on: {evidence}", lang)
    said = {i: s.plain(labels.evidence(data, i, lang, True)) for i in used}
    for claim in (claims := list(table.itertuples())):
        for item in split(claim.evidence):
            x, y = (row[claim.id], col[item]) if turned else (col[item], row[claim.id])
            event = data.schema.table_of(item) == "events"  # drawn by its weapon, a statement by its signal
            key = data.row("events", item)["type"] if event else data.row("quotations", item).signal
            title = rests.format(number=claim.order, evidence=said[item])
            d.marks(ax, [x], [y], [item], [title], STYLES[key], f"link:{claim.id}:{item}", 9 if roomy else 7)
    if turned:  # the claims by number from where a reader starts (not an order in time)
        ax.set_xticks(range(len(table)), [str(c.order) for c in claims])
        ax.set_yticks(range(len(used)), [named(data, i, lang, 24) for i in used])
        ax.set(xlim=(len(table) - 0.4, -0.6) if medium.rtl else (-0.6, len(table) - 0.4), ylim=(len(used) - 0.5, -0.5))
        heading = _("Claims, numbered as in the table below", lang)
        d.figure.suptitle(heading, x=medium.across(0.02), ha=medium.side(), fontsize=medium.size, fontweight="bold")
    else:  # the evidence's names from the axis up: where they start
        claim_labels = [s.plain(f"{c.order}. {s.short(c.claim, 46 if roomy else 36, 2)}") for c in claims]
        up = {"rotation": -90 if medium.rtl else 90, "ha": medium.side(), "rotation_mode": "anchor"}
        ax.set_yticks(range(len(table)), claim_labels)
        ax.set_xticks(range(len(used)), [named(data, i, lang, 44 if roomy else 40, 1) for i in used], **up)
        ax.set(xlim=(-0.6, len(used) - 0.4), ylim=(len(table) - 0.5, -0.5))
    ax.xaxis.tick_top()
    claim_ticks, evidence_ticks = (ax.get_xticklabels(), ax.get_yticklabels())[:: 1 if turned else -1]  # as shown
    for tick, c in zip(claim_ticks, claims, strict=True):
        title = s.plain(_("Claim {number}: {claim}", lang).format(number=c.order, claim=c.claim))
        d.link(tick, f"claim:{c.id}", [c.id], [title], "claims")
    for tick, item in zip(evidence_ticks, used, strict=True):
        d.link(tick, f"evidence:{item}", [item], [said[item]])
    ax.tick_params(length=0)
    ax.grid(color=medium.grid, linewidth=0.6)
    ax.spines[:].set_color(medium.grid)
    # Turned, below the matrix; else in the corner above the claims, beside the evidence's names: anchored to the
    # axes, so that the layout makes room for it where the claims' names are narrower than it.
    where = {"loc": "outside lower left"} if turned else {"loc": "lower right", "bbox_to_anchor": (0.0, 1.0)}
    where |= {"title": _("Event, by weapon,\nor statement, by signal", lang), "ncols": 2, "alignment": "left"}
    d.legend(d.figure if turned else ax, legend_marks(medium, data, STYLES), **where)
    return d


def alt_text(data: Dataset, lang: str) -> str:
    evidence = [split(e) for e in data.claims["evidence"]]
    return _(
        "Matrix of {claims} claims of the brief (rows, in the brief's order) against the {items} statements "
        "and events that support them (columns, in the order of time), with {links} marks, one where a "
        "claim rests on a piece of evidence: events by weapon, statements by signal. Each mark links to "
        "the statement's card or the event's row.",
        lang,
    ).format(claims=len(evidence), items=len({i for e in evidence for i in e}), links=sum(map(len, evidence)))


def rows(data: Dataset, lang: str) -> s.Rows:
    out = []
    for c in data.claims.itertuples():
        evidence = [s.Link(item, data.evidence_label(item)) for item in data.in_time_order(split(c.evidence))]
        evidence = [part for link in evidence for part in (_("; ", lang), link)][1:]  # the language's "; "
        out.append([str(c.order), s.Link(c.id, c.claim, "claims"), evidence])
    headers = ["#", _("Claim (a row of marks)", lang), _("Evidence (a mark each, in the order of time)", lang)]
    return s.Rows(headers, [5, 45, 50], out)
