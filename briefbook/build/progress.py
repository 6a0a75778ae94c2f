"""A build's progress and its log.

:class:`Progress` prints one line per stage with its time and keeps everything the tools write
(Sphinx, the notebooks' kernels, latexmk) in the build's own log under ``_build/logs/``, one log
per build. :func:`setup` is a small Sphinx extension that the build adds to its Sphinx runs: from
Sphinx's events it reports how many pages are read again and, for each notebook, whether it was
executed or taken from the execution cache; and it keeps every warning Sphinx logs, so that a
failed build can name them.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path

from ..paths import is_notebook
from ..project import Project
from .failures import BuildError, os_error

KEEP_LOGS = 20
ACTIVE: Progress | None = None  # the build the extension reports to, while Sphinx runs


class Progress:
    def __init__(self, project: Project, out=None):
        self.project = project
        self.out = out or sys.stdout
        self.log = None
        self.log_path: Path | None = None
        self.warnings: list[str] = []
        self.times: dict[str, float] = {}
        self._reading: dict[str, float] = {}
        self._notebooks: list[str] = []  # the notebooks to read, numbered in this order

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def open_log(self) -> Path:
        """Start this build's log (older builds' logs are kept, up to KEEP_LOGS of them)."""
        logs = self.project.logs_dir
        logs.mkdir(parents=True, exist_ok=True)
        for old in sorted(logs.glob("build-*.log"))[: -KEEP_LOGS + 1]:
            old.unlink(missing_ok=True)
        self.log_path = logs / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        self.log = self.log_path.open("w", encoding="utf-8", errors="replace", buffering=1)
        return self.log_path

    def close(self) -> None:
        if self.log:
            self.log.close()

    @contextmanager
    def stage(self, name: str):
        """``[name] ...`` when the stage starts, ``[name] done in 1.2 s`` when it ends."""
        self.say(f"[{name}] ...")
        if self.log:
            self.log.write(f"\n===== [{name}] =====\n")
        start = time.monotonic()
        try:
            yield
        except (BuildError, OSError) as exc:
            why = str(exc) if isinstance(exc, BuildError) else os_error(exc, self.project)
            raise BuildError(f"[{name}] failed after {time.monotonic() - start:.1f} s: {why}") from exc
        self.times[name] = time.monotonic() - start
        self.say(f"[{name}] done in {self.times[name]:.1f} s")

    @contextmanager
    def captured(self):
        """Run Sphinx with everything written to stdout and stderr, by Python or by the processes
        it starts (the notebooks' kernels), going to the log; progress lines still reach the terminal."""
        global ACTIVE
        sys.stdout.flush()
        sys.stderr.flush()
        terminal = self.out
        try:
            fd = terminal.fileno()
        except (AttributeError, OSError, ValueError):
            fd = None
        if fd in (1, 2):  # the terminal's own descriptor is about to point at the log
            self.out = os.fdopen(os.dup(fd), "w", buffering=1, encoding="utf-8", errors="replace")
        saved = {n: os.dup(n) for n in (1, 2)}
        self.warnings = []
        ACTIVE = self
        try:
            for n in (1, 2):
                os.dup2(self.log.fileno(), n)
            with redirect_stdout(self.log), redirect_stderr(self.log):
                yield
        finally:
            ACTIVE = None
            self.log.flush()
            for n, copy in saved.items():
                os.dup2(copy, n)
                os.close(copy)
            if self.out is not terminal:
                self.out.close()
                self.out = terminal

    # ------------------------------------------------------------------ Sphinx's events

    def before_read(self, app, env, docnames: list[str]) -> None:
        notebooks = [d for d in docnames if is_notebook(Path(env.doc2path(d)))]
        self._notebooks = sorted(notebooks)
        total = len(env.found_docs)
        self.say(f"  {len(docnames)} of {total} pages to read" + (", none changed" if not docnames else ""))
        if not notebooks:
            every = sum(1 for d in env.found_docs if is_notebook(Path(env.doc2path(d))))
            self.say(f"  notebooks: none of the {every} read again (nothing they depend on changed)")

    def source_read(self, app, docname: str, source: list[str]) -> None:
        self._reading[docname] = time.time()

    def doctree_read(self, app, doctree) -> None:
        """A notebook has been read: executed now, or its outputs taken from the cache."""
        docname = app.env.docname
        data = getattr(app.env, "nb_metadata", {}).get(docname, {}).get("exec_data")
        if not data or docname not in self._reading or docname not in self._notebooks:
            return  # not one of the notebooks counted (a page outside the book's folders, say)
        # Pages may be read in two processes at once (briefbook.build.parallel): each notebook is
        # numbered by its place in the list, not by the order in which they finish.
        seen, count = self._notebooks.index(docname) + 1, len(self._notebooks)
        name = app.env.doc2path(docname, False)
        executed = data.get("mtime", 0) >= self._reading[docname]  # during this read, or before
        what = f"{data.get('runtime') or 0:.2f} s" if executed else "cached"
        self.say(f"  execute notebook {seen} of {count}: {name} ({what})")


class KeepWarnings(logging.Handler):
    """Keeps every warning Sphinx reports (after its own suppression, with its location)."""

    def __init__(self, progress: Progress, app):
        from sphinx.util.logging import OnceFilter, WarningLogRecordTranslator, WarningSuppressor

        super().__init__(logging.WARNING)
        self.progress = progress
        for kind in (WarningSuppressor, WarningLogRecordTranslator):
            self.addFilter(kind(app))
        self.addFilter(OnceFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.progress.warnings.append(record.getMessage())


def _call(method: str):
    def handler(*args):
        if ACTIVE is not None:
            getattr(ACTIVE, method)(*args)

    return handler


def setup(app) -> dict:
    """The Sphinx extension (``briefbook.build.progress``); reports nothing outside a build."""
    if ACTIVE is not None:
        logging.getLogger("sphinx").addHandler(KeepWarnings(ACTIVE, app))
    app.connect("env-before-read-docs", _call("before_read"))
    app.connect("source-read", _call("source_read"))
    app.connect("doctree-read", _call("doctree_read"))
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
