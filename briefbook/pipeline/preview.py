"""``make preview``: every edition's HTML on 127.0.0.1, rebuilt after each save in processes forked from this one."""

import contextlib
import importlib
import logging
import multiprocessing
import os
import shutil
import signal
import sys
import time
from functools import partial
from pathlib import Path

import uvicorn
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from sphinx_autobuild.server import RebuildServer
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles

from ..languages import LANGUAGES, SOURCE, language
from ..project import Project
from . import NOT_BOOK, NOT_SOURCES, say
from .book import validated, write_conf
from .worker import stages


def ignored(root: Path, path: str) -> bool:
    """Not a source of the book (what ``make book`` does not read), a hidden file or an editor's backup."""
    relative = Path(path).relative_to(root)  # watchfiles names only what is inside the folder it watches
    hidden = any(part in NOT_SOURCES | NOT_BOOK or part.startswith((".", "#")) for part in relative.parts)
    return hidden or relative.name.endswith(("~", ".mo"))  # a catalog Sphinx compiled


def concerned(root: Path, paths) -> list[str]:
    """A language's catalogs or data translations concern its edition; anything else, every edition."""
    own = {lang: {("locales", lang), ("data", f"{language(lang).translation_table}.csv")} for lang in LANGUAGES}
    found = [{lang for lang, places in own.items() if Path(p).relative_to(root).parts[:2] in places} for p in paths]
    return [lang for lang in LANGUAGES if not all(found) or any(lang in mine for mine in found)]


def rebuild(project: Project, *, changed_paths=()) -> None:
    """sphinx-autobuild's callback: each concerned language's HTML in a fork of this process; new code restarts."""
    start, languages = time.monotonic(), list(LANGUAGES)
    if changed_paths:
        for number in (signal.SIGINT, signal.SIGTERM):  # stopped as a process is, not as the server
            signal.signal(number, signal.SIG_DFL)
        names = sorted({Path(p).relative_to(project.root).as_posix() for p in changed_paths})
        if any(name.split("/")[0] in {"briefbook", "figures"} and name.endswith(".py") for name in names):  # code run
            say(f"[preview] {names[0]} changed: the preview restarts with the new code")
            return os.kill(os.getppid(), signal.SIGHUP)
        languages = concerned(project.root, changed_paths)
        said = " and ".join(language(lang).english_name for lang in languages)
        say(f"[preview] {', '.join(names[:3])} changed: rebuilding {said}")
        if any(name.startswith("data/") for name in names) and not validated(project, False):
            return say("[preview] the data are not valid (above): the preview shows the last good pages")
        if {"_config.yml", "_toc.yml"} & set(names):
            write_conf(project)
    children = []
    for lang in languages:
        if (pid := os.fork()) == 0:
            code = 1
            try:
                os.nice(5 if lang != SOURCE and len(languages) > 1 else 0)  # a chapter's English first
                code = stages(project, lang, str(project.work_dir / f"html-{lang}.log"), ["html"])
                (project.work_dir / f"modules-{lang}.txt").write_text("\n".join(sorted(sys.modules)), encoding="utf-8")
            finally:
                os._exit(code)
        children.append(pid)
    if any([os.waitpid(pid, 0)[1] for pid in children]):  # every child waited for
        return say(f"[preview] the last good pages are shown; see {project.display(project.work_dir)}/html-*.log")
    say(f"[preview] rebuilt in {time.monotonic() - start:.1f} s")


def serve(root: Path, port: int) -> int:
    """Validate, build every language's HTML, then serve it and rebuild on each save until stopped."""
    project = Project(root.resolve(), work="preview")
    if not validated(project, False):
        return 1
    write_conf(project)  # a BuildError (the configuration not usable): the command's to print
    for cache in (f".jupyter_cache-{lang}" for lang in LANGUAGES):  # make book's notebooks, run already
        if (built := Project(project.root).work_dir / cache).is_dir() and not (project.work_dir / cache).exists():
            shutil.copytree(built, project.work_dir / cache)

    def restart(signum, frame) -> None:
        for child in multiprocessing.active_children():  # sphinx-autobuild's pool, which holds the socket
            child.kill()
        for lang in LANGUAGES:  # every page read again, with the new code
            shutil.rmtree(project.sphinx_output(".doctrees", lang), ignore_errors=True)
        os.execv(sys.executable, [sys.executable, "-m", "briefbook", "preview", "--port", str(port)])

    signal.signal(signal.SIGHUP, restart)
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # not "1 change detected" before each rebuild
    say("[preview] building the HTML of every edition (the first time, as long as make book's HTML)")
    rebuild(project)
    for module in [name for found in project.work_dir.glob("modules-*.txt") for name in found.read_text().split()]:
        with contextlib.suppress(Exception):  # what the builds imported, imported before the next forks: ~1 s a save
            importlib.import_module(module)
    watcher = RebuildServer([project.root], partial(ignored, project.root), change_callback=partial(rebuild, project))
    routes = [WebSocketRoute("/websocket-reload", watcher)]
    for lang in sorted(LANGUAGES, key=SOURCE.__eq__):  # English, at /, after the others
        pages = StaticFiles(directory=project.sphinx_output("html", lang), html=True, check_dir=False)
        routes.append(Mount("/" + project.site_prefix(lang).rstrip("/"), pages, name=lang))
    for lang in LANGUAGES:
        say(f"[preview] {language(lang).english_name}: http://127.0.0.1:{port}/{project.site_prefix(lang)}")
    reload = Middleware(JavascriptInjectorMiddleware, ws_url=f"127.0.0.1:{port}")
    app = Starlette(routes=routes, lifespan=watcher.lifespan, middleware=[reload])
    say("[preview] rebuilt after each save; Ctrl-C stops it")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")
    return 0
