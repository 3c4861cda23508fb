"""Casualty counts read from a casualty noun or adjective.

- a noun that is itself the measure ("three deaths", "14 injuries", "no injuries"), or carried by
  people ("two men with gunshot wounds", "a woman suffered serious injuries");
- a killing or shooting named by how many it hit ("a double homicide", "a triple shooting"), or
  by whom ("the shooting death of a 5-year-old girl");
- an adjective after a number or as a complement ("left two dead", "was pronounced dead",
  "found a teenager dead").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from summarizer.schemas import Quantity
from summarizer.text.age_sufferers import age_sufferer_reading
from summarizer.text.casualty_verbs import SMALL_CLAUSE_DEPS, has_auxiliary, negated
from summarizer.text.casualty_words import ADJECTIVE_MEASURES, FATAL_ADJECTIVES, NOUN_MEASURES, SUFFER_VERBS
from summarizer.text.counted import (
    SUBJECT_DEPS,
    CountReading,
    has_zero_determiner,
    quantity_child,
    read_phrase,
    read_single,
    zero_for_others,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "adjective_reading",
    "killing_of",
    "multiple_incident_readings",
    "names_a_killing",
    "noun_measure_reading",
]

# A killing or shooting named by how many it hit: "a double homicide" killed two, "a triple
# shooting" hit three, "a double fatal shooting" killed two. Read on the text: the parse often
# takes "quadruple" for the noun. "a double murder-suicide" counts the killer too: no figure.
_MULTIPLE_INCIDENT = re.compile(
    r"\b(?P<times>double|triple|quadruple|quintuple)[\s-]+(?P<fatal>(?:fatal|deadly)\s+)?"
    r"(?P<noun>homicide|murder|slaying|killing|shooting)s?\b(?![\s-]*suicide)",
    re.IGNORECASE,
)
_TIMES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}


def multiple_incident_readings(text: str) -> list[CountReading]:
    found = []
    for match in _MULTIPLE_INCIDENT.finditer(text):
        size = _TIMES[match["times"].lower()]
        shooting = match["noun"].lower() == "shooting" and not match["fatal"]
        count = Quantity(phrase=match.group(), low=size, high=size, nominal=size)
        measure = "shot" if shooting else "killed"
        found.append(CountReading(measure, "people", count, match.start(), match.end(), "multiple incident"))
    return found


def noun_measure_reading(noun: Token) -> list[CountReading]:
    """'three deaths', 'no injuries', 'two fatalities'."""
    measure = NOUN_MEASURES[noun.lemma_.lower()]
    if measure == "injured" and any(c.lower_ in FATAL_ADJECTIVES for c in noun.children):
        measure = "killed"  # "suffered a fatal gunshot wound"
    carriers = _carriers_of(noun) or _sufferers_of(noun)
    if carriers:
        found = [r for c in carriers if (r := read_phrase(c, measure, "with measure noun")) is not None]
        return found[:1]
    if (aged := age_sufferer_reading(noun, measure, SUFFER_VERBS)) is not None:
        return [aged]
    quantity_token = quantity_child(noun)
    if quantity_token is not None and noun.lemma_.lower() != "wound":
        # "14 injuries", "three deaths" count people; "multiple gunshot wounds" counts wounds.
        quantity, start, end = quantity_token
        return [CountReading(measure, "people", quantity, start, end, "measure noun")]
    if has_zero_determiner(noun) and not zero_for_others(noun):
        det = next(c for c in noun.children if c.lower_ == "no")
        zero = Quantity(phrase=f"{det.text} {noun.text}", low=0, high=0, nominal=0)
        return [CountReading(measure, "people", zero, det.idx, noun.idx + len(noun.text), "zero")]
    return []


_TIME_ADVERBS = {"now"}


def _complement_of(adjective: Token, measure: str) -> CountReading | None:
    """'left hundreds more injured' counts the object; 'was pronounced dead' the subject. In
    'left three dead and nine injured' the object carries its own adjective, and the second
    adjective counts the number coordinated with it."""
    head = adjective.head
    objects = [c for c in head.children if c.dep_ == "dobj"]
    if objects:
        counted = objects[0]
        if any(c.lower_ in ADJECTIVE_MEASURES for c in counted.children):
            numbers = [c for c in counted.children if c.dep_ == "conj" and c.like_num]
            if not numbers:
                return None
            counted = numbers[-1]
        return read_phrase(counted, measure, "complement")
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    return read_phrase(subjects[0], measure, "complement") if subjects else None


def names_a_killing(noun: Token) -> bool:
    """'the death of', 'the murder of', 'the fatal shooting of': a noun for a killing."""
    lemma = noun.lemma_.lower()
    if lemma in _KILLING_NOUNS:
        return True
    return lemma in _ATTACK_NOUNS and any(c.lower_ in FATAL_ADJECTIVES for c in noun.children)


def killing_of(noun: Token) -> list[CountReading]:
    """The people a killing noun names with "of": 'the shooting death of a 5-year-old girl' is
    one killed, 'the murders of two brothers' two."""
    out = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for victim in prep.children:
                if victim.dep_ == "pobj":
                    reading = read_phrase(victim, "killed", "killing of")
                    if reading is not None:
                        out.append(reading)
    return out


# Nouns for a killing, and attack nouns that a "fatal" makes one.
_KILLING_NOUNS = {"death", "killing", "murder", "slaying", "homicide"}
_ATTACK_NOUNS = {"shooting", "stabbing", "attack", "beating", "crash"}


def _carriers_of(noun: Token) -> list[Token]:
    """'50 people with injuries', 'two men with gunshot wounds': the people who have the injury."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with":
        return []
    holder = prep.head
    if holder.pos_ in {"NOUN", "NUM"} and (holder.like_num or quantity_child(holder) is not None):
        return [holder]
    if holder.pos_ == "VERB":
        return [c for c in holder.children if c.dep_ == "dobj" and quantity_child(c) is not None]
    return []


def _sufferers_of(noun: Token) -> list[Token]:
    """'a woman suffered serious injuries', 'two officers sustained gunshot wounds': the subject
    of a verb of suffering has the injury."""
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in SUFFER_VERBS or negated(noun.head):
        return []
    return [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS]


def read_as_progressive(adjective: Token) -> bool:
    """A casualty adjective the parser read as the main verb after a form of "be", with no
    object: "three crew members are missing" (not "the team is missing its captain")."""
    return (
        adjective.pos_ == "VERB"
        and adjective.lower_ in ADJECTIVE_MEASURES
        and any(c.dep_ == "aux" and c.lemma_ == "be" for c in adjective.children)
        and not any(c.dep_ == "dobj" for c in adjective.children)
    )


def adjective_reading(adjective: Token) -> list[CountReading]:
    """'left two dead and five injured', 'three people dead', 'the victim was pronounced dead'.

    A number right before the adjective is what it counts (read from the tokens: parsers attach
    "X dead and Y injured" in several ways); with no number there, a complement of a passive verb
    counts the verb's subject."""
    measure = ADJECTIVE_MEASURES[adjective.lower_]
    doc = adjective.doc
    before = doc[adjective.i - 1] if adjective.i > 0 else None
    if before is not None and before.lower_ in _TIME_ADVERBS and before.i > 0 and doc[before.i - 1].like_num:
        # A toll updated in place, "5 now dead": the number before the adverb counts.
        before = doc[before.i - 1]
    counts_people = before is not None and (
        before.like_num
        or before.pos_ == "NUM"
        or (before.pos_ == "NOUN" and quantity_child(before) is not None)
    )
    if before is not None and counts_people:
        reading = read_single(before, measure, "complement")
    elif adjective.dep_ in {"oprd", "acomp"}:
        # "was pronounced dead", "two people are dead".
        reading = _complement_of(adjective, measure)
    elif adjective.dep_ in SMALL_CLAUSE_DEPS and not has_auxiliary(adjective):
        # The state something was found or left in: "found a teenager dead" counts its own
        # subject or the object (never the finder: "the mayor said 14 were injured" does not
        # count the mayor).
        own = [c for c in adjective.children if c.dep_ in SUBJECT_DEPS]
        found = own or [c for c in adjective.head.children if c.dep_ == "dobj"]
        reading = read_phrase(found[0], measure, "complement") if found else None
    elif read_as_progressive(adjective):
        # "Two hikers are missing": the state, which the parser takes for the progressive of
        # "miss"; its subject is counted.
        own = [c for c in adjective.children if c.dep_ in SUBJECT_DEPS]
        reading = read_phrase(own[0], measure, "complement") if own else None
    elif adjective.dep_ == "amod" and adjective.i > adjective.head.i and adjective.head.dep_ == "dobj":
        # Placed after what it describes: "found a retiree dead" (never "the dead man").
        reading = read_phrase(adjective.head, measure, "complement")
    else:
        reading = None
    return [reading] if reading is not None else []
