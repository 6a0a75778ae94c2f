"""The reader's book in a real browser: Debian's Chromium driven by Playwright over the built
site, served from a sub-path on 127.0.0.1, as static hosting would place it."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import threading
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, site_pages

playwright = pytest.importorskip("playwright.sync_api")
from axe_playwright_python.sync_playwright import Axe  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SUBPATH = "/muqawama/"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SUBPATH only; anything else is a 404, as on a project page."""

    def translate_path(self, path):
        parsed = urllib.parse.urlsplit(path).path
        if not parsed.startswith(SUBPATH):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + parsed[len(SUBPATH) :])

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the screenshots go: $BRIEFBOOK_SCREENSHOTS if set, else a folder of the test session's
    own (pytest prints it below), never the repository's _build."""
    folder = Path(os.environ.get("BRIEFBOOK_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def base_url(site):
    handler = functools.partial(SubPathHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{SUBPATH}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).is_file(), "Debian's chromium is missing: `make test` installs it"
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def pages_of(site) -> list[str]:
    """Every page of both editions, by its address in the site."""
    return [p.relative_to(site).as_posix() for p in site_pages(site)]


class Visit:
    """One page load with everything the page asked for and said."""

    def __init__(self, browser, base_url: str, path: str, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.console_errors, self.failed, self.foreign = [], [], []
        local = urllib.parse.urlsplit(base_url).netloc

        def route(r):
            host = urllib.parse.urlsplit(r.request.url).netloc
            if r.request.url.startswith(("data:", "blob:")) or host == local:
                r.continue_()
            else:
                self.foreign.append(r.request.url)
                r.abort()

        self.context.route("**/*", route)
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", lambda r: self.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
        self.page.goto(base_url + path)
        self.page.wait_for_load_state("networkidle")

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visits(browser, base_url, site):
    """Every page, loaded once in a desktop window."""
    out = {}
    for path in pages_of(site):
        visit = Visit(browser, base_url, path, viewport={"width": 1366, "height": 900})
        axe = Axe().run(visit.page)
        visit.violations = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in axe.response["violations"]
        ]
        visit.images = visit.page.eval_on_selector_all(
            "img", "els => els.map(e => [e.getAttribute('src'), e.getAttribute('alt')])"
        )
        visit.arabic = visit.page.evaluate("""() => {
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
              const t = walker.currentNode;
              if (/[\\u0600-\\u06ff]/.test(t.textContent)) {
                const el = t.parentElement.closest('[lang]');
                out.push([el ? el.getAttribute('lang') : null, el ? el.getAttribute('dir') : null]);
              }
            }
            return out;
        }""")
        visit.close()
        out[path] = visit
    return out


@pytest.mark.browser
def test_every_page_loads_without_console_errors(visits):
    bad = {path: v.console_errors for path, v in visits.items() if v.console_errors}
    assert not bad


@pytest.mark.browser
def test_no_failed_request(visits):
    bad = {path: v.failed for path, v in visits.items() if v.failed}
    assert not bad


@pytest.mark.browser
def test_no_request_leaves_the_host(visits):
    bad = {path: v.foreign for path, v in visits.items() if v.foreign}
    assert not bad


@pytest.mark.browser
def test_no_serious_or_critical_accessibility_violation(visits):
    bad = {path: [v for v in v.violations if v[1] in ("serious", "critical")] for path, v in visits.items()}
    assert not {k: v for k, v in bad.items() if v}


@pytest.mark.browser
def test_every_image_has_meaningful_alt_text(visits):
    for path, visit in visits.items():
        for src, alt in visit.images:
            if src and src.endswith((".svg", ".png")) and "_static" not in src:
                assert alt and len(alt.strip()) > 40, (path, src, alt)


@pytest.mark.browser
def test_every_arabic_text_is_marked(visits):
    seen = 0
    for path, visit in visits.items():
        for lang, direction in visit.arabic:
            assert (lang, direction) == ("ar", "rtl"), path
            seen += 1
    assert seen >= 2


@pytest.mark.build
def test_every_internal_link_and_anchor_resolves(site):
    ids: dict[str, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        key = page.as_posix()
        if key not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids[key] = {el["id"] for el in soup.select("[id]")} | {el["name"] for el in soup.select("a[name]")}
        return ids[key]

    broken = []
    for rel in pages_of(site):
        page = site / rel
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select("a[href]"):
            href = a["href"]
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            target, _, anchor = href.partition("#")
            target_path = (page.parent / urllib.parse.unquote(target)).resolve() if target else page
            if not target_path.exists():
                broken.append(f"{rel}: {href}")
                continue
            if anchor and target_path.suffix == ".html" and urllib.parse.unquote(anchor) not in ids_of(target_path):
                broken.append(f"{rel}: {href}")
    assert not broken


@pytest.mark.browser
def test_search_finds_the_chapters_that_quote_khazali(browser, base_url):
    visit = Visit(browser, base_url, "index.html", viewport={"width": 1366, "height": 900})
    page = visit.page
    page.keyboard.press("Control+k")
    box = page.locator("input[name='q']:visible").first
    box.fill("Khazali")
    box.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=Khazali"))
    page.wait_for_selector("#search-results li", timeout=15000)
    titles = " ".join(page.locator("#search-results li a").all_inner_texts())
    visit.close()
    for chapter in ("Signals of de-escalation", "Annotated quotations"):
        assert chapter in titles, titles


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width,height", [(390, 844), (1366, 900)])
@pytest.mark.parametrize("path", ["chapters/overview.html", "chapters/strikes-and-escalation.html"])
def test_screenshots_and_charts_readable_in_both_modes(browser, base_url, screenshots, path, width, height, scheme):
    """The chart shown is drawn for the page's ground (no white slab in dark mode, no dimming)
    and for its width (it fills the column, nothing scrolls sideways)."""
    visit = Visit(browser, base_url, path, viewport={"width": width, "height": height}, color_scheme=scheme)
    page = visit.page
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    chart = page.locator("figure.briefbook-chart .chart-variant:visible").first
    chart.scroll_into_view_if_needed()
    shown = chart.evaluate("""v => { const svg = v.querySelector('svg');
        return {classes: v.className, filter: getComputedStyle(svg).filter, width: svg.getBoundingClientRect().width,
                column: v.parentElement.clientWidth, ground: getComputedStyle(svg.querySelector('path')).fill,
                ink: getComputedStyle(svg.querySelector('text')).fill}; }""")
    assert shown["ground"] == ("none" if scheme == "dark" else "rgb(255, 255, 255)")  # the page's own ground in dark
    assert (shown["ink"] == "rgb(230, 230, 230)") == (scheme == "dark")  # text drawn for the ground
    assert shown["filter"] == "none"
    assert shown["width"] >= min(shown["column"], 480) - 2  # it fills the column (a phone's chart up to 30 rem)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the page itself does not scroll sideways
    name = f"{Path(path).stem}-{width}x{height}-{scheme}.png"
    page.screenshot(path=str(screenshots / name), full_page=False)
    visit.close()
    assert (screenshots / name).stat().st_size > 10_000


@pytest.mark.browser
def test_pdf_notebook_and_data_downloads_are_offered(visits, site):
    overview = (site / "chapters" / "overview.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(overview, "html.parser")
    hrefs = [a.get("href", "") for a in soup.select("a")]
    assert any(h.endswith(".pdf") for h in hrefs), "no link to the PDF"
    assert any(h.endswith("overview.md") or h.endswith("overview.ipynb") for h in hrefs), "no notebook source"
    assert any(h.endswith(".csv") or h.endswith("data.zip") for h in hrefs), "no data download"
    for rel in pages_of(site):
        text = (site / rel).read_text(encoding="utf-8")
        if rel in ("search.html", "genindex.html"):
            continue
        assert re.search(r'href="[^"]*\.pdf"', text), f"{rel} does not link the PDF"


@pytest.mark.unit
def test_publishing_runs_the_readme_command_and_uploads_what_it_builds():
    """GitHub Pages and Read the Docs run `make book`, which must be a real target, and publish
    the folder that it writes the HTML book into."""
    import yaml

    from briefbook.project import Project

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    commands = [s.get("run", "") for s in steps] + list(rtd["build"]["commands"])
    for command in (c for c in commands if c.startswith("make ")):
        dry = subprocess.run([*command.split(), "-n"], cwd=ROOT, capture_output=True, text=True)
        assert dry.returncode == 0, (command, dry.stderr)
    assert "make book" in commands
    uploads = [s for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    assert uploads and ROOT / uploads[0]["with"]["path"] == Project(ROOT).html_dir


@pytest.mark.build
def test_hypothesis_is_a_switch_that_is_off(site):
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert config["html"]["comments"]["hypothesis"] is False
    for page in site.rglob("*.html"):
        assert "hypothes.is" not in page.read_text(encoding="utf-8"), page


@pytest.mark.browser
def test_the_register_sorts_and_filters(browser, base_url):
    """The register is a table a reader can filter by any word and sort by any column; the
    'Date' column restores the order of time."""
    visit = Visit(browser, base_url, "chapters/quotations.html", viewport={"width": 1366, "height": 900})
    page = visit.page

    def visible_speakers():
        return page.eval_on_selector_all(
            "table.register-table tbody tr", "rows => rows.filter(r => !r.hidden).map(r => r.cells[2].innerText.trim())"
        )

    def order():
        return page.eval_on_selector_all(
            "table.register-table tbody tr", "rows => rows.map(r => r.querySelector('[id^=quote-]').id)"
        )

    chronological = order()
    assert len(chronological) == 8 and chronological[0] == "quote-khazali-2021-06-29-attrition"
    page.fill(".register-filter input", "Askari")
    assert visible_speakers() == ["Abu Ali al-Askari", "Abu Ali al-Askari"]
    assert "2 of 8" in page.inner_text(".register-status")
    page.fill(".register-filter input", "")
    assert len(visible_speakers()) == 8
    page.click("table.register-table th:nth-child(3) button")  # Speaker
    speakers = visible_speakers()
    assert speakers == sorted(speakers, key=str.lower) and speakers != [s for s in speakers[::-1]]
    assert page.get_attribute("table.register-table th:nth-child(3)", "aria-sort") == "ascending"
    page.click("table.register-table th:nth-child(3) button")
    assert page.get_attribute("table.register-table th:nth-child(3)", "aria-sort") == "descending"
    page.click("table.register-table th:nth-child(1) button")  # Date: the order of time again
    assert order() == chronological
    # every row links to a card that exists
    hrefs = page.eval_on_selector_all("table.register-table tbody tr td:nth-child(7) a", "as => as.map(a => a.href)")
    assert len(hrefs) == 8
    for href in hrefs:
        page.goto(href)
        anchor = href.split("#", 1)[1]
        assert page.locator(f"#{anchor}").count() == 1
        assert page.locator(f"#{anchor}").evaluate("el => !!el.closest('.data-card')")
    visit.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["ar/chapters/overview.html", "ar/chapters/data-and-methods.html"])
def test_each_piece_of_evidence_is_one_box_on_an_arabic_phone(browser, base_url, path):
    """A claim's evidence lists Arabic labels holding English first words: an item wrapped across
    lines interleaved its two directions with its neighbours'. Each item is one box, read whole."""
    visit = Visit(browser, base_url, path, viewport={"width": 390, "height": 844})
    boxes = visit.page.eval_on_selector_all(
        ".evidence .sequence-item", "items => items.map(i => i.getClientRects().length)"
    )
    visit.close()
    assert boxes and set(boxes) == {1}, boxes
