"""The languages of the book, the one place a language is described (a third language is one more
:class:`Language` here, plus its catalogs and data). It imports nothing of the package."""

from __future__ import annotations

import re
from dataclasses import dataclass

SOURCE = "en"  # the language the book is written in; the others are translations of it

# Letters of the Latin script (ASCII and Latin-1/Extended-A/B: "é", "ā"), and of the right-to-left
# scripts (Hebrew, Arabic and its supplements and presentation forms).
LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
RTL_LETTER = re.compile(f"[{RTL_LETTERS}]")
ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# A run of Latin letters with what lies between them (spaces, digits, punctuation) but no letter
# of a right-to-left script: how much of a line inside right-to-left text is set left to right.
LATIN_RUN = re.compile(f"([{LATIN_LETTERS}](?:[^{RTL_LETTERS}]*[{LATIN_LETTERS}0-9])?)")


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as Sphinx's ``language`` and HTML's ``lang``
    name: str  # its own name, as the language switch shows it
    english_name: str  # its English name, as the build's messages give it
    direction: str = "ltr"  # "ltr" or "rtl"
    polyglossia: str = "english"  # its name for polyglossia (the PDF)
    translation_table: str = ""  # the data package's resource holding the data's words in it

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES = {
    "en": Language("en", "English", "English"),
    "ar": Language("ar", "العربية", "Arabic", "rtl", "arabic", "arabic"),
}
# Languages written from right to left that a quotation or a name may be in, beside the book's own.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "ckb", "ps", "yi"})


def language(code: str) -> Language:
    """The registered language ``code``; a clear error for any other."""
    try:
        return LANGUAGES[code]
    except KeyError:
        raise ValueError(f"unknown language {code!r}; the book is in {', '.join(LANGUAGES)}") from None


def direction(code: str) -> str:
    """ "rtl" or "ltr": how ``code`` is written (a language of the book, or of a quotation)."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
