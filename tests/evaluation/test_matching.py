"""The scorer's matching rules, one table of hand-made pairs per rule (no article text)."""

from __future__ import annotations

import pytest

from summarizer.evaluation.matching import (
    places_match,
    quotes_match,
    spans_match,
    speakers_match,
    texts_match,
)
from summarizer.schemas import Span, SpanStatus


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Kyiv", "Kiev", True),
        ("Kyiv", "kyiv.", True),
        ("Kyiv city", "Kyiv", True),
        ("Harris County", "harris", True),
        ("Aceh province", "Aceh", True),
        ("Odesa area", "Odessa", True),
        ("Zürich", "Zurich", True),
        ("Ft. Myers", "Fort Myers", True),
        ("Kharkiv and Odesa", "Odesa, Kharkiv", True),
        ("Cypress, TX", "Cypress, Texas", True),
        ("Cypress, Tex.", "Cypress, Texas", True),
        ("Cypress", "Cypress, Texas", True),
        ("Cypress, Harris County, Texas", "Cypress, Texas", True),
        ("Takengon", "Takengon (Central Aceh district)", True),
        ("Odesa and Kharkiv", "Kharkiv & Odesa", True),
        ("Cypress, California", "Cypress, Texas", False),
        ("Texas", "Cypress, Texas", False),
        ("Harris County", "Cypress, Texas", False),
        ("Bener Meriah district", "hospitals in Bener Meriah district", False),
        ("Fort Lauderdale", "Fort Lauderdale-Hollywood International Airport", False),
        ("Kharkiv", "Odesa, Kharkiv", False),
        ("Odesa", "Kharkiv and Odesa", False),
        ("Aceh province", "Central Aceh district", False),
        ("Kyiv", "Kharkiv", False),
        ("", "Kyiv", False),
        ("the city", "city", False),
    ],
)
def test_places_match_the_same_place_never_a_container_or_part(a: str, b: str, expected: bool) -> None:
    assert places_match(a, b) is expected
    assert places_match(b, a) is expected


@pytest.mark.parametrize(
    ("gold", "output", "expected"),
    [
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky", True),
        ("Volodymyr Zelenskyy", "President Volodymyr Zelenskiy", True),
        ("Adrian Garcia", "Sheriff Adrian Garcia", True),
        ("Mark Rutte", "mark rutte", True),
        ("Volodymyr Zelenskyy", "Zelenskyy", False),
        ("John Smith", "Jane Smith", False),
        ("Timmons family spokesman", "family spokesman", False),
        ("Harris County Sheriff's Office", "the sheriff's office", False),
        ("Rick Scott", "Scott Israel", False),
        ("Mark Rutte", "", False),
    ],
)
def test_speakers_match_on_the_full_name_only(gold: str, output: str, expected: bool) -> None:
    assert speakers_match(gold, output) is expected
    assert speakers_match(output, gold) is expected


def test_the_gold_role_is_an_alias_of_the_speaker() -> None:
    assert speakers_match("Ann Ortiz", "Ridgeway County Sheriff", "Ridgeway County Sheriff")
    assert speakers_match("Ann Ortiz", "Ann Ortiz", "Ridgeway County Sheriff")
    assert not speakers_match("Ann Ortiz", "the sheriff", "Ridgeway County Sheriff")
    assert not speakers_match("Ann Ortiz", "Ortiz", None)


GOLD = "We will rebuild the bridge by spring"  # 36 characters


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (GOLD, True),
        ("“We will rebuild the bridge by spring,” she said", True),  # 48 <= 54
        ("“We will rebuild the bridge by spring,” the mayor told reporters", False),  # 64 > 54
        ("We will rebuild the bridge", True),  # 26 * 1.5 = 39 >= 36
        ("rebuild the bridge", False),  # 18 * 1.5 = 27 < 36
        ("We shall rebuild the bridge by spring", False),
        ("", False),
    ],
)
def test_quote_texts_match_within_one_and_a_half_times(output: str, expected: bool) -> None:
    assert texts_match(GOLD, output) is expected


def placed(start: int, end: int) -> Span:
    return Span(text="x" * (end - start), start=start, end=end, status=SpanStatus.EXACT)


def test_quote_spans_match_with_the_same_bound() -> None:
    gold = placed(100, 140)
    assert spans_match(gold, placed(95, 155))  # 60 <= 40 * 1.5
    assert not spans_match(gold, placed(90, 161))  # 71 > 60
    assert spans_match(gold, placed(110, 140))  # 30 * 1.5 = 45 >= 40
    assert not spans_match(gold, placed(120, 140))  # 20 * 1.5 = 30 < 40
    assert not spans_match(gold, placed(130, 170))  # overlap only
    unplaced = Span(text="x", status=SpanStatus.UNGROUNDED)
    assert not spans_match(gold, unplaced)
    assert not quotes_match("a", None, "b", placed(0, 1))
