"""Candidate finding and the rules labeller, on real dev articles and small made-up texts."""

from __future__ import annotations

import datetime as dt

import pytest
from paths import C00, DEV, shared

from summarizer.extraction.finder import (
    NO_SOURCE,
    NOT_A_CLAIM,
    NOT_A_QUOTE,
    UNKNOWN,
    Candidates,
    ClaimCandidate,
    Person,
    QuoteCandidate,
    Speaker,
    find_candidates,
    label_with_rules,
    metric_choices,
    place_choices,
    source_choices,
    speaker_choices,
)
from summarizer.schemas import Document, SpanStatus
from summarizer.text.metrics import CANONICAL_METRICS
from summarizer.text.segment import segment


def dev_document(case: str, name: str, published: dt.date | None) -> Document:
    """An article of a dev case: c00 from the project's own fixtures, the others from ../shared."""
    root = C00.parent if case == C00.name else shared(DEV)
    path = root / case / "articles" / f"{name}.txt"
    text = path.read_text(encoding="utf-8")
    return Document(id=name, text=text, source=str(path), published=published, sentences=segment(text))


def document(text: str, published: dt.date | None = None) -> Document:
    return Document(id="doc", text=text, source="-", published=published, sentences=segment(text))


@pytest.fixture(scope="module")
def clashreport() -> tuple[Document, Candidates]:
    doc = dev_document("c00_ukraine_strikes_2026", "clashreport-2026-01-24", dt.date(2026, 1, 24))
    return doc, find_candidates(doc)


def claims_in(candidates: Candidates, sentence_start: str, doc: Document) -> list[ClaimCandidate]:
    return [c for c in candidates.claims if doc.sentence_text(c.sentence).startswith(sentence_start)]


def quote_with(candidates: Candidates, fragment: str) -> QuoteCandidate:
    (quote,) = [q for q in candidates.quotes if fragment in q.text]
    return quote


# --------------------------------------------------------------------------- claim candidates


def test_klitschko_sentence_gives_injured_and_hospitalized_in_kyiv(
    clashreport: tuple[Document, Candidates],
) -> None:
    doc, candidates = clashreport
    found = claims_in(candidates, "Kyiv Mayor Vitali Klitschko", doc)
    assert [(c.phrase, c.quantity.low, c.quantity.high, c.metric_hint) for c in found] == [
        ("one", 1, 1, "killed"),
        ("four", 4, 4, "injured"),
        ("three", 3, 3, "hospitalized"),
    ]
    assert [c.places for c in found] == [["Kyiv"], ["Kyiv"], ["Kyiv"]]
    assert [[s.name for s in c.sources] for c in found] == [["Vitali Klitschko"]] * 3
    four = found[1]
    assert doc.text[four.start : four.end] == "four"
    assert (
        four.context
        == "Klitschko confirmed that one person was killed and four injured, three of whom were hospitalized."
    )


def test_klitschko_sentence_gives_one_person_killed(clashreport: tuple[Document, Candidates]) -> None:
    doc, candidates = clashreport
    found = claims_in(candidates, "Kyiv Mayor Vitali Klitschko", doc)
    assert (found[0].phrase, found[0].metric_hint) == ("one", "killed")


def test_model_numbers_dates_years_and_distances_are_not_candidates(
    clashreport: tuple[Document, Candidates],
) -> None:
    doc, candidates = clashreport
    phrases = [c.phrase for c in candidates.claims]
    for not_a_count in ("22", "32", "3", "2022", "2014", "30 km", "10", "12", "20 degrees", "20%"):
        assert not_a_count not in phrases
    kharkiv = claims_in(candidates, "In Kharkiv, located roughly 30 km", doc)
    assert [(c.phrase, c.metric_hint, c.places, [s.name for s in c.sources]) for c in kharkiv] == [
        ("25", "drones_struck", ["Kharkiv"], ["Ihor Terekhov"]),
        ("between 11 and 19", "injured", ["Kharkiv"], ["Ihor Terekhov"]),
    ]


def test_place_from_an_earlier_sentence_and_an_attacker_is_no_place(
    clashreport: tuple[Document, Candidates],
) -> None:
    doc, candidates = clashreport
    (buildings,) = claims_in(candidates, "Nearly 6,000 buildings", doc)
    assert (buildings.phrase, buildings.quantity.high, buildings.places) == ("Nearly 6,000", 6000, ["Kyiv"])
    launched = claims_in(candidates, "Ukraine’s air force said", doc)
    assert [(c.phrase, c.metric_hint, c.places) for c in launched] == [
        ("375", "drones_launched", ["Ukraine"]),
        ("21", "missiles_launched", ["Ukraine"]),
        ("two", "missiles_launched", ["Ukraine"]),
    ]
    assert launched[0].sources == [
        Speaker(
            name="Ukraine’s air force",
            mention="Ukraine’s air force",
            cue="said",
            sentence=launched[0].sentence,
            is_person=False,
        )
    ]


# --------------------------------------------------------------------------- people and places


def test_people_with_roles_and_places(clashreport: tuple[Document, Candidates]) -> None:
    _, candidates = clashreport
    assert candidates.people == [
        Person(name="Andrii Sybiha", role="Ukraine’s Foreign Minister"),
        Person(name="Vladimir Putin", role="President"),
        Person(name="Tymur Tkachenko", role="head of Kyiv’s military administration"),
        Person(name="Vitali Klitschko", role="Kyiv Mayor"),
        Person(name="Oleksiy Kuleba", role="Deputy Prime Minister"),
        Person(name="Volodymyr Zelensky", role="President"),
        Person(name="Ihor Terekhov", role="Mayor"),
        Person(name="Mark Rutte", role="NATO Secretary General"),
        Person(name="Rustem Umerov", role="leading Ukraine’s delegation"),
    ]
    assert candidates.places == [
        "Russia",
        "Ukraine",
        "Kharkiv",
        "Kyiv",
        "Abu Dhabi",
        "Chernihiv region",
        "Poltava",
        "Sumy",
        "Dnipro",
        "Odesa",
        "Chernihiv",
        "Davos",
    ]


def test_a_place_inside_another_comes_first() -> None:
    doc = document(
        "An earthquake in Indonesia's Aceh province flattened buildings, killing at least five people."
    )
    (claim,) = find_candidates(doc).claims
    assert (claim.phrase, claim.metric_hint, claim.places) == (
        "at least five",
        "killed",
        ["Aceh province", "Indonesia"],
    )


# --------------------------------------------------------------------------- quote candidates


def test_rutte_quotes_resolve_he_said_and_the_heading_is_flagged(
    clashreport: tuple[Document, Candidates],
) -> None:
    doc, candidates = clashreport
    rutte = Speaker(
        name="Mark Rutte",
        role="NATO Secretary General",
        mention="he",
        cue="said",
        sentence=39,
        is_person=True,
    )
    first = quote_with(candidates, "Peace talks are fantastic")
    assert (first.text, first.adjacent_cue, first.is_heading, first.word_count) == (
        "Peace talks are fantastic, but peace will not happen tomorrow",
        True,
        False,
        10,
    )
    assert first.speakers == [rutte]
    second = quote_with(candidates, "Ukrainians need")
    assert (second.text, second.adjacent_cue, second.speakers) == (
        "Ukrainians need these interceptors tomorrow.",
        False,
        [rutte],
    )
    heading = quote_with(candidates, "Peace Will Not Happen Tomorrow")
    assert (heading.is_heading, heading.speakers) == (True, [])
    assert doc.text[heading.start : heading.end] == "Peace Will Not Happen Tomorrow"


def test_pronoun_and_title_speakers(clashreport: tuple[Document, Candidates]) -> None:
    _, candidates = clashreport
    table = quote_with(candidates, "negotiation table")
    assert [(s.name, s.mention) for s in table.speakers] == [("Andrii Sybiha", "He")]
    target = quote_with(candidates, "main target")
    assert target.adjacent_cue is True
    assert target.speakers[0] == Speaker(
        name="Volodymyr Zelensky",
        role="President",
        mention="President Volodymyr Zelensky",
        cue="stated",
        sentence=22,
    )


def test_single_straight_quotes_and_apostrophes() -> None:
    doc = dev_document("c02_cypress_tx_house_party_2013", "gva_e9e3acb748", dt.date(2013, 11, 11))
    candidates = find_candidates(doc)
    deserve = [q for q in candidates.quotes if "didn't deserve" in q.text]
    assert [(q.text, q.adjacent_cue, [(s.name, s.mention) for s in q.speakers]) for q in deserve] == [
        ("didn't deserve", False, [("Laurence Guidry", "Laurence Guidry")]),
        ("Queric didn't deserve this. He was just a child", True, [("Laurence Guidry", "Guidry")]),
    ]
    rowdy = quote_with(candidates, "rowdy")
    assert (rowdy.text, rowdy.speakers[0].name, rowdy.speakers[0].cue) == (
        "was not rowdy at all.",
        "Shaniqua Brown",
        "told",
    )
    door = quote_with(candidates, "no control on who")
    assert [(s.name, s.cue) for s in door.speakers] == [("Adrian Garcia", "saying")]


def test_quote_over_a_line_break_and_the_doctor_resolved() -> None:
    doc = dev_document("c08_aceh_indonesia_earthquake_2013", "ecb_37_1ecbplus", dt.date(2013, 7, 2))
    candidates = find_candidates(doc)
    injured = quote_with(candidates, "seriously injured")
    assert injured.text == (
        "There are around 30 people seriously injured, some with head injuries.\n"
        "The rest have only light injuries like minor cuts and grazes."
    )
    assert (injured.end_sentence - injured.sentence, injured.word_count) == (1, 22)
    assert [(s.name, s.mention, s.cue) for s in injured.speakers] == [("Ema Suryani", "the doctor", "added")]
    ring = quote_with(candidates, "Ring of Fire")
    assert (ring.speakers, ring.adjacent_cue) == ([], False)


def test_mixed_marks_and_a_speaker_after_the_verb() -> None:
    doc = dev_document("c06_fort_lauderdale_airport_2017", "gva_ad1fd8e27e", dt.date(2017, 1, 6))
    candidates = find_candidates(doc)
    texts = [q.text for q in candidates.quotes if q.text.startswith("went up and down")]
    went = "went up and down the carousels of the baggage claim, shooting through luggage to get at people"
    assert texts == [f"{went} that were hiding.", f"{went} that were hiding."]
    running = quote_with(candidates, "running for my life")
    assert [(s.name, s.cue) for s in running.speakers[:1]] == [("Jackline Tantan", "said")]


def test_paragraph_quotes_and_stray_marks() -> None:
    text = (
        'The mayor said: "The first part of a long statement ends here.\n'
        '"And the second part goes on," Mayor Jane Doe said.\n'
        'A stray " mark stands here. "Then a real one," she said.'
    )
    candidates = find_candidates(document(text))
    assert [(q.text, [s.name for s in q.speakers][:1]) for q in candidates.quotes] == [
        ("The first part of a long statement ends here.", ["mayor"]),
        ("And the second part goes on", ["Jane Doe"]),
        ("Then a real one", ["Jane Doe"]),
    ]


# --------------------------------------------------------------------------- the incident


def test_event_kind_and_date_skip_the_dateline(clashreport: tuple[Document, Candidates]) -> None:
    _, candidates = clashreport
    assert candidates.event is not None
    assert (
        candidates.event.sentence,
        candidates.event.kind,
        candidates.event.date,
        candidates.event.date_phrase,
    ) == (
        1,
        "strike",
        dt.date(2026, 1, 24),
        "Saturday",
    )


@pytest.mark.parametrize(
    ("sentence", "date", "phrase"),
    [
        ("A drone strike hit Kharkiv on Saturday, killing 3 people.", dt.date(2026, 1, 24), "Saturday"),
        ("A drone strike hit Kharkiv yesterday, killing 3 people.", dt.date(2026, 1, 26), "yesterday"),
        ("A drone strike hit Kharkiv on Jan. 22, killing 3 people.", dt.date(2026, 1, 22), "Jan. 22"),
        (
            "A drone strike hit Kharkiv on 5 December 2025, killing 3 people.",
            dt.date(2025, 12, 5),
            "5 December 2025",
        ),
    ],
)
def test_event_dates_resolve_against_the_publication_date(sentence: str, date: dt.date, phrase: str) -> None:
    event = find_candidates(document(sentence, published=dt.date(2026, 1, 27))).event
    assert event is not None
    assert (event.kind, event.date, event.date_phrase, event.places) == ("strike", date, phrase, ["Kharkiv"])


# --------------------------------------------------------------------------- the rules labeller


def test_rules_labeller_on_clashreport(clashreport: tuple[Document, Candidates]) -> None:
    doc, candidates = clashreport
    extraction = label_with_rules(doc, candidates)
    cid = "clashreport-2026-01-24:c"
    assert [
        (c.id, c.metric, c.place, c.quantity.low, c.quantity.high, c.attributed_to, c.span.text)
        for c in extraction.claims
    ] == [
        (f"{cid}1", "killed", "Ukraine", 1, 1, None, "one"),
        (f"{cid}2", "injured", "Ukraine", 12, None, None, "dozens"),
        (f"{cid}3", "killed", "Kyiv", 1, None, "local authorities", "at least one"),
        (f"{cid}4", "injured", "Kharkiv and Kyiv", 21, None, "local authorities", "more than 20"),
        (f"{cid}5", "drones_launched", "Ukraine", 375, 375, "Ukraine’s air force", "375"),
        (f"{cid}6", "missiles_launched", "Ukraine", 21, 21, "Ukraine’s air force", "21"),
        (f"{cid}7", "missiles_launched", "Ukraine", 2, 2, "Ukraine’s air force", "two"),
        (f"{cid}8", "killed", "Kyiv", 1, 1, "Vitali Klitschko", "one"),
        (f"{cid}9", "injured", "Kyiv", 4, 4, "Vitali Klitschko", "four"),
        (f"{cid}10", "hospitalized", "Kyiv", 3, 3, "Vitali Klitschko", "three"),
        (f"{cid}11", "buildings_without_heating", "Kyiv", None, 6000, None, "Nearly 6,000"),
        (f"{cid}12", "people_without_power", "Kyiv", 800001, None, "Oleksiy Kuleba", "more than 800,000"),
        (f"{cid}13", "people_without_power", "Chernihiv region", 400000, 400000, "Oleksiy Kuleba", "400,000"),
        (f"{cid}14", "drones_struck", "Kharkiv", 25, 25, "Ihor Terekhov", "25"),
        (f"{cid}15", "injured", "Kharkiv", 11, 19, "Ihor Terekhov", "between 11 and 19"),
    ]
    for claim in extraction.claims:
        assert claim.span.status is SpanStatus.EXACT
        assert doc.text[claim.span.start : claim.span.end] == claim.span.text
        assert claim.event == "clashreport-2026-01-24:e1"
    assert [(q.speaker, q.text) for q in extraction.quotes] == [
        ("Andrii Sybiha", "hit not only our people, but also the negotiation table"),
        ("Volodymyr Zelensky", "the main target of the Russians was the energy infrastructure."),
        (
            "Rustem Umerov",
            "the parameters for ending Russia’s war and the further logic of the negotiation process aimed "
            "at advancing toward a dignified and lasting peace.",
        ),
        ("Volodymyr Zelensky", "It’s all about the land. This is the issue which is not solved yet."),
        ("Mark Rutte", "Peace talks are fantastic, but peace will not happen tomorrow"),
        ("Mark Rutte", "Ukrainians need these interceptors tomorrow."),
    ]
    (event,) = extraction.events
    assert (event.id, event.kind, event.date, event.places) == (
        "clashreport-2026-01-24:e1",
        "strike",
        dt.date(2026, 1, 24),
        ["Kyiv", "Ukraine", "Kharkiv", "Chernihiv region"],
    )


def test_rules_labeller_keeps_short_quotes_only_next_to_a_cue() -> None:
    doc = dev_document("c00_ukraine_strikes_2026", "nextfin-2026-01-27", dt.date(2026, 1, 27))
    extraction = label_with_rules(doc, find_candidates(doc))
    assert [(q.speaker, q.role, q.text) for q in extraction.quotes] == [
        ("Volodymyr Zelenskyy", "Ukrainian President", "cynical abuse"),
        ("local officials", None, "colossally"),
    ]


def test_a_document_without_incident_or_quotes() -> None:
    doc = document("The council met on Tuesday to discuss the budget for 2026.")
    candidates = find_candidates(doc)
    assert (candidates.claims, candidates.quotes, candidates.event) == ([], [], None)
    extraction = label_with_rules(doc, candidates)
    assert (extraction.claims, extraction.quotes, extraction.events) == ([], [], [])


# --------------------------------------------------------------------------- choices for a labeller


def test_label_choices(clashreport: tuple[Document, Candidates]) -> None:
    doc, candidates = clashreport
    four = claims_in(candidates, "Kyiv Mayor Vitali Klitschko", doc)[1]
    assert metric_choices(four) == ["injured", *[m for m in CANONICAL_METRICS if m != "injured"], NOT_A_CLAIM]
    assert place_choices(four, candidates) == ["Kyiv", "Kharkiv", "Abu Dhabi", "Ukraine", UNKNOWN]
    assert source_choices(four) == ["Vitali Klitschko", NO_SOURCE]
    assert speaker_choices(quote_with(candidates, "main target")) == [
        "Volodymyr Zelensky",
        "Oleksiy Kuleba",
        UNKNOWN,
        NOT_A_QUOTE,
    ]
