"""Post-transforms: the charts set inline in HTML, linked to their rows; the About page's facts and checksums."""

import hashlib
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .. import i18n
from . import charts
from .nodes import edition_about
from .project import dataset, is_site, project_of
from .util import _, field, table, text

logger = logging.getLogger(__name__)


class drawing(nodes.General, nodes.Element):
    """A chart's HTML (``markup``), written as it is; its text, the alt text, is what the search index reads."""


def visit_drawing_html(self, node):
    self.body.append(node["markup"])
    raise nodes.SkipNode


class InlineCharts(SphinxPostTransform):
    """A chart inline (an ``<img>``'s SVG has dead links), wide and narrow chosen by CSS, its marks linked."""

    default_priority = 20  # after myst-nb has chosen the image for the builder (priority 4)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for figure in list(self.document.findall(nodes.figure)):
            if "briefbook_chart" in figure and (image := next(figure.findall(nodes.image), None)) is not None:
                old = image.parent if isinstance(image.parent, nodes.reference) else image
                old.replace_self(drawing("", nodes.Text(image["alt"]), markup=self.media(figure, image)))

    def href(self, anchor: str) -> str | None:  # (on its own page: "#anchor", as Sphinx's relative address is "")
        found = self.env.get_domain("briefbook").where(anchor)
        return None if found is None else f"{self.app.builder.get_relative_uri(self.env.docname, found[0])}#{found[1]}"

    def media(self, figure: nodes.figure, image: nodes.image) -> str:
        from ..figures.output import drawn_svg, inline  # matplotlib: imported when a chart is written

        chart, env = figure["briefbook_chart"], self.env
        figure_id = figure["ids"][0] if figure["ids"] else f"fig-{chart}"
        wide = (Path(env.srcdir) / image["uri"]).read_text(encoding="utf-8")
        narrow = drawn_svg(charts.figure(env, chart), dataset(env), env.config.language, "phone")
        alt, themed = f"{figure_id}-alt", is_site(self.app)
        parts = [f'<div class="chart-media" data-chart="{escape(chart)}">']
        parts.append(f'<p class="chart-alt" id="{alt}">{escape(image["alt"])}</p>')
        for variant, css, svg in (("screen", "chart-wide", wide), ("phone", "chart-narrow", narrow)):
            prefix = f"{figure_id}-{variant}-"
            markup, unknown = inline(svg, prefix, self.href, themed=themed, aria_labelledby=alt, class_="chart-svg")
            for target in sorted(set(unknown)):
                said = f"chart {chart} links to {target}, which the book does not hold"
                logger.warning(said, location=image, type="briefbook", subtype="chart-link")
            parts.append(f'<div class="chart-variant {css}">{markup}</div>')
        return "\n".join([*parts, "</div>"])


class FillEditionAbout(SphinxPostTransform):
    """The version, commit and date, and the SHA-256 of every data file and of each chart as drawn."""

    default_priority = 500  # once every page is read: the charts and figure numbers known

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(edition_about)):
            edition = self.env.config.briefbook_facts
            commit = nodes.literal("", edition.commit) if edition.commit else text(_("not built from a git checkout"))
            date = _("{date} (date of the commit)").format(date=i18n.long_date(edition.date, self.env.config.language))
            said = [(_("Version"), text(edition.version)), (_("Commit"), commit), (_("Date"), text(date))]
            facts = nodes.field_list("", *(field(name, [value]) for name, value in said), classes=["edition-facts"])
            project = project_of(self.env)
            files = [(nodes.literal("", p.relative_to(project.root).as_posix()), p) for p in project.data_files()]
            drawn = self.env.get_domain("briefbook").charts
            for (_order, name), made in sorted((self.figure(c, where), where["files"]) for c, where in drawn.items()):
                for kind, path in sorted(made.items()):
                    files.append((text(_("{figure} ({kind})").format(figure=name, kind=kind.upper())), Path(path)))
            cells = [[name, nodes.literal("", hashlib.sha256(path.read_bytes()).hexdigest())] for name, path in files]
            node.replace_self([facts, table([_("File"), _("SHA-256")], cells, [30, 70], classes=["checksums"])])

    def figure(self, chart: str, where: dict) -> tuple[tuple, str]:
        """The chart as its page names it ("Figure 7.1", else its caption's first words), and its order."""
        anchor = f"fig-{chart}"
        if number := self.env.toc_fignumbers.get(where["docname"], {}).get("figure", {}).get(anchor):
            return (0, tuple(number), chart), _("Figure {number}").format(number=".".join(map(str, number)))
        title = self.env.get_domain("briefbook").cites.get(anchor, {}).get("title") or chart
        return (1, (), chart), _("Figure: {title}").format(title=title)
