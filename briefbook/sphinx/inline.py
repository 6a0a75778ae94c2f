"""Charts set inline in the HTML pages (an SVG shown through ``<img>`` has dead links): two variants
that CSS chooses between, the wide chart (the cell's output) and the narrow one drawn here; each
mark's link leads to the page where its row stands. The markup stands in a :class:`drawing` node
whose text is the alt text, which the search index reads instead of ticks."""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .. import ids
from . import charts
from .project import dataset, edition_language, is_site

logger = logging.getLogger(__name__)


class drawing(nodes.General, nodes.Element):
    """A chart's HTML (``markup``), written as it is; its text (the alt text) is what the search reads."""


def visit_drawing_html(self, node):
    self.body.append(node["markup"])
    raise nodes.SkipNode


class InlineCharts(SphinxPostTransform):
    """Replace each chart's ``<img>`` with its inline SVG variants (HTML builders only)."""

    default_priority = 20  # after myst-nb has chosen the image for the builder (priority 4)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for figure in list(self.document.findall(nodes.figure)):
            if "briefbook_chart" in figure and (image := next(figure.findall(nodes.image), None)) is not None:
                old = image.parent if isinstance(image.parent, nodes.reference) else image
                old.replace_self(drawing("", nodes.Text(image["alt"]), markup=self.media(figure, image)))

    def href(self, anchor: str) -> str | None:
        if (found := self.env.get_domain("briefbook").where(anchor)) is None:
            return None
        page = "" if found[0] == self.env.docname else self.app.builder.get_relative_uri(self.env.docname, found[0])
        return f"{page}#{found[1]}"

    def media(self, figure: nodes.figure, image: nodes.image) -> str:
        from ..figures.output import Chart  # matplotlib: imported when a chart is written
        from ..figures.svg import inline

        chart = figure["briefbook_chart"]
        figure_id = figure["ids"][0] if figure["ids"] else ids.figure_anchor(chart)
        lang, module = edition_language(self.env.config), charts.figure(self.env, chart)
        variants = (("screen", "chart-wide", (Path(self.env.srcdir) / image["uri"]).read_text(encoding="utf-8")),
                    ("phone", "chart-narrow", Chart(module, dataset(self.env), lang).svg("phone")))  # fmt: skip
        parts = [f'<div class="chart-media" data-chart="{escape(chart)}">',
                 f'<p class="chart-alt" id="{figure_id}-alt">{escape(image["alt"])}</p>']  # fmt: skip
        for variant, css, svg in variants:  # the cell's output, then the narrow one; e-readers: plain colours
            markup, unknown = inline(svg, f"{figure_id}-{variant}-", self.href, themed=is_site(self.app),
                                     aria_labelledby=f"{figure_id}-alt", class_="chart-svg")  # fmt: skip
            for target in sorted(set(unknown)):
                logger.warning("chart %s links to %s, which the book does not hold", chart, target,
                               location=image, type="briefbook", subtype="chart-link")  # fmt: skip
            parts.append(f'<div class="chart-variant {css}">{markup}</div>')
        return "\n".join([*parts, "</div>"])
