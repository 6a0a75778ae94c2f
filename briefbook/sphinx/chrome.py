"""The site's chrome: the theme's header and its download menu.

- One set of sidebar toggles. pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 bind their
  drawers' handlers to ``document.querySelector(".primary-toggle")`` (and ``.secondary-toggle``):
  the first toggle in the page. pydata-sphinx-theme's top bar writes one pair, which
  sphinx-book-theme hides, before the article header's pair that the reader sees; so the buttons
  a reader pressed did nothing. The top bar holds nothing else than a second Search button
  (pydata-sphinx-theme fills ``navbar_persistent`` with it when the book leaves the option unset),
  so the book sets the option empty: the theme then writes no top bar, and the first toggle is the
  one a reader sees, at every width.
- The header's download menu offers the book itself, in the page's edition (its PDF and EPUB),
  besides the page's source and its print; sphinx-book-theme builds that menu from the page
  context's ``header_buttons``.
"""

from __future__ import annotations

from .project import is_site, project_of
from .util import _

DOWNLOAD_GROUP = "download-buttons"  # sphinx-book-theme's label of its download menu


def on_config_inited(app, config) -> None:
    options = dict(config.html_theme_options or {})
    options.setdefault("navbar_persistent", [])
    config.html_theme_options = options


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
    groups[0]["buttons"] = [*books, *groups[0]["buttons"]]


def register(app) -> None:
    app.connect("config-inited", on_config_inited)
    app.connect("html-page-context", add_book_downloads, priority=502)
