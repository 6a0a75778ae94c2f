"""``{quotation} <id>``: one annotated quotation, as a card, where the argument uses it (printed
once); ``{quotation-register}``: every statement in the order of time as one compact table, each
row holding the statement's citable anchor ``quote-<id>`` and linking to its card."""

from __future__ import annotations

import json

from docutils import nodes
from sphinx import addnodes

from .. import ids, labels
from ..data import Dataset, split
from .bilingual import beside, english
from .citelines import cite_line, quotation_title
from .nodes import card_link
from .util import (
    SUPPLIED_CLOSE,
    DataDirective,
    _,
    brief_nodes,
    cell,
    day_month,
    field,
    fill,
    in_language,
    listed,
    long_date,
    para,
    table,
    target,
    text,
    verbatim,
    when_nodes,
)
from .words import word

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
        # this edition's translation of the quotation, then, outside its quotation marks as in the
        # English, that of the brief's note on it where there is one
        pair += beside(q, cell(q, "text_translation"), self.env, self.cite, ["quotation-translation"],
                       note=cell(q, "editorial_note_translation"))  # fmt: skip
        pair += self.translations(translations)
        card += pair
        card += self.meta(data, q, speaker, same_speech)
        card += para(
            nodes.strong("", _("What it signals and why.", self.env) + " "),
            text(q.annotation),
            classes=["quotation-annotation"],
        )
        register = self.ref(anchor, _("register of statements", self.env))
        card += para(*fill(_("In the {register}.", self.env), register=register), classes=["quotation-links"])
        card += cite_line(self.env, anchor, "chapters/quotations", quotation_title(data, q.id, self.env))
        return card

    def quotation(self, q, speaker) -> nodes.block_quote:
        # The card sets the quotation marks, unless the brief left the quotation open and the
        # edition supplies the closing mark itself ({+”}).
        closing = "" if q.text.endswith(SUPPLIED_CLOSE) else "”"
        words = english([text("“"), *brief_nodes(q.text), text(closing)], self.env)
        words = verbatim(para(*words, classes=["quotation-text"]))
        if q.editorial_note:  # the brief's own note on the quotation, in its English too
            words += text(" ")
            words += english([nodes.inline("", q.editorial_note, classes=["editorial-note"])], self.env)
        quote = nodes.block_quote("", words, classes=["quotation"])
        source = _("{speaker}, {medium}, {date} (the brief’s Figure {figure})", self.env)
        quote += nodes.attribution(
            "", source.format(speaker=speaker["name"], medium=self.medium(q), date=long_date(q.date, self.env),
                              figure=q.brief_figure)
        )  # fmt: skip
        return quote

    def medium(self, q) -> str:
        return word(q.medium, self.env)

    def meta(self, data: Dataset, q, speaker, same_speech: bool) -> nodes.field_list:
        env = self.env
        meta = nodes.field_list(classes=["quotation-meta"])
        if same_speech:
            same = _("The same {medium} as the passage above.", env).format(medium=self.medium(q))
            meta += field(_("Who, when, where", env), text(same))
            if q.order_note:
                meta += field(_("Order", env), text(q.order_note))
        else:
            group = data.actor(q.group)
            if q.group != q.speaker and group["kind"] != "collective":
                who = _("{speaker}, of {group}: {description}", env)
            else:
                who = _("{speaker}: {description}", env)
            who = who.format(speaker=speaker["name"], group=group["name"], description=speaker["description"])
            meta += field(_("Who", env), text(who))
            meta += field(_("When", env), *when_nodes(long_date(q.date, env), q, env))
            medium = self.medium(q)
            meta += field(_("Where", env), text(_("{medium}. {venue}", env).format(
                medium=medium[:1].upper() + medium[1:], venue=q.venue)))  # fmt: skip
        audiences = listed((data.label("quotations", "audiences", a) for a in split(q.audiences)), env)
        meta += field(
            _("To whom", env), text(_("{audiences} (coded by this edition)", env).format(audiences=audiences))
        )
        signal = data.label("quotations", "signal", q.signal)
        meta += field(_("Signal", env), nodes.inline("", signal, classes=["signal-label", f"signal-{q.signal}"]))
        devices = listed((data.label("quotations", "devices", d) for d in split(q.devices)), env)
        meta += field(_("Devices", env), text(devices))
        if q.cites:
            meta += field(_("Cites", env), text(q.cites))
        # The quotation is the brief's; the card's other facts (time, venue) may rest on other
        # outlets, so the cite names every source of the card, not only the quotation's.
        source = _("Figure {figure} of the brief, quoted in its English translation. Sources of this card: {cite}", env)
        meta += field(_("Source", env), *fill(source, figure=str(q.brief_figure), cite=self.cite(q.source_keys)))
        if q.edition_note:
            meta += field(_("Edition’s note", env), text(q.edition_note))
        return meta

    def translations(self, translations) -> list[nodes.Node]:
        env = self.env
        box = nodes.container(classes=["translations"])
        if not len(translations):
            box += para(text(_("No other published translation was found.", env)), classes=["translations-none"])
            return [box]
        box += para(nodes.strong("", _("Other published translations", env)), classes=["translations-heading"])
        items = nodes.bullet_list()
        for t in translations.itertuples():
            # The outlet's own words, marked with the language it published them in.
            shown = in_language(t.language, [text(f"“{t.text}”")], env)
            words = verbatim(nodes.inline("", "", *shown, classes=["translation-text"]))
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
            when = para(target(anchor, self.state.document), text(day_month(q.date, self.env)))
            order = order_text(q, int((data.quotations["date"] == q.date).sum()), self.env)
            signal = nodes.inline("", data.label("quotations", "signal", q.signal), classes=[f"signal-{q.signal}"])
            devices = listed((data.label("quotations", "devices", d) for d in split(q.devices)), self.env)
            # Other published translations, counted by publication: excerpts of one article count once.
            count = int(data.translations.loc[data.translations["quotation"] == q.id, "source_keys"].nunique())
            rows.append([when, order, data.actor(q.speaker)["name"], word(q.medium, self.env), signal, devices,
                         card_link(quotation=q.id, label=labels.quoted(data, q.id, isolated=False)), str(count)])  # fmt: skip
        headers = [_(h, self.env) for h in (_("Date"), _("Time or order"), _("Speaker"), _("Medium"), _("Signal"),
                   _("Devices"), _("First words (to the card)"), _("Other translations"))]  # fmt: skip
        register = table(headers, rows, [8, 12, 13, 12, 11, 14, 19, 11], classes=["register-table"])
        register["ids"].append(REGISTER_ID)
        signals = {code: data.label("quotations", "signal", code) for code in data.quotations["signal"].unique()}
        return [register_words(signals, self.env), register]


REGISTER_ID = "statement-register"


def register_words(signals: dict[str, str], env) -> addnodes.only:
    """The register's controls' words in the page's language, from the catalog, for register.js
    (an element without text: the search index reads nothing of it). The site's only: the EPUB,
    which runs no script, has no controls; the attribute is written ``hidden="hidden"``, valid
    in HTML and in XML alike."""
    from html import escape

    words = {
        "for": REGISTER_ID,
        "label": _("Filter the statements:", env),
        "placeholder": _("speaker, signal, device, words…", env),
        "status": _("{shown} of {total} statements shown", env),
        "sort": _("Sort by:", env),
        "signals": json.dumps(signals, ensure_ascii=False),
    }
    attributes = " ".join(f'data-{key}="{escape(value, quote=True)}"' for key, value in words.items())
    markup = f'<div class="register-words" {attributes} hidden="hidden"></div>'
    return addnodes.only("", nodes.raw("", markup, format="html"), expr="html and not epub")


def order_text(q, same_day: int, env=None) -> str:
    """'2 of 4 (Tuesday night)': the place among the day's statements first, then whether the
    sources fix that place, then the reported time in brackets; one form for every row."""
    if same_day == 1:
        place = _("Only statement of the day", env)
    else:
        place = _("{place} of {count}", env).format(place=q.day_order, count=same_day)
    if q.order_basis == "unfixed":
        place = _("{place}, order not fixed by the sources", env).format(place=place)
    elif q.order_basis == "partial":
        place = _("{place}, order partly fixed", env).format(place=place)
    return _("{place} ({time})", env).format(place=place, time=q.time_local) if q.time_local else place


def register(app) -> None:
    app.add_directive("quotation", QuotationDirective)
    app.add_directive("quotation-register", QuotationRegisterDirective)
    app.add_js_file("register.js", defer="defer")
