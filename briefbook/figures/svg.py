"""A chart as the book writes it: SVG (or PDF) bytes without dates or random ids. Every linked
mark gets a tooltip (an SVG ``<title>``, also its accessible name) and a hit area; a chart set
inline in a page (:func:`inline`) gets ids that cannot clash, no page-wide style, links that lead
to the page where each row stands, and its ink, grid and ground as CSS variables (dark mode)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..labels import LRI, PDI
from ..languages import LATIN_RUN
from .style import OKABE_ITO, SCREEN, WIDE_FROM_PX, Drawing

ISOLATE = re.compile(f"({LRI}[^{PDI}]*{PDI})")  # a run already isolated
QUOTED_RUN = re.compile(f"[“‘]?{LATIN_RUN.pattern}[”’]?")  # a Latin run with its English quotation marks

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
A, G, TITLE, TEXT = (f"{{{SVG_NS}}}{tag}" for tag in ("a", "g", "title", "text"))
HREF = f"{{{XLINK_NS}}}href"
URL = re.compile(r"url\(#([^)]+)\)")
NUMBER = re.compile(r"(-?\d+\.\d\d)\d+")
SPACES = re.compile(r"\s{2,}")
UNROTATED = re.compile(r"rotate\(-?0 [-\d.]+ [-\d.]+\)")
FAMILY = re.compile(r"font-family: ([^;]+)")
ANCHOR = re.compile(r"text-anchor: (start|middle|end)")
HEAD = '<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
# The light palette's colours that the page's dark mode changes (briefbook.css sets the variables).
THEMED = {
    "fill": {SCREEN.ink.lower(): "--chart-ink", SCREEN.muted.lower(): "--chart-muted", SCREEN.grid.lower(): "--chart-grid",
             "#ffffff": "--chart-ground", OKABE_ITO["black"]: "--chart-strike"},
    "stroke": {SCREEN.ink.lower(): "--chart-ink", SCREEN.muted.lower(): "--chart-muted", SCREEN.grid.lower(): "--chart-grid"},
}  # fmt: skip
DRAWN = {f"{{{SVG_NS}}}{tag}" for tag in ("use", "path", "rect", "polygon", "circle")}
PALETTE = re.compile(r"\b(fill|stroke): (#[0-9a-f]{6})\b(?=;|$)")
# A mark's link is a target at least 24 CSS px square (WCAG 2.5.8) where its chart is shown at its
# narrowest: the wide chart in a column of WIDE_FROM_PX, the narrow one in a 390 px phone's column.
TARGET_PX = 24
NARROW_COLUMN_PX = 358
COORDINATES = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")
SAVE = {"svg.fonttype": "none", "svg.hashsalt": "briefbook", "pdf.fonttype": 42}


def render(drawn: Drawing, fmt: str) -> bytes:
    """The drawing as SVG or PDF (no links: they lead to rows of the HTML pages), without dates:
    rebuilds give the same bytes. In the SVG each linked mark gets its tooltip (a ``<title>``, also
    its accessible name) and a hit area; a right-to-left chart's texts are marked so."""
    import matplotlib

    fig = drawn.figure
    if fmt == "pdf":
        for artist in fig.findobj(lambda a: bool(a.get_url() or getattr(a, "get_urls", lambda: None)())):
            artist.set_url(None)
            getattr(artist, "set_urls", lambda urls: None)(None)
    out = io.BytesIO()
    with matplotlib.rc_context(SAVE):
        metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
        fig.savefig(out, format=fmt, metadata=metadata, facecolor="auto", edgecolor="auto")
    if fmt == "pdf":
        return out.getvalue()
    root = ET.fromstring(out.getvalue())
    tooltips(root, drawn.titles, rtl=drawn.medium.rtl)
    tap_targets(root)
    if drawn.medium.rtl:
        right_to_left(root)
    return (HEAD + ET.tostring(root, encoding="unicode")).encode("utf-8")


def isolate(text: str) -> str:
    """Each run of Latin letters of a right-to-left text between LRI and PDI (runs already isolated kept)."""
    isolated = lambda m: f"{LRI}{m.group(0)}{PDI}"  # noqa: E731
    return "".join(p if p.startswith(LRI) else QUOTED_RUN.sub(isolated, p) for p in ISOLATE.split(text))


def tooltips(root: ET.Element, titles: dict[str, list[str]], rtl: bool = False) -> None:
    """The links inside each element whose id is a key of ``titles`` given their titles, in order;
    opened in place (no ``target``). In a right-to-left chart, a title's Latin runs are isolated."""
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in [e for e in root.iter() if e.get("id") in titles]:
        said, anchors = titles[element.get("id")], list(element.iter(A))
        if len(said) == 1 and len(anchors) > 1:  # text of several lines: one link, not one a line
            for extra in anchors[1:]:
                anchors[0].extend(list(extra))
                parents[extra].remove(extra)
            anchors = anchors[:1]
        if len(anchors) != len(said):
            raise ValueError(f"{element.get('id')}: {len(anchors)} links for {len(said)} titles")
        for anchor, text in zip(anchors, said, strict=True):
            anchor.insert(0, title := ET.Element(TITLE))
            title.text = isolate(text) if rtl else text
    for anchor in root.iter(A):
        anchor.attrib.pop("target", None)


def _extent(d: str, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float, float, float]:
    """The box of a path's points (matplotlib writes absolute coordinates, a pair a point)."""
    numbers = [float(n) for n in COORDINATES.findall(d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs) + dx, min(ys) + dy, max(xs) + dx, max(ys) + dy


def mark_boxes(root: ET.Element) -> list[tuple[ET.Element, tuple[float, float, float, float]]]:
    """Each link that holds a drawn mark (a marker or a shape, not words), with its marks' box."""
    shapes = {f"#{e.get('id')}": e.get("d") for e in root.iter(f"{{{SVG_NS}}}path") if e.get("id")}
    out = []
    for anchor in root.iter(A):
        boxes = []
        for child in anchor.iter():
            if child.tag == f"{{{SVG_NS}}}use" and child.get(HREF) in shapes:
                boxes.append(_extent(shapes[child.get(HREF)], float(child.get("x", 0)), float(child.get("y", 0))))
            elif child.tag == f"{{{SVG_NS}}}path" and child.get("d"):
                boxes.append(_extent(child.get("d")))
            elif child.tag == f"{{{SVG_NS}}}rect":
                x, y = float(child.get("x", 0)), float(child.get("y", 0))
                boxes.append((x, y, x + float(child.get("width", 0)), y + float(child.get("height", 0))))
        if boxes:
            x0s, y0s, x1s, y1s = zip(*boxes, strict=True)
            out.append((anchor, (min(x0s), min(y0s), max(x1s), max(y1s))))
    return out


def tap_targets(root: ET.Element) -> None:
    """Each link of a mark given a hit area of :data:`TARGET_PX` where the chart is shown at its
    narrowest (or the marks' own box, if larger), centred on its marks, with no fill and no stroke
    but taking the pointer, before the marks: nothing drawn changes. A link that matplotlib set
    inside the axes' clip holds the clip instead, which then holds the marks alone."""
    width = float(root.get("viewBox").split()[2])
    side = TARGET_PX * width / (WIDE_FROM_PX if width * 96 / 72 >= WIDE_FROM_PX else NARROW_COLUMN_PX)
    parents = {child: parent for parent in root.iter() for child in parent}
    for anchor, (x0, y0, x1, y1) in mark_boxes(root):
        w, h = max(x1 - x0, side), max(y1 - y0, side)
        if (w, h) == (x1 - x0, y1 - y0):
            continue
        clip = parents[anchor]
        if clip.tag == G and list(clip.attrib) == ["clip-path"] and len(clip) == 1:
            holder = parents[clip]  # the link outside the axes' clip, which keeps the marks, not the area
            holder[list(holder).index(clip)] = anchor
            clip.remove(anchor)
            for child in [c for c in anchor if c.tag != TITLE]:
                anchor.remove(child)
                clip.append(child)
            anchor.append(clip)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        area = ET.Element(f"{{{SVG_NS}}}rect", {"x": f"{cx - w / 2:.6f}", "y": f"{cy - h / 2:.6f}", "width": f"{w:.6f}",
                                                "height": f"{h:.6f}", "style": "fill: none; stroke: none; pointer-events: all"})  # fmt: skip
        anchor.insert(1 if len(anchor) and anchor[0].tag == TITLE else 0, area)


def right_to_left(root: ET.Element) -> None:
    """Each text marked ``direction: rtl``, so that a browser orders a line's words as matplotlib
    measured them; its anchor, which ``direction`` turns round, swapped to keep its place."""
    for element in root.iter(TEXT):
        style = element.get("style", "")
        found = ANCHOR.search(style)
        anchor = {"start": "end", "end": "start"}.get(found.group(1) if found else "start", "middle")
        style = ANCHOR.sub("", style).rstrip("; ")
        element.set("style", f"{style}; direction: rtl; text-anchor: {anchor}".lstrip("; "))


def _themed(match: re.Match) -> str:
    prop, colour = match.groups()
    name = THEMED[prop].get(colour)
    return f"{prop}: var({name})" if name else match.group(0)


def _unwrap(element: ET.Element) -> None:
    """Lift the children of every bare ``<g>`` (no attribute left) into its parent."""
    for child in list(element):
        _unwrap(child)
    index = 0
    while index < len(element):
        child = element[index]
        if child.tag == G and not child.attrib:
            element[index : index + 1] = list(child)
        else:
            index += 1


def inline(
    svg: str, prefix: str, resolve: Callable[[str], str | None], themed: bool = True, **attributes: str
) -> tuple[str, list[str]]:
    """The SVG as an element of an HTML page: links to rows (``#quote-…``, ``#event-…``,
    ``#claim-…``) rewritten by ``resolve``; the ids that the SVG refers to prefixed with ``prefix``
    and the others dropped; no metadata, no fixed size (the page's CSS sets it), no style rule
    that would reach the page; the palette's ink, grid and ground as CSS variables (:data:`THEMED`),
    which the page sets for its light and dark modes (unless not ``themed``: the EPUB keeps the
    light palette's colours, which e-readers without CSS variables draw too); coordinates to
    0.01 pt, and no white space between elements. Returns the markup and the targets that
    ``resolve`` did not know."""
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style"):
                parent.remove(child)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    # matplotlib's page-wide rule, *{stroke-linejoin: round; stroke-linecap: butt}, and the font of
    # every text, as properties the SVG's elements inherit
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    fonts = next((m.group(1) for e in root.iter(TEXT) if (m := FAMILY.search(e.get("style", "")))), "'DejaVu Sans'")
    root.set("style", f"font-family: {fonts}, sans-serif")
    used = {m for e in root.iter() for v in e.attrib.values() for m in URL.findall(v)}
    used |= {v[1:] for e in root.iter() for k, v in e.attrib.items() if k == HREF and v.startswith("#") and e.tag != A}
    unknown = []
    for element in root.iter():
        element.text = element.text if element.text and element.text.strip() else None
        element.tail = None
        for key, value in list(element.attrib.items()):
            if key == "id":
                if value in used:
                    element.set(key, prefix + value)
                else:
                    del element.attrib[key]
            elif key == HREF and element.tag == A:
                target = resolve(value.removeprefix("#")) if value.startswith("#") else value
                if target is None:
                    unknown.append(value)
                    target = value
                del element.attrib[HREF]
                element.set("href", target)
            elif key == HREF and value.startswith("#"):
                element.set(key, "#" + prefix + value[1:])
            elif key == "transform" and UNROTATED.fullmatch(value):
                del element.attrib[key]
            else:
                value = URL.sub(lambda m: f"url(#{prefix}{m.group(1)})", SPACES.sub(" ", NUMBER.sub(r"\1", value)))
                if key == "style":
                    value = value.replace(f"font-family: {fonts}; ", "").replace(f"; font-family: {fonts}", "")
                    value = PALETTE.sub(_themed, value) if themed else value
                element.set(key, value)
    # matplotlib leaves out a fill that is black, SVG's default: the airstrike's, which is white on dark
    defined = {e for d in root.iter(f"{{{SVG_NS}}}defs") for e in d.iter()}
    for element in root.iter() if themed else ():
        style = element.get("style")
        if element.tag in DRAWN and element not in defined and style is not None and "fill:" not in style:
            element.set("style", f"fill: var({THEMED['fill'][OKABE_ITO['black']]}); {style}")
    _unwrap(root)
    for empty in [e for e in root if e.tag == f"{{{SVG_NS}}}defs" and not len(e)]:
        root.remove(empty)
    for key, value in attributes.items():
        root.set(key.rstrip("_").replace("_", "-"), value)
    return ET.tostring(root, encoding="unicode"), unknown
