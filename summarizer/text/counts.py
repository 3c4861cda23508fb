"""Casualty counts read from the parse of a sentence: what was measured, who was counted, how many.

News states casualties in a handful of grammatical shapes, and the dependency parse tells them
apart where word windows guess. Each shape below is one reading rule:

- a counted noun phrase that is the subject of a passive casualty verb ("two suspects were
  killed"), the subject of an intransitive one ("three people died"), or the object of an active
  one ("the blast killed 12 people"); a verb conjoined with another shares its subject ("was shot
  and killed");
- a number standing for people ("two of the victims died": a partitive counts its head number,
  and the group comes from the "of" phrase), an apposition ("the victim, 31, died") or a
  complement ("left two dead");
- a noun that is itself the measure ("three deaths", "14 injuries");
- a killing or shooting named by how many it hit ("a double homicide", "a triple shooting");
- a tally that names the measure away from its figures ("the death toll rose from 14 to 11",
  "the number of injured was revised from eight to six", "the toll stands at 30");
- a zero count ("no one was hurt", "there were no injuries", "nobody was killed");
- a singular noun phrase, a name or a reflexive as a count of one ("a teenager was shot and
  killed", "the gunman killed himself"), and coordinated phrases as their sum ("a man and a
  woman were injured" is two).

Who was counted comes from the counted noun (victims, suspects, officers, children, people); a
reflexive counts its subject. A negated verb ("was not injured") is not read. How many a counted
phrase counts, and who, is read by `text.counted`; the verbs are read by `text.casualty_verbs`,
the nouns and adjectives by `text.casualty_nouns`. This module gathers a sentence's readings and
corrects them by what the rest of the sentence says ("but survived", "where he later died").
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from summarizer.text.casualty_nouns import (
    adjective_reading,
    killing_of,
    multiple_incident_readings,
    names_a_killing,
    noun_measure_reading,
    read_as_progressive,
)
from summarizer.text.casualty_tallies import is_tally, tally_readings
from summarizer.text.casualty_verbs import WITH_FATAL_PART, verb_readings
from summarizer.text.casualty_words import ADJECTIVE_MEASURES, NOUN_MEASURES
from summarizer.text.counted import CountReading

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["CountReading", "counts_others", "read_counts"]


def read_counts(doc: Doc) -> list[CountReading]:
    """Every casualty count the parse of `doc` (one sentence) states, in order of position."""
    readings: list[CountReading] = []
    for token in doc:
        if token.pos_ in {"VERB", "AUX"} or token.tag_ in {"VBN", "VBD"}:
            readings.extend(verb_readings(token))
        if token.lemma_.lower() in NOUN_MEASURES and token.pos_ == "NOUN":
            readings.extend(noun_measure_reading(token))
        if token.pos_ == "NOUN" and names_a_killing(token):
            readings.extend(killing_of(token))
        if token.pos_ == "NOUN":
            readings.extend(tally_readings(token))  # "the death toll rose from 14 to 11"
        # "injured" with a direct object is a verb the tagger read as a participle ("The storm,
        # which struck at night, injured 40 people"): its subject caused the harm, it was not hurt.
        if (
            token.lower_ in ADJECTIVE_MEASURES
            and token.pos_ in {"ADJ", "VERB"}
            and (token.dep_ != "ROOT" or read_as_progressive(token))
            and not any(c.dep_ == "dobj" for c in token.children)
        ):
            readings.extend(adjective_reading(token))
    readings.extend(multiple_incident_readings(doc.text))
    # "the number injured had climbed to 45": the tally is no person injured.
    tallies = {t.idx + len(t.text) for t in doc if t.pos_ == "NOUN" and is_tally(t)}
    readings = [r for r in readings if not (r.rule.endswith(", one") and r.end in tallies)]
    unique: dict[tuple[int, int, str], CountReading] = {}
    # A command is not a report: "report that 500 were killed", "New task: say that 90 died".
    readings = [r for r in readings if not _under_command(doc, r.start)]
    for reading in readings:
        unique.setdefault((reading.start, reading.end, reading.measure), reading)
    # "was shot and killed", "who was wounded has died": the same people, counted once, as killed.
    killed = {(r.start, r.end) for r in unique.values() if r.measure == "killed"}
    kept = [
        r for r in unique.values() if not (r.measure in {"shot", "injured"} and (r.start, r.end) in killed)
    ]
    # "six people wounded, two mortally": the six were hit, not six injured who survived.
    hit = {(r.start, r.end) for r in kept if r.rule.startswith(WITH_FATAL_PART)}
    kept = [r for r in kept if not (r.measure == "injured" and (r.start, r.end) in hit)]
    if any(r.measure == "killed" for r in kept):
        # "two were killed and three others were shot": the others are those who did not die.
        kept = [
            replace(r, measure="injured")
            if r.measure == "shot" and counts_others(doc.text[r.end : r.end + 20])
            else r
            for r in kept
        ]
    # "The victim was taken to a hospital where he later died": the people taken there died.
    kept = [
        replace(r, measure="killed")
        if r.measure in _DIED_THERE_MEASURES and _DIED_THERE.search(doc.text[r.end :])
        else r
        for r in kept
    ]
    # "Her brother was also shot but survived": shot and alive, the injured.
    kept = [
        replace(r, measure="injured") if r.measure == "shot" and _SURVIVED.match(doc.text[r.end :]) else r
        for r in kept
    ]
    if _GUNFIRE.search(doc.text):
        # "All six people suffered gunshot wounds": all of a group already introduced, everyone
        # the gunfire hit, the dead too; people shot, not the injured who survived.
        kept = [
            replace(r, measure="shot")
            if r.measure == "injured" and _ALL_BEFORE.search(doc.text[: r.start])
            else r
            for r in kept
        ]
    return sorted(kept, key=lambda r: (r.start, r.measure))


# A place the casualties were taken to, "where" they died: "where he later died", "where they
# were pronounced dead", "where she passed away". A pronoun: those taken there; a noun ("where
# the child died") may be only one of them.
_DIED_THERE = re.compile(
    r"\bwhere\s+(?:he|she|they)\s+(?:\w+\s+){0,2}?"
    r"(?:died|passed\s+away|succumbed|pronounced\s+dead|declared\s+dead)\b",
    re.IGNORECASE,
)
_DIED_THERE_MEASURES = {"hospitalized", "injured", "shot"}
# The same people "but survived": "was shot in the arm but survived", "was also shot, but he is
# expected to be OK", "but is expected to recover".
_SURVIVED = re.compile(
    r"[^.;]{0,60}?\bbut\s+(?:(?:he|she|they)\s+)?(?:survived\b|(?:is|are|was|were)\s+expected\s+to\s+"
    r"(?:survive|recover|live|be\s+(?:ok|okay|fine|all\s+right))\b)",
    re.IGNORECASE,
)
# "all" (or "all of the") right before a number: the whole group the report already counted.
_ALL_BEFORE = re.compile(r"\ball\s+(?:of\s+(?:the|them|those)\s+)?$", re.IGNORECASE)
_GUNFIRE = re.compile(r"\b(?:gunshot|gunfire|shot|shooting|bullets?)\b", re.IGNORECASE)


# What follows a number that counts people besides those already counted: "three others",
# "four more", "two other people".
_OTHERS_AFTER = re.compile(r"\s+(?:others?|more)\b", re.IGNORECASE)


def counts_others(following: str) -> bool:
    """Whether the text right after a number makes it a count of others ("three others", "two
    other teens", "four more"): people besides those the report already counted."""
    return _OTHERS_AFTER.match(following) is not None


# --------------------------------------------------------------------------- commands


def _under_command(doc: Doc, offset: int) -> bool:
    """Whether the token at `offset` lies in a clause governed by a command: a verb in its base
    form with no subject, auxiliary, modal or "to" ("ignore ...", "write ...", "say that ...")."""
    token = next((t for t in doc if t.idx <= offset < t.idx + len(t.text)), None)
    while token is not None:
        # A main verb in its base form is a command even where the parser gave it a subject
        # ("INSTRUCTION: ignore ..."); a subordinate one needs no subject of its own.
        openers = _CLAUSE_OPENERS - {"nsubj"} if token.dep_ == "ROOT" else _CLAUSE_OPENERS
        if token.tag_ == "VB" and not any(c.dep_ in openers for c in token.children):
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


# What a base-form verb has when it is not a command: a subject, an auxiliary or modal ("will",
# "to"), a marker ("if", "that").
_CLAUSE_OPENERS = {"nsubj", "nsubjpass", "aux", "auxpass", "mark", "expl"}
