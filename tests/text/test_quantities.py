"""Quantity phrases to intervals. Most phrases are copied verbatim from the dev articles."""

from __future__ import annotations

import json

import pytest
from paths import DEV, shared
from pydantic import ValidationError

from summarizer.schemas import Number, Quantity
from summarizer.text.quantities import (
    ACLED_DEFAULT,
    QuantityMatch,
    VagueTable,
    find_quantities,
    parse_quantity,
)

Expected = tuple[Number | None, Number | None, bool, Number | None, str | None, str | None]

# phrase -> (low, high, approximate, nominal, vague, unit)
PHRASES: list[tuple[str, Expected]] = [
    # c00 clashreport
    ("killing one and injuring dozens", (1, 1, False, 1, None, None)),
    ("injuring dozens", (12, None, False, None, "dozens", None)),
    ("killed at least one person in Kyiv", (1, None, False, None, None, None)),
    ("injured more than 20 across the two cities", (21, None, False, None, None, None)),
    ("Russia launched 375 drones and 21 missiles overnight", (375, 375, False, 375, None, None)),
    ("and 21 missiles overnight", (21, 21, False, 21, None, None)),
    ("and two Zircon hypersonic missiles", (2, 2, False, 2, None, None)),
    ("strikes were recorded in at least four districts", (4, None, False, None, None, None)),
    ("one person was killed and four injured", (1, 1, False, 1, None, None)),
    ("three of whom were hospitalized", (3, 3, False, 3, None, None)),
    ("Nearly 6,000 buildings in the capital were left without heating", (None, 6000, True, 6000, None, None)),
    ("around minus 10 to minus 12 degrees Celsius", (-12, -10, True, None, None, "celsius")),
    ("more than 800,000 people in Kyiv", (800001, None, False, None, None, None)),
    (
        "another 400,000 in Chernihiv region were left without power",
        (400000, 400000, False, 400000, None, None),
    ),
    ("located roughly 30 km from the Russian border", (None, None, True, 30, None, "km")),
    ("25 drones struck multiple districts", (25, 25, False, 25, None, None)),
    ("injuring between 11 and 19 people, including a child", (11, 19, False, None, None, None)),
    ("Russia currently occupies roughly 20% of Ukrainian territory", (None, None, True, 20, None, "percent")),
    ("With temperatures near minus 20 degrees Celsius", (None, None, True, -20, None, "celsius")),
    ("have left millions vulnerable", (1_000_000, None, False, None, "millions", None)),
    # c00 nextfin
    ("at least nine fatalities", (9, None, False, None, None, None)),
    ("dozens of injuries", (12, None, False, None, "dozens", None)),
    ("a passenger train carrying nearly 300 people", (None, 300, True, 300, None, None)),
    ("struck by three Geran-2 drones", (3, 3, False, 3, None, None)),
    ("killing five passengers", (5, 5, False, 5, None, None)),
    ("three dead and 35 injured", (3, 3, False, 3, None, None)),
    ("approximately 80 percent of the city", (None, None, True, 80, None, "percent")),
    (
        "leaving hundreds of thousands without heating",
        (100_000, None, False, None, "hundreds of thousands", None),
    ),
    ("the capture of 17 settlements", (17, 17, False, 17, None, None)),
    ("only about 60 percent of its peak electricity needs", (None, None, True, 60, None, "percent")),
    (
        "already estimated in the hundreds of billions",
        (10**11, None, False, None, "hundreds of billions", None),
    ),
    # c02
    ("Two teens dead, 19 injured", (2, 2, False, 2, None, None)),
    ("nearly two dozen people shot", (None, 24, True, 24, None, None)),
    ("at least 20 people were injured", (20, None, False, None, None, None)),
    ("Queric Richardson, a 17-year-old student", (17, 17, False, 17, None, "age")),
    ("one of 18 survivors who reportedly suffered gunshot wounds", (1, 1, False, 1, None, None)),
    ("close to 100 people were present", (None, 100, True, 100, None, None)),
    ("the shooting went on for three to five minutes", (3, 5, False, None, None, "minute")),
    ("investigators arrived within five minutes", (5, 5, False, 5, None, "minute")),
    ("In all, 16 people were treated for gunshot wounds", (16, 16, False, 16, None, None)),
    ("Willie Young, 21, and Randy Stewart, 18, have been arrested", (21, 21, False, 21, None, "age")),
    ("left 22 other people injured", (22, 22, False, 22, None, None)),
    ("attended by over 100 people", (101, None, False, None, None, None)),
    ("drew more than 100 people", (101, None, False, None, None, None)),
    ("most of them 17- to 19-year-olds", (17, 19, False, None, None, "age")),
    ("at least 22 others were injured", (22, None, False, None, None, None)),
    ("they clarified Sunday that 20 were hurt", (20, 20, False, 20, None, None)),
    ("four others varying injuries", (4, 4, False, 4, None, None)),
    ("one who’s about 17 years old", (1, 1, False, 1, None, None)),
    ("about 17 years old", (None, None, True, 17, None, "age")),
    ("about 25 miles northwest of Houston", (None, None, True, 25, None, "mi")),
    ("The party was attended by some 100 people", (None, None, True, 100, None, None)),
    ("he heard five to 10 shots", (5, 10, False, None, None, None)),
    ("a crowd of at least 30 people", (30, None, False, None, None, None)),
    ("outside the two-story brick home", (2, 2, False, 2, None, "story")),
    ("suspects -- ages 17 and 22", (17, 17, False, 17, None, "age")),
    # c06
    ("Five people were killed and six injured", (5, 5, False, 5, None, None)),
    ("slender, 5-foot-7 and wearing a blue T-shirt", (5, 5, False, 5, None, "ft")),
    ("authorities have interviewed 175 witnesses", (175, 175, False, 175, None, None)),
    ("The number of injured was revised Saturday from eight to six", (8, 8, False, 8, None, None)),
    ("It had been shut down for 16 hours", (16, 16, False, 16, None, "hour")),
    ("handles about 586 commercial flights daily", (None, None, True, 586, None, None)),
    ("another 17 were delayed", (17, 17, False, 17, None, None)),
    ("Four of the helpless victims", (4, 4, False, 4, None, None)),
    ("just three weeks shy of their 51st wedding anniversary", (3, 3, False, 3, None, "week")),
    ("Five dead, 8 wounded", (5, 5, False, 5, None, None)),
    ("a 16-day cruise with his wife Ann", (16, 16, False, 16, None, "day")),
    ("shown with his wife of 40 years", (40, 40, False, 40, None, "year")),
    ("Five people were killed and at least six wounded", (5, 5, False, 5, None, None)),
    ("at least six wounded in the gunfire", (6, None, False, None, None, None)),
    ("The fourth victim, Olga Woltering, 84, was preparing", (84, 84, False, 84, None, "age")),
    ("5 Dead, 6 Wounded", (5, 5, False, 5, None, None)),
    (
        "More than 24 hours after the tragic Fort Lauderdale-Hollywood Airport shooting",
        (24, None, False, None, None, "hour"),
    ),
    ("dozens of people lined up with their hands up", (12, None, False, None, "dozens", None)),
    ("went through about three magazines", (None, None, True, 3, None, None)),
    ("of 30 people transported to hospitals from the airport", (30, 30, False, 30, None, None)),
    ("29 were taken to Broward Health Medical Center", (29, 29, False, 29, None, None)),
    ("All flights within 50 miles", (50, 50, False, 50, None, "mi")),
    ("He had what looked like a 9mm", (9, 9, False, 9, None, "mm")),
    ("and nearly 40 injured", (None, 40, True, 40, None, None)),
    ("Five people are dead, six more shot", (5, 5, False, 5, None, None)),
    # c08
    ("6.1-magnitude quake strikes Indonesia's Aceh province", (6.1, 6.1, False, 6.1, None, "magnitude")),
    ("AN EARTHQUAKE killed six children and left 14 others trapped", (6, 6, False, 6, None, None)),
    ("bringing the confirmed death toll from the disaster to 11", (11, 11, False, 11, None, None)),
    ("left hundreds more injured", (100, None, False, None, "hundreds", None)),
    ("an estimated 14 children still trapped under the rubble", (None, None, True, 14, None, None)),
    ("a shallow depth of just 10 kilometres", (10, 10, False, 10, None, "km")),
    ("damaged more than 300 houses in Aceh", (301, None, False, None, None, None)),
    ("two aftershocks of more than 5.0 magnitude", (2, 2, False, 2, None, None)),
    ("aftershocks of more than 5.0 magnitude", (5.0, None, False, None, None, "magnitude")),
    ("We have received around 50 people with injuries", (None, None, True, 50, None, None)),
    ("The quake was felt strongly for around 15 seconds", (None, None, True, 15, None, "second")),
    ("a tsunami that killed 170,000 people in the province", (170000, 170000, False, 170000, None, None)),
    (
        "and tens of thousands more in countries around the Indian Ocean",
        (10_000, None, False, None, "tens of thousands", None),
    ),
    (
        "an 8.6-magnitude quake struck 431 kilometres off Banda Aceh",
        (8.6, 8.6, False, 8.6, None, "magnitude"),
    ),
    ("struck 431 kilometres off Banda Aceh", (431, 431, False, 431, None, "km")),
    ("killed more than 1000 people", (1001, None, False, None, None, None)),
    (
        "Earthquake Of Magnitude 6.1 Strikes Indonesia's Aceh Province Killing One",
        (6.1, 6.1, False, 6.1, None, "magnitude"),
    ),
    ("Strikes Indonesia's Aceh Province Killing One", (1, 1, False, 1, None, None)),
    (
        "A magnitude-6.1 earthquake struck Indonesia's Aceh province",
        (6.1, 6.1, False, 6.1, None, "magnitude"),
    ),
    ("killing at least one and leaving two others missing", (1, None, False, None, None, None)),
    ("which originated six miles beneath the surface", (6, 6, False, 6, None, "mi")),
    ("a 25,000-mile-long stretch", (25000, 25000, False, 25000, None, "mi")),
    ("killed about 230,000 people across Asia", (None, None, True, 230000, None, None)),
    ("a massive 9.1-magnitude quake off Aceh", (9.1, 9.1, False, 9.1, None, "magnitude")),
    ("some 320 kilometers from the provincial capital", (None, None, True, 320, None, "km")),
    ("Around 40 houses were damaged by the quake", (None, None, True, 40, None, None)),
    ("killed more than 1,000 people", (1001, None, False, None, None, None)),
    (
        "24 dead and over 200 injured as 6.1 magnitude quake hits Aceh province",
        (24, 24, False, 24, None, None),
    ),
    ("over 200 injured as 6.1 magnitude quake", (201, None, False, None, None, None)),
    ("Twelve people were killed and 70 others were injured", (12, 12, False, 12, None, None)),
    ("about 1,500 houses and buildings were damaged", (None, None, True, 1500, None, None)),
    (
        "caused hundreds of people to be evacuated to 10 temporary shelters",
        (100, None, False, None, "hundreds", None),
    ),
    ("Another two people are also reported to have been killed", (2, 2, False, 2, None, None)),
    ("We have recorded 24 people dead and 249 people injured", (24, 24, False, 24, None, None)),
    ("at least 25 of the injured in his district", (25, None, False, None, None, None)),
    ("Bensu Elianita, a 22-year-old resident", (22, 22, False, 22, None, "age")),
    ("killed 230,000 people in 14 countries", (230000, 230000, False, 230000, None, None)),
    # forms the dev articles lack
    ("twenty-two people", (22, 22, False, 22, None, None)),
    ("two hundred and fifty homes", (250, 250, False, 250, None, None)),
    ("1.5 million people", (1_500_000, 1_500_000, False, 1_500_000, None, None)),
    ("three million refugees", (3_000_000, 3_000_000, False, 3_000_000, None, None)),
    ("a dozen", (12, 12, False, 12, None, None)),
    ("more than a dozen", (13, None, False, None, None, None)),
    ("half a dozen", (6, 6, False, 6, None, None)),
    ("scores of people", (20, None, False, None, "scores", None)),
    ("thousands fled", (1000, None, False, None, "thousands", None)),
    ("several hundred protesters", (100, None, False, None, "several hundred", None)),
    ("fewer than 10 people", (None, 9, False, None, None, None)),
    ("less than 2.5 percent", (None, 2.5, False, None, None, "percent")),
    ("up to 30 people", (None, 30, False, None, None, None)),
    ("as many as 30 people", (None, 30, False, None, None, None)),
    ("almost 50 homes", (None, 50, True, 50, None, None)),
    ("10-15 people", (10, 15, False, None, None, None)),
    ("10–15 people", (10, 15, False, None, None, None)),
    ("two or three people", (2, 3, False, None, None, None)),
    ("1.5 to 2 million people", (1_500_000, 2_000_000, False, None, None, None)),
    ("20 or more people", (20, None, False, None, None, None)),
    ("a dozen or so", (None, None, True, 12, None, None)),
    ("20-plus victims", (20, None, False, None, None, None)),
    ("$5 million in damage", (5_000_000, 5_000_000, False, 5_000_000, None, "USD")),
    ("over 2 million", (2_000_001, None, False, None, None, None)),
]


def as_tuple(phrase: str) -> Expected | None:
    quantity = parse_quantity(phrase)
    if quantity is None:
        return None
    return (
        quantity.low,
        quantity.high,
        quantity.approximate,
        quantity.nominal,
        quantity.vague,
        quantity.unit,
    )


@pytest.mark.parametrize(("phrase", "expected"), PHRASES, ids=[p for p, _ in PHRASES])
def test_parse_quantity(phrase: str, expected: Expected) -> None:
    assert as_tuple(phrase) == expected


NOT_QUANTITIES = [
    "Kh-22 and Kh-32 cruise missiles",
    "which it illegally annexed in 2014",
    "since Russia’s full-scale invasion in 2022",
    "on Oct. 3 that targeted energy",
    "January 24, 2026Clash Report",
    "On Jan. 22, NATO Secretary General Mark Rutte warned",
    "The violence unfolded just before 11pm Saturday",
    "in the 7300 block of Enchanted Creek Drive near FM 529",
    "call HCSO Homicide at 713-967-5810 or Crime Stoppers at 713-222-TIPS",
    "a helicopter and a CN-235 aircraft",
    "aboard Delta Flight 1088",
    "the 18th birthday of Mariah Boulden",
    "WEDNESDAY 03 JULY 2013",
    "on July 02 2013 7: 41 AM",
    "(Published Friday, Jan. 6, 2017)",
    "in the baggage claim of terminal two",
    "at 1617 Southeast 17th Street in Fort Lauderdale",
    "from April 2004 through 2010",
    "No one was hurt",
    "Two-thirds of",
    "called 911",
    "http://www.news.com.au/world-news/magnitude-quake-strikes/story-fndir2ev-1226673361487",
]


@pytest.mark.parametrize("text", NOT_QUANTITIES)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def spans(text: str) -> list[tuple[str, Number | None, Number | None]]:
    return [(text[m.start : m.end], m.quantity.low, m.quantity.high) for m in find_quantities(text)]


def test_find_quantities_on_a_strike_report() -> None:
    text = (
        "Ukraine’s air force said Russia launched 375 drones and 21 missiles overnight, including "
        "Iskander ballistic missiles, Kh-22 and Kh-32 cruise missiles, and two Zircon hypersonic missiles, "
        "alongside Shahed drones."
    )
    assert spans(text) == [("375", 375, 375), ("21", 21, 21), ("two", 2, 2)]


def test_find_quantities_keeps_hedges_and_units_in_the_span() -> None:
    text = (
        "Nearly 6,000 buildings in the capital were left without heating as temperatures fell to "
        "around minus 10 to minus 12 degrees Celsius."
    )
    assert spans(text) == [
        ("Nearly 6,000", None, 6000),
        ("around minus 10 to minus 12 degrees Celsius", -12, -10),
    ]
    assert find_quantities(text)[1] == QuantityMatch(
        start=88,
        end=131,
        quantity=Quantity(
            phrase="around minus 10 to minus 12 degrees Celsius",
            low=-12,
            high=-10,
            approximate=True,
            hedge="around",
            unit="celsius",
        ),
    )


def test_find_quantities_skips_dates_models_and_ages() -> None:
    text = (
        "In Kharkiv, located roughly 30 km from the Russian border, Mayor Ihor Terekhov said 25 drones "
        "struck multiple districts, injuring between 11 and 19 people, including a child. The assault "
        "echoed previous large-scale strikes, including one on Oct. 3 that targeted energy and gas "
        "facilities using Shahed drones, Kh-59 and Kh-69 cruise missiles."
    )
    assert spans(text) == [
        ("roughly 30 km", None, None),
        ("25", 25, 25),
        ("between 11 and 19", 11, 19),
        ("one", 1, 1),
    ]


def test_find_quantities_reads_a_revision_as_two_figures() -> None:
    text = (
        "The number of injured was revised Saturday from eight to six. "
        "Three of the victims are in good condition."
    )
    assert spans(text) == [("eight", 8, 8), ("six", 6, 6), ("Three", 3, 3)]


# A change "by" one figure "to" another is two figures; "by X to Y" after anything else is a range.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The toll rose by two to 13 on Sunday.", [("two", 2, 2), ("13", 13, 13)]),
        ("Officials revised the count up by 3 to 20.", [("3", 3, 3), ("20", 20, 20)]),
        ("The convoy was attacked by five to 10 gunmen.", [("five to 10", 5, 10)]),
        ("Later counts pushed the toll up by four to 31.", [("four", 4, 4), ("31", 31, 31)]),
    ],
)
def test_find_quantities_reads_a_change_by_as_two_figures(
    text: str, expected: list[tuple[str, float | None, float | None]]
) -> None:
    assert spans(text) == expected


def test_find_quantities_on_a_headline_with_dates_and_times() -> None:
    text = (
        "Earthquake Of Magnitude 6.1 Strikes Indonesia's Aceh Province Killing One\n"
        "on July 02 2013 7: 41 AM\n"
        "A magnitude-6.1 earthquake struck Indonesia's Aceh province on Tuesday at 07: 37 a. m. UTC "
        "(3: 37 a. m. EDT), killing at least one and leaving two others missing."
    )
    assert spans(text) == [
        ("Magnitude 6.1", 6.1, 6.1),
        ("One", 1, 1),
        ("magnitude-6.1", 6.1, 6.1),
        ("at least one", 1, None),
        ("two", 2, 2),
    ]


def test_find_quantities_reads_ages_in_apposition() -> None:
    text = "Willie Young, 21, and Randy Stewart, 18, have been arrested. In all, 16 people were treated."
    found = [(text[m.start : m.end], m.quantity.unit) for m in find_quantities(text)]
    assert found == [("21", "age"), ("18", "age"), ("16", None)]


def test_find_quantities_offsets() -> None:
    text = "Five dead, 8 wounded after shooting at Fort Lauderdale Airport"
    assert [(m.start, m.end) for m in find_quantities(text)] == [(0, 4), (11, 12)]


def test_phrase_is_the_matched_text() -> None:
    quantity = parse_quantity("Indonesia earthquake: 24 dead and over 200 injured")
    assert quantity is not None
    assert quantity.phrase == "24"
    assert find_quantities("and over 200 injured")[0].quantity.phrase == "over 200"
    assert find_quantities("and over 200 injured")[0].quantity.hedge == "over"


def test_parse_quantity_without_a_number() -> None:
    assert parse_quantity("his wife and another woman were missing at the site") is None


# --------------------------------------------------------------------------- the vague-word table


def test_acled_default_table() -> None:
    assert ACLED_DEFAULT.bounds("Dozens") == (12, None)
    assert ACLED_DEFAULT.bounds("tens  of thousands") == (10_000, None)
    assert ACLED_DEFAULT.bounds("several") is None


def test_custom_vague_table() -> None:
    table = VagueTable(words={"dozens": (24, 99), "a handful": (3, 5), "Hundreds": (200, 999)})
    dozens = parse_quantity("injuring dozens", table)
    assert dozens is not None
    assert (dozens.low, dozens.high, dozens.vague) == (24, 99, "dozens")
    handful = parse_quantity("a handful of people", table)
    assert handful is not None
    assert (handful.low, handful.high, handful.vague, handful.phrase) == (3, 5, "a handful", "a handful")
    hundreds = parse_quantity("left hundreds more injured", table)
    assert hundreds is not None
    assert (hundreds.low, hundreds.high) == (200, 999)
    # Words the table leaves out are no quantity; numbers are read as always.
    assert parse_quantity("thousands fled", table) is None
    assert parse_quantity("killing five passengers", table) == parse_quantity("killing five passengers")


def test_vague_table_rejects_inverted_bounds() -> None:
    with pytest.raises(ValidationError):
        VagueTable(words={"dozens": (24, 12)})


# --------------------------------------------------------------------------- the annotations


# Gold claims whose figure is not a quantity phrase: an ordinal, a partitive ("four of the
# victims" read as at least four killed), a count of named people. Reading these is the
# labeller's job, not the parser's.
NOT_PHRASE_CLAIMS = [
    ("A 19th victim has a broken leg, officials said", 1, 1),
    ("Four of the helpless victims gunned down by a madman", 4, None),
    ("Three of those killed were vacationing with their spouse", 3, None),
    ("his wife and another woman were missing at the site", 2, 2),
    ("his wife and another woman were missing at the site", 2, 2),
]


def test_every_annotated_interval_is_found() -> None:
    shared(DEV)
    missed = []
    checked = 0
    for path in sorted(DEV.glob("*/annotations.json")):
        for claim in json.loads(path.read_text(encoding="utf-8"))["claims"]:
            checked += 1
            intervals = [(m.quantity.low, m.quantity.high) for m in find_quantities(claim["evidence"])]
            if (claim["low"], claim["high"]) not in intervals:
                missed.append((claim["evidence"], claim["low"], claim["high"]))
    assert checked >= 130
    assert missed == NOT_PHRASE_CLAIMS
