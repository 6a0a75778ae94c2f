"""The package's words in each language (``locales/<language>/LC_MESSAGES/briefbook.po``), its dates, and the
language a notebook draws in; pages are translated by Sphinx, the data by :mod:`.data`."""

import gettext as stdlib
import os
from pathlib import Path

from babel.dates import get_month_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ..languages import LANGUAGES, SOURCE, direction, language  # noqa: F401  (the names the package uses)
from ..paths import project_root

LOCALE_DIR, DOMAIN = "locales", "briefbook"
_current: list[str] = []  # the language a notebook draws in (set by its first cell), else SOURCE
N_ = str  # gettext's name: marks a message for the catalog, kept as it is (translated later)


def use(code: str) -> None:  # from now on, in this process (a notebook's kernel)
    _current[:] = [language(code).code]


def current() -> str:
    return _current[0] if _current else SOURCE


def catalog_file(root: Path, code: str, domain: str = DOMAIN) -> Path:
    return Path(root, LOCALE_DIR, code, "LC_MESSAGES", f"{domain}.po")


def translation(code: str, root: Path | None = None, domain: str = DOMAIN, make=False) -> stdlib.NullTranslations:
    """The catalog ``domain`` in ``code``, its ``.mo`` made where missing or, if ``make`` (a build begins), older."""
    po = catalog_file(root := root or project_root(), code, domain)
    mo, part = po.with_suffix(".mo"), po.with_suffix(f".{os.getpid()}.mo")
    if po.is_file() and (not mo.is_file() or make and mo.stat().st_mtime_ns < po.stat().st_mtime_ns):
        with po.open("rb") as source, part.open("wb") as out:
            write_mo(out, read_po(source))  # Babel leaves out fuzzy and empty messages
        part.replace(mo)  # whole: another process may read it
    return stdlib.translation(domain, str(Path(root, LOCALE_DIR)), [code], fallback=True)


def gettext(message: str, code: str | None = None, root: Path | None = None) -> str:
    """``message`` in ``code`` (by default :func:`current`); the English where none is finished."""
    return message if (code := code or current()) == SOURCE else translation(code, root).gettext(message)


# Dates with Western digits in both editions (as the Washington Institute's Arabic site writes them):
# "29 June 2021", "29 حزيران/يونيو 2021"; short: "29 June", "29 حزيران".
def month(ts, code: str | None = None, *, short: bool = False) -> str:
    if language(code or current()).code == SOURCE:
        return f"{ts:%B}"
    levant = get_month_names(locale="ar_IQ")[ts.month]  # the Levantine and Iraqi names (the brief's subjects')
    return levant if short else f"{levant}/{get_month_names(locale='ar_EG')[ts.month]}"  # then the Egyptian and Gulf


def day_month(ts, code: str | None = None, *, short: bool = True) -> str:
    return f"{ts.day} {month(ts, code, short=short)}"


def long_date(ts, code: str | None = None) -> str:
    return f"{ts.day} {month(ts, code)} {ts.year}"
