"""Charts set inline in the HTML pages (an SVG in an ``<img>`` has dead links): the wide variant (the cell's output)
and the narrow one drawn here, chosen by CSS, each mark linking to its row's page; in a :class:`drawing` node whose
text, the alt text, is what the search index reads instead of ticks."""

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
    """A chart's HTML (``markup``), written as it is."""


def visit_drawing_html(self, node):
    self.body.append(node["markup"])
    raise nodes.SkipNode


class InlineCharts(SphinxPostTransform):
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
        from ..figures.output import Chart, inline  # matplotlib: imported when a chart is written

        chart, env = figure["briefbook_chart"], self.env
        figure_id = figure["ids"][0] if figure["ids"] else ids.figure_anchor(chart)
        wide = (Path(env.srcdir) / image["uri"]).read_text(encoding="utf-8")
        narrow = Chart(charts.figure(env, chart), dataset(env), edition_language(env.config)).svg("phone")
        alt, themed = f"{figure_id}-alt", is_site(self.app)
        parts = [f'<div class="chart-media" data-chart="{escape(chart)}">']
        parts.append(f'<p class="chart-alt" id="{alt}">{escape(image["alt"])}</p>')
        for variant, css, svg in (("screen", "chart-wide", wide), ("phone", "chart-narrow", narrow)):
            markup, unknown = inline(
                svg, f"{figure_id}-{variant}-", self.href, themed=themed, aria_labelledby=alt, class_="chart-svg"
            )
            for target in sorted(set(unknown)):
                said = f"chart {chart} links to {target}, which the book does not hold"
                logger.warning(said, location=image, type="briefbook", subtype="chart-link")
            parts.append(f'<div class="chart-variant {css}">{markup}</div>')
        return "\n".join([*parts, "</div>"])
