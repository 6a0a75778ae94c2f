"""The book's languages, the one place a language is described; it imports nothing of the package."""

import re
from dataclasses import dataclass

SOURCE = "en"  # the language the book is written in; the others are translations of it
LATIN_LETTERS = "A-Za-z\u00c0-\u024f"
RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"  # Hebrew, Arabic, their supplements and forms
RTL_LETTER = re.compile(f"[{RTL_LETTERS}]")
ARABIC_LETTERS = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# A run of Latin letters and what lies between them, but no right-to-left letter: set left to right.
LATIN_RUN = re.compile(f"([{LATIN_LETTERS}](?:[^{RTL_LETTERS}]*[{LATIN_LETTERS}0-9])?)")
# Languages written from right to left that a quotation or a name may be in, beside the book's own.
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "ckb", "ps", "yi"})


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as Sphinx's ``language`` and HTML's ``lang``
    name: str  # its own name, as the language switch shows it
    english_name: str  # as the build's messages give it
    polyglossia: str = "english"
    translation_table: str = ""  # the data package's resource holding the data's words in it
    rtl = property(lambda self: self.code in RIGHT_TO_LEFT)


LANGUAGES = {"en": Language("en", "English", "English"), "ar": Language("ar", "العربية", "Arabic", "arabic", "arabic")}


def language(code: str) -> Language:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; the book is in {', '.join(LANGUAGES)}")
    return LANGUAGES[code]


def direction(code: str) -> str:
    """ "rtl" or "ltr": how ``code`` (a language of the book or of a quotation) is written."""
    return "rtl" if code in RIGHT_TO_LEFT else "ltr"
