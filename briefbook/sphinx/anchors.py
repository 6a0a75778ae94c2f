"""The site's addresses: published anchors kept, the citable ones recorded, ``sitemap.xml`` of every page."""

from pathlib import Path
from xml.etree import ElementTree

from sphinx.errors import ExtensionError

from ..project import Project
from .project import is_site, project_of


def published_anchors(root: Path) -> list[str]:
    path = Project(Path(root)).anchors_file
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def check_published_anchors(app, exception) -> None:
    """``build-finished``: every published anchor still a page or a label of the book; the citable ones recorded."""
    if exception is not None or not is_site(app):
        return
    labels = {f"{doc}.html#{i}": name for name, (doc, i) in app.env.get_domain("std").anonlabels.items() if i}
    pages = {f"{doc}.html" for doc in app.env.found_docs}
    if missing := [a for a in published_anchors(project_of(app.env).root) if a not in pages and a not in labels]:
        raise ExtensionError(
            f"{len(missing)} published anchor(s) in published-anchors.txt no longer exist; citations to them would "
            "break:\n" + "\n".join(missing) + "\nKeep the anchor, or, if it must go, remove the line on purpose and say"
            " so in CHANGELOG.md."
        )
    citable = pages | {a for a, name in labels.items() if name.startswith(tuple(app.config.briefbook_citable_anchors))}
    (Path(app.doctreedir) / "briefbook-anchors.txt").write_text("\n".join(sorted(citable)) + "\n", encoding="utf-8")


def sitemap(address: str, pages: list[str]) -> bytes:
    """The map of ``pages`` (addresses relative to the edition's ``address``, which ends in "/")."""
    root = ElementTree.Element("urlset", xmlns="http://www.sitemaps.org/schemas/sitemap/0.9")
    for page in sorted(pages):
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = address + page
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def write_sitemap(app, exception) -> None:
    if exception is None and is_site(app) and (address := app.config.briefbook_facts.base_url()):
        pages = [app.builder.get_target_uri(doc) for doc in app.env.found_docs]
        Path(app.outdir, "sitemap.xml").write_bytes(sitemap(address, pages))
