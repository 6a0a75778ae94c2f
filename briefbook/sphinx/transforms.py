"""Post-transforms: the placeholders are filled once every page has been read, from the state
the domain gathered (which chapters discuss a quotation; where the charts were drawn)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .. import ids
from .nodes import card_link, edition_about
from .project import project_of
from .util import _, field, in_language, long_date, para, text


class FillCardLinks(SphinxPostTransform):
    """Each register row links to its statement's card, in the chapter that places it."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        uses = self.env.get_domain("briefbook").uses
        for node in list(self.document.findall(card_link)):
            qid, label = node["quotation"], node["label"]
            docs = sorted(uses.get(qid, ()))
            if not docs:
                node.replace_self(text(_("{label} (not yet placed in a chapter)", self.env).format(label=label)))
                continue
            # The label is the statement's first words, as the brief gives them: English.
            words = nodes.inline("", "", *in_language("en", [text(label)], self.env))
            link = make_refnode(self.app.builder, self.env.docname, docs[0], ids.anchor(qid, "quotations"), words)
            node.replace_self(link)


class FillEditionAbout(SphinxPostTransform):
    """The version, commit and date, and the SHA-256 of every data file and of each chart as drawn."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(edition_about)):
            node.replace_self([self.facts(), self.checksums()])

    def facts(self) -> nodes.field_list:
        env = self.env
        edition = env.config.briefbook_facts
        commit = edition.commit
        facts = nodes.field_list(classes=["edition-facts"])
        facts += field(_("Version", env), text(edition.version))
        facts += field(
            _("Commit", env), nodes.literal("", commit) if commit else text(_("not built from a git checkout", env))
        )
        when = long_date(edition.date, env)
        facts += field(_("Date", env), text(_("{date} (date of the commit)", env).format(date=when)))
        return facts

    def charts(self) -> dict[str, dict]:
        return self.env.get_domain("briefbook").charts

    def figure(self, chart: str, where: dict) -> tuple[tuple, str]:
        """The chart as its page names it: "Figure 7.1" (its number), else by its caption's first
        words; with the order of the book's figures (by number; unnumbered ones after, by name)."""
        env = self.env
        anchor = ids.figure_anchor(chart)
        number = env.toc_fignumbers.get(where["docname"], {}).get("figure", {}).get(anchor)
        if number:
            return (0, tuple(number), chart), _("Figure {number}", env).format(number=".".join(map(str, number)))
        title = env.get_domain("briefbook").cites.get(anchor, {}).get("title") or chart
        return (1, (), chart), _("Figure: {title}", env).format(title=title)

    def checksums(self) -> nodes.table:
        project = project_of(self.env)
        rows = [(nodes.literal("", path.relative_to(project.root).as_posix()), path) for path in project.data_files()]
        charts = sorted((self.figure(chart, where), where["files"]) for chart, where in self.charts().items())
        for (_order, name), files in charts:
            for kind, path in sorted(files.items()):
                rows.append((text(_("{figure} ({kind})", self.env).format(figure=name, kind=kind.upper())), Path(path)))
        table = nodes.table(classes=["briefbook-table", "colwidths-given", "longtable", "checksums"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=30)
        group += nodes.colspec(colwidth=70)
        group += nodes.thead(
            "", nodes.row("", *(nodes.entry("", para(text(_(h, self.env)))) for h in (_("File"), _("SHA-256"))))
        )
        body = nodes.tbody()
        for name, path in rows:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            body += nodes.row("", nodes.entry("", para(name)), nodes.entry("", para(nodes.literal("", digest))))
        group += body
        return table


def register(app) -> None:
    app.add_post_transform(FillCardLinks)
    app.add_post_transform(FillEditionAbout)
