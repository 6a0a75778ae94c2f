"""A chart cell's output (``Chart(timeline)``, the book's ``figures/timeline.py``) under ``mystnb: figure: {name:
fig-timeline}`` is a figure of the book: given here its alt text, rows table, sources, downloads and cite line."""

import csv
import hashlib
import importlib
import io
import re
import sys
from html import escape
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .. import i18n
from ..bib import citation
from ..i18n.data import CODES, SCHEMA
from ..paths import is_notebook_text
from .citelines import cite_line
from .printing import short_caption
from .project import dataset, project_of
from .util import SAFE, _, fill, in_sequence, para, ref, table, text

IMPORTS = re.compile(r"^from figures import ([\w, ]+)$", re.MULTILINE)
FIRST_CELL = re.compile(r"^```\{code-cell\}", re.MULTILINE)
HIDDEN = "```{{code-cell}} ipython3\n:tags: [remove-cell]\n\n# inputs of this notebook's charts: {digest}\n"
HIDDEN += "from briefbook import i18n\ni18n.use({language!r})\n```\n\n"
HELP = Path(__file__).parent.parent / "figures"  # the package's drawing help


def figure(env, name: str) -> ModuleType | None:
    """The book's ``figures/<name>.py``, or None. The folder is loaded as a package under a name of its own: editions
    run with ``python -P`` (the book's folder is not on the import path), and ``figures`` may be another checkout's."""
    folder = project_of(env).root / "figures"
    if not re.fullmatch(r"\w+", name) or not (folder / f"{name}.py").is_file():
        return None
    package = "briefbook_figures_" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    if package not in sys.modules:
        spec = spec_from_file_location(package, folder / "__init__.py", submodule_search_locations=[str(folder)])
        module = sys.modules.setdefault(package, module_from_spec(spec))  # as importlib's documentation loads a file
        try:
            spec.loader.exec_module(module)
        except BaseException:  # not left half made: the next figure loads it again, and fails as this one did
            sys.modules.pop(package)
            raise
    return importlib.import_module(f"{package}.{name}")


def key_notebook_to_its_inputs(app, docname: str, source: list[str]) -> None:
    """``source-read``: a hidden first cell, the language and a digest of what the charts read (unseen by the cache)."""
    names = [n.strip() for found in IMPORTS.findall(source[0]) for n in found.split(",")]
    if not names or not is_notebook_text(source[0]):
        return
    project, lang = project_of(app.env), app.env.config.language
    tables = sorted({t for name in names for t in getattr(figure(app.env, name), "TABLES", ())})
    words = [] if lang == i18n.SOURCE else [i18n.catalog_file(project.root, lang)]
    translations = None if lang == i18n.SOURCE else project.table_file(i18n.language(lang).translation_table)
    code = [project.root / "figures" / f"{name}.py" for name in ["__init__", *names]] + sorted(HELP.glob("*.py"))
    digest = hashlib.sha256(lang.encode())
    for path in [*(project.table_file(t) for t in tables), project.descriptor, *code, *words, translations]:
        if path and path.is_file():
            app.env.note_dependency(str(path))
            read = path.read_bytes()
            if path == translations:  # only the rows translating these tables: a translated reference reruns no chart
                rows = csv.reader(io.StringIO(read.decode("utf-8"), newline=""))
                read = repr([row for row in rows if row[:1] and row[0] in {*tables, CODES, SCHEMA}]).encode()
            digest.update(path.name.encode() + hashlib.sha256(read).digest())
    cell = HIDDEN.format(digest=digest.hexdigest(), language=lang)
    source[0] = FIRST_CELL.sub(lambda first: cell + first[0], source[0], count=1)


class ChartFigures(SphinxTransform):
    """A chart cell's figure gets its alt text, full width, data table, data links and cite line."""

    default_priority = 700

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.figure)):
            charts = (n.removeprefix("fig-") for n in node["names"] if n.startswith("fig-"))
            if chart := next((c for c in charts if figure(self.env, c)), None):  # the first is enough
                self.decorate(node, chart, figure(self.env, chart))

    def download(self, target: str, label: str | None = None) -> addnodes.download_reference:
        """A link to download a file of the data package (a bare name, shown as it is) or of the build (from '/')."""
        data = not target.startswith("/")
        shown = nodes.literal("", target, classes=["xref", "download"]) if data else nodes.inline("", label)
        kw = {"refdoc": self.env.docname, "refexplicit": True, "refdomain": "", "reftype": "download"}
        return addnodes.download_reference("", "", shown, reftarget=f"/data/{target}" if data else target, **kw)

    def decorate(self, node: nodes.figure, chart: str, module: ModuleType) -> None:
        env, data, lang, tables = self.env, dataset(self.env), self.env.config.language, module.TABLES
        node["classes"].append("briefbook-chart")
        node["briefbook_chart"] = chart  # for the HTML pages' inline SVG (:mod:`.inline`)
        alt, files = module.alt_text(data, lang), {}  # the inline SVG reads the alt text from the image
        for image in node.findall(nodes.image):
            image["alt"], image["width"] = alt, "100%"  # in print: \linewidth, the full text width
            files[image["uri"].rsplit(".", 1)[-1]] = str(env.relfn2path(image["uri"], env.docname)[1])
        env.get_domain("briefbook").charts[chart] = {"docname": env.docname, "files": files}
        built = {k: "/" + Path(f).relative_to(env.srcdir).as_posix() for k, f in files.items()}
        media = [(built[k], said) for k, said in (("svg", _("SVG (screen)")), ("pdf", _("PDF (print)"))) if k in built]
        # the data's tables, in HTML beside the chart's files, in print under its caption; each name quoted
        one = _("Data: the table {tables} of the data package ({files}; its schema: {schema}).")
        many = _("Data: the tables {tables} of the data package ({files}; their schema: {schema}).")
        named = [text(_("“{table}”").format(table=_(env.config.briefbook_table_words.get(t, t)))) for t in tables]
        csvs, schema = in_sequence([self.download(f"{t}.csv") for t in tables]), self.download("datapackage.json")
        links = fill(many if len(tables) > 1 else one, tables=in_sequence(named, last=True), files=csvs, schema=schema)
        charts = fill(_("The chart: {charts}."), charts=in_sequence([self.download(*m) for m in media]))
        caption = node.next_node(nodes.caption)
        at = node.index(caption) if caption is not None and caption.parent is node else len(node)
        node.insert(at, self.block(module.rows(data, lang), [*charts, text(" "), *links]))
        if (legend := node.next_node(nodes.legend)) is None:
            node += (legend := nodes.legend())
        legend += addnodes.only("", para(*(n.deepcopy() for n in links), classes=["chart-data"]), expr="latex")
        said = " ".join(caption.astext().split()) if caption is not None else chart
        anchor = node["ids"][0] if node["ids"] else f"fig-{chart}"
        legend += cite_line(env, anchor, env.docname, short_caption(said) or said, numbered="figure")

    def cell(self, value) -> nodes.Node | list | str:
        """A cell of a chart's rows: text, a link to a row (:class:`~briefbook.figures.output.Link`), or a list."""
        if isinstance(value, list):
            return [text(v) if isinstance(v, str) else self.cell(v) for v in value]
        if not isinstance(value, tuple):
            return value
        schema = dataset(self.env).schema
        if value.table is not None:
            return ref(self.env, schema.anchor(value.table, value.row), value.label)
        kw = {"refdomain": "briefbook", "reftype": "row", "refexplicit": True, "refwarn": True}  # its card, or its row
        kw |= {"reftarget": schema.anchor(schema.table_of(value.row), value.row), "refdoc": self.env.docname}
        return addnodes.pending_xref("", nodes.inline("", value.label), **kw)

    def block(self, rows, downloads: list[nodes.Node]) -> addnodes.only:
        """The chart's rows in a ``<details>`` that HTML alone shows (open in the EPUB, without downloads)."""
        keys = [k for k in dict.fromkeys(rows.sources(dataset(self.env))) if SAFE.match(k)]
        cited = [citation(keys, self.env.docname)] if keys else []
        cited = fill(_("The rows drawn here rest on {sources}."), sources=cited)
        only = addnodes.only(expr="html")
        heads = {"not epub": ("", _("Table, sources and downloads")), "epub": (' open="open"', _("Table and sources"))}
        for expr, (opened, summary) in heads.items():
            opening = f'<details class="chart-data-details"{opened}><summary>{escape(summary)}</summary>'
            only += addnodes.only("", nodes.raw("", opening, format="html"), expr=expr)
        drawn = _("The rows this chart draws, each linked to its place in the book.")
        only += para(nodes.strong("", _("Table.") + " "), text(drawn), classes=["chart-table-heading"])
        cells = [[self.cell(c) for c in row] for row in rows.cells]
        only += table(rows.headers, cells, rows.widths, classes=["chart-data-table"])
        only += para(nodes.strong("", _("Sources.") + " "), *cited, classes=["chart-sources"])
        downloaded = para(nodes.strong("", _("Download.") + " "), *downloads, classes=["chart-downloads"])
        only += [addnodes.only("", downloaded, expr="not epub"), nodes.raw("", "</details>", format="html")]
        return only
