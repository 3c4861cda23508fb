"""The one figure formatter: numbers, intervals and quantities in symbols and in words."""

from __future__ import annotations

import pytest

from summarizer.schemas import Number, Quantity
from summarizer.text.figures import (
    describe_interval,
    describe_quantity,
    describe_stated,
    format_figure,
    format_interval,
    format_quantity,
    format_stated,
    strict_high,
    strict_low,
)
from summarizer.text.quantities import parse_quantity


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12000, "12,000"), (3.0, "3"), (2.5, "2.5"), (6.125, "6.12"), (1234.5, "1,234.5"), (0, "0")],
)
def test_format_figure(value: float, expected: str) -> None:
    assert format_figure(value) == expected


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (Quantity(phrase="between 11 and 19", low=11, high=19), "11–19"),
        (Quantity(phrase="more than 20", low=21, hedge="more than"), ">20"),
        (Quantity(phrase="at least nine", low=9, hedge="at least"), "≥9"),
        (Quantity(phrase="fewer than 10", high=9, hedge="fewer than"), "<10"),
        (Quantity(phrase="under 5 km", high=5, hedge="under", unit="km"), "<5 km"),
        (
            Quantity(phrase="nearly 40", high=40, nominal=40, approximate=True, hedge="nearly"),
            "≤40 (nearly 40)",
        ),
        (Quantity(phrase="under 40ish", high=40, nominal=40, approximate=True), "≤40 (about 40)"),
        (Quantity(phrase="about 80", nominal=80, approximate=True, hedge="about"), "~80"),
        (Quantity(phrase="dozens", low=12, vague="dozens"), "≥12 (dozens)"),
        (Quantity(phrase="about 80 percent", nominal=80, approximate=True, unit="percent"), "~80%"),
        (Quantity(phrase="11 to 19 percent", low=11, high=19, unit="percent"), "11–19%"),
        (Quantity(phrase="more than 5%", low=5.01, unit="%"), "≥5.01%"),
        (Quantity(phrase="more than 5%", low=5, unit="%", hedge="more than"), ">5%"),
        (Quantity(phrase="five", low=5, high=5, nominal=5), "5"),
        (Quantity(phrase="some 5", low=5, high=5, nominal=5, approximate=True, hedge="some"), "~5"),
        (Quantity(phrase="12,000", low=12000, high=12000), "12,000"),
        (Quantity(phrase="7.5 metres", low=7.5, high=7.5, unit="m"), "7.5 m"),
        (Quantity(phrase="3.0", low=3.0, high=3.0), "3"),
        (
            Quantity(phrase="about 10 to 15", low=10, high=15, approximate=True, hedge="about"),
            "10–15 (about)",
        ),
        (Quantity(phrase="many", vague="many"), "unspecified (many)"),
        (Quantity(phrase="80", nominal=80), "80"),
    ],
)
def test_format_quantity(quantity: Quantity, expected: str) -> None:
    assert format_quantity(quantity) == expected


# Phrases read by the quantity parser, then shown: the open bound as it was written.
PARSED = [
    ("more than 800,000 homes", ">800,000", "more than 800,000"),
    ("over 20 boats", ">20", "more than 20"),
    ("in excess of 3,000 sacks of grain", ">3,000", "more than 3,000"),
    ("at least 9 ferries", "≥9", "at least 9"),
    ("fewer than 10 buses", "<10", "fewer than 10"),
    ("less than 2.5 km", "<2.5 km", "less than 2.5 km"),
    ("between 11 and 19 lorries", "11–19", "11 to 19"),
    ("nearly 40 bridges", "≤40 (nearly 40)", "nearly 40"),
    ("about 80 farms", "~80", "about 80"),
    ("dozens of villages", "≥12 (dozens)", "dozens (at least 12)"),
    ("45 percent of the harvest", "45%", "45 percent"),
]


@pytest.mark.parametrize(("phrase", "symbols", "words"), PARSED)
def test_parsed_phrases_shown_as_written(phrase: str, symbols: str, words: str) -> None:
    quantity = parse_quantity(phrase)
    assert quantity is not None
    assert (format_quantity(quantity), describe_quantity(quantity)) == (symbols, words)


def test_the_interval_itself_is_unchanged() -> None:
    quantity = parse_quantity("more than 800,000 homes")
    assert quantity is not None
    assert (quantity.low, quantity.high, strict_low(quantity), strict_high(quantity)) == (
        800_001,
        None,
        800_000,
        None,
    )


@pytest.mark.parametrize(
    ("low", "high", "unit", "expected"),
    [
        (None, None, None, "unspecified"),
        (1000, None, None, "≥1,000"),
        (None, 6000, None, "≤6,000"),
        (15, 23, None, "15–23"),
        (8.0, 8.0, None, "8"),
        (0.25, 0.5, "percent", "0.25–0.5%"),
    ],
)
def test_format_interval(low: Number | None, high: Number | None, unit: str | None, expected: str) -> None:
    assert format_interval(low, high, unit) == expected


def test_format_interval_shows_a_strict_bound_its_claims_state() -> None:
    stated = Quantity(phrase="more than 800,000", low=800_001, hedge="more than")
    inclusive = Quantity(phrase="at least 800,001", low=800_001, hedge="at least")
    assert format_interval(800_001, None, None, [stated]) == ">800,000"
    assert format_interval(800_001, None, None, [inclusive]) == "≥800,001"
    assert format_interval(12, None, None, [stated]) == "≥12"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (19, 19, "19"),
        (11, 19, "11 to 19"),
        (21, None, "at least 21"),
        (21, float("inf"), "at least 21"),
        (None, 40, "at most 40"),
        (None, None, "an unstated figure"),
    ],
)
def test_describe_interval(low: float | None, high: float | None, expected: str) -> None:
    assert describe_interval(low, high) == expected


def test_describe_quantity() -> None:
    assert [
        describe_quantity(Quantity(phrase="x", low=11, high=19)),
        describe_quantity(Quantity(phrase="x", low=21)),
        describe_quantity(Quantity(phrase="x", high=40, nominal=40, approximate=True)),
        describe_quantity(Quantity(phrase="x", nominal=80, approximate=True, unit="percent")),
        describe_quantity(Quantity(phrase="x", low=12, vague="dozens")),
        describe_quantity(Quantity(phrase="x", low=6.1, high=6.1)),
    ] == ["11 to 19", "at least 21", "nearly 40", "about 80 percent", "dozens (at least 12)", "6.1"]


OPEN = [
    Quantity(phrase="more than 20", low=21, hedge="more than"),
    Quantity(phrase="at least nine", low=9, hedge="at least"),
    Quantity(phrase="fewer than 10", high=9, hedge="fewer than"),
    Quantity(phrase="up to 40", high=40, hedge="up to"),
    Quantity(phrase="three", low=3, high=3, nominal=3),
]


@pytest.mark.parametrize(
    ("value", "symbols", "words"),
    [
        (21, ">20", "more than 20"),
        (9, "≥9", "at least 9"),
        (3, "3", "3"),
        (40, "≤40", "at most 40"),
        (5, "5", "5"),
        (None, "—", "an unstated number"),
    ],
)
def test_a_figure_is_shown_as_its_sources_state_it(value: int | None, symbols: str, words: str) -> None:
    assert (format_stated(value, OPEN), describe_stated(value, OPEN)) == (symbols, words)


def test_a_figure_some_source_states_exactly_is_not_a_bound() -> None:
    assert format_stated(9, [*OPEN, Quantity(phrase="nine", low=9, high=9, nominal=9)]) == "9"
    assert format_stated(9, OPEN, unit="km") == "≥9 km"
