"""The translators' catalogs validated like the data (briefbook.i18n.catalogs), and the data's
invisible and out-of-range cells (briefbook.validate): each problem one line naming file and line (and
for the data, row and column), before the build writes anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, edit_cell, line_of, run_build

from briefbook.i18n.catalogs import catalog_problems
from briefbook.validate import validate

pytestmark = pytest.mark.unit

ABOUT = "locales/ar/LC_MESSAGES/chapters/about.po"
OVERVIEW = "locales/ar/LC_MESSAGES/chapters/overview.po"
PACKAGE = "locales/ar/LC_MESSAGES/briefbook.po"
THEMES = "locales/ar/LC_MESSAGES/sphinx.po"


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return tmp_path


def edit(root: Path, name: str, old: str, new: str) -> int:
    """Replace the first ``old`` in the catalog ``name``; the line it is on."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def only(root: Path) -> list[str]:
    return [str(p) for p in catalog_problems(root)]


def test_the_book_s_own_catalogs_are_valid():
    assert only(ROOT) == []


def test_an_unterminated_msgstr_is_refused_naming_file_and_line(locales):
    line = edit(locales, ABOUT, 'msgstr "عن هذه الطبعة"', 'msgstr "عن هذه الطبعة')
    (problem,) = only(locales)
    assert problem.startswith(f"{ABOUT}:{line}: ") and "PO syntax" in problem


@pytest.mark.parametrize(
    "payload, said",
    [
        ('<script>alert(\\"PO-inline\\")</script>', "raw HTML"),
        ('<span onmouseover=\\"alert(1)\\">x</span>', "raw HTML"),
        ("<img src=x onerror=alert(1)>", "raw HTML"),
        ("&lt;b&gt;", "raw HTML"),
        ("\\n```{raw} html\\n<b>x</b>\\n```\\n", "directive"),
        ("\\n```{eval-rst}\\n.. raw:: html\\n```\\n", "directive"),
        ("\u202eRLO-IN-PO\u202c", "U+202E"),
        ("\u200f", "U+200F"),
        ("\u061c", "U+061C"),
        ("\x1b[31m", "U+001B"),
    ],
)
def test_a_hostile_page_translation_is_refused(locales, payload, said):
    text = (locales / OVERVIEW).read_text(encoding="utf-8")
    start = text.index('msgstr "', text.index("msgid", text.index("msgid") + 5))  # the first real message
    line = text[:start].count("\n") + 1
    (locales / OVERVIEW).write_text(text[: start + 8] + payload + text[start + 8 :], encoding="utf-8")
    found = only(locales)
    assert found and all(p.startswith(f"{OVERVIEW}:") for p in found), found
    assert any(said in p for p in found), found
    assert any(line - 10 < int(p.split(":")[1]) <= line for p in found), (line, found)  # the message's msgid


def test_a_page_translation_that_drops_a_reference_is_refused(locales):
    text = (locales / OVERVIEW).read_text(encoding="utf-8")
    start = text.index("{cite:p}`malik2021muqawama`", text.index('msgstr "', text.index("msgid", 10)))
    (locales / OVERVIEW).write_text(text[:start] + text[start + len("{cite:p}`malik2021muqawama`") :], encoding="utf-8")
    found = only(locales)
    assert len(found) == 1 and "roles and targets" in found[0] and "cite:p" in found[0], found


def test_the_themes_words_hold_no_markup(locales):
    line = edit(locales, THEMES, 'msgstr "إعلان"', 'msgstr "<img src=x onerror=alert(1)>"')
    (problem,) = only(locales)
    assert problem.startswith(f"{THEMES}:{line - 1}: msgstr: ") and "<, > or &" in problem


def test_a_misspelt_placeholder_in_the_package_s_words_is_refused(locales):
    text = (locales / PACKAGE).read_text(encoding="utf-8")
    line = edit(locales, PACKAGE, 'msgstr "تُعرض {shown} من أصل {total}', 'msgstr "تُعرض {shown} من أصل {totla}')
    (problem,) = only(locales)
    assert problem.startswith(f"{PACKAGE}:{line - 1}: msgstr: ") and "totla" in problem, problem
    assert "{total}" in text
    edit(locales, PACKAGE, 'msgstr "تُعرض {shown} من أصل {totla}', 'msgstr "تُعرض {shown من أصل {total}')
    (problem,) = only(locales)
    assert "malformed placeholder" in problem


def test_a_hostile_catalog_stops_the_build_before_it_writes_anything(tmp_path):
    project = copy_project(tmp_path / "book")
    line = edit(project, ABOUT, 'msgstr "عن هذه الطبعة"', 'msgstr "عن هذه الطبعة')
    result = run_build(project)
    assert result.returncode != 0
    assert f"{ABOUT}:{line}: " in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "_build" / "html").exists()


# The data (hostile review D8, D9): every Bidi_Control, control characters, bounds.


@pytest.mark.parametrize("char", ["\u200e", "\u200f", "\u061c", "\u202e", "\u2066"])
def test_every_bidirectional_control_in_the_data_is_refused(data_copy, char):
    edit_cell(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes", "description", "Strikes " + char + "fell.")
    found = [str(p) for p in validate(data_copy)]
    line = line_of(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes")
    assert any(f"events.csv:{line}: description: " in p and f"U+{ord(char):04X}" in p for p in found), found


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x0b", "\x08", "\x7f", "\x0c", "\x85"])
def test_a_control_character_in_the_data_is_refused(data_copy, char):
    edit_cell(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes", "description", "Strikes " + char + "fell.")
    found = [str(p) for p in validate(data_copy)]
    line = line_of(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes")
    assert any(f"events.csv:{line}: description: " in p and "control character" in p for p in found), found


def test_a_cell_too_long_to_build_is_refused(data_copy):
    edit_cell(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes", "description", "word " * 40000)
    found = [str(p) for p in validate(data_copy)]
    line = line_of(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes")
    assert any(f"events.csv:{line}: description: " in p and "200,000 characters" in p for p in found)


@pytest.mark.parametrize("column, value", [("day_order", "99999999999999999999999"), ("projectiles", "10" + "0" * 30)])
def test_a_whole_number_beyond_range_is_refused(data_copy, column, value):
    edit_cell(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes", column, value)
    found = [str(p) for p in validate(data_copy)]
    line = line_of(data_copy / "events.csv", "ev-2021-06-28-us-airstrikes")
    assert any(f"events.csv:{line}: {column}: " in p and "beyond the range" in p for p in found), found


def test_a_fuzzy_translation_is_checked_only_for_what_it_holds():
    """A fuzzy msgstr was made for an older English and is not published: it may lack the new
    English's references, but it may not hold markup or invisible controls."""
    from briefbook.i18n.catalogs import message_problems

    english = "The first {cite:p}`malik2021muqawama`."
    assert message_problems(english, "الأول.", "chapters/overview", fuzzy=True) == []
    assert message_problems(english, "الأول.", "chapters/overview") != []
    assert message_problems(english, "الأول <script>x</script>", "chapters/overview", fuzzy=True) != []
    assert message_problems(english, "الأول \u202e", "chapters/overview", fuzzy=True) != []


def test_a_placeholder_may_be_named_more_or_fewer_times_than_in_the_english():
    from briefbook.i18n.catalogs import message_problems

    english = "1 event over {days} days: 1/{days} on each day from {first} to {last}"
    assert message_problems(english, "حدث على أيام النافذة من {first} إلى {last}، 1/{days} كل يوم", "briefbook") == []
    assert message_problems(english, "حدث من {first} إلى {last}", "briefbook") != []
