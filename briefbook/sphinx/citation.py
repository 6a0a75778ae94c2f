"""``{edition-citation}`` (:mod:`briefbook.cite`) and ``{edition-about}`` (filled by :mod:`.transforms`)."""

from __future__ import annotations

from .citelines import citation_forms, note_inputs
from .nodes import edition_about
from .project import project_of
from .util import EditionDirective


class EditionCitationDirective(EditionDirective):
    def run(self):
        note_inputs(self.env)
        return [citation_forms(docname=self.env.docname)]


class EditionAboutDirective(EditionDirective):
    def run(self):
        project = project_of(self.env)
        for path in project.data_files():
            self.env.note_dependency(str(path))
        return [edition_about()]
