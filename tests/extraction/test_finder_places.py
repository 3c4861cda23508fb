"""Places: the cues that name them, containment, and attackers that are not places."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder import find_candidates
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
