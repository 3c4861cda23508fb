"""A person named by an age alone before a verb of suffering the parser read as an adjective.

"The 4-year-old suffered minor injuries": the parser takes the sentence for one noun phrase, with
"suffered" an adjective of "injuries" and the age another, so no subject suffers anything. The age
before the verb is the one who suffered: one person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.schemas import Quantity
from summarizer.text.counted import CountReading

if TYPE_CHECKING:
    from spacy.tokens import Token

# Units of an age used as a noun: "the 4-year-old", "a 9-month-old".
_AGE_UNITS = {"year", "month", "week", "day"}


def age_sufferer_reading(noun: Token, measure: str, suffer_verbs: set[str]) -> CountReading | None:
    """One person counted when `noun` ("injuries") carries a verb of suffering read as its
    adjective and, before that verb, a singular age used as a noun ("the 4-year-old")."""
    verb = next(
        (
            c
            for c in noun.children
            if c.dep_ == "amod" and c.tag_ in {"VBD", "VBN"} and c.lemma_.lower() in suffer_verbs
        ),
        None,
    )
    if verb is None or any(c.lower_ == "no" for c in noun.children):
        return None  # "suffered no injuries" counts nobody
    age = next(
        (
            c
            for c in noun.children
            if c.i < verb.i and c.lower_ == "old" and any(g.lemma_.lower() in _AGE_UNITS for g in c.children)
        ),
        None,
    )
    if age is None:
        return None
    start_token = age.left_edge
    before = noun.doc[start_token.i - 1] if start_token.i > 0 else None
    if before is not None and before.dep_ == "det" and before.head == noun:
        start_token = before  # "The 4-year-old"
    start, end = start_token.idx, age.idx + len(age.text)
    one = Quantity(phrase=noun.doc.text[start:end], low=1, high=1, nominal=1)
    return CountReading(measure, "people", one, start, end, "with measure noun, age before a misread verb")
