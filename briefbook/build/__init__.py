"""Building the book in one process: validate, HTML, EPUB, LaTeX, PDF, publish.

1. The data are validated once, before anything is written; a bad row stops the build.
2. A lock (:mod:`.lock`) keeps a second build out of the same checkout.
3. One change check (:mod:`.sources`): when the digest of the sources equals the published
   book's, nothing is built. Otherwise Sphinx runs the HTML, EPUB and LaTeX builders in this
   process (:mod:`.stages`), reading again only what changed, and latexmk makes the PDF.
4. Publishing (:mod:`.publish`) switches HTML, PDF, EPUB and downloads together, or not at all.

Each stage prints its time (:mod:`.progress`); the tools' full output goes to the build's own log
under ``_build/logs/``. Every failure ends in a few lines naming what failed and where
(:mod:`.failures`), never a traceback, and leaves the last good book in place.
"""

from __future__ import annotations

import shutil
import sys
import time
import traceback
from pathlib import Path

from ..edition import ConfigError, checked_address, settings
from ..i18n import LANGUAGES, SOURCE
from ..package import read_package
from ..project import Project
from ..validate import brief_notice, problems, report
from . import publish, sources, translations
from .failures import BuildError, os_error
from .lock import locked
from .progress import Progress
from .publish import data_package_files, deterministic_zip
from .sources import copy_sources, sources_digest
from .stages import epub, pdf, sphinx

__all__ = [
    "BuildError", "build", "copy_sources", "data_package_files", "deterministic_zip", "sources_digest",
]  # fmt: skip


def validated(project: Project, progress: Progress, release: bool = False) -> bool:
    """The one validation gate: every problem in the data, by file, row and column; for a
    ``release``, also every translation of the data's words that is missing or needs review."""
    start = time.monotonic()
    if report(problems(read_package(project.data_dir), project.bibliography, project.brief(), release=release)):
        return False
    progress.times["validate"] = time.monotonic() - start
    progress.say(f"[validate] data/ is valid ({progress.times['validate']:.1f} s); {brief_notice(project.root)}")
    return True


ATTEMPTS = 3  # builds in a row while the sources keep changing under them, before giving up


def run(project: Project, progress: Progress, *, release: bool = False, valid: sources.Reading | None = None) -> bool:
    """Build and publish unless nothing changed; True if a new book was published.

    Every format of both editions comes from one reading of the sources: the reading taken when
    the build starts, whose digest the published book records. A source written to while the book
    is built (even written back as it was) makes the whole book built again from a new reading,
    so a book mixing two readings is never published, nor called up to date. ``valid`` is the
    reading the data were validated in; a new reading is validated again."""
    with locked(project):
        for _attempt in range(ATTEMPTS):
            reading = sources.read(project.root)
            if publish.published_digest(project) == reading.digest:
                progress.say("[build] nothing has changed since the last build: HTML, PDF and EPUB are up to date")
                return False
            if valid is not None and sources.changed(valid, project.root) and not validated(project, progress, release):
                raise BuildError(
                    "briefbook build: the data changed during the build, and are not valid; nothing was published"
                )
            valid = reading
            html, ebook, made = build_all(project, progress, release=release)
            edited = sources.changed(reading, project.root)
            if edited:
                progress.say(f"[build] changed while the book was built: {shortlist(edited)}; building it again")
                continue
            with progress.stage("publish"):
                publish.publish(project, html, made, ebook, reading.digest)
            for language in LANGUAGES:
                progress.say(
                    f"  published {project.display(project.site_dir(language))}/,"
                    f" {project.display(project.pdf_file(language))} and {project.display(project.epub_file(language))}"
                )
            return True
        raise BuildError(
            f"briefbook build: the sources changed during each of {ATTEMPTS} builds in a row (last: {shortlist(edited)});"
            " nothing was published: build again once they are settled"
        )


def build_all(project: Project, progress: Progress, *, release: bool = False) -> tuple[dict, dict, dict]:
    """Every format of every edition, in the working folder: HTML, EPUB and PDF by language."""
    forget_older_layout(project)
    if progress.log is None:
        log = progress.open_log()
        progress.say(f"  the tools' output: {project.display(log)}")
    html, ebook, made = {}, {}, {}
    for language in LANGUAGES:
        html[language] = sphinx(project, "html", progress, language, release=release)
        if language != SOURCE:
            translations.report(project, language, progress)
        ebook[language] = epub(project, progress, language)
        sphinx(project, "latex", progress, language)
        made[language] = pdf(project, progress, language)
    return html, ebook, made


def shortlist(names: list[str], shown: int = 5) -> str:
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return ", ".join(names[:shown]) + more


def forget_older_layout(project: Project) -> None:
    """What builds before this one kept and no build reads: Jupyter Book's own build folder in the
    working folder, the change stamps, the three shared logs."""
    shutil.rmtree(project.work_dir / "_build", ignore_errors=True)
    for path in (
        *project.work_dir.glob("*.sources"),
        *(project.logs_dir / f"{n}.log" for n in ("html", "latex", "pdf")),
    ):
        path.unlink(missing_ok=True)


def build(root: Path, progress: Progress | None = None, *, release: bool = False) -> int:
    """``briefbook build``: the exit status (0 built or up to date, 1 failed). A ``release`` build
    needs the edition's translations complete: the data's (validation) and the pages' (any passage
    of a translated edition left in English fails it)."""
    start = time.monotonic()
    project = Project(Path(root))
    progress = progress or Progress(project)
    try:
        checked_address(settings(project.root).get("html_baseurl"))  # _config.yml and the address, checked first
        reading = sources.read(project.root)
    except ConfigError as exc:
        return failed(progress, f"briefbook build: {exc}")
    except OSError as exc:
        return failed(progress, f"briefbook build: {os_error(exc, project)}")
    if not validated(project, progress, release):
        return 1
    try:
        run(project, progress, release=release, valid=reading)
    except BuildError as exc:
        return failed(progress, str(exc))
    except OSError as exc:
        return failed(progress, f"briefbook build: {os_error(exc, project)}")
    except KeyboardInterrupt:
        return failed(progress, "briefbook build: interrupted", status=130)
    except Exception as exc:  # a fault of this program: its traceback goes to the log, not the terminal
        if progress.log:
            traceback.print_exc(file=progress.log)
        return failed(progress, f"briefbook build: internal error: {type(exc).__name__}: {exc}")
    finally:
        progress.close()
    progress.say(f"[done] in {time.monotonic() - start:.1f} s")
    return 0


def failed(progress: Progress, message: str, status: int = 1) -> int:
    """Print what failed; once a stage has begun, also where the log is and that the book is kept."""
    print(message, file=sys.stderr)
    if progress.log:
        progress.log.write(f"\n{message}\n")
    if progress.log_path:
        print(f"The whole log is {progress.project.display(progress.log_path)}.", file=sys.stderr)
        print("The last good book, if any, is left in place.", file=sys.stderr)
    return status
