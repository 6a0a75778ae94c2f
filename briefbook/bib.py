"""Chicago author-date as pybtex and sphinxcontrib-bibtex plugins ``briefbook``: "(Knights and Smith 2021; Reuters
2021a)"; entries by author, year, title, a year's works lettered; a translated edition's in its own words."""

import re
from collections import defaultdict
from pathlib import Path

from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import find_plugin, register_plugin
from pybtex.richtext import String, Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.sorting import author_year_title
from pybtex.style.template import field, first_of, href, join, node, optional, sentence
from sphinx import addnodes
from sphinxcontrib.bibtex.plugin import register_plugin as register_referencing_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, author_year
from sphinxcontrib.bibtex.style.template import year

from .i18n.data import translations
from .languages import SOURCE

NAME = "briefbook"
PLAIN = find_plugin("pybtex.backends", "text")()


def plain(latex: str) -> str:
    """A field or name part as plain text, without a leading "The" ("{The Times}" -> "Times")."""
    return re.sub(r"^the\s+", "", Text.from_latex(latex).render(PLAIN).strip(), flags=re.IGNORECASE)


def year_suffixes(listed) -> dict[str, str]:
    """Each entry's letter in a list in order: "a", "b"... for works sharing cited author and year, else ""."""
    works, style = defaultdict(list), ReferenceStyle()
    cited = style.person.author_or_editor_or_title(full=False)  # as a citation names it: "Knights and Smith"
    for entry in listed:
        author = cited.format_data({"entry": entry, "style": style}).render(PLAIN)
        works[author, entry.fields.get("year", "")].append(entry.key)
    return {key: chr(ord("a") + n) if len(keys) > 1 else "" for keys in works.values() for n, key in enumerate(keys)}


def lettered(entry: Entry, letter: str) -> Entry:
    """A copy of ``entry``, its year lettered ("2021a", "n.d.-a") as cited and listed; ``published``: its date's."""
    year = entry.fields.get("year")
    more = {"year": f"{year}{letter}", "published": year} if year else {"year": f"n.d.-{letter}"}
    copy = Entry(entry.type, {**entry.fields, **more}, entry.persons)
    copy.key = entry.key
    return copy


class ReferenceStyle(author_year.AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author_year (its __init__ runs our __post_init__), Chicago's round brackets."""

    def __post_init__(self):
        self.bracket_textual = BracketStyle("(", ")", ", ", " and ", ", and ")
        self.bracket_parenthetical = BracketStyle("(", ")", "; ")
        self.bracket_author = self.bracket_label = self.bracket_year = BracketStyle("(", ")")
        self.author_year_sep = " "
        super().__post_init__()


def citation(keys: list[str], docname: str) -> addnodes.pending_xref:
    """``{cite:p}`` of ``keys`` for text made outside a parse: the node the role makes."""
    target = ",".join(keys)
    xref = {"refdomain": "cite", "reftype": "p", "reftarget": target, "refdoc": docname, "refwarn": True}
    return addnodes.pending_xref(target, nodes.inline(target, target), refexplicit=False, **xref)


@node
def creators(children, context):
    """ "Malik, Hamdi, and Crispin Smith": the first author inverted, the others not."""
    (first, *others), style = context["entry"].persons["author"], context["style"]
    parts = [find_plugin("pybtex.style.names", "lastfirst")().format(first, style.abbreviate_names)]
    parts += [style.format_name(person, style.abbreviate_names) for person in others]
    return join(sep=", ", sep2=", and ", last_sep=", and ")[parts].format_data(context)


@node
def own_words(children, context, name):
    """The field ``name`` (the edition's own words) in the edition's language where translated."""
    translated = context["style"].own_words.get((context["entry"].key, name))
    return String(translated) if translated else field(name).format_data(context)


class Style(UnsrtStyle):
    default_sorting_style = NAME  # and pybtex's default name style, "plain"
    own_words: dict[tuple[str, str], str] = {}  # by (key, field): a translated edition's (use_edition_style)

    def format_title(self, e, which_field, as_sentence=True):
        return sentence[field(which_field)] if as_sentence else field(which_field)

    def get_misc_template(self, e):
        """Author-date; the outlet a journal, else how the entry was published."""
        heading = join["(", year, ")"]
        head = [sentence(sep=" ")[own_words("title"), heading]]
        if e.persons.get("author"):
            head = [sentence(sep=" ")[creators, heading], sentence[own_words("title")]]
        published = first_of[optional[field("published")], field("year")]
        date = optional[join(sep=" ")[optional[field("day")], field("month"), published]]
        url, outlet = field("url", raw=True), first_of[optional[field("journal")], optional[field("howpublished")]]
        link, note = optional[sentence[href(url)[url]]], sentence[optional[own_words("note")]]
        return toplevel[[*head, sentence[outlet, date], link, note]]

    get_article_template = get_online_template = get_misc_template


class SortingStyle(author_year_title.SortingStyle):
    """By author or editor (names as text; a corporate author without "The"), else title; year, title, key."""

    def sort(self, entries):
        """Sorted, a year's works lettered (:func:`lettered`)."""
        letters = year_suffixes(entries := super().sort(entries))
        return [lettered(entry, letters[entry.key]) if letters[entry.key] else entry for entry in entries]

    def sorting_key(self, entry):
        title = re.sub(r"^\W+", "", plain(entry.fields.get("title", ""))).casefold()
        return (self.author_editor_key(entry) or title, entry.fields.get("year", ""), title, entry.key)

    def person_key(self, person) -> str:
        return plain(super().person_key(person)).casefold()


register_plugin("pybtex.style.formatting", NAME, Style, force=True)
register_plugin("pybtex.style.sorting", NAME, SortingStyle, force=True)
register_referencing_plugin("sphinxcontrib.bibtex.style.referencing", NAME, ReferenceStyle, force=True)
# pybtex looks each plugin up anew among every installed package's entry points (some 40 ms each, over a
# hundred times in a one-page rebuild): the ones formatting finds by name, registered once.
for _name in ("lastfirst", "last", "plain"):
    register_plugin("pybtex.style.names", _name, find_plugin("pybtex.style.names", _name), force=True)
register_plugin("pybtex.backends", "plaintext", find_plugin("pybtex.backends", "plaintext"), force=True)


def use_edition_style(app, config) -> None:
    """``config-inited``: a translated edition's list: :class:`Style` with the data's translation table."""
    language = config.language or SOURCE
    if language != SOURCE and config.bibtex_default_style == NAME:
        root = Path(getattr(config, "briefbook_root", "") or app.srcdir)
        style = type(f"Style_{language}", (Style,), {"own_words": translations(root, language)})
        register_plugin("pybtex.style.formatting", f"{NAME}-{language}", style, force=True)
        config.bibtex_default_style = f"{NAME}-{language}"


def setup(app) -> dict:
    app.connect("config-inited", use_edition_style)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
