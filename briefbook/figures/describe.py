"""Alt text for each chart, written from the data."""

from __future__ import annotations

from ..data import STUDY_END, STUDY_START, Dataset, load, split
from .style import SIGNAL_STYLE, TYPE_STYLE, in_range


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def alt_text(name: str, data: Dataset | None = None) -> str:
    """A description of the chart for readers who cannot see it, written from the data."""
    data = data or load()
    ev = in_range(data.events, "date_start", "date_end")
    qs = in_range(data.quotations, "date")
    sig = qs["signal"].value_counts()
    counts = ", ".join(f"{sig.get(s, 0)} {s}" for s in SIGNAL_STYLE)
    types = ev["type"].value_counts()
    kinds = ", ".join(f"{types.get(t, 0)} {t}" for t in TYPE_STYLE)
    windows = ev[ev["date_end"] > ev["date_start"]]
    span = f"{STUDY_START:%-d %B} to {STUDY_END:%-d %B %Y}"
    if name == "timeline":
        return (
            f"Timeline of action and rhetoric, by day, from {span}. Attacks and strikes: {len(ev)} kinetic "
            f"events ({kinds}), grouped by target; {_count(len(windows), 'event')} dated only to a window "
            f"drawn across its days. Statements: {len(qs)} statements by {qs['speaker'].nunique()} speakers, "
            f"coloured and shaped by signal ({counts}); statements of one day stand in their order within the "
            f"day. The U.S. strikes of 28 June and the brief of 9 July are marked. Each mark links to its "
            f"row in the events table or to the statement's card."
        )
    if name == "signals":
        pairs = sum(len(split(d)) for d in qs["devices"])
        return (
            f"Grid of {len(qs)} quotations (rows, grouped by speaker) against "
            f"{len(data.codes('quotations', 'devices'))} rhetorical devices (columns), with {pairs} marks "
            f"showing which devices each quotation uses, coloured and shaped by its signal ({counts})."
        )
    if name == "claims":
        links = sum(len(split(e)) for e in data.claims["evidence"])
        items = len({i for e in data.claims["evidence"] for i in split(e)})
        return (
            f"Matrix of {len(data.claims)} claims of the brief (rows, in the brief's order) against the "
            f"{items} statements and events that support them (columns, in the order of time), with "
            f"{links} marks, one where a claim rests on a piece of evidence: events by weapon, statements "
            f"by signal. Each mark links to the statement's card or the event's row."
        )
    if name == "tempo":
        per_day = ev[ev["date_end"] == ev["date_start"]].groupby("date_start").size()
        busiest = per_day.max() if len(per_day) else 0
        return (
            f"Stacked blocks, one per kinetic event, by day from {span}: {len(ev)} events ({kinds}); "
            f"at most {busiest} on a single day. Of these, {_count(len(windows), 'event')} known only to a "
            f"window {'is' if len(windows) == 1 else 'are'} drawn once, as a hatched block spread across the "
            f"days of the window (a share of the event on each day), so that every event counts once. "
            f"Lines mark the U.S. strikes of 28 June and the brief of 9 July."
        )
    raise KeyError(name)
