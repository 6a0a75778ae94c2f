"""The book's editions side by side: each page says its language and writing direction, links to
itself in every other edition (the language switch) and names those pages for search engines.

The editions are built by one Sphinx run each, from the same sources (``language`` sets which):
the first language of ``briefbook_languages`` (default: :data:`briefbook.i18n.LANGUAGES`, English
then Arabic) is the site's root (``chapters/overview.html``), every other one is a folder of it
named by the language (``ar/chapters/overview.html``); :func:`prefix` says which. A page's
counterpart has the same document name in every edition.

On every page of the site (``html-page-context``):

- ``dir="rtl"`` on ``<html>`` for a right-to-left language, beside the ``lang`` the theme writes
  (the template ``basic/layout.html`` of ``briefbook/templates`` reads ``briefbook_direction``); the
  EPUB's pages get it too; the site's pages also get ``briefbook-rtl.css`` (the theme mirrored,
  other-direction text isolated);
- the language switch in the article's header (template ``language-switch.html``): a link to the
  same page in each other edition, named in its own language, with ``hreflang`` and ``lang``;
- ``<link rel="alternate" hreflang>`` in ``<head>`` for every edition, this one included: absolute
  addresses once the book's address is set (:attr:`briefbook.project.Project.base_url`, the site's
  root, where the first edition lives), relative ones otherwise (HTML allows a relative address;
  search engines that want absolute ones get them once the address is known);
- the page's canonical address (Sphinx's ``pageurl``) in its own edition.
"""

from __future__ import annotations

from html import escape

from sphinx.errors import ConfigError

from .. import i18n
from ..project import Project
from .project import edition_language, is_site

SWITCH = "language-switch.html"
RTL_CSS = "briefbook-rtl.css"  # the site's right-to-left additions (briefbook/static)


def languages(config) -> tuple[str, ...]:
    return tuple(config.briefbook_languages)


def counterpart(target: str, language: str, config) -> str:
    """The address, relative to the page ``target`` (its address in this edition, e.g.
    ``chapters/overview.html``), of the same page in the edition of ``language``."""
    up = "../" * (target.count("/") + Project.site_prefix(edition_language(config)).count("/"))
    return up + Project.site_prefix(language) + target


def check_languages(app, config) -> None:
    """``config-inited``: the edition's language must be one of the book's."""
    known = languages(config)
    if not known or any(language not in i18n.DIRECTION for language in known):
        raise ConfigError(f"briefbook_languages must name languages of {', '.join(i18n.LANGUAGES)}, not {known!r}")
    if edition_language(config) not in known:
        raise ConfigError(f"language {config.language!r} is not one of briefbook_languages ({', '.join(known)})")


def add_switch_to_header(app, config) -> None:
    """``config-inited``: the language switch first among the article header's buttons."""
    options = dict(config.html_theme_options)
    items = options.get("article_header_end") or "article-header-buttons.html"
    if isinstance(items, str):
        items = [item.strip() for item in items.split(",") if item.strip()]
    if SWITCH not in items:
        options["article_header_end"] = [SWITCH, *items]
    config.html_theme_options = options


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    config = app.config
    here = edition_language(config)
    context["briefbook_direction"] = "rtl" if i18n.direction(here) == "rtl" else ""
    context["briefbook_switch"] = []
    if not is_site(app):  # the EPUB is one edition: no switch, no alternates
        return
    if context["briefbook_direction"]:  # this page only (Sphinx), after briefbook.css
        app.add_css_file(RTL_CSS, priority=600)
    target = app.builder.get_target_uri(pagename)
    others = [lang for lang in languages(config) if lang != here]
    context["briefbook_switch"] = [
        {
            "href": counterpart(target, lang, config),
            "language": lang,
            "name": i18n.NAMES[lang],
            "direction": i18n.direction(lang),
        }
        for lang in others
    ]
    base = app.config.briefbook_facts.site_url
    links = []
    for lang in languages(config):
        if base:
            href = base + Project.site_prefix(lang) + target
        else:  # the page itself by its file name, the others through the site's root
            href = target.rsplit("/", 1)[-1] if lang == here else counterpart(target, lang, config)
        links.append(f'<link rel="alternate" hreflang="{lang}" href="{escape(href)}" />\n')
    context["metatags"] = context.get("metatags", "") + "".join(links)
    if base:
        context["pageurl"] = base + Project.site_prefix(here) + target


def register(app) -> None:
    app.add_config_value("briefbook_languages", i18n.LANGUAGES, "env", [tuple, list])
    app.connect("config-inited", check_languages)
    app.connect("config-inited", add_switch_to_header)
    # before pydata-sphinx-theme (500) leaves out the header items that render empty
    app.connect("html-page-context", on_html_page_context, priority=450)
