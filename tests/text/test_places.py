"""Places: normalization, parsing into head, containers and parts, containment, compatibility."""

from __future__ import annotations

import pytest

from summarizer.text.places import (
    DEFAULT_PLACE_ALIASES,
    _same_place_possible,
    named_within,
    parse_place,
    place_parser,
    places_compatible,
    places_disagree,
)

ALIASES = DEFAULT_PLACE_ALIASES


def key(text: str) -> str:
    ref = parse_place(text, ALIASES)
    assert ref is not None
    return ref.key


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Kiev", "the city of Kyiv", "KYIV."), "kyiv"),
        (("Northwood region", "Northwood Oblast"), "northwood region"),
        (("Bogotá", "Bogota"), "bogota"),
        (("Ardmore and Belcastle", "Belcastle & Ardmore"), "ardmore + belcastle"),
        (("Maple Bend, Ohio",), "maple bend, ohio"),
        (("the town of Fenwick",), "fenwick"),
    ],
)
def test_place_normalization(texts: tuple[str, ...], expected: str) -> None:
    assert [key(text) for text in texts] == [expected] * len(texts)


def test_a_region_is_not_its_city() -> None:
    assert key("Northwood region") != key("Northwood")


@pytest.mark.parametrize("text", ["the city", "there", "the area", None])
def test_words_that_point_back_name_no_place(text: str | None) -> None:
    assert parse_place(text, ALIASES) is None


def test_place_parts() -> None:
    site = parse_place("collapsed library, Little Orme village (Central Norland district)", ALIASES)
    assert site is not None
    assert (site.head, site.containers) == (
        "collapsed library",
        ("little orme village", "central norland district"),
    )
    clinics = parse_place("clinics in Vessa Hills district", ALIASES)
    assert clinics is not None
    assert (clinics.head, clinics.containers, clinics.level) == ("clinics", ("vessa hills district",), 4)
    district = parse_place("Central Norland district", ALIASES)
    assert district is not None and (district.level, district.core) == (2, ("central", "norland"))
    unstated = parse_place("unspecified location", ALIASES)
    assert unstated is not None and unstated.residual
    counted = parse_place("across the two towns", ALIASES)
    assert counted is not None and counted.counted == 2


@pytest.mark.parametrize(
    ("inner", "outer", "expected"),
    [
        ("Ardmore", "Ardmore and Belcastle", True),
        ("Corrin", "Ardmore and Belcastle", False),
        ("Harrowgate (Central Norland district)", "Central Norland district", True),
        ("Harrowgate (Central Norland district)", "Norland province", True),
        ("Central Norland district", "Norland province", True),
        ("Norland province", "Central Norland district", False),
        ("West Virginia", "Virginia", False),
        ("Ardmore", "Northwood region", False),
        ("Port Ellis-Greenway International Airport", "Port Ellis, Oregon", False),
    ],
)
def test_named_within(inner: str, outer: str, expected: bool) -> None:
    a, b = parse_place(inner, ALIASES), parse_place(outer, ALIASES)
    assert a is not None and b is not None
    assert named_within(a, b) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((), ("Ardmore",), True),
        (("Ardmore",), ("Ardmore",), True),
        (("Kiev",), ("Kyiv",), True),
        (("Maple Bend",), ("Maple Bend, Ohio",), True),
        (("Ardmore",), ("Ardmore and Belcastle",), True),
        (("Port Ellis-Greenway International Airport",), ("Port Ellis, Oregon",), True),
        (("Central Norland district",), ("Norland province",), True),
        (("Ardmore",), ("Belcastle",), False),
        (("Port Ellis, Oregon",), ("Juniper Falls, Idaho",), False),
        (("Ardmore", "Corrin"), ("Belcastle", "Corrin"), True),
    ],
)
def test_places_compatible(a: tuple[str, ...], b: tuple[str, ...], expected: bool) -> None:
    parse = place_parser(ALIASES)
    refs_a = [r for r in map(parse, a) if r is not None]
    refs_b = [r for r in map(parse, b) if r is not None]
    assert places_compatible(refs_a, refs_b) is expected
    assert places_compatible(refs_b, refs_a) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("Oregon",), ("Idaho",), True),  # two states
        (("Norland province",), ("Vessa province",), True),  # two provinces, by their admin words
        (("Boise",), ("Ohio",), True),  # a town of another state
        (("Nairobi",), ("Lima",), True),  # towns of two countries
        # a country is too coarse: the provinces decide
        (("Indonesia", "Norland province"), ("Indonesia", "Vessa province"), True),
        (("Boise",), ("Idaho",), False),  # the town lies in the state
        (("Kenya",), ("Nairobi",), False),
        (("Lyon",), ("Marseille",), False),  # two towns of one country: a suburb, a metro area
        (("Salem",), ("Marion County",), False),  # which county a town is in is not known
        (("Ardmore",), ("Belcastle",), False),  # nothing is known of either
        ((), ("Idaho",), False),
        # a place both name, though nothing is known of it, outweighs the other places named
        (("Tarnwick", "Boise"), ("Tarnwick County", "Ohio"), False),
        (("Brennick Falls", "Nairobi"), ("Brennick Falls", "Lima"), False),
    ],
)
def test_places_disagree_only_on_what_is_known(
    a: tuple[str, ...], b: tuple[str, ...], expected: bool
) -> None:
    parse = place_parser(ALIASES)
    refs_a = [r for r in map(parse, a) if r is not None]
    refs_b = [r for r in map(parse, b) if r is not None]
    assert places_disagree(refs_a, refs_b) is expected
    assert places_disagree(refs_b, refs_a) is expected


def test_parsers_answer_as_parse_place_for_their_own_alias_table() -> None:
    """Parsers share what they parsed only with parsers of the same aliases."""
    default, bare = place_parser(ALIASES), place_parser({})
    for text in (
        "Kiev",
        "Kharkov and Kiev",
        "Town12 and Town345",
        "the city of Odessa",
        "Lviv (Lvov region)",
    ):
        assert default(text) == parse_place(text, ALIASES)
        assert bare(text) == parse_place(text, {})
        assert place_parser(dict(ALIASES))(text) is default(text)
    assert default("Kiev") != bare("Kiev")


_MANY_PLACES = [
    "Ardmore", "Ardmore and Belcastle", "Corrin", "Harrowgate (Central Norland district)",
    "Central Norland district", "Norland province", "West Virginia", "Virginia", "Northwood region",
    "Port Ellis-Greenway International Airport", "Port Ellis, Oregon", "Kiev", "Kyiv",
    "Maple Bend", "Maple Bend, Ohio", "Juniper Falls, Idaho", "Boise", "Idaho", "Ohio", "Kenya",
    "Nairobi", "Lyon", "Marseille", "Salem", "Marion County", "Tarnwick", "Tarnwick County",
    "Cypress", "Texas", "Harris County", "United States", "Fort Lauderdale, Florida",
    "Fort Lauderdale-Hollywood International Airport", "Florida", "hospitals in Bener Meriah district",
    "Takengon (Central Aceh district)", "Aceh province", "Kyiv and Kharkiv", "across the two cities",
    "unspecified location", "Memorial Hospital", "Athens", "Greece", "Brooklyn", "New York City",
    "region", "Town5", "Region5 region", "Region7 region", "Lunenburg", "Lunenburg County",
    "Blang Mancung village (Central Aceh district)", "collapsed mosque, Blang Mancung village",
    "Kyiv, Ukraine", "Kharkiv oblast", "Ukraine", "Oregon", "Idaho state", "Bener Meriah",
]  # fmt: skip


def test_places_that_can_be_one_name_each_other() -> None:
    """`places_compatible` tells unrelated places apart by their names alone (`PlaceRef.names`
    and `mentions`): it may, as two places that can be one always have one name the other."""
    parse = place_parser(ALIASES)
    refs = [r for r in map(parse, _MANY_PLACES) if r is not None]
    for p in refs:
        for q in refs:
            if p.names.isdisjoint(q.mentions) and q.names.isdisjoint(p.mentions):
                assert not _same_place_possible(p, q), (p.text, q.text)
