"""Charts set inline in the HTML pages (an SVG shown through ``<img>`` has dead links): two variants
that CSS chooses between, the wide chart (the cell's output) and the narrow one drawn here once per
language; each mark's link leads to the page where its row stands. The markup stands in a
:class:`drawing` node whose text is the alt text, which the search index reads instead of ticks."""

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
CLASSES = {"screen": "chart-wide", "phone": "chart-narrow"}
_drawn: dict[tuple, tuple] = {}  # (chart, language) -> (the data it was drawn from, the narrow SVG)


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
            if "briefbook-chart" not in figure["classes"]:
                continue
            chart = figure["briefbook_chart"]
            if (image := next(figure.findall(nodes.image), None)) is None:
                continue
            markup = self.media(chart, figure["ids"][0] if figure["ids"] else ids.figure_anchor(chart), image)
            old = image.parent if isinstance(image.parent, nodes.reference) else image
            old.replace_self(drawing("", nodes.Text(image["alt"]), markup=markup))

    def svg(self, chart: str, variant: str, image: nodes.image) -> str:
        if variant == "screen":  # the notebook's output, as the cell drew it (uri: from the source folder)
            return (Path(self.env.srcdir) / image["uri"]).read_text(encoding="utf-8")
        from ..figures.output import Chart  # matplotlib: imported when a chart is written

        data, lang = dataset(self.env), edition_language(self.env.config)
        drawn_from, svg = _drawn.get((chart, lang), (None, ""))
        if drawn_from is not data:
            svg = Chart(charts.figure(self.env, chart), data, lang).svg("phone")
            _drawn[(chart, lang)] = (data, svg)
        return svg

    def href(self, anchor: str) -> str | None:
        if (found := self.env.get_domain("briefbook").where(anchor)) is None:
            return None
        page = "" if found[0] == self.env.docname else self.app.builder.get_relative_uri(self.env.docname, found[0])
        return f"{page}#{found[1]}"

    def media(self, chart: str, figure_id: str, image: nodes.image) -> str:
        from ..figures.svg import inline  # with the drawing's styles (matplotlib): when a chart is written

        label = f"{figure_id}-alt"
        parts = [f'<div class="chart-media" data-chart="{escape(chart)}">',
                 f'<p class="chart-alt" id="{label}">{escape(image["alt"])}</p>']  # fmt: skip
        themed = is_site(self.app)  # e-readers set no dark mode of the page's: plain colours
        for variant in CLASSES:  # the wide chart, then the narrow one
            markup, unknown = inline(self.svg(chart, variant, image), f"{figure_id}-{variant}-", self.href,
                                     themed=themed, aria_labelledby=label, class_="chart-svg")  # fmt: skip
            for target in sorted(set(unknown)):
                logger.warning("chart %s links to %s, which the book does not hold", chart, target,
                               location=image, type="briefbook", subtype="chart-link")  # fmt: skip
            parts.append(f'<div class="chart-variant {CLASSES[variant]}">{markup}</div>')
        parts.append("</div>")
        return "\n".join(parts)
