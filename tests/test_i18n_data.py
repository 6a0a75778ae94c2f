"""The data's words in Arabic (data/arabic.csv): validated like every table, applied by
localise(), counted by coverage(), and required complete and current by a release."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import ROOT, copy_project, edit_cell, line_of, set_address

from briefbook.data import load
from briefbook.i18n.data import clipped, coverage, localise
from briefbook.package import read_package
from briefbook.validate import validate

pytestmark = pytest.mark.unit

HEADER = ["table", "id", "field", "english", "arabic"]


def read_rows(data_dir: Path) -> list[dict]:
    with (data_dir / "arabic.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(data_dir: Path, rows: list[dict]) -> None:
    with (data_dir / "arabic.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def append(data_dir: Path, *cells: str) -> int:
    """Add one row; its line in the file."""
    rows = read_rows(data_dir)
    rows.append(dict(zip(HEADER, cells, strict=True)))
    write_rows(data_dir, rows)
    return len(rows) + 1


def row_line(data_dir: Path, table: str, row_id: str, field: str) -> int:
    for number, row in enumerate(read_rows(data_dir), start=2):
        if (row["table"], row["id"], row["field"]) == (table, row_id, field):
            return number
    raise AssertionError(f"no row {table},{row_id},{field}")


def edit_row(data_dir: Path, key: tuple[str, str, str], column: str, value: str) -> None:
    rows = read_rows(data_dir)
    for row in rows:
        if (row["table"], row["id"], row["field"]) == key:
            row[column] = value
    write_rows(data_dir, rows)


def drop_row(data_dir: Path, key: tuple[str, str, str]) -> None:
    write_rows(data_dir, [r for r in read_rows(data_dir) if (r["table"], r["id"], r["field"]) != key])


def messages(data_dir: Path, release: bool = False) -> list[str]:
    return [str(p) for p in validate(data_dir, release=release)]


def expect(data_dir: Path, line: int, column: str, fragment: str, release: bool = False) -> None:
    prefix = f"{(data_dir / 'arabic.csv').as_posix()}:{line}: {column}: "
    found = messages(data_dir, release)
    assert any(m.startswith(prefix) and fragment in m for m in found), f"expected {prefix}…{fragment}…, got {found}"


# One bad row each: its cells, the column named, and what the message must say.
BAD_ROWS = [
    (("places", "ev-2021-07-06-erbil-drone", "place", "x", "س"), "table", "'places' is not one of"),
    (("events", "ev-2021-07-06-erbil-drone", "colour", "x", "س"), "field", "'colour' is not a field of events"),
    (("events", "ev-2021-07-06-erbil-drone", "source_keys", "x", "س"), "field", "not marked x-translate"),
    (("translations", "tr-newsday-askari-embassy", "text", "x", "س"), "field", "not marked x-translate"),
    (("codes", "quotations.signal.calm", "label", "Calm", "هادئة"), "id", "is not in the schema"),
    (("codes", "quotations.signal.mixed", "colour", "x", "س"), "field", "is not one of: label, definition"),
    (("schema", "events.colour", "description", "x", "س"), "id", "is not in the schema"),
    (("schema", "events.place", "label", "x", "س"), "field", "is not one of: title, description"),
]  # fmt: skip


@pytest.mark.parametrize("cells,column,fragment", BAD_ROWS, ids=[f"{b[0][0]}.{b[0][2]}.{b[1]}" for b in BAD_ROWS])
def test_a_bad_row_is_named_by_file_row_and_column(data_copy, cells, column, fragment):
    line = append(data_copy, *cells)
    expect(data_copy, line, column, fragment)


def test_a_row_for_a_removed_id_is_obsolete_refused_only_by_a_release(data_copy):
    """As gettext keeps a removed message as obsolete: removing an event does not break the build."""
    line = append(data_copy, "events", "ev-2099-01-01-nowhere", "place", "x", "س")
    assert messages(data_copy) == []
    found = messages(data_copy, release=True)
    assert any(f"arabic.csv:{line}: id: obsolete: 'ev-2099-01-01-nowhere' is no longer an id in events" in m
               for m in found), found  # fmt: skip


@pytest.mark.parametrize("empty", ["", "  "])
def test_a_row_not_yet_translated_is_a_stub_missing_until_written_and_refused_by_a_release(data_copy, empty):
    """As gettext's empty msgstr: the book builds (the English stays), the piece counts as missing."""
    key = ("events", "ev-2021-07-06-erbil-drone", "casualties")
    edit_row(data_copy, key, "arabic", empty)
    assert messages(data_copy) == []
    report = coverage(read_package(data_copy))
    assert report.missing == [key] and not report.complete
    line = row_line(data_copy, *key)
    assert report.details() == [f"{report.file}:{line}: missing: {','.join(key)}: {clipped(report.english[key])}"]
    expect(data_copy, line, "arabic", "not translated yet", release=True)


def test_two_rows_for_one_cell_are_refused(data_copy):
    key = ("actors", "khazali", "name")
    first = row_line(data_copy, *key)
    line = append(data_copy, *key, "Qais al-Khazali", "قيس الخزعلي")
    expect(data_copy, line, "table,id,field", f"is a duplicate of the row on line {first}")  # the primary key


def test_stale_and_missing_translations_are_errors_only_in_release_mode(data_copy):
    edit_cell(data_copy / "events.csv", "ev-2021-07-06-erbil-drone", "casualties", "One guard injured.")
    drop_row(data_copy, ("actors", "iran", "description"))
    assert messages(data_copy) == []
    report = coverage(read_package(data_copy))
    assert report.stale == [("events", "ev-2021-07-06-erbil-drone", "casualties")]
    assert report.missing == [("actors", "iran", "description")]
    assert not report.complete and "1 missing, 1 need review" in report.summary()
    stale = row_line(data_copy, "events", "ev-2021-07-06-erbil-drone", "casualties")
    iran = clipped(report.english[("actors", "iran", "description")])
    assert report.details() == [f"missing: actors,iran,description: {iran}",  # no row: no line to give
                                f"{report.file}:{stale}: needs review: events,ev-2021-07-06-erbil-drone,casualties"]  # fmt: skip
    stale_line = row_line(data_copy, "events", "ev-2021-07-06-erbil-drone", "casualties")
    expect(data_copy, stale_line, "english", "needs review", release=True)
    actors = (data_copy / "actors.csv").as_posix()
    iran = line_of(data_copy / "actors.csv", "iran")
    assert f"{actors}:{iran}: description: has no translation in" in "\n".join(messages(data_copy, release=True))


def test_a_missing_code_label_is_reported_in_release_mode(data_copy):
    drop_row(data_copy, ("codes", "quotations.signal.mixed", "label"))
    assert coverage(read_package(data_copy)).missing == [("codes", "quotations.signal.mixed", "label")]
    found = messages(data_copy, release=True)
    assert any("datapackage.json" in m and "quotations.signal.mixed label has no translation" in m for m in found)


def test_a_release_refuses_an_incomplete_translation_and_changes_nothing(tmp_path):
    from briefbook.release import release

    project = set_address(copy_project(tmp_path / "book"))
    drop_row(project / "data", ("actors", "iran", "description"))
    version, changelog = (project / "VERSION").read_text(), (project / "CHANGELOG.md").read_text()
    assert release(project, "9.9.9") == 1
    assert (project / "VERSION").read_text() == version
    assert (project / "CHANGELOG.md").read_text() == changelog


def test_original_text_needs_its_language_and_sourced_keys(data_copy):
    path, qid = data_copy / "quotations.csv", "askari-2021-07-08-restraint"
    line = line_of(path, qid)
    prefix = f"{path.as_posix()}:{line}: "
    edit_cell(path, qid, "original_text", "نص أصلي للاختبار")  # a scratch copy: no source gives Askari's words
    found = messages(data_copy)
    for column in ("original_language", "original_source_keys"):
        assert any(m.startswith(prefix + column + ": ") and "is required when" in m for m in found), found
    edit_cell(path, qid, "original_language", "ar")
    edit_cell(path, qid, "original_source_keys", "quran;nosuchkey2021")
    found = messages(data_copy)
    assert len(found) == 1 and found[0].startswith(prefix + "original_source_keys: "), found
    assert "'nosuchkey2021' is not a key in" in found[0]
    edit_cell(path, qid, "original_source_keys", "quran")
    assert messages(data_copy) == []
    # Sourced, the original stands instead of a translation: the text needs none.
    drop_row(data_copy, ("quotations", qid, "text"))
    assert coverage(read_package(data_copy)).complete
    assert localise(load(data_copy), "ar").row("quotations", qid)["text_translation"] == ""
    # It is the field's x-original mark that says so: without the mark, the text needs its translation again.
    schema = data_copy / "datapackage.json"
    descriptor = json.loads(schema.read_text(encoding="utf-8"))
    (quotations,) = [r for r in descriptor["resources"] if r["name"] == "quotations"]
    (text,) = [f for f in quotations["schema"]["fields"] if f["name"] == "text"]
    del text["x-original"]
    schema.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    assert ("quotations", qid, "text") in coverage(read_package(data_copy)).missing


def test_localise_applies_current_translations_and_leaves_the_english_alone(data_copy):
    edit_cell(data_copy / "events.csv", "ev-2021-07-06-erbil-drone", "casualties", "One guard injured.")
    english = load(data_copy)
    before = english.events.copy()
    arabic = localise(english, "ar")
    assert arabic.language == "ar" and english.language == "en"
    assert localise(english, "en") is english and localise(english, "ar") is arabic  # made once
    khazali = arabic.row("actors", "khazali")
    assert khazali["name"] == "قيس الخزعلي" and khazali["name_en"] == "Qais al-Khazali"
    erbil = arabic.row("events", "ev-2021-07-06-erbil-drone")
    assert erbil["place"] == "مطار أربيل الدولي" and erbil["place_en"] == "Erbil International Airport"
    assert erbil["casualties"] == "One guard injured."  # stale: the English stands
    # What the brief printed stays as printed, its translation beside it.
    tweet = arabic.row("quotations", "khazali-2021-07-08-tansiqiya")
    assert tweet["text"] == english.row("quotations", "khazali-2021-07-08-tansiqiya")["text"]
    assert tweet["text_translation"].startswith("حتى الآن")
    assert tweet["editorial_note_translation"].startswith("[في إشارة")
    assert arabic.claims["brief_text_translation"].str.len().gt(0).all()
    assert arabic.label("quotations", "signal", "mixed") == "مختلطة"
    assert arabic.schema.fields("events")["place"]["description"] == "مكان وقوع الحدث."
    # The English dataset is untouched.
    assert english.events.equals(before) and english.label("quotations", "signal", "mixed") == "Mixed"
    assert (
        "name_en" not in english.actors
        and english.schema.fields("events")["place"]["description"] == "Where the event happened."
    )


def test_a_row_is_read_from_its_own_dataset_s_frame(data_copy):
    """``row`` finds a row in the frame it is asked of: a localised dataset's in its language, the English's in
    English whichever was read first, a frame put in another's place its own, an edited package's row anew."""
    english = load(data_copy)
    assert english.row("actors", "khazali")["name"] == "Qais al-Khazali"
    arabic = localise(english, "ar")
    assert arabic.row("actors", "khazali")["name"] == "قيس الخزعلي"
    assert english.row("actors", "khazali")["name"] == "Qais al-Khazali"
    english.frames["actors"] = arabic.actors.iloc[::-1]  # another frame, its rows in another order
    assert english.row("actors", "khazali")["name"] == "قيس الخزعلي"
    edit_cell(data_copy / "actors.csv", "khazali", "name", "Qais al-Khazali (edited)")
    assert load(data_copy).row("actors", "khazali")["name"] == "Qais al-Khazali (edited)"


def test_a_field_marked_to_be_translated_beside_keeps_its_english(data_copy):
    """``"x-translate": "beside"`` (what a publication printed) keeps the cell, its translation beside it."""
    schema = data_copy / "datapackage.json"
    descriptor = json.loads(schema.read_text(encoding="utf-8"))
    (events,) = [r for r in descriptor["resources"] if r["name"] == "events"]
    next(f for f in events["schema"]["fields"] if f["name"] == "place")["x-translate"] = "beside"
    schema.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False), encoding="utf-8")
    erbil = localise(load(data_copy), "ar").row("events", "ev-2021-07-06-erbil-drone")
    assert erbil["place"] == "Erbil International Airport" and erbil["place_translation"] == "مطار أربيل الدولي"
    assert "place_en" not in erbil and coverage(read_package(data_copy)).complete


def test_the_extension_s_dataset_is_in_the_language_of_the_pages():
    from briefbook.sphinx.project import dataset

    def env(language):
        return SimpleNamespace(config=SimpleNamespace(language=language, briefbook_root=str(ROOT)), srcdir=str(ROOT))

    english = dataset(env("en"))
    assert english is dataset(env("en")) and english.language == "en"  # made once per reading of the package
    arabic = dataset(env("ar"))
    assert arabic.language == "ar" and arabic is dataset(env("ar"))
    assert arabic.row("actors", "askari")["name"] == "أبو علي العسكري"
    assert load(ROOT / "data").row("actors", "askari")["name"] == "Abu Ali al-Askari"


def test_the_real_translation_is_complete_and_current():
    report = coverage(read_package(ROOT / "data"))
    assert len(report.english) > 250 and report.complete, report.summary()
    assert validate(ROOT / "data", release=True) == []


# The edition's own words in the bibliography (briefbook.i18n.references): each note and each
# title in square brackets of references.bib is a piece of data/arabic.csv, table references.


def set_bib_field(bib: Path, key: str, field: str, value: str) -> int:
    """Set one field of one entry of ``bib`` (a field on one line, as references.bib writes them);
    its line."""
    lines = bib.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(n for n, line in enumerate(lines) if line.lstrip().startswith("@") and f"{{{key}," in line)
    for n in range(start + 1, len(lines)):
        name = lines[n].split("=", 1)[0].strip()
        if name == field:
            lines[n] = (
                f"  {field} = {{{value}}},\n" if lines[n].rstrip().endswith(",") else f"  {field} = {{{value}}}\n"
            )
            bib.write_text("".join(lines), encoding="utf-8")
            return n + 1
        if lines[n].startswith("}"):
            break
    raise AssertionError(f"no {field} in {key}")


def test_every_note_and_bracketed_title_of_the_bibliography_is_a_piece_to_translate(data_copy):
    from briefbook.i18n.data import texts

    words = texts(data_copy.parent / "references.bib")
    assert words[("references", "reuters2021omar", "note")] == "Byline not shown"
    assert words[("references", "times2021strikes", "title")].startswith("[Report on the U.S. airstrikes")
    assert ("references", "reuters2021omar", "title") not in words  # a headline stays as published
    assert len(coverage(read_package(data_copy)).english) >= len(words) + 250


def test_a_stale_bibliography_translation_needs_review_by_file_and_row(data_copy):
    """A note changed in references.bib: its row no longer matches, named by arabic.csv and line;
    only a release refuses it, and the Arabic edition prints the English meanwhile."""
    from briefbook.i18n.data import translations

    set_bib_field(data_copy.parent / "references.bib", "reuters2021omar", "note", "Byline not shown on the page")
    assert messages(data_copy) == []
    key = ("references", "reuters2021omar", "note")
    assert coverage(read_package(data_copy)).stale == [key]
    expect(data_copy, row_line(data_copy, *key), "english", "needs review: references reuters2021omar note",
           release=True)  # fmt: skip
    assert ("reuters2021omar", "note") not in translations(data_copy.parent, "ar")
    assert translations(data_copy.parent, "ar")[("trt2021asad", "note")] == "لا يظهر اسم الكاتب."


def test_a_missing_bibliography_translation_is_named_by_the_bib_s_line(data_copy):
    drop_row(data_copy, ("references", "almanar2021", "title"))
    assert messages(data_copy) == []
    assert coverage(read_package(data_copy)).missing == [("references", "almanar2021", "title")]
    bib = data_copy.parent / "references.bib"
    line = next(n for n, text in enumerate(bib.read_text(encoding="utf-8").splitlines(), start=1)
                if "[Report, in French" in text)  # fmt: skip
    found = messages(data_copy, release=True)
    assert any(m.startswith(f"{bib.as_posix()}:{line}: title: almanar2021: ") and "no translation in" in m
               for m in found), found  # fmt: skip


def test_an_obsolete_or_misplaced_bibliography_translation(data_copy):
    """A row for a key the .bib lacks, or for a title that is a headline, is obsolete (a release
    refuses it); a field other than note or title, or a description translated out of its
    brackets, is refused at any time."""
    gone = append(data_copy, "references", "nobody2099", "note", "Byline not shown", "لا يظهر اسم الكاتب.")
    headline = append(data_copy, "references", "reuters2021omar", "title", "[x]", "[س]")
    assert messages(data_copy) == []
    found = "\n".join(messages(data_copy, release=True))
    assert f"arabic.csv:{gone}: id: obsolete: 'nobody2099' is not an entry of" in found
    assert f"arabic.csv:{headline}: id: obsolete: 'reuters2021omar'" in found and "square brackets" in found
    line = append(data_copy, "references", "reuters2021omar", "url", "x", "س")
    expect(data_copy, line, "field", "'url' is not one of: note, title")
    edit_row(data_copy, ("references", "almanar2021", "title"), "arabic", "تقرير بالفرنسية")
    expect(data_copy, row_line(data_copy, "references", "almanar2021", "title"), "arabic", "square brackets")


def test_translations_names_each_missing_data_row_and_writes_stubs_with_the_english(data_copy, monkeypatch, capsys):
    """After a new event, a new quotation and a new claim (and a passage of prose left untranslated),
    `translations status` names every catalog entry and every piece of the data left to translate;
    `--stubs` appends the data's rows, the English filled in, which the build accepts and a release
    refuses until they are translated."""
    from briefbook.cli import main

    root = data_copy.parent
    shutil.copytree(ROOT / "locales", root / "locales")
    monkeypatch.chdir(root)
    assert main(["new", "event", "--date-start", "2021-07-09", "--place", "Ain al-Asad Air Base, Anbar",
                 "--country", "Iraq", "--target", "The base", "--target-kind", "us-base-iraq", "--actor", "unknown",
                 "--actor-status", "unclaimed", "--type", "rocket", "--casualties", "None reported.",
                 "--description", "A test event.", "--source-keys", "abc2021asad"]) == 0  # fmt: skip
    assert main(["new", "quotation", "--speaker", "khazali", "--group", "asaib-ahl-al-haq", "--date", "2021-07-08",
                 "--topic", "Embassy denial", "--medium", "tweet", "--venue", "Twitter", "--text", "A test statement.",
                 "--brief-figure", "3", "--signal", "de-escalatory", "--devices", "denial", "--audiences",
                 "united-states", "--annotation", "What it signals.", "--source-keys", "malik2021muqawama"]) == 0  # fmt: skip
    with (data_copy / "claims.csv").open(encoding="utf-8", newline="") as handle:  # no command adds a claim
        claims = list(csv.DictReader(handle))
    last = max(claims, key=lambda row: int(row["order"]))
    new_event = "ev-2021-07-09-ain-al-asad-air-base-rocket"
    claim = {**last, "id": "claim-test-new", "order": str(int(last["order"]) + 1), "claim": "A test claim."}
    claim["evidence"] = new_event
    with (data_copy / "claims.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(last), lineterminator="\n").writerow(claim)
    catalog = root / "locales" / "ar" / "LC_MESSAGES" / "chapters" / "overview.po"
    with catalog.open("rb") as handle:
        messages_of_page = read_po(handle)
    untranslated = next(m for m in messages_of_page if m.id == "The brief's answer, in short")
    untranslated.string = ""
    with catalog.open("wb") as handle:
        write_po(handle, messages_of_page, width=79)
    line = catalog.read_text(encoding="utf-8").splitlines().index('msgid "The brief\'s answer, in short"') + 1
    missing = coverage(read_package(data_copy)).missing
    assert ("claims", "claim-test-new", "claim") in missing
    assert ("events", "ev-2021-07-09-ain-al-asad-air-base-rocket", "description") in missing
    assert ("quotations", "khazali-2021-07-08-embassy-denial", "annotation") in missing
    capsys.readouterr()
    before = len(read_rows(data_copy))
    assert main(["translations", "status"]) == 0
    said = capsys.readouterr().out
    assert f"{len(missing)} missing, 0 need review" in said
    assert f"locales/ar/LC_MESSAGES/chapters/overview.po:{line}: not translated: The brief's answer, in short" in said
    for key in missing:
        assert f"missing: {','.join(key)}: " in said, key
    assert len(read_rows(data_copy)) == before  # status alone writes nothing

    assert main(["translations", "status", "--stubs"]) == 0
    said = capsys.readouterr().out
    added = read_rows(data_copy)[before:]
    assert [(r["table"], r["id"], r["field"]) for r in added] == missing
    assert all(r["arabic"] == "" for r in added)
    english = {(r["table"], r["id"], r["field"]): r["english"] for r in added}
    assert english[("quotations", "khazali-2021-07-08-embassy-denial", "annotation")] == "What it signals."
    assert f"{len(missing)} rows appended to data/arabic.csv" in said
    for n, key in enumerate(missing, start=before + 2):  # each named by its new line
        assert f"data/arabic.csv:{n}: missing: {','.join(key)}: " in said
    assert messages(data_copy) == []  # the book still builds, the English in place of the stubs
    refused = messages(data_copy, release=True)
    assert sum("not translated yet" in m for m in refused) == len(missing)

    assert main(["translations", "status", "--stubs"]) == 0  # nothing appended twice
    assert len(read_rows(data_copy)) == before + len(missing)
    edit_row(data_copy, missing[0], "arabic", "هجوم تجريبي.")
    assert coverage(read_package(data_copy)).missing == missing[1:]
