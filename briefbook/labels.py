"""A row of the data named in words in any language of the book (the charts name rows here): an event by place,
day and attack; a statement by speaker, day and first words."""

from .i18n import N_, SOURCE, day_month, direction, gettext
from .markup import plain

FIRST_WORDS = 6  # of a quotation, in labels that name it
ATTACK = {"airstrike": N_("airstrikes"), "rocket": N_("rocket attack"), "drone": N_("drone attack")}
LRI, PDI = "\u2066", "\u2069"  # LEFT-TO-RIGHT ISOLATE … POP DIRECTIONAL ISOLATE


def first_words(text: str) -> str:
    """The first words of a text as a reader sees it, with an ellipsis if it goes on."""
    words = plain(text).split()
    return " ".join(words[:FIRST_WORDS]).rstrip(".,;:") + ("…" if len(words) > FIRST_WORDS else "")


def place(ev) -> str:
    return str(ev["place"]).split(",")[0].split("،")[0]


def event(ev, language: str = SOURCE) -> str:
    """ "Erbil International Airport, 6 July: drone attack"; a window of days "5–6 July (date window)"."""
    when = day_month(ev["date_start"], language)
    if ev["date_end"] > ev["date_start"]:
        days = f"{ev['date_start'].day}–{day_month(ev['date_end'], language)}"
        when = gettext("{days} (date window)", language).format(days=days)
    kind = ATTACK[ev["type"]]  # a variable, so that message extraction does not take "type" for a message
    attack = gettext(kind, language)
    return gettext("{place}, {when}: {attack}", language).format(place=place(ev), when=when, attack=attack)


def quoted(quotation, language: str = SOURCE, isolated: bool = True) -> str:
    """A statement's first words in English quotation marks (the speaker's words), isolated in a right-to-left chart."""
    marked = f"“{first_words(quotation['text'])}”"
    return f"{LRI}{marked}{PDI}" if isolated and direction(language) == "rtl" else marked


def speaker(data, quotation) -> str:
    return str(data.row("actors", quotation["speaker"])["name"])


def evidence(data, item: str, language: str | None = None, isolated: bool = False) -> str:
    """A label telling a quotation or event from every other, in ``data``'s language ("Qais al-Khazali, 29 June: …")."""
    language, row = language or data.language, data.row(table := data.schema.table_of(item), item)
    if table == "events":
        return event(row, language)
    words, when = quoted(row, language, isolated), day_month(row["date"], language)
    return gettext("{speaker}, {day}: {words}", language).format(speaker=speaker(data, row), day=when, words=words)
