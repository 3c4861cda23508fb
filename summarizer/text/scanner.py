"""The scanner behind `quantities.find_quantities`: it reads the tokens at one position into
a Quantity (hedge, number in digits or words, range, unit) or says they are no quantity.

Tokens and vocabularies come from `quantity_words`, number words from `numbers` (the one
table), vague words from the `VagueTable` given.
"""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.schemas import Number, Quantity
from summarizer.text.changes import is_change_word
from summarizer.text.numbers import BIG_SCALES, DOZEN, SCALES, TENS, UNITS
from summarizer.text.quantity_words import (
    AGE_PREFIXES,
    ATTACHED_UNITS,
    CALL_WORDS,
    COMPASS,
    COUNT_NOUNS,
    CURRENCY_SIGNS,
    DESIGNATORS,
    EMERGENCY_NUMBERS,
    FRACTIONS,
    HEDGES,
    MAGNITUDE_PREFIXES,
    NOT_COUNT_ONE_AFTER,
    NOT_COUNT_ONE_BEFORE,
    NOT_PLURAL,
    ONE_PERSON_NOUNS,
    STREET_SUFFIXES,
    TRAILING_HEDGES,
    UNIT_PHRASES,
    UNIT_WORDS,
    VAGUE_NEEDS_OF,
    WORD_DESIGNATORS,
    YEAR_CUES,
    Hedge,
    Token,
    adjacent,
)
from summarizer.text.vague import Bounds, VagueTable

# "tens" and "scores" are quantities only in "tens of ...", "scores of ..." ("test scores").


# --------------------------------------------------------------------------- the scanner


class _Skip:
    """Marker: digits glued to letters, an ordinal or a decade ("0270", "2nd", "1990s"): no quantity."""


_SKIP = _Skip()


# The hedges by their first word: a position is only tried against the hedges that start with
# its word (the scanner reads every token; trying all hedges at each one was its main cost).
_HEDGES_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Hedge, bool]]] = {}
for _entry in HEDGES:
    _HEDGES_BY_FIRST.setdefault(_entry[0][0], []).append(_entry)


@dataclass(frozen=True, slots=True)
class _Num:
    value: Number
    end: int  # token index after the number
    decimal: bool  # written with a decimal point: bounds are not stepped
    digits: bool  # written in digits (years, street numbers and designators only come in digits)
    scale: int = 1  # the scale word it ends with ("1.5 million", "two dozen"), shared by a range


def _as_number(value: float) -> Number:
    return int(value) if float(value).is_integer() else value


class Scanner:
    def __init__(self, text: str, tokens: list[Token], table: VagueTable) -> None:
        self.text = text
        self.toks = tokens
        self.table = table
        self.vague_keys: dict[str, list[tuple[str, ...]]] = {}  # by first word, longest first
        for key in sorted((tuple(k.split()) for k in table.words), key=len, reverse=True):
            self.vague_keys.setdefault(key[0], []).append(key)

    # ---- small helpers

    def tok(self, i: int) -> Token | None:
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
        if self.words_at(hedge_end, ("one", "of")) and hedge in {Hedge.NEARLY, Hedge.ABOUT}:
            hedge = None  # "close to one of our schools": a place, not a hedge
        if hedge is not None:
            found = self._value(i, hedge_end, hedge, approximate)
            if found is not None:
                return found
        return self._value(i, i, None, False)

    def _hedge(self, i: int) -> tuple[Hedge | None, int, bool]:
        for words, kind, approximate in _HEDGES_BY_FIRST.get(self.low(i), ()):
            if self.words_at(i, words):
                return kind, i + len(words), approximate
        return None, i, False

    def _value(
        self, start: int, j: int, hedge: Hedge | None, approximate: bool
    ) -> tuple[int, Quantity | None] | None:
        hedge_text = self.span_text(start, j) if j > start else None
        vague = self._vague(j)
        if vague is not None:
            if hedge is Hedge.BETWEEN:
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
        if hedge is Hedge.BETWEEN:
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

    def _vague(self, j: int) -> tuple[str, int, Bounds] | None:
        for key in self.vague_keys.get(self.low(j), ()):
            if not self.words_at(j, key):
                continue
            if len(key) == 1 and key[0] in VAGUE_NEEDS_OF and self.low(j + 1) != "of":
                continue
            end = j + len(key)
            low, high = self.table.words[" ".join(key)]
            # "hundreds of billions": a vague plural of a larger plural scale that the table lacks.
            scale_word = self.low(end + 1)
            if self.low(end) == "of" and scale_word.endswith("s") and scale_word[:-1] in BIG_SCALES:
                scale = BIG_SCALES[scale_word[:-1]]
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
        if base in SCALES or base == "dozen":
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
            and adjacent(t, nxt)
        ):
            prev = self.tok(j - 1)
            if prev is not None and adjacent(prev, t):
                return None  # "Kh-22", "10-15": a hyphen, not a minus sign
            sign, j = -1, j + 1
        t = self.tok(j)
        if t is None:
            return None
        if t.kind == "num":
            decimal = "." in t.text
            value: float = float(t.text.replace(",", "")) if decimal else int(t.text.replace(",", ""))
            scale = BIG_SCALES.get(self.low(j + 1), DOZEN if self.low(j + 1) == "dozen" else 1)
            if scale == 1:
                return _Num(sign * value, j + 1, decimal, True)
            return _Num(_as_number(sign * value * scale), j + 2, False, True, scale)
        words = self._number_words(j)
        if words is None:
            return None
        value, end = words
        last = self.low(end - 1)
        scale = BIG_SCALES.get(last, DOZEN if last == "dozen" else 1)
        return _Num(_as_number(sign * value), end, False, False, scale)

    def _number_words(self, j: int) -> tuple[float, int] | None:
        """Number words to the billions: "nineteen", "twenty-two", "two hundred and fifty",
        "a dozen", "two dozen", "half a million". Digits are read by the caller."""
        total, current, i = 0.0, 0.0, j
        last: str | None = None  # what the last word was: unit, tens, hundred, scale, and, hyphen, a
        if self.words_at(i, ("half", "a")) and self.low(i + 2) in {*SCALES, "dozen"}:
            current, i, last = 0.5, i + 2, "a"
        elif self.low(i) in {"a", "an"} and self.low(i + 1) in {*SCALES, "dozen"}:
            current, i, last = 1.0, i + 1, "a"
        while (t := self.tok(i)) is not None:
            w = t.low
            if w in UNITS and last in {None, "tens", "hundred", "scale", "and", "hyphen"}:
                if last in {"tens", "hyphen"} and UNITS[w] >= 10:
                    break  # "twenty eleven" is no number
                current += UNITS[w]
                last = "unit"
            elif w in TENS and last in {None, "hundred", "scale", "and"}:
                current += TENS[w]
                last = "tens"
            elif w == "hundred" and last in {"unit", "a"}:
                current *= 100
                last = "hundred"
            elif w in BIG_SCALES and last in {"unit", "tens", "hundred", "a"}:
                total += current * BIG_SCALES[w]
                current = 0.0
                last = "scale"
            elif w == "dozen" and last in {"unit", "tens", "a"}:
                current *= DOZEN
                last = "dozen"
                i += 1
                break
            elif (
                w == "and"
                and last in {"hundred", "scale"}
                and (self.low(i + 1) in UNITS or self.low(i + 1) in TENS)
            ):
                last = "and"
            elif w == "-" and last == "tens" and (nxt := self.tok(i + 1)) is not None and nxt.low in UNITS:
                if not (adjacent(self.toks[i - 1], t) and adjacent(t, nxt)):
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
        if joiner.low == "-" and not (first.digits and adjacent(self.toks[j - 1], joiner)):
            return first, None  # "twenty-two" is read as one number; "5 - 3" is no range
        if joiner.low == "to" and self.low(start - 1) == "from":
            return first, None  # "from eight to six": a change between two figures, not a range
        if joiner.low == "to" and self.low(start - 1) == "by" and is_change_word(self.low(start - 2)):
            return first, None  # "rose by two to 13": a change by one figure to another, not a range
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
        if t.text in CURRENCY_SIGNS:
            return CURRENCY_SIGNS[t.text], j + 1
        if t.low == "us" and self.low(j + 1) == "$":
            return "USD", j + 2
        if t.low in MAGNITUDE_PREFIXES:
            k = j + 2 if self.low(j + 1) == "-" else j + 1
            return "magnitude", k
        if t.low in AGE_PREFIXES and self.tok(j + 1) is not None and self.toks[j + 1].kind == "num":
            return "age", j + 1
        return None, j

    def _suffix_unit(self, j: int, prefix_unit: str | None) -> tuple[str | _Skip | None, int]:
        """The unit after a number, and the token after it. `_SKIP` marks an ordinal, a decade or
        a digit run glued to letters ("2nd", "1990s", "0270"): no quantity."""
        prev = self.toks[j - 1]
        t = self.tok(j)
        if t is not None and t.kind == "word" and adjacent(prev, t) and prev.kind == "num":
            if t.low in ATTACHED_UNITS:
                return prefix_unit or UNIT_WORDS[t.low], j + 1
            return _SKIP, j + 1
        if prefix_unit is not None:
            return prefix_unit, j
        for words, unit in UNIT_PHRASES:
            if self.words_at(j, words) and (words[0] != "-" or adjacent(prev, self.toks[j])):
                return unit, j + len(words)
        if t is None:
            return None, j
        if t.text in {"%"}:
            return "percent", j + 1
        if t.low in UNIT_WORDS:
            return UNIT_WORDS[t.low], j + 1
        nxt = self.tok(j + 1)
        if (
            t.text == "-"
            and adjacent(prev, t)
            and nxt is not None
            and nxt.kind == "word"
            and adjacent(t, nxt)
        ):
            # A number compound: "6.1-magnitude", "16-day", "25,000-mile-long", "two-story".
            if nxt.low in FRACTIONS:
                return _SKIP, j + 2
            if nxt.low in UNIT_WORDS:
                return UNIT_WORDS[nxt.low], j + 2
            if nxt.low not in {"to", "plus"} and nxt.low not in UNITS and nxt.low not in TENS:
                return nxt.low, j + 2
        return None, j

    def _trailing_hedge(self, j: int) -> tuple[Hedge | None, int, bool]:
        for words, kind, approximate in TRAILING_HEDGES:
            if self.words_at(j, words) and (
                words[0] not in {"-", "+"} or adjacent(self.toks[j - 1], self.toks[j])
            ):
                return kind, j + len(words), approximate
        return None, j, False

    # ---- what looks like a number but is none

    def _is_not_quantity(
        self, k: int, num: _Num, hedge: Hedge | None, unit: str | None, high: _Num | None
    ) -> bool:
        first = self.toks[k]
        before = self.tok(k - 1)
        if num.digits and before is not None and adjacent(before, first):
            # Glued to letters: "Kh-22", "Geran-2", "CN-235", "G7" (but "magnitude-6.1" and "$5" are fine).
            if before.kind == "word" and before.low not in MAGNITUDE_PREFIXES:
                return True
            glued = self.tok(k - 2)
            if before.text in {"-", "/"} and glued is not None and glued.kind != "punct":
                return adjacent(glued, before) and glued.low not in MAGNITUDE_PREFIXES
        if before is not None and hedge is None:
            if before.low in (DESIGNATORS if num.digits else WORD_DESIGNATORS):
                return True  # "Flight 1088", "Terminal 2", "terminal two", "FM 529"
            if before.text in {"#", "№"} or (before.text == "." and self.low(k - 2) in {"no", "nos"}):
                return True  # "#5", "No. 7"
            if num.value in EMERGENCY_NUMBERS and before.low in CALL_WORDS:
                return True  # "called 911"
        if hedge is None and unit is None and num.digits and self._is_year(k, num, high):
            return True
        if hedge is None and num.digits and high is None and self._is_street_number(k, num):
            return True
        if not num.digits and num.value == 1 and high is None and hedge is None:
            # "no one", "the one who", "one another": a pronoun, not a count; but "that one
            # person was killed" counts: a person noun after "one" makes it a number.
            if self.low(num.end) in ONE_PERSON_NOUNS:
                return False
            return (before is not None and before.low in NOT_COUNT_ONE_BEFORE) or self.low(
                num.end
            ) in NOT_COUNT_ONE_AFTER
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
        counted = nxt_word in COUNT_NOUNS or (nxt_word.endswith("s") and nxt_word not in NOT_PLURAL)
        return self.low(k - 1) in YEAR_CUES or not counted

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
        if nxt.low in COMPASS:
            return True
        window = [self.low(x).rstrip(".") for x in range(num.end, num.end + 4)]
        if any(w in STREET_SUFFIXES for w in window[1:]):
            return True
        return num.value >= 100 and self.low(k - 1) in {"at", "outside", "the"}

    def _is_age_apposition(self, k: int, end: int) -> bool:
        """ "Queric Richardson, 17, died", "Kenneth, 16 - who", "Olga Woltering, 84," and
        "ages 17 and 22": a person's age, not a count."""
        t = self.toks[k]
        if t.kind != "num" or "." in t.text or "," in t.text or not 1 <= int(t.text) <= 119:
            return False
        if self.low(k - 1) == "and" and self.low(k - 2).isdigit() and self.low(k - 3) in AGE_PREFIXES:
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
        first: _Num, second: _Num | None, hedge: Hedge | None, hedge_text: str | None, approximate: bool,
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
            case Hedge.AT_LEAST:
                low_bound = n
            case Hedge.MORE_THAN:
                low_bound = n + step
            case Hedge.AT_MOST:
                high_bound = n
            case Hedge.FEWER_THAN:
                high_bound = n - step
            case Hedge.NEARLY:
                high_bound = nominal = n
            case Hedge.ABOUT | Hedge.BETWEEN:
                nominal = n
        return Quantity(phrase="", low=low_bound, high=high_bound, nominal=nominal, approximate=approximate,
                        hedge=hedge_text, unit=unit)  # fmt: skip
