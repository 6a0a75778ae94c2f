"""The scholarship, checkable: the true order within a day everywhere, claims beside the brief's
own words, distinct evidence labels, and sourced attributions."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from briefbook import figures
from briefbook.data import load, split
from briefbook.markup import as_in_brief, comparable, found_in, nested, passages, plain, squash

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


def test_the_data_load_in_the_order_of_time(data):
    ids = list(data.quotations["id"])
    assert in_order(SPEECH, ids) and in_order(EIGHT_JULY, ids)
    assert list(data.claims["id"])[0] == "claim-round-will-calm"  # the brief's opening judgement


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
                for url, (px, _) in zip(collection.get_urls(), collection.get_offsets(), strict=False):
                    x[url.removeprefix(f"#{lane}-")] = px
    return x


def test_the_timeline_plots_same_day_statements_in_their_order(data):
    x = timeline_x(figures.timeline(data), "quote")
    positions = [x[i] for i in SPEECH]  # a day without attacks: left to right in their order
    assert positions == sorted(positions) and len(set(positions)) == len(positions), dict(
        zip(SPEECH, positions, strict=True)
    )


def test_the_timeline_implies_no_order_between_an_attack_and_a_statement_of_its_day(data):
    """No data order a statement against an attack of the same day (each table orders its own
    rows): the two panels must not set one before the other. On 8 July the rockets on the embassy
    and Khazali's tweet and Askari's statement stand at one x."""
    fig = figures.timeline(data)
    quotes, events = timeline_x(fig, "quote"), timeline_x(fig, "event")
    shared = 0
    for ev in data.events[data.events["date_end"] == data.events["date_start"]].itertuples():
        same_day = data.quotations[data.quotations["date"] == ev.date_start]["id"]
        for qid in same_day:
            shared += 1
            assert quotes[qid] == events[ev.id], (ev.id, qid, events[ev.id], quotes[qid])
    assert shared >= len(EIGHT_JULY)


def test_the_signals_chart_lists_each_speaker_s_statements_in_time_order(data):
    fig = figures.signals(data)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    speech = [label for label in labels if label.startswith("Qais al-Khazali, 29")]
    firsts = ["The muqawama operations", "The revenge of", "And whoever is", "If the American"]
    assert [next(i for i, f in enumerate(firsts) if f in label) for label in speech] == [0, 1, 2, 3], speech


def claims_rows(site):
    table = soup_of(site, "chapters/data-and-methods.html").select_one("table.claims-table")
    return table.select("tbody tr")


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


def test_each_claim_stands_beside_the_brief_s_words(site, data):
    rows = {r.select_one("td [id^=claim-]")["id"]: r for r in claims_rows(site)}
    for claim in data.claims.itertuples():
        cell = squash(rows[claim.id].select("td")[2].get_text())
        for passage in passages(claim.brief_text):
            assert squash(nested(plain(passage))) in cell, claim.id  # its own quotation marks single
    supplied = rows["claim-threats-after-strikes"].select_one(".edition-supplied")
    assert supplied is not None and supplied.get_text() == "⟨threats⟩"


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


def test_an_event_dated_to_a_window_is_labelled_with_it(data):
    assert "5–6 July (date window)" in data.evidence_label("ev-2021-07-05-embassy-drone")
    labels = [data.evidence_label(i) for i in [*data.events["id"], *data.quotations["id"]]]
    assert len(set(labels)) == len(labels)


def test_every_claim_restates_the_brief_word_for_word_in_its_order(data, sources):
    brief = (sources / BRIEF).read_text(encoding="utf-8")
    flat = comparable(brief)
    first = []
    for claim in data.claims.itertuples():
        for passage in passages(claim.brief_text):
            assert found_in(passage, brief), (claim.id, passage)
        first.append(flat.index(comparable(as_in_brief(passages(claim.brief_text)[0]))))
    assert first == sorted(first)


def test_attributions_name_their_source(data):
    """The attacks the brief ascribes to the militias cite the brief for it; a claim cites its report."""
    for ev in data.events.itertuples():
        if ev.actor_status == "attributed" and ev.actor == "muqawama":
            assert "malik2021muqawama" in split(ev.actor_source_keys), ev.id
        if ev.actor_status == "claimed":
            assert split(ev.actor_source_keys), ev.id
    for claim in data.claims.itertuples():
        assert split(claim.source_keys), claim.id


def test_the_cards_say_what_fixes_the_order(site):
    soup = soup_of(site, "chapters/signals-of-de-escalation.html")
    card = soup.find(id="quote-askari-2021-07-08-embassy").find_parent(class_="quotation-card")
    note = card.select_one(".order-note").get_text()
    assert "a few hours after Khazali" in note and "no source says" in note
