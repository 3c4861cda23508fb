"""Headline lists of the hurt joined by a comma: "3 firefighters, woman injured in blaze".

Headlines drop "and": the parser reads the counted group before the comma as the head of the
phrase and the single person after it as the only one the verb counts. A count of one person
right after a comma, with a numbered group of people opening the headline before it, counts both.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from summarizer.schemas import Quantity
from summarizer.text.counted import quantity_child

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from summarizer.text.counted import CountReading


def join_headline_lists(doc: Doc, readings: list[CountReading]) -> list[CountReading]:
    """`readings` with each count of one after a headline's opening "N people," widened to N + 1."""
    return [_joined(doc, r, readings) or r for r in readings]


def _joined(doc: Doc, reading: CountReading, readings: list[CountReading]) -> CountReading | None:
    if reading.quantity.low != 1 or reading.quantity.high != 1 or reading.part:
        return None
    first = doc.char_span(reading.start, reading.end, alignment_mode="expand")
    if first is None or first.start < 3 or doc[first.start - 1].text != ",":
        return None
    group = doc[first.start - 2]
    counted = quantity_child(group) if group.pos_ == "NOUN" and group.tag_ == "NNS" else None
    if counted is None:
        return None
    quantity, start, _ = counted
    # The group opens the headline ("3 firefighters", "The 2 teens"), and nothing else counts it.
    opening = doc[: group.i + 1]
    if any(t.pos_ in {"VERB", "AUX"} for t in opening):
        return None
    if not all(t.like_num or t.pos_ in {"DET", "NUM", "ADJ"} for t in opening[:-1]):
        return None
    if any(r is not reading and r.start < group.idx + len(group.text) and start < r.end for r in readings):
        return None
    if quantity.low is None or quantity.high is None:
        return None
    low, high = quantity.low + 1, quantity.high + 1
    text = doc.text[start : reading.end]
    total = Quantity(phrase=text, low=low, high=high, nominal=low if low == high else None)
    return replace(
        reading, group="people", quantity=total, start=start, rule=reading.rule + ", headline list"
    )
