"""Validation of the data package, once a reading: the descriptor and the rows against its Table
Schema (:mod:`briefbook.package`, by Frictionless), the rules the schema cannot state
(:mod:`briefbook.rules`), the data's translations and the translators' catalogs. Every problem
names file, row and column, e.g. ``data/quotations.csv:3: date: '2021-13-45' is not a date
(YYYY-MM-DD)``, and all of them are reported at once."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataError, Problem
from .i18n.checks import problems as translation_problems
from .i18n.checks import release_problems
from .i18n.validation import catalog_files, catalog_problems
from .package import Package, read_package, table_problems
from .paths import BIBLIOGRAPHY, brief_file, display
from .rules import rule_problems

__all__ = ["DataError", "Problem", "check", "problems", "report", "validate"]
_LAST: list = [None, {}]  # the last package checked, and its answers by files and mode


def problems(package: Package, bib: Path, brief: Path | None, *, release: bool = False) -> list[Problem]:
    """Every problem in a package that has been read, sorted by file and row; asked again of the
    same reading and files (the extension, after the build's own gate), the answer is kept. In
    ``release`` mode a translation that is missing or needs review is a problem too."""
    stamp = lambda p: (p, p.stat().st_mtime_ns) if p and p.is_file() else (p, None)  # noqa: E731
    key = (stamp(bib), stamp(brief), release, *map(stamp, catalog_files(package.data_dir.parent)))
    if _LAST[0] is not package:
        _LAST[:] = [package, {}]
    if key not in _LAST[1]:
        _LAST[1][key] = _problems(package, bib, brief, release)
    return _LAST[1][key]


def _problems(package: Package, bib: Path, brief: Path | None, release: bool) -> list[Problem]:
    if package.problems:
        return sorted(set(package.problems))
    try:
        from pybtex.database import parse_file

        keys = set(parse_file(str(bib), bib_format="bibtex").entries)
    except FileNotFoundError:
        return [Problem(display(bib), 0, "", "file is missing")]
    except Exception as exc:  # pybtex raises several kinds
        return [Problem(display(bib), 0, "", f"cannot be parsed: {exc}")]
    found = table_problems(package)
    brief_text = None
    if brief is not None:
        try:
            brief_text = brief.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            found.append(Problem(display(brief), 0, "", f"cannot be read: {exc}"))
    found += rule_problems(package, keys, display(bib), brief_text, display(brief) if brief else "")
    found += translation_problems(package, bib)
    found += catalog_problems(package.data_dir.parent)  # the translators' catalogs, read like the data
    if release:
        found += release_problems(package, bib)
    return sorted(set(found))


def validate(data_dir: Path | str, bib: Path | str | None = None, brief: Path | str | None = None, *,
             release: bool = False) -> list[Problem]:  # fmt: skip
    """Every problem in the data package at ``data_dir``, sorted by file and row. The fields that
    quote the brief are checked against its text at ``brief`` (by default
    :func:`briefbook.paths.brief_file`); where it is not at hand, that check alone is left out."""
    root = Path(data_dir).parent
    bib = Path(bib) if bib else root / BIBLIOGRAPHY
    brief = Path(brief) if brief else brief_file(root)
    return problems(read_package(data_dir), bib, brief, release=release)


def brief_notice(root: Path) -> str:
    """A line saying whether the claims were checked against the brief's text."""
    brief = brief_file(root)
    if brief is None:
        return ("the brief's text was not found (set BRIEFBOOK_SOURCES); claims.csv brief_text and quotations.csv "
                "text not checked against it")  # fmt: skip
    return f"claims.csv brief_text and quotations.csv text checked word for word against {display(brief)}"


def report(problems: list[Problem]) -> int:
    """Print every problem to stderr; the exit status a command should return (1 if any)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) > 1)} in the data; nothing was built.", file=sys.stderr)
    return 1 if problems else 0


def check(data_dir: Path | str, bib: Path | str | None = None, brief: Path | str | None = None) -> None:
    """Raise :class:`DataError` naming every problem, or return quietly."""
    if found := validate(data_dir, bib, brief):
        raise DataError(found)
