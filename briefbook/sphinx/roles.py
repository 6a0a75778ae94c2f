"""``{ar}`text```: Arabic script in running text; ``{en}`text```: English inside Arabic text (the
Arabic edition's catalogs use it for a phrase quoted in English, a title, a name in Latin letters)."""

from __future__ import annotations

from .nodes import arabic, english


def arabic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [arabic(rawtext, text)], []


def english_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [english(rawtext, text)], []


def register(app) -> None:
    app.add_role("ar", arabic_role)
    app.add_role("en", english_role)
