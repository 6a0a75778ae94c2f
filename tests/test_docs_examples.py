"""Every command that README.md and CONTRIBUTING.md show (their ```sh blocks, and the commands in
backticks of their prose) runs as printed, in a scratch copy of the book:

- the briefbook commands, ``make validate``, ``make translations``, ``make release`` (whose
  placeholder version is refused, as the guide means it to be replaced) and scripts/system-deps.sh
  (after ``make test`` has installed every group, so that it only checks) run here;
- ``make book`` builds the shared addressed copy (tests/conftest.py) and ``make anchors`` runs in
  it here; ``python -m briefbook build`` builds the shared book; ``make preview`` is started,
  browsed in both languages and stopped by tests/test_preview.py;
- ``make test``, ``make check`` and a tier of pytest would run this suite inside itself: make
  shows what it would run (``make -n``), and the markers a tier selects must be declared."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib

import pytest
from conftest import ROOT, SOURCES, copy_project, make

from briefbook import cli
from briefbook.paths import BRIEF as BRIEF_NAME

GUIDES = ("README.md", "CONTRIBUTING.md")
FENCE = re.compile(r"^[ \t]*```sh\n(.*?)^[ \t]*```", re.M | re.S)
INLINE = re.compile(r"(?<!`)`((?:make |(?:\.venv/bin/)?python -m |scripts/)[^`\n]*)`(?!`)")
BRIEF = SOURCES / BRIEF_NAME if (SOURCES / BRIEF_NAME).is_file() else None
# Placeholders that a guide tells its reader to replace are refused as the guide says, and the data
# is left as it was (the quotation's text only where the brief is at hand to check it against).
REFUSED = {"…exactly as the brief gives it…": "is not word for word in"} if BRIEF else {}
REFUSED |= {"VERSION=x.y.z": "'x.y.z' is not a version of the form x.y.z", "make release": "usage: make release"}
SUITE = ("make test", "make check", "python -m pytest")  # the suite inside itself: shown, not run
BUILT = {"make book", "make anchors", "python -m briefbook build", "make preview"}  # whole builds, a server


def commands(text: str) -> list[str]:
    """The commands of a guide's ```sh blocks (continued lines joined), then those in its prose."""
    found = []
    for block in FENCE.findall(text):
        found += block.replace("\\\n", " ").splitlines()
    found += INLINE.findall(FENCE.sub("", text))
    return [shlex.join(argv) for line in found if (argv := shlex.split(line, comments=True))]


EXAMPLES = sorted({(guide, command) for guide in GUIDES for command in commands((ROOT / guide).read_text())})


def plain(command: str) -> str:
    """The command without the environment's path: ``.venv/bin/python -m x`` is ``python -m x``."""
    return command.removeprefix(".venv/bin/")


def tier(command: str):
    """Commands that build, set up or check the system run with the build tier: ``make test`` has
    installed what they check by then; the rest are quick."""
    slow = plain(command).startswith(("make translations", "make release VERSION", "scripts/"))
    return pytest.mark.build if slow else pytest.mark.unit


# Each command once: one that two guides print alike (or with and without .venv/bin/) runs the same.
HERE: dict[str, tuple[str, str]] = {}
for _guide, _command in EXAMPLES:
    if plain(_command) not in BUILT:
        _guides, _ = HERE.get(plain(_command), ("", _command))
        HERE[plain(_command)] = (f"{_guides} and {_guide}" if _guides else _guide, _command)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("docs") / "book")


@pytest.fixture
def book(scratch, monkeypatch):
    """The scratch copy with its data and catalogs as in the checkout again, the brief at hand."""
    for folder in ("data", "locales"):
        shutil.rmtree(scratch / folder)
        shutil.copytree(ROOT / folder, scratch / folder)
    monkeypatch.chdir(scratch)
    if BRIEF:
        monkeypatch.setenv("BRIEFBOOK_SOURCES", str(BRIEF.parent))
    return scratch


def run(argv: list[str], book, capsys) -> tuple[int, str]:
    """The command, as printed: make's targets and the scripts in a process, briefbook in this one."""
    if argv[0] == "make":
        suite = any(shlex.join(argv).startswith(command) for command in SUITE)
        done = make(book, *(["-n"] if suite else []), *argv[1:])
        return done.returncode, done.stdout + done.stderr
    if argv[0].startswith("scripts/"):
        done = subprocess.run(argv, cwd=book, capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr
    assert plain(argv[0]) == "python" and argv[1] == "-m", f"not a command the test knows: {argv}"
    if argv[2] == "pytest":  # a tier of the suite: each marker it selects is one the suite declares
        declared = {m.split(":")[0] for m in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
                    ["ini_options"]["markers"]}  # fmt: skip
        named = set(re.findall(r"\w+", " ".join(argv[argv.index("-m", 3) + 1 :]))) - {"and", "or", "not"}
        return (0 if named <= declared else 1), f"markers {named - declared} are not declared"
    assert argv[2] == "briefbook", argv
    try:
        status = cli.main(argv[3:])
    except SystemExit as exc:
        status = exc.code or 0
    out = capsys.readouterr()
    return status, out.out + out.err


@pytest.mark.parametrize(
    ("guide", "command"), [pytest.param(g, c, marks=tier(c), id=f"{g}: {c[:60]}") for g, c in HERE.values()]
)
def test_every_command_of_the_guides_runs_as_printed(guide, command, book, capsys):
    before = {p.name: p.read_bytes() for p in (book / "data").iterdir()}
    status, said = run(shlex.split(command), book, capsys)
    refusal = next((why for placeholder, why in REFUSED.items() if placeholder in command), None)
    if refusal:
        assert status != 0 and refusal in said, said
        assert {p.name: p.read_bytes() for p in (book / "data").iterdir()} == before
    else:
        assert status == 0, f"{guide}: `{command}` failed:\n{said[-3000:]}"
    if plain(command) == "make translations":  # the catalogs updated, and what is left to translate
        assert "catalogs not changed" in said and "messages translated in" in said and "of the data" in said, said


@pytest.mark.build
def test_make_book_and_make_anchors_run_as_printed(addressed_build):
    """``make book`` built the shared addressed copy (tests/conftest.py); ``make anchors`` then finds
    the book built and every anchor already published."""
    project, result = addressed_build
    assert result.args == ["make", "book"] and ".venv/bin/python -m briefbook build" in result.stdout
    anchors = (project / "published-anchors.txt").read_bytes()
    done = make(project, "anchors")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "nothing has changed since the last build" in done.stdout
    assert (project / "published-anchors.txt").read_bytes() == anchors


@pytest.mark.build
def test_python_m_briefbook_build_runs_as_printed(built):
    """The shared book is built by ``python -m briefbook build`` in this checkout's environment."""
    _, result = built
    assert result.args == ["python", "-m", "briefbook", "build"] and result.returncode == 0
    assert sys.executable.endswith(".venv/bin/python")


@pytest.mark.unit
def test_the_guides_show_the_commands_that_authors_and_translators_need():
    shown = " ".join(command for _guide, command in EXAMPLES)
    for needed in ("make book", "make check", "make validate", "make translations", "new event", "new quotation"):
        assert needed in shown, needed
    assert {plain(c) for _g, c in EXAMPLES} >= BUILT  # each run as printed by the tests named above
    assert commands("```sh\nmake a \\\n  b  # note\n```\nthen `make c` and `ls`.\n") == ["make a b", "make c"]
