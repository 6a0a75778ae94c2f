"""A chart's words: the data's text shown as written and cut to fit, rows named, counted and dated."""

import textwrap

import numpy as np

from .. import i18n, ids, labels, languages
from ..data import STUDY_END, STUDY_START
from ..i18n import gettext as _
from ..labels import LRI, PDI


def plain(text: str) -> str:
    """Text from the data, shown as written: a '$' would otherwise start matplotlib's mathtext."""
    return str(text).replace("$", r"\$")


def short(text: str, width: int, lines: int = 1) -> str:
    """Text in ``lines`` lines of ``width`` characters, cut with an ellipsis; an isolated run cut inside it."""
    prefix, lri, rest = str(text).partition(LRI)
    if lri:
        inner, _pdi, suffix = rest.partition(PDI)
        opening = inner[:1] if inner[:1] in "“‘" and inner else ""
        closing = inner[-1:] if opening and inner.endswith(("”", "’")) else ""
        inner = inner[len(opening) : len(inner) - len(closing)]
        room = width - len(prefix) - len(suffix) - len(opening) - len(closing) - (0 if lines == 1 else 1)
        cut = short(inner, max(room, 8), lines).split("\n")
        out = [f"{LRI}{opening * (k == 0)}{line}{closing * (k == len(cut) - 1)}{PDI}" for k, line in enumerate(cut)]
        return prefix + "\n".join(out) + suffix
    joined = prefix.replace("...", "...\x00 ")  # a line may break after the brief's "..."
    wrapped = textwrap.wrap(joined, width, break_long_words=False, break_on_hyphens=False)
    out = [line.replace("\x00 ", "").replace("\x00", "") for line in wrapped]
    if len(out) > lines:
        out, last = out[:lines], out[lines - 1]
        if len(last) >= width and " " in last:
            last = last.rsplit(" ", 1)[0]
        out[-1] = last.rstrip(" ,;:.…") + "…"
    return "\n".join(out)


def event_titles(frame, language: str) -> list[str]:
    """Each event's tooltip, named once for each distinct place, day and weapon (many rows share them)."""
    keys = frame[["place", "date_start", "date_end", "type"]]
    codes = keys.groupby(list(keys), sort=False).ngroup().to_numpy()  # numbered in order of first appearance
    said = [plain(labels.event(row, language)) for row in keys.drop_duplicates().to_dict("records")]
    return np.array(said, dtype=object)[codes] if said else np.array([], dtype=object)


def quote_titles(data, items, language: str) -> list[str]:
    return [plain(labels.evidence(data, i, language, True)) for i in items]


def named(data, item: str, language: str, width: int, lines: int = 2, dated: bool = True) -> str:
    """A statement or event in a label: day and speaker or weapon, then first words or place; without
    its day (``dated=False``: beside a day's band) unless it spans days."""
    if ids.table_of(data.schema, item) == "events":
        ev = data.event(item)
        start, end, what, rest = ev.date_start, ev.date_end, _(labels.ATTACK[ev.type], language), labels.place(ev)
    else:
        q = data.quotation(item)
        start, end, what, rest = q.date, q.date, labels.speaker(data, item), labels.quoted(data, item, language)
    when = window(start, end, language) if end > start else labels.day(start, language)
    dated = dated or end > start
    head = _("{day}, {what}", language).format(day=when, what=what) if dated else what[:1].upper() + what[1:]
    if lines == 1:
        return plain(short(_("{head}: {rest}", language).format(head=head, rest=rest), width))
    top = head if lines <= 2 else short(head, width, 2)  # a label of two lines keeps its head whole, on one line
    return plain(f"{top}\n{short(rest, width, max(lines - 1 - top.count(chr(10)), 1))}")


def signal(data, value: str, language: str) -> str:
    """A signal as a legend names it: its code in English; else the localised data's label."""
    return value if language == languages.SOURCE else data.label("quotations", "signal", value)


def count(n: int, language: str) -> str:
    return _("one event", language) if n == 1 else _("{n} events", language).format(n=n)


def tally(values, kinds, name, language: str) -> str:
    """ "1 airstrike, 6 rocket": each of ``kinds`` named by ``name`` with its count in ``values``."""
    counts, each = values.value_counts(), _("{count} {kind}", language)
    return _(", ", language).join(each.format(count=counts.get(k, 0), kind=name(k)) for k in kinds)


def span(language: str) -> str:
    """The study's days: "27 June to 10 July 2021"."""
    start, end = i18n.day_month(STUDY_START, language, short=False), i18n.long_date(STUDY_END, language)
    return _("{start} to {end}", language).format(start=start, end=end)


def window(start, end, language: str) -> str:
    """A window of days: "5–6 July"; "5–6 تموز"."""
    return f"{start.day}–{i18n.day_month(end, language)}"
