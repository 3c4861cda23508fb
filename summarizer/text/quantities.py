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

from dataclasses import dataclass

from summarizer.schemas import Quantity
from summarizer.text.quantity_words import tokenize
from summarizer.text.scanner import Scanner
from summarizer.text.vague import ACLED_DEFAULT, VagueTable

__all__ = ["ACLED_DEFAULT", "QuantityMatch", "VagueTable", "find_quantities", "parse_quantity"]


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
    tokens = tokenize(text)
    scanner = Scanner(text, tokens, table)
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
