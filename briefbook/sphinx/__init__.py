"""The study edition's Sphinx extension, shaped like sphinxcontrib-bibtex: configuration values
in ``setup()``, and nodes, roles, directives, the domain, transforms and output hooks each in
their own module.

- ``{quotation} <id>``, ``{quotation-register}``: :mod:`.quotations`
- ``{events-table}``, ``{claims-table}``, ``{actors-table}``, ``{schema-table}``,
  ``{coding-scheme}``: :mod:`.tables`
- chart cells of the notebooks (alt text, data links, cite line; the execution cache keyed on
  the data): :mod:`.charts`
- ``{edition-citation}``, ``{edition-about}``: :mod:`.citation`, filled by :mod:`.citelines` and
  :mod:`.transforms`; cite lines and the citation files under ``cite/``: :mod:`.citelines`
- ``sitemap.xml`` (sphinx-sitemap), written when ``html_baseurl`` is set: :mod:`.sitemap`
- ``{edition-licence}`` and the footer's licence line: :mod:`.licence`
- the theme's header (one pair of sidebar toggles, the one a reader sees) and its download menu: :mod:`.chrome`
- the English the brief printed beside this edition's translation, ``{translation-notice}``: :mod:`.bilingual`
- every run of Latin script inside a right-to-left edition isolated (``dir="ltr"``, ``\\textenglish``):
  :mod:`.bidi`
- ``{ar}`text```: :mod:`.roles`; published anchors: :mod:`.anchors`; output hooks: :mod:`.output`
- machine-readable citation in every page's ``<head>`` (Highwire, Dublin Core, OpenGraph through
  sphinxext-opengraph, schema.org JSON-LD): :mod:`.metadata`
- the EPUB edition (metadata, pages for e-readers, the package): :mod:`.epub`, :mod:`.epub_package`
- a translated edition's passages still in English, reported and refused in a release: :mod:`.translation`
- the PDF in another language (the Arabic edition: polyglossia, faces, title page, right to left):
  :mod:`.print_languages`
- the editions side by side (``dir`` on ``<html>``, the language switch, ``hreflang`` alternates;
  configuration value ``briefbook_languages``): :mod:`.languages`; search in Arabic: :mod:`.search`

Configuration values: ``briefbook_root`` (the project's root; default Sphinx's source folder)
and ``briefbook_validate`` (validate the data when the builder starts; ``briefbook build``
validates before Sphinx and the check is not repeated on the same reading of the data);
``briefbook_doi`` (the DOI, once minted). The DOI and the book's address (Sphinx's own
``html_baseurl``) are read where they are kept, in _config.yml, through
:attr:`briefbook.project.Project.doi` and :attr:`~briefbook.project.Project.base_url`; the value is
declared here so that Sphinx knows the setting.
"""

from __future__ import annotations

from sphinx.errors import ExtensionError

from ..package import read_package
from ..validate import problems
from . import (
    anchors,
    bidi,
    bilingual,
    charts,
    chrome,
    citation,
    citelines,
    epub,
    facts,
    inline,
    languages,
    licence,
    metadata,
    nodes,
    output,
    print_languages,
    printing,
    quotations,
    roles,
    search,
    sitemap,
    tables,
    transforms,
    translation,
    weight,
)
from .domain import BriefbookDomain
from .project import project_of


def validate_data(app) -> None:
    """``builder-inited``: the data must validate before any page is read."""
    if not app.config.briefbook_validate:
        return
    project = project_of(app.env)
    found = problems(read_package(project.data_dir), project.bibliography, project.brief())
    if found:
        raise ExtensionError("the data do not validate:\n" + "\n".join(str(p) for p in found))


def setup(app) -> dict:
    app.add_config_value("briefbook_root", "", "env", [str])
    app.add_config_value("briefbook_validate", True, "", [bool])
    # The edition's DOI once minted: declared for Sphinx; read through Project.doi (see above).
    app.add_config_value("briefbook_doi", "", "env", [str])
    app.add_domain(BriefbookDomain)
    for module in (
        facts,
        nodes,
        roles,
        quotations,
        bilingual,
        tables,
        charts,
        inline,
        citation,
        licence,
        citelines,
        sitemap,
        transforms,
        anchors,
        output,
        weight,
        chrome,
        printing,
        print_languages,
        metadata,
        languages,
        search,
        epub,
        translation,
        bidi,
    ):
        module.register(app)
    app.connect("builder-inited", validate_data, priority=900)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": code_version()}


def code_version(package=None) -> int:
    """The version of the environment the extension keeps: a digest of the package's own code, so
    that pages read by an older extension (its directives, transforms and catalogs of words) are
    read again, never published from a stale doctree, once the code changes."""
    import hashlib
    from pathlib import Path

    package = Path(package or Path(__file__).resolve().parents[1])
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return int(digest.hexdigest()[:12], 16)
