"""A translated edition's pages: the parts Sphinx's own translation misses, and the passages
still in English.

The contents' part captions ("The study", "Back matter") come from ``_toc.yml`` through
sphinx-external-toc, which inserts its toctrees after Sphinx's Locale transform has run: they
are translated here, from the root page's catalog, once inserted (:class:`TocCaptions`).

Sphinx's Locale transform replaces each paragraph, heading, caption and table cell with its
translation from the page's catalog and marks the node ``translated`` (True or False). A node
left untranslated means the catalog has no finished translation of its current English: a new
passage, a passage whose English changed since the catalog was updated (``make translations``
then marks it fuzzy, for review), or a fuzzy or empty entry. They are noted per page as it is
read and, when the build ends, written to ``untranslated.json`` in the environment's folder,
which the build reports (:mod:`briefbook.build`). In a release (``briefbook_release``) each one
is a warning, which fails the build: a release has the whole edition translated.
"""

from __future__ import annotations

import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from ..i18n import N_, SOURCE
from .project import edition_language, root_of

logger = logging.getLogger(__name__)
KEY = "briefbook_untranslated"
REPORT = "untranslated.json"


class TocCaptions(SphinxTransform):
    """The part captions of the contents in the page's language, from its catalog."""

    default_priority = 110  # after sphinx-external-toc's InsertToctrees (100)

    def apply(self, **kwargs) -> None:
        if edition_language(self.config) == SOURCE:
            return
        from sphinx.locale import init as init_locale

        toctrees = [node for node in self.document.findall(addnodes.toctree) if node.get("caption")]
        if not toctrees:
            return
        domain = docname_to_domain(self.env.docname, self.config.gettext_compact)
        folders = [str(Path(self.env.srcdir, folder)) for folder in self.config.locale_dirs]
        catalog, found = init_locale(folders, self.config.language, domain)
        if not found:
            return
        translate = catalog.gettext  # (not called by that name: Babel would take the caption's key for a message)
        for node in toctrees:
            translated = translate(node["caption"])
            if translated != node["caption"]:
                node["caption"] = node["rawcaption"] = translated


# The words of Sphinx's figure and table numbers, translated in the package's catalog (Sphinx's own
# Arabic catalog lacks "Fig. %s").
SEARCH = N_("Search this book...")  # Jupyter Book's words in the search field (a theme option)
# myst-nb's toggle of a folded code cell ("Show code cell {type}", the type in English): whole words
CODE_PROMPTS = {"nb_code_prompt_show": N_("Show the code"), "nb_code_prompt_hide": N_("Hide the code")}
NUMBERS = {
    "figure": N_("Fig. %s"),
    "table": N_("Table %s"),
    "code-block": N_("Listing %s"),
    "section": N_("Section %s"),
}


def on_config_inited(app, config) -> None:
    """A translated edition's title (the root page's title, translated in its catalog) and its
    number words (in the package's catalog)."""
    language = edition_language(config)
    if language == SOURCE:
        return
    from ..i18n import gettext

    root = root_of(app)
    # Jupyter Book gives the book's title as html_title alone (the project is then "Project name not set")
    named = config.project and config.project != "Project name not set"
    title = config.project if named else config.html_title
    domain = docname_to_domain(config.root_doc, config.gettext_compact)
    translated = gettext(title, language, root, domain) if title else title
    if translated != title:
        if config.html_title == title:
            config.html_title = translated
        config.project = translated
    # The search field's words (Jupyter Book's theme option)
    options = dict(config.html_theme_options or {})
    for name, words in CODE_PROMPTS.items():
        if name in config:
            setattr(config, name, gettext(words, language, root))
    words = options.get("search_bar_text")  # (not a literal in the call, which Babel would extract)
    if words:
        options["search_bar_text"] = gettext(words, language, root)
        config.html_theme_options = options
    config.numfig_format = {
        **{kind: gettext(words, language, root) for kind, words in NUMBERS.items()},
        **(config.numfig_format or {}),
    }


def footer_in_language(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    """``html-page-context``: the footer's author and copyright in the page's language, from the
    package's catalog (:func:`briefbook.front_matter.book_words` extracts them). The configuration
    keeps the English, which the print edition's front matter translates itself."""
    language = edition_language(app.config)
    if language == SOURCE:
        return
    from ..i18n import gettext

    root = root_of(app)
    for name in ("author", "copyright"):
        if context.get(name):
            context[name] = gettext(str(context[name]), language, root)


def forget_read_catalogs(app) -> None:
    """``builder-inited``: Sphinx keeps each page's catalog, once read, for the life of the process
    (``sphinx.locale.translators``) and gives it precedence over the catalog read again: a second
    build in one process (the tests, a preview) would translate with the catalogs of the first.
    Python's gettext keeps each compiled catalog it has read, by path, likewise."""
    import gettext

    from sphinx.locale import translators
    from sphinx.util.i18n import CatalogRepository

    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language, app.config.source_encoding)
    pages = {catalog.domain for catalog in repo.catalogs} - {"sphinx"}  # the themes' and Sphinx's own stay
    for domain in pages:
        translators.pop(("general", domain), None)
    compiled = {str(Path(catalog.mo_path).resolve()) for catalog in repo.catalogs}
    for key in [key for key in gettext._translations if key[1] in compiled]:  # noqa: SLF001  # no public way
        del gettext._translations[key]  # noqa: SLF001


def passages(doctree, catalogued: bool = True) -> list[tuple[int, str]]:
    """The nodes of a read page that the Locale transform left in English: (line, first words).
    A page without a catalog (a new chapter before ``make translations``) is not looked at by the
    transform at all: every message of it is in English."""
    from sphinx.util.nodes import extract_messages

    if not catalogued:
        found = [(node.line or 0, message) for node, message in extract_messages(doctree)]
    else:
        found = [(n.line or 0, n.astext()) for n in doctree.findall(nodes.Element) if n.get("translated") is False]
    # a passage without a word (a version's heading, "[1.2.0] - 2027-01-05") reads alike in every language
    return [(line, _first_words(text)) for line, text in found if any(ch.isalpha() for ch in text)]


def _first_words(text: str) -> str:
    words = " ".join(text.split())
    return words[:70] + ("…" if len(words) > 70 else "")


def has_catalog(app, docname: str) -> bool:
    """Whether the page has a catalog in the edition's language (``locales/<language>/LC_MESSAGES/<page>.po``)."""
    domain = docname_to_domain(docname, app.config.gettext_compact)
    return any(
        Path(app.srcdir, folder, app.config.language, "LC_MESSAGES", f"{domain}.po").is_file()
        for folder in app.config.locale_dirs
    )


def note(app, doctree) -> None:
    """``doctree-read``: note the page's untranslated passages (nothing in the source language).
    A translated page is also read again when the package's catalog or the data's translations
    change: its cards, tables, charts and footer are written in those words."""
    language = edition_language(app.config)
    if language == SOURCE:
        return
    for path in translation_sources(app, language):
        app.env.note_dependency(str(path))
    store = app.env.__dict__.setdefault(KEY, {})
    found = passages(doctree, has_catalog(app, app.env.docname))
    if found:
        store[app.env.docname] = found
    else:
        store.pop(app.env.docname, None)


def translation_sources(app, language: str) -> list[Path]:
    """The files a translated page's own words come from, besides its catalog (which Sphinx follows)."""
    from ..i18n import catalog_file
    from ..project import TRANSLATION_TABLES, Project

    root = root_of(app)
    # the package's words, and the themes' words that the book translates (sphinx.po): Sphinx writes a
    # page again only when it is read again
    found = [catalog_file(root, language), catalog_file(root, language, "sphinx")]
    if language in TRANSLATION_TABLES:
        found.append(Project(root).table_file(TRANSLATION_TABLES[language]))
    return [path for path in found if path.is_file()]


def purge(app, env, docname: str) -> None:
    env.__dict__.get(KEY, {}).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    """Pages read in another process (parallel read) bring their notes."""
    theirs = other.__dict__.get(KEY, {})
    store = env.__dict__.setdefault(KEY, {})
    store.update({name: theirs[name] for name in docnames if name in theirs})


def untranslated(env) -> dict[str, list]:
    return {name: found for name, found in sorted(env.__dict__.get(KEY, {}).items()) if name in env.found_docs}


def report(app, exception) -> None:
    """``build-finished``: the untranslated passages in ``untranslated.json``; each a warning in a release."""
    if exception is not None or edition_language(app.config) == SOURCE:
        return
    found = untranslated(app.env)
    Path(app.doctreedir, REPORT).write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    if app.config.briefbook_release:
        for docname, entries in found.items():
            for line, words in entries:
                logger.warning("not translated into %s: %s", app.config.language, words, location=(docname, line))


def read_report(doctreedir: Path) -> dict[str, list]:
    """What :func:`report` wrote after the last build of a translated edition ({} if nothing)."""
    try:
        return json.loads(Path(doctreedir, REPORT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class UniqueIds(SphinxTransform):
    """Every id once in a page. A translated paragraph is parsed again from its catalog entry, and
    Sphinx gives its references either the English paragraph's ids or new ones; when a translation's
    references do not map one to one (two citations of one source, say), an id of the page can
    come out twice (an EPUB with a duplicate id is invalid, and a link to it lands on the first).
    The later holder of an id is given a new one."""

    default_priority = 900  # after the translation (sphinx.transforms.i18n.Locale: 20)

    def apply(self, **kwargs) -> None:
        seen: set[str] = set()
        for node in self.document.findall(nodes.Element):
            ids = node.get("ids") or []
            if not any(i in seen for i in ids):
                seen.update(ids)
                continue
            fresh = []
            for old in ids:
                if old in seen:
                    new = unique_id(old, seen, self.document.ids)
                    self.document.ids[new] = node
                    old = new
                fresh.append(old)
                seen.add(old)
            node["ids"] = fresh


def unique_id(old: str, *taken) -> str:
    """``old`` with the first suffix that no id of ``taken`` holds."""
    n = 1
    while any(f"{old}-{n}" in t for t in taken):
        n += 1
    return f"{old}-{n}"


def register(app) -> None:
    app.add_config_value("briefbook_release", False, "", [bool])
    app.add_transform(TocCaptions)
    app.add_transform(UniqueIds)
    app.connect("config-inited", on_config_inited, priority=400)  # before the book's own (output)
    app.connect("builder-inited", forget_read_catalogs)
    app.connect("html-page-context", footer_in_language, priority=520)  # after the theme sets author (500)
    app.connect("doctree-read", note)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", report)


def setup(app) -> dict:
    """Loaded on its own by a project without the book's data (the tests' small books)."""
    register(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
