"""Passages of a translated edition that are still in English: found as its pages are read.

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
from sphinx.util import logging

from ..i18n import SOURCE

logger = logging.getLogger(__name__)
KEY = "briefbook_untranslated"
REPORT = "untranslated.json"


def passages(doctree) -> list[tuple[int, str]]:
    """The nodes of a read page that the Locale transform left in English: (line, first words)."""
    found = []
    for node in doctree.findall(nodes.Element):
        if node.get("translated") is False:
            words = " ".join(node.astext().split())
            found.append((node.line or 0, words[:70] + ("…" if len(words) > 70 else "")))
    return found


def note(app, doctree) -> None:
    """``doctree-read``: note the page's untranslated passages (nothing in the source language)."""
    if (app.config.language or SOURCE) == SOURCE:
        return
    store = app.env.__dict__.setdefault(KEY, {})
    found = passages(doctree)
    if found:
        store[app.env.docname] = found
    else:
        store.pop(app.env.docname, None)


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
    if exception is not None or (app.config.language or SOURCE) == SOURCE:
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


def register(app) -> None:
    app.add_config_value("briefbook_release", False, "", [bool])
    app.connect("doctree-read", note)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("build-finished", report)
