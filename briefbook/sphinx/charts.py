"""Charts are notebook outputs: a chapter's cell ``chart("timeline")`` (:func:`briefbook.figures.chart`),
with the cell metadata ``mystnb: figure: {name: fig-timeline, caption: ...}``, shows the chart in
Jupyter and is the figure in the book. This module gives that figure what a reader needs beside
it: alt text written from the data, the rows it draws as a table with their sources and the
downloads (HTML, :mod:`.chartdata`), the data links (print) and a cite line. In HTML the chart
is then set inline with its dark and narrow variants (:mod:`.inline`).

The execution cache cannot see the files a notebook reads, so each notebook that draws charts
gets, when Sphinx reads it, a hidden first cell holding a digest of what its charts are drawn
from (their tables, the schema, the drawing code, the catalogs of their words) and the page's
language, which the cell sets as the kernel's drawing language (:func:`briefbook.i18n.use`): the
cache is keyed on it, so a data edit re-executes exactly the notebooks that read the data, and
each edition's charts are executed and cached apart.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .. import figures, i18n, ids
from ..figures import CHART_DATA, FIGURES
from ..paths import is_notebook_text
from ..project import TRANSLATION_TABLES
from . import chartdata
from .chartdata import TABLE_WORDS
from .citelines import cite_line
from .printing import short_caption
from .project import code_files, dataset, edition_language, project_of
from .util import _, fill, in_sequence, para, text

CALL = re.compile(r"""\bchart\(\s*["'](\w+)["']""")
FIRST_CELL = re.compile(r"^```\{code-cell\}", re.MULTILINE)


def inputs(env, charts: list[str]) -> list:
    """The files that the charts of one notebook are drawn from."""
    project = project_of(env)
    tables = sorted({t for name in charts for t in CHART_DATA.get(name, ())})
    # In a translation, the charts' words too: the package's catalog and the data's translations.
    words = (
        [
            i18n.catalog_file(project.root, edition_language(env.config)),
            project.table_file(TRANSLATION_TABLES[edition_language(env.config)]),
        ]
        if edition_language(env.config) != i18n.SOURCE
        else []
    )
    return [*(project.table_file(t) for t in tables), project.descriptor, *code_files(extension=False),
            *(p for p in words if p.is_file())]  # fmt: skip


def first_cell(digest: str, lang: str) -> str:
    """The hidden first cell: the drawing language and the digest of the inputs, which key the cache."""
    return (f"```{{code-cell}} ipython3\n:tags: [remove-cell]\n\n# inputs of this notebook's charts: {digest}\n"
            f"from briefbook import i18n\ni18n.use({lang!r})\n```\n\n")  # fmt: skip


def key_notebook_to_its_inputs(app, docname: str, source: list[str]) -> None:
    """``source-read``: prepend a hidden cell with the digest of the notebook's inputs."""
    charts = CALL.findall(source[0])
    if not charts or not is_notebook_text(source[0]):
        return
    digest = hashlib.sha256()
    for path in inputs(app.env, charts):
        app.env.note_dependency(str(path))
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    lang = edition_language(app.env.config)
    digest.update(lang.encode())
    cell = first_cell(digest.hexdigest(), lang)
    match = FIRST_CELL.search(source[0])
    source[0] = source[0][: match.start()] + cell + source[0][match.start() :]


def alt_text(chart: str, env) -> str:
    """A chart's alt text in the page's language, from the data localised to it."""
    from ..figures.words import localised

    lang = edition_language(env.config)
    return figures.alt_text(chart, localised(dataset(env), lang), lang)


class ChartFigures(SphinxTransform):
    """A chart cell's figure gets its alt text, full width, data table, data links and cite line."""

    default_priority = 700

    def apply(self, **kwargs) -> None:
        for figure in list(self.document.findall(nodes.figure)):
            names = [n for n in figure["names"] if n.startswith("fig-") and n.removeprefix("fig-") in FIGURES]
            if names:
                self.decorate(figure, names[0].removeprefix("fig-"))

    def decorate(self, figure: nodes.figure, chart: str) -> None:
        data = dataset(self.env)
        figure["classes"].append("briefbook-chart")
        figure["briefbook_chart"] = chart  # for the HTML pages' inline SVG (:mod:`.inline`)
        files, uris = {}, {}
        for image in figure.findall(nodes.image):
            image["alt"] = alt_text(chart, self.env)
            image["width"] = "100%"  # in print: \linewidth, the full text width
            kind = image["uri"].rsplit(".", 1)[-1]
            files[kind] = str(self.env.relfn2path(image["uri"], self.env.docname)[1])
            uris[kind] = "/" + Path(files[kind]).relative_to(self.env.srcdir).as_posix()
        self.env.get_domain("briefbook").note_chart(chart, self.env.docname, files)
        tables = CHART_DATA[chart]
        # In print, the data links; in HTML the data table, sources and downloads before the caption.
        env = self.env
        names = [text(_(TABLE_WORDS[table])) for table in tables]
        files = [download(f"{table}.csv", f"{table}.csv", env.docname) for table in tables]
        schema = download("datapackage.json", "datapackage.json", env.docname)
        words = fill(
            _("Data: the {tables} tables of the data package ({files}; their schema: {schema})."),
            tables=in_sequence(names, last=True), files=in_sequence(files), schema=schema,
        )  # fmt: skip
        media = {"svg": _("SVG (screen)"), "pdf": _("PDF (print)")}
        charts = [download(uris[kind], media[kind], env.docname) for kind in ("svg", "pdf") if kind in uris]
        tables_csv = [download(f"{table}.csv", _(TABLE_WORDS[table]), env.docname) for table in tables]
        get = fill(
            _("The chart: {charts}. Its data, as CSV: {tables}; their schema (JSON): {schema}."),
            charts=in_sequence(charts), tables=in_sequence(tables_csv),
            schema=download("datapackage.json", "datapackage.json", env.docname),
        )  # fmt: skip
        caption = figure.next_node(nodes.caption)
        position = figure.index(caption) if caption is not None and caption.parent is figure else len(figure)
        figure.insert(position, chartdata.block(chart, data, self.env, self.document, get))
        legend = figure.next_node(nodes.legend)
        if legend is None:
            legend = nodes.legend()
            figure += legend
        only = addnodes.only(expr="latex")
        only += para(*words, classes=["chart-data"])
        legend += only
        anchor = figure["ids"][0] if figure["ids"] else ids.figure_anchor(chart)
        words = " ".join(caption.astext().split()) if caption is not None else chart
        phrase = short_caption(words) or words  # the caption's first phrase, as the list of figures has it
        legend += cite_line(self.env, anchor, self.env.docname, phrase, numbered="figure")


def download(target: str, label: str, docname: str) -> addnodes.download_reference:
    """A link to download a file: of the data package (a bare name), or of the build (a path from
    the source folder, starting with '/'); collected when the page is read."""
    return addnodes.download_reference(
        "", "", nodes.literal("", label, classes=["xref", "download"]) if label.endswith((".csv", ".json")) else nodes.inline("", label),
        reftarget=target if target.startswith("/") else f"/data/{target}", refdoc=docname, refexplicit=True,
        refdomain="", reftype="download",
    )  # fmt: skip
