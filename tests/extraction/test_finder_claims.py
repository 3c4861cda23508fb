"""Claim candidates: which figures are worth a label, with their metric, places and sources."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder import find_candidates
from summarizer.extraction.finder.claims import site_name_tail
from summarizer.schemas import Document
from summarizer.text.segment import segment

Claim = tuple[str, float | None, float | None, str | None, list[str], list[str]]


def document(text: str) -> Document:
    return Document(id="doc", text=text, source="-", sentences=segment(text))


def claims(text: str) -> list[Claim]:
    """(phrase, low, high, metric hint, places, sources) of every claim candidate."""
    return [
        (c.phrase, c.quantity.low, c.quantity.high, c.metric_hint, c.places, [s.name for s in c.sources])
        for c in find_candidates(document(text)).claims
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each figure gets the metric its own words suggest
        (
            "Springfield Mayor Joan Hartley confirmed that two people were killed and seven injured, "
            "five of whom were hospitalized.",
            [
                ("two", 2, 2, "killed", ["Springfield"], ["Joan Hartley"]),
                ("seven", 7, 7, "injured", ["Springfield"], ["Joan Hartley"]),
                ("five", 5, 5, "hospitalized", ["Springfield"], ["Joan Hartley"]),
            ],
        ),
        # ranges, vague words and hedges are read by quantities
        (
            "The shooting left between 11 and 19 people injured in Dalmir, police said.",
            [("between 11 and 19", 11, 19, "injured", ["Dalmir"], ["police"])],
        ),
        (
            "Dozens of people were hurt when the blast tore through the market in Ostrava.",
            [("Dozens", 12, None, "injured", ["Ostrava"], [])],
        ),
        # no place of its own: none here (the labeller gives it the incident's, never the
        # previous sentence's, which may be another incident's)
        (
            "A drone strike hit Kestrel on Saturday. Nearly 6,000 buildings were left without heating.",
            [("Nearly 6,000", None, 6000, "buildings_without_heating", [], [])],
        ),
        # the nearest place first, a place inside another before it
        (
            "A flood in Norland's Vesta province killed at least nine people.",
            [("at least nine", 9, None, "killed", ["Vesta province", "Norland"], [])],
        ),
        # an attacker is no place of the figure (the incident's place is the labeller's default)
        (
            "Drones from Russia struck Kestrel. Russia launched 120 drones overnight, the air force said.",
            [("120", 120, 120, "drones_launched", [], ["air force"])],
        ),
        # no metric, but incident words nearby: worth a label
        ("The flood hit Vesta on Friday, and 4 people drowned.", [("4", 4, 4, None, ["Vesta"], [])]),
        # years, distances, temperatures, money without a metric, and links are not figures
        ("The 2021 flood killed 12 people.", [("12", 12, 12, "killed", [], [])]),
        ("The bridge, 30 km from town, was hit by the flood.", []),
        ("Temperatures fell to 20 degrees below zero as the storm hit.", []),
        ("The storm caused $5 million in damage.", []),
        ("Read more at www.example.org: 12 people were killed.", []),
        # a figure far from incident words is no candidate
        ("The council approved 14 new parking spaces.", []),
    ],
)
def test_claim_candidates(text: str, expected: list[Claim]) -> None:
    assert claims(text) == expected


def test_a_claim_points_at_its_phrase_its_quote_and_its_context() -> None:
    text = 'Ines Moreau, a doctor, was there. "Around 20 people are seriously hurt," the doctor added.'
    candidates = find_candidates(document(text))
    (claim,) = candidates.claims
    (quote,) = candidates.quotes
    assert (text[claim.start : claim.end], claim.phrase, claim.sentence, claim.quote) == (
        "Around 20",
        "Around 20",
        1,
        quote.id,
    )
    assert [s.name for s in claim.sources] == ["Ines Moreau"]  # the quote's speaker
    assert claim.context == '"Around 20 people are seriously hurt," the doctor'
    assert claim.sentence_text == '"Around 20 people are seriously hurt," the doctor added.'


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("The quake killed six pupils at a village school, bringing the death toll to 15.", "15"),
        ("Floods swept away two bridges and killed four farmers, raising the toll to 23.", "23"),
    ],
)
def test_a_toll_keeps_its_figure_beside_other_parsed_counts(text: str, figure: str) -> None:
    found = find_candidates(document(text)).claims
    assert [(c.phrase, c.metric_hint) for c in found if c.phrase == figure] == [(figure, "killed")]


# A title's outlet suffix after a dash or bar is a name, not news: its numbers are no figures.
@pytest.mark.parametrize(
    ("title", "kept"),
    [
        ("Two hurt in warehouse fire - WXYZ Channel 7 Springfield", "Two hurt in warehouse fire"),
        ("Clerk shot during robbery | Valley Courier 9 Online", "Clerk shot during robbery"),
        ("3 Dead - 2 Wounded In Crash", "3 Dead - 2 Wounded In Crash"),
        (
            "Four people were shot - one of them fatally - on Sunday.",
            "Four people were shot - one of them fatally - on Sunday.",
        ),
    ],
)
def test_site_name_tail(title: str, kept: str) -> None:
    assert title[: site_name_tail(title)] == kept


# A revised figure: its tally names the measure away from both numbers, and both are candidates,
# each with the tally's measure (a toll's bare sentence is parsed too: "lowered the toll").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The number of dead was raised from three to five after the collapse.",
            [("three", "killed"), ("five", "killed")],
        ),
        (
            "The number of injured was revised on Monday from twelve to nine.",
            [("twelve", "injured"), ("nine", "injured")],
        ),
        ("Officials lowered the toll from 14 to 11 on Tuesday.", [("14", "killed"), ("11", "killed")]),
    ],
)
def test_a_revised_tally_keeps_both_figures(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.phrase, c.metric_hint) for c in find_candidates(document(text)).claims] == expected
