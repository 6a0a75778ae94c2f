"""The editions side by side, the first of ``briefbook_languages`` at the site's root, each other in a
folder named by it: every page's direction, its language switch, ``hreflang`` links and canonical address."""

from __future__ import annotations

from html import escape

from sphinx.errors import ConfigError

from ..languages import LANGUAGES, direction
from ..project import Project
from .project import is_site

SWITCH = "language-switch.html"
RTL_CSS = "briefbook-rtl.css"


def counterpart(target: str, language: str, config) -> str:
    """The address, relative to the page at ``target`` in this edition, of that page in ``language``'s."""
    up = "../" * (target.count("/") + Project.site_prefix(config.language).count("/"))
    return up + Project.site_prefix(language) + target


def check_languages(app, config) -> None:
    """``config-inited``: the book's languages are registered ones, the edition's language one of them."""
    known = tuple(config.briefbook_languages)
    if not known or any(language not in LANGUAGES for language in known):
        raise ConfigError(f"briefbook_languages must name languages of {', '.join(LANGUAGES)}, not {known!r}")
    if config.language not in known:
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
    here = app.config.language
    context["briefbook_direction"] = "rtl" if direction(here) == "rtl" else ""
    context["briefbook_switch"] = []
    if not is_site(app):  # the EPUB is one edition: no switch, no alternates
        return
    if context["briefbook_direction"]:  # this page only (Sphinx), after briefbook.css
        app.add_css_file(RTL_CSS, priority=600)
    target = app.builder.get_target_uri(pagename)
    languages = tuple(app.config.briefbook_languages)
    context["briefbook_switch"] = [
        {"href": counterpart(target, lang, app.config), "language": lang, "name": LANGUAGES[lang].name,
         "direction": direction(lang)} for lang in languages if lang != here
    ]  # fmt: skip
    base = app.config.briefbook_facts.site_url
    links = []
    for lang in languages:
        if base:
            href = base + Project.site_prefix(lang) + target
        else:  # the page itself by its file name, the others through the site's root
            href = target.rsplit("/", 1)[-1] if lang == here else counterpart(target, lang, app.config)
        links.append(f'<link rel="alternate" hreflang="{lang}" href="{escape(href)}" />\n')
    context["metatags"] = context.get("metatags", "") + "".join(links)
    if base:
        context["pageurl"] = base + Project.site_prefix(here) + target
