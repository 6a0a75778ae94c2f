"""Post-transforms that fill the placeholders once every page has been read, from the domain's state."""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .. import ids
from .nodes import card_link, edition_about
from .project import project_of
from .util import _, field, in_language, long_date, table, text


class FillCardLinks(SphinxPostTransform):
    """Each register row links to its statement's card, in the chapter that places it."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        uses = self.env.get_domain("briefbook").uses
        for node in list(self.document.findall(card_link)):
            anchor, label = node["anchor"], node["label"]
            if not (docs := sorted(uses.get(anchor, ()))):
                node.replace_self(text(_("{label} (not yet placed in a chapter)").format(label=label)))
                continue
            words = nodes.inline("", "", *in_language("en", [text(label)], self.env))  # the brief's first words
            node.replace_self(make_refnode(self.app.builder, self.env.docname, docs[0], anchor, words))


class FillEditionAbout(SphinxPostTransform):
    """The version, commit and date, and the SHA-256 of every data file and of each chart as drawn."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(edition_about)):
            node.replace_self([self.facts(), self.checksums()])

    def facts(self) -> nodes.field_list:
        edition, commit = self.env.config.briefbook_facts, self.env.config.briefbook_facts.commit
        facts = nodes.field_list(classes=["edition-facts"])
        facts += field(_("Version"), text(edition.version))
        facts += field(_("Commit"), nodes.literal("", commit) if commit else text(_("not built from a git checkout")))
        facts += field(_("Date"), text(_("{date} (date of the commit)").format(date=long_date(edition.date, self.env))))
        return facts

    def figure(self, chart: str, where: dict) -> tuple[tuple, str]:
        """The chart as its page names it ("Figure 7.1", else its caption's first words), and its order."""
        anchor = ids.figure_anchor(chart)
        number = self.env.toc_fignumbers.get(where["docname"], {}).get("figure", {}).get(anchor)
        if number:
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
