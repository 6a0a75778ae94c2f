"""The brief's English, marked as English in another edition, then this edition's labelled translation (or the
statement's sourced original); ``{translation-notice}``, the landing page's notice."""

from __future__ import annotations

from docutils import nodes

from .. import markup
from .util import EditionDirective, _, cell, fill, in_language, para, text, translated, verbatim

# Marks inside a translation set in quotation marks (typography, not an edit): guillemets inside guillemets
# become double marks («… “…” …»), double marks inside double marks single ones.
INNER = {"«": str.maketrans({"«": "“", "»": "”"}), "“": markup.NESTED}


def english(children: list[nodes.Node], env) -> list[nodes.Node]:
    return in_language("en", children, env)


def edition_translation(translation: str, env, classes: list[str], note: str = "") -> list[nodes.Node]:
    """This edition's translation, labelled, then ``note`` (the brief's gloss, translated); else a line saying so."""
    if not translated(env):
        return []
    if not translation.strip():
        pending = _("This edition has not yet translated this passage.")
        return [para(text(pending), classes=["edition-translation", "untranslated", *classes])]
    label = nodes.strong("", _("This edition’s translation from the English:"))
    marks = _("“{text}”")
    inner = INNER.get(marks.lstrip("\u200e\u200f\u061c")[:1])
    quoted = marks.format(text=translation.translate(inner) if inner else translation)
    words = nodes.inline("", quoted, classes=["edition-translation-text"])
    gloss = [text(" "), nodes.inline("", note, classes=["editorial-note"])] if note else []
    return [verbatim(para(label, text(" "), words, *gloss, classes=["edition-translation", *classes]))]


def beside(row, translation: str, env, cite, classes: list[str], note: str = "") -> list[nodes.Node]:
    """In a translated edition, the statement in its original language where the data give it, with its source;
    else this edition's translation."""
    words, lang = cell(row, "original_text"), cell(row, "original_language")
    if not translated(env) or not words or not lang:
        return edition_translation(translation, env, classes, note)
    cited = cell(row, "cites")
    label = _("The cited text in its original language:") if cited else _("The statement in its original language:")
    shown = fill(_("“{text}”"), text=in_language(lang, [text(words)], env))
    source = fill(_("(source: {cite})"), cite=cite(cell(row, "original_source_keys"), "alp"))
    body = [nodes.strong("", label), text(" "), *shown, text(" "), *source]
    return [verbatim(para(*body, classes=["quotation-original"]))]


class TranslationNoticeDirective(EditionDirective):
    def run(self):
        notice = _(
            "The renderings of the quotations and of the brief’s sentences in this edition’s language are "
            "this edition’s translations from the English, not the speakers’ or the brief’s own words in "
            "this language; the English, as the brief gives it, is shown beside each."
        )
        return [nodes.note("", para(text(notice)), classes=["translation-notice"])] if translated(self.env) else []
