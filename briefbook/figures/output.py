"""A chart as a notebook cell's output: the chart in Jupyter, the figure in the book (SVG with linked marks and
tooltips, PDF, alt text, and their words); :func:`inline` sets its SVG in a page."""

import functools
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from types import ModuleType

import matplotlib

from .. import i18n
from ..data import Dataset, load
from ..i18n.data import localise
from ..labels import LRI, PDI
from ..languages import LATIN_RUN
from . import style as s

SVG_NS, XLINK_NS = "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
A, G, TITLE, TEXT, PATH, USE, RECT, DEFS = (f"{{{SVG_NS}}}{t}" for t in "a g title text path use rect defs".split())
HREF = f"{{{XLINK_NS}}}href"
ISOLATE = re.compile(f"({LRI}[^{PDI}]*{PDI})")  # a run already isolated
QUOTED_RUN = re.compile(f"[“‘]?{LATIN_RUN.pattern}[”’]?")  # a Latin run with its English quotation marks
URL, FAMILY = re.compile(r"url\(#([^)]+)\)"), re.compile(r"font-family: ([^;]+)")
NUMBER, SPACES = re.compile(r"(-?\d+\.\d\d)\d+"), re.compile(r"\s{2,}")
UNROTATED, ANCHOR = re.compile(r"rotate\(-?0 [-\d.]+ [-\d.]+\)"), re.compile(r"text-anchor: (start|middle|end)")
# The light palette's colours that the page's dark mode changes (briefbook.css sets the variables).
STROKES = {getattr(s.SCREEN, n).lower(): f"--chart-{n}" for n in ("ink", "muted", "grid")}
EDGES = {**STROKES, s.OKABE_ITO["black"]: "--chart-edge"}  # and the marks' black edges
THEMED = {"fill": {**STROKES, "#ffffff": "--chart-ground", s.OKABE_ITO["black"]: "--chart-strike"}, "stroke": EDGES}
DRAWN = {USE, PATH, RECT, f"{{{SVG_NS}}}polygon", f"{{{SVG_NS}}}circle"}
DROP = {f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}style"}  # matplotlib's metadata and page-wide rule: left out of a page
PALETTE = re.compile(r"\b(fill|stroke): (#[0-9a-f]{6})\b(?=;|$)")


class Chart:
    """The chart a ``figures/`` module draws from ``data`` (the project's), in ``language`` (the kernel's)."""

    def __init__(self, figure: ModuleType, data: Dataset | None = None, language: str | None = None):
        self.figure, self.language = figure, i18n.language(language or i18n.current()).code
        self.data = localise(data or load(), self.language)

    def draw(self, medium: s.Medium | str = "screen") -> s.Drawing:
        medium = replace(s.MEDIA[medium] if isinstance(medium, str) else medium, language=self.language)
        with matplotlib.rc_context(medium.rc()):
            return self.figure.draw(self.data, medium)

    def svg(self, medium: s.Medium | str = "screen") -> str:
        return render(self.draw(medium), "svg").decode("utf-8")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        pdf, alt = render(self.draw("print"), "pdf"), self.figure.alt_text(self.data, self.language)
        return {"image/svg+xml": self.svg(), "application/pdf": pdf, "text/plain": alt}


@functools.lru_cache(maxsize=16)  # drawn once for a process's HTML and EPUB; a data edit makes another ``data``
def drawn_svg(figure: ModuleType, data: Dataset, language: str, medium: str) -> str:
    return Chart(figure, data, language).svg(medium)


def render(drawn: s.Drawing, fmt: str) -> bytes:
    """The drawing as SVG (links with tooltips, Latin runs isolated and texts marked if right to left) or as PDF."""
    for artist in drawn.figure.findobj(lambda a: a.get_gid() in drawn.titles) if fmt == "pdf" else ():
        artist.set_visible(False) if isinstance(artist, s.Targets) else artist.set_url(None)
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "briefbook", "pdf.fonttype": 42}):
        metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None}}[fmt]
        drawn.figure.savefig(out, format=fmt, metadata=metadata, facecolor="auto", edgecolor="auto")
    if fmt == "pdf":
        return out.getvalue()
    root = ET.fromstring(out.getvalue())
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in [e for e in root.iter() if e.get("id") in drawn.titles]:  # each link given its tooltip
        said, anchors = drawn.titles[element.get("id")], list(element.iter(A))
        if len(said) == 1 and len(anchors) > 1:  # text of several lines: one link, not one a line
            for extra in anchors[1:]:
                anchors[0].extend(list(extra))
                parents[extra].remove(extra)
            anchors = anchors[:1]
        for anchor, text in zip(anchors, said, strict=True):
            anchor.insert(0, title := ET.Element(TITLE))
            title.text = isolate(text) if drawn.medium.rtl else text
            anchor.attrib.pop("target", None)
    for text in root.iter(TEXT) if drawn.medium.rtl else ():  # direction turns the anchor round: swapped
        style, found = text.get("style", ""), ANCHOR.search(text.get("style", ""))
        anchor = {"start": "end", "end": "start"}.get(found.group(1) if found else "start", "middle")
        text.set("style", f"{ANCHOR.sub('', style).rstrip('; ')}; direction: rtl; text-anchor: {anchor}".lstrip("; "))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def isolate(text: str) -> str:
    """Each run of Latin letters of a right-to-left text between LRI and PDI (runs already isolated kept)."""
    parts = ISOLATE.split(text)
    return "".join(p if p.startswith(LRI) else QUOTED_RUN.sub(lambda m: f"{LRI}{m[0]}{PDI}", p) for p in parts)


def inline(svg: str, prefix: str, resolve: Callable[[str], str | None], themed: bool = True, **attributes: str):
    """The SVG as an HTML element (ids prefixed, links by ``resolve``, lean; if ``themed``, the palette as
    CSS variables), and the link targets ``resolve`` did not know."""
    root = ET.fromstring(svg)
    # matplotlib's page-wide rule (*{stroke-linejoin: round; stroke-linecap: butt}) and the texts' font, inherited
    fonts = next((m[1] for e in root.iter(TEXT) if (m := FAMILY.search(e.get("style", "")))), "'DejaVu Sans'")
    del root.attrib["width"], root.attrib["height"]
    root.attrib |= {"stroke-linejoin": "round", "stroke-linecap": "butt", "style": f"font-family: {fonts}, sans-serif"}
    used = {m for e in root.iter() for v in e.attrib.values() for m in URL.findall(v)}
    used |= {v[1:] for e in root.iter() if e.tag != A and (v := e.get(HREF, "")).startswith("#")}
    defined = {e for d in root.iter(DEFS) for e in d.iter()}
    unknown, themes = [], lambda m: f"{m[1]}: var({THEMED[m[1]][m[2]]})" if m[2] in THEMED[m[1]] else m[0]
    for element in root.iter():
        element.text, element.tail = element.text if element.text and element.text.strip() else None, None
        for key, value in list(element.attrib.items()):
            if key == "id" and value not in used or key == "transform" and UNROTATED.fullmatch(value):
                del element.attrib[key]
            elif key == "id":
                element.set(key, prefix + value)
            elif key == HREF and element.tag == A:
                target = resolve(value.removeprefix("#")) if value.startswith("#") else value
                unknown += [value] if target is None else []
                del element.attrib[HREF]
                element.set("href", target or value)
            elif key == HREF and value.startswith("#"):
                element.set(key, "#" + prefix + value[1:])
            else:
                value = URL.sub(lambda m: f"url(#{prefix}{m[1]})", SPACES.sub(" ", NUMBER.sub(r"\1", value)))
                if key == "style":
                    value = value.replace(f"font-family: {fonts}; ", "").replace(f"; font-family: {fonts}", "")
                if key == "style" and themed:
                    value = PALETTE.sub(themes, value)
                    # matplotlib leaves out a fill that is black (SVG's default): the airstrike's, white on dark
                    if element.tag in DRAWN and element not in defined and "fill:" not in value:
                        value = f"fill: var(--chart-strike); {value}"
                element.set(key, value)
    for parent in reversed(list(root.iter())):  # bare <g>s (no attribute left) lifted into their parents
        parent[:] = [x for c in parent if c.tag not in DROP for x in (list(c) if c.tag == G and not c.attrib else [c])]
    root[:] = [e for e in root if e.tag != DEFS or len(e)]  # no empty <defs>
    root.attrib.update({key.rstrip("_").replace("_", "-"): value for key, value in attributes.items()})
    return ET.tostring(root, encoding="unicode"), unknown
