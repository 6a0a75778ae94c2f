"""The site's chrome: the theme's header and its download menu.

- One set of sidebar toggles. pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 bind their
  drawers' handlers to ``document.querySelector(".primary-toggle")`` (and ``.secondary-toggle``):
  the first toggle in the page. pydata-sphinx-theme's top bar writes one pair, which
  sphinx-book-theme hides, before the article header's pair that the reader sees; so the buttons
  a reader pressed did nothing. The top bar holds nothing else than a second Search button
  (pydata-sphinx-theme fills ``navbar_persistent`` with it when the book leaves the option unset),
  so the book sets the option empty: the theme then writes no top bar, and the first toggle is the
  one a reader sees, at every width.
- The site's own layout (briefbook-site.css: narrow screens, cards, focus, search, print), on the
  site's pages only: the EPUB has its own style sheets.
- On paper, a link to another site gives its address where its text does not.
- The header's download menu offers the book itself, in the page's edition (its PDF and EPUB),
  besides the page's source and its print; sphinx-book-theme builds that menu from the page
  context's ``header_buttons``. The theme names the page's own downloads by their file suffixes
  (".md", ".ipynb", ".pdf"), in Latin letters in every edition: the book names them in words of
  the page's language.
- The theme's words that its templates write in English (the sidebars' toggles, the landmarks'
  names, the footer's author line) come through Sphinx's catalog in the book's overrides of the
  smallest templates that hold them (briefbook/templates; sphinx.po translates them).
"""

from __future__ import annotations

from docutils import nodes

from .project import is_site, project_of
from .util import _

DOWNLOAD_GROUP = "download-buttons"  # sphinx-book-theme's label of its download menu
# The theme's entries of that menu (by their label) and the book's words for them.
PAGE_DOWNLOADS = {
    "download-source-button": _("Page source"),
    "download-notebook-button": _("Page as a notebook"),
    "download-pdf-button": _("Print this page"),
}
SITE_CSS = "briefbook-site.css"  # the site's layout beyond the theme (briefbook/static)


def on_config_inited(app, config) -> None:
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


def add_site_css(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``, before handlers that copy the page's list of style sheets (500)."""
    if is_site(app):
        app.add_css_file(SITE_CSS, priority=550)  # this page (Sphinx): after briefbook.css, before the RTL file


def add_book_downloads(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``, after sphinx-book-theme's (priority 501): the edition's PDF and
    EPUB first in the page's download menu."""
    if not is_site(app):
        return
    groups = [b for b in context.get("header_buttons") or () if b.get("label") == DOWNLOAD_GROUP]
    if not groups:
        return
    env = app.env
    names = project_of(env).download_names(app.config.language)
    pathto = context["pathto"]
    books = [
        {
            "type": "link",
            "url": pathto(names["pdf"], 1),
            "text": _("PDF edition", env),
            "icon": "fas fa-file-pdf",
            "label": "download-book-pdf-button",
        },
        {
            "type": "link",
            "url": pathto(names["epub"], 1),
            "text": _("EPUB edition", env),
            "icon": "fas fa-book",
            "label": "download-book-epub-button",
        },
    ]
    page = [
        {**button, "text": _(PAGE_DOWNLOADS[button.get("label")], env)}
        if button.get("label") in PAGE_DOWNLOADS
        else button
        for button in groups[0]["buttons"]
    ]
    groups[0]["buttons"] = [*books, *page]


def mark_hidden_addresses(app, doctree, docname) -> None:
    """``doctree-resolved`` (site): a link to another site whose text is not its address gets the
    class ``print-address``, after which a printed page gives the address (briefbook-site.css);
    the book's other external links show their address as their text already."""
    if not is_site(app):
        return
    for ref in doctree.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri.startswith(("http://", "https://")) and ref.astext().strip() != uri:
            ref["classes"].append("print-address")


def register(app) -> None:
    app.connect("config-inited", on_config_inited)
    app.connect("doctree-resolved", mark_hidden_addresses)
    app.connect("html-page-context", add_site_css, priority=400)
    app.connect("html-page-context", add_book_downloads, priority=502)
