"""Cite lines (pending until their page is written, when number, builder and address are known), the citation
files (:mod:`briefbook.cite`), and the How to cite and About pages' directives."""

import posixpath
import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .. import cite, i18n
from .nodes import cite_where, edition_about, edition_words
from .project import is_site
from .util import DataDirective, EditionDirective, _, fill, para

CHAPTER_LABEL = "ch-"  # a chapter's label, above its heading: its citable anchor once numbered
CITE_STYLE = "chicago-author-date"  # the cite lines' style, as the book's own citations


class cite_pending(nodes.General, nodes.Element):
    """A cite line until its page is written (:class:`ResolveCiteLines`); without an anchor, the book's forms."""


def cite_line(env, anchor: str, page: str, title: str, numbered: str = "") -> cite_pending:
    """A cite line for ``page``'s ``anchor``; a ``numbered`` part ("figure", "chapter") gets its number later."""
    env.get_domain("briefbook").cites[anchor] = dict(page=page, title=title, numbered=numbered, docname=env.docname)
    return cite_pending(anchor=anchor, docname=env.docname)


def cite_title(data, table: str, row, label: str) -> str:
    """A row's title in its cite line: its table's ``x-cite-title`` (words of the schema, translated like them)."""
    said = data.schema.resources[table].get("x-cite-title")
    return said.format_map({**row, "label": label}) if said else label


def part_of(env, anchor: str) -> cite.Part | None:
    """The part cited at ``anchor``, its title complete (a figure's with its number); a chapter only numbered."""
    found = env.get_domain("briefbook").cites[anchor]
    title, kind, page, number = found["title"], found.get("numbered", ""), found["page"], None
    if kind == "figure":
        number = env.toc_fignumbers.get(page, {}).get("figure", {}).get(anchor)
        label = _("Figure {number}: {title}") if number else _("Figure: {title}")
    elif kind == "chapter" and not (number := env.toc_secnumbers.get(page, {}).get("")):
        return None  # a page outside the toctree's numbered parts (back matter)
    label = _("Chapter {number}: {title}") if kind == "chapter" else label if kind else "{title}"
    return cite.Part(anchor, page, label.format(number=".".join(map(str, number or ())), title=title))


def form_nodes(item: dict, style: str, kept: str = "", where: nodes.Node | None = None) -> list[nodes.Node]:
    """A form as nodes: italics, addresses as links (or copies of ``where``), ``kept`` as written, the rest words."""
    plain = item.get("language", i18n.SOURCE) != i18n.SOURCE
    # A translated form's title stays within its text: print measures a table cell's words text node by text node.
    split, out = cite.item_addresses(item, "" if plain else kept), []
    words = nodes.Text if plain else lambda text: edition_words("", text)
    for text, italic in cite.segments(item, style):
        for i, piece in enumerate([text] if italic else split.split(text)):  # the matches at odd places
            if italic:
                out.append(nodes.emphasis("", piece))
            elif piece and i % 2:  # an address, but the one ``kept`` as it is
                address = where.deepcopy() if where else nodes.reference(piece, piece, refuri=piece)
                out.append(nodes.Text(piece) if piece == kept else address)
            elif piece:
                out.append(words(piece))
    return out


def file_links(stem: str, docname: str, what: str) -> nodes.inline:
    """Links to the citation files of ``stem``, relative to ``docname``, each named for whose citation it is."""
    links = nodes.inline("", classes=["cite-files"])
    for i, (ext, (label, _write)) in enumerate(cite.FORMATS.items()):
        href = escape(posixpath.relpath(f"{cite.FOLDER}/{stem}.{ext}", posixpath.dirname(docname) or "."))
        name = escape(_("{format} citation of {what}").format(format=label, what=what))
        link = f'<a class="reference external" href="{href}" aria-label="{name}">{label}</a>'
        links += nodes.raw("", (" · " if i else "") + link, format="html")
    return links


def chapter_cite_line(app, doctree) -> None:
    """``doctree-read``: a chapter ends with its cite line, at its label (``(ch-…)=``), kept if it is numbered."""
    anchor = next((i for i in doctree.ids if i.startswith(CHAPTER_LABEL)), None)
    if anchor and (heading := next(doctree.findall(nodes.title), None)):
        where = [doctree, *doctree.findall(nodes.section)][-1]  # the last section has no subsection
        where += cite_line(app.env, anchor, app.env.docname, heading.astext(), numbered="chapter")


class ResolveCiteLines(SphinxPostTransform):
    default_priority = 100

    def run(self, **kwargs) -> None:
        facts = self.env.config.briefbook_facts
        book, base = cite.book_item(facts), facts.base_url()
        for node in list(self.document.findall(cite_pending)):
            part = part_of(self.env, node["anchor"]) if "anchor" in node else None
            if part is None:  # the book's forms, or a chapter without a number: no cite line
                node.replace_self([] if "anchor" in node else book_forms(book, node["docname"], is_site(self.app)))
                continue
            url = part.url(base)  # its one address, relative without the book's: in print, the page follows
            shown = nodes.reference(url, url, refuri=url) if base else nodes.Text(url)
            where = cite_where("", "", shown, page_label=_("p."), url=base and url, **node.non_default_attributes())
            form = form_nodes(cite.part_item(book, part, url), CITE_STYLE, part.title, where)
            line = labelled(_("Cite:") + " ", *form, classes=["cite-line"])
            if is_site(self.app):  # the site holds the citation files
                line += [nodes.Text(" "), file_links(part.anchor, node["docname"], part.title)]
            node.replace_self(line)


def labelled(label: str, *children: nodes.Node, classes=()) -> nodes.paragraph:
    """A paragraph that opens with its label in bold, its words as written (no smart quotes)."""
    return nodes.paragraph("", "", nodes.strong("", label), *children, classes=list(classes), support_smartquotes=False)


def book_forms(book: dict, docname: str, html: bool) -> list[nodes.Node]:
    out = [labelled(f"{k}. ", *form_nodes(book, s), classes=[f"citation-{k.lower()}"]) for s, k in cite.STYLES.items()]
    bib = cite.bibtex(book).strip()
    out += [labelled(_("BibTeX.")), nodes.literal_block(bib, bib, language="bibtex", classes=["citation-bibtex"])]
    if html:  # the site holds the citation files
        links = file_links(cite.BOOK_FILE, docname, _("this edition"))
        out.append(labelled(_("Citation files.") + " ", links, nodes.Text("."), classes=["citation-files"]))
    return out


def write_files(app, exception) -> None:
    """``build-finished`` (HTML): the citation files under ``cite/``, none left from an earlier build."""
    if exception is None and is_site(app):
        shutil.rmtree(Path(app.outdir, cite.FOLDER), ignore_errors=True)
        Path(app.outdir, cite.FOLDER).mkdir()
        parts = [p for anchor in sorted(app.env.get_domain("briefbook").cites) if (p := part_of(app.env, anchor))]
        for name, text in cite.files(app.config.briefbook_facts, parts).items():
            Path(app.outdir, name).write_text(text, encoding="utf-8")


class EditionCitationDirective(EditionDirective):
    def made(self):
        return [cite_pending(docname=self.env.docname)]


class EditionAboutDirective(DataDirective):
    """The About page's account of the edition (filled by :mod:`.transforms`), read again when a data file changes."""

    def made(self):
        self.note_data_files()  # (the data themselves are read when the page is written)
        return [edition_about()]


class EditionLicenceDirective(EditionDirective):
    """The edition's licences, their addresses linked (the How to cite page)."""

    def made(self):
        facts = self.config.briefbook_facts
        if not facts.rights:
            raise self.error("no licences to state: set briefbook_licences (edition, code) in _config.yml")
        said = facts.sentences(_)
        grant = [nodes.reference(p, p, refuri=p) if lic else nodes.Text(p) for p, lic in facts.pieces(said["grant"])]
        covers = nodes.bullet_list()
        for lic in facts.rights:
            covered = fill(_("{licence} covers {parts}."), licence=nodes.strong("", lic.short), parts=_(lic.parts))
            covers += nodes.list_item("", para(*covered))
        more = f"{said['others']} {said['reuse']} {said['texts']}"
        return [para(*grant), covers, para(nodes.Text(said["exception"])), para(nodes.Text(more))]
