"""One language's edition, in a process of its own: ``python -m briefbook.pipeline.worker ROOT LANG LOG``.

Sphinx's HTML, EPUB and LaTeX builders share one environment (pages are read again only where they
changed), then latexmk makes the PDF. Progress lines go to this process's stdout, a failure in a
few lines to its stderr, everything the tools write to ``LOG``. Each language has a process, so no
catalog of one language is ever seen by another.
"""

from __future__ import annotations

import argparse
import ctypes
import io
import os
import runpy
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sphinx.util.console import nocolor

from .. import edition
from ..languages import SOURCE
from ..languages import language as registered
from ..project import Project
from .failures import BuildError, explain, missing_glyphs, os_error, sphinx_warnings, tex_error

STAGES = {
    "html": "HTML",
    "epub": "EPUB",
    "latex": "LaTeX sources",
    "pdf": "PDF (XeLaTeX)",
    "gettext": "message templates",
}


class Warnings(io.StringIO):
    """Sphinx's warning stream, kept whole and copied to the log."""

    def write(self, text: str) -> int:
        sys.stdout.write(text)
        return super().write(text)


def sphinx(project: Project, builder: str, language: str, release: bool, say) -> Path:
    """Run one Sphinx builder over the book in one language; its output folder."""
    from myst_nb.sphinx_ext import add_global_html_resources
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    out = project.sphinx_output(builder, language)
    doctrees = project.doctrees(language) if builder != "gettext" else project.work_dir / ".doctrees-gettext"
    if builder == "html":  # written afresh: no page, index entry, download or image of an older build
        for page in out.rglob("*.html") if out.is_dir() else ():
            if not page.relative_to(out).parts[0].startswith("_"):
                page.unlink()
        (out / "searchindex.js").unlink(missing_ok=True)
        for name in ("_downloads", "_images"):
            shutil.rmtree(out / name, ignore_errors=True)
    warnings = Warnings()
    with patch_docutils(project.root), docutils_namespace():  # as sphinx-build runs each build
        overrides = {
            "language": language,
            "nb_execution_cache_path": str(project.work_dir / f".jupyter_cache-{language}"),
        }
        if "briefbook.sphinx" in runpy.run_path(str(project.work_dir / "conf.py"))["extensions"]:
            overrides["briefbook_validate"] = False  # validated once, before any Sphinx
            overrides["briefbook_release"] = release  # a release: passages left in English fail it
        app = Sphinx(project.root, project.work_dir, out, doctrees, builder, confoverrides=overrides,
                     status=sys.stdout, warning=warnings, warningiserror=True, keep_going=True)  # fmt: skip
        app.connect(
            "env-before-read-docs", lambda app, env, docs: say(f"  {len(docs)} of {len(env.found_docs)} pages to read")
        )
        if builder == "html":  # myst-nb's stylesheet in place before pages link it, as a rebuild finds it
            (out / "_static").mkdir(parents=True, exist_ok=True)
            add_global_html_resources(app, None)
        app.build()
    if app.statuscode:
        raise BuildError(sphinx_warnings(warnings.getvalue(), project.root))
    return out


def pdf(project: Project, language: str) -> Path:
    """XeLaTeX through latexmk, dated by the last commit; a character the fonts lack fails it."""
    latex = project.sphinx_output("latex", language)
    env = dict(os.environ, SOURCE_DATE_EPOCH=edition.source_date_epoch(project.root), FORCE_SOURCE_DATE="1")
    env["max_print_line"] = "100000"  # TeX's messages on whole lines
    argv = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", "book.tex"]
    run = subprocess.run(
        argv, cwd=latex, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace"
    )
    sys.stdout.write(run.stdout + run.stderr)
    log = latex / "book.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    if run.returncode:
        raise BuildError(tex_error(text, latex / "book.tex", project.root, run.stdout + run.stderr))
    if missing := missing_glyphs(text, latex / "book.tex"):
        raise BuildError("characters that the PDF's fonts lack:\n" + "\n".join(missing))
    return latex / "book.pdf"


def report(project: Project, language: str, say) -> None:
    """How complete a translated edition is; its passages still in English, named in the log."""
    from ..i18n import catalogs
    from ..i18n.data import coverage
    from ..sphinx.translation import read_report

    name = registered(language).english_name
    say(f"  {name} catalogs: {catalogs.summary(project.locale_dir, language)}")
    if project.descriptor.is_file():
        say(f"  {name} data: {coverage(project.package, language).summary()}")
    pages = read_report(project.doctrees(language))
    for docname, found in pages.items():
        for line, words in found:
            print(f"untranslated ({language}): {docname}:{line}: {words}")
    count = sum(len(found) for found in pages.values())
    say(f"  {name} pages: {count} passages in {len(pages)} pages still in English (listed in the log)"
        if count else f"  {name} pages: every passage translated")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="briefbook.pipeline.worker")
    parser.add_argument("root", type=Path)
    parser.add_argument("language")
    parser.add_argument("log", type=Path)
    parser.add_argument("--stages", default="html,epub,latex,pdf")
    parser.add_argument("--release", action="store_true")
    parser.add_argument("--parent", type=int, default=0, help="die with this process (Linux)")
    args = parser.parse_args(argv)
    if args.parent and sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: never outlive the build
        if os.getppid() != args.parent:
            return 1
    nocolor()
    out, err = (os.fdopen(os.dup(fd), "w", buffering=1, encoding="utf-8") for fd in (1, 2))
    log = args.log.open("a", encoding="utf-8", buffering=1)
    for fd in (1, 2):  # what Sphinx, the kernels and latexmk write goes to the log
        os.dup2(log.fileno(), fd)

    def say(text: str) -> None:
        print(text, file=out, flush=True)
        print(text, flush=True)

    project = Project(args.root.resolve())
    suffix = "" if args.language == SOURCE else f", {registered(args.language).english_name}"
    for builder in args.stages.split(","):
        name = f"{STAGES[builder]}{suffix}"
        say(f"[{name}] ...")
        start = time.monotonic()
        try:
            if builder == "pdf":
                pdf(project, args.language)
            else:
                sphinx(project, builder, args.language, args.release, say)
        except KeyboardInterrupt:
            print(f"[{name}] interrupted", file=err)
            return 130
        except BaseException as exc:  # noqa: BLE001  # the traceback goes to the log, a few lines to the terminal
            import traceback

            traceback.print_exc()
            why = (
                str(exc)
                if isinstance(exc, BuildError)
                else os_error(exc, project.root)
                if isinstance(exc, OSError)
                else explain(exc, project.root)
            )
            print(f"[{name}] failed after {time.monotonic() - start:.1f} s: {why}", file=err, flush=True)
            return 1
        say(f"[{name}] done in {time.monotonic() - start:.1f} s")
        if builder == "html" and args.language != SOURCE:
            report(project, args.language, say)
    return 0


if __name__ == "__main__":
    sys.exit(main())
