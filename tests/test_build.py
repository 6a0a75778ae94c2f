"""Whole builds of scratch copies (the data-edit and failing-cell tests share one cold build): two
clean builds are byte-identical; a data edit re-executes exactly the
notebooks that read the table and redraws the charts, and hostile text is escaped; each stage
reports its time; nothing changed, nothing is built. A failing notebook cell or a character the fonts
lack is a few lines naming what failed and where, without a traceback, and leaves the last good book
(HTML, PDF and downloads) in place. (Builds that stop for other reasons: test_build_stops.)"""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import ROOT, copy_project, edit_cell, plainly, run_build

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
    files = [layout.html_dir / "index.html", layout.html_dir / "chapters" / "overview.html", layout.published("pdf")]
    files.append(layout.published("epub"))
    files += [layout.html_dir / name for name in layout.download_names().values()]
    return {path.relative_to(project).as_posix(): path.read_bytes() for path in files}


def chart_svg(project: Path, page: str, chart: str) -> str:
    """The SVG of a chart as the built page holds it (inline; its first variant)."""
    from bs4 import BeautifulSoup

    html = project / "_build" / "html" / "chapters" / page
    return str(BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(f"#fig-{chart} svg"))


def event_marks(project: Path) -> set[str]:
    return set(re.findall(r'href="[^"#]*#event-([^"]+)"', chart_svg(project, "overview.html", "timeline")))


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
    # an edit of events.csv: the next test's first build


def test_a_data_edit_is_built_and_escaped_and_nothing_changed_builds_nothing(built_copy):
    """One cold build (each stage timed), a data edit (an event dropped, hostile text in five
    tables) built again and escaped in HTML, PDF and SVG, then a build with nothing changed. The
    dropped event's anchor was published: until its line is withdrawn, the build fails and names it."""
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
    # the event's anchor was published: losing it fails the build, which keeps the last good book
    before_book = published(project)
    lost = build(project)
    assert lost.returncode != 0
    # events.csv is drawn by the timeline, the tempo and the claims charts, not by the signals chart: the notebooks
    # run (and print so) before the pages are written and the anchors checked
    runs = executed(lost.stdout)
    assert {name for name, ran in runs.items() if ran} == {"overview", "strikes-and-escalation", "data-and-methods"}
    assert "chapters/strikes-and-escalation.html#event-ev-2021-07-07-omar-drone" in lost.stdout + lost.stderr
    assert published(project) == before_book
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
    with zipfile.ZipFile(Project(project).published("epub")) as epub:
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
    pdf = Project(project).published("pdf")  # the English edition, whose text the edited cells are
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


def test_a_path_with_a_space_is_printed_whole(built):
    """The session's book is built in a folder named "the book", from its chapters/ folder, so the
    build prints the paths it names whole (they lie outside the folder it was started from)."""
    project, result = built
    assert " " in str(project)
    out = result.stdout
    assert f"the tools' output: {project.as_posix()}/_build/logs/build-" in out
    assert f"published {project.as_posix()}/_build/html/, {project.as_posix()}/_build/pdf/" in out
    assert f" and {project.as_posix()}/_build/epub/muqawama-de-escalation-study-edition-" in out


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
