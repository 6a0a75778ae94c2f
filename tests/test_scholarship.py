"""The scholarship, checkable: the true order within a day everywhere, claims beside the brief's
own words, distinct evidence labels, and sourced attributions; and the guards of the edition's own
text (issue 19): ellipses only where the brief has words between, the research notes never named,
the brief quoted in its own case, the prose's counts agreeing with the data."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from charts import fig as figure
from conftest import ROOT, site_pages

from briefbook.data import load, split
from briefbook.markup import as_in_brief, comparable, nested, passages, plain, squash
from briefbook.validate import validate

# The sequences the brief gives: the speech of 29 June ran attrition, revenge, verse, offer
# ("initially", "then went on", "then immediately", "He added"); on 8 July Askari's statement
# came "only a few hours after" Khazali's tweet.
SPEECH = ["khazali-2021-06-29-attrition", "khazali-2021-06-29-revenge", "khazali-2021-06-29-isra",
          "khazali-2021-06-29-lesson"]  # fmt: skip
EIGHT_JULY = ["khazali-2021-07-08-tansiqiya", "askari-2021-07-08-restraint", "askari-2021-07-08-embassy"]
BRIEF = "brief-2021-07-09-muqawama-de-escalation.txt"


@pytest.fixture(scope="module")
def data():
    return load(ROOT / "data")


def soup_of(site, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def in_order(sequence: list[str], items: list[str]) -> bool:
    """Whether ``sequence`` appears in ``items`` in that order."""
    positions = [items.index(i) for i in sequence]
    return positions == sorted(positions)


@pytest.mark.unit
def test_the_data_load_in_the_order_of_time(data):
    ids = list(data.quotations["id"])
    assert in_order(SPEECH, ids) and in_order(EIGHT_JULY, ids)
    assert list(data.claims["id"])[0] == "claim-round-will-calm"  # the brief's opening judgement


@pytest.mark.build
def test_the_register_follows_the_order_of_time(site):
    rows = soup_of(site, "chapters/quotations.html").select("table.register-table tbody tr")
    order = [r.select_one("[id^=quote-]")["id"].removeprefix("quote-") for r in rows]
    assert in_order(SPEECH, order), order
    assert in_order(EIGHT_JULY, order), order
    assert len(order) == 8


def timeline_x(fig, lane: str) -> dict[str, float]:
    """The x of each point mark of one panel (``quote`` or ``event``), by its row's id."""
    x = {}
    for ax in fig.axes:
        for collection in ax.collections:
            if (collection.get_gid() or "").startswith(f"{lane}s:") and collection.get_urls():
                for url, (px, _) in zip(collection.get_urls(), collection.corners[:, 0], strict=True):
                    x[url.removeprefix(f"#{lane}-")] = px
    return x


@pytest.mark.unit
def test_the_timeline_plots_same_day_statements_in_their_order(data):
    x = timeline_x(figure("timeline", data), "quote")
    positions = [x[i] for i in SPEECH]  # a day without attacks: left to right in their order
    assert positions == sorted(positions) and len(set(positions)) == len(positions), dict(
        zip(SPEECH, positions, strict=True)
    )


@pytest.mark.unit
def test_the_timeline_implies_no_order_between_an_attack_and_a_statement_of_its_day(data):
    """No data order a statement against an attack of the same day (each table orders its own
    rows): the two panels must not set one before the other. On 8 July the rockets on the embassy
    and Khazali's tweet and Askari's statement stand at one x."""
    fig = figure("timeline", data)
    quotes, events = timeline_x(fig, "quote"), timeline_x(fig, "event")
    shared = 0
    for ev in data.events[data.events["date_end"] == data.events["date_start"]].itertuples():
        same_day = data.quotations[data.quotations["date"] == ev.date_start]["id"]
        for qid in same_day:
            shared += 1
            assert quotes[qid] == events[ev.id], (ev.id, qid, events[ev.id], quotes[qid])
    assert shared >= len(EIGHT_JULY)


@pytest.mark.unit
def test_the_signals_chart_lists_each_speaker_s_statements_in_time_order(data):
    fig = figure("signals", data)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    speech = [label for label in labels if label.startswith("29 June, Qais al-Khazali")]
    firsts = ["The muqawama operations", "The revenge of", "And whoever is", "If the American"]
    assert [next(i for i, f in enumerate(firsts) if f in label) for label in speech] == [0, 1, 2, 3], speech


def claims_rows(site):
    table = soup_of(site, "chapters/data-and-methods.html").select_one("table.claims-table")
    return table.select("tbody tr")


@pytest.mark.build
def test_the_claims_table_follows_the_brief_and_time(site, data):
    rows = claims_rows(site)
    numbers = [r.select("td")[0].get_text(strip=True) for r in rows]
    assert numbers == [str(n) for n in range(1, len(data.claims) + 1)]
    assert rows[0].select_one("td span[id], td [id]")["id"] == "claim-round-will-calm"
    evidence = {}
    for row in rows:
        anchor = row.select_one("td [id^=claim-]")["id"]
        links = [a["href"].split("#")[-1] for a in row.select("td")[3].select("a")]
        evidence[anchor] = [link.removeprefix("quote-").removeprefix("event-") for link in links]
    assert evidence["claim-threat-tempered"] == SPEECH
    assert in_order(["khazali-2021-07-08-tansiqiya", "askari-2021-07-08-embassy"], evidence["claim-embassy-denied"])
    for claim in data.claims.itertuples():
        assert evidence[claim.id] == data.in_time_order(split(claim.evidence)), claim.id


@pytest.mark.build
def test_each_claim_stands_beside_the_brief_s_words(site, data):
    rows = {r.select_one("td [id^=claim-]")["id"]: r for r in claims_rows(site)}
    for claim in data.claims.itertuples():
        cell = squash(rows[claim.id].select("td")[2].get_text())
        for passage in passages(claim.brief_text):
            assert squash(nested(plain(passage))) in cell, claim.id  # its own quotation marks single
    supplied = rows["claim-threats-after-strikes"].select_one(".edition-supplied")
    assert supplied is not None and supplied.get_text() == "⟨threats⟩"


@pytest.mark.build
def test_no_two_evidence_links_share_a_text(site):
    """In any table, one label names one target, and one target has one label."""
    tables = 0
    for page in sorted(site.glob("**/*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for table in soup.select("table.claims-table"):
            tables += 1
            targets: dict[str, set[str]] = {}
            labels: dict[str, set[str]] = {}
            for a in table.select("td a[href*='#quote-'], td a[href*='#event-']"):
                text, href = " ".join(a.get_text().split()), a["href"].split("#")[-1]
                targets.setdefault(text, set()).add(href)
                labels.setdefault(href, set()).add(text)
            assert all(len(v) == 1 for v in targets.values()), (page.name, targets)
            assert all(len(v) == 1 for v in labels.values()), (page.name, labels)
    assert tables >= 5


@pytest.mark.unit
def test_an_event_dated_to_a_window_is_labelled_with_it(data):
    assert "5–6 July (date window)" in data.evidence_label("ev-2021-07-05-embassy-drone")
    labels = [data.evidence_label(i) for i in [*data.events["id"], *data.quotations["id"]]]
    assert len(set(labels)) == len(labels)


@pytest.mark.unit
def test_every_claim_restates_the_brief_word_for_word_in_its_order(data, sources):
    brief = (sources / BRIEF).read_text(encoding="utf-8")
    flat = comparable(brief)
    first = []
    for claim in data.claims.itertuples():
        for passage in passages(claim.brief_text):
            assert comparable(as_in_brief(passage)) in comparable(brief), (claim.id, passage)
        first.append(flat.index(comparable(as_in_brief(passages(claim.brief_text)[0]))))
    assert first == sorted(first)


@pytest.mark.unit
def test_attributions_name_their_source(data):
    """The attacks the brief ascribes to the militias cite the brief for it; a claim cites its report."""
    for ev in data.events.itertuples():
        if ev.actor_status == "attributed" and ev.actor == "muqawama":
            assert "malik2021muqawama" in split(ev.actor_source_keys), ev.id
        if ev.actor_status == "claimed":
            assert split(ev.actor_source_keys), ev.id
    for claim in data.claims.itertuples():
        assert split(claim.source_keys), claim.id


@pytest.mark.build
def test_the_cards_say_what_fixes_the_order(site):
    soup = soup_of(site, "chapters/signals-of-de-escalation.html")
    card = soup.find(id="quote-askari-2021-07-08-embassy").find_parent(class_="data-card")
    note = card.select_one(".order-note").get_text()
    assert "a few hours after Khazali" in note and "no source says" in note


# Issue 19, item 6: guards over the edition's own text, each in the cheapest tier that sees it.


@pytest.mark.unit
def test_passages_are_joined_with_an_ellipsis_only_where_the_brief_has_words_between(sources):
    """(a) Every | of brief_text stands where the brief has words between the passages (it is
    printed as an ellipsis): the data-level rule of briefbook.validate, on the real data."""
    found = [str(p) for p in validate(ROOT / "data", brief=sources / BRIEF) if "are adjacent in the brief" in str(p)]
    assert found == [], "\n".join(found)


# (b) The research notes are never named to readers: "fact sheet" in English, and the Arabic
# catalogs' renderings of it («ورقة الوقائع», «صحيفة الوقائع», «ورقة الحقائق» ...).
FACT_SHEET = re.compile(r"fact[\s\-‐‑]*sheet|(?:ورق|صحيف)[ةه]\s+(?:ال)?(?:وقائع|حقائق)", re.I)


def reader_facing_sources() -> dict[str, str]:
    """Every source of what a reader sees, by name: the pages, the data (every table, the schema's
    descriptions), the bibliography, the catalogs' translations, the changelog and citation file."""
    from babel.messages.pofile import read_po

    texts = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
             for p in [ROOT / "index.md", *sorted((ROOT / "chapters").glob("*.md"))]}  # fmt: skip
    for path in [*sorted((ROOT / "data").glob("*.csv")), ROOT / "data" / "datapackage.json", ROOT / "references.bib",
                 ROOT / "CHANGELOG.md", ROOT / "CITATION.cff", ROOT / "_config.yml"]:  # fmt: skip
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".bib":  # its comments (% lines) are the maintainers', never printed
            text = re.sub(r"(?m)^%.*$", "", text)
        texts[path.relative_to(ROOT).as_posix()] = text
    for po in sorted((ROOT / "locales").rglob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        for m in catalog:
            if m.id and m.string:
                msgid = m.id if isinstance(m.id, str) else m.id[0]
                translated = m.string if isinstance(m.string, str) else "\n".join(m.string)
                texts[f"{po.relative_to(ROOT).as_posix()} (msgid {msgid[:40]!r}…)"] = translated
    return texts


def fact_sheet_mentions(texts: dict[str, str]) -> list[str]:
    found = []
    for name, text in texts.items():
        for number, line in enumerate(text.splitlines(), start=1):
            found += [f"{name}:{number}: {m.group(0)!r}" for m in FACT_SHEET.finditer(line)]
    return found


@pytest.mark.unit
def test_no_source_of_a_page_names_the_fact_sheet():
    """(b), at the sources: every page, PDF and EPUB of both editions is made from these."""
    found = fact_sheet_mentions(reader_facing_sources())
    assert found == [], f"{len(found)} mentions:\n" + "\n".join(found)


@pytest.mark.unit
def test_the_fact_sheet_check_sees_both_languages():
    found = fact_sheet_mentions({"a.md": "As the fact-sheet says.\nok", "b.po": "تقول ورقة الوقائع\nوصحيفة الحقائق"})
    assert found == ["a.md:1: 'fact-sheet'", "b.po:1: 'ورقة الوقائع'", "b.po:2: 'صحيفة الحقائق'"], found
    assert fact_sheet_mentions({"c.md": "The facts, and a sheet of paper."}) == []


@pytest.mark.build
def test_no_page_pdf_or_epub_names_the_fact_sheet(book, site):
    """(b), in what is built: the HTML of both editions, their PDFs (pdftotext) and EPUBs."""
    import subprocess
    import zipfile

    texts = {}
    for page in site_pages(site):
        texts[page.relative_to(site).as_posix()] = BeautifulSoup(
            page.read_text(encoding="utf-8"), "html.parser"
        ).get_text()
    for pdf in sorted((book / "_build" / "pdf").glob("*.pdf")):
        texts[pdf.name] = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
    for epub in sorted((book / "_build" / "epub").glob("*.epub")):
        with zipfile.ZipFile(epub) as archive:
            for name in archive.namelist():
                if name.endswith((".xhtml", ".html")):
                    html = archive.read(name).decode("utf-8")
                    texts[f"{epub.name}/{name}"] = BeautifulSoup(html, "html.parser").get_text()
    assert any(name.endswith(".pdf") for name in texts) and any(".epub/" in name for name in texts)
    found = fact_sheet_mentions(texts)
    assert found == [], f"{len(found)} mentions:\n" + "\n".join(found)


# (c) A phrase the edition's own prose sets in quotation marks and that is the brief's is the
# brief's exactly, in case too ("[e]nd" where the case changes). A phrase that is not in the brief
# at all (the edition's scare quotes, an outlet's words) is not this check's business.
QUOTED = re.compile(r"“([^“”]{1,400}?)”|\"([^\"\n]{1,400}?)\"")
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1\s*$", re.M | re.S)


def comparable_prose(text: str) -> str:
    return comparable(text.replace("'", "’").replace("...", "…"))


def phrase_pattern(phrase: str) -> str:
    """The phrase as a pattern over the brief: a bracketed letter ("[e]nd") stands for that letter
    in either case; a longer bracket for the brief's own bracket or for words the prose replaced."""
    out = []
    for piece in re.split(r"(\[[^\]]*\])", phrase):
        if re.fullmatch(r"\[[^\W\d_]\]", piece):
            out.append(f"[{piece[1].lower()}{piece[1].upper()}]")
        elif piece.startswith("[") and piece.endswith("]"):
            out.append(f"(?:{re.escape(piece)}|[^.]{{0,80}}?)")
        else:
            out.append(re.escape(piece))
    return "".join(out)


def miscased(texts: dict[str, str], brief: str) -> list[str]:
    """The quoted phrases of ``texts`` that the brief has, but not in that case."""
    flat = comparable_prose(brief)
    found = []
    for name, text in texts.items():
        for m in QUOTED.finditer(text):
            phrase = comparable_prose(m.group(1) or m.group(2)).strip(" ,.;:")
            if not re.search(r"[^\W\d_]", phrase):
                continue
            pattern = phrase_pattern(phrase)
            if not re.search(pattern, flat) and re.search(pattern, flat, re.I):
                line = text.count("\n", 0, m.start()) + 1
                found.append(f"{name}:{line}: “{phrase}”")
    return found


def edition_prose() -> dict[str, str]:
    """The edition's English prose that may quote the brief: the chapters outside their code and
    directives (a quotation's card is its data, checked by validation), and every cell of the data
    that is not itself the brief's text or an outlet's."""
    import csv
    import json

    texts = {}
    for page in [ROOT / "index.md", *sorted((ROOT / "chapters").glob("*.md"))]:
        text = page.read_text(encoding="utf-8")
        text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # keep the lines' numbers
        texts[page.relative_to(ROOT).as_posix()] = re.sub(r"`[^`\n]*`", "", text)
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "arabic":  # this edition's Arabic: its «…» are translations
            continue
        skip = {f["name"] for f in resource["schema"]["fields"] if f.get("x-markup") == "brief"}
        skip |= {"text"} if resource["name"] == "translations" else set()
        with (ROOT / "data" / resource["path"]).open(encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                for column, cell in row.items():
                    if column not in skip and cell:
                        texts[f"data/{resource['path']}:{line}:{column}"] = cell
    return texts


@pytest.mark.unit
def test_the_prose_quotes_the_brief_in_its_own_case(sources):
    brief = (sources / BRIEF).read_text(encoding="utf-8")
    found = miscased(edition_prose(), brief)
    assert found == [], "quoted from the brief, but not in its case:\n" + "\n".join(found)


@pytest.mark.unit
def test_the_case_check_tells_a_changed_case_from_the_edition_s_own_words():
    brief = "So far, the embassy was spared. End the cycle of lethal retaliation. It is “a change”."
    texts = {"x.md": 'He says "so far" and "[s]o far"; they "end the cycle of lethal retaliation" '
                     "and “[e]nd the cycle”; a “pause” and “A Change”; “so-called calm”.",
             "y.csv:2:annotation": "the “End the cycle” line"}  # fmt: skip
    assert miscased(texts, brief) == ["x.md:1: “so far”", "x.md:1: “end the cycle of lethal retaliation”",
                                      "x.md:1: “A Change”"]  # fmt: skip


# (d) The counts the prose states about the data agree with the data. No role of the project puts
# a count from the data into a page's prose, so each literal count is read from its sentence and
# checked here; a sentence that is rewritten must be brought back into this table (the test says
# so), never left unchecked.
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen".split()
    )
}


def data_tables(data) -> int:
    """The tables of events and statements: the data package's resources but its translations."""
    from briefbook.languages import LANGUAGES

    tables = {language.translation_table for language in LANGUAGES.values()}
    return len([r for r in data.descriptor["resources"] if r["name"] not in tables])


def statement_days(data) -> int:
    return data.quotations["date"].nunique()


def escalatory(data) -> int:
    return int((data.quotations["signal"] == "escalatory").sum())


def de_escalatory(data) -> int:
    return int((data.quotations["signal"] == "de-escalatory").sum())


def mixed(data) -> int:
    return int((data.quotations["signal"] == "mixed").sum())


def speech_passages(data) -> int:
    q = data.quotations
    return int(((q["speaker"] == "khazali") & (q["date"] == "2021-06-29")).sum())


def embassy_attacks(data) -> int:
    return int((data.events["target_kind"] == "us-embassy").sum())


def omar_attacks(data) -> int:
    return int(data.events["place"].str.contains("al-Omar").sum())


def attack_days_from_5_july(data) -> int:
    ev = data.events[data.events["date_start"] >= "2021-07-05"]
    return len({d for s, e in zip(ev["date_start"], ev["date_end"], strict=True)
                for d in pd.date_range(s, e)})  # fmt: skip


# (file, the sentence with its count as a group, what the data say)
COUNTS = [
    ("chapters/data-and-methods.md", r"from (\w+) tables in CSV, with a\s+sixth that holds this edition's Arabic", data_tables),
    ("chapters/overview.md", r"statements fall on (\w+) days", statement_days),
    ("chapters/overview.md", r"the (only) statement coded\s+escalatory", escalatory),
    ("chapters/signals-of-de-escalation.md", r"Only (\w+) statement, Khazali's revenge line, is coded escalatory", escalatory),
    ("chapters/signals-of-de-escalation.md", r"(\w+) are coded de-escalatory, because", de_escalatory),
    ("chapters/signals-of-de-escalation.md", r"The other (\w+) set a limit beside a threat or a hostile frame and are coded mixed", mixed),
    ("chapters/signals-of-de-escalation.md", r"the (\w+) passages turn a threat into terms", speech_passages),
    ("chapters/strikes-and-escalation.md", r"record (\w+) attacks on the\s+embassy", embassy_attacks),
    ("chapters/strikes-and-escalation.md", r"Reuters also reports (\w+)\s+attacks at the al-Omar oil field", omar_attacks),
    ("chapters/revenge-as-perception.md", r"several attacks in (\w+) days", attack_days_from_5_july),
]  # fmt: skip


def stated_counts(texts: dict[str, str], data) -> list[str]:
    """Where a count in ``texts`` disagrees with the data, or its sentence is gone."""
    wrong = []
    for name, pattern, count in COUNTS:
        found = re.search(pattern, " ".join(texts[name].split()))
        if not found:
            wrong.append(f"{name}: no sentence matches {pattern!r}: update COUNTS to the new wording")
            continue
        word = found.group(1).lower()
        stated = 1 if word == "only" else NUMBER_WORDS.get(word, int(word) if word.isdigit() else None)
        if stated != count(data):
            wrong.append(f"{name}: {found.group(0)!r} says {word}, the data {count(data)}")
    return wrong


@pytest.mark.unit
def test_the_counts_in_the_prose_agree_with_the_data(data):
    texts = {name: (ROOT / name).read_text(encoding="utf-8") for name, _, _ in COUNTS}
    wrong = stated_counts(texts, data)
    assert wrong == [], "\n".join(wrong)


@pytest.mark.unit
def test_a_count_that_disagrees_with_the_data_is_caught(data):
    texts = {name: (ROOT / name).read_text(encoding="utf-8") for name, _, _ in COUNTS}
    texts = {name: re.sub(r"statements fall on \w+ days", "statements fall on four days", text)
             .replace("record two attacks", "record three attacks") for name, text in texts.items()}  # fmt: skip
    wrong = stated_counts(texts, data)
    assert any("statements fall on four days" in w and "the data 3" in w for w in wrong), wrong
    assert any("'record three attacks on the embassy' says three, the data 2" in w for w in wrong), wrong
    texts["chapters/overview.md"] = "rewritten"
    assert any("chapters/overview.md: no sentence matches" in w for w in stated_counts(texts, data))
