"""Lighter pages by public means: no FontAwesome JavaScript (the theme's block of assets, less that
line), no Thebe, sphinx-design and togglebutton only where used (html-page-context's lists of
assets), the theme's stylesheet and icon fonts cut by tinycss2 and fontTools; a chapter page's first
load stays under LIMIT."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from types import SimpleNamespace

import pytest

from briefbook.sphinx.output import drop_unused_assets

# Bytes a chapter page loads the first time, everything included (measured: 402-594 KB, the theme's
# stylesheet 99 KB of its 397 and the icon font 3 KB of its 156; 930 KB uncut).
LIMIT = 650_000


@pytest.mark.unit
def test_a_page_loads_another_extension_s_assets_only_if_it_can_use_them():
    assets = ["sphinx-thebe.js", "sphinx-design.min.js", "design-tabs.js", "togglebutton.js", "copybutton.js",
              SimpleNamespace(filename=None, attributes={"body": "const THEBE_JS_URL = 1"})]  # fmt: skip
    context = {"body": '<div class="sd-card">', "script_files": assets, "css_files": ["togglebutton.css"]}
    drop_unused_assets(None, "page", "page.html", context, None)
    assert context["script_files"] == ["sphinx-design.min.js", "copybutton.js"] and context["css_files"] == []
    context = {"body": '<details class="sd-tab-set toggle">', "script_files": assets}
    drop_unused_assets(None, "page", "page.html", context, None)
    assert context["script_files"] == assets[1:5]


@pytest.mark.unit
def test_the_stylesheet_keeps_the_rules_a_page_can_match():
    import tinycss2

    from briefbook.sphinx.output import used_rules

    css = (".a{x:1}.b,.c .d{x:2}.e:not(.f){x:3}.g{x:4}@media (min-width:1px){.a{x:5}.g{x:6}}@media print{.g{x:7}}"
           "a{x:8}@font-face{font-family:F}")  # fmt: skip
    kept = tinycss2.serialize(used_rules(tinycss2.parse_stylesheet(css, True), {"a", "c", "d", "e"}))
    assert kept == ".a{x:1}.b,.c .d{x:2}.e:not(.f){x:3}@media (min-width:1px){.a{x:5}}a{x:8}@font-face{font-family:F}"


@pytest.mark.build
def test_no_page_loads_fontawesome_javascript_or_thebe(site):
    for page in site.rglob("*.html"):
        if "_static" in page.relative_to(site).parts:
            continue
        html = page.read_text(encoding="utf-8")
        loads = " ".join(re.findall(r"<(?:script|link)\b[^>]*(?:src|href)=[^>]*>", html)).lower()  # what it loads
        assert "fontawesome.js" not in loads and "thebe" not in loads and "unpkg" not in html, page
        assert "styles/pydata-sphinx-theme.css?digest=" in loads and "styles/theme.css" not in loads, page
        if "sd-" not in html:
            assert "sphinx-design" not in loads, page


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.build
@pytest.mark.parametrize("page", ["chapters/overview.html", "chapters/signals-of-de-escalation.html",
                                  "chapters/quotations.html", "chapters/data-and-methods.html"])  # fmt: skip
def test_a_chapter_page_loads_under_the_limit_and_draws_its_icons(served, page):
    playwright = pytest.importorskip("playwright.sync_api")
    from test_browser import ARGS, CHROMIUM

    sizes = {}
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        tab = browser.new_page(viewport={"width": 1366, "height": 900})
        tab.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.ok else None)
        tab.goto(served + page)
        tab.wait_for_load_state("networkidle")
        tab.evaluate("document.fonts.ready")
        drawn = tab.evaluate("""() => {
            const shown = Array.from(document.querySelectorAll('.fa-solid'))
                .filter(icon => icon.getBoundingClientRect().width > 0);
            return [shown.map(icon => getComputedStyle(icon, '::before').content), shown.length,
                    document.fonts.check('900 16px "Font Awesome 6 Free"')];
        }""")
        browser.close()
    total = sum(sizes.values())
    assert total <= LIMIT, (total, sorted(sizes.items(), key=lambda x: -x[1])[:5])
    glyphs, shown, loaded = drawn
    assert shown >= 3 and loaded, drawn  # the header's icons are on the page, drawn by the cut font
    assert all(g not in ("none", "normal", "") for g in glyphs), drawn
