"""One language's edition in a process of its own: Sphinx's builders on one environment, then
latexmk. Progress to stdout, a failure in a few lines to stderr, the tools' output to the log."""

from __future__ import annotations

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
from ..languages import SOURCE, language
from ..package import read_package
from ..project import Project
from .failures import WARNINGS, BuildError, explain, missing_glyphs, shown, sphinx_warnings, tex_error

STAGES = {"html": "HTML", "epub": "EPUB", "latex": "LaTeX sources", "pdf": "PDF (XeLaTeX)", "gettext": "message templates"}  # fmt: skip


class Warnings(io.StringIO):
    """Sphinx's warnings, kept for the failure's message and written to the log."""

    def write(self, text: str) -> int:
        sys.stdout.write(text)
        return super().write(text)


def sphinx(project: Project, builder: str, lang: str, release: bool, say, preview: bool = False, first: bool = True):
    """One builder's run (the preview's, :mod:`.preview`: what changed); ``first``: not sharing another's environment."""
    from myst_nb.sphinx_ext import add_global_html_resources
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    from .notebooks import Notebooks

    out, doctrees = project.sphinx_output(builder, lang), project.doctrees(lang)
    if builder == "html" and not preview:  # written afresh: no page, index entry, download or image of an older build
        shutil.rmtree(out, ignore_errors=True)
    overrides = {"language": lang, "nb_execution_cache_path": str(project.work_dir / f".jupyter_cache-{lang}")}
    if "briefbook.sphinx" in runpy.run_path(str(project.work_dir / "conf.py"))["extensions"]:
        overrides["briefbook_validate"] = False  # validated once, before any Sphinx
    if preview:  # the theme's stylesheet as it comes: cutting it to what pages use reads every page
        overrides["briefbook_lighter_theme"] = False
    if release:  # passages left in English fail a release (briefbook.sphinx.translation)
        overrides["briefbook_release"] = True
    if builder == "gettext":  # the gettext builder keeps an environment of its own
        doctrees = project.work_dir / ".doctrees-gettext"
    warnings = Warnings()
    with patch_docutils(project.root), docutils_namespace():  # as sphinx-build runs each build
        app = Sphinx(project.root, project.work_dir, out, doctrees, builder, confoverrides=overrides,
                     status=sys.stdout, warning=warnings, warningiserror=True, keep_going=True)  # fmt: skip
        Notebooks(app, say, first)
        if builder == "html":  # myst-nb's stylesheet there before the pages link it, as a rebuild finds it
            (out / "_static").mkdir(parents=True, exist_ok=True)
            add_global_html_resources(app, None)
        app.build()
    if app.statuscode:
        raise BuildError(sphinx_warnings(warnings.getvalue(), project.root))


WATCHDOG = "import os, signal, sys\nos.read(0, 1)\ntry:\n    os.killpg(int(sys.argv[1]), signal.SIGKILL)\nexcept OSError:\n    pass"


def latexmk(project: Project, lang: str) -> subprocess.Popen:
    """XeLaTeX through latexmk, dated by the last commit, started (the EPUB is made meanwhile)."""
    tex = project.sphinx_output("latex", lang) / "book.tex"
    env = dict(os.environ, SOURCE_DATE_EPOCH=edition.source_date_epoch(project.root), FORCE_SOURCE_DATE="1")
    argv = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name]
    with open(tex.with_name("latexmk.out"), "w", encoding="utf-8") as out:
        run = subprocess.Popen(argv, cwd=tex.parent, env={**env, "max_print_line": "100000"}, process_group=0,
                               stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    # XeLaTeX, latexmk's child, would outlive this process (its death signal reaches latexmk's parent
    # only): a watchdog reads a pipe that closes when this process ends, then stops latexmk's group
    watch, _held = os.pipe()  # the write end stays open as long as this process lives
    subprocess.Popen([sys.executable, "-c", WATCHDOG, str(run.pid)], stdin=watch, stdout=subprocess.DEVNULL)
    os.close(watch)
    return run


def pdf(project: Project, lang: str, run: subprocess.Popen, say) -> None:
    """latexmk's end: a TeX error, or a character the fonts lack, fails the stage; the warnings left are counted."""
    tex = project.sphinx_output("latex", lang) / "book.tex"
    run.wait()
    print(output := tex.with_name("latexmk.out").read_text(encoding="utf-8", errors="replace"))
    log = tex.with_suffix(".log")
    log = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    if run.returncode:
        raise BuildError(tex_error(log, tex, project.root, output))
    if missing := missing_glyphs(log, tex):
        raise BuildError("characters that the PDF's fonts lack:\n" + "\n".join(missing))
    if count := len(WARNINGS[0].findall(log)) + len(WARNINGS[1].findall(output)):
        say(f"  {count} LaTeX warning{'s' * (count > 1)} left (in {shown(tex.with_suffix('.log'), project.root)})")


def report(project: Project, lang: str, say) -> None:
    """How complete a translated edition is; its passages still in English, each named in the log."""
    from ..i18n import catalogs
    from ..i18n.data import coverage
    from ..sphinx.translation import read_report

    name, pages = language(lang).english_name, read_report(project.doctrees(lang))
    say(f"  {name} catalogs: {catalogs.summary(project.locale_dir, lang)}")
    if project.descriptor.is_file():
        say(f"  {name} data: {coverage(read_package(project.data_dir), lang).summary()}")
    lines = [f"untranslated ({lang}): {doc}:{n}: {words}" for doc, found in pages.items() for n, words in found]
    print("\n".join(lines))
    said = f"{len(lines)} passage{'s' * (len(lines) > 1)} in {len(pages)} page{'s' * (len(pages) > 1)} still in English"
    say(f"  {name} pages: {said + ' (in the log)' if lines else 'every passage translated'}")


def main(root: str, lang: str, log: str, stages: str, release: str, parent: str) -> int:
    """``ROOT LANG LOG STAGES RELEASE PARENT``: RELEASE "1" or "0"; PARENT the build, to die with."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG: never outlive the build
        if os.getppid() != int(parent):
            return 1
    nocolor()
    out, err = (os.fdopen(os.dup(fd), "w", buffering=1, encoding="utf-8") for fd in (1, 2))
    with open(log, "a", encoding="utf-8", buffering=1) as tools:
        for fd in (1, 2):  # what Sphinx, the kernels and latexmk write goes to the log
            os.dup2(tools.fileno(), fd)

    def say(text: str) -> None:
        print(text, file=out, flush=True)
        print(text, flush=True)

    def stage(name: str, start: float, work) -> bool:
        try:
            work()
        except BaseException as exc:  # the traceback to the log, what failed and where to the terminal
            import traceback

            traceback.print_exc()
            print(f"[{name}] {'interrupted' if isinstance(exc, KeyboardInterrupt) else 'failed'} after "
                  f"{time.monotonic() - start:.1f} s: {explain(exc, project.root)}", file=err, flush=True)  # fmt: skip
            return False
        say(f"[{name}] done in {time.monotonic() - start:.1f} s")
        return True

    project, running, order = Project(Path(root)), [], stages.split(",")
    for builder in order:
        name, start = STAGES[builder] + ("" if lang == SOURCE else f", {language(lang).english_name}"), time.monotonic()
        say(f"[{name}] ...")
        if builder == "pdf":  # XeLaTeX runs while the next stages do
            running.append((name, start, latexmk(project, lang)))
        elif not stage(
            name, start, lambda b=builder: sphinx(project, b, lang, release == "1", say, False, b == order[0])
        ):
            for _name, _start, run in running:
                run.kill()
            return 1
        if builder == "html" and lang != SOURCE:
            report(project, lang, say)
    return 0 if all(stage(name, start, lambda r=run: pdf(project, lang, r, say)) for name, start, run in running) else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
