"""A translated edition: the package's catalog, what Sphinx's translation misses (captions, title, number
words, footer), and the messages left in English (``untranslated.json``; warnings in a release)."""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.nodes import extract_messages

from .. import i18n
from ..i18n import N_, SOURCE
from ..languages import RTL_LETTER
from ..languages import language as registered
from .bidi import DIR
from .nodes import untranslated_mark
from .project import project_of, root_of
from .util import _

logger = logging.getLogger(__name__)
REPORT = "untranslated.json"
# Words of the themes and of Sphinx that the package's catalog translates (Sphinx's Arabic lacks "Fig. %s").
CODE_PROMPTS = {"nb_code_prompt_show": N_("Show the code"), "nb_code_prompt_hide": N_("Hide the code")}
NUMBERS = {"figure": N_("Fig. %s"), "table": N_("Table %s"), "code-block": N_("Listing %s"), "section": N_("Section %s")}  # fmt: skip
SEARCH = N_("Search this book...")  # Jupyter Book's words in the search field (a theme option)


def add_catalog(app, config) -> None:
    """``config-inited``: the package's catalog (``locales/<language>/LC_MESSAGES/briefbook.po``)."""
    root = root_of(app)
    i18n.compiled(i18n.catalog_file(root, config.language))
    app.add_message_catalog(i18n.DOMAIN, str(root / i18n.LOCALE_DIR))


def translate_config(app, config) -> None:
    """``config-inited``: the title (from the root page's catalog), number words, the theme's words."""
    if config.language == SOURCE:
        return
    named = config.project and config.project != "Project name not set"  # Jupyter Book gives html_title alone
    title = config.project if named else config.html_title
    page = i18n.translation(config.language, root_of(app), docname_to_domain(config.root_doc, config.gettext_compact))
    if title and (translated := page.gettext(title)) != title:
        config.html_title = translated if config.html_title == title else config.html_title
        config.project = translated
    for name, words in CODE_PROMPTS.items():
        if name in config:
            setattr(config, name, _(words))
    options = dict(config.html_theme_options or {})
    if words := options.get("search_bar_text"):  # (a name, not a literal: Babel would extract it)
        options["search_bar_text"] = _(words)
        config.html_theme_options = options
    config.numfig_format = {**{kind: _(words) for kind, words in NUMBERS.items()}, **(config.numfig_format or {})}


class TocCaptions(SphinxTransform):
    """The contents' part captions (inserted by sphinx-external-toc after Locale), from the page's catalog."""

    default_priority = 110  # after sphinx-external-toc's InsertToctrees (100)

    def apply(self, **kwargs) -> None:
        if self.config.language == SOURCE:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalog = i18n.translation(self.config.language, root_of(self.app), domain)
        for node in self.document.findall(addnodes.toctree):  # (catalog.gettext: Babel skips it)
            if (caption := node.get("caption")) and (found := catalog.gettext(caption)) != caption:
                node["caption"] = node["rawcaption"] = found


def footer_in_language(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: the footer's author and copyright in the page's language."""
    if app.config.language != SOURCE:
        for name in ("author", "copyright"):
            if context.get(name):
                context[name] = _(str(context[name]))


class Untranslated(EnvironmentCollector):
    """Each translated page's passages left in English (domain data); read again when a catalog changes."""

    def clear_doc(self, app, env, docname: str) -> None:
        env.get_domain("briefbook").data["untranslated"].pop(docname, None)

    def merge_other(self, app, env, docnames, other) -> None:
        theirs = other.domaindata["briefbook"]["untranslated"]  # (a parallel reader's env: no domains set up)
        env.get_domain("briefbook").data["untranslated"].update({d: theirs[d] for d in docnames if d in theirs})

    def process_doc(self, app, doctree) -> None:
        language, env = app.config.language, app.env
        if language == SOURCE:
            return
        project = project_of(env)
        sources = [i18n.catalog_file(project.root, language, domain) for domain in (i18n.DOMAIN, "sphinx")]
        if table := registered(language).translation_table:
            sources.append(project.table_file(table))
        for path in sources:
            if path.is_file():
                env.note_dependency(str(path))
        own = i18n.catalog_file(project.root, language, docname_to_domain(env.docname, app.config.gettext_compact))
        if found := passages(doctree, own.is_file()):
            env.get_domain("briefbook").data["untranslated"][env.docname] = found


def left_in_english(doctree, catalogued: bool = True) -> list[tuple[nodes.Element, str]]:
    """Each message left in English, with its words; every message of a page without a catalog."""
    if catalogued:
        found = [(n, n.astext()) for n in doctree.findall(nodes.Element) if n.get("translated") is False]
    else:  # a passage already in the letters of a right-to-left edition is not English (a page written in it)
        found = [(node, words) for node, words in extract_messages(doctree) if not RTL_LETTER.search(words)]
    # a passage without a word (a version's heading, "[1.2.0] - 2027-01-05") reads alike in every language
    return [(node, words) for node, words in found if any(ch.isalpha() for ch in words)]


def passages(doctree, catalogued: bool = True) -> list[tuple[int, str]]:
    """(line, first words) of each message left in English."""
    shown = [(node.line or 0, " ".join(words.split())) for node, words in left_in_english(doctree, catalogued)]
    return [(line, words[:70] + ("…" if len(words) > 70 else "")) for line, words in shown]


class MarkUntranslated(SphinxTransform):
    """In a translated edition, each passage left in English says so (:class:`.nodes.untranslated_mark`,
    class ``untranslated``), set as English, left to right (:data:`.bidi.DIR`). A heading has the class
    alone: Sphinx writes its markup into the page's title and the navigation."""

    default_priority = 25  # after the translation (sphinx.transforms.i18n.Locale: 20)

    def apply(self, **kwargs) -> None:
        if self.config.language == SOURCE:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        catalogued = i18n.catalog_file(root_of(self.app), self.config.language, domain).is_file()
        for node, _words in left_in_english(self.document, catalogued):
            if isinstance(node, nodes.TextElement) and not isinstance(node, nodes.FixedTextElement):
                node["classes"].append("untranslated")
                if not isinstance(node, nodes.title):
                    node.insert(0, untranslated_mark())
                    node[DIR] = "ltr"


def report(app, exception) -> None:
    """``build-finished``: the untranslated passages in ``untranslated.json``; in a release, warnings."""
    if exception is not None or app.config.language == SOURCE:
        return
    kept = app.env.get_domain("briefbook").data["untranslated"]
    found = {name: kept[name] for name in sorted(kept) if name in app.env.found_docs}
    Path(app.doctreedir, REPORT).write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    for docname, entries in found.items() if app.config.briefbook_release else ():
        for line, words in entries:
            logger.warning("not translated into %s: %s", app.config.language, words, location=(docname, line))


def read_report(doctreedir: Path) -> dict[str, list]:
    """What :func:`report` wrote after the last build of a translated edition ({} if nothing)."""
    try:
        return json.loads(Path(doctreedir, REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class UniqueIds(SphinxTransform):
    """Every id once in a page (a translated paragraph may repeat one): the later holder gets a new one."""

    default_priority = 900  # after the translation (sphinx.transforms.i18n.Locale: 20)

    def apply(self, **kwargs) -> None:
        seen: set[str] = set()
        for node in self.document.findall(nodes.Element):
            fresh = []
            for old in node.get("ids") or []:
                if old in seen:
                    n = 1
                    while f"{old}-{n}" in seen or f"{old}-{n}" in self.document.ids:
                        n += 1
                    old = f"{old}-{n}"
                    self.document.ids[old] = node
                fresh.append(old)
                seen.add(old)
            if fresh != (node.get("ids") or []):
                node["ids"] = fresh
