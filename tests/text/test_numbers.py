"""Number words: one table, read in whole phrases and by the quantity scanner alike."""

from __future__ import annotations

import re

import pytest

from summarizer.text.numbers import NUMBER_PATTERN, NUMBER_WORDS, ORDINALS, TENS, UNITS, parse_number
from summarizer.text.quantities import parse_quantity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", 0),
        ("7", 7),
        ("1,500", 1500),
        ("6.5", 6.5),
        ("zero", 0),
        ("eight", 8),
        ("Nineteen", 19),
        ("twenty", 20),
        ("twenty-two", 22),
        ("ninety nine", 99),
        ("hundred", 100),
        ("a hundred", 100),
        ("two hundred and fifty", 250),
        ("three thousand", 3000),
        ("four million", 4_000_000),
        ("dozen", 12),
        ("a dozen", 12),
        ("two dozen", 24),
        ("twenty eleven", None),
        ("seven eight", None),
        ("half", None),
        ("several", None),
        ("", None),
    ],
)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


def test_one_table() -> None:
    assert UNITS["nineteen"] == 19 and TENS["ninety"] == 90
    assert {"zero", "hundred", "thousand", "dozen"} <= NUMBER_WORDS.keys()


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("The fleet grew from eight to twenty-two boats.", ["eight", "twenty-two"]),
        ("Up from a dozen, the count reached 1,050.", ["a dozen", "1,050"]),
        ("Someone said nothing of note.", []),
        ("An often-heard tone.", []),
    ],
)
def test_number_pattern_finds_numbers_in_digits_and_words(sentence: str, numbers: list[str]) -> None:
    assert re.findall(NUMBER_PATTERN, sentence, re.IGNORECASE) == numbers


@pytest.mark.parametrize(
    ("phrase", "low"),
    [
        ("nineteen kites", 19),
        ("forty-one vans", 41),
        ("two hundred and five tents", 205),
        ("a dozen carts", 12),
    ],
)
def test_the_scanner_reads_the_same_table(phrase: str, low: int) -> None:
    quantity = parse_quantity(phrase)
    assert quantity is not None and quantity.low == low


def test_ordinal_words_give_their_place() -> None:
    assert [ORDINALS[w] for w in ("first", "second", "fifth", "tenth")] == [1, 2, 5, 10]
    assert "half" not in ORDINALS and "twentieth" not in ORDINALS
