"""The editions side by side: each page's direction, switch and links; in a translation, the English left marked."""

import json
from html import escape
from itertools import count
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from .. import i18n
from ..i18n import N_, SOURCE
from ..i18n.data import clipped
from ..languages import LANGUAGES, RTL_LETTER
from ..project import Project
from .bidi import DIR
from .nodes import untranslated_mark
from .project import is_site, project_of
from .util import _

logger = logging.getLogger(__name__)
REPORT, KEPT, SWITCH = "untranslated.json", "briefbook_untranslated", "language-switch.html"
SEARCH = N_("Search this book...")  # Jupyter Book's words in the search field (a theme option)


def translate_config(app, config) -> None:
    """``config-inited``: the languages checked, the switch, the catalog; in a translation, the title and words."""
    if not set(known := tuple(config.briefbook_languages)) <= set(LANGUAGES) or config.language not in known:
        said = f"language {config.language!r} not among briefbook_languages {known!r}"
        raise ConfigError(f"{said}, each of which must be one of {', '.join(LANGUAGES)}")
    items = config.html_theme_options.get("article_header_end") or "article-header-buttons.html"
    items = [i.strip() for i in items.split(",") if i.strip()] if isinstance(items, str) else items
    items = items if SWITCH in items else [SWITCH, *items]
    config.html_theme_options = {**config.html_theme_options, "article_header_end": items}
    i18n.translation(config.language, project_of(app).root, make=True)  # (its .mo made, as Sphinx makes the pages')
    app.add_message_catalog(i18n.DOMAIN, str(project_of(app).root / i18n.LOCALE_DIR))
    if config.language == SOURCE:
        return
    # the words of _config.yml (front_matter.book_words: the package's catalog): the title; the footer's author
    # (templates/author.html) and copyright (Sphinx's), in the pages only (the print translates the config's itself)
    config.project, config.html_title = (_(words) if words else words for words in (config.project, config.html_title))
    footer = (("briefbook_author", config.author), ("copyright", config.copyright))
    config.html_context = {**config.html_context, **{key: _(words) for key, words in footer if words}}
    if words := config.html_theme_options.get("search_bar_text"):
        config.html_theme_options = {**config.html_theme_options, "search_bar_text": _(words)}


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: the page's direction; on the site, the switch to the other editions and their links."""
    here, base = app.config.language, app.config.briefbook_facts.site_url
    context["briefbook_direction"] = "rtl" if LANGUAGES[here].rtl else ""
    if not is_site(app):  # the EPUB is one edition: no switch, no alternates
        return
    if context["briefbook_direction"]:  # this page only (Sphinx), after briefbook.css
        app.add_css_file("briefbook-rtl.css", priority=600)
    target = app.builder.get_target_uri(pagename)
    up = "../" * (target.count("/") + Project.site_prefix(here).count("/"))  # the others through the site's root
    pages = {lang: Project.site_prefix(lang) + target for lang in app.config.briefbook_languages}
    context["briefbook_switch"] = [(up + page, LANGUAGES[lang]) for lang, page in pages.items() if lang != here]
    links = {lang: (base or up) + page for lang, page in pages.items()}
    context["pageurl"] = base and links[here]  # the canonical address (Sphinx's lacks the edition's folder)
    links[here] = links[here] if base else target.rsplit("/", 1)[-1]  # without the address, the page by its name
    tags = [f'<link rel="alternate" hreflang="{lang}" href="{escape(url)}" />\n' for lang, url in links.items()]
    context["metatags"] = context.get("metatags", "") + "".join(tags)


def read_translated(app, doctree) -> None:
    """``doctree-read``: a translated page's captions; each passage left in English kept (metadata) and marked."""
    language, env, project = app.config.language, app.env, project_of(app.env)
    if language == SOURCE:
        return
    sources = [i18n.catalog_file(project.root, language, d) for d in (i18n.DOMAIN, "sphinx")]
    for path in (p for p in sources if p.is_file()):  # (the data's translations: the pages that show data)
        env.note_dependency(str(path.with_suffix(".mo")))  # made as the build began (one missing: read at every build)
    domain = docname_to_domain(env.docname, app.config.gettext_compact)
    in_page = i18n.translation(language, project.root, domain).gettext  # (a name Babel extracts no message from)
    for node in (node for node in doctree.findall(addnodes.toctree) if node.get("caption")):  # (inserted after Locale)
        node["caption"] = node["rawcaption"] = in_page(node["caption"])
    if i18n.catalog_file(project.root, language, domain).is_file():
        found = [(n, n.astext()) for n in doctree.findall(nodes.Element) if n.get("translated") is False]
    else:  # a page without a catalog: every message, but one in the letters of a right-to-left edition
        found = [(node, words) for node, words in extract_messages(doctree) if not RTL_LETTER.search(words)]
    # a passage without a word (a version's heading, "[1.2.0] - 2027-01-05") reads alike in every language
    if found := [(node, words) for node, words in found if any(ch.isalpha() for ch in words)]:
        env.metadata[env.docname][KEPT] = [(n.line or 0, clipped(w, 70)) for n, w in found]
    kept = (n for n, _w in found if isinstance(n, nodes.TextElement) and not isinstance(n, nodes.FixedTextElement))
    for node in kept:
        node["classes"].append("untranslated")
        if not isinstance(node, nodes.title):  # a heading by its class alone: Sphinx writes its markup into the title
            node.insert(0, untranslated_mark())
            node[DIR] = "ltr"


def report(app, exception) -> None:
    """``build-finished``: the untranslated passages in ``untranslated.json``; in a release, warnings."""
    if exception is not None or app.config.language == SOURCE:
        return
    found = {name: kept for name in sorted(app.env.found_docs) if (kept := app.env.metadata[name].get(KEPT))}
    Path(app.doctreedir, REPORT).write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    for docname, entries in found.items() if app.config.briefbook_release else ():
        for line, words in entries:
            logger.warning("not translated into %s: %s", app.config.language, words, location=(docname, line))


def read_report(doctreedir: Path) -> dict[str, list]:
    """What :func:`report` wrote after the last build of a translated edition ({} if nothing)."""
    return json.loads(path.read_text(encoding="utf-8")) if (path := Path(doctreedir, REPORT)).is_file() else {}


class UniqueIds(SphinxTransform):
    """Every id once in a page (a translated paragraph may repeat one): the later holder gets a new one."""

    default_priority = 900  # after the translation (sphinx.transforms.i18n.Locale: 20)

    def apply(self, **kwargs) -> None:
        seen, ids = set(), self.document.ids
        for node in self.document.findall(nodes.Element):
            node["ids"] = list(node["ids"])  # Sphinx's translation gives a paragraph's references one list
            for i, old in enumerate(node["ids"]):
                if old in seen:
                    node["ids"][i] = next(n for k in count(1) if (n := f"{old}-{k}") not in seen and n not in ids)
                    ids[node["ids"][i]] = node
                seen.add(node["ids"][i])
