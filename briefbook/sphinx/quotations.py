"""``{quotation} <id>``: one annotated quotation, as a card, where the argument uses it (printed
once); ``{quotation-register}``: every statement in the order of time as one compact table, each
row holding the statement's citable anchor ``quote-<id>`` and linking to its card."""

from __future__ import annotations

from docutils import nodes

from .. import ids
from ..data import Dataset, day_month, split
from .citelines import cite_line, quotation_title
from .nodes import card_link
from .util import (
    SUPPLIED_CLOSE,
    DataDirective,
    brief_nodes,
    field,
    long_date,
    para,
    table,
    target,
    text,
    verbatim,
    when_nodes,
)

LAST_CARD = "briefbook_last_card"  # per page being read: the speech of the card just placed


class QuotationDirective(DataDirective):
    """One annotated quotation. Consecutive passages of one speech share their who, when and
    where: the later cards say so instead of repeating them."""

    required_arguments = 1
    tables = ("quotations", "actors", "translations")

    def run(self):
        qid = self.arguments[0]
        data = self.data
        try:
            q = data.quotation(qid)
        except KeyError:
            raise self.error(f"quotation {qid!r} is not in data/quotations.csv") from None
        return [self.card(data, q)]

    def card(self, data: Dataset, q) -> nodes.container:
        anchor = ids.anchor(q.id, "quotations")
        speech = (q.speaker, q.date, q.medium)
        same_speech = self.env.temp_data.get(LAST_CARD) == speech
        self.env.temp_data[LAST_CARD] = speech
        self.env.get_domain("briefbook").note_use(q.id, self.env.docname)
        # Everything in a card comes from the data and is shown as written (no smart quotes).
        card = verbatim(nodes.container(classes=["quotation-card", f"signal-{q.signal}"]))
        # An anchor for HTML and LaTeX alike, but not a label: the register's row holds the label.
        card += nodes.target("", "", ids=[anchor])
        speaker = data.actor(q.speaker)
        translations = data.translations[data.translations["quotation"] == q.id]
        pair = nodes.container(classes=["quotation-pair"])
        pair += self.quotation(q, speaker)
        pair += self.translations(translations)
        card += pair
        card += self.meta(data, q, speaker, same_speech)
        card += para(
            nodes.strong("", "What it signals and why. "), text(q.annotation), classes=["quotation-annotation"]
        )
        register = [text("In the "), *self.ref(anchor, "register of statements"), text(".")]
        card += para(*register, classes=["quotation-links"])
        card += cite_line(self.env, anchor, "chapters/quotations", quotation_title(data, q.id))
        return card

    def quotation(self, q, speaker) -> nodes.block_quote:
        # The card sets the quotation marks, unless the brief left the quotation open and the
        # edition supplies the closing mark itself ({+”}).
        closing = "" if q.text.endswith(SUPPLIED_CLOSE) else "”"
        words = verbatim(para(text("“"), *brief_nodes(q.text), text(closing), classes=["quotation-text"]))
        if q.editorial_note:
            words += text(" ")
            words += nodes.inline("", q.editorial_note, classes=["editorial-note"])
        quote = nodes.block_quote("", words, classes=["quotation"])
        quote += nodes.attribution(
            "", f"{speaker['name']}, {q.medium}, {long_date(q.date)} (the brief’s Figure {q.brief_figure})"
        )
        return quote

    def meta(self, data: Dataset, q, speaker, same_speech: bool) -> nodes.field_list:
        meta = nodes.field_list(classes=["quotation-meta"])
        if same_speech:
            meta += field("Who, when, where", text(f"The same {q.medium} as the passage above."))
            if q.order_note:
                meta += field("Order", text(q.order_note))
        else:
            group = data.actor(q.group)
            who = [text(speaker["name"])]
            if q.group != q.speaker and group["kind"] != "collective":
                who.append(text(f", of {group['name']}"))
            who.append(text(f": {speaker['description']}"))
            meta += field("Who", *who)
            meta += field("When", *when_nodes(long_date(q.date), q))
            meta += field("Where", text(f"{q.medium[0].upper()}{q.medium[1:]}. {q.venue}"))
        audiences = [data.label("quotations", "audiences", a) for a in split(q.audiences)]
        meta += field("To whom", text("; ".join(audiences) + " (coded by this edition)"))
        signal = data.label("quotations", "signal", q.signal)
        meta += field("Signal", nodes.inline("", signal, classes=["signal-label", f"signal-{q.signal}"]))
        meta += field("Devices", text("; ".join(data.label("quotations", "devices", d) for d in split(q.devices))))
        if q.cites:
            meta += field("Cites", text(q.cites))
        source = [
            text(f"Figure {q.brief_figure} of the brief, quoted in its English translation "),
            *self.cite(q.source_keys),
        ]
        meta += field("Source", *source)
        if q.edition_note:
            meta += field("Edition’s note", text(q.edition_note))
        return meta

    def translations(self, translations) -> list[nodes.Node]:
        box = nodes.container(classes=["translations"])
        if not len(translations):
            box += para(text("No other published translation was found."), classes=["translations-none"])
            return [box]
        box += para(nodes.strong("", "Other published translations"), classes=["translations-heading"])
        items = nodes.bullet_list()
        for t in translations.itertuples():
            words = verbatim(nodes.inline("", f"“{t.text}”", classes=["translation-text"]))
            item = nodes.list_item("", para(words, text(" "), *self.cite(t.source_keys)))
            if t.note:
                item += para(nodes.emphasis("", t.note))
            items += item
        box += items
        return [box]


class QuotationRegisterDirective(DataDirective):
    """Every statement, in the order of time, as a table that scripts can sort and filter."""

    tables = ("quotations", "actors", "translations")

    def run(self):
        data = self.data
        rows = []
        for q in data.quotations.itertuples():  # in the order of time (briefbook.data.load)
            anchor = ids.anchor(q.id, "quotations")
            when = para(target(anchor, self.state.document), text(day_month(q.date)))
            order = order_text(q, int((data.quotations["date"] == q.date).sum()))
            signal = nodes.inline("", data.label("quotations", "signal", q.signal), classes=[f"signal-{q.signal}"])
            devices = "; ".join(data.label("quotations", "devices", d) for d in split(q.devices))
            count = int((data.translations["quotation"] == q.id).sum())
            rows.append([when, order, data.actor(q.speaker)["name"], q.medium, signal, devices,
                         card_link(quotation=q.id, label=data.evidence_label(q.id).split(": ", 1)[-1]), str(count)])  # fmt: skip
        headers = ["Date", "Time or order", "Speaker", "Medium", "Signal", "Devices", "First words (to the card)",
                   "Other translations"]  # fmt: skip
        return [table(headers, rows, [8, 12, 13, 12, 11, 14, 19, 11], classes=["register-table"])]


def order_text(q, same_day: int) -> str:
    """'Tuesday night, 2 of 4': the reported time and the place among the day's statements, and
    whether the sources fix that place."""
    place = "the day's only statement" if same_day == 1 else f"{q.day_order} of {same_day}"
    if q.order_basis == "unfixed":
        place += ", order not fixed by the sources"
    elif q.order_basis == "partial":
        place += ", order partly fixed"
    return f"{q.time_local}, {place}" if q.time_local else place[0].upper() + place[1:]


def register(app) -> None:
    app.add_directive("quotation", QuotationDirective)
    app.add_directive("quotation-register", QuotationRegisterDirective)
    app.add_js_file("register.js", defer="defer")
