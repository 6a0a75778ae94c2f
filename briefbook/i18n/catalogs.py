"""The translations' gettext catalogs (``locales/<language>/LC_MESSAGES/*.po``): how complete they
are (read with Babel), the package's own words extracted with Babel, and every catalog updated
from the English templates with sphinx-intl (a new message empty, a changed one fuzzy)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from . import DOMAIN, LANGUAGES, SOURCE

PACKAGE = Path(__file__).resolve().parents[1]
# The calls whose first argument is a message: gettext's, and the front matter's ``words``.
KEYWORDS = {"_": None, "gettext": None, "N_": None, "words": None}
THEMES_TEMPLATE = "sphinx.pot"  # the themes' words, kept by hand in sphinx.po: never updated


def unfinished(locale_dir: Path, language: str) -> dict[Path, list]:
    """Every catalog of ``language``, with its messages: (line, msgid, "fuzzy"/"empty"/"")."""
    found = {}
    for path in sorted((Path(locale_dir) / language / "LC_MESSAGES").rglob("*.po")):
        with path.open("rb") as handle:
            found[path] = [(m.lineno or 0, m.id, "empty" if not m.string else "fuzzy" if m.fuzzy else "")
                           for m in read_po(handle) if m.id]  # fmt: skip
    return found


def summary(locale_dir: Path, language: str) -> str:
    """ "560 of 562 messages translated in 14 catalogs; 1 fuzzy (to review), 1 empty"."""
    found = unfinished(locale_dir, language)
    states = [state for messages in found.values() for _l, _m, state in messages]
    return (f"{states.count('')} of {len(states)} messages translated in {len(found)} catalogs;"
            f" {states.count('fuzzy')} fuzzy (to review), {states.count('empty')} empty")  # fmt: skip


def problems(locale_dir: Path, language: str, root: Path | None = None) -> list[str]:
    """Each fuzzy, then each empty message, by file and line: what a release refuses."""
    if not (found := unfinished(locale_dir, language)):
        return [f"{Path(locale_dir) / language}: no catalogs"]
    kinds = {"fuzzy": "fuzzy (the English changed: review the translation)", "empty": "not translated"}
    return [f"{path.relative_to(root).as_posix() if root else path.as_posix()}:{line}: {kinds[kind]}: "
            f"{words[:60]}{'…' * (len(words) > 60)}"
            for path, messages in found.items() for kind in kinds for line, msgid, state in messages
            if state == kind and (words := " ".join(str(msgid).split()))]  # fmt: skip


def extract_package(pot: Path, extra: list[str] = (), figures: Path | None = None) -> int:
    """The package's own words, the book's charts' (``figures``: its folder) and ``extra`` ones (the
    title pages'), into ``pot``; their number."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import write_po

    catalog = Catalog(project="briefbook", charset="utf-8")
    for name, folder in (("briefbook", PACKAGE), ("figures", figures or PACKAGE.parent / "figures")):
        found = extract_from_dir(folder, [("**.py", "python")], keywords=KEYWORDS)  # keywords: not the 3rd argument
        for filename, lineno, message, comments, _ in found:
            if isinstance(message, str):
                catalog.add(message, locations=[(f"{name}/{filename}", lineno)], auto_comments=comments)
    for word in extra:
        catalog.add(word, locations=[("_config.yml", 0)])
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, include_lineno=False)
    return len(catalog)


def update(locale_dir: Path, pot_dir: Path) -> str:
    """``sphinx-intl update`` of every translation's catalogs from the templates; its summary."""
    (Path(pot_dir) / THEMES_TEMPLATE).unlink(missing_ok=True)
    argv = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot_dir), "-d", str(locale_dir), "-j", "1"]
    argv += [f"--language={lang}" for lang in LANGUAGES if lang != SOURCE]
    done = subprocess.run(argv, capture_output=True, text=True, check=True)
    for path in Path(locale_dir).rglob("*.po"):
        if path.stem != DOMAIN:
            drop_format_flags(path)
    changed = [line.replace(f"{locale_dir}{os.sep}", "") for line in done.stdout.splitlines() if "Not Changed" not in line]
    return "; ".join([*changed, f"{done.stdout.count('Not Changed:')} catalogs not changed"])  # a line per catalog


def drop_format_flags(path: Path) -> None:
    """A page's messages are MyST, not Python format strings: no ``python-(brace-)format`` flag, or
    ``msgfmt -c`` and Poedit refuse a translation that adds a role such as ``{en}``."""
    def without_format(flags: re.Match) -> str:
        kept = [f.strip() for f in flags[1].split(",") if f.strip() not in ("python-brace-format", "python-format")]
        return f"#, {', '.join(kept)}\n" if kept else ""

    text = path.read_text(encoding="utf-8")
    if (kept := re.sub(r"(?m)^#,(.*)\n?", without_format, text)) != text:
        path.write_text(kept, encoding="utf-8")
