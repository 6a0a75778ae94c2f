"""The data beside each chart in HTML, as Our World in Data gives it: the rows the chart draws, each
linked to the statement's card or the event's or claim's row; the sources those rows cite; and the
downloads (the chart itself, its tables, their schema; on the site, not in the EPUB). In print the
figure keeps its data links only, so the block is HTML's alone (an ``only`` node)."""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx import addnodes

from .. import ids
from ..bib import citation
from ..data import Dataset, split
from ..i18n import N_
from .util import _, day_month, fill, listed, para, ref, table, text, translated, word

# The tables in words, as a reader names them (marked here, translated where shown: ``_(word)``).
TABLE_WORDS = {"events": N_("events"), "quotations": N_("statements"), "actors": N_("speakers and groups"),
               "claims": N_("claims")}  # fmt: skip
SHAPES = {"*": N_("star"), "o": N_("circle"), "s": N_("square"), "^": N_("triangle pointing up"), "D": N_("diamond"),
          "v": N_("triangle pointing down")}  # matplotlib's markers in words  # fmt: skip


def marks() -> dict[str, str]:
    """Each weapon's and each signal's mark in words (the drawing's styles, which need matplotlib:
    imported when a chart's rows are listed, not when the extension loads)."""
    from ..figures.style import SIGNAL_STYLE, TYPE_STYLE

    return {
        **{k: SHAPES[m] for k, (_, m, _) in TYPE_STYLE.items()},
        **{k: SHAPES[m] for k, (_, m) in SIGNAL_STYLE.items()},
    }


def evidence(docname: str, item: str, title: str) -> addnodes.pending_xref:
    """A link to a statement's card or an event's row, wherever the book places it (:mod:`.domain`)."""
    node = addnodes.pending_xref("", nodes.inline("", title), refdomain="briefbook", reftype="evidence",
                                 reftarget=item, refexplicit=True, refwarn=True)  # fmt: skip
    node["refdoc"] = docname
    return node


def rows(chart: str, data: Dataset, env) -> tuple[list[str], list[list], list[int], list[str]]:
    """The rows chart ``chart`` draws: headers, cells, column widths, and the sources they cite."""
    from ..figures.style import in_range
    from ..figures.words import target_rows

    MARKS = {k: _(v) for k, v in marks().items()}  # noqa: N806  # a table of constants
    doc = env.docname
    events = in_range(data.events, "date_start", "date_end").set_index("id", drop=False)
    quotes = in_range(data.quotations, "date").set_index("id", drop=False)
    keys: list[str] = []

    def link(item: str) -> addnodes.pending_xref:
        row = events.loc[item] if ids.is_event(item) else quotes.loc[item]
        keys.extend(split(row.source_keys) + (split(row.actor_source_keys) if ids.is_event(item) else []))
        return evidence(doc, item, data.evidence_label(item))

    if chart == "timeline":
        out = []
        for item in data.in_time_order([*events["id"], *quotes["id"]]):
            if ids.is_event(item):
                ev = events.loc[item]
                shape = _("hatched span across its days") if ev.date_end > ev.date_start else MARKS[ev.type]
                row = target_rows(env.config.language)[ev.target_kind].replace(chr(10), " ")
                drawn = _("{type}: {shape}, in the row “{row}”").format(type=word(ev.type), shape=shape, row=row)
            else:
                q = quotes.loc[item]
                drawn = _("{signal} statement: {shape}, in the row of {speaker}").format(
                    signal=data.label("quotations", "signal", q.signal).lower() if translated(env) else q.signal,
                    shape=MARKS[q.signal], speaker=data.actor(q.speaker)["name"])  # fmt: skip
            out.append([link(item), drawn])
        return [_("Event or statement (with its day)"), _("Drawn as")], out, [55, 45], keys
    if chart == "signals":
        out = []
        for q in quotes.sort_values("speaker", kind="stable").itertuples():
            devices = listed(data.label("quotations", "devices", d) for d in split(q.devices))
            out.append([link(q.id), f"{data.label('quotations', 'signal', q.signal)} ({MARKS[q.signal]})", devices])
        headers = [_("Statement"), _("Signal coded"), _("Rhetorical devices (a mark each)")]
        return headers, out, [50, 22, 28], keys
    if chart == "claims":
        out = []
        for c in data.claims.itertuples():
            keys.extend(split(c.source_keys))
            cells: list[nodes.Node] = []
            for i, item in enumerate(data.in_time_order(split(c.evidence))):
                cells += [text(_("; "))] if i else []  # the language's separator (Arabic "؛ ")
                cells.append(link(item))
            out.append([str(c.order), ref(env, c.id, c.claim), cells])
        headers = ["#", _("Claim (a row of marks)"), _("Evidence (a mark each, in the order of time)")]
        return headers, out, [5, 45, 50], keys
    if chart == "tempo":
        out = []
        for ev in events.itertuples():
            days = (ev.date_end - ev.date_start).days + 1
            first, last = day_month(ev.date_start, env), day_month(ev.date_end, env)
            counted = (_("1 event on {day}").format(day=first) if days == 1 else
                       _("1 event, spread over {days} days: 1/{days} on each day from {first} to {last}").format(
                           days=days, first=first, last=last))  # fmt: skip
            out.append([link(ev.id), word(ev.type), counted])
        headers = [_("Event (with its day)"), _("Weapon"), _("Counted as")]
        return headers, out, [50, 14, 36], keys
    raise KeyError(chart)


def cite(env, document, keys: list[str]) -> list[nodes.Node]:
    """``{cite:p}`` of ``keys``, made as the role makes it (outside a parse)."""
    keys = [k for k in dict.fromkeys(keys) if ids.SAFE.match(k)]
    if not keys:
        return []
    return [citation(keys, env.docname)]


def block(chart: str, data: Dataset, env, document, downloads: list[nodes.Node]) -> addnodes.only:
    """The chart's data, in a ``<details>`` that HTML alone shows: table, sources, downloads."""
    headers, cells, widths, keys = rows(chart, data, env)
    grid = table(headers, cells, widths, classes=["chart-data-table"])
    heading = para(nodes.strong("", _("Table.") + " "),
                   text(_("The rows this chart draws, each linked to its place in the book.")),
                   classes=["chart-table-heading"])  # fmt: skip
    rest = fill(_("The rows drawn here rest on {sources}."), sources=cite(env, document, keys))
    sources = para(nodes.strong("", _("Sources.") + " "), *rest, classes=["chart-sources"])
    # The EPUB holds no downloads (Sphinx's EPUB builder copies none), and opens the table: an
    # e-reader may show a <details> closed with no way to open it.
    download = addnodes.only(expr="not epub")
    download += para(nodes.strong("", _("Download.") + " "), *downloads, classes=["chart-downloads"])
    only = addnodes.only(expr="html")
    for expr, attributes, summary in (("not epub", "", _("Table, sources and downloads")),
                                      ("epub", ' open="open"', _("Table and sources"))):  # fmt: skip
        opening = addnodes.only(expr=expr)
        opening += nodes.raw("", f'<details class="chart-data-details"{attributes}><summary>{escape(summary)}</summary>',
                             format="html")  # fmt: skip
        only += opening
    only += [heading, grid, sources, download]
    only += nodes.raw("", "</details>", format="html")
    return only
