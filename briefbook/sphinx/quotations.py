"""``{quotation} <id>``: one annotated quotation as a card; ``{quotation-register}``: every statement in
the order of time, rows holding the citable anchors (``quote-<id>``) and linking to the cards."""

from __future__ import annotations

import json
from html import escape

from docutils import nodes
from sphinx import addnodes

from .. import ids, labels
from ..errors import did_you_mean
from ..i18n import dates
from .bilingual import beside, english
from .citelines import cite_line, quotation_title
from .nodes import card_link
from .util import (
    SUPPLIED_CLOSE,
    DataDirective,
    _,
    brief_nodes,
    cell,
    coded,
    field,
    fill,
    in_language,
    long_date,  # fmt: skip
    para,
    table,
    target,
    text,
    verbatim,
    when_nodes,
    word,
)

LAST_CARD = "briefbook_last_card"  # temp_data of the page being read: the speech of the card just placed
REGISTER_ID = "statement-register"


class QuotationDirective(DataDirective):
    """One quotation; the later passages of one speech say so instead of repeating who, when, where."""

    required_arguments = 1

    def run(self):
        data, env = self.data, self.env
        try:
            q = data.quotation(self.arguments[0])
        except KeyError:
            known = data.frames["quotations"]["id"]
            raise self.error(f"quotation {self.arguments[0]!r} is not in the data's quotations"
                             f"{did_you_mean(self.arguments[0], known)}") from None  # fmt: skip
        anchor = ids.anchor(data.schema, "quotations", q.id)
        same_speech = env.temp_data.get(LAST_CARD) == (q.speaker, q.date, q.medium)
        env.temp_data[LAST_CARD] = (q.speaker, q.date, q.medium)
        env.get_domain("briefbook").note_use(anchor, env.docname)
        card = verbatim(nodes.container(classes=["quotation-card", f"signal-{q.signal}"]))
        card += nodes.target("", "", ids=[anchor])  # an anchor, not a label: the register's row holds that
        speaker = data.actor(q.speaker)
        pair = nodes.container(classes=["quotation-pair"])
        pair += self.quotation(q, speaker)
        # this edition's translation, then that of the brief's note on it, as in the English
        pair += beside(q, cell(q, "text_translation"), env, self.cite, ["quotation-translation"],
                       note=cell(q, "editorial_note_translation"))  # fmt: skip
        pair += self.translations(data.translations[data.translations["quotation"] == q.id])
        card += pair
        card += self.meta(data, q, speaker, same_speech)
        card += para(nodes.strong("", _("What it signals and why.") + " "), text(q.annotation),
                     classes=["quotation-annotation"])  # fmt: skip
        register = self.ref("quotations", q.id, _("register of statements"))
        card += para(*fill(_("In the {register}."), register=register), classes=["quotation-links"])
        page = env.config.briefbook_quotation_register or env.docname
        card += cite_line(env, anchor, page, quotation_title(data, q.id, env))
        return [card]

    def quotation(self, q, speaker) -> nodes.block_quote:
        # the card sets the closing mark, unless the edition supplies it where the brief left it open
        closing = "" if q.text.endswith(SUPPLIED_CLOSE) else "”"
        words = verbatim(para(*english([text("“"), *brief_nodes(q.text), text(closing)], self.env),
                              classes=["quotation-text"]))  # fmt: skip
        if q.editorial_note:  # the brief's own note on the quotation, in its English too
            words += text(" ")
            words += english([nodes.inline("", q.editorial_note, classes=["editorial-note"])], self.env)
        quote = nodes.block_quote("", words, classes=["quotation"])
        source = _("{speaker}, {medium}, {date} (the brief’s Figure {figure})").format(
            speaker=speaker["name"], medium=word(q.medium), date=long_date(q.date, self.env), figure=q.brief_figure
        )
        quote += nodes.attribution("", source)
        return quote

    def meta(self, data, q, speaker, same_speech: bool) -> nodes.field_list:
        meta = nodes.field_list(classes=["quotation-meta"])
        if same_speech:
            meta += field(_("Who, when, where"), text(_("The same {medium} as the passage above.").format(
                medium=word(q.medium))))  # fmt: skip
            if q.order_note:
                meta += field(_("Order"), text(q.order_note))
        else:
            group = data.actor(q.group)
            who = _("{speaker}, of {group}: {description}") if q.group != q.speaker and group["kind"] != "collective" \
                else _("{speaker}: {description}")  # fmt: skip
            meta += field(_("Who"), text(who.format(speaker=speaker["name"], group=group["name"],
                                                    description=speaker["description"])))  # fmt: skip
            meta += field(_("When"), *when_nodes(long_date(q.date, self.env), q))
            medium = word(q.medium)
            meta += field(_("Where"), text(_("{medium}. {venue}").format(medium=medium[:1].upper() + medium[1:],
                                                                        venue=q.venue)))  # fmt: skip
        audiences = coded(data, "quotations", "audiences", q.audiences)
        meta += field(_("To whom"), text(_("{audiences} (coded by this edition)").format(audiences=audiences)))
        signal = data.label("quotations", "signal", q.signal)
        meta += field(_("Signal"), nodes.inline("", signal, classes=["signal-label", f"signal-{q.signal}"]))
        meta += field(_("Devices"), text(coded(data, "quotations", "devices", q.devices)))
        if q.cites:
            meta += field(_("Cites"), text(q.cites))
        # the card's other facts (time, venue) may rest on other outlets: the cite names every source of the card
        source = _("Figure {figure} of the brief, quoted in its English translation. Sources of this card: {cite}")
        meta += field(_("Source"), *fill(source, figure=str(q.brief_figure), cite=self.cite(q.source_keys)))
        if q.edition_note:
            meta += field(_("Edition’s note"), text(q.edition_note))
        return meta

    def translations(self, translations) -> list[nodes.Node]:
        box = nodes.container(classes=["translations"])
        if not len(translations):
            box += para(text(_("No other published translation was found.")), classes=["translations-none"])
            return [box]
        box += para(nodes.strong("", _("Other published translations")), classes=["translations-heading"])
        items = nodes.bullet_list()
        for t in translations.itertuples():  # the outlet's own words, marked with their language
            shown = verbatim(nodes.inline("", "", *in_language(t.language, [text(f"“{t.text}”")], self.env),
                                          classes=["translation-text"]))  # fmt: skip
            items += (item := nodes.list_item("", para(shown, text(" "), *self.cite(t.source_keys))))
            if t.note:
                item += para(nodes.emphasis("", t.note))
        box += items
        return [box]


class QuotationRegisterDirective(DataDirective):
    """Every statement, in the order of time, as a table that scripts can sort and filter."""

    def run(self):
        data, env = self.data, self.env
        rows = []
        for q in data.quotations.itertuples():  # in the order of time (briefbook.data.load)
            anchor = ids.anchor(data.schema, "quotations", q.id)
            when = para(
                target(anchor, self.state.document), text(dates.day_month(q.date, env.config.language, short=False))
            )
            order = order_text(q, int((data.quotations["date"] == q.date).sum()))
            signal = nodes.inline("", data.label("quotations", "signal", q.signal), classes=[f"signal-{q.signal}"])
            devices = coded(data, "quotations", "devices", q.devices)
            # other published translations, counted by publication: excerpts of one article count once
            count = int(data.translations.loc[data.translations["quotation"] == q.id, "source_keys"].nunique())
            rows.append([when, order, data.actor(q.speaker)["name"], word(q.medium), signal, devices,
                         card_link(anchor=anchor, label=labels.quoted(data, q.id, isolated=False)), str(count)])  # fmt: skip
        headers = [_("Date"), _("Time or order"), _("Speaker"), _("Medium"), _("Signal"), _("Devices"),
                   _("First words (to the card)"), _("Other translations")]  # fmt: skip
        register = table(headers, rows, [8, 12, 13, 12, 11, 14, 19, 11], classes=["register-table"])
        register["ids"].append(REGISTER_ID)
        signals = {code: data.label("quotations", "signal", code) for code in data.quotations["signal"].unique()}
        return [register_words(signals), register]


def register_words(signals: dict[str, str]) -> addnodes.only:
    """The register's controls' words for register.js, on the site only (the EPUB runs no script)."""
    words = {"for": REGISTER_ID, "label": _("Filter the statements:"), "sort": _("Sort by:"),
             "placeholder": _("speaker, signal, device, words…"), "status": _("{shown} of {total} statements shown"),
             "signals": json.dumps(signals, ensure_ascii=False)}  # fmt: skip
    attributes = " ".join(f'data-{key}="{escape(value, quote=True)}"' for key, value in words.items())
    markup = f'<div class="register-words" {attributes} hidden="hidden"></div>'
    return addnodes.only("", nodes.raw("", markup, format="html"), expr="html and not epub")


def order_text(q, same_day: int) -> str:
    """'2 of 4 (Tuesday night)': the place among the day's statements, how fixed, the reported time."""
    place = _("Only statement of the day") if same_day == 1 else _("{place} of {count}").format(
        place=q.day_order, count=same_day)  # fmt: skip
    if q.order_basis == "unfixed":
        place = _("{place}, order not fixed by the sources").format(place=place)
    elif q.order_basis == "partial":
        place = _("{place}, order partly fixed").format(place=place)
    return _("{place} ({time})").format(place=place, time=q.time_local) if q.time_local else place
