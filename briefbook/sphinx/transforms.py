"""The About page's facts and checksums, filled once every page has been read (charts and figure numbers known)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import ids
from .nodes import edition_about
from .project import project_of
from .util import _, field, long_date, table, text


class FillEditionAbout(SphinxPostTransform):
    """The version, commit and date, and the SHA-256 of every data file and of each chart as drawn."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(edition_about)):
            node.replace_self([self.facts(), self.checksums()])

    def facts(self) -> nodes.field_list:
        edition = self.env.config.briefbook_facts
        commit = nodes.literal("", edition.commit) if edition.commit else text(_("not built from a git checkout"))
        facts = nodes.field_list("", field(_("Version"), text(edition.version)), field(_("Commit"), commit))
        facts += field(_("Date"), text(_("{date} (date of the commit)").format(date=long_date(edition.date, self.env))))
        facts["classes"].append("edition-facts")
        return facts

    def figure(self, chart: str, where: dict) -> tuple[tuple, str]:
        """The chart as its page names it ("Figure 7.1", else its caption's first words), and its order."""
        anchor = ids.figure_anchor(chart)
        if number := self.env.toc_fignumbers.get(where["docname"], {}).get("figure", {}).get(anchor):
            return (0, tuple(number), chart), _("Figure {number}").format(number=".".join(map(str, number)))
        title = self.env.get_domain("briefbook").cites.get(anchor, {}).get("title") or chart
        return (1, (), chart), _("Figure: {title}").format(title=title)

    def checksums(self) -> nodes.table:
        project = project_of(self.env)
        rows = [(nodes.literal("", path.relative_to(project.root).as_posix()), path) for path in project.data_files()]
        charts = self.env.get_domain("briefbook").charts
        for (_order, name), files in sorted((self.figure(c, where), where["files"]) for c, where in charts.items()):
            for kind, path in sorted(files.items()):
                rows.append((text(_("{figure} ({kind})").format(figure=name, kind=kind.upper())), Path(path)))
        cells = [[name, nodes.literal("", hashlib.sha256(path.read_bytes()).hexdigest())] for name, path in rows]
        return table([_("File"), _("SHA-256")], cells, [30, 70], classes=["checksums"])
