"""Chapter citations: Chicago author-date, "(Knights and Smith 2021; Reuters 2021a)", "Malik and Smith (2021)"."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from pybtex.style.template import Node, join
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join2, post_text, pre_text, reference

from .years import cited_year


def round_brackets(sep: str = ", ", sep2: str | None = None, last_sep: str | None = None) -> BracketStyle:
    return BracketStyle(left="(", right=")", sep=sep, sep2=sep2, last_sep=last_sep)


@dataclass
class ParentheticalReferenceStyle(BasicAuthorYearParentheticalReferenceStyle):
    """``{cite:p}``: sphinxcontrib-bibtex's template, with the year of :func:`cited_year`."""

    def inner(self, role_name: str) -> Node:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[
                join(sep=self.author_year_sep)[
                    self.person.author_or_editor_or_title(full="s" in role_name),
                    cited_year,
                ]
            ],
            post_text,
        ]


@dataclass
class TextualReferenceStyle(BasicAuthorYearTextualReferenceStyle):
    """``{cite:t}``: sphinxcontrib-bibtex's template, with the year of :func:`cited_year`."""

    def inner(self, role_name: str) -> Node:
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[cited_year], post_text],
                self.bracket.right,
            ],
        ]


@dataclass
class YearReferenceStyle(ExtraYearReferenceStyle):
    """``{cite:year}``: the year of :func:`cited_year`."""

    def inner(self, role_name: str) -> Node:
        return reference[cited_year]


@dataclass
class ReferenceStyle(AuthorYearReferenceStyle):
    """Chicago author-date citations in the text: "(Knights and Smith 2021; Knights 2021)",
    "Malik and Smith (2021)", with the years' letters of the bibliography (see the module)."""

    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=lambda: round_brackets(sep="; "))
    bracket_textual: BracketStyle = dataclass_field(
        default_factory=lambda: round_brackets(sep=", ", sep2=" and ", last_sep=", and ")
    )
    bracket_author: BracketStyle = dataclass_field(default_factory=round_brackets)
    bracket_label: BracketStyle = dataclass_field(default_factory=round_brackets)
    bracket_year: BracketStyle = dataclass_field(default_factory=round_brackets)
    author_year_sep: str = " "

    def __post_init__(self):
        # AuthorYearReferenceStyle's group, with the three styles that show the year replaced.
        self.styles.extend(
            [
                ParentheticalReferenceStyle(
                    bracket=self.bracket_parenthetical,
                    person=self.person,
                    author_year_sep=self.author_year_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                TextualReferenceStyle(
                    bracket=self.bracket_textual,
                    person=self.person,
                    text_reference_sep=self.text_reference_sep,
                    pre_text_sep=self.pre_text_sep,
                    post_text_sep=self.post_text_sep,
                ),
                ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
                ExtraLabelReferenceStyle(bracket=self.bracket_label),
                YearReferenceStyle(bracket=self.bracket_year),
                ExtraEmptyReferenceStyle(),
            ]
        )
        GroupReferenceStyle.__post_init__(self)


# The book's citing style, with which cited_author renders an entry's author.
CITING = ReferenceStyle()
