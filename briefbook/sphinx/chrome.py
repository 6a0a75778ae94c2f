"""The site's chrome: no top bar (pydata-sphinx-theme binds its sidebar toggles to the first toggle), the
layout (briefbook-site.css), links' addresses on paper, and the download menu in the page's language."""

from __future__ import annotations

from docutils import nodes

from ..i18n import N_
from .project import is_site, project_of
from .util import _

DOWNLOAD_GROUP = "download-buttons"  # sphinx-book-theme's label of its download menu
PAGE_DOWNLOADS = {  # the theme's entries of that menu (by their label), in the book's words
    "download-source-button": N_("Page source"),
    "download-notebook-button": N_("Page as a notebook"),
    "download-pdf-button": N_("Print this page"),
}
SITE_CSS = "briefbook-site.css"


def no_top_bar(app, config) -> None:
    config.html_theme_options = {"navbar_persistent": [], **(config.html_theme_options or {})}


def add_site_css(app, pagename, templatename, context, doctree) -> None:
    if is_site(app):
        app.add_css_file(SITE_CSS, priority=550)  # this page (Sphinx): after briefbook.css, before the RTL file


def add_book_downloads(app, pagename, templatename, context, doctree) -> None:
    """The edition's PDF and EPUB first in the page's download menu (sphinx-book-theme's ``header_buttons``)."""
    groups = [b for b in context.get("header_buttons") or () if b.get("label") == DOWNLOAD_GROUP]
    if not is_site(app) or not groups:
        return
    names, pathto = project_of(app.env).download_names(app.config.language), context["pathto"]
    books = [
        {"type": "link", "url": pathto(names["pdf"], 1), "text": _("PDF edition"), "icon": "fas fa-file-pdf",
         "label": "download-book-pdf-button"},
        {"type": "link", "url": pathto(names["epub"], 1), "text": _("EPUB edition"), "icon": "fas fa-book",
         "label": "download-book-epub-button"},
    ]  # fmt: skip
    words = {label: _(message) for label, message in PAGE_DOWNLOADS.items()}
    page = [{**b, "text": words[b["label"]]} if b.get("label") in words else b for b in groups[0]["buttons"]]
    groups[0]["buttons"] = [*books, *page]


def mark_hidden_addresses(app, doctree, docname) -> None:
    """A link to another site whose text is not its address: ``print-address`` (printed after it)."""
    if is_site(app):
        for ref in doctree.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri.startswith(("http://", "https://")) and ref.astext().strip() != uri:
                ref["classes"].append("print-address")
