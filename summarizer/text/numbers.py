"""Numbers written in words: the one table, and reading a number in digits or words.

Deterministic, no LLM. `quantities` reads number words token by token with these tables;
`parse_number` reads a whole phrase ("twenty-two", "two hundred and fifty", "1,500", "a
dozen") for code that has already cut the phrase out, such as reconcile's revision cues.
"""

from __future__ import annotations

import re

_UNIT_WORDS = """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen"""
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
UNITS: dict[str, int] = {word: value for value, word in enumerate(_UNIT_WORDS.split(), start=1)}
TENS: dict[str, int] = {word: 10 * value for value, word in enumerate(_TENS_WORDS.split(), start=2)}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
BIG_SCALES: dict[str, int] = {word: value for word, value in SCALES.items() if word != "hundred"}
DOZEN = 12
# Every single word that is a number by itself.
NUMBER_WORDS: dict[str, int] = {"zero": 0, **UNITS, **TENS, **SCALES, "dozen": DOZEN}
# Ordinal words, "first" to "tenth" ("a third victim" is one of three so far).
_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth"
ORDINALS: dict[str, int] = {word: value for value, word in enumerate(_ORDINAL_WORDS.split(), start=1)}

_WORD = "(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
# A number in digits ("1,500", "6.5") or in words ("eight", "twenty-two", "a dozen", "two hundred").
_ARTICLE = r"(?:an?\s+(?=(?:dozen|hundred|thousand|million)\b))?"
NUMBER_PATTERN = rf"\b(?:\d[\d,]*(?:\.\d+)?|{_ARTICLE}{_WORD}(?:[\s-]{_WORD})*)\b"

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_SPLIT = re.compile(r"[\s-]+")


def words_value(words: list[str]) -> int | None:
    """The value of number words, lower case: ['two', 'hundred', 'and', 'fifty'] -> 250.

    None when the words are not one number ("twenty eleven", "hundred twenty" read as such are
    rejected only where the order is impossible: a unit after a unit, tens after tens).
    """
    total, current = 0, 0
    last: str | None = None  # unit, teen, tens, hundred, scale, dozen, and, a
    for i, word in enumerate(words):
        if word in {"a", "an"} and i == 0:
            current, last = 1, "a"
        elif word == "zero" and len(words) == 1:
            return 0
        elif word in UNITS and last in {None, "tens", "hundred", "scale", "and"}:
            if last == "tens" and UNITS[word] >= 10:
                return None
            current += UNITS[word]
            last = "unit"
        elif word in TENS and last in {None, "hundred", "scale", "and"}:
            current += TENS[word]
            last = "tens"
        elif word == "hundred" and last in {None, "unit", "a"}:
            current = (current or 1) * 100
            last = "hundred"
        elif word in BIG_SCALES and last in {None, "unit", "tens", "hundred", "a"}:
            total += (current or 1) * BIG_SCALES[word]
            current, last = 0, "scale"
        elif word == "dozen" and last in {None, "unit", "tens", "a"} and i == len(words) - 1:
            current = (current or 1) * DOZEN
            last = "dozen"
        elif word == "and" and last in {"hundred", "scale"}:
            last = "and"
        else:
            return None
    if last in {None, "a", "and"}:
        return None
    return total + current


def parse_number(text: str) -> float | None:
    """A number in digits or words: '1,500' -> 1500, 'twenty-two' -> 22, 'a dozen' -> 12."""
    stripped = text.strip().lower()
    if _DIGITS.fullmatch(stripped):
        return float(stripped.replace(",", ""))
    value = words_value([w for w in _SPLIT.split(stripped) if w])
    return None if value is None else float(value)
