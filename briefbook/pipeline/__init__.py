"""``make book``: validate the data once, take the lock, compare the sources' digest with the
published book's, build each language's edition in a process of its own (:mod:`.worker`), publish
every format at once (:mod:`.publishing`). A failure is a few lines; the last good book stays."""

from __future__ import annotations

import fcntl
import os
import runpy
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import yaml
from sphinx.util.texescape import escape

from ..edition import ConfigError, checked_address, settings
from ..languages import LANGUAGES, SOURCE
from ..package import read_package
from ..project import Project
from ..validate import brief_notice, problems, report
from .failures import BuildError, os_error
from .publishing import changed, copy_sources, data_package_files, publish, published_digest, read_sources

__all__ = ["BuildError", "build", "copy_sources", "data_package_files", "edition", "write_conf"]
ATTEMPTS = 3  # builds in a row while the sources keep changing under them
KEEP_LOGS = 20
# Settings Sphinx reads relative to the folder of conf.py
PATHS = {"bibtex_bibfiles", "html_static_path", "html_extra_path", "templates_path", "locale_dirs", "html_favicon",
         "html_logo", "latex_additional_files", "external_toc_path"}  # fmt: skip
PACKAGE = Path(__file__).resolve().parents[2]  # the worker runs this same package


def say(text: str) -> None:
    print(text, flush=True)


def validated(project: Project, release: bool) -> bool:
    """Every problem in the data, by file, row and column (a release: also the data's translations)."""
    start = time.monotonic()
    if report(problems(read_package(project.data_dir), project.bibliography, project.brief(), release=release)):
        return False
    say(f"[validate] data/ is valid ({time.monotonic() - start:.1f} s); {brief_notice(project.root)}")
    return True


@contextmanager
def locked(project: Project):
    """One build at a time in a checkout: an exclusive ``flock``, released however the build ends."""
    project.lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(project.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode(errors="replace").strip() or "another process"
            raise BuildError(
                f"another build is running in this checkout ({holder}); wait for it to end, then build again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"process {os.getpid()}, started {time.strftime('%H:%M:%S')}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # released: the file names no build, which nobody may take for a running one
    finally:
        os.close(fd)


def write_conf(project: Project) -> Path:
    """``_build/.work/conf.py``: what ``jupyter-book config sphinx`` writes from _config.yml, its
    paths made whole (Sphinx reads them from conf.py's folder), with the build's own settings."""
    work = project.work_dir
    work.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(project.config_file, work / "_config.yml")
    command = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]  # `jupyter-book`, this Python's
    argv = [*command, "config", "sphinx", str(project.root), "--config", str(work / "_config.yml")]
    if (done := subprocess.run(argv, capture_output=True, text=True)).returncode:
        raise BuildError(f"{project.config_file.name}: {(done.stderr.strip().splitlines() or ['not usable'])[-1]}")
    config = {k: v for k, v in runpy.run_path(str(work / "conf.py")).items() if k[0].islower()}
    root = yaml.safe_load(project.toc_file.read_text(encoding="utf-8"))["root"]
    config.update(
        locale_dirs=["locales"], gettext_compact=False,
        nb_output_stderr="remove-warn",  # what a cell writes to stderr is a warning, never a page's text
        exclude_patterns=[*config.get("exclude_patterns", []), ".*", "**/.*", "_build*", "**/_build*"],
        # _config.yml's `latex: targetname`, which `jupyter-book config sphinx` leaves out
        latex_documents=[(root, "book.tex", escape(config["html_title"]), escape(config["author"]), "manual")],
    )  # fmt: skip
    for key in PATHS & config.keys():  # a path (or list of paths) made whole; addresses kept
        whole = [str(project.root / p) if p and "://" not in p else p for p in [config[key]] if isinstance(p, str)]
        config[key] = whole[0] if whole else [str(project.root / p) for p in config[key]]
    (work / "conf.tmp").write_text("".join(f"{k} = {v!r}\n" for k, v in sorted(config.items())), encoding="utf-8")
    return (work / "conf.tmp").replace(work / "conf.py")


def editions(project: Project, stages: str, languages, release: bool = False, logs: str = "", capture: bool = False):
    """Each language's ``stages`` in a process of its own (:mod:`.worker`), side by side; the first
    failure stops the others and raises :class:`BuildError` saying what failed and where."""
    write_conf(project)
    logs, out, running = logs or f"{project.logs_dir}/{stages.split(',')[0]}", subprocess.PIPE if capture else None, {}
    for lang in languages:
        argv = [project.root, lang, f"{logs}-{lang}.log", stages, int(release), os.getpid()]
        running[lang] = subprocess.Popen([sys.executable, "-m", "briefbook.pipeline.worker", *map(str, argv)],
                                         cwd=PACKAGE, stdout=out, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        while running:
            for lang in [lang for lang, proc in running.items() if proc.poll() is not None]:
                proc = running.pop(lang)
                print(proc.stdout.read() if capture else "", end="")
                if proc.returncode:
                    raise BuildError(proc.stderr.read().strip())
            time.sleep(0.1)
    finally:
        for proc in running.values():
            proc.terminate()
            proc.wait()


def edition(project: Project, language: str = SOURCE, stages: str = "html", release: bool = False) -> Path:
    """One language's ``stages`` as the build runs them, progress printed; the first stage's output."""
    project.logs_dir.mkdir(parents=True, exist_ok=True)
    editions(project, stages, [language], release, capture=True)
    return project.sphinx_output(stages.split(",")[0], language)


def run(project: Project, release: bool) -> None:
    """Build and publish unless nothing changed, every format from one reading of the sources."""
    reading = read_sources(project.root)
    for _attempt in range(ATTEMPTS):
        if published_digest(project) == reading[0]:
            return say("[build] nothing has changed since the last build: HTML, PDF and EPUB are up to date")
        project.logs_dir.mkdir(parents=True, exist_ok=True)
        for old in sorted(project.logs_dir.glob("build-*.log"))[: -KEEP_LOGS + 2]:
            old.unlink()
        logs = f"{project.logs_dir}/build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
        say(f"  the tools' output: {project.display(Path(logs))}-*.log")
        try:
            editions(project, "latex,pdf,html,epub", LANGUAGES, release, logs)
            if edited := changed(reading, project.root):
                say(f"[build] changed while the book was built: {', '.join(edited[:5])}; building it again")
                if not validated(project, release):
                    raise BuildError("briefbook build: the data changed during the build, and are not valid")
                reading = read_sources(project.root)
                continue
            say("[publish] ...")
            start = time.monotonic()
            try:
                publish(project, reading[0])
            except OSError as exc:
                raise BuildError(f"[publish] failed: {os_error(exc, project.root)}") from None
            say(f"[publish] done in {time.monotonic() - start:.1f} s")
        except BuildError as exc:
            where = f"The tools' output is in {project.display(Path(logs))}-*.log; nothing was published"
            raise BuildError(f"{exc}\n{where}, the last good book, if any, is left in place.") from None
        for lang in LANGUAGES:
            say(f"  published {project.display(project.site_dir(lang))}/, {project.display(project.pdf_file(lang))}"
                f" and {project.display(project.epub_file(lang))}")  # fmt: skip
        return None
    raise BuildError(f"briefbook build: the sources changed during each of {ATTEMPTS} builds; nothing was published")


def build(root: Path, *, release: bool = False) -> int:
    """``briefbook build``: 0 built or up to date, 1 failed. A release also needs every translation."""
    start, project = time.monotonic(), Project(Path(root).resolve())
    try:
        checked_address(settings(project.root).get("html_baseurl"))  # _config.yml and the address, checked first
        if not validated(project, release):
            return 1
        with locked(project):
            run(project, release)
    except (ConfigError, BuildError, OSError, KeyboardInterrupt) as exc:
        why = os_error(exc, project.root) if isinstance(exc, OSError) else str(exc) or "interrupted"
        print(why if isinstance(exc, BuildError) else f"briefbook build: {why}", file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else 1
    say(f"[done] in {time.monotonic() - start:.1f} s")
    return 0
