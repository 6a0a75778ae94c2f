"""Dates as each edition writes them, with Western digits in both (as the Washington Institute's Arabic site
does): "29 June 2021", "29 حزيران/يونيو 2021"; short: "29 June", "29 حزيران"."""

from __future__ import annotations

from . import SOURCE, current
from . import language as registered

# The Levantine and Iraqi month names (the brief's Iraqi subjects'), and the Egyptian and Gulf ones.
LEVANT = "كانون الثاني,شباط,آذار,نيسان,أيار,حزيران,تموز,آب,أيلول,تشرين الأول,تشرين الثاني,كانون الأول".split(",")
OTHER = "يناير,فبراير,مارس,أبريل,مايو,يونيو,يوليو,أغسطس,سبتمبر,أكتوبر,نوفمبر,ديسمبر".split(",")
WEEKDAYS = "الاثنين,الثلاثاء,الأربعاء,الخميس,الجمعة,السبت,الأحد".split(",")


def month(ts, language: str | None = None, *, short: bool = False) -> str:
    if registered(language or current()).code == SOURCE:
        return f"{ts:%B}"
    return LEVANT[ts.month - 1] if short else f"{LEVANT[ts.month - 1]}/{OTHER[ts.month - 1]}"


def day_month(ts, language: str | None = None, *, short: bool = True) -> str:
    return f"{ts.day} {month(ts, language, short=short)}"


def long_date(ts, language: str | None = None) -> str:
    return f"{ts.day} {month(ts, language)} {ts.year}"


def weekday(ts, language: str | None = None) -> str:
    return f"{ts:%A}" if registered(language or current()).code == SOURCE else WEEKDAYS[ts.weekday()]
