"""The edition's licences and rights, kept in one place.

The edition's own text, data and figures are under CC BY 4.0, its code under the MIT License;
the brief's text and every other quotation are reproduced for commentary and criticism, remain
their owners' copyright, and are under neither licence. The HTML footer, the PDF's imprint and
the How to cite page are written from here; LICENSE, CITATION.cff, .zenodo.json,
data/datapackage.json, pyproject.toml and the README state the same, and the tests compare them
with this module.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .edition import BRIEF


@dataclass(frozen=True)
class Licence:
    spdx: str  # the SPDX identifier (CITATION.cff, pyproject.toml, the data package)
    name: str
    short: str  # the name a line of text can carry
    url: str  # the licence's canonical address
    covers: str  # what it covers, in a word or three
    parts: str  # what it covers, in detail
    path: str  # its full text, in the sources


HOLDERS = "The study edition's contributors"  # CITATION.cff's authors; the copyright line of LICENSES/MIT.txt

EDITION = Licence(
    spdx="CC-BY-4.0",
    name="Creative Commons Attribution 4.0 International",
    short="CC BY 4.0",
    url="https://creativecommons.org/licenses/by/4.0/",
    covers="text, data and figures",
    parts=(
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
    covers="code",
    parts="the Python package that validates the data, draws the charts and builds the book, its tests and scripts",
    path="LICENSES/MIT.txt",
)
LICENCES = (EDITION, CODE)
ZENODO = "cc-by-4.0"  # Zenodo's identifier of EDITION's licence (.zenodo.json)

BRIEF_COPYRIGHT = f"© {BRIEF['date'].rsplit(' ', 1)[-1]} {BRIEF['publisher']}"
GRANT = (
    f"The edition's own {EDITION.covers} are licensed under the {EDITION.name} licence ({EDITION.short}, "
    f"{EDITION.url}), and its {CODE.covers} under the {CODE.name} ({CODE.url})."
)
EXCEPTION = (
    "Quoted material is outside these licences: the brief's text and the statements quoted from it "
    f"(the brief {BRIEF_COPYRIGHT}), other outlets' published translations and any other quotation "
    "remain the copyright of their owners and are reproduced here for commentary and criticism."
)
OTHERS = "The theme, scripts and fonts that the HTML and PDF editions include keep their own licences."
REUSE = (
    f"Section 3 of {EDITION.short} sets the conditions of reuse; among them, credit the creators "
    f"({HOLDERS[0].lower()}{HOLDERS[1:]}), give the licence and its address, and indicate any changes you made."
)
TEXTS = "The licences' full texts are kept with the edition's sources, in LICENSE and the LICENSES folder."
FOOTER = "quotations are their owners' copyright, reproduced for commentary and criticism, and under neither licence."


def statement() -> str:
    """The whole statement in plain text, the licences' addresses included."""
    return f"{GRANT} {EXCEPTION}"


def pieces(text: str) -> list[tuple[str, Licence | None]]:
    """``text`` as text and addresses: each licence's address with its licence, the rest with None."""
    by_url = {lic.url: lic for lic in LICENCES}
    split = re.split("(" + "|".join(re.escape(url) for url in by_url) + ")", text)
    return [(piece, by_url.get(piece)) for piece in split if piece]


def latex(tex: Callable[[str], str]) -> str:
    """The imprint's paragraph on rights. ``tex`` escapes (and typesets) the text; the addresses
    go into ``\\url``, which takes them as they are."""
    return r"\textbf{Licence.} " + "".join(
        rf"\url{{{piece}}}" if lic else tex(piece) for piece, lic in pieces(statement())
    )


def footer_html(escape: Callable[[str], str], details: str | None = None) -> str:
    """The footer's licence line: short, with plain links to the licences and, where the book has
    one, to the How to cite page's section on rights. ``escape`` escapes text for HTML."""

    def link(lic: Licence) -> str:
        return f'<a rel="license" href="{escape(lic.url)}">{escape(lic.short)}</a>'

    more = f' <a href="{escape(details)}">Licence and rights</a>.' if details else ""
    return (
        f'<p class="edition-licence">Licence: {EDITION.covers} {link(EDITION)}, {CODE.covers} {link(CODE)}; '
        f"{escape(FOOTER)}{more}</p>"
    )
