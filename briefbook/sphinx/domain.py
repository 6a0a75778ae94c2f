"""The state that crosses documents, kept in a Sphinx domain so that parallel reads merge it:
which chapters discuss each quotation, where each chart is drawn (and its image files), and
which parts of the book have cite lines (and so citation files).

The domain also says where a row of the data stands in the book (:meth:`BriefbookDomain.where`),
for the charts' marks and data tables: a statement's card in the chapter that places it, an
event's row in the events table, a claim's row in the claims table. As a role target,
``evidence`` resolves an id of a quotation or an event to that place."""

from __future__ import annotations

from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode

from .. import ids


class BriefbookDomain(Domain):
    name = "briefbook"
    label = "Study edition"
    # qid -> {docname}; chart -> {docname, files}; anchor -> {docname, page, title, numbered} (cite lines)
    initial_data = {"uses": {}, "charts": {}, "cites": {}}
    data_version = 2

    @property
    def uses(self) -> dict[str, set[str]]:
        return self.data["uses"]

    @property
    def charts(self) -> dict[str, dict]:
        return self.data["charts"]

    def note_use(self, quotation: str, docname: str) -> None:
        self.uses.setdefault(quotation, set()).add(docname)

    @property
    def cites(self) -> dict[str, dict]:
        return self.data["cites"]

    def note_cite(self, anchor: str, part: dict, docname: str) -> None:
        """A cite line for the part at ``anchor`` stands in ``docname`` (:mod:`.citelines`)."""
        self.cites[anchor] = {**part, "docname": docname}

    def note_chart(self, chart: str, docname: str, files: dict[str, str]) -> None:
        self.charts[chart] = {"docname": docname, "files": files}

    def clear_doc(self, docname: str) -> None:
        for docs in self.uses.values():
            docs.discard(docname)
        for chart in [c for c, where in self.charts.items() if where["docname"] == docname]:
            del self.charts[chart]
        for anchor in [a for a, where in self.cites.items() if where["docname"] == docname]:
            del self.cites[anchor]

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for qid, docs in otherdata["uses"].items():
            self.uses.setdefault(qid, set()).update(d for d in docs if d in docnames)
        for chart, where in otherdata["charts"].items():
            if where["docname"] in docnames:
                self.charts[chart] = where
        for anchor, where in otherdata["cites"].items():
            if where["docname"] in docnames:
                self.cites[anchor] = where

    def where(self, anchor: str) -> tuple[str, str] | None:
        """(docname, element id) of a row's anchor (``quote-<id>``, ``event-<id>``, ``claim-<id>``):
        a quotation's card where a chapter places it (else wherever its label stands), any other
        row where its label stands; None if the book has no such place."""
        if anchor.startswith(ids.ANCHOR_PREFIX["quotations"]):
            docs = sorted(self.uses.get(anchor.removeprefix(ids.ANCHOR_PREFIX["quotations"]), ()))
            if docs:
                return docs[0], anchor
        return self.env.get_domain("std").anonlabels.get(anchor)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ != "evidence":
            return None
        found = self.where(ids.anchor(target))
        if found is None:
            return None
        return make_refnode(builder, fromdocname, found[0], found[1], contnode)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []
