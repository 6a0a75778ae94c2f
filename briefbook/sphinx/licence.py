"""``{edition-licence}`` and every page's footer line, from :mod:`briefbook.licence`."""

from __future__ import annotations

from html import escape

from docutils import nodes

from .. import licence as rights
from ..i18n import N_
from .util import EditionDirective, _, fill, para, text

LABEL = "licence-and-rights"  # the label above the section that holds the directive


def linked(value: str) -> list[nodes.Node]:
    return [nodes.reference(piece, piece, refuri=piece) if lic else text(piece) for piece, lic in rights.pieces(value)]


class EditionLicenceDirective(EditionDirective):
    def run(self):
        covers = nodes.bullet_list()
        for lic in rights.LICENCES:
            covered = fill(_(N_("{licence} covers {parts}.")), licence=nodes.strong("", lic.short),
                           parts=_(lic.parts))  # fmt: skip
            covers += nodes.list_item("", para(*covered))
        return [
            para(*linked(rights.grant(_))),
            covers,
            para(text(rights.exception(_, self.config.briefbook_facts.brief))),
            para(text(f"{rights.others(_)} {rights.reuse(_)} {rights.texts(_)}")),
        ]


def footer(env, pathto) -> str:
    found = env.get_domain("std").labels.get(LABEL)
    if not found:
        return rights.footer_html(escape, _=_)
    page = pathto(found[0])  # '#' on the page itself
    return rights.footer_html(escape, f"{'' if page == '#' else page}#{found[1]}", _=_)
