"""The stages that make the book: Sphinx's HTML, EPUB and LaTeX builders, run in this process
through Jupyter Book 1's own API (as ``jupyter-book build --path-output _build/.work -W -n --keep-going``
would run them), then XeLaTeX through latexmk.

The three builders share one Sphinx environment and one execution cache in ``_build/.work``:
Sphinx reads again only the pages whose sources (or the files they note as dependencies)
changed, and myst-nb executes a notebook only when its cells changed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .. import edition
from ..i18n import ENGLISH_NAMES, SOURCE
from ..project import Project
from . import failures, parallel
from .failures import BuildError
from .progress import Progress

# Extensions Jupyter Book loads by default that this book does not use: intersphinx (the book
# links to no other Sphinx project, and would fetch their inventories online; importing it costs
# a tenth of a second and more in every build).
UNUSED_EXTENSIONS = ("sphinx.ext.intersphinx",)
# What a notebook's cell writes to stderr (a chart's matplotlib warning, say) never reaches a page:
# it is taken out, and its warning ("stderr was found in the cell outputs of cell 3", with the
# chapter and the cell's line) fails the build, as every warning does.
BUILD_SETTINGS = {"nb_output_stderr": "remove-warn"}
NOT_BOOK_PATTERNS = (".*", "**/.*", "_build*", "**/_build*")
STAGES = {
    "html": "HTML",
    "epub": "EPUB",
    "latex": "LaTeX sources",
    "pdf": "PDF (XeLaTeX)",
    "gettext": "message templates",
}


def stage(name: str, language: str) -> str:
    """A stage's name as the build prints it: "HTML", "HTML, Arabic"."""
    return STAGES[name] if language == SOURCE else f"{STAGES[name]}, {ENGLISH_NAMES[language]}"


def book_config(project: Project) -> tuple[dict, dict]:
    """The book's Sphinx configuration as Jupyter Book derives it from _config.yml, and the
    overrides that ``jupyter-book build -n`` passes (the table of contents, nit-picky mode)."""
    from jupyter_book.config import get_final_config

    overrides = {"external_toc_path": project.toc_file.as_posix(), "latex_individualpages": False, "nitpicky": True}
    config, _ = get_final_config(user_yaml=project.config_file, cli_config=dict(overrides), sourcedir=project.root)
    config["extensions"] = [e for e in config["extensions"] if e not in UNUSED_EXTENSIONS]
    for key, value in BUILD_SETTINGS.items():
        config[key] = overrides[key] = value
    # Only the table of contents' pages are read (only_build_toc_files), but sphinx-external-toc
    # does not look into hidden folders for the files to leave out, and Sphinx does: a copy of a
    # build folder (``_build.orig/.work/…``) had its cached notebooks read as pages.
    config["exclude_patterns"] = overrides["exclude_patterns"] = [
        *(config.get("exclude_patterns") or []),
        *(p for p in NOT_BOOK_PATTERNS if p not in (config.get("exclude_patterns") or [])),
    ]
    return config, overrides


def forget_translations() -> None:
    """Sphinx keeps each catalog it has read, its own and the themes', for the life of the process
    and reuses it whatever language the next Sphinx asks for (``sphinx.locale.translators``), as
    Python's gettext keeps each compiled catalog by path: one build after another in one process
    (the tests, a release after a build) would write the English book in the Arabic's interface
    words. Each run starts without them."""
    import gettext

    from sphinx.locale import translators

    translators.clear()
    gettext._translations.clear()  # noqa: SLF001  # no public way


def sphinx(
    project: Project, builder: str, progress: Progress, language: str = SOURCE, *, release: bool = False
) -> Path:
    """Run one Sphinx builder over the book in one language; return its output folder. Each
    language is read into an environment of its own; the translations come from the gettext
    catalogs under ``locales/`` (one per page, :mod:`briefbook.i18n`)."""
    from jupyter_book.sphinx import build_sphinx
    from sphinx.util.console import nocolor

    nocolor()  # the log is a file
    out = project.sphinx_output(builder, language)
    with progress.stage(stage(builder, language)):
        try:
            config, overrides = book_config(project)
        except Exception as exc:  # a malformed _config.yml
            raise BuildError(
                f"{failures.shown(project.config_file, project)}: {failures.explain(exc, project)}"
            ) from exc
        overrides["extensions"] = [
            *config["extensions"],
            "briefbook.build.progress",
            "briefbook.build.parallel",
            "briefbook.build.templates",
            "briefbook.build.assets",
        ]
        # A source_suffix of the run's own: left unset, Sphinx 7.4 merges myst-nb's suffixes into
        # the default value itself, and every later Sphinx app in this process would ask for myst-nb.
        overrides["source_suffix"] = dict(config.get("source_suffix") or {".rst": "restructuredtext"})
        # A templates_path of the run's own, too: the themes append their folders to it, and left
        # unset it is Sphinx's one default list, which grew with each run in this process.
        overrides["templates_path"] = list(config.get("templates_path") or [])
        overrides.update(language=language, locale_dirs=[project.locale_dir.name], gettext_compact=False)
        if release:  # a release refuses passages left untranslated (briefbook.sphinx.translation)
            overrides["briefbook_release"] = True
        forget_translations()
        if builder == "html":
            written_afresh(out)
            copied_afresh(out)
        with progress.captured():
            result = build_sphinx(
                project.root,
                out,
                noconfig=True,
                path_config=str(project.config_file),
                confoverrides=overrides,
                # Sphinx's gettext builder needs an environment of its own (it keeps text versions)
                doctreedir=project.doctrees(language)
                if builder != "gettext"
                else project.work_dir / ".doctrees-gettext",
                builder=builder,
                warningiserror=True,
                keep_going=True,
                jobs=parallel.JOBS,
            )
        if isinstance(result, KeyboardInterrupt):
            raise result
        if isinstance(result, BaseException):
            raise BuildError(failures.explain(result, project))
        if result:
            raise BuildError(failures.sphinx_warnings(progress.warnings, project))
    return out


def written_afresh(out: Path) -> None:
    """Every page, and the search index, written afresh from the environment, as a clean build
    writes them (the pages are still read again only where they changed): Sphinx 7.4 otherwise
    keeps the words of a page's earlier text in the index it reloads (with no page to go to), and
    loses the index entries of the pages it does not write again (their record in the environment
    was saved before they were written). The last build's pages are removed, so Sphinx finds every
    page out of date; ``force_all`` would do as much, but also compiles every catalog again, and
    the newer catalogs make Sphinx read every translated page again."""
    if not out.is_dir():
        return
    for page in out.rglob("*.html"):
        if not page.relative_to(out).parts[0].startswith("_"):  # _static/, _images/: the themes' files
            page.unlink()
    (out / "searchindex.js").unlink(missing_ok=True)


# The folders into which Sphinx copies the files that the pages link to or show, on each build,
# and never empties: files of an earlier build (a chart's data before an edit) would stay published.
COPIED = ("_downloads", "_images")


def copied_afresh(out: Path) -> None:
    """The downloads and images copied afresh: the folders Sphinx copies them into are emptied,
    so that the site holds only what this build links.
    Sphinx copies every download the environment knows on each build, and every image of the pages
    it writes, which :func:`written_afresh` makes every page."""
    for name in COPIED:
        shutil.rmtree(out / name, ignore_errors=True)


def epub(project: Project, progress: Progress, language: str = SOURCE) -> Path:
    """Sphinx's EPUB 3 builder, as the book's extension sets it up (:mod:`briefbook.sphinx.epub`).
    Returns the EPUB in the working folder."""
    return sphinx(project, "epub", progress, language) / f"{project.stem(language)}.epub"


def pdf(project: Project, progress: Progress, language: str = SOURCE) -> Path:
    """XeLaTeX through latexmk, which runs it only as often as the LaTeX sources need; a character
    the fonts lack fails the stage. Returns the PDF in the working folder."""
    latex = project.sphinx_output("latex", language)
    # Dates in the PDF (and its /ID) come from the last commit, so rebuilds give the same bytes.
    env = dict(os.environ, SOURCE_DATE_EPOCH=edition.source_date_epoch(project.root), FORCE_SOURCE_DATE="1")
    env["max_print_line"] = "100000"  # TeX's log unwrapped, so that its messages are whole lines
    argv = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "book.tex"]
    with progress.stage(stage("pdf", language)):
        progress.log.flush()
        start = os.lseek(progress.log.fileno(), 0, os.SEEK_CUR)  # where latexmk's output begins in the log
        code = subprocess.run(argv, cwd=latex, env=env, stdin=subprocess.DEVNULL, stdout=progress.log,
                              stderr=subprocess.STDOUT).returncode  # fmt: skip
        log = latex / "book.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        if code:
            output = progress.log_path.read_bytes()[start:].decode("utf-8", "replace") if progress.log_path else ""
            raise BuildError(failures.tex_error(text, latex / "book.tex", project, output))
        missing = failures.missing_glyphs(text, latex / "book.tex")
        if missing:
            raise BuildError("characters that the PDF's fonts lack:\n" + "\n".join(missing))
    return latex / "book.pdf"
