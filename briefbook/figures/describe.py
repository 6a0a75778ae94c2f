"""Alt text for each chart, written from the data, in the chart's language."""

from __future__ import annotations

from .. import i18n
from ..data import STUDY_END, STUDY_START, Dataset, load, split
from ..i18n import dates
from . import words
from .style import SIGNAL_STYLE, TYPE_STYLE, in_range
from .words import _


def _count(n: int, language: str) -> str:
    return _("one event", language) if n == 1 else _("{n} events", language).format(n=n)


def _tally(counts, kinds, name, language: str) -> str:
    """ "1 airstrike, 6 rocket"; each kind with its count."""
    each = _("{count} {kind}", language)
    return _(", ", language).join(each.format(count=counts.get(k, 0), kind=name(k)) for k in kinds)


def alt_text(name: str, data: Dataset | None = None, language: str | None = None) -> str:
    """A description of the chart for readers who cannot see it, written from the data, in
    ``language`` (by default the drawing language, :func:`briefbook.i18n.current`)."""
    lang = i18n.check(language or i18n.current())
    data = data or words.localised(load(), lang)
    ev = in_range(data.events, "date_start", "date_end")
    qs = in_range(data.quotations, "date")
    counts = _tally(qs["signal"].value_counts(), SIGNAL_STYLE, lambda s: words.signal(data, s, lang), lang)
    kinds = _tally(ev["type"].value_counts(), TYPE_STYLE, lambda k: words.weapon(k, lang), lang)
    windows = ev[ev["date_end"] > ev["date_start"]]
    span = _("{start} to {end}", lang).format(
        start=dates.day_month(STUDY_START, lang, short=False), end=dates.long_date(STUDY_END, lang)
    )
    if name == "timeline":
        return (_(
            "Timeline of action and rhetoric, by day, from {span}. Attacks and strikes: {events} kinetic "
            "events ({kinds}), grouped by target; {windows} dated only to a window drawn across its days. "
            "Statements: {statements} statements by {speakers} speakers, coloured and shaped by signal "
            "({signals}); statements of one day stand in their order within the day, except on a day with an "
            "attack or strike, whose order relative to the statements no source fixes: there every mark stands at "
            "the middle of the day. The U.S. strikes of "
            "28 June and the brief of 9 July are marked. Each mark links to its row in the events table or "
            "to the statement's card.",
            lang,
        ) + " " + _(
            "On a phone the chart is drawn instead as an agenda down the page: a band for each day, in the order "
            "of time, with the attacks and strikes in one column and the statements in the other, each mark named "
            "beside it (an attack by its weapon and place, a statement by its speaker and first words).",
            lang,
        )).format(span=span, events=len(ev), kinds=kinds, windows=_count(len(windows), lang), statements=len(qs),
                 speakers=qs["speaker"].nunique(), signals=counts)  # fmt: skip
    if name == "signals":
        return _(
            "Grid of {statements} quotations (rows, grouped by speaker) against {devices} rhetorical devices "
            "(columns), with {marks} marks showing which devices each quotation uses, coloured and shaped by "
            "its signal ({signals}).",
            lang,
        ).format(statements=len(qs), devices=len(data.codes("quotations", "devices")),
                 marks=sum(len(split(d)) for d in qs["devices"]), signals=counts)  # fmt: skip
    if name == "claims":
        return _(
            "Matrix of {claims} claims of the brief (rows, in the brief's order) against the {items} statements "
            "and events that support them (columns, in the order of time), with {links} marks, one where a "
            "claim rests on a piece of evidence: events by weapon, statements by signal. Each mark links to "
            "the statement's card or the event's row.",
            lang,
        ).format(claims=len(data.claims), items=len({i for e in data.claims["evidence"] for i in split(e)}),
                 links=sum(len(split(e)) for e in data.claims["evidence"]))  # fmt: skip
    if name == "tempo":
        per_day = ev[ev["date_end"] == ev["date_start"]].groupby("date_start").size()
        one = len(windows) == 1
        text = (
            _(
                "Stacked blocks, one per kinetic event, by day from {span}: {events} events ({kinds}); at most "
                "{busiest} on a single day. Of these, {windows} known only to a window is drawn once, as a hatched "
                "block spread across the days of the window (a share of the event on each day), so that every "
                "event counts once. Lines mark the U.S. strikes of 28 June and the brief of 9 July.",
                lang,
            )
            if one
            else _(
                "Stacked blocks, one per kinetic event, by day from {span}: {events} events ({kinds}); at most "
                "{busiest} on a single day. Of these, {windows} known only to a window are drawn once, as a hatched "
                "block spread across the days of the window (a share of the event on each day), so that every "
                "event counts once. Lines mark the U.S. strikes of 28 June and the brief of 9 July.",
                lang,
            )
        )
        return text.format(span=span, events=len(ev), kinds=kinds, busiest=per_day.max() if len(per_day) else 0,
                           windows=_count(len(windows), lang))  # fmt: skip
    raise KeyError(name)
