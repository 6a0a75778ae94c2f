"""The charts' words in each edition's language.

The package's own words (titles, axis labels, legend entries, the notes on the days, the alt
text's sentences) are marked ``_("...")`` for the package's catalog and translated in
``locales/<language>/LC_MESSAGES/briefbook.po`` (read by :func:`briefbook.i18n.gettext`);
each is a whole phrase or sentence with ``{name}`` placeholders, so that a translation may order
its words as its language does. The data's words (actor names, places, code labels, claims) come
from the dataset localised to the language (:func:`localised`); dates from
:mod:`briefbook.i18n.dates`, with Western digits in both editions.
"""

from __future__ import annotations

import pandas as pd

from .. import i18n, labels
from ..data import STUDY_END, STUDY_START, Dataset, split
from ..i18n import dates
from ..i18n.values import VALUES
from ..labels import ATTACK

LRI, PDI = "\u2066", "\u2069"  # LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE


def _(message: str, language: str) -> str:
    """``message`` in ``language``, from the package's catalog (the English where untranslated)."""
    return i18n.gettext(message, language)


def localised(data: Dataset, language: str) -> Dataset:
    """``data`` with its text in ``language`` where the data package translates it
    (:func:`briefbook.i18n.data.localise`); the English where nothing translates it yet."""
    if language == i18n.SOURCE or data.language == language:
        return data
    from ..i18n.data import localise

    return localise(data, language)


def attack(kind: str, language: str) -> str:
    """What an event of ``kind`` was, as a label names it."""
    return _(ATTACK[kind], language)


def weapon(kind: str, language: str) -> str:
    """A weapon as a legend names it."""
    return _(VALUES[kind], language)


def signal(data: Dataset, value: str, language: str) -> str:
    """A signal as a legend names it: its code in English (as the English charts always have);
    in another language, the code's label from the localised data package."""
    return value if language == i18n.SOURCE else data.label("quotations", "signal", value)


def count(n: int, language: str) -> str:
    return _("one event", language) if n == 1 else _("{n} events", language).format(n=n)


def tally(values: pd.Series, kinds, name, language: str) -> str:
    """ "1 airstrike, 6 rocket": each of ``kinds`` named by ``name`` with its count in ``values``."""
    counts = values.value_counts()
    return _(", ", language).join(_("{count} {kind}", language).format(count=counts.get(k, 0), kind=name(k))
                                  for k in kinds)  # fmt: skip


def span(language: str) -> str:
    """The study's days: "27 June to 10 July 2021"."""
    return _("{start} to {end}", language).format(start=dates.day_month(STUDY_START, language, short=False),
                                                 end=dates.long_date(STUDY_END, language))  # fmt: skip


def sources(row) -> list[str]:
    """The BibTeX keys a row of the events or quotations table cites (an event's actor's too)."""
    return split(row.source_keys) + split(getattr(row, "actor_source_keys", ""))


def target_rows(language: str) -> dict[str, str]:
    """The timeline's rows of targets, in order from the top, each with its name."""
    return {
        "militia-facilities": _("Militia facilities\n(U.S. airstrikes)", language),
        "us-embassy": _("U.S. embassy,\nBaghdad", language),
        "us-base-iraq": _("Bases hosting\nU.S. troops in Iraq", language),
        "al-omar-syria": _("al-Omar oil\nfield, Syria", language),
    }


def day_marks(language: str) -> dict[str, str]:
    """What the lines on the two marked days say."""
    return {"strikes": _("U.S. strikes, 28 June", language), "brief": _("Brief published, 9 July", language)}


def day(ts, language: str) -> str:
    """ "29 June"; "29 حزيران" (the short form, in labels)."""
    return labels.day(ts, language)


def window(start, end, language: str) -> str:
    """A window of days: "5–6 July"; "5–6 تموز"."""
    return f"{start.day}–{day(end, language)}"


def place(row) -> str:
    return labels.place(row)


def event_label(ev, language: str) -> str:
    """An event named in words: place, day (or window) and kind of attack."""
    return labels.event(ev, language)


def evidence_label(data: Dataset, item: str, language: str, *, isolated: bool = True) -> str:
    """A label that tells one quotation or event from every other, in ``language``; in English the
    same words as :meth:`briefbook.data.Dataset.evidence_label`. In a right-to-left chart the
    English first words are isolated (``isolated``; the pages isolate theirs, :mod:`briefbook.sphinx.bidi`)."""
    return labels.evidence(data, item, language, isolated)


def quoted(data: Dataset, item: str, language: str) -> str:
    """A statement's first words in quotation marks, as its label gives them."""
    return labels.quoted(data, item, language)


def short_isolated(text: str, width: int, lines: int, short) -> str:
    """A label holding an isolated run (:func:`quoted`) cut to ``lines`` lines of ``width``
    characters by ``short`` (:func:`briefbook.figures.style.short`): the run is cut and wrapped
    before it is isolated, so that every line opens and closes its own isolate (a line of a chart
    is a paragraph of its own) and the words after the run (the closing quotation mark) stay."""
    prefix, _lri, rest = text.partition(LRI)
    inner, _pdi, suffix = rest.partition(PDI)
    # English quotation marks inside the run stay at its two ends, the cut's "…" inside them
    opening = inner[:1] if inner[:1] in "“‘" and inner else ""
    closing = inner[-1:] if opening and inner.endswith(("”", "’")) else ""
    inner = inner[len(opening) : len(inner) - len(closing)]
    # the marks around the run take their room (the last line's closing mark one more: the cut's "…")
    room = width - len(prefix) - len(suffix) - len(opening) - len(closing) - (0 if lines == 1 else 1)
    cut = short(inner, max(room, 8), lines).split("\n")
    cut[0] = opening + cut[0]
    cut[-1] = cut[-1] + closing
    out = [f"{LRI}{line}{PDI}" for line in cut]
    out[0] = prefix + out[0]
    out[-1] = out[-1] + suffix
    return "\n".join(out)


def speaker(data: Dataset, q) -> str:
    return str(data.actor(q.speaker)["name"])
