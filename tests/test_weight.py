"""Lighter pages with every feature kept: no FontAwesome JavaScript, no Thebe, sphinx-design only
where used, the icon font cut to the icons shown, and the theme's stylesheet without rules that
no page can match; a chapter page's first load stays under 600 KB."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from briefbook.sphinx.weight import purge, required

LIMIT = 600_000  # bytes a chapter page loads the first time, everything included


def test_the_purge_keeps_what_can_match_and_drops_what_cannot():
    css = (
        ".used{a:1}.unused{b:2}.used .unused{c:3}.used,.unused{d:4}"
        "@media (min-width:1px){.unused{e:5}.used{f:6}}@font-face{font-family:x}:root{--g:7}"
        "img:not(.unused){h:8}.a:is(.unused,.used){i:9}"
    )
    kept = purge(css, {"used", "a"})
    for rule in (".used{a:1}", ".used,.unused{d:4}", "@media (min-width:1px){.used{f:6}}", "@font-face{font-family:x}",
                 ":root{--g:7}", "img:not(.unused){h:8}", ".a:is(.unused,.used){i:9}"):  # fmt: skip
        assert rule in kept, rule
    for rule in (".unused{b:2}", ".used .unused{c:3}", ".unused{e:5}"):
        assert rule not in kept, rule
    assert required(".x:not(.y) .z:has(> .w)") == {"x", "z"}
    # Pygments' stylesheet names each token in a comment between its rules: no class of its own
    pygments = ".highlight .k { color: red } /* Keyword.Constant */\n.highlight .nc { color: blue } /* Name.Class */\n"
    kept = purge(pygments, {"highlight", "nc"})
    assert ".highlight .nc { color: blue }" in kept and ".highlight .k " not in kept


def test_no_page_loads_fontawesome_javascript_or_thebe(site):
    for page in site.rglob("*.html"):
        if "_static" in page.relative_to(site).parts:
            continue
        html = page.read_text(encoding="utf-8")
        loads = " ".join(re.findall(r"<(?:script|link)\b[^>]*>", html)).lower()  # what the page loads
        assert "fontawesome.js" not in loads and "thebe" not in loads, page
        assert "x-thebe-config" not in html, page
        if "sd-" not in html:
            assert "sphinx-design" not in loads, page


def test_the_icon_font_holds_only_the_icons_in_use(site):
    fonts = site / "_static" / "vendor" / "fontawesome" / "webfonts"
    cut = fonts / "fa-solid-900.book.woff"
    assert cut.is_file() and cut.stat().st_size < 10_000
    css = (site / "_static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert "fa-solid-900.book.woff" in css and "fa-solid-900.woff2" not in css
    assert ".fa-bars:before" in css and ".fa-beer:before" not in css


def test_notebook_and_code_stylesheets_keep_only_the_rules_a_page_can_match(site):
    """myst-nb's stylesheet (outputs and widgets of every kind) and Pygments' (every token) are cut
    to the rules this book's pages can match, after myst-nb has copied its own on each build."""
    import myst_nb

    static = site / "_static"
    (mystnb,) = static.glob("mystnb.*.css")
    whole = (Path(myst_nb.__file__).parent / "static" / "mystnb.css").read_text(encoding="utf-8")
    kept = mystnb.read_text(encoding="utf-8")
    assert len(kept) < len(whole) / 2
    # the cells' outputs are styled; the colours of terminal (ANSI) output, which no page prints, are not
    assert ".cell_output" in kept and "-Color-Bold" in whole and "-Color-Bold" not in kept
    pygments = (static / "pygments.css").read_text(encoding="utf-8")
    assert ".highlight" in pygments and ".highlight .k " in pygments  # keywords: the code cells hold some


@pytest.fixture(scope="module")
def served(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("page", ["chapters/overview.html", "chapters/signals-of-de-escalation.html",
                                  "chapters/quotations.html", "chapters/data-and-methods.html"])  # fmt: skip
def test_a_chapter_page_loads_under_600_kb_and_draws_its_icons(served, page):
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
    assert ROOT.is_dir()
