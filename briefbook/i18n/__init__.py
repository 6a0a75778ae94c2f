"""The book in two languages, built from one source.

English is the source language; the Arabic edition is made from it with translations kept in
three places, each where its translators expect it:

- the prose of the pages: Sphinx's gettext catalogs, one per page,
  ``locales/ar/LC_MESSAGES/<docname>.po`` (made and updated with sphinx-intl, see
  :mod:`.catalogs`);
- the words the package itself writes (card labels, table headings, chart labels, alt text):
  the catalog ``locales/ar/LC_MESSAGES/briefbook.po``, read here (:func:`gettext`);
- the words of the data (annotations, descriptions, claims, coding definitions): the data
  package's own table of translations, ``data/arabic.csv`` (:mod:`.data`).

The interface strings of the themes come from Sphinx's, sphinx-book-theme's and
``locales/ar/LC_MESSAGES/sphinx.po`` (pydata-sphinx-theme ships no Arabic).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..languages import LANGUAGES as REGISTRY
from ..languages import RIGHT_TO_LEFT, SOURCE, direction  # noqa: F401  # the names the package uses

LANGUAGES = tuple(REGISTRY)
DIRECTION = {code: lang.direction for code, lang in REGISTRY.items()}
NAMES = {code: lang.name for code, lang in REGISTRY.items()}
ENGLISH_NAMES = {code: lang.english_name for code, lang in REGISTRY.items()}
LOCALE_DIR = "locales"
DOMAIN = "briefbook"  # the catalog of the package's own words
# The language a notebook kernel draws its charts in (set by the first cell the build adds).
ENVIRONMENT = "BRIEFBOOK_LANGUAGE"
_current: list[str] = []


def check(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; the book is in {', '.join(LANGUAGES)}")
    return language


def use(language: str) -> None:
    """Draw and write in ``language`` from now on, in this process (a notebook's kernel)."""
    _current[:] = [check(language)]


def current() -> str:
    """The language set by :func:`use`, else ``$BRIEFBOOK_LANGUAGE``, else English."""
    return _current[0] if _current else check(os.environ.get(ENVIRONMENT) or SOURCE)


def N_(message: str) -> str:  # noqa: N802  # gettext's own name for it
    """Mark ``message`` for the package's catalog where it is kept, untranslated (in a table);
    :func:`gettext` translates it where it is used."""
    return message


def catalog_file(root: Path, language: str, domain: str = DOMAIN) -> Path:
    return Path(root) / LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def gettext(message: str, language: str | None = None, root: Path | None = None, domain: str = DOMAIN) -> str:
    """``message`` in ``language`` (by default :func:`current`), from the package's catalog (or
    another, ``domain``); the English where the catalog has no finished translation of it (the
    build's report and the release check name every such message)."""
    language = language or current()
    if language == SOURCE:
        return message
    from ..paths import project_root

    path = catalog_file(root or project_root(), language, domain)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return message
    return _translations(path, stat.st_mtime_ns, stat.st_size).get(message) or message


@functools.lru_cache(maxsize=8)
def _translations(path: Path, mtime_ns: int, size: int) -> dict[str, str]:
    """The finished (not fuzzy, not empty) translations of a catalog, read once while it is unchanged."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}
