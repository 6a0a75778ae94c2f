"""What the build says of a translated edition: how complete its catalogs and its data
(``data/arabic.csv``) are, and
which passages of its pages are still in English (each named in the build's log)."""

from __future__ import annotations

from ..i18n import ENGLISH_NAMES, catalogs
from ..i18n.data import coverage
from ..package import read_package
from ..project import Project
from ..sphinx.translation import read_report
from .progress import Progress


def report(project: Project, language: str, progress: Progress) -> None:
    """One line for the terminal; the passages, by page and line, in the log."""
    name = ENGLISH_NAMES[language]
    progress.say(f"  {name} catalogs: {catalogs.summary(project.locale_dir, language)}")
    progress.say(f"  {name} data: {coverage(read_package(project.data_dir), language).summary()}")
    pages = read_report(project.doctrees(language))
    count = sum(len(found) for found in pages.values())
    if not count:
        progress.say(f"  {name} pages: every passage translated")
        return
    progress.say(
        f"  {name} pages: {count} passages in {len(pages)} pages still in English"
        f" (new, changed since `make translations`, or fuzzy): listed in the log"
    )
    for docname, found in pages.items():
        for line, words in found:
            progress.log.write(f"untranslated ({language}): {docname}:{line}: {words}\n")
