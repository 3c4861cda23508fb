"""The counted phrase: how many people a noun phrase of a casualty sentence counts, and who.

`text.counts` finds the phrase a casualty verb, adjective or noun counts; this module reads it:

- a number, with its hedges and range ("at least four", "between 11 and 19"), and in a
  partitive the group of its "of" phrase ("two of the victims");
- a zero ("no one", "nobody", "no children"), but not a zero for the others ("no one else");
- a singular noun phrase, a name, an age used as a noun ("the 8-year-old") or "another" as a
  count of one; "both" as two; a collective of known size ("a couple"); a reflexive as its
  subject ("the gunman killed himself"); an ordinal on someone new who died as the toll so far
  ("a fourth victim has died": four);
- coordinated phrases as their sum ("a man and a woman" is two).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from summarizer.schemas import Quantity
from summarizer.text.numbers import ORDINALS
from summarizer.text.quantities import QuantityMatch, find_quantities, parse_quantity

if TYPE_CHECKING:
    from spacy.tokens import Token

# Who was counted, by the lemma of the counted noun; anything else that is a person is "people".
_GROUPS = {
    "suspect": "suspects",
    "gunman": "suspects",
    "shooter": "suspects",
    "attacker": "suspects",
    "assailant": "suspects",
    "perpetrator": "suspects",
    "bomber": "suspects",
    "officer": "officers",
    "deputy": "officers",
    "trooper": "officers",
    "policeman": "officers",
    "policewoman": "officers",
    "victim": "victims",
    "child": "children",
    "kid": "children",
    "toddler": "children",
    "infant": "children",
    "baby": "children",
}
# Vague quantity words that mean "more than one" with no stated size.
_SEVERAL = {"several", "multiple", "numerous", "many"}
_ZERO_PRONOUNS = {"nobody", "none"}
# Pronouns stand for a person already counted (a name, "the victim"): reading them again would
# count one person once per sentence.
SUBJECT_DEPS = {"nsubjpass", "nsubj"}


@dataclass(frozen=True, slots=True)
class CountReading:
    """One casualty count in a sentence: `text[start:end]` of the sentence is its phrase."""

    measure: str
    group: str
    quantity: Quantity
    start: int
    end: int
    rule: str
    part: bool = False  # a part of a total stated beside it ("including two children")


class Reflexive:
    """A reflexive object standing for its subject: 'the gunman killed himself' counts the gunman."""

    def __init__(self, subject: Token, reflexive: Token) -> None:
        self.subject = subject
        self.reflexive = reflexive


def read_phrase(phrase: Token | Reflexive, measure: str, rule: str) -> CountReading | None:
    if isinstance(phrase, Reflexive):
        group = group_of(phrase.subject)
        one = Quantity(phrase=phrase.reflexive.text, low=1, high=1, nominal=1)
        start = phrase.reflexive.idx
        self_reading = CountReading(measure, group, one, start, start + len(phrase.reflexive.text), rule)
        others = _conjuncts(phrase.reflexive)
        rest = _sum_of(others, measure, rule) if others else None
        if rest is None or rest.quantity.low is None or rest.quantity.high is None:
            return self_reading
        # "shot himself and a friend": the reflexive first in a list is one of those counted.
        low, high = rest.quantity.low + 1, rest.quantity.high + 1
        text = phrase.reflexive.doc.text[start : rest.end]
        total = Quantity(phrase=text, low=low, high=high, nominal=low if low == high else None)
        return CountReading(measure, "people", total, start, rest.end, rule + ", sum")
    conjuncts = [phrase, *_conjuncts(phrase)]
    if len(conjuncts) > 1:
        return _sum_of(conjuncts, measure, rule)
    return read_single(phrase, measure, rule)


def read_single(noun: Token, measure: str, rule: str, *, conjoined: bool = False) -> CountReading | None:
    """One counted phrase; `conjoined` when it is one of several joined by "and", where a "both"
    before the first ("both Ames and Lutz") joins them and counts none of its own."""
    end = noun.idx + len(noun.text)
    if noun.lower_ in _TIMES_OF_DAY:
        return None  # "around 9 PM, a man was shot": a clock time the parser took for a subject
    if zero_for_others(noun):
        return None  # "no one else was hurt", "no other injuries": the others, not the total
    if noun.lower_ in _ZERO_PRONOUNS or has_zero_determiner(noun):
        # "no one was hurt", "nobody was killed", "no children were injured".
        first = min((t for t in noun.subtree if t.i <= noun.i), key=lambda t: t.i)
        zero = Quantity(phrase=noun.doc.text[first.idx : end], low=0, high=0, nominal=0)
        group = "people" if noun.lower_ in {"one", *_ZERO_PRONOUNS} else group_of(noun)
        return CountReading(measure, group, zero, first.idx, end, "zero")
    if noun.like_num or noun.pos_ == "NUM" or parse_quantity(noun.text) is not None:
        # "Two of the victims died", "one fatally", "left two dead", "wounded dozens more".
        quantity, start, stop = _number_phrase(noun)
        return CountReading(measure, _partitive_group(noun), quantity, start, stop, rule + ", number")
    found = quantity_child(noun)
    if found is not None:
        quantity, start, stop = found
        return CountReading(measure, group_of(noun), quantity, start, stop, rule)
    both = next((c for c in noun.children if c.dep_ in {"det", "predet"} and c.lower_ == "both"), None)
    if both is not None and not conjoined:
        # "both men were killed" is two.
        two = Quantity(phrase=noun.doc.text[both.idx : end], low=2, high=2, nominal=2)
        return CountReading(measure, group_of(noun), two, both.idx, end, rule + ", both")
    if noun.lemma_.lower() in _COLLECTIVES:
        # "a couple was shot" is two; "the family was found dead" says no number.
        size = _COLLECTIVES[noun.lemma_.lower()]
        if size is None:
            return None
        first = min((t for t in noun.subtree if t.i <= noun.i), key=lambda t: t.i)
        pair = Quantity(phrase=noun.doc.text[first.idx : end], low=size, high=size, nominal=size)
        return CountReading(measure, "people", pair, first.idx, end, rule + ", collective")
    if noun.lower_ == "another" and noun.dep_ in SUBJECT_DEPS | {"dobj"}:
        # "one died and another was hospitalized": "another" alone is one more person.
        one = Quantity(phrase=noun.text, low=1, high=1, nominal=1)
        return CountReading(measure, "people", one, noun.idx, end, rule + ", another")
    if _nominal_age(noun):
        # An age standing for a person: "the 8-year-old died", "a 15-year-old was wounded".
        begin = noun.doc[min(t.i for t in noun.subtree if t.i <= noun.i)].idx
        one = Quantity(phrase=noun.doc.text[begin:end], low=1, high=1, nominal=1)
        return CountReading(measure, "people", one, begin, end, rule + ", one")
    if noun.tag_ in {"NN", "NNP"} and _may_name_a_person(noun):
        # A singular phrase is a count of one: "a teen", "the victim", "Jane Doe".
        first = min(
            (t for t in noun.subtree if t.i <= noun.i and t.dep_ in _NOUN_PREMODIFIERS),
            key=lambda t: t.i,
            default=noun,
        )
        text = noun.doc.text[first.idx : end]
        toll = _death_toll_ordinal(noun) if measure == "killed" and not conjoined else None
        if toll is not None:
            # "A fourth victim has died", "Third man dies after bar shooting": a toll of four.
            count = Quantity(phrase=text, low=toll, high=toll, nominal=toll)
            return CountReading(measure, group_of(noun), count, first.idx, end, rule + ", ordinal")
        one = Quantity(phrase=text, low=1, high=1, nominal=1)
        return CountReading(measure, group_of(noun), one, first.idx, end, rule + ", one")
    return None


def _death_toll_ordinal(noun: Token) -> int | None:
    """An ordinal on someone new who died states the toll so far: "a third man died", "second
    victim dies" (a headline); "the second victim died" names one of those listed, no toll."""
    if any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in noun.children):
        return None
    # "first" is no toll beyond one.
    tolls = (ORDINALS.get(c.lower_, 0) for c in noun.children if c.dep_ == "amod")
    return next((n for n in tolls if n > 1), None)


_TIMES_OF_DAY = {"am", "pm", "a.m.", "p.m.", "o'clock", "noon", "midnight"}
# Nouns for several people at once, with their size when the word gives it.
_COLLECTIVES: dict[str, int | None] = {
    "couple": 2,
    "pair": 2,
    "family": None,
    "group": None,
    "crowd": None,
    "household": None,
    "crew": None,
    "team": None,
}
# What may stand before the head noun in a singular casualty phrase: "a 19-year-old woman".
_NOUN_PREMODIFIERS = {"det", "poss", "compound", "amod", "nummod", "nmod"}
# Named things that are not people: a company, a city or a building was not killed.
_NOT_PEOPLE_ENTITIES = {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "NORP", "DATE", "TIME"}


def _sum_of(conjuncts: list[Token], measure: str, rule: str) -> CountReading | None:
    parts = [read_single(c, measure, rule, conjoined=True) for c in conjuncts]
    if any(p is None or p.quantity.low is None or p.quantity.high is None for p in parts):
        return None
    readings = [p for p in parts if p is not None]
    low = sum(r.quantity.low or 0 for r in readings)
    high = sum(r.quantity.high or 0 for r in readings)
    start, end = readings[0].start, readings[-1].end
    groups = {r.group for r in readings}
    text = conjuncts[0].doc.text[start:end]
    total = Quantity(phrase=text, low=low, high=high, nominal=low if low == high else None)
    return CountReading(
        measure, groups.pop() if len(groups) == 1 else "people", total, start, end, rule + ", sum"
    )


def _conjuncts(token: Token) -> list[Token]:
    # A list of three or more ("a clerk and a customer and a guard", "A, B and C") is parsed as a
    # chain, each conjunct the head of the next: follow the chain to count every member.
    found: list[Token] = []
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "NUM"}:
            found.extend([child, *_conjuncts(child)])
    return found


def quantity_child(noun: Token) -> tuple[Quantity, int, int] | None:
    for child in noun.children:
        if child.dep_ == "nummod" or (child.dep_ == "amod" and child.lower_ in _SEVERAL):
            return _number_phrase(child)
        if child.dep_ == "quantmod":
            return _number_phrase(child)
    return None


def _number_phrase(number: Token) -> tuple[Quantity, int, int]:
    """The number with its hedges and range ('at least four', 'between 11 and 19'), parsed by
    `quantities`: the contiguous run of the number's own modifiers around it, nothing after."""
    doc = number.doc
    for match in _quantities_of(doc.text):
        # The project's quantity scanner reads hedges and ranges better than the parse attaches
        # them ("between 11 and 19" is often parsed as a clause marker and a conjunction).
        if match.start <= number.idx < match.end:
            return match.quantity, match.start, match.end
    inside = {t.i for t in number.subtree if not _inside_prep(t, number)}
    first = number.i
    while True:
        if first - 1 in inside and (doc[first - 1].dep_ in _HEDGE_DEPS or doc[first - 1].like_num):
            first -= 1
        elif first - 2 in inside and doc[first - 1].lower_ in _RANGE_WORDS and doc[first - 2].like_num:
            first -= 2
        else:
            break
    last = number.i
    while last + 2 in inside and doc[last + 1].lower_ in _RANGE_WORDS and doc[last + 2].like_num:
        last += 2
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    text = doc.text[start:end]
    quantity = parse_quantity(text)
    if quantity is None and number.lower_ in _SEVERAL:
        quantity = Quantity(phrase=text, low=2, high=None, vague=number.lower_)
    if quantity is None:
        quantity = Quantity(phrase=text)
    return quantity, start, end


@lru_cache(maxsize=256)
def _quantities_of(text: str) -> tuple[QuantityMatch, ...]:
    return tuple(find_quantities(text))


# Dependents of a number that belong to its phrase: "at least", "nearly", "more than".
_HEDGE_DEPS = {"advmod", "quantmod", "compound", "nummod", "amod"}
_RANGE_WORDS = {"and", "to", "or"}


def _inside_prep(token: Token, root: Token) -> bool:
    # Tokens are views made on each access: compare positions, never identities.
    while token.i != root.i:
        if token.dep_ == "prep" or token.head.i == token.i:
            return token.dep_ == "prep"
        token = token.head
    return False


def zero_for_others(noun: Token) -> bool:
    """'no one else', 'nobody else', 'no other people', 'no further injuries': a zero for the
    people besides those already counted, not a zero total."""
    return (noun.lower_ in _ZERO_PRONOUNS or noun.lower_ == "one" or has_zero_determiner(noun)) and any(
        c.lower_ in _OTHERS_WORDS for c in noun.children
    )


# Words that turn a zero into a zero of the others: "no one else", "no other", "no further".
_OTHERS_WORDS = {"else", "other", "additional", "further", "more"}


def _nominal_age(token: Token) -> bool:
    """'-year-old' used as a noun: 'old' with 'year' (or 'month', 'week') attached."""
    return (
        token.lower_ == "old"
        and token.dep_ in SUBJECT_DEPS | {"dobj", "pobj"}
        and any(c.lemma_.lower() in {"year", "month", "week", "day"} for c in token.children)
    )


def has_zero_determiner(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _partitive_group(number: Token) -> str:
    """'two of the victims' counts victims; 'two' alone counts people."""
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return group_of(obj)
    return "people"


def group_of(noun: Token) -> str:
    return _GROUPS.get(noun.lemma_.lower(), "people")


def _may_name_a_person(noun: Token) -> bool:
    """The subject or object of a casualty verb is a person unless it is a pronoun or names a
    non-person entity (pronouns stand for someone already counted by name)."""
    if noun.pos_ == "PRON":
        return False
    if noun.ent_type_ == "PERSON":
        return True
    if noun.pos_ == "PROPN":
        return False  # a name that is not a person's: a site, a station, a headline's capital
    return noun.ent_type_ not in _NOT_PEOPLE_ENTITIES
