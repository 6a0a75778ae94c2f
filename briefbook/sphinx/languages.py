"""The editions side by side, the English at the site's root, each other in a folder named by its language: every
page's direction, its language switch, ``hreflang`` links and canonical address."""

from __future__ import annotations

from html import escape

from sphinx.errors import ConfigError

from ..languages import LANGUAGES, direction
from ..project import Project
from .project import is_site

SWITCH = "language-switch.html"


def on_config_inited(app, config) -> None:
    """``config-inited``: the book's languages are registered ones, the edition's one of them; the language
    switch first among the article header's buttons."""
    known = tuple(config.briefbook_languages)
    if not known or any(language not in LANGUAGES for language in known):
        raise ConfigError(f"briefbook_languages must name languages of {', '.join(LANGUAGES)}, not {known!r}")
    if config.language not in known:
        raise ConfigError(f"language {config.language!r} is not one of briefbook_languages ({', '.join(known)})")
    items = config.html_theme_options.get("article_header_end") or "article-header-buttons.html"
    items = [i.strip() for i in items.split(",") if i.strip()] if isinstance(items, str) else items
    items = items if SWITCH in items else [SWITCH, *items]
    config.html_theme_options = {**config.html_theme_options, "article_header_end": items}


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    here, languages, base = app.config.language, app.config.briefbook_languages, app.config.briefbook_facts.site_url
    context["briefbook_direction"] = "rtl" if direction(here) == "rtl" else ""
    context["briefbook_switch"] = []
    if not is_site(app):  # the EPUB is one edition: no switch, no alternates
        return
    if context["briefbook_direction"]:  # this page only (Sphinx), after briefbook.css
        app.add_css_file("briefbook-rtl.css", priority=600)
    target = app.builder.get_target_uri(pagename)
    up = "../" * (target.count("/") + Project.site_prefix(here).count("/"))
    links = {lang: up + Project.site_prefix(lang) + target for lang in languages}  # relative to this page
    context["briefbook_switch"] = [
        {"href": links[lang], "language": lang, "name": LANGUAGES[lang].name, "direction": direction(lang)}
        for lang in languages
        if lang != here
    ]
    links[here] = target.rsplit("/", 1)[-1]  # the page itself by its file name, the others through the site's root
    if base:
        links = {lang: base + Project.site_prefix(lang) + target for lang in languages}
        context["pageurl"] = links[here]
    tags = "".join(
        f'<link rel="alternate" hreflang="{lang}" href="{escape(href)}" />\n' for lang, href in links.items()
    )
    context["metatags"] = context.get("metatags", "") + tags
