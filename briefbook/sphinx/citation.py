"""The edition's own pages: ``{edition-citation}`` (APA, Chicago and BibTeX from CITATION.cff)
and ``{edition-about}`` (version, commit, date and the SHA-256 of every data file and chart,
filled once the charts have been drawn: :mod:`.transforms`)."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .. import edition
from .nodes import edition_about
from .project import project_of
from .util import para, text, verbatim


class EditionCitationDirective(SphinxDirective):
    def run(self):
        project = project_of(self.env)
        self.env.note_dependency(str(project.citation_file))
        self.env.note_dependency(str(project.version_file))
        cite = edition.citation(project.root)
        out = [
            verbatim(para(nodes.strong("", f"{label}. "), text(form), classes=[f"citation-{label.lower()}"]))
            for label, form in (("APA", cite.apa), ("Chicago", cite.chicago))
        ]
        out.append(para(nodes.strong("", "BibTeX.")))
        out.append(nodes.literal_block(cite.bibtex, cite.bibtex, language="bibtex", classes=["citation-bibtex"]))
        return out


class EditionAboutDirective(SphinxDirective):
    def run(self):
        project = project_of(self.env)
        for path in project.data_files():
            self.env.note_dependency(str(path))
        return [edition_about()]


def register(app) -> None:
    app.add_directive("edition-citation", EditionCitationDirective)
    app.add_directive("edition-about", EditionAboutDirective)
