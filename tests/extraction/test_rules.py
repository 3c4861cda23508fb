"""The rules strategy: candidates labelled without a model."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.extraction.finder import find_candidates
from summarizer.extraction.rules import extract_by_rules, label_with_rules
from summarizer.schemas import Document, SpanStatus
from summarizer.text.segment import segment

RuleClaim = tuple[str, str | None, float | None, float | None, str | None, str]


def document(text: str) -> Document:
    return Document(id="doc", text=text, source="-", published=dt.date(2026, 1, 27), sentences=segment(text))


def rule_claims(text: str) -> list[RuleClaim]:
    extraction = extract_by_rules(document(text))
    return [
        (c.metric, c.place, c.quantity.low, c.quantity.high, c.attributed_to, c.span.text)
        for c in extraction.claims
    ]


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        (
            "Springfield Mayor Joan Hartley confirmed that two people were killed and seven injured.",
            [
                ("killed", "Springfield", 2, 2, "Joan Hartley", "two"),
                ("injured", "Springfield", 7, 7, "Joan Hartley", "seven"),
            ],
        ),
        # a figure whose words speak of a total over the incident's two places
        (
            "Strikes on Dalmir and Ostrava injured more than 30 people across the two cities, "
            "officials said. "
            "One person was killed in Dalmir.",
            [
                ("injured", "Dalmir and Ostrava", 31, None, "officials", "more than 30"),
                ("killed", "Dalmir", 1, 1, None, "One"),
            ],
        ),
        # "the two cities" are the two the article names together, not a third place it mentions
        (
            "As envoys met in Kestrel, missiles hit Dalmir and Ostrava. "
            "Dalmir and Ostrava lost power. "
            "The strikes wounded at least 18 people across the two cities.",
            [("injured", "Dalmir and Ostrava", 18, None, None, "at least 18")],
        ),
        # a count of places that the article does not name together gives no total place
        (
            "Floods reached Vesta, Corran and Lisk on Monday. "
            "The water displaced 400 families in the two towns near the coast.",
            [("displaced", None, 400, 400, None, "400")],
        ),
        # the same figure said again is annotated once; a figure with no metric is left out
        (
            "The flood killed 4 people in Vesta. The flood killed 4 people in Vesta, and 6 people drowned.",
            [
                ("killed", "Vesta", 4, 4, None, "4"),
            ],
        ),
        # with no place near the figure, the incident's place
        (
            "A drone strike hit Kestrel on Saturday. Nearly 6,000 buildings were left without heating.",
            [
                ("buildings_without_heating", "Kestrel", None, 6000, None, "Nearly 6,000"),
            ],
        ),
    ],
)
def test_rules_claims(text: str, claims: list[RuleClaim]) -> None:
    assert rule_claims(text) == claims


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        (
            '"We will rebuild every house," Governor Mark Ellison said.',
            [("Mark Ellison", "Governor", "We will rebuild every house")],
        ),
        # a short quotation only next to a cue; a heading or a quotation nobody is named near, never
        (
            'Governor Mark Ellison said the town was "devastated" by the flood.',
            [("Mark Ellison", "Governor", "devastated")],
        ),
        ('Governor Mark Ellison toured the "red zone" by the river.', []),
        ('"Rebuild Together"\nGovernor Mark Ellison spoke on Tuesday.', []),
        ('"The water came so fast," the report read.', []),
        # an anonymous speaker is no speaker
        ('A witness said: "I saw the whole thing happen in front of me."', []),
    ],
)
def test_rules_quotes(text: str, quotes: list[tuple[str, str | None, str]]) -> None:
    assert [(q.speaker, q.role, q.text) for q in extract_by_rules(document(text)).quotes] == quotes


def test_rules_event_and_ids() -> None:
    text = (
        "A drone strike hit Kestrel on Saturday, killing four people.\n"
        "Nearly 6,000 buildings were left without heating."
    )
    doc = document(text)
    extraction = label_with_rules(doc, find_candidates(doc))
    (event,) = extraction.events
    assert (event.id, event.kind, event.date, event.date_phrase, event.places) == (
        "doc:e1",
        "strike",
        dt.date(2026, 1, 24),
        "Saturday",
        ["Kestrel"],
    )
    assert [(c.id, c.event) for c in extraction.claims] == [("doc:c1", "doc:e1"), ("doc:c2", "doc:e1")]
    for claim in extraction.claims:
        assert claim.span.status is SpanStatus.EXACT
        assert text[claim.span.start : claim.span.end] == claim.span.text


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("The council met on Tuesday to discuss the budget for 2026.", 0),
        ("Updated 4:08 p.m.\nThe band announced a farewell tour across three continents.", 1),
    ],
)
def test_a_document_without_incident_words_reports_its_lede(text: str, sentence: int) -> None:
    """No incident words (a meeting, an announcement): the lede, past a short dateline, is the event."""
    doc = document(text)
    candidates = find_candidates(doc)
    assert (candidates.claims, candidates.quotes, candidates.event) == ([], [], None)
    extraction = label_with_rules(doc, candidates)
    assert (extraction.claims, extraction.quotes) == ([], [])
    assert [(e.sentence, e.kind, e.date) for e in extraction.events] == [(sentence, None, None)]
