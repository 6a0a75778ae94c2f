"""The state that crosses documents, kept in a Sphinx domain so that parallel reads merge it:
which chapters discuss each quotation, and where each chart is drawn (and its image files)."""

from __future__ import annotations

from sphinx.domains import Domain


class BriefbookDomain(Domain):
    name = "briefbook"
    label = "Study edition"
    initial_data = {"uses": {}, "charts": {}}  # qid -> {docname}; chart -> {docname, files}
    data_version = 1

    @property
    def uses(self) -> dict[str, set[str]]:
        return self.data["uses"]

    @property
    def charts(self) -> dict[str, dict]:
        return self.data["charts"]

    def note_use(self, quotation: str, docname: str) -> None:
        self.uses.setdefault(quotation, set()).add(docname)

    def note_chart(self, chart: str, docname: str, files: dict[str, str]) -> None:
        self.charts[chart] = {"docname": docname, "files": files}

    def clear_doc(self, docname: str) -> None:
        for docs in self.uses.values():
            docs.discard(docname)
        for chart in [c for c, where in self.charts.items() if where["docname"] == docname]:
            del self.charts[chart]

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for qid, docs in otherdata["uses"].items():
            self.uses.setdefault(qid, set()).update(d for d in docs if d in docnames)
        for chart, where in otherdata["charts"].items():
            if where["docname"] in docnames:
                self.charts[chart] = where

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []
