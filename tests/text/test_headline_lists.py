"""Headline lists joined by a comma, not "and". Every sentence is written for this test."""

from __future__ import annotations

import pytest

from summarizer.text.counts import read_counts
from summarizer.text.headline_lists import join_headline_lists
from summarizer.text.nlp import parse


def readings(sentence: str) -> list[tuple[str, float | None, str]]:
    doc = parse(sentence)
    return [
        (r.measure, r.quantity.low, sentence[r.start : r.end])
        for r in join_headline_lists(doc, read_counts(doc))
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "N people, one more hurt": the group and the one person after the comma.
        ("3 firefighters, woman injured in Elm County blaze", [("injured", 4, "3 firefighters, woman")]),
        ("2 teens, woman wounded in Elm Street shooting", [("injured", 3, "2 teens, woman")]),
        # Not a list: a number of days, or a count of the dead before the comma.
        ("After 3 days, a woman was injured.", [("injured", 1, "a woman")]),
        ("Two dead, woman hurt in crash", [("killed", 2, "Two"), ("injured", 1, "woman")]),
    ],
)
def test_headline_lists(sentence: str, expected: list[tuple[str, float | None, str]]) -> None:
    assert readings(sentence) == expected
