"""Dates as each edition writes them, with Western digits in both (as the Washington Institute's
Arabic site does): "29 June 2021", "29 حزيران/يونيو 2021"; short: "29 June", "29 حزيران"."""

from __future__ import annotations

from . import SOURCE, check, current

# The Levantine and Iraqi month names (the brief's Iraqi subjects'), the Egyptian and Gulf ones after a slash.
ARABIC_MONTHS = (
    ("كانون الثاني", "يناير"), ("شباط", "فبراير"), ("آذار", "مارس"), ("نيسان", "أبريل"),
    ("أيار", "مايو"), ("حزيران", "يونيو"), ("تموز", "يوليو"), ("آب", "أغسطس"),
    ("أيلول", "سبتمبر"), ("تشرين الأول", "أكتوبر"), ("تشرين الثاني", "نوفمبر"), ("كانون الأول", "ديسمبر"),
)  # fmt: skip
ARABIC_WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


def month(ts, language: str | None = None, *, short: bool = False) -> str:
    if check(language or current()) == SOURCE:
        return f"{ts:%B}"
    levant, other = ARABIC_MONTHS[ts.month - 1]
    return levant if short else f"{levant}/{other}"


def day_month(ts, language: str | None = None, *, short: bool = True) -> str:
    return f"{ts.day} {month(ts, language, short=short)}"


def long_date(ts, language: str | None = None) -> str:
    return f"{ts.day} {month(ts, language)} {ts.year}"


def weekday(ts, language: str | None = None) -> str:
    return f"{ts:%A}" if check(language or current()) == SOURCE else ARABIC_WEEKDAYS[ts.weekday()]
