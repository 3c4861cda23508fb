"""Quantity phrases to intervals: "between 11 and 19" -> Quantity(low=11, high=19).

Deterministic, no LLM. `find_quantities` scans a sentence (or a whole article) for every
number phrase, hedge words and unit included; `parse_quantity` reads the first one of a phrase.

Interval conventions (the annotation rules of shared/data/README.md; bounds are inclusive and
None means unbounded):

    "19"                      19..19, nominal 19
    "at least 9"              9..None
    "more than 20", "over 200"  21..None, 201..None   (counts step past the bound; measures and
                                                      decimals keep it: "more than 5.0 magnitude")
    "fewer than 10"           None..9
    "up to 30", "as many as 30"  None..30
    "nearly 40", "close to 100"  None..40, approximate, nominal 40
    "about 80", "some 100"    None..None, approximate, nominal 80
    "between 11 and 19", "five to 10", "10-15", "two or three"   closed ranges
    "dozens", "hundreds"      the vague-word table (ACLED: 12..None, 100..None), vague kept

A bound ("at least", "up to") states no figure of its own, so `nominal` stays None for it, as in
the gold annotations; exact figures and approximate ones ("about", "nearly") carry `nominal`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from summarizer.schemas import Number, Quantity

# --------------------------------------------------------------------------- the vague-word table

_Bounds = tuple[Number, Number | None]


class VagueTable(BaseModel):
    """A setting: what a vague quantity word means, as an inclusive (low, high) interval.

    Keys are lower-case phrases ("dozens", "tens of thousands"); high None is unbounded.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    words: dict[str, _Bounds]

    @field_validator("words")
    @classmethod
    def _normalized(
        cls, words: dict[str, tuple[Number, Number | None]]
    ) -> dict[str, tuple[Number, Number | None]]:
        out: dict[str, tuple[Number, Number | None]] = {}
        for key, (low, high) in words.items():
            if high is not None and high < low:
                raise ValueError(f"vague word {key!r}: high {high} is below low {low}")
            out[" ".join(key.lower().split())] = (low, high)
        return out

    def bounds(self, phrase: str) -> _Bounds | None:
        return self.words.get(" ".join(phrase.lower().split()))


# The conservative ACLED reading: a vague plural means at least one of its unit, no upper bound.
ACLED_DEFAULT = VagueTable(
    words={
        "tens": (10, None),
        "dozens": (12, None),
        "scores": (20, None),
        "hundreds": (100, None),
        "thousands": (1000, None),
        "tens of thousands": (10_000, None),
        "hundreds of thousands": (100_000, None),
        "millions": (1_000_000, None),
    }
)

# "tens" and "scores" are quantities only in "tens of ...", "scores of ..." ("test scores").
_VAGUE_NEEDS_OF = frozenset({"tens", "scores"})


@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A quantity found in a text: `text[start:end]` is its phrase, hedge and unit included."""

    start: int
    end: int
    quantity: Quantity


def parse_quantity(phrase: str, vague_table: VagueTable | None = None) -> Quantity | None:
    """The first quantity in `phrase` (which may be a whole evidence fragment), or None."""
    matches = find_quantities(phrase, vague_table)
    return matches[0].quantity if matches else None


def find_quantities(text: str, vague_table: VagueTable | None = None) -> list[QuantityMatch]:
    """Every number phrase of `text`, in order and non-overlapping.

    Years, dates, clock times, phone numbers, URLs, ordinals, street numbers and model or
    flight designations ("Kh-22", "Geran-2", "Flight 1088") are not quantities and are skipped.
    Measures are kept with their unit ("30 km", "6.1-magnitude", "80 percent", "17-year-old").
    """
    table = vague_table or ACLED_DEFAULT
    tokens = _tokenize(text)
    scanner = _Scanner(text, tokens, table)
    matches: list[QuantityMatch] = []
    i = 0
    while i < len(tokens):
        found = scanner.read(i)
        if found is None:
            i += 1
            continue
        end_token, quantity = found
        if quantity is not None:
            start, end = tokens[i].start, tokens[end_token - 1].end
            matches.append(QuantityMatch(start, end, quantity.model_copy(update={"phrase": text[start:end]})))
        i = end_token
    return matches


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Token:
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


def _tokenize(text: str) -> list[_Token]:
    masked = [m.span() for m in _NOT_QUANTITY.finditer(text)]
    tokens: list[_Token] = []
    for m in _TOKEN.finditer(text):
        kind: Literal["num", "word", "punct"] = (
            "num" if m.lastgroup == "num" else "word" if m.lastgroup == "word" else "punct"
        )
        inside = any(s <= m.start() < e for s, e in masked)
        tokens.append(_Token(m.group(), m.start(), m.end(), kind, inside))
    return tokens


def _adjacent(a: _Token, b: _Token) -> bool:
    return a.end == b.start


# --------------------------------------------------------------------------- vocabularies

_UNIT_NAMES = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
               "sixteen seventeen eighteen nineteen")  # fmt: skip
_UNITS = {w: i + 1 for i, w in enumerate(_UNIT_NAMES.split(" "))}
_TENS = {w: 10 * (i + 2) for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy",
                                                "eighty", "ninety"))}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_BIG_SCALES = {k: v for k, v in _SCALES.items() if k != "hundred"}
_FRACTIONS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths"})


class _Hedge(Enum):
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    FEWER_THAN = "fewer_than"
    NEARLY = "nearly"
    ABOUT = "about"
    BETWEEN = "between"


# Hedge words before a number, longest first where they share a prefix.
_HEDGES: list[tuple[tuple[str, ...], _Hedge, bool]] = [  # (words, kind, approximate)
    (("at", "least"), _Hedge.AT_LEAST, False),
    (("no", "fewer", "than"), _Hedge.AT_LEAST, False),
    (("no", "less", "than"), _Hedge.AT_LEAST, False),
    (("a", "minimum", "of"), _Hedge.AT_LEAST, False),
    (("more", "than"), _Hedge.MORE_THAN, False),
    (("greater", "than"), _Hedge.MORE_THAN, False),
    (("in", "excess", "of"), _Hedge.MORE_THAN, False),
    (("upwards", "of"), _Hedge.MORE_THAN, False),
    (("well", "over"), _Hedge.MORE_THAN, False),
    (("just", "over"), _Hedge.MORE_THAN, True),
    (("over",), _Hedge.MORE_THAN, False),
    (("up", "to"), _Hedge.AT_MOST, False),
    (("as", "many", "as"), _Hedge.AT_MOST, False),
    (("as", "much", "as"), _Hedge.AT_MOST, False),
    (("at", "most"), _Hedge.AT_MOST, False),
    (("no", "more", "than"), _Hedge.AT_MOST, False),
    (("a", "maximum", "of"), _Hedge.AT_MOST, False),
    (("fewer", "than"), _Hedge.FEWER_THAN, False),
    (("less", "than"), _Hedge.FEWER_THAN, False),
    (("just", "under"), _Hedge.FEWER_THAN, True),
    (("under",), _Hedge.FEWER_THAN, False),
    (("below",), _Hedge.FEWER_THAN, False),
    (("nearly",), _Hedge.NEARLY, True),
    (("almost",), _Hedge.NEARLY, True),
    (("close", "to"), _Hedge.NEARLY, True),
    (("approximately",), _Hedge.ABOUT, True),
    (("approx", "."), _Hedge.ABOUT, True),
    (("about",), _Hedge.ABOUT, True),
    (("around",), _Hedge.ABOUT, True),
    (("roughly",), _Hedge.ABOUT, True),
    (("some",), _Hedge.ABOUT, True),
    (("an", "estimated"), _Hedge.ABOUT, True),
    (("estimated",), _Hedge.ABOUT, True),
    (("circa",), _Hedge.ABOUT, True),
    (("near",), _Hedge.ABOUT, True),
    (("between",), _Hedge.BETWEEN, False),
]

# Hedges after a number: "20 or more", "a dozen or so", "20-plus", "20+".
_TRAILING_HEDGES: list[tuple[tuple[str, ...], _Hedge, bool]] = [
    (("or", "more"), _Hedge.AT_LEAST, False),
    (("or", "so"), _Hedge.ABOUT, True),
    (("or", "fewer"), _Hedge.AT_MOST, False),
    (("or", "less"), _Hedge.AT_MOST, False),
    (("-", "plus"), _Hedge.AT_LEAST, False),
    (("plus",), _Hedge.AT_LEAST, False),
    (("+",), _Hedge.AT_LEAST, False),
]

# Unit words after a number, lower case, to the unit recorded. Multi-word entries first.
_UNIT_PHRASES: list[tuple[tuple[str, ...], str]] = [
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
_UNIT_WORDS = {
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
_ATTACHED_UNITS = frozenset({"km", "kms", "m", "cm", "mm", "ft", "kg", "mph", "mi", "%"})
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
_AGE_PREFIXES = frozenset({"aged", "age", "ages"})
_MAGNITUDE_PREFIXES = frozenset({"magnitude"})

# A number right after one of these words names something ("Terminal 2", "Flight 1088", "FM 529").
_DESIGNATORS = frozenset(
    {
        "flight", "flights", "terminal", "gate", "route", "highway", "hwy", "interstate", "fm", "sr",
        "chopper", "channel", "room", "article", "section", "resolution", "apollo", "platform", "track",
        "pier", "unit", "apartment", "apt", "suite", "lot", "bus", "station", "ward", "precinct",
        "level", "floor", "phase", "class", "grade", "division", "brigade", "battalion", "regiment",
        "squadron", "boeing", "covid", "page", "chapter", "episode", "season",
    }
)  # fmt: skip
_WORD_DESIGNATORS = frozenset({"terminal", "flight", "gate"})
_EMERGENCY_NUMBERS = frozenset({911, 999, 112})
_CALL_WORDS = frozenset({"call", "called", "calling", "dial", "dialed", "dialled"})
_STREET_SUFFIXES = frozenset(
    {"street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane", "ln",
     "way", "court", "ct", "place", "pl", "parkway", "pkwy", "highway", "terrace", "circle"}
)  # fmt: skip
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
# Before a bare 1800..2100 figure these make it a year: "in 2014", "the 2004 tsunami".
_YEAR_CUES = frozenset(
    {"in", "since", "of", "by", "until", "till", "from", "during", "the", "before", "after", "early",
     "late", "mid", "year", "through", "to", "and", "or", "circa", "s", "’s", "'s", "summer", "winter",
     "spring", "autumn", "fall", "between"}
)  # fmt: skip
# "one" as a pronoun ("no one", "the one who") is no count. ("zero" is not read: "below zero".)
_NOT_COUNT_ONE_BEFORE = frozenset(
    {"no", "any", "every", "the", "this", "that", "which", "each", "loved", "another", "little"}
)
_NOT_COUNT_ONE_AFTER = frozenset({"another"})
_ONE_PERSON_NOUNS = frozenset(
    {"person", "man", "woman", "child", "boy", "girl", "soldier", "civilian", "officer", "passenger",
     "victim", "resident", "student", "teenager", "worker", "driver", "firefighter", "patient"}
)  # fmt: skip
_NOT_PLURAL = frozenset({"was", "has", "is", "as", "its", "this", "his", "us", "thus", "yes", "less", "plus"})
_COUNT_NOUNS = frozenset({"people", "persons", "children", "men", "women", "police", "personnel", "staff"})


# --------------------------------------------------------------------------- the scanner


class _Skip:
    """Marker: digits glued to letters, an ordinal or a decade ("0270", "2nd", "1990s"): no quantity."""


_SKIP = _Skip()


@dataclass(frozen=True, slots=True)
class _Num:
    value: Number
    end: int  # token index after the number
    decimal: bool  # written with a decimal point: bounds are not stepped
    digits: bool  # written in digits (years, street numbers and designators only come in digits)
    scale: int = 1  # the scale word it ends with ("1.5 million", "two dozen"), shared by a range


def _as_number(value: float) -> Number:
    return int(value) if float(value).is_integer() else value


class _Scanner:
    def __init__(self, text: str, tokens: list[_Token], table: VagueTable) -> None:
        self.text = text
        self.toks = tokens
        self.table = table
        self.vague_keys = sorted((tuple(k.split()) for k in table.words), key=len, reverse=True)

    # ---- small helpers

    def tok(self, i: int) -> _Token | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def low(self, i: int) -> str:
        t = self.tok(i)
        return t.low if t is not None else ""

    def words_at(self, i: int, words: tuple[str, ...]) -> bool:
        return all(self.low(i + k) == w for k, w in enumerate(words))

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.toks[i].start : self.toks[j - 1].end]

    # ---- entry point

    def read(self, i: int) -> tuple[int, Quantity | None] | None:
        """A quantity starting at token i: (token after it, the quantity or None when it is
        a number that is no quantity, such as a year, consumed so that it is not re-read)."""
        hedge, hedge_end, approximate = self._hedge(i)
        if self.words_at(hedge_end, ("one", "of")) and hedge in {_Hedge.NEARLY, _Hedge.ABOUT}:
            hedge = None  # "close to one of our schools": a place, not a hedge
        if hedge is not None:
            found = self._value(i, hedge_end, hedge, approximate)
            if found is not None:
                return found
        return self._value(i, i, None, False)

    def _hedge(self, i: int) -> tuple[_Hedge | None, int, bool]:
        for words, kind, approximate in _HEDGES:
            if self.words_at(i, words):
                return kind, i + len(words), approximate
        return None, i, False

    def _value(
        self, start: int, j: int, hedge: _Hedge | None, approximate: bool
    ) -> tuple[int, Quantity | None] | None:
        hedge_text = self.span_text(start, j) if j > start else None
        vague = self._vague(j)
        if vague is not None:
            if hedge is _Hedge.BETWEEN:
                return None
            phrase, end, bounds = vague
            if self._masked(j, end):
                return end, None
            low, high = bounds
            return end, Quantity(phrase="", low=low, high=high, approximate=approximate, hedge=hedge_text,
                                 vague=phrase.lower())  # fmt: skip

        prefix_unit, k = self._prefix_unit(j)
        first = self._number(k)
        if first is None:
            return None
        second: _Num | None = None
        if hedge is _Hedge.BETWEEN:
            if self.low(first.end) != "and" or (second := self._number(first.end + 1)) is None:
                return None
            first = self._share_scale(first, second)
        else:
            first, second = self._range_tail(start, first)
        end = second.end if second is not None else first.end
        if self._masked(k, end):
            return end, None

        unit, end = self._suffix_unit(end, prefix_unit)
        if isinstance(unit, _Skip):
            return end, None
        before_trailing = end
        trailing, end, trailing_approx = self._trailing_hedge(end)
        if trailing is not None and hedge is None and second is None:
            hedge, approximate = trailing, trailing_approx
            hedge_text = self.span_text(before_trailing, end).strip(" -")
        else:
            end = before_trailing
        if self._is_not_quantity(k, first, hedge, unit, second):
            return end, None
        if unit is None and hedge is None and second is None and self._is_age_apposition(k, end):
            unit = "age"
        return end, self._interval(first, second, hedge, hedge_text, approximate, unit)

    def _masked(self, i: int, j: int) -> bool:
        return any(t.masked for t in self.toks[i:j])

    # ---- vague words: "dozens", "tens of thousands", "several hundred", "hundreds of billions"

    def _vague(self, j: int) -> tuple[str, int, _Bounds] | None:
        for key in self.vague_keys:
            if not self.words_at(j, key):
                continue
            if len(key) == 1 and key[0] in _VAGUE_NEEDS_OF and self.low(j + 1) != "of":
                continue
            end = j + len(key)
            low, high = self.table.words[" ".join(key)]
            # "hundreds of billions": a vague plural of a larger plural scale that the table lacks.
            scale_word = self.low(end + 1)
            if self.low(end) == "of" and scale_word.endswith("s") and scale_word[:-1] in _BIG_SCALES:
                scale = _BIG_SCALES[scale_word[:-1]]
                end += 2
                low, high = low * scale, None if high is None else high * scale
            return self.span_text(j, end), end, (low, high)
        # "several hundred", "a few dozen", "many thousands": read as the table's plural.
        if self.words_at(j, ("a", "few")):
            k = j + 2
        elif self.low(j) in {"several", "many", "few"}:
            k = j + 1
        else:
            return None
        word = self.low(k)
        base = word[:-1] if word.endswith("s") else word
        if base in _SCALES or base == "dozen":
            bounds = self.table.bounds(base + "s")
            if bounds is not None:
                return self.span_text(j, k + 1), k + 1, bounds
        return None

    # ---- numbers in digits or words

    def _number(self, j: int) -> _Num | None:
        t = self.tok(j)
        if t is None:
            return None
        sign = 1
        if t.low in {"minus", "negative"}:
            sign, j = -1, j + 1
        elif (
            t.text in {"-", "−"}
            and (nxt := self.tok(j + 1)) is not None
            and nxt.kind == "num"
            and _adjacent(t, nxt)
        ):
            prev = self.tok(j - 1)
            if prev is not None and _adjacent(prev, t):
                return None  # "Kh-22", "10-15": a hyphen, not a minus sign
            sign, j = -1, j + 1
        t = self.tok(j)
        if t is None:
            return None
        if t.kind == "num":
            decimal = "." in t.text
            value: float = float(t.text.replace(",", "")) if decimal else int(t.text.replace(",", ""))
            scale = _BIG_SCALES.get(self.low(j + 1), 12 if self.low(j + 1) == "dozen" else 1)
            if scale == 1:
                return _Num(sign * value, j + 1, decimal, True)
            return _Num(_as_number(sign * value * scale), j + 2, False, True, scale)
        words = self._number_words(j)
        if words is None:
            return None
        value, end = words
        last = self.low(end - 1)
        scale = _BIG_SCALES.get(last, 12 if last == "dozen" else 1)
        return _Num(_as_number(sign * value), end, False, False, scale)

    def _number_words(self, j: int) -> tuple[float, int] | None:
        """Number words to the billions: "nineteen", "twenty-two", "two hundred and fifty",
        "a dozen", "two dozen", "half a million". Digits are read by the caller."""
        total, current, i = 0.0, 0.0, j
        last: str | None = None  # what the last word was: unit, tens, hundred, scale, and, hyphen, a
        if self.words_at(i, ("half", "a")) and self.low(i + 2) in {*_SCALES, "dozen"}:
            current, i, last = 0.5, i + 2, "a"
        elif self.low(i) in {"a", "an"} and self.low(i + 1) in {*_SCALES, "dozen"}:
            current, i, last = 1.0, i + 1, "a"
        while (t := self.tok(i)) is not None:
            w = t.low
            if w in _UNITS and last in {None, "tens", "hundred", "scale", "and", "hyphen"}:
                if last in {"tens", "hyphen"} and _UNITS[w] >= 10:
                    break  # "twenty eleven" is no number
                current += _UNITS[w]
                last = "unit"
            elif w in _TENS and last in {None, "hundred", "scale", "and"}:
                current += _TENS[w]
                last = "tens"
            elif w == "hundred" and last in {"unit", "a"}:
                current *= 100
                last = "hundred"
            elif w in _BIG_SCALES and last in {"unit", "tens", "hundred", "a"}:
                total += current * _BIG_SCALES[w]
                current = 0.0
                last = "scale"
            elif w == "dozen" and last in {"unit", "tens", "a"}:
                current *= 12
                last = "dozen"
                i += 1
                break
            elif (
                w == "and"
                and last in {"hundred", "scale"}
                and (self.low(i + 1) in _UNITS or self.low(i + 1) in _TENS)
            ):
                last = "and"
            elif w == "-" and last == "tens" and (nxt := self.tok(i + 1)) is not None and nxt.low in _UNITS:
                if not (_adjacent(self.toks[i - 1], t) and _adjacent(t, nxt)):
                    break
                last = "hyphen"
            else:
                break
            i += 1
        if last in {None, "a", "and", "hyphen"}:
            return None
        return total + current, i

    # ---- ranges: "five to 10", "10-15", "two or three", "17- to 19-year-olds", "1.5 to 2 million"

    def _range_tail(self, start: int, first: _Num) -> tuple[_Num, _Num | None]:
        j = first.end
        if self.low(j) == "-" and self.low(j + 1) == "to":
            j += 1  # "17- to 19-year-olds"
        joiner = self.tok(j)
        if joiner is None or joiner.low not in {"to", "-", "–", "—", "or"}:
            return first, None
        if joiner.low == "-" and not (first.digits and _adjacent(self.toks[j - 1], joiner)):
            return first, None  # "twenty-two" is read as one number; "5 - 3" is no range
        if joiner.low == "to" and self.low(start - 1) == "from":
            return first, None  # "from eight to six": a change between two figures, not a range
        second = self._number(j + 1)
        if second is None or (joiner.low in {"-", "–", "—"} and not second.digits):
            return first, None
        first = self._share_scale(first, second)
        both_negative = first.value < 0 and second.value < 0
        if not both_negative and abs(second.value) <= abs(first.value):
            return first, None  # "eight to six", "3-2": two figures, not an interval
        return first, second

    @staticmethod
    def _share_scale(first: _Num, second: _Num) -> _Num:
        """ "1.5 to 2 million", "between one and two dozen": the scale word covers both sides."""
        if second.scale == 1 or first.scale != 1:
            return first
        scaled = _as_number(first.value * second.scale)
        if abs(scaled) > abs(second.value):
            return first  # "500 to 2 million"
        return _Num(scaled, first.end, False, first.digits, second.scale)

    # ---- units

    def _prefix_unit(self, j: int) -> tuple[str | None, int]:
        t = self.tok(j)
        if t is None:
            return None, j
        if t.text in _CURRENCY_SIGNS:
            return _CURRENCY_SIGNS[t.text], j + 1
        if t.low == "us" and self.low(j + 1) == "$":
            return "USD", j + 2
        if t.low in _MAGNITUDE_PREFIXES:
            k = j + 2 if self.low(j + 1) == "-" else j + 1
            return "magnitude", k
        if t.low in _AGE_PREFIXES and self.tok(j + 1) is not None and self.toks[j + 1].kind == "num":
            return "age", j + 1
        return None, j

    def _suffix_unit(self, j: int, prefix_unit: str | None) -> tuple[str | _Skip | None, int]:
        """The unit after a number, and the token after it. `_SKIP` marks an ordinal, a decade or
        a digit run glued to letters ("2nd", "1990s", "0270"): no quantity."""
        prev = self.toks[j - 1]
        t = self.tok(j)
        if t is not None and t.kind == "word" and _adjacent(prev, t) and prev.kind == "num":
            if t.low in _ATTACHED_UNITS:
                return prefix_unit or _UNIT_WORDS[t.low], j + 1
            return _SKIP, j + 1
        if prefix_unit is not None:
            return prefix_unit, j
        for words, unit in _UNIT_PHRASES:
            if self.words_at(j, words) and (words[0] != "-" or _adjacent(prev, self.toks[j])):
                return unit, j + len(words)
        if t is None:
            return None, j
        if t.text in {"%"}:
            return "percent", j + 1
        if t.low in _UNIT_WORDS:
            return _UNIT_WORDS[t.low], j + 1
        nxt = self.tok(j + 1)
        if (
            t.text == "-"
            and _adjacent(prev, t)
            and nxt is not None
            and nxt.kind == "word"
            and _adjacent(t, nxt)
        ):
            # A number compound: "6.1-magnitude", "16-day", "25,000-mile-long", "two-story".
            if nxt.low in _FRACTIONS:
                return _SKIP, j + 2
            if nxt.low in _UNIT_WORDS:
                return _UNIT_WORDS[nxt.low], j + 2
            if nxt.low not in {"to", "plus"} and nxt.low not in _UNITS and nxt.low not in _TENS:
                return nxt.low, j + 2
        return None, j

    def _trailing_hedge(self, j: int) -> tuple[_Hedge | None, int, bool]:
        for words, kind, approximate in _TRAILING_HEDGES:
            if self.words_at(j, words) and (
                words[0] not in {"-", "+"} or _adjacent(self.toks[j - 1], self.toks[j])
            ):
                return kind, j + len(words), approximate
        return None, j, False

    # ---- what looks like a number but is none

    def _is_not_quantity(
        self, k: int, num: _Num, hedge: _Hedge | None, unit: str | None, high: _Num | None
    ) -> bool:
        first = self.toks[k]
        before = self.tok(k - 1)
        if num.digits and before is not None and _adjacent(before, first):
            # Glued to letters: "Kh-22", "Geran-2", "CN-235", "G7" (but "magnitude-6.1" and "$5" are fine).
            if before.kind == "word" and before.low not in _MAGNITUDE_PREFIXES:
                return True
            glued = self.tok(k - 2)
            if before.text in {"-", "/"} and glued is not None and glued.kind != "punct":
                return _adjacent(glued, before) and glued.low not in _MAGNITUDE_PREFIXES
        if before is not None and hedge is None:
            if before.low in (_DESIGNATORS if num.digits else _WORD_DESIGNATORS):
                return True  # "Flight 1088", "Terminal 2", "terminal two", "FM 529"
            if before.text in {"#", "№"} or (before.text == "." and self.low(k - 2) in {"no", "nos"}):
                return True  # "#5", "No. 7"
            if num.value in _EMERGENCY_NUMBERS and before.low in _CALL_WORDS:
                return True  # "called 911"
        if hedge is None and unit is None and num.digits and self._is_year(k, num, high):
            return True
        if hedge is None and num.digits and high is None and self._is_street_number(k, num):
            return True
        if not num.digits and num.value == 1 and high is None and hedge is None:
            # "no one", "the one who", "one another": a pronoun, not a count; but "that one
            # person was killed" counts: a person noun after "one" makes it a number.
            if self.low(num.end) in _ONE_PERSON_NOUNS:
                return False
            return (before is not None and before.low in _NOT_COUNT_ONE_BEFORE) or self.low(
                num.end
            ) in _NOT_COUNT_ONE_AFTER
        return False

    def _is_year(self, k: int, num: _Num, high: _Num | None) -> bool:
        t = self.toks[k]
        if (
            num.decimal
            or num.scale != 1
            or "," in t.text
            or len(t.text) != 4
            or not 1800 <= num.value <= 2100
        ):
            return False
        if high is not None:
            return True  # "2004-2010"
        nxt = self.tok(num.end)
        nxt_word = nxt.low if nxt is not None and nxt.kind == "word" else ""
        counted = nxt_word in _COUNT_NOUNS or (nxt_word.endswith("s") and nxt_word not in _NOT_PLURAL)
        return self.low(k - 1) in _YEAR_CUES or not counted

    def _is_street_number(self, k: int, num: _Num) -> bool:
        """ "the 7300 block", "at 7318 Enchanted Creek", "1617 Southeast 17th Street"."""
        t = self.toks[k]
        if "," in t.text or num.decimal or num.value < 1:
            return False
        nxt = self.tok(num.end)
        if nxt is None:
            return False
        if nxt.low == "block":
            return True
        if not nxt.text[:1].isupper():
            return False
        if nxt.low in _COMPASS:
            return True
        window = [self.low(x).rstrip(".") for x in range(num.end, num.end + 4)]
        if any(w in _STREET_SUFFIXES for w in window[1:]):
            return True
        return num.value >= 100 and self.low(k - 1) in {"at", "outside", "the"}

    def _is_age_apposition(self, k: int, end: int) -> bool:
        """ "Queric Richardson, 17, died", "Kenneth, 16 - who", "Olga Woltering, 84," and
        "ages 17 and 22": a person's age, not a count."""
        t = self.toks[k]
        if t.kind != "num" or "." in t.text or "," in t.text or not 1 <= int(t.text) <= 119:
            return False
        if self.low(k - 1) == "and" and self.low(k - 2).isdigit() and self.low(k - 3) in _AGE_PREFIXES:
            return True
        before, name = self.tok(k - 1), self.tok(k - 2)
        after = self.tok(end)
        if before is None or name is None or before.text not in {",", "("}:
            return False
        if name.kind != "word" or not name.text[:1].isupper():
            return False
        if after is None:
            return False
        closers = {")"} if before.text == "(" else {",", "-", "–", "—", ";"}
        return after.text in closers

    # ---- the interval

    @staticmethod
    def _interval(
        first: _Num, second: _Num | None, hedge: _Hedge | None, hedge_text: str | None, approximate: bool,
        unit: str | None,
    ) -> Quantity:  # fmt: skip
        if second is not None:
            low, high = sorted((first.value, second.value))
            return Quantity(
                phrase="", low=low, high=high, approximate=approximate, hedge=hedge_text, unit=unit
            )
        n = first.value
        # Counts step past a strict bound ("more than 20" -> 21); measures and decimals do not.
        step = 1 if unit is None and not first.decimal and isinstance(n, int) else 0
        low_bound: Number | None = None
        high_bound: Number | None = None
        nominal: Number | None = None
        match hedge:
            case None:
                low_bound = high_bound = nominal = n
            case _Hedge.AT_LEAST:
                low_bound = n
            case _Hedge.MORE_THAN:
                low_bound = n + step
            case _Hedge.AT_MOST:
                high_bound = n
            case _Hedge.FEWER_THAN:
                high_bound = n - step
            case _Hedge.NEARLY:
                high_bound = nominal = n
            case _Hedge.ABOUT | _Hedge.BETWEEN:
                nominal = n
        return Quantity(phrase="", low=low_bound, high=high_bound, nominal=nominal, approximate=approximate,
                        hedge=hedge_text, unit=unit)  # fmt: skip
