"""Charts built for each medium: every mark a link with a tooltip, the data beside each chart,
legible on a phone, a wide screen, a dark ground and paper, and saying what the data say."""

from __future__ import annotations

import functools
import re
import subprocess
import urllib.parse
from pathlib import Path

import numpy as np
import pytest
import yaml
from bs4 import BeautifulSoup
from charts import FIGURES, MEDIA, Chart
from charts import drawn as draw
from conftest import ROOT, edit_cell
from matplotlib.text import Text

from briefbook.data import load, split
from briefbook.figures.output import drawn_svg, render
from briefbook.figures.style import PRINT, WIDE_FROM_PX

PAGES = {"timeline": "overview", "tempo": "strikes-and-escalation", "signals": "signals-of-de-escalation",
         "claims": "data-and-methods"}  # fmt: skip
PHONE_COLUMN_PX = 358  # the book's column on a 390 px phone
CM = 72 / 2.54


@pytest.fixture(scope="module")
def data():
    return load(ROOT / "data")


@functools.cache
def drawn(name: str, medium: str):
    """Each chart drawn once per medium for the tests that only read it (a Drawing)."""
    return draw(name, load(ROOT / "data"), medium)


def texts(fig) -> list[Text]:
    fig = getattr(fig, "figure", fig)
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def links(svg: str) -> list[tuple[str, str]]:
    """Each link of an SVG: (href, title)."""
    import xml.etree.ElementTree as ET

    from briefbook.figures.output import HREF, TITLE, A

    return [
        (a.get("href") or a.get(HREF) or "", getattr(a.find(TITLE), "text", "")) for a in ET.fromstring(svg).iter(A)
    ]


@pytest.mark.unit
@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize("medium", list(MEDIA))
def test_every_mark_links_to_its_row_with_a_tooltip(data, name, medium):
    svg = render(drawn(name, medium), "svg").decode("utf-8")
    found = links(svg)
    assert found, "no linked marks"
    rows = {f"#event-{i}" for i in data.events["id"]} | {f"#quote-{i}" for i in data.quotations["id"]}
    rows |= {f"#{i}" for i in data.claims["id"]}
    for href, title in found:
        assert href in rows, href
        assert title and len(title) > 10, href
    assert 'target="_blank"' not in svg


@pytest.mark.unit
@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize("medium", list(MEDIA))
def test_no_text_is_smaller_than_its_medium_allows(name, medium):
    """On screen 11 px where the chart is shown at its narrowest (the wide one from a 730 px
    column, the narrow one in a 390 px phone's column), in print 7 pt at the text width."""
    m = MEDIA[medium]
    fig = drawn(name, medium).figure
    shown = {"print": PRINT.width * 72}.get(m.name, (PHONE_COLUMN_PX if m.narrow else WIDE_FROM_PX) * 0.75)
    scale = shown / (m.width * 72)
    least = 7 if m.name == "print" else 11 * 0.75
    small = [
        (t.get_text()[:30], t.get_fontsize() * scale) for t in texts(fig) if t.get_fontsize() * scale < least - 1e-9
    ]
    assert not small


@pytest.mark.unit
@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize("medium", ["screen", "phone", "print"])
def test_nothing_is_cut_off_at_the_chart_s_edges(name, medium):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = drawn(name, medium).figure
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    edge = fig.bbox.padded(1)
    outside = [t.get_text()[:30] for t in texts(fig) if not edge.contains(*t.get_window_extent(canvas.get_renderer()).p1)
               or not edge.contains(*t.get_window_extent(canvas.get_renderer()).p0)]  # fmt: skip
    assert not outside


@pytest.mark.unit
def test_print_charts_are_drawn_at_the_pdf_text_width():
    latex = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["sphinx"]["config"]["latex_elements"]
    assert latex["papersize"] == "a4paper"
    left, right = (float(x) for x in re.search(r"hmargin=\{([\d.]+)cm,([\d.]+)cm\}", latex["sphinxsetup"]).groups())
    assert PRINT.width * 2.54 == pytest.approx(21.0 - left - right, abs=0.01)


@pytest.mark.unit
def test_a_print_chart_is_never_taller_than_tex_can_place():
    """800 statements make the signals grid 370 inches tall: XeLaTeX stops at 16,383 pt ("Dimension
    too large"). The print drawing is capped (LaTeX fits it to the page); the screen's is not."""
    from dataclasses import replace

    from briefbook.figures.style import SCREEN, Drawing

    for medium in (PRINT, replace(PRINT, language="ar")):  # as each edition draws it
        assert Drawing(medium, 370).figure.get_size_inches()[1] * 72 < 16383
    assert Drawing(SCREEN, 370).figure.get_size_inches()[1] == 370


@pytest.mark.unit
def test_a_chart_shared_by_the_html_and_the_epub_is_drawn_again_for_new_data_a_language_or_a_medium(data_copy):
    """The builders of a process share a chart's narrow SVG (drawn_svg), never a stale one: a data edit between two
    builds of one process (the preview's) draws it anew, as do another language and another medium."""
    from types import SimpleNamespace

    from briefbook.sphinx.project import dataset

    env = SimpleNamespace(config=SimpleNamespace(briefbook_root=data_copy.parent, language="en"), srcdir=None)
    tempo, first = FIGURES["tempo"], drawn_svg(FIGURES["tempo"], dataset(env), "en", "phone")
    assert drawn_svg(tempo, dataset(env), "en", "phone") is first  # the EPUB's is the HTML's
    edit_cell(data_copy / "events.csv", "ev-2021-06-28-omar-rockets", "place", "al-Omar oil field and its camp")
    edited = drawn_svg(tempo, dataset(env), "en", "phone")
    assert "its camp" in edited and "its camp" not in first
    assert edited == Chart(tempo, dataset(env), "en").svg("phone")
    for language, medium in (("ar", "phone"), ("en", "screen")):  # the same data: the key is not the data alone
        assert drawn_svg(tempo, dataset(env), language, medium) == Chart(tempo, dataset(env), language).svg(medium)
        assert drawn_svg(tempo, dataset(env), language, medium) != edited


@pytest.mark.unit
def test_the_tempo_chart_counts_the_window_event_once(data):
    fig = draw("tempo", data).figure
    windows = data.events[data.events["date_end"] > data.events["date_start"]]
    blocks = [(u, p) for c in fig.axes[0].collections if (c.get_gid() or "").startswith("windows:")
              for u, p in zip(c.get_urls(), c.corners, strict=True)]  # fmt: skip
    assert sorted(u for u, _ in blocks) == sorted(f"#event-{i}" for i in windows["id"])
    for ev in windows.itertuples():
        (path,) = [p for u, p in blocks if u == f"#event-{ev.id}"]
        days = (ev.date_end - ev.date_start).days + 1
        assert np.ptp(path[:, 1]) * days == pytest.approx(1.0)  # one event, spread over its days
    assert "drawn once" in FIGURES["tempo"].alt_text(data, "en")
    caption = (ROOT / "chapters" / "strikes-and-escalation.md").read_text(encoding="utf-8")
    assert "drawn once" in caption and "spread over both days" in caption


@pytest.mark.unit
@pytest.mark.parametrize("medium", ["screen", "phone", "print"])
def test_the_claims_chart_is_a_claim_by_evidence_matrix(data, medium):
    """Claims in the brief's order by evidence in the order of time, one mark where a claim rests
    on a piece of evidence; no lines between them. On a phone the matrix is turned."""
    fig = draw("claims", data, medium).figure
    ax = fig.axes[0]
    evidence = data.in_time_order(list(dict.fromkeys(i for e in data.claims["evidence"] for i in split(e))))
    turned = MEDIA[medium].narrow
    for row, claim in enumerate(data.claims.itertuples()):
        for item in split(claim.evidence):
            (mark,) = [c for c in ax.collections if c.get_gid() == f"link:{claim.id}:{item}"]
            x, y = mark.corners[0, 0]
            assert (x, y) == ((row, evidence.index(item)) if turned else (evidence.index(item), row))
    assert not [line for line in ax.lines if len(line.get_xdata()) > 1 and "marker:" not in (line.get_gid() or "")]
    assert "Matrix" in FIGURES["claims"].alt_text(data, "en")


@pytest.mark.unit
def test_charts_say_words_not_file_or_module_names():
    names = re.compile(r"\.csv|\.json|briefbook\.|figures\.")
    for name in FIGURES:
        for medium in MEDIA:
            assert not [t.get_text() for t in texts(drawn(name, medium)) if names.search(t.get_text())], (name, medium)
    for page in PAGES.values():
        source = (ROOT / "chapters" / f"{page}.md").read_text(encoding="utf-8")
        caption = re.search(r"caption: \|\n((?:      .*\n)+)", source).group(1)
        assert not names.search(caption), page


@pytest.mark.unit
@pytest.mark.parametrize("medium", ["screen", "print"])
def test_the_day_labels_clear_the_legends(data, medium):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = draw("timeline", data, medium).figure
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    labels = [t for t in texts(fig) if t.get_text().startswith(("Brief published", "U.S. strikes"))]
    assert len(labels) == 2
    others = [a.get_legend() for a in fig.axes if a.get_legend()] + [a.title for a in fig.axes]
    for label in labels:
        box = label.get_window_extent(renderer)
        for other in others:
            assert not box.overlaps(other.get_window_extent(renderer)), label.get_text()


# The built book: inline SVG in HTML, links to the right page, the data beside each chart.


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def chart_pages(site):
    for chart, page in PAGES.items():
        yield chart, f"chapters/{page}.html", soup(site, f"chapters/{page}.html")


@pytest.mark.build
def test_charts_are_inline_svg_with_their_narrow_variant_and_the_dark_palette(site):
    for chart, page, html in chart_pages(site):
        figure = html.select_one(f"figure#fig-{chart}")
        assert not figure.select("img"), page  # an <img> SVG has dead links
        variants = figure.select(".chart-media .chart-variant > svg")
        assert {c for v in variants for c in v.parent["class"]} == {"chart-variant", "chart-wide", "chart-narrow"}, page
        assert len(variants) == 2, page
        styles = " ".join(el.get("style", "") for v in variants for el in v.select("[style]"))
        for var in ("--chart-ink", "--chart-grid", "--chart-ground"):
            assert f"var({var})" in styles, (page, var)
        assert not re.search(r"(fill|stroke): #(111111|000000)", styles), page  # no ink, no edge dark mode keeps
        if chart in ("timeline", "tempo", "claims"):  # the black airstrike, white on a dark ground
            assert "fill: var(--chart-strike)" in styles, page
        ids = [el["id"] for el in html.select("[id]")]
        assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})[:5]
        assert "<style" not in str(figure)  # no style rule of the chart reaches the page


@pytest.mark.unit
def test_the_page_s_chart_palettes_are_the_charts_and_legible_in_dark_mode():
    """briefbook.css sets the variables to the colours the charts are drawn in (light), and in dark
    mode to ink and rules that read on the dark ground, the black airstrike turned light."""
    from matplotlib.colors import to_rgb

    from briefbook.figures.style import SCREEN
    from figures import TYPE_STYLE  # the book's own figures/ (tests/charts.py puts the book on the path)

    def luminance(colour: str) -> float:
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    css = (ROOT / "briefbook" / "static" / "briefbook.css").read_text(encoding="utf-8")
    blocks = re.findall(r"(html\[data-theme=\"dark\"\] )?figure\.briefbook-chart \.chart-media \{([^}]*)\}", css)
    palettes = {bool(dark): dict(re.findall(r"--chart-(\w+): ([#\w]+);", body)) for dark, body in blocks}
    light = {k: v.lower() for k, v in palettes[False].items()}
    assert light == {"ink": SCREEN.ink.lower(), "muted": SCREEN.muted.lower(), "grid": SCREEN.grid.lower(),
                     "ground": "#ffffff", "strike": TYPE_STYLE["airstrike"][0].lower(), "edge": "#000000"}  # fmt: skip
    dark = palettes[True]
    ground = dark["ground"] if dark["ground"].startswith("#") else "#121212"  # none: the page's dark ground
    assert contrast(dark["ink"], ground) >= 7 and contrast(dark["muted"], ground) >= 4.5
    assert contrast(dark["strike"], ground) >= 3  # the airstrike's star, seen on the dark ground
    # the marks' edges, black on paper: on the dark ground they outline the dark blue ▼ (3.6:1 on its own)
    assert contrast(dark["edge"], ground) >= 3 and contrast(dark["edge"], "#0072B2") >= 3


@pytest.mark.build
def test_every_chart_link_resolves_to_its_row_with_a_tooltip(site, data):
    placed = {}
    for md in (ROOT / "chapters").glob("*.md"):
        for qid in re.findall(r"```\{quotation\} ([\w-]+)", md.read_text(encoding="utf-8")):
            placed.setdefault(qid, f"{md.stem}.html")
    checked = 0
    for chart, page, html in chart_pages(site):
        for a in html.select(f"figure#fig-{chart} svg a"):
            href = a.get("href")
            assert href and a.find("title") and a.find("title").get_text().strip(), (page, str(a)[:120])
            target, _, anchor = href.partition("#")
            target_path = (site / page).parent / urllib.parse.unquote(target) if target else site / page
            assert target_path.is_file(), (page, href)
            assert soup(site, str(target_path.relative_to(site))).find(id=anchor), (page, href)
            if anchor.startswith("quote-") and anchor.removeprefix("quote-") in placed:
                assert target_path.name == placed[anchor.removeprefix("quote-")], (
                    page,
                    href,
                )  # the card, not the register
            checked += 1
    assert checked > 100


@pytest.mark.build
def test_each_chart_has_its_data_beside_it(site, data):
    """A table of every row the chart draws (each linked as the marks are), the sources they
    cite, and downloads; in HTML only."""
    for chart, page, html in chart_pages(site):
        figure = html.select_one(f"figure#fig-{chart}")
        details = figure.select_one("details.chart-data-details")
        assert details and details.select_one("summary"), page
        drawn = {a["href"] for a in figure.select(".chart-wide svg a")}
        listed = {a["href"] for a in details.select("table a[href]")}
        assert drawn <= listed, (page, sorted(drawn - listed)[:3])
        assert details.select(".chart-sources a[href]"), page
        hrefs = [a["href"] for a in details.select(".chart-downloads a[href]")]
        assert any(h.endswith(".csv") for h in hrefs) and any(h.endswith(".svg") for h in hrefs), page
        assert not re.search(r"briefbook\.figures|Drawn by", figure.get_text()), page


def pdf_forms(pdf: Path) -> list[tuple[float, list[float]]]:
    """Each form XObject a page draws (an included figure): its width on the page in points and
    the size on the page of each piece of text it sets (its nested forms' included)."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(str(pdf))
    found: list[tuple[float, list[float]]] = []

    def mul(a, b):
        return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
                a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]  # fmt: skip

    def walk(stream, resources, ctm, sizes: list[float] | None) -> None:
        stack, font, tm = [], 0.0, [1, 0, 0, 1, 0, 0]
        xobjects = resources.get("/XObject", {}) if resources else {}
        for operands, op in ContentStream(stream, reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm = mul([float(x) for x in operands], ctm)
            elif op == b"Tf":
                font = float(operands[1])
            elif op == b"Tm":
                tm = [float(x) for x in operands]
            elif op in (b"Tj", b"TJ") and sizes is not None:
                m = mul(tm, ctm)
                sizes.append(font * (m[2] ** 2 + m[3] ** 2) ** 0.5)
            elif op == b"Do":
                xobj = xobjects[operands[0]].get_object()
                if xobj.get("/Subtype") != "/Form":
                    continue
                inner = mul([float(x) for x in xobj.get("/Matrix", [1, 0, 0, 1, 0, 0])], ctm)
                if sizes is None:  # a figure on the page
                    box = [float(x) for x in xobj["/BBox"]]
                    found.append(((box[2] - box[0]) * (inner[0] ** 2 + inner[1] ** 2) ** 0.5, []))
                    walk(xobj, xobj.get("/Resources"), inner, found[-1][1])
                else:
                    walk(xobj, xobj.get("/Resources"), inner, sizes)

    for page in reader.pages:
        walk(page.get_contents(), page["/Resources"], [1, 0, 0, 1, 0, 0], None)
    return found


@pytest.mark.build
def test_print_sets_every_chart_at_the_text_width_with_no_text_under_7_pt(book):
    from briefbook.project import Project

    pdf = Project(book).published("pdf")
    charts = [(w, s) for w, s in pdf_forms(pdf) if s]
    assert len(charts) == len(FIGURES)
    for width, sizes in charts:
        assert width >= 0.9 * PRINT.width * 72, width
        assert min(sizes) >= 7 - 0.05, min(sizes)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Table, sources and downloads" not in text  # the data block is HTML's
    said = re.findall(
        r"Data: the (tables?) (.+?) of the data package \([^;]+; (its|their) schema", " ".join(text.split())
    )
    assert len(said) == 4 and ("table", "“events”", "its") in said, said  # one table is a table, not "tables"
    assert all((number == "table") == (whose == "its") == (words.count("“") == 1) for number, words, whose in said), (
        said
    )
    assert ("tables", "“statements” and “speakers and groups”", "their") in said  # each name whole


# In a real browser: phone and desktop, light and dark (fixtures of test_browser).

from test_browser import Visit, base_url, browser  # noqa: E402, F401

WIDER_THAN_THE_PAGE = """() => {
  const W = document.documentElement.clientWidth, out = [];
  const said = (a) => a.getAttribute('aria-label') || a.getAttribute('role') === 'region';
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
    if (r.right <= W + 1 && r.left >= -1) continue;
    let a = el.parentElement, inside = false;
    for (; a && a !== document.body && !inside; a = a.parentElement)
      inside = /auto|scroll/.test(getComputedStyle(a).overflowX) && said(a);
    if (!inside && !out.some(o => o.contains(el))) out.push(el);
  }
  return out.map(e => `${e.tagName}.${e.getAttribute('class')} ${Math.round(e.getBoundingClientRect().right)}`);
}"""
SHOWN_CHART = """(chart) => [...document.querySelectorAll(`#fig-${chart} .chart-variant`)]
  .filter(v => getComputedStyle(v).display !== 'none').map(v => {
    const svg = v.querySelector('svg'), text = [...svg.querySelectorAll('text')];
    const px = text.map(t => { const m = t.getScreenCTM(); return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); });
    return {classes: v.className, width: svg.getBoundingClientRect().width, column: v.parentElement.clientWidth,
            least: Math.min(...px), ink: getComputedStyle(text[0]).fill, links: svg.querySelectorAll('a[href]').length,
            page: getComputedStyle(document.body).backgroundColor, ground: getComputedStyle(svg.querySelector('path')).fill};
  })"""


def luminance(css: str) -> float:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", css)[:3])
    r, g, b = ((c / 12.92) if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(390, 844), (1366, 900)])
@pytest.mark.parametrize("chart", list(PAGES))
def test_charts_and_tables_fit_read_and_take_the_keyboard(browser, base_url, chart, width, height, scheme):  # noqa: F811
    visit = Visit(browser, base_url, f"chapters/{PAGES[chart]}.html", viewport={"width": width, "height": height},
                  color_scheme=scheme)  # fmt: skip
    page = visit.page
    try:
        assert page.evaluate(WIDER_THAN_THE_PAGE) == []
        (shown,) = page.evaluate(SHOWN_CHART, chart)
        assert f"chart-{'narrow' if width < 700 else 'wide'}" in shown["classes"]
        assert shown["ground"] == ("none" if scheme == "dark" else "rgb(255, 255, 255)")  # no white slab in the dark
        assert shown["width"] >= shown["column"] - 2 or "chart-narrow" in shown["classes"]
        assert shown["least"] >= 11 - 0.01, shown
        assert contrast(shown["ink"], shown["page"]) >= 4.5, shown
        assert shown["links"] >= 8
        # keyboard: from just before the chart, Tab reaches its first mark
        page.evaluate("c => { const b = document.createElement('button'); b.textContent = 'before';"
                      "document.querySelector(`#fig-${c} .chart-media`).before(b); b.focus(); }", chart)  # fmt: skip
        page.keyboard.press("Tab")
        focused = page.evaluate("() => { const a = document.activeElement; return [a.tagName.toLowerCase(),"
                                "!!a.closest('.chart-variant'), a.getAttribute('href') || '']; }")  # fmt: skip
        assert focused[0] == "a" and focused[1] and "#" in focused[2], focused
        if width < 700:  # the long tables stack their rows as cards, each cell under its column's name
            cards = page.evaluate("""() => [...document.querySelectorAll('table.events-table, table.claims-table')]
              .map(t => [getComputedStyle(t.querySelector('tbody tr')).display,
                         getComputedStyle(t.querySelector('tbody td .cell-label'), '::before').content])""")
            for display, label in cards:
                assert display == "block" and label not in ("none", '""'), (display, label)
    finally:
        visit.close()


def _clip_boxes(root) -> dict[str, tuple[float, float, float, float]]:
    from briefbook.figures.output import SVG_NS

    boxes = {}
    for clip in root.iter(f"{{{SVG_NS}}}clipPath"):
        rect = clip.find(f"{{{SVG_NS}}}rect")
        x, y = float(rect.get("x", 0)), float(rect.get("y", 0))
        boxes[clip.get("id")] = (x, y, x + float(rect.get("width")), y + float(rect.get("height")))
    return boxes


def _mark_boxes(root) -> list:
    """Each link that holds a drawn shape (not words), with its shapes' box (matplotlib writes
    absolute coordinates, a pair a point; a <use> moves its shape by its x and y)."""
    from briefbook.figures.output import HREF, PATH, RECT, USE, A

    def points(d, dx=0.0, dy=0.0):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", d)]
        return [(x + dx, y + dy) for x, y in zip(numbers[0::2], numbers[1::2], strict=False)]

    shapes = {f"#{e.get('id')}": e.get("d") for e in root.iter(PATH) if e.get("id")}
    out = []
    for anchor in root.iter(A):
        found = []
        for child in anchor.iter():
            x, y = float(child.get("x", 0)), float(child.get("y", 0))
            if child.tag == PATH and child.get("d"):
                found += points(child.get("d"))
            elif child.tag == RECT:
                found += [(x, y), (x + float(child.get("width", 0)), y + float(child.get("height", 0)))]
            elif child.tag == USE and child.get(HREF) in shapes:
                found += points(shapes[child.get(HREF)], x, y)
        if found:
            xs, ys = zip(*found, strict=True)
            out.append((anchor, (min(xs), min(ys), max(xs), max(ys))))
    return out


@pytest.mark.unit
@pytest.mark.parametrize("name", list(FIGURES))
@pytest.mark.parametrize("medium", ["phone", "screen"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_every_mark_link_is_a_24_px_target_where_its_chart_is_narrowest(name, medium, language):
    """WCAG 2.5.8: each mark's link (its hit area, less what a clip of the axes hides) at least 24
    CSS px square, the narrow chart in a 390 px phone's column, the wide one in a column of
    WIDE_FROM_PX; nothing visible is added (the hit area's fill is 0.001 opaque, it has no stroke)."""
    import xml.etree.ElementTree as ET

    from briefbook.figures.output import SVG_NS, THEMED, URL, A

    root = ET.fromstring(Chart(FIGURES[name], load(ROOT / "data"), language).svg(medium))
    width = float(root.get("viewBox").split()[2])
    shown = PHONE_COLUMN_PX if MEDIA[medium].narrow else WIDE_FROM_PX
    scale = shown / width  # CSS px per unit of the SVG
    clips = _clip_boxes(root)
    parents = {child: parent for parent in root.iter() for child in parent}
    boxes = _mark_boxes(root)
    assert boxes, "no mark links"
    small = []
    for anchor, (x0, y0, x1, y1) in boxes:
        element = anchor
        while element in parents:  # the clips of the link's ancestors
            found = URL.search(element.get("clip-path", ""))
            if found:
                cx0, cy0, cx1, cy1 = clips[found.group(1)]
                x0, y0, x1, y1 = max(x0, cx0), max(y0, cy0), min(x1, cx1), min(y1, cy1)
            element = parents[element]
        if min(x1 - x0, y1 - y0) * scale < 24 - 1e-6:
            small.append((anchor.get("{http://www.w3.org/1999/xlink}href"), round((x1 - x0) * scale, 1),
                          round((y1 - y0) * scale, 1)))  # fmt: skip
        for area in [e for e in anchor.iter() if e.tag not in (A, f"{{{SVG_NS}}}title")]:
            style = area.get("style", "")
            assert "fill-opacity: 0.001" in style and "stroke" not in style and not area.get("clip-path"), area.attrib
            assert re.search(r"fill: (#\w+)", style)[1] not in THEMED["fill"], style  # dark mode's ground is "none"
    assert not small
    assert all(a.find(f"{{{SVG_NS}}}title") is not None for a in root.iter(A))


@pytest.mark.unit
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_names_of_the_rows_link_to_their_rows_where_a_reader_sees_them(data, language):
    """The claims' and the evidence's names, and the statements' names (at the right in Arabic, at
    the top for the evidence), are links too: those moved beside the axes, not the hidden ones."""
    claims = links(Chart(FIGURES["claims"], data, language).svg())
    hrefs = [h for h, _ in claims]
    assert {f"#{c}" for c in data.claims["id"]} <= set(hrefs)
    evidence = {i for e in data.claims["evidence"] for i in split(e)}
    assert all(hrefs.count(f"#{'event' if i.startswith('ev-') else 'quote'}-{i}") > 1 for i in evidence)
    signals = [h for h, _ in links(Chart(FIGURES["signals"], data, language).svg())]
    assert all(
        signals.count(f"#quote-{q}") == len(split(d)) + 1
        for q, d in zip(data.quotations["id"], data.quotations["devices"], strict=True)
    )


@pytest.mark.unit
def test_a_two_line_label_keeps_to_two_lines(data):
    """The claims grid's phone labels stand a row apart: a head longer than the width ("8 July, Abu
    Ali al-Askari") stays on its line, or the label's third line runs into the next row's."""
    from figures import named

    for item in [*data.quotations["id"], *data.events["id"]]:
        assert named(data, item, "en", 24).count("\n") == 1, item


@pytest.mark.unit
@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("medium", ["screen", "phone", "print"])
def test_the_claims_legend_overlaps_no_label(data, medium, language):
    """Figure 7.1's legend stands in the corner beside the evidence's names, however wide it is."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = draw("claims", data, medium, language).figure
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    (legend,) = fig.legends + [a.get_legend() for a in fig.axes if a.get_legend()]
    box = legend.get_window_extent(renderer)
    ticks = [t for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels() if t.get_text()]
    assert ticks
    assert not [t.get_text()[:30] for t in ticks if box.overlaps(t.get_window_extent(renderer))]
