"""The gazetteer and the place hierarchy built on it: one table per question (no article text)."""

from __future__ import annotations

import pytest

from summarizer.text.gazetteer import Level, lookup, us_state
from summarizer.text.places import (
    DEFAULT_PLACE_ALIASES,
    PlaceRef,
    is_care_facility,
    parse_place,
    place_within,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Texas", "Texas"),
        ("Tex.", "Texas"),
        ("Calif.", "California"),
        ("Fla.", "Florida"),
        ("TX", "Texas"),
        ("N.Y.", "New York"),
        ("Miss", None),  # a title without its period is no state
        ("tx", None),  # postal codes only in capitals
        ("Gotham", None),
    ],
)
def test_us_state_names_and_abbreviations(text: str, expected: str | None) -> None:
    assert us_state(text) == expected


@pytest.mark.parametrize(
    ("name", "level", "within"),
    [
        ("Houston", Level.TOWN, ("texas", "united states")),
        ("Broward County", Level.COUNTY, ("florida", "united states")),
        ("Ohio", Level.STATE, ("united states",)),
        ("Aceh", Level.STATE, ("indonesia",)),
        ("Portugal", Level.COUNTRY, ()),
    ],
)
def test_lookup_knows_levels_and_containers(name: str, level: Level, within: tuple[str, ...]) -> None:
    assert any(k.level == level and k.within == within for k in lookup(name))


def test_lookup_keeps_every_reading() -> None:
    assert {k.level for k in lookup("Georgia")} == {Level.COUNTRY, Level.STATE}
    assert lookup("Nowhereville Flats") == ()


def _ref(text: str) -> PlaceRef:
    ref = parse_place(text, DEFAULT_PLACE_ALIASES)
    assert ref is not None
    return ref


@pytest.mark.parametrize(
    ("inner", "outer", "expected"),
    [
        ("Houston", "Texas", True),  # gazetteer: a town in its state
        ("Houston", "United States", True),
        ("Springdale, Ohio", "Ohio", True),  # the text says so: unknown town, named state
        ("Fort Myers Airport", "Fort Myers", True),  # a facility named after its town
        ("Central Norland district", "Norland province", True),  # admin levels and names
        ("Texas", "Houston", False),  # never the other way round
        ("Houston", "Ohio", False),
        ("Houston", "Houston", False),
        ("West Virginia", "Virginia", False),
    ],
)
def test_place_within_by_text_and_gazetteer(inner: str, outer: str, expected: bool) -> None:
    assert place_within(_ref(inner), _ref(outer)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("St. Mary's Hospital", True),
        ("Lakeside Medical Center", True),
        ("a clinic", True),
        ("Fort Myers Airport", False),
        ("Springdale", False),
    ],
)
def test_care_facilities_are_where_people_were_taken(text: str, expected: bool) -> None:
    assert is_care_facility(text) is expected
