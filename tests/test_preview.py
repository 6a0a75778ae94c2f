"""The preview (``make preview``) is the book: both editions' HTML, at / and /ar/, with citations and
References, the language switch working; one rebuild per save, only in the languages the save
concerns; nothing the build writes starts one. Its speed is measured by ``make bench``."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest
from conftest import ROOT, copy_project, with_environments

from briefbook.pipeline.preview import concerned, ignored

CHAPTER = "chapters/revenge-as-perception.md"
CATALOG = "locales/ar/LC_MESSAGES/chapters/revenge-as-perception.po"
# Where make book, make translations and Sphinx itself write, inside the checkout the preview watches.
WRITTEN = ["_build/logs/build-20261206-200944-27737.log", "_build/.lock", "_build/.work/gettext/chapters/about.pot",
           "_build/.work/jupyter_execute/chapters/overview.ipynb", "_build/preview/.jupyter_cache-en/x.tmp",
           "_build/preview/html/x.html", "locales/ar/LC_MESSAGES/chapters/x.mo",
           "briefbook/__pycache__/cli.cpython-311.pyc", ".venv/lib/x.py", ".git/index", "dist/x.zip",
           "chapters/.about.md.swp", "chapters/about.md~", "tests/test_x.py"]  # fmt: skip
SOURCES = [CHAPTER, CATALOG, "data/events.csv", "data/arabic.csv", "references.bib", "_config.yml", "_static/x.css",
           "index.md", "briefbook/cli.py", "figures/timeline.py"]  # fmt: skip


@pytest.mark.unit
def test_what_the_build_writes_is_not_watched_and_every_source_is(tmp_path):
    """sphinx-autobuild made each --ignore pattern absolute (``<root>/*/_build/*``), which matched
    nothing: every save built twice, and make book beside the preview set off rebuilds."""
    assert [path for path in WRITTEN if not ignored(tmp_path, str(tmp_path / path))] == []
    assert [path for path in SOURCES if ignored(tmp_path, str(tmp_path / path))] == []


@pytest.mark.unit
def test_a_save_rebuilds_the_languages_it_concerns(tmp_path):
    def languages(*paths):
        return concerned(tmp_path, [tmp_path / path for path in paths])

    assert languages(CATALOG) == ["ar"]
    assert languages("data/arabic.csv", CATALOG) == ["ar"]
    for source in (CHAPTER, "data/events.csv", "references.bib", "_static/x.css"):
        assert languages(source) == ["en", "ar"], source
    assert languages(CATALOG, CHAPTER) == ["en", "ar"]


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def shows(url: str, words: str, proc: subprocess.Popen, log: Path, seconds: float = 300) -> str:
    """The page at ``url`` once it holds ``words``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if words in (page := get(url)):
                return page
        except OSError:
            pass
        assert proc.poll() is None, log.read_text()[-3000:]
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {words!r} in {seconds} s:\n{log.read_text()[-3000:]}")


def switch(page: str, url: str) -> str:
    return urllib.parse.urljoin(url, re.search(r'class="btn btn-sm language-switch" href="([^"]+)"', page)[1])


@pytest.mark.build
def test_the_preview_is_the_book_in_both_languages_and_rebuilds_once_per_save(tmp_path):
    project = copy_project(tmp_path / "book")
    with socket.socket() as probe:  # a free port on the loopback interface
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base, log = f"http://127.0.0.1:{port}/", tmp_path / "preview.log"
    with_environments(project)
    with open(log, "w") as out:  # as README prints it, in a session of its own as in a terminal
        proc = subprocess.Popen(["make", "preview", f"PORT={port}"], cwd=project, stdout=out,
                                stderr=subprocess.STDOUT, text=True, start_new_session=True)  # fmt: skip
    started: list[psutil.Process] = []
    try:
        page = shows(base + "chapters/signals-of-de-escalation.html", "bibtex-citation", proc, log, 600)
        # The book's configuration: every citation has its text, References its entries, no warning.
        assert re.findall(r'class="bibtex-citation"[^>]*>\(\)', page) == []
        assert 'href="references.html#cite-malik2021muqawama"' in page
        references = get(base + "chapters/references.html")
        assert 'id="cite-malik2021muqawama"' in references and "Washington Institute" in references
        assert "/websocket-reload" in page  # the live-reload script
        assert 'id="quote-askari-2021-07-08-restraint"' in get(base + "chapters/quotations.html")
        # Both editions, where the built book has them, each switching to the other.
        arabic = switch(page, base + "chapters/signals-of-de-escalation.html")
        assert arabic == base + "ar/chapters/signals-of-de-escalation.html"
        assert 'dir="rtl"' in (ar_page := get(arabic))
        assert switch(ar_page, arabic) == base + "chapters/signals-of-de-escalation.html"
        assert get(base + "ar/chapters/references.html").count('id="cite-') == references.count('id="cite-')
        first = log.read_text()
        assert "WARNING" not in first and "failed" not in first, first
        assert not [f for f in (project / "_build" / "preview").glob("html-*.log") if "WARNING" in f.read_text()]

        # A chapter saved: one rebuild, of both editions.
        chapter = project / CHAPTER
        chapter.write_text(chapter.read_text(encoding="utf-8") + "\nWords a preview test adds.\n", encoding="utf-8")
        shows(base + CHAPTER.replace(".md", ".html"), "Words a preview test adds.", proc, log)
        # What make book and make translations write beside the preview, then a catalog saved: one
        # rebuild more, of the Arabic only.
        for path in WRITTEN:
            (project / path).parent.mkdir(parents=True, exist_ok=True)
            (project / path).write_text("written by a build\n")
        time.sleep(3)
        catalog = project / CATALOG
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(text.replace('msgstr "ضغط', 'msgstr "كلمات-الاختبار ضغط', 1), encoding="utf-8")
        shows(base + "ar/" + CHAPTER.replace(".md", ".html"), "كلمات-الاختبار", proc, log)
        time.sleep(3)
        rebuilds = [line for line in log.read_text().splitlines() if " changed: " in line]
        assert len(rebuilds) == 2, log.read_text()
        assert rebuilds[0] == f"[preview] {CHAPTER} changed: rebuilding English and Arabic"
        assert rebuilds[1] == f"[preview] {CATALOG} changed: rebuilding Arabic"
        assert "TCP without encryption" not in log.read_text() and "INFO" not in log.read_text()
        started = psutil.Process(proc.pid).children(recursive=True)
    finally:  # Ctrl-C, as a reader stops it: the terminal signals make and what it runs
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
    # Stopping the preview stops the server and everything it started: nothing is left running.
    _, alive = psutil.wait_procs(started, timeout=30)
    for left in alive:
        left.kill()
    assert not alive, [left.pid for left in alive]


@pytest.mark.unit
def test_the_makefile_passes_port_to_the_preview():
    make = subprocess.run(["make", "-n", "preview", "PORT=8123"], cwd=ROOT, capture_output=True, text=True)
    assert '-m briefbook preview --port "8123"' in make.stdout, make.stdout + make.stderr


@pytest.mark.unit
def test_the_bibliography_finds_its_name_styles_without_reading_every_package_s_entry_points(monkeypatch):
    """pybtex looked each name style up among every installed package's entry points, some 120 times
    in a one-page rebuild (1.2 s of 2.9 s); the book's registers them once."""
    import pybtex.plugin

    import briefbook.bib  # noqa: F401  (registers them)

    monkeypatch.setattr(pybtex.plugin, "entry_points", lambda **kw: pytest.fail(f"entry points read: {kw}"))
    for group, name in (("pybtex.style.names", "lastfirst"), ("pybtex.style.names", "last"),
                        ("pybtex.style.names", "plain"), ("pybtex.backends", "plaintext")):  # fmt: skip
        assert pybtex.plugin.find_plugin(group, name)
