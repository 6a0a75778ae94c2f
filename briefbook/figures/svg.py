"""SVG as the book shows it. Every linked mark gets a tooltip (an SVG ``<title>``, which is also
its accessible name) and opens its row in place rather than in a new window; a chart set inline in
a page (:func:`inline`) gets ids that cannot clash with another chart's, no page-wide style, and
links that lead to the page where each row stands."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
A, TITLE, USE = f"{{{SVG_NS}}}a", f"{{{SVG_NS}}}title", f"{{{SVG_NS}}}use"
HREF = f"{{{XLINK_NS}}}href"
URL = re.compile(r"url\(#([^)]+)\)")


def tooltips(svg: str, titles: dict[str, list[str]]) -> str:
    """Give the links inside each element whose id is a key of ``titles`` their titles, in order."""
    root = ET.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        gid = element.get("id")
        if gid not in titles:
            continue
        anchors = list(element.iter(A))
        if len(titles[gid]) == 1 and len(anchors) > 1:  # text of several lines: one link, not one a line
            for extra in anchors[1:]:
                anchors[0].extend(list(extra))
                parents[extra].remove(extra)
            anchors = anchors[:1]
        if len(anchors) != len(titles[gid]):
            raise ValueError(f"{gid}: {len(anchors)} links for {len(titles[gid])} titles")
        for anchor, text in zip(anchors, titles[gid], strict=True):
            title = ET.Element(TITLE)
            title.text = text
            anchor.insert(0, title)
    for anchor in root.iter(A):
        anchor.attrib.pop("target", None)
    return '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n' + ET.tostring(root, encoding="unicode")


def links(svg: str) -> list[tuple[str, str]]:
    """Each link of an SVG: (href, title)."""
    root = ET.fromstring(svg)
    out = []
    for anchor in root.iter(A):
        title = anchor.find(TITLE)
        out.append((anchor.get("href") or anchor.get(HREF) or "", title.text if title is not None else ""))
    return out


def inline(svg: str, prefix: str, resolve: Callable[[str], str | None], **attributes: str) -> tuple[str, list[str]]:
    """The SVG as an element of an HTML page: every id prefixed with ``prefix`` (and every reference
    to it), links to rows (``#quote-…``, ``#event-…``, ``#claim-…``) rewritten by ``resolve``, no
    metadata, no fixed size (the page's CSS sets it) and no style rule that would reach the page.
    Returns the markup and the targets that ``resolve`` did not know."""
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style"):
                parent.remove(child)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    # matplotlib's page-wide rule, *{stroke-linejoin: round; stroke-linecap: butt}, as inherited attributes
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    names = {e.get("id") for e in root.iter() if e.get("id")}
    unknown = []
    for element in root.iter():
        for key, value in list(element.attrib.items()):
            if key == "id":
                element.set(key, prefix + value)
            elif key == HREF and element.tag == A:
                target = resolve(value.removeprefix("#")) if value.startswith("#") else value
                if target is None:
                    unknown.append(value)
                    target = value
                del element.attrib[HREF]
                element.set("href", target)
            elif key == HREF and value.startswith("#") and value[1:] in names:
                element.set(key, "#" + prefix + value[1:])
            elif "url(#" in value:
                element.set(
                    key, URL.sub(lambda m: f"url(#{prefix}{m.group(1)})" if m.group(1) in names else m.group(0), value)
                )
    for key, value in attributes.items():
        root.set(key.rstrip("_").replace("_", "-"), value)
    return ET.tostring(root, encoding="unicode"), unknown
