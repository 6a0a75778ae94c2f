"""Every command that README.md and CONTRIBUTING.md show (their ```sh blocks, and the commands in
backticks of their prose) runs as printed in a scratch copy of the book. A command that builds,
serves or installs is run as far as it can be without doing that: make's targets with ``make -n``,
the slow briefbook commands with ``--help``, system-deps.sh with ``--list``."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import tomllib

import pytest
from conftest import ROOT, copy_project

from briefbook import cli
from briefbook.paths import brief_file

pytestmark = pytest.mark.unit

GUIDES = ("README.md", "CONTRIBUTING.md")
FENCE = re.compile(r"^[ \t]*```sh\n(.*?)^[ \t]*```", re.M | re.S)
INLINE = re.compile(r"(?<!`)`((?:make |(?:\.venv/bin/)?python -m |scripts/)[^`\n]*)`(?!`)")
SLOW = {"build", "preview", "release"}  # whole builds, a server: their arguments are checked, not run
BRIEF = brief_file(ROOT)
# The quotation example holds a placeholder that the guide tells the author to replace: with the
# brief at hand, it is refused as the guide says, and the data is left as it was.
REFUSED = {"…exactly as the brief gives it…": "is not word for word in"} if BRIEF else {}


def commands(text: str) -> list[str]:
    """The commands of a guide's ```sh blocks (continued lines joined), then those in its prose."""
    found = []
    for block in FENCE.findall(text):
        found += block.replace("\\\n", " ").splitlines()
    found += INLINE.findall(FENCE.sub("", text))
    return [shlex.join(argv) for line in found if (argv := shlex.split(line, comments=True))]


EXAMPLES = sorted({(guide, command) for guide in GUIDES for command in commands((ROOT / guide).read_text())})


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("docs") / "book")


@pytest.fixture
def book(scratch, monkeypatch):
    """The scratch copy with its data as in the checkout again, the brief at hand where it is here."""
    shutil.rmtree(scratch / "data")
    shutil.copytree(ROOT / "data", scratch / "data")
    monkeypatch.chdir(scratch)
    if BRIEF:
        monkeypatch.setenv("BRIEFBOOK_SOURCES", str(BRIEF.parent))
    return scratch


def run(argv: list[str], book, capsys) -> tuple[int, str]:
    if argv[0] == "make":
        done = subprocess.run(["make", "-n", *argv[1:]], cwd=book, capture_output=True, text=True)
        return done.returncode, done.stdout + done.stderr
    if argv[0].startswith("scripts/"):
        done = subprocess.run([argv[0], "--list", *(a for a in argv[1:] if a != "--list")], cwd=book,
                              capture_output=True, text=True)  # fmt: skip
        return done.returncode, done.stdout + done.stderr
    assert argv[0] in ("python", ".venv/bin/python") and argv[1] == "-m", f"not a command the test knows: {argv}"
    if argv[2] == "pytest":  # a tier of the suite: each marker it selects is one the suite declares
        declared = {m.split(":")[0] for m in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]
                    ["ini_options"]["markers"]}  # fmt: skip
        named = set(re.findall(r"\w+", " ".join(argv[argv.index("-m", 3) + 1 :]))) - {"and", "or", "not"}
        return (0 if named <= declared else 1), f"markers {named - declared} are not declared"
    assert argv[2] == "briefbook", argv
    args = argv[3:] + ["--help"] * (argv[3] in SLOW or argv[3:5] == ["translations", "update"])
    try:
        status = cli.main(args)
    except SystemExit as exc:
        status = exc.code or 0
    out = capsys.readouterr()
    return status, out.out + out.err


@pytest.mark.parametrize(("guide", "command"), EXAMPLES, ids=[f"{g}: {c[:60]}" for g, c in EXAMPLES])
def test_every_command_of_the_guides_runs_as_printed(guide, command, book, capsys):
    before = {p.name: p.read_bytes() for p in (book / "data").iterdir()}
    status, said = run(shlex.split(command), book, capsys)
    refusal = next((why for placeholder, why in REFUSED.items() if placeholder in command), None)
    if refusal:
        assert status != 0 and refusal in said, said
        assert {p.name: p.read_bytes() for p in (book / "data").iterdir()} == before
    else:
        assert status == 0, f"{guide}: `{command}` failed:\n{said[-3000:]}"


def test_the_guides_show_the_commands_that_authors_and_translators_need():
    shown = " ".join(command for _guide, command in EXAMPLES)
    for needed in ("make book", "make check", "make validate", "make translations", "new event", "new quotation"):
        assert needed in shown, needed
    assert commands("```sh\nmake a \\\n  b  # note\n```\nthen `make c` and `ls`.\n") == ["make a b", "make c"]
