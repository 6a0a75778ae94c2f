"""The site's ``sitemap.xml`` when ``html_baseurl`` is set: every page of the edition (not only those
the last build wrote), sorted."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from ..project import Project
from .project import edition_language, is_site

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(address: str, pages: list[str]) -> bytes:
    """The map of ``pages`` (addresses relative to the edition's ``address``, which ends in "/")."""
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for page in sorted(pages):
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = address + page
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def write_sitemap(app, exception) -> None:
    address = str(app.config.html_baseurl or "").strip()
    if exception is not None or not address or not is_site(app):
        return
    address = address.rstrip("/") + "/" + Project.site_prefix(edition_language(app.config))
    pages = [app.builder.get_target_uri(doc) for doc in app.env.found_docs]
    Path(app.outdir, "sitemap.xml").write_bytes(sitemap(address, pages))
