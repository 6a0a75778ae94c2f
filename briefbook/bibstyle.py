"""The book's bibliography style: author–date, titles as written, sorted by author, year, title.

The book cites author–year (``bibtex_reference_style: author_year``: "(Malik and Smith, 2021)"),
so the list puts the same two things first, in the manner of Chicago author-date::

    Malik, Hamdi, and Crispin Smith (2021). Are the Muqawama Signaling De-Escalation? Policy
    Analysis ..., 9 July 2021. https://.... Also published in Arabic; ...

- Titles are rendered exactly as the .bib gives them. pybtex's unsrt and plain styles
  sentence-case the titles of articles and miscellanea (``Text.capitalize``), which would turn
  "Iraq's Drone and Rocket Epidemic" into "Iraq's drone and rocket epidemic"; this style does not.
- The first author is inverted ("Malik, Hamdi"), the others are not; a corporate author, written
  in double braces in the .bib (``{{Press TV}}``), is shown as written.
- An entry without a year shows "n.d.", as the in-text citation does. The date after the outlet
  (``howpublished``, or ``journal`` for an article) is shown only when the entry has a month:
  "9 July 2021" with a ``day``, "July 2021" without one; the year alone is already in the head.
- An entry without an author is headed by its title.
- The URL follows, as a link; the note closes the entry.
- Entries are sorted by :class:`SortingStyle`: the authors' names (surname, then given names;
  a corporate author by its name, a leading "The" ignored; an entry without author by its title),
  then the year, then the title, then the key, so the order never depends on the .bib's order.
- Labels are pybtex's numbers in that order. The anchors do not depend on them: the book sets
  ``bibtex_cite_id: "cite-{key}"``.

Other entry types keep the layout of pybtex's unsrt style, with titles as written.

The style is registered with pybtex as ``briefbook`` (formatting) and ``briefbook`` (sorting)
when this module is imported; Sphinx imports it as an extension (``briefbook.bibstyle`` in
``_config.yml``, ``sphinx: extra_extensions``), and ``bibtex_default_style: briefbook`` selects it.
"""

from __future__ import annotations

import re

from pybtex.plugin import find_plugin, register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, field, first_of, href, join, node, optional, sentence

NAME = "briefbook"
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
LEADING_PUNCTUATION = re.compile(r"^\W+")


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


# "(2021)" or "(n.d.)", as sphinxcontrib-bibtex's author_year citations give the year.
year_in_parentheses = join["(", first_of[optional[field("year")], "n.d."], ")"]

# "9 July 2021" or "July 2021"; nothing when the entry has no month.
full_date = optional[join(sep=" ")[optional[field("day")], field("month"), field("year")]]


class Style(UnsrtStyle):
    """Author–date entries with titles as written (see the module's documentation)."""

    default_name_style = "plain"
    default_label_style = "number"
    default_sorting_style = NAME

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
    return Text.from_latex(latex).render_as("text")


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


def register() -> None:
    """Make ``briefbook`` known to pybtex as a formatting style and as a sorting style."""
    register_plugin("pybtex.style.formatting", NAME, Style, force=True)
    register_plugin("pybtex.style.sorting", NAME, SortingStyle, force=True)


register()


def setup(app) -> dict:
    """Sphinx extension: importing this module has registered the style; nothing else to do."""
    register()
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
