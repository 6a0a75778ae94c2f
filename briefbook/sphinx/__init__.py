"""The study edition's Sphinx extension: :func:`setup` is its table of everything it adds, in the order it runs."""

import hashlib
from pathlib import Path

from sphinx.errors import ExtensionError

from ..languages import LANGUAGES
from ..validate import validate
from . import (
    anchors,
    bidi,
    charts,
    citelines,
    domain,
    epub,
    metadata,
    nodes,
    output,
    printing,
    project,
    search,
    tables,
    transforms,
    translation,
    util,
)


def validate_data(app) -> None:
    root = project.project_of(app.env)  # before any page is read
    if app.config.briefbook_validate and (found := validate(root.data_dir)):
        raise ExtensionError("the data do not validate:\n" + "\n".join(map(str, found)))


def setup(app) -> dict:
    app.add_config_value("briefbook_root", "", "env", [str])  # default: Sphinx's source folder
    app.add_config_value("briefbook_validate", True, "", [bool])  # False where the build validated before Sphinx
    app.add_config_value("briefbook_doi", "", "env", [str])
    app.add_config_value("briefbook_release", False, "", [bool])  # every passage translated
    app.add_config_value("briefbook_lighter_theme", True, "", [bool])  # the preview keeps the theme's whole
    app.add_config_value("briefbook_languages", tuple(LANGUAGES), "env", [tuple, list])  # the first at the root
    app.add_config_value("briefbook_quotation_register", "", "env", [str])  # the page of the cards' anchors
    app.add_config_value("briefbook_citable_anchors", (), "", [tuple, list])  # prefixes a citation may name
    app.add_config_value("briefbook_table_words", {}, "env", [dict])  # {table: words}, translated
    app.add_config_value("briefbook_facts", None, "", types=[project.EditionFacts])  # read at config-inited

    # Content: nodes (arabic, english, foreign, supplied; placeholders the post-transforms fill), roles, directives.
    for node, visitors in nodes.NODES.items():
        app.add_node(node, **visitors)
    for node in (nodes.edition_about, citelines.cite_pending):
        app.add_node(node)
    app.add_node(transforms.drawing, html=(transforms.visit_drawing_html, None))
    app.add_node(nodes.cite_where, html=nodes.SKIP, latex=(printing.visit_cite_where_latex, nodes.SKIP[1]))
    app.add_node(nodes.edition_words, html=nodes.SKIP, latex=nodes.SKIP)
    app.add_role("ar", nodes.arabic_role)
    app.add_role("en", nodes.english_role)
    app.add_directive("translation-notice", util.TranslationNoticeDirective)
    app.add_directive("data-table", tables.DataTableDirective)
    app.add_directive("data-card", tables.DataCardDirective)
    app.add_directive("schema-table", tables.SchemaTableDirective)
    app.add_directive("coding-scheme", tables.CodingSchemeDirective)
    app.add_directive("edition-citation", citelines.EditionCitationDirective)
    app.add_directive("edition-about", citelines.EditionAboutDirective)
    app.add_directive("edition-licence", citelines.EditionLicenceDirective)
    app.add_domain(domain.BriefbookDomain)
    app.add_builder(epub.EditionEpubBuilder, override=True)
    app.add_search_language(search.SearchArabic)
    app.add_js_file("register.js", defer="defer")
    app.add_css_file("briefbook.css")

    # Transforms (by priority; at one priority in this order): reading, then once every page is read.
    app.add_transform(charts.ChartFigures)
    app.add_transform(translation.UniqueIds)  # 900: after the Locale transform
    app.add_post_transform(transforms.InlineCharts)
    app.add_post_transform(citelines.ResolveCiteLines)
    app.add_post_transform(transforms.FillEditionAbout)
    app.add_post_transform(output.MoveBibliography)
    app.add_post_transform(bidi.IsolateLatinRuns)

    # config-inited: the package's catalog first, then the words translated, then what reads them.
    app.connect("config-inited", translation.translate_config, priority=300)
    app.connect("config-inited", project.read_facts, priority=300)  # the edition's facts, read once
    app.connect("config-inited", output.on_config_inited)
    app.connect("builder-inited", output.on_builder_inited, priority=400)  # the writers' mixins, the site's CSS
    app.connect("builder-inited", validate_data, priority=900)
    # reading
    app.connect("source-read", charts.key_notebook_to_its_inputs)
    app.connect("doctree-read", citelines.chapter_cite_line)
    app.connect("doctree-read", metadata.note_sources)
    app.connect("doctree-read", translation.read_translated)  # after Sphinx's collectors
    # html-page-context: priorities around the themes' (500; sphinx-book-theme's header buttons 501)
    app.connect("html-page-context", translation.on_html_page_context, priority=450)  # before the theme drops empties
    app.connect("html-page-context", output.drop_unused_assets)
    app.connect("html-page-context", bidi.isolate_index_entries)
    app.connect("html-page-context", output.add_downloads, priority=502)  # after sphinx-book-theme's
    app.connect("html-page-context", metadata.add_metadata, priority=600)
    # build-finished: the files beside the pages, then the published anchors checked
    app.connect("build-finished", citelines.write_files)
    app.connect("build-finished", search.interface_words)
    app.connect("build-finished", anchors.write_sitemap)  # once html_baseurl is set
    app.connect("build-finished", translation.report)
    app.connect("build-finished", output.lighter_theme)  # the theme's stylesheet and icon fonts cut to what pages use
    app.connect("build-finished", anchors.check_published_anchors, priority=600)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": code_version()}


def code_version(package=None) -> int:
    """A digest of the package's code: pages read by another version of it are read again."""
    package, digest = Path(package or Path(__file__).resolve().parents[1]), hashlib.sha256()
    for path in (p for p in sorted(package.rglob("*")) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return int(digest.hexdigest()[:12], 16)
