"""The build fails when a published anchor disappears; it records its anchors (``briefbook anchors``)."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.errors import ExtensionError

from ..project import Project
from .project import is_site, project_of


def published_anchors(root: Path) -> list[str]:
    path = Project(Path(root)).anchors_file
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def anchors_in_site(html: Path) -> set[str]:
    found = set()
    for page in html.rglob("*.html"):
        rel = page.relative_to(html).as_posix()
        found.add(rel)
        found.update(f"{rel}#{anchor}" for anchor in re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    return found


def citable_anchors(app) -> set[str]:
    found = {f"{doc}.html" for doc in app.env.found_docs}
    for name, (doc, labelid) in app.env.get_domain("std").anonlabels.items():
        if name.startswith(tuple(app.config.briefbook_citable_anchors)) and labelid:
            found.add(f"{doc}.html#{labelid}")
    return found


def check_published_anchors(app, exception) -> None:
    if exception is not None or not is_site(app):
        return
    root = project_of(app.env).root
    site = anchors_in_site(Path(app.outdir))
    missing = [a for a in published_anchors(root) if a not in site]
    if missing:
        raise ExtensionError(
            f"{len(missing)} published anchor(s) in published-anchors.txt no longer exist; citations to them would break:\n"
            + "\n".join(missing)
            + "\nKeep the anchor, or, if it must go, remove the line on purpose and say so in CHANGELOG.md."
        )
    (Path(app.doctreedir) / "briefbook-anchors.txt").write_text(
        "\n".join(sorted(citable_anchors(app))) + "\n", encoding="utf-8"
    )
