"""The edition's own words in the bibliography, translated like the data's words.

``references.bib`` gives, for each work, words that its authors and outlets published (the
headline, the outlet, the authors, the address), which every edition prints as published, and
words of this edition: each entry's ``note``, and a ``title`` in square brackets, which describes
a report whose headline the copy does not show ("[Report on the drone attack on ...]"). The
edition's words are translated in the data's translation table (``data/arabic.csv``), one row per
piece, named as the data's pieces are, ``(table, id, field)``:

    references,<BibTeX key>,note|title,<the English exactly as references.bib gives it>,<Arabic>

:func:`texts` lists what there is to translate and its English now; validation
(:mod:`.checks`) and the coverage report (:mod:`.data`) count a missing row, a row that needs
review (its ``english`` is no longer the entry's) and an obsolete one (the entry, or its note or
bracketed title, is gone) as they count the data's; the book's bibliography style
(:mod:`briefbook.bib`) prints the current translations in the edition's language
(:func:`translations`), and the English where there is none.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .cells import Key

REFERENCES = "references"
NOTE, TITLE = "note", "title"
FIELDS = (NOTE, TITLE)
ENTRY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)\s*,", re.M)


def english(value: str) -> str:
    """A field's value as the table compares it: its whitespace (a line break inside the field) as
    single spaces."""
    return " ".join(str(value).split())


def is_description(title: str) -> bool:
    """A title in square brackets: this edition's description of a report, not its headline."""
    title = english(title)
    return title.startswith("[") and title.endswith("]")


def texts(bib: Path) -> dict[Key, str]:
    """The edition's words of every entry of ``bib``, by ``("references", key, "note"|"title")``:
    each note, and each title in square brackets, with its English now; empty where the file is
    missing or cannot be parsed (validation reports that on its own)."""
    try:
        stat = Path(bib).stat()
    except OSError:
        return {}
    return dict(_texts(Path(bib), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _texts(bib: Path, mtime_ns: int, size: int) -> tuple[tuple[Key, str], ...]:
    from pybtex.database import parse_file

    try:
        entries = parse_file(str(bib), bib_format="bibtex").entries
    except Exception:  # pybtex raises several kinds; validation names the file and the error
        return ()
    out = []
    for key, entry in entries.items():
        title, note = english(entry.fields.get(TITLE, "")), english(entry.fields.get(NOTE, ""))
        if title and is_description(title):
            out.append(((REFERENCES, key, TITLE), title))
        if note:
            out.append(((REFERENCES, key, NOTE), note))
    return tuple(out)


def lines(bib: Path) -> dict[Key, int]:
    """The line of each entry's note and title in ``bib`` (the entry's first line where the field's
    own is not found), for messages that name file and line."""
    try:
        text = Path(bib).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    starts = [(m.start(), m[1]) for m in ENTRY.finditer(text)]
    out: dict[Key, int] = {}
    for n, (start, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        first = text.count("\n", 0, start) + 1
        for name in FIELDS:
            hit = re.search(rf"^[ \t]*({name})\s*=", text[start:end], re.M | re.I)
            out[(REFERENCES, key, name)] = first + text.count("\n", start, start + hit.start(1)) if hit else first
    return out


def translations(root: Path, language: str) -> dict[tuple[str, str], str]:
    """The current translations of the edition's words in ``root``'s references.bib into
    ``language``, by ``(key, field)``: the first row of each piece whose ``english`` is the
    entry's English now and whose translation is not empty. Empty for the English."""
    from ..package import read_package
    from ..project import TRANSLATION_TABLES, Project
    from .data import rows

    if language not in TRANSLATION_TABLES:
        return {}
    project = Project(Path(root))
    now = texts(project.bibliography)
    package = read_package(project.data_dir)
    done: dict[tuple[str, str], str] = {}
    for key, text_en, text, _ in rows(package, language):
        if key[0] == REFERENCES and (key[1], key[2]) not in done and now.get(key) == text_en and text.strip():
            done[(key[1], key[2])] = text
    return done
