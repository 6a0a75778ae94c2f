"""``make preview``: the book's HTML in every language, served on 127.0.0.1 where the built book has
it (English at ``/``, Arabic at ``/ar/``), rebuilt after each save in the languages the save concerns.

sphinx-autobuild's watcher, live-reload script and server, with the book's own conf.py (paths made
whole: :func:`write_conf`) and the build's own Sphinx run (:func:`.worker.sphinx`), in ``_build/preview/``.
Each rebuild forks this process, whose imports are done, once per language: no start-up to wait for.
What the build writes (``_build/``, compiled catalogs, caches) is not a source and starts nothing."""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
import runpy
import shutil
import signal
import sys
import time
import traceback
from functools import partial
from pathlib import Path

from ..languages import LANGUAGES, SOURCE, language
from ..project import Project
from . import say, validated, write_conf
from .failures import BuildError, explain
from .publishing import NOT_BOOK, NOT_SOURCES, drawn

RESTART = {"briefbook", "figures"}  # the package and the charts: code this process has imported
CONFIG = {"_config.yml", "_toc.yml"}


def ignored(root: Path, path: str) -> bool:
    """Not a source of the book (make book's own rule, :mod:`.publishing`): output, environments,
    history, tests, drawn charts, compiled catalogs, hidden files and editors' backups."""
    try:
        relative = Path(path).resolve().relative_to(root)
    except ValueError:
        return True
    return (any(part in NOT_SOURCES | NOT_BOOK or part.startswith((".", "#")) for part in relative.parts)
            or drawn(relative.name, Path(path).parent) or relative.name.endswith("~"))  # fmt: skip


def concerned(root: Path, paths) -> list[str]:
    """The languages a change concerns: a language's catalogs or data translations, that language's
    edition; anything else (a chapter, the data, the bibliography, the configuration), every edition."""
    found = set()
    for path in paths:
        parts = Path(path).resolve().relative_to(root).parts
        own = [lang for lang in LANGUAGES if parts[:2] == ("locales", lang)
               or parts == ("data", f"{language(lang).translation_table}.csv")]  # fmt: skip
        if not own:
            return list(LANGUAGES)
        found.update(own)
    return [lang for lang in LANGUAGES if lang in found]


def html(project: Project, lang: str) -> int:
    """One language's HTML, incrementally (Sphinx reads what changed); Sphinx's output to a log."""
    from .worker import sphinx

    name, start = language(lang).english_name, time.monotonic()
    terminal = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    log = project.work_dir / f"html-{lang}.log"
    with open(log, "w", encoding="utf-8", buffering=1) as tools:
        for fd in (1, 2):
            os.dup2(tools.fileno(), fd)
    try:
        sphinx(project, "html", lang, False, lambda text: print(f"  {name}: {text.strip()}", file=terminal), True)
        (project.work_dir / f"modules-{lang}.txt").write_text("\n".join(sorted(sys.modules)), encoding="utf-8")
    except Exception as exc:  # the traceback to the log, what failed to the terminal
        traceback.print_exc()
        print(f"[preview] {name} failed after {time.monotonic() - start:.1f} s: {explain(exc, project.root)}\n"
              f"  (the whole output: {project.display(log)}); the preview shows the last good pages", file=terminal)  # fmt: skip
        return 1
    print(f"[preview] {name} done in {time.monotonic() - start:.1f} s", file=terminal)
    return 0


def rebuild(project: Project, *, changed_paths=()) -> None:
    """sphinx-autobuild's change callback: each concerned language's HTML in a process forked from
    this one, side by side; a change to the package's code restarts the preview."""
    root, start = project.root, time.monotonic()
    if changed_paths:  # in a process of sphinx-autobuild's pool, forked from the server
        for number in (signal.SIGINT, signal.SIGTERM):  # stopped as a process is, not as the server
            signal.signal(number, signal.SIG_DFL)
        names = sorted({Path(p).resolve().relative_to(root).as_posix() for p in changed_paths})
        if any(name.split("/")[0] in RESTART and name.endswith(".py") for name in names):
            say(f"[preview] {names[0]} changed: the preview restarts with the new code")
            return os.kill(os.getppid(), signal.SIGHUP)
        languages = concerned(root, changed_paths)
        say(f"[preview] {', '.join(names[:3])} changed: rebuilding "
            f"{' and '.join(language(lang).english_name for lang in languages)}")  # fmt: skip
        if any(name.startswith("data/") for name in names) and not validated(project, False):
            return say("[preview] the data are not valid (above): the preview shows the last good pages")
        if CONFIG & set(names):
            write_conf(project)
    else:
        languages = list(LANGUAGES)
    children = []
    for lang in languages:
        if (pid := os.fork()) == 0:
            code = 1
            try:
                os.nice(5 if lang != SOURCE and len(languages) > 1 else 0)  # a chapter's English first
                code = html(project, lang)
            finally:
                os._exit(code)
        children.append(pid)
    for pid in children:
        os.waitpid(pid, 0)
    say(f"[preview] rebuilt in {time.monotonic() - start:.1f} s")


def warm(project: Project) -> None:
    """Import what a rebuild needs once, before forking: the extensions, and every module an earlier
    build of the preview imported; start from the execution cache of ``make book``, if there is one
    (keyed on each notebook's code and data)."""
    conf = runpy.run_path(str(project.work_dir / "conf.py"))
    for lang in LANGUAGES:
        found = project.work_dir / f"modules-{lang}.txt"
        for module in found.read_text(encoding="utf-8").split() if found.is_file() else ():
            with contextlib.suppress(Exception):  # a module of a package that has changed since, say
                importlib.import_module(module)
    for module in ("sphinx.application", "myst_nb.sphinx_ext", conf.get("html_theme", ""), *conf["extensions"]):
        if module:
            importlib.import_module(module)
    for cache in (f".jupyter_cache-{lang}" for lang in LANGUAGES):
        if (Project(project.root).work_dir / cache).is_dir() and not (project.work_dir / cache).exists():
            shutil.copytree(Project(project.root).work_dir / cache, project.work_dir / cache)


def serve(root: Path, port: int) -> int:
    """Validate, build every language's HTML, then serve it and rebuild on each save until stopped."""
    import uvicorn
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    project = Project(root.resolve(), work="preview")
    if not validated(project, False):
        return 1
    try:
        write_conf(project)
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    warm(project)

    def restart(signum, frame) -> None:
        for child in multiprocessing.active_children():  # sphinx-autobuild's pool, which holds the socket
            child.kill()
        for lang in LANGUAGES:  # every page read again, with the new code
            shutil.rmtree(project.doctrees(lang), ignore_errors=True)
        os.execv(sys.executable, [sys.executable, "-m", "briefbook", "preview", "--port", str(port)])

    signal.signal(signal.SIGHUP, restart)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # not "1 change detected" before each rebuild
    say("[preview] building the HTML of every edition (the first time, as long as make book's HTML)")
    rebuild(project)
    warm(project)  # what the first build imported
    watcher = RebuildServer([project.root], partial(ignored, project.root), change_callback=partial(rebuild, project))
    sites = [Mount("/" + Project.site_prefix(lang).rstrip("/"), name=lang,
                   app=StaticFiles(directory=project.sphinx_output("html", lang), html=True, check_dir=False))
             for lang in sorted(LANGUAGES, key=lambda lang: lang == SOURCE)]  # fmt: skip
    app = Starlette(routes=[WebSocketRoute("/websocket-reload", watcher), *sites], lifespan=watcher.lifespan,
                    middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"127.0.0.1:{port}")])  # fmt: skip
    for lang in LANGUAGES:
        say(f"[preview] {language(lang).english_name}: http://127.0.0.1:{port}/{Project.site_prefix(lang)}")
    say("[preview] rebuilt after each save; Ctrl-C stops it")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0
