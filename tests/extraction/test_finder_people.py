"""People and their roles, and whom each speech cue names once resolved."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder import find_candidates
from summarizer.schemas import Document
from summarizer.text.segment import segment


def document(text: str) -> Document:
    return Document(id="doc", text=text, source="-", sentences=segment(text))


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a title, with the office's place before it
        (
            "Springfield Mayor Joan Hartley said two people were killed.",
            [("Joan Hartley", "Springfield Mayor")],
        ),
        ("Gov. Ann Lee visited the site.", [("Ann Lee", "Gov.")]),
        # a person noun before the name, an apposition after it
        ("Harbor Police spokesman Dan Mercer spoke.", [("Dan Mercer", "Harbor Police spokesman")]),
        (
            "Ines Moreau, a doctor at the district clinic, treated the wounded.",
            [("Ines Moreau", "doctor at the district clinic")],
        ),
        (
            "Halvorsen, an official from the regional water agency, spoke.",
            [("Halvorsen", "official from the regional water agency")],
        ),
        # a role before a comma and the name after it
        (
            "The regional governor of Tarvos, Elena Brandt, confirmed the toll.",
            [("Elena Brandt", "regional governor of Tarvos")],
        ),
        # a surname alone stands for the full name given elsewhere and is not listed apart
        (
            "Boulden said the party was calm. Her cousin Mariah Boulden agreed.",
            [("Mariah Boulden", "cousin")],
        ),
        ("Mariah Boulden said the party was calm. Boulden left at nine.", [("Mariah Boulden", None)]),
        # a place after "in" is no person's apposition; a headline's capitals say nothing
        ("In Kharkiv, a train was hit.", []),
        ("Storm Hits Coastal Towns Overnight\nThe storm passed.", []),
    ],
)
def test_people(text: str, people: list[tuple[str, str | None]]) -> None:
    assert [(p.name, p.role) for p in find_candidates(document(text)).people] == people


Resolved = tuple[str, str | None, str, str, bool]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # a pronoun is the person named last before it
        (
            'Governor Mark Ellison toured the town. "We will rebuild," he said.',
            [("Mark Ellison", "Governor", "he", "said", True)],
        ),
        # "the doctor" is the person described as one
        (
            'Ines Moreau, a doctor at the clinic, treated them. "Most are stable," the doctor added.',
            [("Ines Moreau", "doctor at the clinic", "the doctor", "added", True)],
        ),
        # a surname is the full name
        (
            'Dr. Lena Ortiz arrived first. "It was chaos," Ortiz said.',
            [("Lena Ortiz", "Dr.", "Ortiz", "said", True)],
        ),
        # groups are kept as written, a capitalized head at a sentence's start in lower case
        ('Officials said: "Stay indoors tonight."', [("officials", None, "Officials", "said", False)]),
        (
            '"Stay indoors," the local authorities said.',
            [("local authorities", None, "the local authorities", "said", False)],
        ),
        # a pronoun with nobody named before it names no one
        ('"Stay indoors," she said.', []),
    ],
)
def test_quote_speakers_resolved(text: str, speakers: list[Resolved]) -> None:
    (quote,) = find_candidates(document(text)).quotes
    assert [(s.name, s.role, s.mention, s.cue, s.is_person) for s in quote.speakers] == speakers
