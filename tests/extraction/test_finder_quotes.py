"""Quote candidates: speakers nearest first, cues next to a quotation, headings, continuations."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder import find_candidates
from summarizer.schemas import Document
from summarizer.text.segment import segment

Quote = tuple[str, bool, bool, int, list[tuple[str, str]]]


def quotes(text: str) -> list[Quote]:
    """(text, adjacent cue, heading, word count, [(speaker, cue)]) of every quote candidate."""
    document = Document(id="doc", text=text, source="-", sentences=segment(text))
    return [
        (q.text, q.adjacent_cue, q.is_heading, q.word_count, [(s.name, s.cue) for s in q.speakers])
        for q in find_candidates(document).quotes
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the cue next to a quotation first, then the sentence's others
        (
            "Officials said the storm destroyed 40 homes. "
            '"We have never seen water rise this fast," Governor Mark Ellison said.',
            [
                (
                    "We have never seen water rise this fast",
                    True,
                    False,
                    8,
                    [("Mark Ellison", "said"), ("officials", "said")],
                ),
            ],
        ),
        # a cue before the quotation, with a few words between that end in "as" or "that"
        (
            'The mayor described the fire as a "disaster for the whole valley."',
            [("disaster for the whole valley.", True, False, 5, [("mayor", "described")])],
        ),
        # a quotation with no cue of its own continues the previous one's speakers
        (
            '"We will rebuild," Governor Mark Ellison said. "Every house, every road."',
            [
                ("We will rebuild", True, False, 3, [("Mark Ellison", "said")]),
                ("Every house, every road.", False, False, 4, [("Mark Ellison", "said")]),
            ],
        ),
        # a scare quote has no cue next to it; a heading is flagged
        (
            'The mayor called the rally a "peaceful protest" and left.',
            [("peaceful protest", False, False, 2, [])],
        ),
        ('"Rebuild Together"\nThe council met on Tuesday.', [("Rebuild Together", False, True, 2, [])]),
        # single marks, over a line break
        (
            "Police chief Ray Dunne spoke, saying 'there was no control on who came in.'",
            [
                ("there was no control on who came in.", True, False, 8, [("Ray Dunne", "saying")]),
            ],
        ),
        (
            'The doctor said: "Thirty people are hurt.\nThe rest have cuts."',
            [
                ("Thirty people are hurt.\nThe rest have cuts.", True, False, 8, [("doctor", "said")]),
            ],
        ),
    ],
)
def test_quote_candidates(text: str, expected: list[Quote]) -> None:
    assert quotes(text) == expected


def test_a_quote_points_at_its_words() -> None:
    text = 'First line.\n"We will rebuild," she said.'
    document = Document(id="doc", text=text, source="-", sentences=segment(text))
    (quote,) = find_candidates(document).quotes
    assert (quote.id, text[quote.start : quote.end], quote.sentence, quote.end_sentence) == (
        "q1",
        "We will rebuild",
        1,
        1,
    )
