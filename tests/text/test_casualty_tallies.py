"""Casualty counts read from a tally that names the measure away from its figures ("the death
toll rose from 14 to 11"), one table per phenomenon.

Every sentence here is written for this test; none comes from an evaluation article."""

from __future__ import annotations

import pytest

from summarizer.text.counts import read_counts
from summarizer.text.nlp import parse

Row = tuple[str, str, float | None, float | None, str, str]  # measure, group, low, high, phrase, rule
Table = list[tuple[str, list[Row]]]


def readings(sentence: str) -> list[Row]:
    return [
        (r.measure, r.group, r.quantity.low, r.quantity.high, sentence[r.start : r.end], r.rule)
        for r in read_counts(parse(sentence))
    ]


# A figure revised: both "from X to Y" count the tally's measure, the old one and the new one.
REVISED_FROM_TO: Table = [
    (
        "The number of dead was raised from three to five after the collapse in Dover.",
        [
            ("killed", "people", 3, 3, "three", "tally, from"),
            ("killed", "people", 5, 5, "five", "tally, to"),
        ],
    ),
    (
        "The number of injured was revised on Monday from twelve to nine.",
        [
            ("injured", "people", 12, 12, "twelve", "tally, from"),
            ("injured", "people", 9, 9, "nine", "tally, to"),
        ],
    ),
    (
        "Officials lowered the death toll from 14 to 11 on Tuesday after the fire in Dover.",
        [
            ("killed", "people", 14, 14, "14", "tally, from"),
            ("killed", "people", 11, 11, "11", "tally, to"),
        ],
    ),
    (
        "Police revised the casualty figures from 20 to 25.",
        [
            ("casualties", "people", 20, 20, "20", "tally, from"),
            ("casualties", "people", 25, 25, "25", "tally, to"),
        ],
    ),
    (
        "The number of people hurt in the blast was corrected from 31 to 28.",
        [
            ("injured", "people", 31, 31, "31", "tally, from"),
            ("injured", "people", 28, 28, "28", "tally, to"),
        ],
    ),
    (
        "The injury count went up from six to eight.",
        [
            ("injured", "people", 6, 6, "six", "tally, from"),
            ("injured", "people", 8, 8, "eight", "tally, to"),
        ],
    ),
]

# A figure that moved "to" a new one, the old one after "up from"; a change "by" is no count.
CHANGED_TO: Table = [
    (
        "The number of victims rose to seven, the coroner said.",
        [("victims", "victims", 7, 7, "seven", "tally, to")],
    ),
    (
        "The county raised the number of people killed to 13 on Friday.",
        [("killed", "people", 13, 13, "13", "tally, to")],
    ),
    ("The death toll rose by two to 13 on Sunday.", [("killed", "people", 13, 13, "13", "tally, to")]),
    (
        "The toll climbed to 11, up from 5 on Monday.",
        [("killed", "people", 11, 11, "11", "tally, to"), ("killed", "people", 5, 5, "5", "tally, from")],
    ),
    (
        "The number of people who died has risen to at least 9.",
        [("killed", "people", 9, None, "at least 9", "tally, to")],
    ),
]

# The tally's own participle moves it, or names its measure: "the toll, revised from ...",
# "the number killed".
PARTICIPLES_ON_THE_TALLY: Table = [
    (
        "The toll, revised from 14 to 11 on Tuesday, includes two firefighters.",
        [
            ("killed", "people", 14, 14, "14", "tally, from"),
            ("killed", "people", 11, 11, "11", "tally, to"),
        ],
    ),
    ("The number killed rose to 7 on Friday.", [("killed", "people", 7, 7, "7", "tally, to")]),
    ("By noon the number injured had climbed to 45.", [("injured", "people", 45, 45, "45", "tally, to")]),
]

# An old figure "from" only where a change is said (as the reconciler's revision cues read it).
OLD_FIGURES: Table = [
    (
        "Divers found two more bodies, bringing the death toll from 5 to 7.",
        [("killed", "people", 5, 5, "5", "tally, from"), ("killed", "people", 7, 7, "7", "tally, to")],
    ),
    (
        "The toll stands at 11, up from 5 on Monday.",
        [("killed", "people", 11, 11, "11", "tally, at"), ("killed", "people", 5, 5, "5", "tally, from")],
    ),
    ("The toll stood at 11 from 5 on Monday.", [("killed", "people", 11, 11, "11", "tally, at")]),
]

# A tally at a level, with no change: "stands at", "put ... at", "reached".
AT_A_LEVEL: Table = [
    ("The death toll now stands at 30.", [("killed", "people", 30, 30, "30", "tally, at")]),
    ("Authorities put the number of injured at 40.", [("injured", "people", 40, 40, "40", "tally, at")]),
    (
        "The death toll in the capital is 4, the ministry said.",
        [("killed", "people", 4, 4, "4", "tally, at")],
    ),
    ("The toll has reached 12, officials said.", [("killed", "people", 12, 12, "12", "tally, at")]),
]

# A tally of anything but casualties, and a figure of another clause, are not read.
NOT_CASUALTY_TALLIES: Table = [
    ("The number of calls rose from 10 to 50.", []),
    ("The number of students rose from 300 to 450 this year after the shooting.", []),
    ("The total of donations climbed to 80 on Monday.", []),
    (
        "The toll rose to 11 after divers pulled 3 more bodies from the river.",
        [("killed", "people", 11, 11, "11", "tally, to")],
    ),
    (
        "The death toll climbed to 6 as the fire spread from 2 to 5 warehouses.",
        [("killed", "people", 6, 6, "6", "tally, to")],
    ),
]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    REVISED_FROM_TO + CHANGED_TO + PARTICIPLES_ON_THE_TALLY + OLD_FIGURES + AT_A_LEVEL + NOT_CASUALTY_TALLIES,
)
def test_tallies(sentence: str, expected: list[Row]) -> None:
    assert readings(sentence) == expected
