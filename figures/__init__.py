"""The book's figures, one module a figure (see briefbook.figures), and the numbers their alt texts share."""

from briefbook import i18n
from briefbook.data import STUDY_END, STUDY_START
from briefbook.figures import style as s
from briefbook.i18n import gettext as _


def counts(data, language: str) -> dict:
    """An alt text's numbers by name: the study's days, events by weapon and windows, statements by signal."""
    ev, qs, said = s.in_range(data.events, "date_start", "date_end"), s.in_range(data.quotations, "date"), {}
    for name, values, keys in (("kinds", ev["type"], s.TYPE_STYLE), ("signals", qs["signal"], s.SIGNAL_STYLE)):
        n, one = values.value_counts(), _("{count} {kind}", language)  # "1 airstrike, 6 rocket"
        named = [one.format(count=n.get(k, 0), kind=s.key_name(data, k, language)) for k in keys]
        said[name] = _(", ", language).join(named)
    n, start = int((ev["date_end"] > ev["date_start"]).sum()), i18n.day_month(STUDY_START, language, short=False)
    said["windows"] = _("one event", language) if n == 1 else _("{n} events", language).format(n=n)
    span = _("{start} to {end}", language).format(start=start, end=i18n.long_date(STUDY_END, language))
    return said | {"span": span, "events": len(ev), "statements": len(qs), "speakers": qs["speaker"].nunique()}
