"""The site's chrome: no top bar (pydata-sphinx-theme binds its sidebar toggles to the first toggle), the
layout (briefbook-site.css), the download menu and the footer in the page's language, links' addresses on paper."""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes

from .. import licence
from ..i18n import N_
from ..paths import is_notebook
from .bidi import isolated_html
from .project import edition_language, facts_of, is_site, project_of
from .util import _

DOWNLOAD_GROUP = "download-buttons"  # sphinx-book-theme's label of its download menu
PAGE_DOWNLOADS = {  # the theme's entries of that menu (by their label), in the book's words
    "download-source-button": N_("Page source"),
    "download-notebook-button": N_("Page as a notebook"),
    "download-pdf-button": N_("Print this page"),
}
LICENCE_LABEL = "licence-and-rights"  # the label above the section that holds ``{edition-licence}``


def no_top_bar(app, config) -> None:
    config.html_theme_options = {"navbar_persistent": [], **(config.html_theme_options or {})}


def add_site_css(app, pagename, templatename, context, doctree) -> None:
    if is_site(app):
        app.add_css_file("briefbook-site.css", priority=550)  # this page: after briefbook.css, before the RTL file


def add_book_downloads(app, pagename, templatename, context, doctree) -> None:
    """The edition's PDF and EPUB first in the page's download menu (sphinx-book-theme's ``header_buttons``)."""
    groups = [b for b in context.get("header_buttons") or () if b.get("label") == DOWNLOAD_GROUP]
    if not is_site(app) or not groups:
        return
    names, pathto = project_of(app.env).download_names(app.config.language), context["pathto"]
    books = [{"type": "link", "url": pathto(names[kind], 1), "text": words, "icon": icon,
              "label": f"download-book-{kind}-button"}
             for kind, words, icon in (("pdf", _("PDF edition"), "fas fa-file-pdf"),
                                       ("epub", _("EPUB edition"), "fas fa-book"))]  # fmt: skip
    words = {label: _(message) for label, message in PAGE_DOWNLOADS.items()}
    page = [{**b, "text": words[b["label"]]} if b.get("label") in words else b for b in groups[0]["buttons"]]
    groups[0]["buttons"] = [*books, *page]


def add_footer(app, pagename, templatename, context, doctree) -> None:
    """The footer: the edition, links to the PDF, the EPUB, this page's source and the data, and the licences."""
    if not is_site(app):  # the EPUB's theme has no footer: the downloads are the site's
        return
    pathto, source = context["pathto"], context.get("sourcename")
    names = project_of(app.env).download_names(app.config.language)
    links = [(names["pdf"], _("PDF edition")), (names["epub"], _("EPUB edition"))]
    if source and context.get("has_source") and app.config.html_copy_source:
        notebook = is_notebook(Path(app.srcdir) / source.removesuffix(".txt"))
        kind = _("notebook source of this page") if notebook else _("page source of this page")
        links.append(("_sources/" + source, kind))
    links.append((names["data"], _("data package (zip)")))
    links = " · ".join(f'<a href="{escape(pathto(target, 1))}">{escape(words)}</a>' for target, words in links)
    line = isolated_html(facts_of(app).line(edition_language(app.config)), app.config)
    found = app.env.get_domain("std").labels.get(LICENCE_LABEL)
    page = found and pathto(found[0])  # '#' on the page itself
    rights = found and f"{'' if page == '#' else page}#{found[1]}"
    downloads = escape(_("Download: {links}.")).format(links=links)  # outside the f-string, to be extracted
    context["theme_extra_footer"] = (
        context.get("theme_extra_footer", "") + f'<p class="edition-footer">{line}</p>'
        f'<p class="edition-downloads">{downloads}</p>'
        + licence.footer_html(escape, rights or None, _=_)
    )


def mark_hidden_addresses(app, doctree, docname) -> None:
    """A link to another site whose text is not its address: ``print-address`` (printed after it)."""
    if is_site(app):
        for ref in doctree.findall(nodes.reference):
            uri = ref.get("refuri", "")
            if uri.startswith(("http://", "https://")) and ref.astext().strip() != uri:
                ref["classes"].append("print-address")
