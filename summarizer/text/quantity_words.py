"""The words and tokens that quantity scanning reads: a tokenizer that masks dates, times, URLs
and phone numbers, and the vocabularies of hedges, units and the words around a number that say
it is not a count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal

VAGUE_NEEDS_OF = frozenset({"tens", "scores"})

# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: Literal["num", "word", "punct"]
    masked: bool  # inside a date, time, URL or phone number

    @property
    def low(self) -> str:
        return self.text.lower()


_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[^\w\s])"
)

_MONTH = (
    r"(?:(?i:jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|Mar(?:ch)?|MARCH|May|MAY)\b\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?\b"
_YEAR = r"(?:1[89]|2[01])\d\d\b"

# Text regions whose digits are never counts.
_NOT_QUANTITY = re.compile(
    "|".join(
        [
            r"(?:https?://|www\.)\S+",  # URLs
            r"@\w+",  # handles
            r"\b(?:\+?1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.](?:\d{4}|[A-Z]{4})\b",  # phone numbers
            r"\b\d{1,2}(?::\s?\d{2})?\s?(?:[ap]\.\s?m\.|[ap]m\b|[AP]\.\s?M\.|[AP]M\b)",  # 11pm, 07: 37 a. m.
            r"\b\d{1,2}:\s?\d{2}\b",  # 9:30
            rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?",  # Jan. 22, January 24, 2026, July 02 2013
            rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?",  # 24 January, 03 JULY 2013
            rf"\b{_MONTH},?\s+{_YEAR}",  # September 2009
            r"\b\d{1,4}[/.]\d{1,2}[/.]\d{2,4}\b",  # 10/11/2013
            r"\b\d{4}-\d{2}-\d{2}\b",  # 2026-01-24
        ]
    )
)


def tokenize(text: str) -> list[Token]:
    masked = [m.span() for m in _NOT_QUANTITY.finditer(text)]
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind: Literal["num", "word", "punct"] = (
            "num" if m.lastgroup == "num" else "word" if m.lastgroup == "word" else "punct"
        )
        inside = any(s <= m.start() < e for s, e in masked)
        tokens.append(Token(m.group(), m.start(), m.end(), kind, inside))
    return tokens


def adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


# --------------------------------------------------------------------------- vocabularies

FRACTIONS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths"})


class Hedge(Enum):
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    NEARLY = "nearly"
    ABOUT = "about"
    BETWEEN = "between"


# Hedge words before a number, longest first where they share a prefix.
HEDGES: list[tuple[tuple[str, ...], Hedge, bool]] = [  # (words, kind, approximate)
    (("at", "least"), Hedge.AT_LEAST, False),
    (("no", "fewer", "than"), Hedge.AT_LEAST, False),
    (("no", "less", "than"), Hedge.AT_LEAST, False),
    (("a", "minimum", "of"), Hedge.AT_LEAST, False),
    (("more", "than"), Hedge.MORE_THAN, False),
    (("greater", "than"), Hedge.MORE_THAN, False),
    (("in", "excess", "of"), Hedge.MORE_THAN, False),
    (("upwards", "of"), Hedge.MORE_THAN, False),
    (("well", "over"), Hedge.MORE_THAN, False),
    (("just", "over"), Hedge.MORE_THAN, True),
    (("over",), Hedge.MORE_THAN, False),
    (("up", "to"), Hedge.AT_MOST, False),
    (("as", "many", "as"), Hedge.AT_MOST, False),
    (("as", "much", "as"), Hedge.AT_MOST, False),
    (("at", "most"), Hedge.AT_MOST, False),
    (("no", "more", "than"), Hedge.AT_MOST, False),
    (("a", "maximum", "of"), Hedge.AT_MOST, False),
    (("fewer", "than"), Hedge.FEWER_THAN, False),
    (("less", "than"), Hedge.FEWER_THAN, False),
    (("just", "under"), Hedge.FEWER_THAN, True),
    (("under",), Hedge.FEWER_THAN, False),
    (("below",), Hedge.FEWER_THAN, False),
    (("nearly",), Hedge.NEARLY, True),
    (("almost",), Hedge.NEARLY, True),
    (("close", "to"), Hedge.NEARLY, True),
    (("approximately",), Hedge.ABOUT, True),
    (("approx", "."), Hedge.ABOUT, True),
    (("about",), Hedge.ABOUT, True),
    (("around",), Hedge.ABOUT, True),
    (("roughly",), Hedge.ABOUT, True),
    (("some",), Hedge.ABOUT, True),
    (("an", "estimated"), Hedge.ABOUT, True),
    (("estimated",), Hedge.ABOUT, True),
    (("circa",), Hedge.ABOUT, True),
    (("near",), Hedge.ABOUT, True),
    (("between",), Hedge.BETWEEN, False),
]

# Hedges after a number: "20 or more", "a dozen or so", "20-plus", "20+".
TRAILING_HEDGES: list[tuple[tuple[str, ...], Hedge, bool]] = [
    (("or", "more"), Hedge.AT_LEAST, False),
    (("or", "so"), Hedge.ABOUT, True),
    (("or", "fewer"), Hedge.AT_MOST, False),
    (("or", "less"), Hedge.AT_MOST, False),
    (("-", "plus"), Hedge.AT_LEAST, False),
    (("plus",), Hedge.AT_LEAST, False),
    (("+",), Hedge.AT_LEAST, False),
]

# Unit words after a number, lower case, to the unit recorded. Multi-word entries first.
UNIT_PHRASES: list[tuple[tuple[str, ...], str]] = [
    (("percentage", "points"), "percentage_point"),
    (("per", "cent"), "percent"),
    (("degrees", "celsius"), "celsius"),
    (("degrees", "fahrenheit"), "fahrenheit"),
    (("°", "c"), "celsius"),
    (("°", "f"), "fahrenheit"),
    (("years", "old"), "age"),
    (("year", "old"), "age"),
    (("-", "year", "-", "olds"), "age"),
    (("-", "year", "-", "old"), "age"),
]
UNIT_WORDS = {
    **dict.fromkeys(["percent", "pct", "%"], "percent"),
    **dict.fromkeys(["km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"], "km"),
    **dict.fromkeys(["mi", "mile", "miles"], "mi"),
    **dict.fromkeys(["m", "metre", "metres", "meter", "meters"], "m"),
    **dict.fromkeys(["cm", "centimetre", "centimetres", "centimeter", "centimeters"], "cm"),
    **dict.fromkeys(["mm", "millimetre", "millimetres", "millimeter", "millimeters"], "mm"),
    **dict.fromkeys(["ft", "foot", "feet"], "ft"),
    **dict.fromkeys(["kg", "kilogram", "kilograms", "kilo", "kilos"], "kg"),
    **dict.fromkeys(["tonne", "tonnes", "ton", "tons"], "t"),
    **dict.fromkeys(["mph"], "mph"),
    **dict.fromkeys(["second", "seconds", "sec", "secs"], "second"),
    **dict.fromkeys(["minute", "minutes", "min", "mins"], "minute"),
    **dict.fromkeys(["hour", "hours", "hr", "hrs"], "hour"),
    **dict.fromkeys(["day", "days"], "day"),
    **dict.fromkeys(["week", "weeks"], "week"),
    **dict.fromkeys(["month", "months"], "month"),
    **dict.fromkeys(["year", "years"], "year"),
    **dict.fromkeys(["degree", "degrees"], "degree"),
    **dict.fromkeys(["magnitude"], "magnitude"),
    **dict.fromkeys(["dollar", "dollars"], "USD"),
    **dict.fromkeys(["euro", "euros"], "EUR"),
}
# Units written against the digits: "30km", "9mm", "20%".
ATTACHED_UNITS = frozenset({"km", "kms", "m", "cm", "mm", "ft", "kg", "mph", "mi", "%"})
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
AGE_PREFIXES = frozenset({"aged", "age", "ages"})
MAGNITUDE_PREFIXES = frozenset({"magnitude"})

# A number right after one of these words names something ("Terminal 2", "Flight 1088", "FM 529").
DESIGNATORS = frozenset(
    {
        "flight", "flights", "terminal", "gate", "route", "highway", "hwy", "interstate", "fm", "sr",
        "chopper", "channel", "room", "article", "section", "resolution", "apollo", "platform", "track",
        "pier", "unit", "apartment", "apt", "suite", "lot", "bus", "station", "ward", "precinct",
        "level", "floor", "phase", "class", "grade", "division", "brigade", "battalion", "regiment",
        "squadron", "boeing", "covid", "page", "chapter", "episode", "season",
    }
)  # fmt: skip
WORD_DESIGNATORS = frozenset({"terminal", "flight", "gate"})
EMERGENCY_NUMBERS = frozenset({911, 999, 112})
CALL_WORDS = frozenset({"call", "called", "calling", "dial", "dialed", "dialled"})
STREET_SUFFIXES = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane", "ln",
     "way", "court", "ct", "place", "pl", "parkway", "pkwy", "highway", "terrace", "circle"}
)  # fmt: skip
COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
# Before a bare 1800..2100 figure these make it a year: "in 2014", "the 2004 tsunami".
YEAR_CUES = frozenset(
    {"in", "since", "of", "by", "until", "till", "from", "during", "the", "before", "after", "early",
     "late", "mid", "year", "through", "to", "and", "or", "circa", "s", "’s", "'s", "summer", "winter",
     "spring", "autumn", "fall", "between"}
)  # fmt: skip
# "one" as a pronoun ("no one", "the one who") is no count. ("zero" is not read: "below zero".)
NOT_COUNT_ONE_BEFORE = frozenset(
    {"no", "any", "every", "the", "this", "that", "which", "each", "loved", "another", "little"}
)
NOT_COUNT_ONE_AFTER = frozenset({"another"})
ONE_PERSON_NOUNS = frozenset(
    {"person", "man", "woman", "child", "boy", "girl", "soldier", "civilian", "officer", "passenger",
     "victim", "resident", "student", "teenager", "worker", "driver", "firefighter", "patient"}
)  # fmt: skip
NOT_PLURAL = frozenset({"was", "has", "is", "as", "its", "this", "his", "us", "thus", "yes", "less", "plus"})
COUNT_NOUNS = frozenset({"people", "persons", "children", "men", "women", "police", "personnel", "staff"})
