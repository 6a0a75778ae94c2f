"""A release writes dist/ with the version set everywhere, in a scratch copy of its own. (That two
clean builds give byte-identical figures, PDF and EPUB, and that losing a published anchor fails the
build, are tested in test_build, on its cold build and the run's shared book.)"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ADDRESS, copy_project, set_address

pytestmark = pytest.mark.build


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**__import__("os").environ, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(
        [sys.executable, "-m", "briefbook", *args], cwd=project, capture_output=True, text=True, env=env
    )


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch copy of the book of the test's own: no test relies on another's build."""
    return copy_project(tmp_path / "book")


def test_release_sets_the_version_and_writes_dist(project):
    set_address(project)  # release refuses to run without the book's address (test_citation)
    result = run(project, "release", "9.9.9")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (project / "VERSION").read_text().strip() == "9.9.9"
    assert "version: 9.9.9" in (project / "CITATION.cff").read_text()
    assert f'url: "{ADDRESS}"' in (project / "CITATION.cff").read_text()
    assert json.loads((project / "data" / "datapackage.json").read_text())["homepage"] == ADDRESS
    assert json.loads((project / "data" / "datapackage.json").read_text())["version"] == "9.9.9"
    assert json.loads((project / ".zenodo.json").read_text())["version"] == "9.9.9"
    changelog = (project / "CHANGELOG.md").read_text()
    assert changelog.index("## [Unreleased]") < changelog.index("## [9.9.9] - ") < changelog.index("### Added")
    dist = project / "dist"
    stem = "muqawama-de-escalation-study-edition-9.9.9"
    arabic = "muqawama-de-escalation-study-edition-ar-9.9.9"
    assert sorted(p.name for p in dist.iterdir()) == sorted(
        ["SHA256SUMS", f"{stem}.pdf", f"{stem}.epub", f"{arabic}.pdf", f"{arabic}.epub", f"{stem}-html.zip",
         f"{stem}-data.zip"]
    )  # fmt: skip
    for line in (dist / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    with zipfile.ZipFile(dist / f"{stem}-data.zip") as archive:
        assert f"{stem}-data/datapackage.json" in archive.namelist()
    with zipfile.ZipFile(dist / f"{stem}-html.zip") as archive:
        assert f"{stem}-html/ar/chapters/how-to-cite.html" in archive.namelist()  # the Arabic edition too
        page = archive.read(f"{stem}-html/chapters/how-to-cite.html").decode()
        assert "version 9.9.9" in page
        assert f"url = {{{ADDRESS}}}" in archive.read(f"{stem}-html/cite/book.bib").decode()
        assert f"<loc>{ADDRESS}index.html</loc>" in archive.read(f"{stem}-html/sitemap.xml").decode()
    assert "9.9.9" in (project / "_build" / "html" / "index.html").read_text()
    assert len((dist / "SHA256SUMS").read_text().splitlines()) == 6
    with zipfile.ZipFile(dist / f"{stem}.epub") as archive:
        assert '<meta property="ibooks:version">9.9.9</meta>' in archive.read("content.opf").decode()
