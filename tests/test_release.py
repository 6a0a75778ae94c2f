"""What a release refuses before it changes anything: a version that is not exactly x.y.z, a
checkout with changes not committed (the edition names the commit it is built from), a
_config.yml it cannot read; and `make release` passes VERSION to no shell."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ADDRESS, ROOT

from briefbook import release as release_module
from briefbook.cli import main
from briefbook.edition import EditionFacts
from briefbook.release import release

pytestmark = pytest.mark.unit

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@localhost"]


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A git checkout with the book's address set, as far as a release reads before refusing."""
    root = tmp_path / "book"
    (root / "data").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "datapackage.json", root / "data" / "datapackage.json")
    (root / "data" / "events.csv").write_text("id,projectiles\nev-1,14\n", encoding="utf-8")
    (root / "_config.yml").write_text(f"sphinx:\n  config:\n    html_baseurl: {ADDRESS}\n", encoding="utf-8")
    (root / "VERSION").write_text("0.1.0\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*GIT, "add", "."], cwd=root, check=True)
    subprocess.run([*GIT, "commit", "-qm", "first"], cwd=root, check=True)
    return root


def files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file() and ".git" not in p.parts
    }


def test_a_release_from_a_checkout_with_changes_not_committed_is_refused_naming_them(checkout, capsys):
    (checkout / "data" / "events.csv").write_text("id,projectiles\nev-1,41\n", encoding="utf-8")
    (checkout / "data" / "new.csv").write_text("id\n", encoding="utf-8")
    before = files(checkout)
    assert release(checkout, "0.2.1") == 2
    err = capsys.readouterr().err
    assert "changes that are not committed" in err
    assert "\n  data/events.csv\n  data/new.csv" in err
    assert files(checkout) == before and not (checkout / "dist").exists()


@pytest.mark.parametrize("version", ["0.2.0\n", "0.2.0 ", "v0.2.0", "0.2", "0.2.0\nx"])
def test_a_version_that_is_not_exactly_x_y_z_is_refused(checkout, capsys, version):
    before = files(checkout)
    assert release(checkout, version) == 2
    assert "is not a version of the form x.y.z" in capsys.readouterr().err
    assert files(checkout) == before


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("- just a list\n", "_config.yml: should hold settings (key: value), not a list"),
        ("sphinx: [a]\n", "_config.yml: under sphinx: should hold settings (key: value), not a list"),
        ("sphinx:\n  config:\n    html_baseurl: [https://example.org/]\n",
         "_config.yml: sphinx: config: html_baseurl should be the book's address (https://...), not a list"),
        ("sphinx:\n  config:\n    html_baseurl: 'javascript:alert(1)//example.org/'\n",
         "_config.yml: sphinx: config: html_baseurl should be the book's address, http:// or https://"),
        ("sphinx:\n  config:\n    html_baseurl: 'https://example.org/a}\\input{/etc/hostname}'\n",
         "_config.yml: sphinx: config: html_baseurl should be the book's address, http:// or https://"),
        ("sphinx: {config: [\n", "_config.yml: not valid YAML"),
    ],
)  # fmt: skip
def test_a_config_the_release_cannot_use_is_named_without_a_traceback(checkout, config, said, capsys, monkeypatch):
    """The command line in-process (an exception it let out would fail the test): it exits 2 naming the problem."""
    (checkout / "_config.yml").write_text(config, encoding="utf-8")
    before = files(checkout)
    monkeypatch.chdir(checkout)
    assert main(["release", "1.0.0"]) == 2
    out, err = capsys.readouterr()
    assert said in err and "Traceback" not in err + out
    assert files(checkout) == before


def test_the_command_line_outside_a_checkout_says_so(tmp_path, capsys, monkeypatch):
    """``python -m briefbook --help`` as a process; the commands in-process (an exception would fail the test)."""
    result = subprocess.run([sys.executable, "-m", "briefbook", "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert "Traceback" not in result.stderr
    assert result.returncode == 0 and "usage: briefbook" in result.stdout
    monkeypatch.chdir(tmp_path)
    for args in (["build"], ["validate"], ["new", "event"]):
        assert main(args) == 2, args
        assert "run it inside a checkout of the book" in capsys.readouterr().err, args


def test_make_release_passes_version_to_no_shell(tmp_path):
    """``make release VERSION='1.0.0; touch X'`` once ran ``touch X``."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "system-deps.sh").write_text("#!/bin/sh\nexit 0\n")
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / "python").write_text('#!/bin/sh\nfor a in "$@"; do printf "[%s]\\n" "$a"; done\n')
    for script in (tmp_path / "scripts" / "system-deps.sh", tmp_path / "fake" / "python"):
        script.chmod(0o755)
    version = "1.0.0; touch INJECTED; echo `touch INJECTED2` \"'"
    result = subprocess.run(["make", "-o", ".venv/.ready", "release", f"VERSION={version}", "BIN=fake"],
                            cwd=tmp_path, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"[release]\n[{version}]\n" in result.stdout
    assert not list(tmp_path.glob("INJECTED*"))


def test_an_address_in_latex_can_neither_end_its_argument_nor_start_a_command():
    from briefbook.front_matter import tex_url

    hostile = "https://example.org/a\"b'c<d>e}\\input{/etc/hostname}\\url{f/ g#h%i"
    tex = tex_url(hostile)
    assert (
        tex
        == "https://example.org/a\\%22b'c\\%3Cd\\%3Ee\\%7D\\%5Cinput\\%7B/etc/hostname\\%7D\\%5Curl\\%7Bf/\\%20g\\#h\\%i"
    )
    assert not {"{", "}", " "} & set(tex) and "\\input" not in tex
    assert tex_url("https://example.org/muqawama/") == "https://example.org/muqawama/"


def test_a_build_with_an_address_that_is_not_http_stops_before_it_writes(checkout, capsys):
    from briefbook.pipeline.book import build

    (checkout / "_config.yml").write_text("sphinx:\n  config:\n    html_baseurl: 'javascript:alert(1)'\n")
    assert build(checkout) == 1
    err = capsys.readouterr().err
    assert err.startswith("briefbook build: _config.yml: sphinx: config: html_baseurl should be the book's address")
    assert not (checkout / "_build").exists()


def test_the_preview_s_configuration_finds_the_bibliography_and_the_static_files(tmp_path):
    """conf.py is written to _build/.work/, and Sphinx reads these paths from there: every
    citation of the preview was empty."""
    from briefbook.pipeline.book import write_conf
    from briefbook.project import Project

    for name in ("_config.yml", "_toc.yml", "references.bib"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "_static", tmp_path / "_static")
    project = Project(tmp_path)
    namespace: dict = {}
    folder = write_conf(project).parent
    exec((folder / "conf.py").read_text(encoding="utf-8"), namespace)
    confdir = folder
    for key in ("bibtex_bibfiles", "html_static_path"):
        for value in namespace[key]:
            assert (confdir / value).exists(), (key, value)  # as Sphinx joins them
    assert (confdir / namespace["html_favicon"]).is_file()


def test_a_release_states_one_date_its_build_and_citation_files_share(checkout, monkeypatch, capsys):
    """With SOURCE_DATE_EPOCH set, the changelog, CITATION.cff and the build's facts all give that day."""
    for name in ("CITATION.cff", ".zenodo.json", "CHANGELOG.md"):
        shutil.copy(ROOT / name, checkout / name)
    shutil.copytree(ROOT / "locales", checkout / "locales", ignore=shutil.ignore_patterns("*.mo"))
    subprocess.run([*GIT, "add", "."], cwd=checkout, check=True)
    subprocess.run([*GIT, "commit", "-qm", "citation"], cwd=checkout, check=True)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1625832000")  # 2021-07-09
    seen = {}

    def build(root, release=False):
        seen["facts"] = EditionFacts.read(root).date.date().isoformat()
        seen["cff"] = str(yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))["date-released"])
        seen["changelog"] = "## [9.9.9] - 2021-07-09" in (root / "CHANGELOG.md").read_text(encoding="utf-8")
        return 1

    monkeypatch.setattr(release_module, "build", build)
    assert release(checkout, "9.9.9") == 1
    assert seen == {"facts": "2021-07-09", "cff": "2021-07-09", "changelog": True}
