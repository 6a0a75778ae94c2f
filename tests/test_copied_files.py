"""The site publishes only the downloads and images that the current build links
(briefbook.build.stages.copied_afresh): Sphinx copies them into _downloads/ and _images/ on each
build and never empties those folders, so a chart's files from before an edit stayed published."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from briefbook.build.stages import copied_afresh, written_afresh

pytestmark = pytest.mark.sphinx

PAGE = """\
Title
=====

:download:`the chart's data <{name}>`

.. image:: {image}
"""


def build(root: Path, name: str, image: str, sphinx=Sphinx) -> Path:
    (root / name).write_text("a,b\n1,2\n", encoding="utf-8")
    (root / image).write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (root / "index.rst").write_text(PAGE.format(name=name, image=image), encoding="utf-8")
    out = root / "_build" / "html"
    written_afresh(out)  # as the book's html stage does, before each build
    copied_afresh(out)
    with docutils_namespace():
        app = sphinx(str(root), None, str(out), str(root / "_build" / "doctrees"), "html",
                     status=None, warning=None)  # fmt: skip
        app.build()
    return out


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_publishes_only_the_files_the_pages_link(tmp_path):
    (tmp_path / "conf.py").write_text("", encoding="utf-8")
    out = build(tmp_path, "timeline-old.csv", "timeline-old.svg", Sphinx)  # (Sphinx named: the test's tier)
    assert files(out / "_downloads") == {"timeline-old.csv"} and files(out / "_images") == {"timeline-old.svg"}
    out = build(tmp_path, "timeline.csv", "timeline.svg")  # the chart's files renamed by an edit
    assert files(out / "_downloads") == {"timeline.csv"}
    assert files(out / "_images") == {"timeline.svg"}
