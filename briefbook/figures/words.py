"""The charts' words in each edition's language: the package's own (whole phrases with ``{name}``
placeholders, from its catalog), the data's (from the dataset localised to the language) and
names of rows (:mod:`briefbook.labels`)."""

from __future__ import annotations

import pandas as pd

from .. import i18n
from ..data import STUDY_END, STUDY_START, Dataset, split
from ..i18n import dates
from ..i18n.values import VALUES
from ..labels import ATTACK, LRI, PDI  # noqa: F401  (LRI, PDI: the isolates of a chart's labels)


def _(message: str, language: str) -> str:
    """``message`` in ``language``, from the package's catalog (the English where untranslated)."""
    return i18n.gettext(message, language)


def attack(kind: str, language: str) -> str:
    return _(ATTACK[kind], language)


def weapon(kind: str, language: str) -> str:
    return _(VALUES[kind], language)


def signal(data: Dataset, value: str, language: str) -> str:
    """A signal as a legend names it: its code in English; else the localised data's label."""
    return value if language == i18n.SOURCE else data.label("quotations", "signal", value)


def count(n: int, language: str) -> str:
    return _("one event", language) if n == 1 else _("{n} events", language).format(n=n)


def tally(values: pd.Series, kinds, name, language: str) -> str:
    """ "1 airstrike, 6 rocket": each of ``kinds`` named by ``name`` with its count in ``values``."""
    counts, each = values.value_counts(), _("{count} {kind}", language)
    return _(", ", language).join(each.format(count=counts.get(k, 0), kind=name(k)) for k in kinds)


def span(language: str) -> str:
    """The study's days: "27 June to 10 July 2021"."""
    start, end = dates.day_month(STUDY_START, language, short=False), dates.long_date(STUDY_END, language)
    return _("{start} to {end}", language).format(start=start, end=end)


def sources(row) -> list[str]:
    """The BibTeX keys a row of the events or quotations table cites (an event's actor's too)."""
    return split(row.source_keys) + split(getattr(row, "actor_source_keys", ""))


def window(start, end, language: str) -> str:
    """A window of days: "5–6 July"; "5–6 تموز"."""
    return f"{start.day}–{dates.day_month(end, language)}"
