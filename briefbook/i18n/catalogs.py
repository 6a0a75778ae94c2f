"""The translations' gettext catalogs: made and updated from the English, and how complete they are.

``briefbook translations update`` (``make translations``) extracts every message of the English
book: the pages' paragraphs, headings and captions with Sphinx's gettext builder (one template
per page), and the package's own words with Babel (``briefbook.pot``: every string marked
``_("…")``, ``gettext("…")`` or ``N_("…")`` in ``briefbook/``). sphinx-intl then updates
``locales/<language>/LC_MESSAGES/*.po`` from the templates: a new message arrives empty, a
changed one arrives marked fuzzy with the old translation (to be reviewed), a removed one is kept
as obsolete. Translators edit the ``.po`` files with the tools they know (Poedit, Weblate, a
text editor).

:func:`status` counts, per catalog, the finished, fuzzy and empty messages; the build prints the
totals, and a release refuses an edition with any fuzzy or empty message (:func:`problems`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import DOMAIN, LANGUAGES, SOURCE

PACKAGE = Path(__file__).resolve().parents[1]
# The calls whose first argument is a message: gettext's names, and the front matter's ``words``
# (a sentence of the title pages, translated and set in LaTeX: briefbook.front_matter).
KEYWORDS = {"_": None, "gettext": None, "N_": None, "words": None}


@dataclass(frozen=True)
class CatalogStatus:
    """One catalog: its file and the number of its messages that are finished, fuzzy, empty."""

    path: Path
    translated: int
    fuzzy: tuple[tuple[int, str], ...]  # (line, msgid)
    empty: tuple[tuple[int, str], ...]

    @property
    def total(self) -> int:
        return self.translated + len(self.fuzzy) + len(self.empty)


def catalog_files(locale_dir: Path, language: str) -> list[Path]:
    return sorted((Path(locale_dir) / language / "LC_MESSAGES").rglob("*.po"))


def read(path: Path) -> CatalogStatus:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle)
    translated, fuzzy, empty = 0, [], []
    for message in catalog:
        if not message.id:  # the header
            continue
        line = message.lineno or 0
        if not message.string:
            empty.append((line, message.id))
        elif message.fuzzy:
            fuzzy.append((line, message.id))
        else:
            translated += 1
    return CatalogStatus(path, translated, tuple(fuzzy), tuple(empty))


def status(locale_dir: Path, language: str) -> list[CatalogStatus]:
    """Every catalog of ``language``, counted."""
    return [read(path) for path in catalog_files(locale_dir, language)]


def summary(locale_dir: Path, language: str) -> str:
    """One line: "Arabic catalogs: 560 of 562 messages translated; 1 fuzzy, 1 empty"."""
    found = status(locale_dir, language)
    total = sum(s.total for s in found)
    done = sum(s.translated for s in found)
    fuzzy = sum(len(s.fuzzy) for s in found)
    empty = sum(len(s.empty) for s in found)
    return f"{done} of {total} messages translated in {len(found)} catalogs; {fuzzy} fuzzy (to review), {empty} empty"


def problems(locale_dir: Path, language: str, root: Path | None = None) -> list[str]:
    """Each fuzzy or empty message, by file and line: what a release refuses."""
    out = []
    found = status(locale_dir, language)
    if not found:
        return [f"{Path(locale_dir) / language}: no catalogs"]
    for s in found:
        shown = s.path.relative_to(root).as_posix() if root else s.path.as_posix()
        for kind, entries in (
            ("fuzzy (the English changed: review the translation)", s.fuzzy),
            ("not translated", s.empty),
        ):
            for line, msgid in entries:
                words = " ".join(str(msgid).split())
                out.append(f"{shown}:{line}: {kind}: {words[:60]}{'…' if len(words) > 60 else ''}")
    return out


def extract_package(pot: Path, root: Path | None = None) -> int:
    """The package's own words (``_("…")``, ``gettext("…")`` or ``N_("…")`` in ``briefbook/``),
    with the book's title, author and copyright that its title pages translate (from the project at
    ``root``), into ``pot``; returns how many messages there are."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(project="briefbook", charset="utf-8")
    folders = {"briefbook": PACKAGE, "figures": root / "figures" if root is not None else None}  # and the book's charts
    for name, folder in ((n, f) for n, f in folders.items() if f is not None and f.is_dir()):
        for filename, lineno, message, comments, _context in extract_from_dir(
            folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if isinstance(message, str):
                catalog.add(message, locations=[(f"{name}/{filename}", lineno)], auto_comments=comments)
    if root is not None:
        from ..front_matter import book_words

        for word in book_words(root):
            catalog.add(word, locations=[("_config.yml", 0)])
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, include_lineno=False)
    return len(catalog)


# The themes' words (``sphinx.po``) are kept by hand: the words that Sphinx's and the themes' own
# catalogs lack, in their templates and scripts. The gettext builder's ``sphinx.pot`` holds only
# the words of the project's own templates, so updating ``sphinx.po`` from it would retire the rest.
THEMES_TEMPLATE = "sphinx.pot"


def update(locale_dir: Path, pot_dir: Path) -> dict:
    """The catalogs of every translation updated from the templates in ``pot_dir`` (sphinx-intl),
    but the themes' words, kept by hand (:data:`THEMES_TEMPLATE`)."""
    from sphinx_intl.basic import update as intl_update

    (Path(pot_dir) / THEMES_TEMPLATE).unlink(missing_ok=True)
    languages = [lang for lang in LANGUAGES if lang != SOURCE]
    changed = intl_update(str(locale_dir), str(pot_dir), languages, jobs=1)
    for language in languages:
        for path in catalog_files(locale_dir, language):
            if path.stem != DOMAIN:
                drop_format_flags(path)
    return changed


def drop_format_flags(path: Path) -> None:
    """A page's messages are MyST, not Python format strings, though Babel flags every message with
    braces ``python-brace-format``; with the flag, ``msgfmt -c`` (and Poedit) would refuse a
    translation that adds a role such as ``{en}``. The package's own catalog keeps its flags: its
    ``{name}`` placeholders are format fields."""
    text = path.read_text(encoding="utf-8")
    kept = []
    for line in text.splitlines(keepends=True):
        if line.startswith("#,"):
            flags = [
                f.strip() for f in line[2:].split(",") if f.strip() not in ("python-brace-format", "python-format")
            ]
            if not flags:
                continue
            line = "#, " + ", ".join(flags) + "\n"
        kept.append(line)
    if "".join(kept) != text:
        path.write_text("".join(kept), encoding="utf-8")


__all__ = ["DOMAIN", "CatalogStatus", "extract_package", "problems", "status", "summary", "update"]
