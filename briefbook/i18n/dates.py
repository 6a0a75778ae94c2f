"""Dates as each edition writes them, with Western digits in both (as the Washington Institute's Arabic site does):
"29 June 2021", "29 حزيران/يونيو 2021"; short: "29 June", "29 حزيران"."""

from __future__ import annotations

from babel.dates import get_month_names

from . import SOURCE, current
from . import language as registered


def month(ts, language: str | None = None, *, short: bool = False) -> str:
    if registered(language or current()).code == SOURCE:
        return f"{ts:%B}"
    levant = get_month_names(locale="ar_IQ")[ts.month]  # the Levantine and Iraqi names (the brief's subjects')
    return levant if short else f"{levant}/{get_month_names(locale='ar_EG')[ts.month]}"  # then the Egyptian and Gulf


def day_month(ts, language: str | None = None, *, short: bool = True) -> str:
    return f"{ts.day} {month(ts, language, short=short)}"


def long_date(ts, language: str | None = None) -> str:
    return f"{ts.day} {month(ts, language)} {ts.year}"
