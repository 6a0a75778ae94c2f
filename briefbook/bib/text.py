"""Plain text of pybtex's rich text, for comparing names and titles."""

from __future__ import annotations

import re

from pybtex.plugin import find_plugin
from pybtex.richtext import Text

NAME = "briefbook"


LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


LEADING_PUNCTUATION = re.compile(r"^\W+")


# Plain text, for comparing names and titles: one backend, as Text.render_as("text") looks the
# backend up among the installed packages' entry points each time (some 20 ms a call).
PLAIN_TEXT = find_plugin("pybtex.backends", "text")()


def _plain(latex: str) -> str:
    """A field or name part as plain text ("{Air \\& Space}" -> "Air & Space"), for sorting."""
    return Text.from_latex(latex).render(PLAIN_TEXT)


def _without_the(text: str) -> str:
    return LEADING_THE.sub("", text.strip())
