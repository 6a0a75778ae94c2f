"""``briefbook translations update`` and ``briefbook translations status`` (``make translations``)."""

from __future__ import annotations

import sys
from pathlib import Path

from ..project import Project
from . import ENGLISH_NAMES, LANGUAGES, SOURCE, catalogs


def update(root: Path) -> int:
    """Extract every message of the English book and update each translation's catalogs."""
    from ..build.failures import BuildError
    from ..build.lock import locked
    from ..build.progress import Progress
    from ..build.stages import sphinx

    project = Project(root)
    progress = Progress(project)
    try:
        with locked(project):
            progress.open_log()
            pot_dir = sphinx(project, "gettext", progress)
            count = catalogs.extract_package(pot_dir / f"{catalogs.DOMAIN}.pot", project.root)
            progress.say(f"  the package's own words: {count} messages")
            changed = catalogs.update(project.locale_dir, pot_dir)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        progress.close()
    print(
        f"[translations] catalogs under {project.display(project.locale_dir)}/: {changed['create']} created,"
        f" {changed['update']} updated, {changed['notchanged']} unchanged"
    )
    return status(root)


def status(root: Path) -> int:
    """Each translation's completeness; every fuzzy or empty message by file and line."""
    project = Project(root)
    for language in LANGUAGES:
        if language == SOURCE:
            continue
        print(f"{ENGLISH_NAMES[language]}: {catalogs.summary(project.locale_dir, language)}")
        for line in catalogs.problems(project.locale_dir, language, project.root):
            print(f"  {line}")
    return 0
