"""Casualty counts read from a tally: a noun phrase that names the measure ("the death toll",
"the number of injured", "casualty figures") as what changed or stands at a level, away from
its figures.

- "The number of dead was raised from three to five": both figures count the dead, the old one
  ("from") and the new one ("to"); reconciliation tells them apart as a revision;
- "Officials lowered the death toll from 14 to 11", "the toll rose to 11, up from 5";
- "The death toll stands at 30", "put the number of injured at 40", "the toll has reached 12".

A tally of something else ("the number of calls rose from 10 to 50") is not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.text.casualty_words import ADJECTIVE_MEASURES, NOUN_MEASURES, VERB_MEASURES
from summarizer.text.changes import LEVEL_VERBS, is_change_word
from summarizer.text.counted import CountReading, group_of
from summarizer.text.quantities import find_quantities

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["is_tally", "tally_readings"]

# Nouns for a running count of something: what it counts is named beside it ("death toll",
# "casualty figures", "injury count") or in its "of" phrase ("the number of dead").
_TALLY_NOUNS = frozenset({"toll", "number", "figure", "count", "tally", "total"})
# Counted nouns that are themselves the measure: "the number of victims".
_COUNTED_MEASURES = {"victim": "victims"}
# The words right before a figure of the tally: its old value, its new value, its level.
_FIGURE_PREPOSITIONS = frozenset({"from", "to", "at"})
# Dependents of the verb through which its figures hang: "from 14 to 11", "up from 5".
_FIGURE_DEPS = frozenset({"prep", "advmod", "prt", "dobj", "attr", "npadvmod"})


def tally_readings(noun: Token) -> list[CountReading]:
    """The figures a tally noun ("toll", "number", "figures") takes in its clause, each a count
    of the measure the tally names."""
    if noun.lemma_.lower() not in _TALLY_NOUNS:
        return []
    named = _measure_of(noun)
    if named is None:
        return []
    # The verb that moves the tally: the one it is the subject or object of ("the toll rose"), or
    # a participle on it ("the toll, revised from 14 to 11, includes ...").
    verbs = [c for c in noun.children if c.dep_ == "acl" and is_change_word(c.lower_)]
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        verbs.append(noun.head)
    out: list[CountReading] = []
    for verb in verbs:
        out.extend(_figures(noun, verb, *named))
    return out


def is_tally(noun: Token) -> bool:
    """Whether `noun` is a tally of casualties ("the number injured", "the death toll"): a count,
    never a person counted."""
    return noun.lemma_.lower() in _TALLY_NOUNS and _measure_of(noun) is not None


def _figures(noun: Token, verb: Token, measure: str, group: str) -> list[CountReading]:
    lemma = verb.lemma_.lower()
    if verb.pos_ not in {"VERB", "AUX"} or not (is_change_word(verb.lower_) or lemma in LEVEL_VERBS):
        return []
    out = []
    for match in find_quantities(noun.doc.text):
        if match.quantity.unit is not None or (match.quantity.low is None and match.quantity.high is None):
            continue
        token = next((t for t in noun.doc if t.idx >= match.start), None)
        if token is None or token.idx >= match.end or not _figure_of(token, verb, noun):
            continue
        before = noun.doc.text[: match.start].split()
        word = before[-1].lower() if before else ""
        level = lemma in {"reach", "hit", "be", "remain"} and _object_of(token, verb)
        if word not in _FIGURE_PREPOSITIONS and not level:
            continue  # "rose by two to 13": "two" is the change, not a count
        if word == "from" and not (is_change_word(verb.lower_) or _after_a_change_adverb(before)):
            continue  # an old figure only where a change is said, as revisions read it
        rule = f"tally, {word if word in _FIGURE_PREPOSITIONS else 'at'}"
        out.append(CountReading(measure, group, match.quantity, match.start, match.end, rule))
    return out


def _after_a_change_adverb(before: list[str]) -> bool:
    """ "stands at 11, up from 5": the old figure after "up from" or "down from"."""
    return len(before) > 1 and is_change_word(before[-2].strip(",;"))


def _measure_of(noun: Token) -> tuple[str, str] | None:
    """What a tally counts and who: "death toll" (killed), "casualty figures" (casualties),
    "the number of injured" (injured), "the number of people killed" and "the number killed"
    (killed), "the number of victims" (victims); a bare "toll" is the dead, as news uses it."""
    for child in noun.children:
        if child.dep_ in {"compound", "amod"} and child.i < noun.i:
            measure = NOUN_MEASURES.get(child.lemma_.lower()) or ADJECTIVE_MEASURES.get(child.lower_)
            if measure is not None:
                return measure, "people"
    if (measure := _verb_after(noun)) is not None:
        return measure, "people"  # "the number killed", "the number injured"
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for counted in prep.children:
            if counted.dep_ != "pobj":
                continue
            lemma = counted.lemma_.lower()
            measure = (
                ADJECTIVE_MEASURES.get(counted.lower_)
                or NOUN_MEASURES.get(lemma)
                or _COUNTED_MEASURES.get(lemma)
                or _verb_after(counted)
            )
            return (measure, group_of(counted)) if measure is not None else None
    if noun.lemma_.lower() == "toll":
        return "killed", "people"
    return None


def _verb_after(counted: Token) -> str | None:
    """The measure of a participle or relative clause on the counted noun: "people killed",
    "people who died", "those injured"."""
    for child in counted.children:
        if child.dep_ in {"acl", "relcl"}:
            measure = VERB_MEASURES.get(child.lemma_.lower())
            if measure is not None:
                return measure
    return None


def _figure_of(token: Token, verb: Token, noun: Token) -> bool:
    """Whether a number hangs from the tally's verb through its own prepositions ("from 14 to
    11", "up from 5", "reached 12"), or from a participle inside the tally ("the number of
    people killed to 13"), and not from another clause or noun."""
    inside_tally = {t.i for t in noun.subtree}
    current = token
    while current.i != verb.i:
        head = current.head
        if head.i == current.i:
            return False  # reached the root without meeting the verb
        if head.pos_ in {"VERB", "AUX"} and head.i != verb.i and head.i not in inside_tally:
            return False  # another clause's figure: "after rescuers found 3 more"
        if head.pos_ in {"NOUN", "PROPN"} and head.i not in inside_tally:
            return False  # a figure of another noun: "from 2 to 5 buildings"
        if head.i == verb.i and current.dep_ not in _FIGURE_DEPS:
            return False
        current = head
    return token.i not in inside_tally or _hangs_from_participle(token, noun)


def _hangs_from_participle(token: Token, noun: Token) -> bool:
    """A figure inside the tally's subtree that the parser attached to its participle ("the
    number of people killed to 13"), not one that counts inside the tally ("the toll of 3")."""
    current = token
    while current.i != noun.i:
        if current.dep_ == "prep" and current.head.pos_ == "VERB":
            return True
        current = current.head
    return False


def _object_of(token: Token, verb: Token) -> bool:
    """A figure that is the verb's object or complement: "the toll has reached 12"."""
    return (token.head.i == verb.i and token.dep_ in {"dobj", "attr"}) or (
        token.head.head.i == verb.i and token.head.dep_ in {"dobj", "attr"}
    )
