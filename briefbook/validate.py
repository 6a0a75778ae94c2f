"""Validation of the data package, all problems at once, each naming file, row and column (e.g.
``data/quotations.csv:3: date: '2021-13-45' is not a date (YYYY-MM-DD)``): the descriptor and the
rows by Frictionless, the rules the schema cannot state, the data's translations, the catalogs."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataError, Problem
from .i18n.catalogs import catalog_problems
from .i18n.data import translation_problems
from .package import Package, read_package, table_problems
from .paths import BIBLIOGRAPHY, brief_file, display
from .rules import rule_problems

__all__ = ["DataError", "Problem", "check", "problems", "report", "validate"]


def problems(package: Package, bib: Path, brief: Path | None, *, release: bool = False) -> list[Problem]:
    """Every problem in a package that has been read, sorted by file and row. In ``release`` mode a
    translation that is missing or needs review is a problem too."""
    if package.problems:
        return sorted(set(package.problems))
    try:
        from pybtex.database import parse_file

        keys = set(parse_file(str(bib), bib_format="bibtex").entries)
    except FileNotFoundError:
        return [Problem(display(bib), 0, "", "file is missing")]
    except Exception as exc:  # pybtex raises several kinds
        return [Problem(display(bib), 0, "", f"cannot be parsed: {exc}")]
    found, brief_text = table_problems(package), None
    try:
        brief_text = brief.read_text(encoding="utf-8") if brief else None
    except (OSError, UnicodeDecodeError) as exc:
        found.append(Problem(display(brief), 0, "", f"cannot be read: {exc}"))
    found += rule_problems(package, keys, display(bib), brief_text, display(brief) if brief else "")
    found += translation_problems(package, bib if release else None) + catalog_problems(package.data_dir.parent)
    return sorted(set(found))


def validate(data_dir: Path | str, bib: Path | str | None = None, brief: Path | str | None = None, *,
             release: bool = False) -> list[Problem]:  # fmt: skip
    """Every problem in the data package at ``data_dir``; the fields that quote the brief checked
    against its text at ``brief`` (by default :func:`briefbook.paths.brief_file`) where it is at hand."""
    root = Path(data_dir).parent
    brief = Path(brief) if brief else brief_file(root)
    return problems(read_package(data_dir), Path(bib) if bib else root / BIBLIOGRAPHY, brief, release=release)


def brief_notice(root: Path) -> str:
    """A line saying whether the claims were checked against the brief's text."""
    if (brief := brief_file(root)) is None:
        return ("the brief's text was not found (set BRIEFBOOK_SOURCES); claims.csv brief_text and quotations.csv "
                "text not checked against it")  # fmt: skip
    return f"claims.csv brief_text and quotations.csv text checked word for word against {display(brief)}"


def report(problems: list[Problem], outcome: str = "; nothing was built") -> int:
    """Print every problem to stderr; the exit status a command should return (1 if any)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem{'s' * (len(problems) > 1)} in the data{outcome}.", file=sys.stderr)
    return 1 if problems else 0


def check(data_dir: Path | str, bib: Path | str | None = None, brief: Path | str | None = None) -> None:
    """Raise :class:`DataError` naming every problem, or return quietly."""
    if found := validate(data_dir, bib, brief):
        raise DataError(found)
