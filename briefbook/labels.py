"""The ways of naming a row of the data in words, in any language of the book: an event by place,
day and kind of attack; a statement by speaker, day and first words; a claim by its first words.
Pages, charts and cite lines all name rows here. The edition's words come from the package's
catalog (``{name}`` placeholders, so that a translation orders them as its language does); the
data's words from the dataset, localised to the language by :mod:`briefbook.i18n.data`."""

from __future__ import annotations

from . import i18n, ids
from .i18n import N_, SOURCE, dates
from .markup import plain

FIRST_WORDS = 6  # of a quotation, in labels that name it
ATTACK = {"airstrike": N_("airstrikes"), "rocket": N_("rocket attack"), "drone": N_("drone attack")}
LRI, PDI = "\u2066", "\u2069"  # LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE


def _(message: str, language: str) -> str:
    return i18n.gettext(message, language)


def first_words(text: str) -> str:
    """The first words of a text as a reader sees it (the brief's markup read), with an ellipsis
    if it goes on."""
    words = plain(text).split()
    return " ".join(words[:FIRST_WORDS]).rstrip(".,;:") + ("…" if len(words) > FIRST_WORDS else "")


def day(ts, language: str = SOURCE) -> str:
    """ "29 June"; "29 حزيران"."""
    return dates.day_month(ts, language)


def when(ev, language: str = SOURCE) -> str:
    """An event's day, or its window of days: "5–6 July (date window)"."""
    if ev["date_end"] > ev["date_start"]:
        return _("{days} (date window)", language).format(
            days=f"{ev['date_start'].day}–{day(ev['date_end'], language)}"
        )
    return day(ev["date_start"], language)


def place(ev) -> str:
    return str(ev["place"]).split(",")[0].split("،")[0]


def event(ev, language: str = SOURCE) -> str:
    """ "Erbil International Airport, 6 July: drone attack"."""
    kind = ATTACK[ev["type"]]
    attack = _(kind, language)
    return _("{place}, {when}: {attack}", language).format(place=place(ev), when=when(ev, language), attack=attack)


def quoted(data, item: str, language: str = SOURCE, isolated: bool = True) -> str:
    """A statement's first words in English quotation marks (never the edition's language's: they
    are the speaker's words, which a translation is not); isolated in a right-to-left chart."""
    marked = f"“{first_words(data.quotation(item)['text'])}”"
    return f"{LRI}{marked}{PDI}" if isolated and i18n.direction(language) == "rtl" else marked


def speaker(data, item: str) -> str:
    return str(data.actor(data.quotation(item)["speaker"])["name"])


def evidence(data, item: str, language: str = SOURCE, isolated: bool = False) -> str:
    """A label that tells one quotation or event from every other: "Qais al-Khazali, 29 June:
    “…”", "Erbil International Airport, 6 July: drone attack"."""
    if ids.table_of(data.schema, item) == "events":
        return event(data.event(item), language)
    q = data.quotation(item)
    return _("{speaker}, {day}: {words}", language).format(
        speaker=speaker(data, item), day=day(q["date"], language), words=quoted(data, item, language, isolated)
    )
