"""Whole builds of scratch copies: bad data stop the build; a data edit redraws the charts; each
stage reports its time. Every failure (a notebook cell, a character the fonts lack, a publish
step, a second build at once, an unwritable _build) is a few lines naming what failed and where,
without a traceback, and leaves the last good book (HTML, PDF and downloads) in place."""

from __future__ import annotations

import fcntl
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, edit_cell, run_build

from briefbook import edition
from briefbook.project import Project

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("book") / "book"
    copy_project(dest)
    return dest


def build(project: Path) -> subprocess.CompletedProcess:
    return run_build(project)


def published(project: Path) -> dict[str, bytes]:
    """The published book, byte for byte: two pages, the PDF, the EPUB and the downloads."""
    layout = Project(project)
    files = [layout.html_dir / "index.html", layout.html_dir / "chapters" / "overview.html", layout.pdf_path]
    files.append(layout.epub_path)
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


def test_a_data_edit_re_executes_the_notebooks(project):
    first = build(project)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
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
    anchors.write_text(
        "".join(
            line for line in anchors.read_text().splitlines(keepends=True) if "ev-2021-07-07-omar-drone" not in line
        )
    )
    second = build(project)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert event_marks(project) == before - {"ev-2021-07-07-omar-drone"}
    page = (project / "_build" / "html" / "chapters" / "strikes-and-escalation.html").read_text(encoding="utf-8")
    assert "ev-2021-07-07-omar-drone" not in page
    # the EPUB's pages too, though their sources are no newer than the EPUB's last copy of them
    with zipfile.ZipFile(Project(project).epub_path) as epub:
        for name in ("chapters/overview.xhtml", "chapters/strikes-and-escalation.xhtml"):
            assert "ev-2021-07-07-omar-drone" not in epub.read(name).decode(), name
            assert "ev-2021-07-07-asad-rockets" in epub.read(name).decode(), name


HOSTILE = "<script>alert('x')</script> <b>bold?</b> & % $ # _ { } ~ ^ \\ \"double\" 'single' --- ..."


def test_build_reports_each_stage_with_its_time(project):
    chapter = project / "chapters" / "revenge-as-perception.md"
    chapter.write_text(chapter.read_text() + "\nOne more sentence.\n")
    result = build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert re.search(r"\[validate\] data/ is valid \(\d+\.\d s\)", out)
    assert re.search(r"\[HTML\] done in \d+\.\d s", out)
    assert "1 of 12 pages to read" in out  # only the edited chapter is read again
    assert "notebooks: none of the 4 read again" in out
    assert re.search(r"\[EPUB\] done in \d+\.\d s", out)
    assert re.search(r"\[LaTeX sources\] done in \d+\.\d s", out)
    assert re.search(r"\[PDF \(XeLaTeX\)\] done in \d+\.\d s", out)
    assert re.search(r"\[publish\] done in \d+\.\d s", out)
    log = re.search(r"the tools' output: (_build/logs/build-\S+\.log)", out).group(1)
    assert "Running Sphinx" in (project / log).read_text(encoding="utf-8")  # the tools' full output
    again = build(project)
    assert again.returncode == 0
    assert "[build] nothing has changed since the last build" in again.stdout
    assert "[HTML]" not in again.stdout and "[EPUB]" not in again.stdout and "[PDF" not in again.stdout


def test_hostile_text_is_escaped_in_html_and_typeset_in_the_pdf(project):
    from bs4 import BeautifulSoup

    edit_cell(project / "data" / "quotations.csv", "askari-2021-07-08-restraint", "annotation", HOSTILE)
    edit_cell(project / "data" / "events.csv", "ev-2021-07-06-erbil-drone", "description", HOSTILE)
    edit_cell(project / "data" / "actors.csv", "sdf", "description", HOSTILE)
    edit_cell(project / "data" / "claims.csv", "claim-embassy-denied", "claim", HOSTILE)
    edit_cell(
        project / "data" / "actors.csv", "sabereen-news", "name", "Sabereen $News$ <i>&</i>"
    )  # shown in charts too
    result = build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    html = project / "_build" / "html" / "chapters"
    for page in html.glob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "<script>alert" not in raw and "<b>bold?</b>" not in raw, page.name
    # the annotation on the statement's card, the event's description, the claim and the actor
    for page in ("signals-of-de-escalation.html", "strikes-and-escalation.html", "data-and-methods.html"):
        raw = (html / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert" in raw
        assert HOSTILE in BeautifulSoup(raw, "html.parser").get_text(), page
    pdf = Project(project).pdf_path  # the English edition, whose text the edited cells are
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squashed = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", HOSTILE) in squashed
    svg = chart_svg(project, "overview.html", "timeline")
    assert "Sabereen $News$ &lt;i&gt;&amp;&lt;/i&gt;" in svg


@contextmanager
def appended(path: Path, text: str):
    """The file with ``text`` appended, as it was again afterwards."""
    original = path.read_text(encoding="utf-8")
    path.write_text(original + text, encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(original, encoding="utf-8")


def test_a_failing_cell_is_named_with_its_own_error_and_the_book_is_kept(project):
    before = published(project)
    cell = '\n```{code-cell} ipython3\nraise RuntimeError("broken on purpose")\n```\n'
    with appended(project / "chapters" / "overview.md", cell):
        result = build(project)
    assert result.returncode == 1
    message = plainly(result)
    assert re.search(r"\[HTML\] failed after \d+\.\d s: a notebook cell failed in chapters/overview\.md", message)
    assert re.search(r'code cell \d+ \(line \d+: raise RuntimeError\("broken on purpose"\)\)', message)
    assert "RuntimeError: broken on purpose" in message
    assert "last good book" in message and "_build/logs/build-" in message
    assert published(project) == before


def test_a_character_the_fonts_lack_fails_the_build_by_name_and_place(project):
    before = published(project)
    with appended(project / "chapters" / "glossary.md", "\nA snowman, ☃, which no font of the book has.\n"):
        result = build(project)
    assert result.returncode == 1
    message = plainly(result)
    assert "[PDF (XeLaTeX)] failed" in message
    assert re.search(
        r"☃ U\+2603 SNOWMAN: not in the font Noto Serif\b.* in chapters/glossary, book\.tex line \d+", message
    )
    assert published(project) == before


def test_a_failing_epub_stage_leaves_the_last_book_whole(project, monkeypatch, capsys):
    """In this process, so that the EPUB builder can be made to fail once the HTML is built: the
    last book, HTML, PDF and EPUB, stays published, and the next build builds again."""
    from briefbook.build import build as build_here
    from briefbook.sphinx.epub_package import EditionEpubBuilder

    def fail(self):
        raise OSError(28, "No space left on device (simulated)")

    before = published(project)
    monkeypatch.setattr(EditionEpubBuilder, "build_epub", fail)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH") or edition.source_date_epoch(ROOT))
    with appended(project / "chapters" / "balancing-objectives.md", "\nA sentence that is never published.\n"):
        assert build_here(project) == 1
        err = capsys.readouterr().err
        assert re.search(r"\[EPUB\] failed after \d+\.\d s: .*No space left on device \(simulated\)", err), err
        assert "Traceback" not in err
        assert published(project) == before
        monkeypatch.undo()
        assert build_here(project) == 0  # the sources differ from the published book's: built again
        page = project / "_build" / "html" / "chapters" / "balancing-objectives.html"
        assert "A sentence that is never published." in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("step", ["deterministic_zip", "switch"])
def test_a_failing_publish_step_leaves_the_last_book_whole(project, monkeypatch, capsys, step):
    """In this process, so that one step of publishing can be made to fail."""
    from briefbook.build import build as build_here
    from briefbook.build import publish

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device (simulated)", str(project / "_build" / "book"))

    before = published(project)
    monkeypatch.setattr(publish, step, fail)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", os.environ.get("SOURCE_DATE_EPOCH") or edition.source_date_epoch(ROOT))
    with appended(project / "chapters" / "balancing-objectives.md", "\nA sentence that is never published.\n"):
        assert build_here(project) == 1
    err = capsys.readouterr().err
    assert "[publish] failed" in err and "No space left on device (simulated): _build/book" in err
    assert "Traceback" not in err
    assert published(project) == before
    books = [p.name for p in (project / "_build" / "book").iterdir() if not p.is_symlink()]
    assert books == [os.readlink(project / "_build" / "book" / "current")]  # nothing half-written is left


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
    assert re.search(r"execute notebook 1 of 4: chapters/[\w-]+\.md \(\d+\.\d+ s\)", out)


def test_what_a_rebuild_need_not_redo_is_kept_with_the_environment(tmp_path):
    """A second build after a prose edit takes the themes' compiled templates, the cut stylesheets
    and the citation files from the first: none is made again, and each is still right."""
    project = copy_project(tmp_path / "book")
    assert run_build(project).returncode == 0
    work = Project(project).doctree_dir
    templates = sorted(p.name for p in (work / "jinja").iterdir())
    purged = sorted(p.name for p in (work / "purged-css").iterdir())
    cite = Project(project).sphinx_output("html") / "cite"
    stamps = {p.name: p.stat().st_mtime_ns for p in cite.iterdir()}
    assert templates and purged and len(stamps) > 10
    chapter = project / "chapters" / "revenge-as-perception.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence added by the test.\n", encoding="utf-8")
    assert run_build(project).returncode == 0
    assert sorted(p.name for p in (work / "jinja").iterdir()) == templates  # compiled once
    assert sorted(p.name for p in (work / "purged-css").iterdir()) == purged  # the same classes in use
    assert {p.name: p.stat().st_mtime_ns for p in cite.iterdir()} == stamps  # nothing cited changed
    (cite / "book.bib").unlink()  # a file gone is written again
    (project / "chapters" / "revenge-as-perception.md").write_text(chapter.read_text(encoding="utf-8") + "More.\n")
    assert run_build(project).returncode == 0 and (cite / "book.bib").is_file()


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


@pytest.mark.parametrize("stage", ["  12 of 12 pages to read", "[PDF (XeLaTeX)] ..."])
def test_a_build_killed_at_a_stage_leaves_no_lock_and_no_process(tmp_path, stage):
    """kill -9 of the build's own process only (not its group), while Sphinx's forked readers read
    the pages side by side, or while XeLaTeX runs: once, two orphaned readers held the lock for
    minutes. Nothing it started outlives it for long, and the next build runs."""
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
        deadline = time.monotonic() + 30
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
        assert any(line.startswith("[HTML] ...") for line in said), said
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
