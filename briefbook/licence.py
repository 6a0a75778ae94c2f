"""The edition's rights in words: the licences _config.yml names (``briefbook_licences``: the edition's own work,
its code), quoted material under neither; in the language of the ``_`` given (``str``: the English)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields

Words = Callable[[str], str]  # the ``_`` that translates; ``str`` leaves the English as it is


@dataclass(frozen=True)
class Licence:
    spdx: str
    name: str
    short: str  # the name a line of text can carry
    url: str
    covers: str  # what it covers, in a word or three (translated)
    parts: str  # what it covers, in detail (translated)
    path: str  # its full text, in the sources


FIELDS = tuple(f.name for f in fields(Licence))


def holders(facts) -> str:
    """The creators (CITATION.cff's authors) as a sentence names them."""
    names = " and ".join(a.name for a in facts.authors)
    return names[:1].lower() + names[1:]


def sentences(facts, _: Words = str) -> dict[str, str]:
    """The rights by name: grant, exception (quoted material), others, reuse, texts, statement; covers, code_covers."""
    (own, code), brief = facts.rights, facts.brief
    said = {"covers": _(own.covers), "code_covers": _(code.covers)}
    said["grant"] = _(
        "The edition's own {covers} are licensed under the {name} licence ({short}, {url}), and its "
        "{code_covers} under the {code_name} ({code_url})."
    ).format(name=own.name, short=own.short, url=own.url, code_name=code.name, code_url=code.url, **said)
    said["exception"] = _(
        "Quoted material is outside these licences: the brief's text and the statements quoted from it "
        "(the brief {copyright}), other outlets' published translations and any other quotation "
        "remain the copyright of their owners and are reproduced here for commentary and criticism."
    ).format(copyright=f"© {brief.date.year} {_(brief.publisher)}")
    said["others"] = _("The theme, scripts and fonts that the HTML and PDF editions include keep their own licences.")
    said["reuse"] = _(
        "Section 3 of {short} sets the conditions of reuse; among them, credit the creators ({holders}), "
        "give the licence and its address, and indicate any changes you made."
    ).format(short=own.short, holders=_(holders(facts)))
    said["texts"] = _(
        "The licences' full texts are kept with the edition's sources, in LICENSE and the LICENSES folder."
    )
    return said | {"statement": f"{said['grant']} {said['exception']}"}


def pieces(facts, text: str) -> list[tuple[str, Licence | None]]:
    """``text`` split at the licences' addresses: (piece, its licence or None)."""
    by_url = {lic.url: lic for lic in facts.rights}
    return [(p, by_url.get(p)) for p in re.split("(" + "|".join(map(re.escape, by_url)) + ")", text) if p]


def footer_html(facts, escape, details: str | None = None, _: Words = str) -> str:
    """The footer's licence line, linking the licences and ``details`` (the section on rights); none without them."""
    if not facts.rights:
        return ""
    link = [f'<a rel="license" href="{escape(lic.url)}">{escape(lic.short)}</a>' for lic in facts.rights]
    rights = _("Licence and rights")  # outside the f-string, where the catalog's extraction cannot see it
    more = f' <a href="{escape(details)}">{escape(rights)}</a>.' if details else ""
    rest = _(
        "quotations are their owners' copyright, reproduced for commentary and criticism, and under neither licence."
    )
    said = {key: escape(sentences(facts, _)[key]) for key in ("covers", "code_covers")}
    line = escape(_("Licence: {covers} {licence}, {code_covers} {code_licence}; {rest}"))
    line = line.format(licence=link[0], code_licence=link[1], rest=escape(rest), **said)
    return f'<p class="edition-licence">{line}{more}</p>'
