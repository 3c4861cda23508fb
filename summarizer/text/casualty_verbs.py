"""Casualty counts read from a casualty verb: the noun phrases it counts, and the parts it names.

- the subject of a passive casualty verb ("two suspects were killed"), of an intransitive one
  ("three people died"), or the object of an active one ("the blast killed 12 people"); a verb
  conjoined with another shares its subject ("was shot and killed"); a headline passive with no
  "was" ("Teen wounded in drive-by");
- a participle as the state someone was found or left in ("found a woman shot to death");
- a fatal part ("three were shot, one fatally"), an included part ("five people, including two
  children, were killed"), a reflexive after the object ("shot his wife and then himself");
- people taken to a hospital, counted as hospitalized.

A negated verb ("was not injured") is not read.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from summarizer.schemas import Quantity
from summarizer.text.casualty_words import (
    ADJECTIVE_MEASURES,
    FATAL_ADVERBS,
    KILLING_VERBS,
    REFLEXIVES,
    VERB_MEASURES,
)
from summarizer.text.counted import SUBJECT_DEPS, CountReading, Reflexive, read_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["SMALL_CLAUSE_DEPS", "WITH_FATAL_PART", "has_auxiliary", "negated", "verb_readings"]

# The rule of a reading whose verb also names a part that died ("six wounded, two mortally").
WITH_FATAL_PART = "verb with a fatal part"


def verb_readings(verb: Token) -> list[CountReading]:
    """The casualty counts `verb` states: the people it counts, with the parts it names."""
    measure = VERB_MEASURES.get(verb.lemma_.lower()) or _taken_to_hospital(verb)
    if _to_death(verb):
        measure = "killed"  # "shot to death", "stabbed to death", "beaten to death"
    if measure is None or negated(verb):
        return []
    if measure in {"shot", "injured"} and any(
        child.lower_ in FATAL_ADVERBS and not _after_a_number(child) for child in verb.children
    ):
        measure = "killed"  # "fatally shot", "fatally wounding", "mortally injured"
    if measure == "shot" and _beside_a_killing(verb):
        measure = "injured"  # "killed his wife and shot her sister": the sister did not die
    gerund = verb.tag_ == "VBG" and not any(child.dep_ in {"aux", "auxpass"} for child in verb.children)
    if gerund and verb.dep_ not in {"advcl", "xcomp", "conj", "acl"}:
        return []  # a gerund used as a noun: "when is a shooting really a crime?"
    # "has died" is a perfect, not a passive: the dying are its subject.
    intransitive = verb.lemma_.lower() == "die"
    passive = not intransitive and (any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN")
    counted = _counted_phrases(verb, passive=passive)
    fatal = _fatal_part(verb, counted)
    if fatal and measure == "injured":
        measure = "shot"  # "six were wounded, two fatally": six were hit, and two of them died
    rule = WITH_FATAL_PART if fatal else "verb"
    out = [r for phrase in counted if (r := read_phrase(phrase, measure, rule)) is not None]
    out.extend(fatal)
    for phrase in counted:
        if not isinstance(phrase, Reflexive):
            out.extend(_included_parts(phrase, measure))
    selves = _and_then_self(verb, counted, measure)
    if measure != "killed" and len(selves) == 1 and len(out) == 1 and out[0].end <= selves[0].start:
        # "shot his wife and then himself": one act of shooting, the object and the shooter both
        # hit; the sentence counts both, as "a man and a woman were shot" does. (The killed keep
        # two readings: their victims/suspects split is reported.)
        first, self_reading = out[0], selves[0]
        low = (first.quantity.low or 0) + 1 if first.quantity.low is not None else None
        high = (first.quantity.high or 0) + 1 if first.quantity.high is not None else None
        if low is not None and high is not None:
            text = verb.doc.text[first.start : self_reading.end]
            total = Quantity(phrase=text, low=low, high=high, nominal=low if low == high else None)
            return [
                CountReading(measure, "people", total, first.start, self_reading.end, "verb, and then self")
            ]
    out.extend(selves)
    return out


def _beside_a_killing(verb: Token) -> bool:
    """'killed his wife and shot her sister', 'killing a clerk and shooting a customer': a shot
    verb joined by "and" to a verb of killing, each with its own object; the shot are others."""
    partners = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])

    def has_object(token: Token) -> bool:
        return any(c.dep_ == "dobj" for c in token.children)

    return has_object(verb) and any(
        p.lemma_.lower() in KILLING_VERBS and has_object(p) for p in partners if p.i != verb.i
    )


def _and_then_self(verb: Token, counted: list[Token], measure: str) -> list[CountReading]:
    """'shot his wife and then himself': the reflexive coordinated with the object is one more
    person, the subject (parsers attach it to the verb or to the object)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    objects = [c for c in counted if not isinstance(c, Reflexive) and c.dep_ == "dobj"]
    if not subjects or not objects:
        return []
    out = []
    for token in [verb, *objects]:
        for child in token.children:
            if child.dep_ == "conj" and child.lower_ in REFLEXIVES:
                reading = read_phrase(Reflexive(subjects[0], child), measure, "verb, and then self")
                if reading is not None:
                    out.append(reading)
    return out


def _to_death(verb: Token) -> bool:
    """'X to death': whatever was done, it killed ("was stabbed to death", "beat him to death")."""
    return any(
        prep.dep_ == "prep" and prep.lower_ == "to" and any(o.lower_ == "death" for o in prep.children)
        for prep in verb.children
    )


def _included_parts(noun: Token, measure: str) -> list[CountReading]:
    """'Five people, including two children, were killed': the children are a part of the five,
    counted with their own group (a part is never compared with its total as a rival figure)."""
    out = []
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in _PART_PREPOSITIONS:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    reading = read_phrase(obj, measure, "part")
                    if reading is not None:
                        out.append(replace(reading, part=True))
    return out


_RELATIVE_PRONOUNS = {"who", "that", "which"}
# Where a participle or adjective is the state something was found or left in.
SMALL_CLAUSE_DEPS = {"ccomp", "xcomp", "oprd"}


def has_auxiliary(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


# Prepositions that introduce a part of the counted total.
_PART_PREPOSITIONS = {"including", "among"}


def _counted_phrases(verb: Token, *, passive: bool) -> list[Token]:
    """The noun phrases the verb counts: its subject when passive or intransitive, else its object."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # A participle after its noun: "the five victims killed", "22 other people injured".
        return [verb.head]
    has_object = any(c.dep_ == "dobj" for c in verb.children)  # then active, whatever its tag
    if verb.dep_ in SMALL_CLAUSE_DEPS and verb.tag_ == "VBN" and not has_auxiliary(verb) and not has_object:
        # A participle as what was found: "found a woman shot to death" (its own subject),
        # "a man was found shot" (the finding verb's subject), "left two men wounded" (its object).
        own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
        found = [c for c in verb.head.children if c.dep_ in {"nsubjpass", "dobj"}]
        return own or found
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if verb.dep_ == "relcl" and any(s.lower_ in _RELATIVE_PRONOUNS for s in subjects):
        # "the toddler who died", "a man that was killed": the relative stands for its noun.
        subjects = [verb.head] if all(s.lower_ in _RELATIVE_PRONOUNS for s in subjects) else subjects
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not subjects and verb.dep_ == "conj":
        # "was shot and killed": the second verb shares the first one's subject.
        subjects = [c for c in verb.head.children if c.dep_ in SUBJECT_DEPS]
        if passive and not any(c.dep_ == "auxpass" for c in verb.head.children) and verb.head.tag_ != "VBN":
            subjects = []
    if not objects and verb.dep_ == "conj" and not subjects:
        objects = [c for c in verb.head.children if c.dep_ == "dobj"]
    if objects:
        reflexive = [o for o in objects if o.lower_ in REFLEXIVES]
        if reflexive and subjects:
            return [Reflexive(subjects[0], reflexive[0])]  # type: ignore[list-item]
        return objects
    if passive and not subjects and verb.dep_ in {"pcomp", "advcl"} and has_auxiliary(verb):
        # "recovering after being shot", "died while being treated": the passive gerund's
        # people are the subject of the clause it belongs to.
        governing = next((t for t in verb.ancestors if t.pos_ in {"VERB", "AUX"}), None)
        if governing is not None:
            return [c for c in governing.children if c.dep_ in SUBJECT_DEPS]
    if _headline_passive(verb):
        # Headlinese drops the "was": "Teen wounded in drive-by", "Girl critically injured in
        # crash". A verb of harm with no object and no auxiliary right after its subject is
        # such a passive.
        return [s for s in subjects if s.dep_ == "nsubj" and _adjacent(s, verb)]
    if passive or verb.lemma_.lower() == "die":
        return [s for s in subjects if s.dep_ == "nsubjpass" or not passive]
    return []


def _headline_passive(verb: Token) -> bool:
    # Not for the dead ("Teen killed in ..." titles restate the body's toll) nor for "shot dead",
    # whose complement is read as the measure.
    return (
        verb.dep_ == "ROOT"
        and verb.tag_ in {"VBN", "VBD"}
        and verb.lemma_.lower() not in KILLING_VERBS | {"die"}
        and not has_auxiliary(verb)
        and not any(
            c.dep_ in {"oprd", "acomp", "xcomp", "ccomp"} or c.lower_ in ADJECTIVE_MEASURES
            for c in verb.children
        )
    )


def _adjacent(subject: Token, verb: Token) -> bool:
    """Only adverbs between the subject and its verb: "Girl critically injured"."""
    return subject.i < verb.i and all(t.dep_ == "advmod" for t in subject.doc[subject.i + 1 : verb.i])


def _taken_to_hospital(verb: Token) -> str | None:
    """'29 were taken to a hospital', 'three were rushed to Mercy Medical Center': people moved
    to a place of care are counted as hospitalized."""
    if verb.lemma_.lower() not in _TRANSPORT_VERBS:
        return None
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "to":
            for place in prep.children:
                if place.dep_ == "pobj" and _is_care_place(place):
                    return "hospitalized"
    return None


def _is_care_place(noun: Token) -> bool:
    words = {t.lemma_.lower() for t in noun.subtree if t.i <= noun.i}
    return bool(words & _CARE_WORDS)


# Verbs of moving someone, and the words that make the destination a place of care.
_TRANSPORT_VERBS = {"take", "transport", "rush", "airlift", "fly", "admit", "carry", "bring"}
_CARE_WORDS = {"hospital", "clinic", "medical", "trauma", "infirmary", "emergency"}


def _fatal_part(verb: Token, counted: list[Token]) -> list[CountReading]:
    """'Three people were shot, one fatally': the part that died is a count of its own. Parsers
    attach it to the verb, to the counted phrase or to the verb that governs both ("left four
    soldiers wounded, one mortally"): a number after the counted phrase with a fatal adverb."""
    heads = {verb.i, verb.head.i, verb.head.head.i} | {c.i for c in counted if not isinstance(c, Reflexive)}
    after = max(heads)
    out = []
    for token in verb.doc[after + 1 :]:
        if not (token.like_num or token.pos_ == "NUM"):
            continue
        attached = token.head.i in heads and any(g.lower_ in FATAL_ADVERBS for g in token.children)
        if attached or _before_a_fatal_adverb(token):
            reading = read_phrase(token, "killed", "fatal part")
            if reading is not None:
                out.append(reading)
    return out


# "two of them fatally", "one of whom mortally": a partitive between a number and its adverb.
_PARTITIVE_PRONOUNS = {"them", "those", "whom"}


def _before_a_fatal_adverb(number: Token) -> bool:
    """'six wounded -- two mortally', 'six were wounded, two of them fatally': the adverb right
    after a number (a partitive between) says that part died, wherever the parser attached it."""
    doc, j = number.doc, number.i + 1
    if j + 1 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ in _PARTITIVE_PRONOUNS:
        j += 2
    return j < len(doc) and doc[j].lower_ in FATAL_ADVERBS


def _after_a_number(adverb: Token) -> bool:
    """The fatal adverb is about a number right before it, not about the whole verb."""
    doc = adverb.doc
    before = [doc[i] for i in (adverb.i - 1, adverb.i - 3) if i >= 0]
    return any((t.like_num or t.pos_ == "NUM") and _before_a_fatal_adverb(t) for t in before)


def negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)
