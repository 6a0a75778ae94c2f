"""The site's chrome and layout as a reader meets it (briefbook.sphinx.output, briefbook-site.css):
the navigation drawer and the page's contents open from the buttons a reader sees, at every
width; no page scrolls sideways on a phone; a page prints dark on white from dark mode; chart
marks show the keyboard's focus; the search field's magnifier stays clear of the query; a link's
target is marked. In the book's own browser tests' Chromium (test_browser), over the built site; the
header's markup (one pair of sidebar toggles, the download menu) in test_languages' small book, built once there."""

# ruff: noqa: F811 (the browser's fixtures, imported, are the tests' arguments)
from __future__ import annotations

import pytest
from test_browser import Visit, base_url, browser, pages_of  # noqa: F401 (fixtures)
from test_languages import soup

PHONE, TABLET, DESKTOP = 390, 768, 1366


def _open_dialog(page, toggle_selector: str, dialog: str) -> int:
    """Click the visible toggle; the number of visible links in the dialog it opened."""
    page.locator(f"{toggle_selector}:visible").first.click()
    try:
        page.locator(f"{dialog}[open] a[href]:visible").first.wait_for(state="visible", timeout=3000)
    except Exception:
        return 0
    count = page.locator(f"{dialog}[open] a[href]:visible").count()
    page.keyboard.press("Escape")
    page.locator(f"{dialog}[open]").wait_for(state="detached", timeout=3000)
    return count


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, TABLET])
def test_the_visible_navigation_buttons_open_the_drawer_and_the_contents(browser, base_url, site, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    bad = []
    for path in pages_of(site):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        if page.locator(".primary-toggle:visible").count() != 1:
            bad.append((path, "visible navigation buttons", page.locator(".primary-toggle:visible").count()))
            continue
        chapters = _open_dialog(page, ".primary-toggle", "#pst-primary-sidebar-modal")
        if chapters < 8:  # the book's chapters, at least
            bad.append((path, "navigation drawer", chapters))
        if page.locator("#pst-secondary-sidebar .page-toc a[href]").count():
            if page.locator(".secondary-toggle:visible").count() != 1:
                bad.append((path, "visible contents buttons", page.locator(".secondary-toggle:visible").count()))
            elif not _open_dialog(page, ".secondary-toggle", "#pst-secondary-sidebar-modal"):
                bad.append((path, "this page's contents", 0))
    context.close()
    assert not bad


@pytest.mark.browser
def test_the_desktop_toggle_hides_and_shows_the_sidebar(browser, base_url, site):
    for path in ("chapters/overview.html", "ar/chapters/overview.html"):
        visit = Visit(browser, base_url, path, viewport={"width": DESKTOP, "height": 900})
        page = visit.page
        sidebar = page.locator("#pst-primary-sidebar")
        assert sidebar.is_visible()
        toggles = page.locator(".primary-toggle:visible")
        assert toggles.count() == 1, path
        toggles.click()
        page.wait_for_timeout(400)  # the theme's transition
        box = sidebar.bounding_box()
        assert box is None or box["x"] + box["width"] <= 1 or box["x"] >= DESKTOP - 1, (path, box)
        toggles.click()
        page.wait_for_timeout(400)
        assert sidebar.is_visible() and 0 <= sidebar.bounding_box()["x"] < DESKTOP, path
        visit.close()


@pytest.mark.browser
def test_no_page_scrolls_sideways_on_a_phone(browser, base_url, site):
    context = browser.new_context(viewport={"width": PHONE, "height": 844})
    page = context.new_page()
    wide = {}
    for path in pages_of(site):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        if sizes[0] > sizes[1]:
            wide[path] = sizes
    context.close()
    assert not wide


@pytest.mark.browser
def test_a_field_list_on_a_phone_puts_each_label_above_its_value(browser, base_url):
    for path in ("chapters/about.html", "ar/chapters/about.html"):
        visit = Visit(browser, base_url, path, viewport={"width": PHONE, "height": 844})
        label, value = visit.page.evaluate("""() => { const dl = document.querySelector('dl.edition-facts');
            return [dl.querySelector('dt').getBoundingClientRect(), dl.querySelector('dd').getBoundingClientRect()]
              .map(r => ({top: r.top, bottom: r.bottom, width: r.width})); }""")
        visit.close()
        assert value["top"] >= label["bottom"] - 1, path  # below it
        assert label["width"] > PHONE / 2, path  # the label's whole line, not a column of letters


def _luminance(rgb: str) -> float:
    parts = [float(p) for p in rgb[rgb.index("(") + 1 : rgb.index(")")].replace("/", ",").split(",")[:3]]
    channels = [c / 255 for c in parts]
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast_on_white(rgb: str) -> float:
    return 1.05 / (_luminance(rgb) + 0.05)


@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["chapters/signals-of-de-escalation.html", "ar/chapters/signals-of-de-escalation.html"]
)
def test_print_from_dark_mode_is_dark_ink_on_white(browser, base_url, path):
    visit = Visit(browser, base_url, path, viewport={"width": DESKTOP, "height": 900}, color_scheme="dark")
    page = visit.page
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => {
        const pick = s => [...document.querySelectorAll(s)].slice(0, 5);
        const els = [...pick('article p'), ...pick('article h1, article h2'), ...pick('article li'),
                     ...pick('article a.reference'), ...pick('article .data-card dt')];
        return {text: els.map(e => [e.tagName, getComputedStyle(e).color]),
                ground: [getComputedStyle(document.body).backgroundColor,
                         getComputedStyle(document.documentElement).backgroundColor]}; }""")
    visit.close()
    assert len(colours["text"]) > 10
    for tag, colour in colours["text"]:
        assert contrast_on_white(colour) >= 4.5, (path, tag, colour)
    for ground in colours["ground"]:
        assert ground in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), (path, ground)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["chapters/overview.html", "chapters/how-to-cite.html"])
def test_print_keeps_figures_whole_hides_controls_and_gives_addresses(browser, base_url, path):
    visit = Visit(browser, base_url, path, viewport={"width": DESKTOP, "height": 900})
    page = visit.page
    page.emulate_media(media="print")
    found = page.evaluate("""() => ({
        figure: [...document.querySelectorAll('article figure')].map(f => getComputedStyle(f).breakInside),
        controls: [...document.querySelectorAll('details.hide.above-input, .toggle-details, .bd-header-article')]
                  .filter(e => e.getClientRects().length).length,
        addresses: [...document.querySelectorAll('article a.reference.external[href^="http"]')]
                   .map(a => [a.textContent.trim() === a.href || a.innerText.includes(a.getAttribute('href'))
                              || getComputedStyle(a, '::after').content.includes(a.getAttribute('href')), a.href]),
    })""")
    visit.close()
    assert set(found["figure"]) <= {"avoid"}
    assert found["controls"] == 0
    assert all(shown for shown, _ in found["addresses"]), found["addresses"]  # on paper, every address
    if path.endswith("how-to-cite.html"):
        assert found["addresses"]


def _accent_pixels(png: bytes, accent: tuple[int, int, int]) -> int:
    import io

    from PIL import Image

    data = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, accent, strict=True)) < 60)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("variant,width", [("chart-wide", DESKTOP), ("chart-narrow", PHONE)])
def test_a_chart_mark_shows_the_keyboards_focus(browser, base_url, variant, width, scheme):
    """A ring in the theme's accent colour around the focused mark, at least its perimeter long."""
    visit = Visit(browser, base_url, "chapters/overview.html", viewport={"width": width, "height": 900},
                  color_scheme=scheme)  # fmt: skip
    page = visit.page
    accent = page.evaluate("""() => { const e = document.createElement('i'); e.style.color = 'var(--pst-color-accent)';
        document.body.append(e); const c = getComputedStyle(e).color; e.remove(); return c.match(/\\d+/g).map(Number); }""")
    page.keyboard.press("Tab")  # the keyboard's modality (it may scroll the page: before the mark's place is read)
    mark = page.locator(f"figure.briefbook-chart .{variant} svg a").first
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    clip = {"x": box["x"] - 16, "y": box["y"] - 16, "width": box["width"] + 32, "height": box["height"] + 32}
    before = _accent_pixels(page.screenshot(clip=clip), tuple(accent[:3]))
    mark.focus()
    assert mark.evaluate("a => a.matches(':focus-visible')")
    after = _accent_pixels(page.screenshot(clip=clip), tuple(accent[:3]))
    visit.close()
    assert after - before >= box["width"] + box["height"], (before, after, box)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["search.html?q=militias", "ar/search.html?q=الميليشيات"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_the_search_fields_magnifier_leaves_the_query_clear(browser, base_url, path, width):
    visit = Visit(browser, base_url, path, viewport={"width": width, "height": 900})
    icon, text = (
        visit.page.evaluate("""() => { const form = document.querySelector('.bd-search-container form.bd-search')
            || [...document.querySelectorAll('form.bd-search')].find(f => f.getClientRects().length);
        const input = form.querySelector('input'), s = getComputedStyle(input), r = input.getBoundingClientRect();
        const i = form.querySelector('.fa-magnifying-glass').getBoundingClientRect();
        return [{left: i.left, right: i.right},
                {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight)}]; }""")
    )
    visit.close()
    assert icon["right"] <= text["left"] + 0.5 or icon["left"] >= text["right"] - 0.5, (icon, text)


@pytest.mark.browser
def test_the_row_a_chart_mark_leads_to_is_marked(browser, base_url):
    visit = Visit(browser, base_url, "chapters/overview.html", viewport={"width": DESKTOP, "height": 900})
    page = visit.page
    href = page.locator("figure.briefbook-chart .chart-wide svg a[href*='#event-']").first.get_attribute("href")
    ground = """t => getComputedStyle(document.getElementById(t).closest('tr')).backgroundColor"""
    target = href.split("#", 1)[1]
    page.goto(base_url + "chapters/" + href.split("#", 1)[0])
    unmarked = page.evaluate(ground, target)
    page.goto(base_url + "chapters/overview.html")
    page.locator(f"figure.briefbook-chart .chart-wide svg a[href='{href}']").first.click()
    page.wait_for_url(f"**#{target}")
    page.wait_for_timeout(2300)  # after the landing's fade: the mark that stays
    marked = page.evaluate(ground, target)
    visit.close()
    assert marked != unmarked, (marked, unmarked)


@pytest.mark.browser
def test_the_register_is_not_cut_at_desktop_width(browser, base_url):
    for path in ("chapters/quotations.html", "ar/chapters/quotations.html"):
        visit = Visit(browser, base_url, path, viewport={"width": DESKTOP, "height": 900})
        sizes = visit.page.evaluate("""() => { const t = document.querySelector('table.register-table');
            const box = t.closest('.pst-scrollable-table-container') || t.parentElement;
            return [t.getBoundingClientRect().width, box.clientWidth]; }""")
        visit.close()
        assert sizes[0] <= sizes[1] + 1, (path, sizes)


@pytest.mark.browser
def test_the_arabic_epubs_field_lists_are_mirrored(browser, book, tmp_path):
    """Each label at the right, its value to its left (briefbook-epub.css, by the dir attribute)."""
    import zipfile

    (epub,) = (book / "_build" / "epub").glob("*-ar-*.epub")
    zipfile.ZipFile(epub).extractall(tmp_path)
    (about,) = tmp_path.rglob("about.xhtml")
    page = browser.new_page(viewport={"width": 800, "height": 900})
    page.goto(about.as_uri())
    label, value = page.evaluate("""() => { const dl = document.querySelector('dl.field-list');
        return [dl.querySelector('dt'), dl.querySelector('dd')].map(e => e.getBoundingClientRect())
          .map(r => ({left: r.left, right: r.right})); }""")
    width = page.evaluate("document.documentElement.clientWidth")
    page.close()
    assert label["right"] > width * 0.75, label  # the label at the right margin
    assert value["right"] < label["right"] - 40, (label, value)  # the value indented from the right


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_cards_text_stands_clear_of_its_border(browser, base_url, width):
    for path in ("chapters/signals-of-de-escalation.html", "ar/chapters/signals-of-de-escalation.html"):
        visit = Visit(browser, base_url, path, viewport={"width": width, "height": 900})
        gaps = visit.page.evaluate("""() => [...document.querySelectorAll('.data-card')].map(card => {
            const c = card.getBoundingClientRect(), s = getComputedStyle(card);
            const inner = card.firstElementChild.getBoundingClientRect();
            return Math.min(inner.left - c.left - parseFloat(s.borderLeftWidth),
                            c.right - parseFloat(s.borderRightWidth) - inner.right); })""")
        visit.close()
        assert gaps and min(gaps) >= 10, (path, gaps)


@pytest.mark.build
def test_the_sidebar_names_the_book_once(site):
    """The brand links the home page; the navigation does not list the home page again."""
    for path in (site / "chapters" / "overview.html", site / "ar" / "chapters" / "overview.html"):
        html = soup(path)
        title = html.select_one("#pst-primary-sidebar .logo__title").get_text(strip=True)
        names = [a.get_text(strip=True) for a in html.select("#pst-primary-sidebar nav a")]
        assert title and title not in names, (path, names)
