"""The languages' core: dates in each edition's form, the package's catalog, the kernel's language."""

import pandas as pd
import pytest

from briefbook import i18n

pytestmark = pytest.mark.unit

DAY = pd.Timestamp("2021-06-29")


def test_dates_in_each_edition():
    assert i18n.long_date(DAY, "en") == "29 June 2021"
    assert i18n.long_date(DAY, "ar") == "29 حزيران/يونيو 2021"
    assert i18n.day_month(DAY, "ar") == "29 حزيران"
    assert i18n.day_month(DAY, "en") == "29 June"
    assert i18n.month(pd.Timestamp("2021-07-08"), "ar") == "تموز/يوليو"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        i18n.long_date(DAY, "fr")


def test_catalog_gives_finished_translations_only(tmp_path):
    po = i18n.catalog_file(tmp_path, "ar")
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Speaker"\nmsgstr "المتحدث"\n\n'
        '#, fuzzy\nmsgid "Signal"\nmsgstr "إشارة"\n\n'
        'msgid "Date"\nmsgstr ""\n',
        encoding="utf-8",
    )
    assert i18n.gettext("Speaker", "ar", tmp_path) == "المتحدث"
    assert i18n.gettext("Signal", "ar", tmp_path) == "Signal"  # fuzzy: not used
    assert i18n.gettext("Date", "ar", tmp_path) == "Date"
    assert i18n.gettext("Speaker", "en", tmp_path) == "Speaker"


def test_kernel_language(monkeypatch):
    monkeypatch.setattr(i18n, "_current", [])
    assert i18n.current() == "en"
    i18n.use("ar")
    assert i18n.current() == "ar"


def test_the_package_s_messages_are_its_literals_only(tmp_path):
    """A call that translates a value (a name, an abstract) never gives the catalog the keys of the
    subscripts it reads ("name", "authors") or a bare separator as messages."""
    from babel.messages.pofile import read_po

    from briefbook.i18n.catalogs import extract_package

    pot = tmp_path / "briefbook.pot"
    extract_package(pot)
    with pot.open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    assert "p." in ids and "Study edition of {authors}, {title} ({publisher}, {date})" in ids
    assert not ids & {"name", "authors", "publisher", "title", " "}, ids & {
        "name",
        "authors",
        "publisher",
        "title",
        " ",
    }


def test_updating_the_catalogs_keeps_the_themes_words(tmp_path):
    """sphinx.po holds the words the themes' own catalogs lack, kept by hand: the gettext builder's
    sphinx.pot (the project's templates only) never retires them."""
    import shutil
    from pathlib import Path

    from briefbook.i18n.catalogs import update

    root = Path(__file__).resolve().parents[1]
    locales = shutil.copytree(root / "locales", tmp_path / "locales")
    pots = tmp_path / "pots"
    pots.mkdir()
    (pots / "sphinx.pot").write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Main"\nmsgstr ""\n',
                                     encoding="utf-8")  # fmt: skip
    before = (locales / "ar" / "LC_MESSAGES" / "sphinx.po").read_bytes()
    update(locales, pots)
    assert (locales / "ar" / "LC_MESSAGES" / "sphinx.po").read_bytes() == before


@pytest.mark.unit
def test_updating_the_catalogs_names_only_the_changed_ones(tmp_path):
    from briefbook.i18n.catalogs import update

    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "One"\nmsgstr ""\n'
    locales, pots = tmp_path / "locales", tmp_path / "pots"
    pots.mkdir()
    for name in ("a", "b", "c"):
        (pots / f"{name}.pot").write_text(head, encoding="utf-8")
    update(locales, pots)
    (pots / "b.pot").write_text(head + '\nmsgid "Two"\nmsgstr ""\n', encoding="utf-8")
    said = update(locales, pots)
    assert said == "Update: ar/LC_MESSAGES/b.po +1, -0; 2 catalogs not changed"  # no "Not Changed: /abs/path"
