"""The book's citations and bibliography: Chicago author-date, titles as written, sorted by author,
year, title.

In the text (``bibtex_reference_style: briefbook``, :class:`ReferenceStyle`), ``{cite:p}`` gives
"(Knights and Smith 2021; Knights 2021)": round brackets, no comma between author and year, works
separated by semicolons; ``{cite:t}`` gives "Malik and Smith (2021)", several works joined with
"and". The list (``bibtex_default_style: briefbook``, :class:`Style`) puts the same two things
first::

    Malik, Hamdi, and Crispin Smith (2021). Are the Muqawama Signaling De-Escalation? Policy
    Analysis ..., 9 July 2021. https://.... Also published in Arabic; ...

- Works by the same author (as the citation in the text names it) in the same year get letters,
  "2021a", "2021b", in the order of the list, that is by title: :func:`year_suffixes` computes them,
  once, from the entries of the list, and both the list's year (:func:`listed_year`) and the
  citation's year (:func:`cited_year`) show them. A work without a year is "n.d.", or "n.d.-a" and
  "n.d.-b" when there are several.
- Titles are rendered exactly as the .bib gives them. pybtex's unsrt and plain styles
  sentence-case the titles of articles and miscellanea (``Text.capitalize``), which would turn
  "Iraq's Drone and Rocket Epidemic" into "Iraq's drone and rocket epidemic"; this style does not.
- The first author is inverted ("Malik, Hamdi"), the others are not; a corporate author, written
  in double braces in the .bib (``{{Press TV}}``), is shown as written.
- The date after the outlet (``howpublished``, or ``journal`` for an article) is shown only when
  the entry has a month: "9 July 2021" with a ``day``, "July 2021" without one; the year alone is
  already in the head.
- An entry without an author is headed by its title.
- The URL follows, as a link; the note closes the entry.
- The note, and a title in square brackets (a description of a report whose headline the copy
  does not show), are this edition's own words: a translated edition prints them from the data's
  translation table (``data/arabic.csv``, rows ``references,<key>,note|title``;
  :mod:`briefbook.i18n.references`), the English where no current row exists. Headlines, outlets,
  authors and addresses are printed as published in every edition.
- Entries are sorted by :class:`SortingStyle`: the authors' names (surname, then given names;
  a corporate author by its name, a leading "The" ignored; an entry without author by its title),
  then the year, then the title, then the key, so the order never depends on the .bib's order.
- Labels are pybtex's numbers in that order. The text does not cite by them, but the list still
  shows them: sphinxcontrib-bibtex makes every entry of a list that citations can point to a
  docutils citation, and a citation must have a label, one per entry. The anchors do not depend on
  the labels: the book sets ``bibtex_cite_id: "cite-{key}"``.

Other entry types keep the layout of pybtex's unsrt style, with titles as written.

A translated edition (Sphinx's ``language``, one with a translation table) formats its list with
the style ``briefbook-<language>`` (:func:`edition_style`), which the extension registers and sets
as ``bibtex_default_style`` when the configuration is read, for the project at ``briefbook_root``
(by default Sphinx's source folder); the English keeps ``briefbook``.

The styles are registered when this package is imported: with pybtex as ``briefbook`` (formatting)
and ``briefbook`` (sorting), with sphinxcontrib-bibtex as ``briefbook`` (referencing). Sphinx
imports the package as an extension (``briefbook.bib`` in ``_config.yml``, ``sphinx:
extra_extensions``), before sphinxcontrib-bibtex looks the referencing style up. The list is
:mod:`.entries`, the citations :mod:`.citations`, the years and their letters :mod:`.years`.
"""

from __future__ import annotations

from pathlib import Path

from pybtex.plugin import find_plugin, register_plugin
from sphinxcontrib.bibtex.plugin import register_plugin as register_referencing_plugin

from .citations import ReferenceStyle
from .entries import SortingStyle, Style, edition_style
from .text import NAME
from .years import year_suffixes

__all__ = ["NAME", "ReferenceStyle", "SortingStyle", "Style", "register", "setup", "year_suffixes"]


# pybtex's own plugins that the book's styles and sphinxcontrib-bibtex look up, some once per citation
# (the plain-text backend) or per entry (the names style). pybtex finds a plugin by scanning every
# installed package's entry points, about 10 ms a call, unless it was registered at run time.
STOCK_PLUGINS = (
    ("pybtex.backends", "plaintext"),
    ("pybtex.backends", "docutils"),
    ("pybtex.style.names", "lastfirst"),
    ("pybtex.style.names", "plain"),
    ("pybtex.style.names", "last"),
    ("pybtex.style.labels", "number"),
)


_registered = False


def register() -> None:
    """Make ``briefbook`` known to pybtex as a formatting style and as a sorting style, and to
    sphinxcontrib-bibtex as a referencing style; register the stock plugins it uses at run time,
    so that each is found once (:data:`STOCK_PLUGINS`). Once per process: each registration
    scans every package's entry points too."""
    global _registered
    if _registered:
        return
    _registered = True
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)
    register_plugin("pybtex.style.sorting", NAME, SortingStyle, force=True)
    register_referencing_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ReferenceStyle, force=True)
    for group, name in STOCK_PLUGINS:
        register_plugin(group, name, find_plugin(group, name), force=True)


register()


def use_edition_style(app, config) -> None:
    """In a translated edition, format the list with the edition's style (see the module), where
    the book uses the ``briefbook`` style."""
    from ..project import TRANSLATION_TABLES

    language = getattr(config, "language", None) or "en"
    if language not in TRANSLATION_TABLES or getattr(config, "bibtex_default_style", None) != NAME:
        return
    root = Path(getattr(config, "briefbook_root", "") or app.srcdir)
    name = f"{NAME}-{language}"
    register_plugin("pybtex.style.formatting", name, edition_style(language, root), force=True)
    config.bibtex_default_style = name


def setup(app) -> dict:
    """Sphinx extension: importing this module has registered the styles; a translated edition
    gets its own list style when the configuration is read (:func:`use_edition_style`)."""
    register()
    app.connect("config-inited", use_edition_style)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
