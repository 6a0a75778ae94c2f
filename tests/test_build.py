"""Whole builds of scratch copies (the data-edit and failing-cell tests share one cold build): bad
data stop the build; two clean builds are byte-identical; a data edit re-executes exactly the
notebooks that read the table and redraws the charts, and hostile text is escaped; each stage
reports its time; nothing changed, nothing is built. Every failure (a notebook cell, a character the fonts
lack, a second build at once, an unwritable _build, a build killed) is a few lines naming what
failed and where, without a traceback, and leaves the last good book (HTML, PDF and downloads) in
place."""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import ROOT, copy_project, edit_cell, run_build

from briefbook.pipeline import NOT_SOURCES
from briefbook.project import Project

pytestmark = pytest.mark.build


def build(project: Path) -> subprocess.CompletedProcess:
    return run_build(project)


class Cold(NamedTuple):
    """A scratch copy built cold, what the build printed, and what the copy held before and after."""

    project: Path
    printed: subprocess.CompletedProcess
    sources: set[Path]  # its files before the build (but _build/ and the catalogs Sphinx compiles)
    digests: dict[str, str]  # its charts, PDFs and EPUBs right after the build


def sources(project: Path) -> set[Path]:
    """The copy's files but what is not a source (_build/, Python's caches: the build's own NOT_SOURCES) and the
    catalogs Sphinx compiles beside the translations (*.mo, ignored by git)."""
    return {p for p in project.rglob("*") if not NOT_SOURCES & set(p.relative_to(project).parts) and p.suffix != ".mo"}


@pytest.fixture(scope="module")
def built_copy(tmp_path_factory) -> Cold:
    """A scratch copy built cold once for the module: the second of the two clean builds that must be
    byte-identical (the run's shared book is the first); the data-edit tests read its cold build's
    stages and then edit its data; the failing-cell test needs only a good book to keep (its edits
    are undone after it), so it takes the same copy, edited or not, rather than a cold build of its own."""
    project = copy_project(tmp_path_factory.mktemp("built") / "book")
    before = sources(project)
    first = build(project)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    return Cold(project, first, before, digests(project))


def digests(project: Path) -> dict[str, str]:
    """The charts as the pages show them (SVG) and as print sets them (PDF), the book's PDF and its EPUB."""
    charts = {p.name: p for p in (project / "_build").rglob("*") if re.fullmatch(r"[0-9a-f]{64}\.(svg|pdf)", p.name)}
    files = [*charts.values(), *sorted((project / "_build" / "pdf").glob("*.pdf"))]
    files += sorted((project / "_build" / "epub").glob("*.epub"))
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def executed(output: str) -> dict[str, bool]:
    """Which notebooks a build executed (True) or took from the cache (False), from its progress."""
    found = {}
    for line in output.splitlines():
        match = re.search(r"execute notebook \d+ of \d+: chapters/([\w-]+)\.md \((cached|[\d.]+ s)\)", line)
        if match:
            found[match.group(1)] = match.group(2) != "cached"
    return found


def published(project: Path) -> dict[str, bytes]:
    """The published book, byte for byte: two pages, the PDF, the EPUB and the downloads."""
    layout = Project(project)
    files = [layout.html_dir / "index.html", layout.html_dir / "chapters" / "overview.html", layout.pdf_file()]
    files.append(layout.epub_file())
    files += [layout.html_dir / name for name in layout.download_names().values()]
    return {path.relative_to(project).as_posix(): path.read_bytes() for path in files}


def plainly(result: subprocess.CompletedProcess, lines: int = 6) -> str:
    """The failure's message: a few lines, no traceback."""
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) <= lines, result.stderr
    return result.stderr


def chart_svg(project: Path, page: str, chart: str) -> str:
    """The SVG of a chart as the built page holds it (inline; its first variant)."""
    from bs4 import BeautifulSoup

    html = project / "_build" / "html" / "chapters" / page
    return str(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(f"#fig-{chart} svg"))


def event_marks(project: Path) -> set[str]:
    return set(re.findall(r'href="[^"#]*#event-([^"]+)"', chart_svg(project, "overview.html", "timeline")))


def test_bad_data_stop_the_build_before_it_writes(tmp_path):
    dest = tmp_path / "book"
    copy_project(dest)
    edit_cell(dest / "data" / "quotations.csv", "askari-2021-07-08-restraint", "date", "2021-13-45")
    result = build(dest)
    assert result.returncode == 1
    assert "data/quotations.csv:2: date: '2021-13-45' is not a date (YYYY-MM-DD)" in result.stderr
    assert not (dest / "_build").exists()


HOSTILE = "<script>alert('x')</script> <b>bold?</b> & % $ # _ { } ~ ^ \\ \"double\" 'single' --- ..."


def test_two_clean_builds_are_byte_identical(book, built_copy):
    """The run's shared book (conftest.built) is the first build; this module's copy, elsewhere, the second."""
    one = digests(book)
    assert len(one) == 20  # in each edition: four charts as SVG and as PDF (named by content), the book, its EPUB
    assert built_copy.digests == one


def test_a_data_edit_re_executes_exactly_the_notebooks_that_read_it(built_copy):
    project = built_copy.project
    # nothing written into the sources: the charts are notebook outputs, not files
    assert sources(project) == built_copy.sources
    # claims.csv is drawn only by the claims chart (Data and methods)
    edit_cell(project / "data" / "claims.csv", "claim-embassy-denied", "claim", "A reworded claim.")
    second = build(project)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    runs = executed(second.stdout)
    assert runs.get("data-and-methods") is True, second.stdout
    assert not any(ran for name, ran in runs.items() if name != "data-and-methods"), second.stdout
    # events.csv is drawn by the timeline, the tempo and the claims charts, not by the signals chart
    edit_cell(project / "data" / "events.csv", "ev-2021-07-06-erbil-drone", "casualties", "None reported.")
    third = build(project)
    assert third.returncode == 0, third.stdout[-3000:] + third.stderr[-3000:]
    runs = executed(third.stdout)
    assert {name for name, ran in runs.items() if ran} == {"overview", "strikes-and-escalation", "data-and-methods"}


def test_a_data_edit_is_built_and_escaped_and_nothing_changed_builds_nothing(built_copy):
    """One cold build (each stage timed), a data edit (an event dropped, hostile text in five
    tables) built again and escaped in HTML, PDF and SVG, then a build with nothing changed."""
    from bs4 import BeautifulSoup

    project, out = built_copy.project, built_copy.printed.stdout
    assert re.search(r"\[validate\] data/ is valid \(\d+\.\d s\)", out)
    for stage in ("HTML", "EPUB", "LaTeX sources", "PDF \\(XeLaTeX\\)"):
        for language in ("", ", Arabic"):
            assert re.search(rf"\[{stage}{language}\] done in \d+\.\d s", out), (stage, language)
    assert "12 of 12 pages to read" in out and re.search(r"\[publish\] done in \d+\.\d s", out)
    log = re.search(r"the tools' output: (_build/logs/build-\S+)-\*\.log", out).group(1)
    assert "Running Sphinx" in (project / f"{log}-ar.log").read_text(encoding="utf-8")  # the tools' full output
    before = event_marks(project)
    assert "ev-2021-07-07-omar-drone" in before
    # Drop one event: nothing in the notebooks changed, only the data they read.
    path = project / "data" / "events.csv"
    lines = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("ev-2021-07-07-omar-drone,")
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # the rockets on Ain al-Asad are now the day's only event, which the data must say
    edit_cell(path, "ev-2021-07-07-asad-rockets", "order_basis", "only")
    edit_cell(path, "ev-2021-07-07-asad-rockets", "order_note", "")
    # withdrawing a published anchor is deliberate: its line goes too
    anchors = project / "published-anchors.txt"
    kept = [line for line in anchors.read_text().splitlines(keepends=True) if "ev-2021-07-07-omar-drone" not in line]
    anchors.write_text("".join(kept))
    edit_cell(project / "data" / "quotations.csv", "askari-2021-07-08-restraint", "annotation", HOSTILE)
    edit_cell(project / "data" / "events.csv", "ev-2021-07-06-erbil-drone", "description", HOSTILE)
    edit_cell(project / "data" / "actors.csv", "sdf", "description", HOSTILE)
    edit_cell(project / "data" / "claims.csv", "claim-embassy-denied", "claim", HOSTILE)
    edit_cell(project / "data" / "actors.csv", "sabereen-news", "name", "Sabereen $News$ <i>&</i>")  # in charts too
    second = build(project)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert event_marks(project) == before - {"ev-2021-07-07-omar-drone"}
    html = project / "_build" / "html" / "chapters"
    assert "ev-2021-07-07-omar-drone" not in (html / "strikes-and-escalation.html").read_text(encoding="utf-8")
    # the EPUB's pages too, though their sources are no newer than the EPUB's last copy of them
    with zipfile.ZipFile(Project(project).epub_file()) as epub:
        for name in ("chapters/overview.xhtml", "chapters/strikes-and-escalation.xhtml"):
            assert "ev-2021-07-07-omar-drone" not in epub.read(name).decode(), name
            assert "ev-2021-07-07-asad-rockets" in epub.read(name).decode(), name
    for page in html.glob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<b>bold?</b>" not in raw, page.name
    # the annotation on the statement's card, the event's description, the claim and the actor
    for page in ("signals-of-de-escalation.html", "strikes-and-escalation.html", "data-and-methods.html"):
        raw = (html / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert" in raw
        assert HOSTILE in BeautifulSoup(raw, "html.parser").get_text(), page
    pdf = Project(project).pdf_file()  # the English edition, whose text the edited cells are
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert re.sub(r"\s+", "", HOSTILE) in re.sub(r"\s+", "", text)
    assert "Sabereen $News$ &lt;i&gt;&amp;&lt;/i&gt;" in chart_svg(project, "overview.html", "timeline")
    again = build(project)
    assert again.returncode == 0
    assert "[build] nothing has changed since the last build" in again.stdout
    assert not re.search(r"\[(HTML|EPUB|PDF|LaTeX)", again.stdout)


@contextmanager
def appended(path: Path, text: str):
    """The file with ``text`` appended, as it was again afterwards."""
    original = path.read_text(encoding="utf-8")
    path.write_text(original + text, encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(original, encoding="utf-8")


def test_a_failing_cell_or_a_missing_glyph_is_named_and_the_book_is_kept(built_copy):
    project = built_copy.project
    assert build(project).returncode == 0
    before = published(project)
    cell = '\n```{code-cell} ipython3\nraise RuntimeError("broken on purpose")\n```\n'
    with appended(project / "chapters" / "overview.md", cell):
        result = build(project)
    assert result.returncode == 1
    message = plainly(result)
    assert re.search(
        r"\[LaTeX sources(, Arabic)?\] failed after \d+\.\d s: a notebook cell failed in chapters/overview\.md",
        message,
    )
    assert re.search(r'code cell \d+ \(line \d+: raise RuntimeError\("broken on purpose"\)\)', message)
    assert "RuntimeError: broken on purpose" in message
    assert "last good book" in message and "_build/logs/build-" in message
    assert published(project) == before
    with appended(project / "chapters" / "glossary.md", "\nA snowman, ☃, which no font of the book has.\n"):
        result = build(project)
    assert result.returncode == 1
    message = plainly(result)
    assert re.search(r"\[PDF \(XeLaTeX\)(, Arabic)?\] failed", message)
    assert re.search(r"☃ U\+2603 SNOWMAN: not in the font [^\n]+ in chapters/glossary, book\.tex line \d+", message)
    assert published(project) == before


def test_a_second_build_in_the_same_checkout_is_refused(tmp_path):
    project = copy_project(tmp_path / "book")
    # in a process group of its own, which is killed whole, as Ctrl-C stops a build with the processes
    # Sphinx forks to read pages side by side (they share the build's lock)
    first = subprocess.Popen([sys.executable, "-m", "briefbook", "build"], cwd=project, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not list((project / "_build" / "logs").glob("build-*.log")):  # the first holds the lock
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
        second = build(project)
        assert second.returncode == 1
        assert plainly(second, lines=1).startswith(
            f"another build is running in this checkout (process {first.pid}, started "
        )
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    # killed in the middle, the first build left no lock behind (once the killed processes are gone)
    with open(project / "_build" / ".lock", "rb") as lock:
        deadline = time.monotonic() + 10
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                assert time.monotonic() < deadline, "the lock outlived the killed build"
                time.sleep(0.2)


@contextmanager
def unwritable(folder: Path):
    """The folder made unwritable: by its mode, and for root (whom modes do not stop) immutable."""
    folder.chmod(0o500)
    immutable = os.geteuid() == 0 and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
    if os.geteuid() == 0 and not immutable:
        folder.chmod(0o700)
        pytest.skip("running as root where the folder cannot be made immutable")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        folder.chmod(0o700)


def test_an_unwritable_build_folder_is_one_line(tmp_path):
    project = copy_project(tmp_path / "book")
    (project / "_build").mkdir()
    with unwritable(project / "_build"):
        result = build(project)
    assert result.returncode == 1
    message = plainly(result, lines=1)
    assert re.fullmatch(r"briefbook build: (Permission denied|Operation not permitted): _build/\.lock\n", message)


def test_a_path_with_a_space_is_printed_whole(built):
    """The session's book is built in a folder named "the book", from its chapters/ folder, so the
    build prints the paths it names whole (they lie outside the folder it was started from)."""
    project, result = built
    assert " " in str(project)
    out = result.stdout
    assert f"the tools' output: {project.as_posix()}/_build/logs/build-" in out
    assert f"published {project.as_posix()}/_build/html/, {project.as_posix()}/_build/pdf/" in out
    assert f" and {project.as_posix()}/_build/epub/muqawama-de-escalation-study-edition-" in out


def session_processes(sid: int) -> list[int]:
    """The live processes of a session (a killed build's, and whatever it forked)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[3]) == sid:  # state, ppid, pgrp, session
            found.append(int(stat.parent.name))
    return found


@pytest.mark.parametrize("stage", ["  12 of 12 pages to read", "[PDF (XeLaTeX), Arabic] ..."])
def test_a_build_killed_at_a_stage_leaves_no_lock_and_no_process(tmp_path, stage):
    """kill -9 of the build's own process only (not its group), while the editions' processes read
    the pages, or while XeLaTeX runs: nothing it started outlives it for long (the editions'
    processes die with it), the lock is free, and the next build runs."""
    project = copy_project(tmp_path / "book")
    first = subprocess.Popen([sys.executable, "-m", "briefbook", "build"], cwd=project, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, start_new_session=True)  # fmt: skip
    try:
        for line in first.stdout:
            if line.startswith(stage):
                break
        else:
            pytest.fail(f"the build ended before {stage!r}")
        time.sleep(2)  # well into the stage
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
        deadline = time.monotonic() + 10  # XeLaTeX alone runs far longer: it is stopped, not waited for
        while session_processes(first.pid):
            assert time.monotonic() < deadline, f"left running: {session_processes(first.pid)}"
            time.sleep(0.2)
        with open(project / "_build" / ".lock", "rb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free
    finally:
        for pid in session_processes(first.pid):
            os.kill(pid, signal.SIGKILL)
    # the next build takes the lock and starts (it is stopped there: a whole build is not needed)
    second = subprocess.Popen([sys.executable, "-m", "briefbook", "build"], cwd=project, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, start_new_session=True)  # fmt: skip
    try:
        said = [line for line, _ in zip(second.stdout, range(3), strict=False)]
        assert any(line.startswith("[LaTeX sources") for line in said), said  # the editions' first stage
    finally:
        os.killpg(second.pid, signal.SIGKILL)
        second.wait()


def test_the_environment_s_version_follows_the_package_s_code(tmp_path):
    """Pages read by an older extension are read again once its code changes (Sphinx drops an
    environment whose extension's env_version differs), never published from a stale doctree."""
    import shutil

    from briefbook.sphinx import code_version

    package = shutil.copytree(ROOT / "briefbook", tmp_path / "briefbook",
                              ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    before = code_version(package)
    assert code_version(package) == before  # stable
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert code_version(package) == before  # compiled files are not the code
    (package / "sphinx" / "tables.py").write_text((package / "sphinx" / "tables.py").read_text() + "\n# changed\n")
    assert code_version(package) != before


def test_a_translation_of_the_data_is_read_again_only_by_the_pages_that_show_it(book):
    """A page depends on the data's translation table only in that table's edition, and there only
    where it shows data: an edit of data/arabic.csv re-read every Arabic page and, through the data
    files, every English page with data (the translator's loop paid for both editions)."""
    import pickle

    work, table = Project(book).work_dir, str(book / "data" / "arabic.csv")

    def dependent(doctrees: str) -> set[str]:
        env = pickle.loads((work / doctrees / "environment.pickle").read_bytes())
        return {doc for doc, paths in env.dependencies.items() if table in map(str, paths)}

    english, arabic = dependent(".doctrees"), dependent(".doctrees-ar")
    assert "chapters/quotations" in arabic and "chapters/quotations" not in english  # the register
    assert not english & {"chapters/overview", "chapters/strikes-and-escalation", "chapters/about"}, english
    assert not arabic & {"index", "chapters/glossary", "chapters/references"}, arabic  # no data shown there
