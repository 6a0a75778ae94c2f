"""The edition's licences and rights in one place (CC BY 4.0, MIT, quotations under neither); each
function takes the ``_`` that translates its sentences."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass


def english(message: str) -> str:
    return message


_ = english  # marks the sentences for the catalog
HOLDERS = "The study edition's contributors"  # CITATION.cff's authors; the copyright line of LICENSES/MIT.txt
_("the study edition's contributors")  # the holders as a sentence names them (reuse), for the catalog


@dataclass(frozen=True)
class Licence:
    spdx: str  # the SPDX identifier (CITATION.cff, pyproject.toml, the data package)
    name: str
    short: str  # the name a line of text can carry
    url: str  # the licence's canonical address
    covers: str  # what it covers, in a word or three
    parts: str  # what it covers, in detail
    path: str  # its full text, in the sources


EDITION = Licence(
    spdx="CC-BY-4.0",
    name="Creative Commons Attribution 4.0 International",
    short="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
    covers=_("text, data and figures"),
    parts=_(
        "the chapters in the edition's own words, the annotations and coding of the quotations, the data "
        "tables and their schema (the data package), the bibliography, and the figures drawn from the data"
    ),
    path="LICENSES/CC-BY-4.0.txt",
)
CODE = Licence(
    spdx="MIT",
    name="MIT License",
    short="MIT",
    url="https://opensource.org/licenses/MIT",
    covers=_("code"),
    parts=_("the Python package that validates the data, draws the charts and builds the book, its tests and scripts"),
    path="LICENSES/MIT.txt",
)
LICENCES = (EDITION, CODE)
ZENODO = "cc-by-4.0"  # Zenodo's identifier of EDITION's licence (.zenodo.json)


def grant(_: Callable[[str], str] = english) -> str:
    names = dict(name=EDITION.name, short=EDITION.short, url=EDITION.url, code_name=CODE.name, code_url=CODE.url)
    return _(
        "The edition's own {covers} are licensed under the {name} licence ({short}, {url}), and its "
        "{code_covers} under the {code_name} ({code_url})."
    ).format(**names, covers=_(EDITION.covers), code_covers=_(CODE.covers))


def exception(_: Callable[[str], str] = english, brief=None) -> str:
    return _(
        "Quoted material is outside these licences: the brief's text and the statements quoted from it "
        "(the brief {copyright}), other outlets' published translations and any other quotation "
        "remain the copyright of their owners and are reproduced here for commentary and criticism."
    ).format(copyright=f"© {brief.date.year} {_(brief.publisher)}")


def others(_: Callable[[str], str] = english) -> str:
    return _("The theme, scripts and fonts that the HTML and PDF editions include keep their own licences.")


def texts(_: Callable[[str], str] = english) -> str:
    return _("The licences' full texts are kept with the edition's sources, in LICENSE and the LICENSES folder.")


def reuse(_: Callable[[str], str] = english) -> str:
    return _(
        "Section 3 of {short} sets the conditions of reuse; among them, credit the creators ({holders}), "
        "give the licence and its address, and indicate any changes you made."
    ).format(short=EDITION.short, holders=_(HOLDERS[0].lower() + HOLDERS[1:]))


def statement(brief, _: Callable[[str], str] = english) -> str:
    return f"{grant(_)} {exception(_, brief)}"


def pieces(text: str) -> list[tuple[str, Licence | None]]:
    """``text`` split at the licences' addresses: (piece, its licence or None)."""
    by_url = {lic.url: lic for lic in LICENCES}
    return [(p, by_url.get(p)) for p in re.split("(" + "|".join(map(re.escape, by_url)) + ")", text) if p]


def footer_html(escape: Callable[[str], str], details: str | None = None, _: Callable[[str], str] = english) -> str:
    """The footer's licence line, linking the licences and ``details`` (the section on rights)."""
    link = {lic: f'<a rel="license" href="{escape(lic.url)}">{escape(lic.short)}</a>' for lic in LICENCES}
    rights = _("Licence and rights")  # not inside the f-string, where the catalog's extraction cannot see it
    more = f' <a href="{escape(details)}">{escape(rights)}</a>.' if details else ""
    rest = _(
        "quotations are their owners' copyright, reproduced for commentary and criticism, and under neither licence."
    )
    line = escape(_("Licence: {covers} {licence}, {code_covers} {code_licence}; {rest}")).format(
        covers=escape(_(EDITION.covers)),
        licence=link[EDITION],
        code_covers=escape(_(CODE.covers)),
        code_licence=link[CODE],
        rest=escape(rest),
    )
    return f'<p class="edition-licence">{line}{more}</p>'
