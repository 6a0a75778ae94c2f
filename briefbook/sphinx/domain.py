"""The state that crosses documents; the reference type ``row`` (a row's anchor) leads to its card."""

from sphinx.domains import Domain
from sphinx.util.nodes import make_refnode


class BriefbookDomain(Domain):
    name, label = "briefbook", "Study edition"
    # card: (anchor, docname) -> {docname}; chart -> {docname, files}; anchor -> {docname, page, title, numbered}
    initial_data = {"uses": {}, "charts": {}, "cites": {}}
    uses = property(lambda self: self.data["uses"])
    charts = property(lambda self: self.data["charts"])
    cites = property(lambda self: self.data["cites"])

    def clear_doc(self, docname: str) -> None:
        for name in self.initial_data:
            self.data[name] = {k: w for k, w in self.data[name].items() if w["docname"] != docname}

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for name in self.initial_data:
            self.data[name].update({k: w for k, w in otherdata[name].items() if w["docname"] in docnames})

    def where(self, anchor: str) -> tuple[str, str] | None:
        """(docname, id) of a row's anchor: its card where a page places one, else its label."""
        docs = sorted(docname for used, docname in self.uses if used == anchor)
        return (docs[0], anchor) if docs else self.env.get_domain("std").anonlabels.get(anchor)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        return make_refnode(builder, fromdocname, *found, contnode) if (found := self.where(target)) else None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []  # MyST asks every domain to resolve a link (warning of one that cannot): ours resolve none
