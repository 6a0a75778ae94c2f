"""``pip install .`` (not editable) installs every subpackage and every file the build reads from
the package, and the installed package runs: its command line, and one edition's build of a tiny
book through its own pipeline (the worker runs the installed package too)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The package installed from a copy of the sources into a folder of its own (this venv's
    setuptools and dependencies, no network); returns the folder."""
    tmp = tmp_path_factory.mktemp("install")
    source, target = copy_project(tmp / "source"), tmp / "site"
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target"]
    subprocess.run([*pip, str(target), str(source)], check=True, capture_output=True)
    return target


def run(installed: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(installed)}  # before the editable install's finder
    return subprocess.run([sys.executable, *args], cwd=cwd or installed.parent, env=env, capture_output=True, text=True)


@pytest.mark.build
def test_every_module_and_data_file_of_the_package_is_installed(installed):
    tracked = subprocess.run(["git", "ls-files", "briefbook"], cwd=ROOT, capture_output=True, text=True, check=True)
    files = [name for name in tracked.stdout.split() if (ROOT / name).is_file()]
    assert any(name.endswith(".sty") for name in files) and any(name.endswith(".js") for name in files)
    missing = [name for name in files if not (installed / name).is_file()]
    assert missing == []
    found = run(installed, "-c", "import briefbook, briefbook.pipeline.worker; print(briefbook.__file__)")
    assert found.stdout.strip() == str(installed / "briefbook" / "__init__.py"), found.stderr


@pytest.mark.build
def test_the_installed_package_runs_its_commands_and_builds(installed, tmp_path):
    assert "validate, then build HTML, EPUB and PDF" in run(installed, "-m", "briefbook", "--help").stdout
    assert run(installed, "-m", "briefbook", "build", "--help").returncode == 0
    for name, text in {"_config.yml": "title: Installed\n", "_toc.yml": "format: jb-book\nroot: index\n",
                       "index.md": "# Installed\n\nA page.\n"}.items():  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
    code = (
        "from pathlib import Path; from briefbook.pipeline.book import edition; from briefbook.project import Project; "
    )
    built = run(installed, "-c", code + "print(edition(Project(Path.cwd())))", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "A page." in (tmp_path / "_build" / ".work" / "html" / "index.html").read_text(encoding="utf-8")


@pytest.mark.unit
def test_read_the_docs_installs_the_one_list_of_system_packages():
    """Read the Docs cannot run apt-get in the build: it installs `apt_packages`, which must be the
    list `make book` checks for (the Arabic PDF's Amiri font was once missing there)."""
    import yaml

    listed = subprocess.run(["scripts/system-deps.sh", "--list", "pdf"], cwd=ROOT, capture_output=True, text=True)
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert rtd["build"]["apt_packages"] == listed.stdout.split() and "fonts-hosny-amiri" in listed.stdout
