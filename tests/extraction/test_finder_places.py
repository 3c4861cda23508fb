"""Places: the cues that name them, containment, and attackers that are not places."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder import find_candidates
from summarizer.extraction.finder.places import area_of
from summarizer.schemas import Document
from summarizer.text.segment import segment


def document(text: str) -> Document:
    return Document(id="doc", text=text, source="-", sentences=segment(text))


@pytest.mark.parametrize(
    ("text", "places", "main"),
    [
        # "in X", a possessor, a suffix: the place inside another comes first among the main places
        (
            "A flood in Norland's Vesta province killed at least nine people.",
            ["Norland", "Vesta province"],
            ["Vesta province", "Norland"],
        ),
        # "City, State" and a facility one is "at"
        (
            "A gunman fired 30 shots at the Riverside Mall in Cypress, Texas.",
            ["Riverside Mall", "Cypress", "Texas"],
            ["Riverside Mall", "Cypress", "Texas"],
        ),
        # "strikes on X", coordinated names
        ("Strikes on Dalmir and Ostrava injured 30 people.", ["Dalmir", "Ostrava"], ["Dalmir", "Ostrava"]),
        (
            "Power failed across Dalmir, Ostrava, and Kestrel after the storm.",
            ["Dalmir", "Ostrava", "Kestrel"],
            ["Dalmir", "Ostrava", "Kestrel"],
        ),
        # the office's place in a title
        ("Springfield Mayor Joan Hartley said two people were killed.", ["Springfield"], ["Springfield"]),
        # the subject of an attack verb acted: a place mention, never a location of the incident
        (
            "Drones from Russia struck Kestrel. Russia launched 120 drones overnight.",
            ["Russia", "Kestrel"],
            ["Kestrel"],
        ),
        ("Russia launched 120 drones in the night, striking Kestrel.", ["Kestrel"], ["Kestrel"]),
        # a person's name is no place, a facility named after one is
        (
            "Harbor Police spokesman Dan Mercer spoke to Mercer Street residents.",
            ["Mercer Street"],
            ["Mercer Street"],
        ),
        ("Dan Mercer was injured in the attack. Police said Mercer was stable.", [], []),
    ],
)
def test_places(text: str, places: list[str], main: list[str]) -> None:
    candidates = find_candidates(document(text))
    assert (candidates.places, candidates.main_places) == (places, main)


def _claim_places(text: str) -> list[tuple[str, str | None]]:
    from summarizer.extraction.rules import extract_by_rules

    return [(c.span.text, c.place) for c in extract_by_rules(document(text)).claims]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hospital, or where people were taken, is never the incident's place; a count of the
        # people taken there is counted at the hospital (tests/extraction/test_rules_repeats.py)
        (
            "A gunman opened fire at a bar in Springdale, Ohio, on Friday. "
            "Three people were taken to Lakeside Memorial Hospital.",
            [("Three", "Lakeside Memorial Hospital")],
        ),
        (
            "A bus crashed in Dalmir on Monday, killing two people. "
            "Four injured passengers were rushed to Dalmir General Hospital.",
            [("two", "Dalmir"), ("Four", "Dalmir")],
        ),
        # a state, county or country that holds the incident's town stands for the town
        (
            "Two people were shot dead at a party in Cypress, Texas. "
            "The shooting left 14 people injured in Texas, the sheriff said.",
            [("Two", "Cypress"), ("14", "Cypress")],
        ),
        (
            "A fire in Houston killed three people on Sunday. "
            "Officials across Texas said 12 people were injured.",
            [("three", "Houston"), ("12", "Houston")],
        ),
        # a sentence with no place takes the incident's place, not the previous sentence's
        (
            "A gunman killed two people in Springdale, Ohio. A man from Dalmir was also at the scene. "
            "Five people were injured.",
            [("two", "Springdale"), ("Five", "Springdale")],
        ),
    ],
)
def test_a_figure_takes_the_incident_place_where_people_were(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert _claim_places(text) == expected


@pytest.mark.parametrize(
    ("text", "main"),
    [
        # a dateline names the town (as written) and its state
        ("SPRINGDALE, Ohio — Two people were killed in a shooting on Friday.", ["SPRINGDALE", "Ohio"]),
        ("HOUSTON (AP) — A fire killed three people on Sunday.", ["HOUSTON"]),
        # several cities of one country: the country holds the incident as a whole, the cities follow
        (
            "Strikes on Kyiv and Kharkiv killed four people across Ukraine overnight.",
            ["Ukraine", "Kyiv", "Kharkiv"],
        ),
        (
            "Missiles hit Lviv and Odesa on Sunday, Ukraine's air force said, injuring 30.",
            ["Ukraine", "Lviv", "Odesa"],
        ),
    ],
)
def test_incident_places_by_dateline_and_hierarchy(text: str, main: list[str]) -> None:
    assert find_candidates(document(text)).main_places == main


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        (
            "Shots rang out at a bar in the Riverside neighborhood of Dayton late Friday.",
            {"Dayton": "Riverside"},
        ),
        (
            "Police in Maple Grove, a quiet suburb of Minneapolis, closed the road.",
            {"Minneapolis": "Maple Grove"},
        ),
        ("The fire started in the Elm Creek area of Fresno's east side.", {"Fresno": "Elm Creek"}),
        ("The area of the park was closed.", {}),
    ],
)
def test_a_site_named_by_the_place_around_it(text: str, sites: dict[str, str]) -> None:
    assert area_of(text) == sites


def test_figures_said_of_the_container_go_to_the_site() -> None:
    text = (
        "Gunfire at a cookout in the Elm Creek area of Fresno wounded six people on Sunday. "
        "Six people were wounded in Fresno, police said."
    )
    found = find_candidates(Document(id="d", text=text, source="-", sentences=segment(text)))
    assert {tuple(c.places[:1]) for c in found.claims} == {("Elm Creek",)}
