"""``{ar}`text```: Arabic script in running text."""

from __future__ import annotations

from .nodes import arabic


def arabic_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [arabic(rawtext, text)], []


def register(app) -> None:
    app.add_role("ar", arabic_role)
