"""``{quotation} <id>``: one annotated quotation, as a card; ``{quotation-register}``: every
quotation in the order of time, each with its citable anchor ``quote-<id>``, its other
published translations and the chapters that discuss it."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives

from .. import ids
from ..data import Dataset, split
from .nodes import quote_uses
from .util import SUPPLIED_CLOSE, DataDirective, brief_nodes, field, long_date, para, target, text, verbatim, when_nodes


class QuotationDirective(DataDirective):
    """One annotated quotation."""

    required_arguments = 1
    option_spec = {"register": directives.flag}
    tables = ("quotations", "actors", "translations")

    def run(self):
        qid = self.arguments[0]
        data = self.data
        try:
            q = data.quotation(qid)
        except KeyError:
            raise self.error(f"quotation {qid!r} is not in data/quotations.csv") from None
        return [self.card(data, q, register="register" in self.options)]

    def card(self, data: Dataset, q, register: bool) -> nodes.container:
        anchor = ids.anchor(q.id, "quotations")
        # Everything in a card comes from the data and is shown as written (no smart quotes).
        card = verbatim(nodes.container(classes=["quotation-card", f"signal-{q.signal}"]))
        if register:
            card += target(anchor, self.state.document)
        else:
            # An anchor for HTML and LaTeX alike, but not a label: the register holds the label.
            card += nodes.target("", "", ids=[anchor])
            self.env.get_domain("briefbook").note_use(q.id, self.env.docname)
        speaker = data.actor(q.speaker)
        card += self.quotation(q, speaker)
        card += self.meta(data, q, speaker)
        card += para(
            nodes.strong("", "What it signals and why. "), text(q.annotation), classes=["quotation-annotation"]
        )
        translations = data.translations[data.translations["quotation"] == q.id]
        if register:
            card += self.translations(translations)
            card += quote_uses(quotation=q.id)
        else:
            link = [text("In the register: "), *self.ref(anchor, f"{speaker['name']}, {long_date(q.date)}")]
            if len(translations):
                many = "s" if len(translations) > 1 else ""
                link.append(text(f", with {len(translations)} other published translation{many}"))
            card += para(*link, text("."), classes=["quotation-links"])
        card += self.cite_line(f"quotation {q.id}", "chapters/quotations", anchor)
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

    def meta(self, data: Dataset, q, speaker) -> nodes.field_list:
        meta = nodes.field_list(classes=["quotation-meta"])
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
        if not len(translations):
            return [para(text("No other published translation was found."), classes=["translations-none"])]
        items = nodes.bullet_list(classes=["translations"])
        for t in translations.itertuples():
            words = verbatim(nodes.inline("", f"“{t.text}”", classes=["translation-text"]))
            item = nodes.list_item("", para(words, text(" "), *self.cite(t.source_keys)))
            if t.note:
                item += para(nodes.emphasis("", t.note))
            items += item
        return [para(nodes.strong("", "Other published translations"), classes=["translations-heading"]), items]


class QuotationRegisterDirective(QuotationDirective):
    """Every quotation, in the order of time."""

    required_arguments = 0
    option_spec = {}

    def run(self):
        data = self.data
        out = []
        for q in data.quotations.itertuples():  # in the order of time (briefbook.data.load)
            section = nodes.section(ids=[f"register-{q.id}"])
            speaker = data.actor(q.speaker)["name"]
            topic = q.id.split("-", 4)[-1].replace("-", " ")  # the id's last part names the statement's topic
            section += nodes.title("", f"{speaker}, {long_date(q.date)}: {q.medium} ({topic})")
            section += self.card(data, q, register=True)
            out.append(section)
        return out


def register(app) -> None:
    app.add_directive("quotation", QuotationDirective)
    app.add_directive("quotation-register", QuotationRegisterDirective)
