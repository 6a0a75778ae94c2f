"""The translations' gettext catalogs: how complete they are, the package's words extracted (Babel), and every
catalog updated from the English templates (sphinx-intl: a new message empty, a changed one fuzzy)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from . import DOMAIN, LANGUAGES, SOURCE

PACKAGE = Path(__file__).resolve().parents[1]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "words": None}  # calls whose first argument is a message
THEMES_TEMPLATE = "sphinx.pot"  # the themes' words, kept by hand in sphinx.po: never updated
KINDS = {"fuzzy": "fuzzy (the English changed: review the translation)", "empty": "not translated"}


def unfinished(locale_dir: Path, language: str) -> dict[Path, list]:
    """Every catalog of ``language``, with its messages: (line, msgid, "fuzzy"/"empty"/"")."""
    found = {}
    for path in sorted((Path(locale_dir) / language / "LC_MESSAGES").rglob("*.po")):
        with path.open("rb") as handle:
            states = ((m, "empty" if not m.string else "fuzzy" if m.fuzzy else "") for m in read_po(handle) if m.id)
            found[path] = [(m.lineno or 0, m.id, state) for m, state in states]
    return found


def summary(locale_dir: Path, language: str) -> str:
    """ "560 of 562 messages translated in 14 catalogs; 1 fuzzy (to review), 1 empty"."""
    found = unfinished(locale_dir, language)
    states = [state for messages in found.values() for *_, state in messages]
    done = f"{states.count('')} of {len(states)} messages translated in {len(found)} catalogs"
    return f"{done}; {states.count('fuzzy')} fuzzy (to review), {states.count('empty')} empty"


def problems(locale_dir: Path, language: str, root: Path | None = None) -> list[str]:
    """Each fuzzy, then each empty message, by file and line: what a release refuses."""
    if not (found := unfinished(locale_dir, language)):
        return [f"{Path(locale_dir) / language}: no catalogs"]
    out = []
    for path, messages in found.items():
        name = path.relative_to(root).as_posix() if root else path.as_posix()
        for kind, said in KINDS.items():
            for line, msgid, state in messages:
                if state == kind and (words := " ".join(str(msgid).split())):
                    out.append(f"{name}:{line}: {said}: {words[:60]}{'…' * (len(words) > 60)}")
    return out


def extract_package(pot: Path, extra: list[str] = (), figures: Path | None = None) -> int:
    """The package's words, the book's charts' (``figures``) and ``extra`` ones into ``pot``; their number."""
    catalog = Catalog(project="briefbook", charset="utf-8")
    for name, folder in (("briefbook", PACKAGE), ("figures", figures or PACKAGE.parent / "figures")):
        for filename, lineno, message, comments, _ in extract_from_dir(folder, [("**.py", "python")], KEYWORDS):
            if isinstance(message, str):
                catalog.add(message, locations=[(f"{name}/{filename}", lineno)], auto_comments=comments)
    for word in extra:
        catalog.add(word, locations=[("_config.yml", 0)])
    pot.parent.mkdir(parents=True, exist_ok=True)
    with pot.open("wb") as handle:
        write_po(handle, catalog, sort_output=True, include_lineno=False)
    return len(catalog)


def update(locale_dir: Path, pot_dir: Path) -> str:
    """``sphinx-intl update`` of every translation's catalogs from the templates; a line per changed catalog."""
    (Path(pot_dir) / THEMES_TEMPLATE).unlink(missing_ok=True)
    argv = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(pot_dir), "-d", str(locale_dir), "-j", "1"]
    argv += [f"--language={lang}" for lang in LANGUAGES if lang != SOURCE]
    done = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    for path in Path(locale_dir).rglob("*.po"):
        if path.stem != DOMAIN:
            drop_format_flags(path)
    changed = [line.replace(f"{locale_dir}{os.sep}", "") for line in done.splitlines() if "Not Changed" not in line]
    return "; ".join([*changed, f"{done.count('Not Changed:')} catalogs not changed"])


def drop_format_flags(path: Path) -> None:
    """A page's messages are MyST, not Python format strings: without the flag, ``msgfmt -c`` and Poedit
    accept a translation that adds a role such as ``{en}``."""
    text = path.read_text(encoding="utf-8")
    kept = re.sub(r"(?m)^(#,.*?)(?:,? python-(?:brace-)?format)(.*)\n", r"\1\2\n", text)
    kept = re.sub(r"(?m)^#,\s*\n", "", kept.replace("#, , ", "#, "))
    if kept != text:
        path.write_text(kept, encoding="utf-8")
