"""Post-transforms: the placeholders are filled once every page has been read, from the state
the domain gathered (which chapters discuss a quotation; where the charts were drawn)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from .. import edition, ids
from .nodes import card_link, edition_about
from .project import project_of
from .util import field, para, text


class FillCardLinks(SphinxPostTransform):
    """Each register row links to its statement's card, in the chapter that places it."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        uses = self.env.get_domain("briefbook").uses
        for node in list(self.document.findall(card_link)):
            qid, label = node["quotation"], node["label"]
            docs = sorted(uses.get(qid, ()))
            if not docs:
                node.replace_self(text(f"{label} (not yet placed in a chapter)"))
                continue
            link = make_refnode(self.app.builder, self.env.docname, docs[0], ids.anchor(qid, "quotations"),
                                nodes.inline("", label))  # fmt: skip
            node.replace_self(link)


class FillEditionAbout(SphinxPostTransform):
    """The version, commit and date, and the SHA-256 of every data file and of each chart as drawn."""

    default_priority = 500

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(edition_about)):
            node.replace_self([self.facts(), self.checksums()])

    def facts(self) -> nodes.field_list:
        root = project_of(self.env).root
        commit = edition.commit(root)
        facts = nodes.field_list(classes=["edition-facts"])
        facts += field("Version", text(edition.version(root)))
        facts += field("Commit", nodes.literal("", commit) if commit else text("not built from a git checkout"))
        facts += field("Date", text(f"{edition.long_date(edition.edition_date(root))} (date of the commit)"))
        return facts

    def checksums(self) -> nodes.table:
        project = project_of(self.env)
        rows = [(path.relative_to(project.root).as_posix(), path) for path in project.data_files()]
        for chart, where in sorted(self.env.get_domain("briefbook").charts.items()):
            for kind, path in sorted(where["files"].items()):
                rows.append((f"chart {chart} ({kind})", Path(path)))
        table = nodes.table(classes=["briefbook-table", "colwidths-given", "longtable", "checksums"])
        group = nodes.tgroup(cols=2)
        table += group
        group += nodes.colspec(colwidth=30)
        group += nodes.colspec(colwidth=70)
        group += nodes.thead("", nodes.row("", *(nodes.entry("", para(text(h))) for h in ("File", "SHA-256"))))
        body = nodes.tbody()
        for name, path in rows:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            body += nodes.row(
                "", nodes.entry("", para(nodes.literal("", name))), nodes.entry("", para(nodes.literal("", digest)))
            )
        group += body
        return table


def register(app) -> None:
    app.add_post_transform(FillCardLinks)
    app.add_post_transform(FillEditionAbout)
