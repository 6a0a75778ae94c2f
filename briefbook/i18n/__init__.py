"""The book's languages: prose by a catalog per page (Sphinx), the package's words by ``briefbook.po``,
the data's by the data's translation table (:mod:`.data`)."""

from __future__ import annotations

import gettext as stdlib
import os
from pathlib import Path

from ..languages import LANGUAGES as REGISTRY
from ..languages import SOURCE, direction, language  # noqa: F401  # the names the package uses
from ..paths import project_root

LANGUAGES = tuple(REGISTRY)
LOCALE_DIR = "locales"
DOMAIN = "briefbook"  # the catalog of the package's own words
ENVIRONMENT = "BRIEFBOOK_LANGUAGE"  # a notebook kernel's drawing language (set by the build's first cell)
_current: list[str] = []


def check(code: str) -> str:
    """``code``, a language of the book (the registry's ValueError for any other)."""
    return language(code).code


def use(code: str) -> None:
    """Draw and write in ``code`` from now on, in this process (a notebook's kernel)."""
    _current[:] = [check(code)]


def current() -> str:
    """The language set by :func:`use`, else ``$BRIEFBOOK_LANGUAGE``, else English."""
    return _current[0] if _current else check(os.environ.get(ENVIRONMENT) or SOURCE)


def N_(message: str) -> str:  # noqa: N802  # gettext's own name for it
    """Mark ``message`` for the package's catalog, to be translated where it is used."""
    return message


def catalog_file(root: Path, code: str, domain: str = DOMAIN) -> Path:
    return Path(root) / LOCALE_DIR / code / "LC_MESSAGES" / f"{domain}.po"


def compiled(po: Path) -> Path:
    """The catalog's ``.mo`` beside it, compiled with Babel if older (fuzzy and empty entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    mo = po.with_suffix(".mo")
    if po.is_file() and (not mo.is_file() or mo.stat().st_mtime_ns < po.stat().st_mtime_ns):
        with po.open("rb") as source, (partial := mo.with_suffix(f".{os.getpid()}.part")).open("wb") as out:
            write_mo(out, read_po(source))
        partial.replace(mo)  # whole or not at all: another language's process may read it
    return mo


def translation(code: str, root: Path | None = None, domain: str = DOMAIN) -> stdlib.NullTranslations:
    """The catalog ``domain`` in ``code`` (the standard library's, read once in a process)."""
    root = root or project_root()
    compiled(catalog_file(root, code, domain))
    return stdlib.translation(domain, str(Path(root, LOCALE_DIR)), [code], fallback=True)


def gettext(message: str, code: str | None = None, root: Path | None = None, domain: str = DOMAIN) -> str:
    """``message`` in ``code`` (by default :func:`current`); the English where none is finished."""
    code = code or current()
    return message if code == SOURCE else translation(code, root, domain).gettext(message)
