"""The edition's own pages: ``{edition-citation}`` (APA, Chicago and BibTeX: :mod:`briefbook.cite`)
and ``{edition-about}`` (version, commit, date and the SHA-256 of every data file and chart,
filled once the charts have been drawn: :mod:`.transforms`)."""

from __future__ import annotations

from .citelines import citation_forms, note_inputs
from .nodes import edition_about
from .project import project_of
from .util import EditionDirective


class EditionCitationDirective(EditionDirective):
    """The book's APA and Chicago forms, its BibTeX and its citation files (:mod:`.citelines`)."""

    def run(self):
        note_inputs(self.env)
        return [citation_forms(docname=self.env.docname)]


class EditionAboutDirective(EditionDirective):
    def run(self):
        project = project_of(self.env)
        for path in project.data_files():
            self.env.note_dependency(str(path))
        return [edition_about()]
