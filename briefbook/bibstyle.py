"""The book's citations and bibliography: Chicago author-date, titles as written, sorted by author,
year, title.

In the text (``bibtex_reference_style: briefbook``, :class:`ReferenceStyle`), ``{cite:p}`` gives
"(Knights and Smith 2021; Knights 2021)": round brackets, no comma between author and year, works
separated by semicolons; ``{cite:t}`` gives "Malik and Smith (2021)", several works joined with
"and". The list (``bibtex_default_style: briefbook``, :class:`Style`) puts the same two things
first::

    Malik, Hamdi, and Crispin Smith (2021). Are the Muqawama Signaling De-Escalation? Policy
    Analysis ..., 9 July 2021. https://.... Also published in Arabic; ...

- Works by the same author (as the citation in the text names it) in the same year get letters,
  "2021a", "2021b", in the order of the list, that is by title: :func:`year_suffixes` computes them,
  once, from the entries of the list, and both the list's year (:func:`listed_year`) and the
  citation's year (:func:`cited_year`) show them. A work without a year is "n.d.", or "n.d.-a" and
  "n.d.-b" when there are several.
- Titles are rendered exactly as the .bib gives them. pybtex's unsrt and plain styles
  sentence-case the titles of articles and miscellanea (``Text.capitalize``), which would turn
  "Iraq's Drone and Rocket Epidemic" into "Iraq's drone and rocket epidemic"; this style does not.
- The first author is inverted ("Malik, Hamdi"), the others are not; a corporate author, written
  in double braces in the .bib (``{{Press TV}}``), is shown as written.
- The date after the outlet (``howpublished``, or ``journal`` for an article) is shown only when
  the entry has a month: "9 July 2021" with a ``day``, "July 2021" without one; the year alone is
  already in the head.
- An entry without an author is headed by its title.
- The URL follows, as a link; the note closes the entry.
- Entries are sorted by :class:`SortingStyle`: the authors' names (surname, then given names;
  a corporate author by its name, a leading "The" ignored; an entry without author by its title),
  then the year, then the title, then the key, so the order never depends on the .bib's order.
- Labels are pybtex's numbers in that order. The text does not cite by them, but the list still
  shows them: sphinxcontrib-bibtex makes every entry of a list that citations can point to a
  docutils citation, and a citation must have a label, one per entry. The anchors do not depend on
  the labels: the book sets ``bibtex_cite_id: "cite-{key}"``.

Other entry types keep the layout of pybtex's unsrt style, with titles as written.

The styles are registered when this module is imported: with pybtex as ``briefbook`` (formatting)
and ``briefbook`` (sorting), with sphinxcontrib-bibtex as ``briefbook`` (referencing). Sphinx
imports the module as an extension (``briefbook.bibstyle`` in ``_config.yml``, ``sphinx:
extra_extensions``), before sphinxcontrib-bibtex looks the referencing style up.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from pybtex.plugin import find_plugin, register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, Node, field, first_of, href, join, node, optional, sentence
from sphinxcontrib.bibtex.plugin import register_plugin as register_referencing_plugin
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
from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo, join2, post_text, pre_text, reference

NAME = "briefbook"
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
LEADING_PUNCTUATION = re.compile(r"^\W+")
# Plain text, for comparing names and titles: one backend, as Text.render_as("text") looks the
# backend up among the installed packages' entry points each time (some 20 ms a call).
PLAIN_TEXT = find_plugin("pybtex.backends", "text")()


@node
def creators(children, context, role="author"):
    """The persons of ``role``: the first inverted ("Malik, Hamdi"), the others not
    ("Crispin Smith"), joined Chicago-fashion ("Malik, Hamdi, and Crispin Smith")."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    persons = entry.persons.get(role)
    if not persons:
        raise FieldIsMissing(role, entry)
    style = context["style"]
    inverted = find_plugin("pybtex.style.names", "lastfirst")()
    parts = [inverted.format(persons[0], style.abbreviate_names)]
    parts += [style.format_name(person, style.abbreviate_names) for person in persons[1:]]
    return join(sep=", ", sep2=", and ", last_sep=", and ")[parts].format_data(context)


def year_suffixes(listed: Iterable) -> dict[str, str]:
    """The letter that each entry's year takes in a list of entries, given in the list's order:
    "a", "b", ... for the works that share the cited author (:func:`cited_author`) and the year
    (or both lack one), in that order; "" for a work that shares them with no other."""
    works = defaultdict(list)
    for entry in listed:
        works[cited_author(entry), entry.fields.get("year", "")].append(entry.key)
    return {key: _letter(n) if len(keys) > 1 else "" for keys in works.values() for n, key in enumerate(keys)}


def _letter(n: int) -> str:
    """a, b, ..., z, then aa, ab, ..."""
    return _letter(n // 26 - 1) + chr(ord("a") + n % 26) if n >= 26 else chr(ord("a") + n)


def cited_author(entry) -> str:
    """The author as the citation in the text names it ("Knights and Smith", "Reuters"; the title
    when there is neither author nor editor), rendered by the book's :class:`ReferenceStyle`."""
    template = CITING.person.author_or_editor_or_title(full=False)
    return template.format_data({"entry": entry, "style": CITING}).render(PLAIN_TEXT)


def year_template(suffix: str) -> Node:
    """The year with its letter ("2021a"), or "n.d." ("n.d.-a") when the entry has no year."""
    return first_of[optional[join[field("year"), suffix]], join(sep="-")["n.d.", suffix]]


@node
def listed_year(children, context):
    """The year of an entry in the list being formatted, with the letter that
    :meth:`Style.label_entries` found for it in that list."""
    if children:
        raise ValueError(children)
    suffix = context["style"].year_suffixes.get(context["entry"].key, "")
    return year_template(suffix).format_data(context)


@node
def cited_year(children, data):
    """The year of a cited entry, with the letter it has in the bibliography the citation points to."""
    if children:
        raise ValueError(children)
    info = data["reference_info"]
    listed = listed_entries(info) if isinstance(info, SphinxReferenceInfo) else []
    suffix = year_suffixes(listed).get(data["entry"].key, "")
    return year_template(suffix).format_data(data)


def listed_entries(info: SphinxReferenceInfo) -> list:
    """The entries, in order, of the bibliography (the ``bibliography`` directive) that holds the cited
    entry: sphinxcontrib-bibtex's domain keeps one citation per listed entry, in the list's order."""
    citations = info.builder.env.get_domain("cite").citations
    where = next(
        (
            citation.bibliography_key
            for citation in citations
            if citation.citation_id == info.citation_id and citation.bibliography_key.docname == info.todocname
        ),
        None,
    )
    return [citation.entry for citation in citations if where is not None and citation.bibliography_key == where]


# "(2021)", "(2021a)" or "(n.d.)", as the citations in the text give the year.
year_in_parentheses = join["(", listed_year, ")"]

# "9 July 2021" or "July 2021"; nothing when the entry has no month.
full_date = optional[join(sep=" ")[optional[field("day")], field("month"), field("year")]]


class Style(UnsrtStyle):
    """Author–date entries with titles as written (see the module's documentation)."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = NAME

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        #: The letters of the years in the list being formatted (see :func:`year_suffixes`).
        self.year_suffixes: dict[str, str] = {}
        # pybtex and sphinxcontrib-bibtex both sort the list, then ask format_labels for its labels,
        # then format each entry: the one place where a style sees the whole list, in order.
        self.format_labels = self.label_entries

    def label_entries(self, sorted_entries):
        """The labels of the sorted list (the label style's), after finding its years' letters."""
        sorted_entries = list(sorted_entries)
        self.year_suffixes = year_suffixes(sorted_entries)
        return self.label_style.format_labels(sorted_entries)

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def author_date_template(self, e, outlet):
        if e.persons.get("author"):
            head = [sentence(sep=" ")[creators, year_in_parentheses], sentence[field("title")]]
        else:
            head = [sentence(sep=" ")[field("title"), year_in_parentheses]]
        url = field("url", raw=True)
        return toplevel[
            [
                *head,
                sentence[optional[outlet], full_date],
                optional[sentence[href(url)[url]]],
                sentence[optional[field("note")]],
            ]
        ]

    def get_misc_template(self, e):
        return self.author_date_template(e, field("howpublished"))

    def get_online_template(self, e):
        return self.get_misc_template(e)

    def get_article_template(self, e):
        return self.author_date_template(e, field("journal"))


def _plain(latex: str) -> str:
    """A field or name part as plain text ("{Air \\& Space}" -> "Air & Space"), for sorting."""
    return Text.from_latex(latex).render(PLAIN_TEXT)


def _without_the(text: str) -> str:
    return LEADING_THE.sub("", text.strip())


class SortingStyle(BaseSortingStyle):
    """Sort by author, year, title (and key, so equal entries keep one order). Names compare
    case-insensitively, surname first; a corporate author (a name that is one braced group, such
    as ``{{The Times}}``) by its name without a leading "The"; an entry without author or editor
    by its title, also without a leading "The"."""

    def sorting_key(self, entry):
        persons = entry.persons.get("author") or entry.persons.get("editor")
        title = LEADING_PUNCTUATION.sub("", _without_the(_plain(entry.fields.get("title", "")))).casefold()
        if persons:
            names = "   ".join(self.person_key(person) for person in persons)
        else:
            names = title
        return (names, entry.fields.get("year", ""), title, entry.key)

    @staticmethod
    def person_key(person) -> str:
        last = " ".join(person.prelast_names + person.last_names)
        first = " ".join(person.first_names + person.middle_names)
        if not first and len(person.last_names) == 1 and person.last_names[0].startswith("{"):
            return _without_the(_plain(last)).casefold()
        return f"{_plain(last)}  {_plain(first)}  {_plain(' '.join(person.lineage_names))}".casefold()


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


def register() -> None:
    """Make ``briefbook`` known to pybtex as a formatting style and as a sorting style, and to
    sphinxcontrib-bibtex as a referencing style."""
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)
    register_plugin("pybtex.style.sorting", NAME, SortingStyle, force=True)
    register_referencing_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ReferenceStyle, force=True)


register()


def setup(app) -> dict:
    """Sphinx extension: importing this module has registered the styles; nothing else to do."""
    register()
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
