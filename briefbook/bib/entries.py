"""The bibliography list: author–date entries with titles as written, sorted by author, year and title."""

from __future__ import annotations

from pathlib import Path

from pybtex.plugin import find_plugin
from pybtex.richtext import String
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, field, href, join, node, optional, sentence

from ..i18n.data import translations
from .text import LEADING_PUNCTUATION, NAME, _plain, _without_the
from .years import listed_year, year_suffixes


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


@node
def own_words(children, context, name):
    """The entry's field ``name`` (its note, or a title in square brackets: this edition's own words,
    not what the outlet published) in the language of the edition being formatted, where its
    translation table has a current translation (:attr:`Style.own_words`); the field as the .bib
    gives it otherwise. The translation is plain text: the writers escape it, as any text."""
    if children:
        raise ValueError(children)
    translated = context["style"].own_words.get((context["entry"].key, name))
    return String(translated) if translated else field(name).format_data(context)


# "(2021)", "(2021a)" or "(n.d.)", as the citations in the text give the year.
year_in_parentheses = join["(", listed_year, ")"]


# "9 July 2021" or "July 2021"; nothing when the entry has no month.
full_date = optional[join(sep=" ")[optional[field("day")], field("month"), field("year")]]


class Style(UnsrtStyle):
    """Author–date entries with titles as written (see the module's documentation)."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = NAME
    #: The edition the list is formatted for, and the project whose translations it reads: the
    #: English's style is this one; :func:`edition_style` makes a translated edition's.
    language: str = "en"
    root: Path | None = None

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        #: This edition's words in the bibliography in the edition's language, by (key, field):
        #: the current rows of its translation table (:func:`briefbook.i18n.references.translations`).
        self.own_words: dict[tuple[str, str], str] = (
            translations(self.root, self.language) if self.root is not None else {}
        )
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
            head = [sentence(sep=" ")[creators, year_in_parentheses], sentence[own_words("title")]]
        else:
            head = [sentence(sep=" ")[own_words("title"), year_in_parentheses]]
        url = field("url", raw=True)
        return toplevel[
            [
                *head,
                sentence[optional[outlet], full_date],
                optional[sentence[href(url)[url]]],
                sentence[optional[own_words("note")]],
            ]
        ]

    def get_misc_template(self, e):
        return self.author_date_template(e, field("howpublished"))

    def get_online_template(self, e):
        return self.get_misc_template(e)

    def get_article_template(self, e):
        return self.author_date_template(e, field("journal"))


def edition_style(language: str, root: Path) -> type[Style]:
    """The list's style for the edition in ``language`` of the project at ``root``: :class:`Style`,
    with this edition's words (notes, bracketed titles) in ``language`` where translated."""
    return type(f"Style_{language}", (Style,), {"language": language, "root": Path(root), "__doc__": Style.__doc__})


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
