"""The site publishes only the downloads and images that the current build links: Sphinx copies
them into _downloads/ and _images/ on each build and never empties those folders, so a chart's
files from before an edit stayed published (briefbook.pipeline.worker empties them first)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import stage_here

from briefbook.project import Project

pytestmark = pytest.mark.sphinx


def build(root: Path, name: str, image: str) -> Path:
    (root / name).write_text("a,b\n1,2\n", encoding="utf-8")
    (root / image).write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (root / "index.md").write_text(f"# Title\n\n{{download}}`the chart's data <{name}>`\n\n![a chart]({image})\n")
    return stage_here(Project(root))[0]  # the build's own Sphinx run (worker.sphinx), in this process


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_publishes_only_the_files_the_pages_link(tmp_path):
    (tmp_path / "_config.yml").write_text("title: Copies\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    out = build(tmp_path, "timeline-old.csv", "timeline-old.svg")
    assert files(out / "_downloads") == {"timeline-old.csv"} and files(out / "_images") == {"timeline-old.svg"}
    out = build(tmp_path, "timeline.csv", "timeline.svg")  # the chart's files renamed by an edit
    assert files(out / "_downloads") == {"timeline.csv"}
    assert files(out / "_images") == {"timeline.svg"}
