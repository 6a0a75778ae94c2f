"""What the brief printed in English, beside this edition's translation of it.

A statement the brief quotes, and the brief's own sentences that a claim restates, stay exactly as
the brief gives them in English; in an edition in another language they are marked as English
(``lang="en" dir="ltr"``, ``\\textenglish``) and followed by this edition's translation from the
English, labelled as such so that no reader takes it for the speaker's or the brief's own words
(the dataset's ``text_translation`` and ``brief_text_translation``, :func:`briefbook.i18n.data.localise`).
A statement's text in its original language (``original_text``, in ``original_language``, from
``original_source_keys``), once one is sourced, takes the place of this edition's translation.

``{translation-notice}``: on the landing page of an edition in another language, the notice that
says so; nothing in English.
"""

from __future__ import annotations

from docutils import nodes

from .. import markup
from .util import EditionDirective, _, cell, fill, in_language, para, text, translated, verbatim

ENGLISH = "en"
# The quotation marks inside a translation that is itself set in quotation marks, by the marks
# around it (the catalog's "“{text}”"): guillemets inside guillemets become double marks, as
# Arabic typesetting nests them («… “…” …»); double marks inside double marks become single
# (:data:`briefbook.markup.NESTED`). A rule of typography, not an edit of the translation.
INNER = {"«": str.maketrans({"«": "“", "»": "”"}), "“": markup.NESTED}


def quoted(translation: str, env) -> str:
    """``translation`` inside the page's quotation marks, its own marks nested (:data:`INNER`)."""
    marks = _("“{text}”", env)
    inner = INNER.get(marks.lstrip("\u200e\u200f\u061c")[:1])
    return marks.format(text=translation.translate(inner) if inner else translation)


def english(children: list[nodes.Node], env) -> list[nodes.Node]:
    """What the brief printed, marked as English in an edition in another language."""
    return in_language(ENGLISH, children, env)


def edition_translation(translation: str, env, classes: list[str], note: str = "") -> list[nodes.Node]:
    """This edition's translation from the English, labelled; nothing in English, nor where the
    translation is not there yet (never the English in its place). ``note``, the translation of the
    brief's own gloss, follows the closing quotation mark, as the gloss follows the English."""
    if not translated(env) or not translation:
        return []
    label = nodes.strong("", _("This edition’s translation from the English:", env))
    words = nodes.inline("", quoted(translation, env), classes=["edition-translation-text"])
    gloss = [text(" "), nodes.inline("", note, classes=["editorial-note"])] if note else []
    return [verbatim(para(label, text(" "), words, *gloss, classes=["edition-translation", *classes]))]


def original(row, env, cite) -> list[nodes.Node]:
    """The statement in its original language, with its source (``cite`` makes the citation), where
    the data give it; else nothing."""
    words, lang = cell(row, "original_text"), cell(row, "original_language")
    if not words or not lang:
        return []
    # A statement that cites a text (a verse) has that text's own words: the cited text's, not the speaker's
    cited = cell(row, "cites")
    label = nodes.strong("", _("The cited text in its original language:", env) if cited else
                         _("The statement in its original language:", env))  # fmt: skip
    shown = fill(_("“{text}”", env), text=in_language(lang, [text(words)], env))
    # the citation inside the brackets of "(source: …)": without brackets of its own
    source = fill(_("(source: {cite})", env), cite=cite(cell(row, "original_source_keys"), "alp"))
    return [verbatim(para(label, text(" "), *shown, text(" "), *source, classes=["quotation-original"]))]


def beside(row, translation: str, env, cite, classes: list[str], note: str = "") -> list[nodes.Node]:
    """In an edition in another language, the original where the data give it, else this edition's
    translation; in the English edition nothing (the brief's English is the text it prints)."""
    if not translated(env):
        return []
    return original(row, env, cite) or edition_translation(translation, env, classes, note)


class TranslationNoticeDirective(EditionDirective):
    """The landing page's notice on this edition's translations of quotations and of the brief."""

    def run(self):
        if not translated(self.env):
            return []
        notice = _(
            "The renderings of the quotations and of the brief’s sentences in this edition’s language are "
            "this edition’s translations from the English, not the speakers’ or the brief’s own words in "
            "this language; the English, as the brief gives it, is shown beside each.",
            self.env,
        )
        return [nodes.note("", para(text(notice)), classes=["translation-notice"])]


def register(app) -> None:
    app.add_directive("translation-notice", TranslationNoticeDirective)
