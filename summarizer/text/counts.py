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
- a zero count ("no one was hurt", "there were no injuries", "nobody was killed");
- a singular noun phrase, a name or a reflexive as a count of one ("a teenager was shot and
  killed", "the gunman killed himself"), and coordinated phrases as their sum ("a man and a
  woman were injured" is two).

Who was counted comes from the counted noun (victims, suspects, officers, children, people); a
reflexive counts its subject. A negated verb ("was not injured") is not read. How many a counted
phrase counts, and who, is read by `text.counted`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from summarizer.schemas import Quantity
from summarizer.text.age_sufferers import age_sufferer_reading
from summarizer.text.counted import (
    SUBJECT_DEPS,
    CountReading,
    Reflexive,
    has_zero_determiner,
    quantity_child,
    read_phrase,
    read_single,
    zero_for_others,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["CountReading", "read_counts"]

# Verb lemmas that state a casualty, by the measure they state.
_VERB_MEASURES = {
    "kill": "killed",
    "murder": "killed",
    "slay": "killed",
    "die": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "shoot": "shot",
    "hospitalize": "hospitalized",
    "hospitalise": "hospitalized",
}
# Adjectives that state a casualty as a complement or after a number: "left two dead".
_ADJECTIVE_MEASURES = {"dead": "killed", "injured": "injured", "wounded": "injured", "missing": "missing"}
# Nouns that are themselves the measure: "three deaths", "14 injuries".
_NOUN_MEASURES = {
    "death": "killed",
    "fatality": "killed",
    "injury": "injured",
    "wound": "injured",
    "casualty": "casualties",
}
_REFLEXIVES = {"himself", "herself", "themselves"}
# "fatally shot" or "shot, one fatally": the shooting killed.
_FATAL_ADVERBS = {"fatally", "mortally"}
_WITH_FATAL_PART = "verb with a fatal part"


def read_counts(doc: Doc) -> list[CountReading]:
    """Every casualty count the parse of `doc` (one sentence) states, in order of position."""
    readings: list[CountReading] = []
    for token in doc:
        if token.pos_ in {"VERB", "AUX"} or token.tag_ in {"VBN", "VBD"}:
            readings.extend(_verb_readings(token))
        if token.lemma_.lower() in _NOUN_MEASURES and token.pos_ == "NOUN":
            readings.extend(_noun_measure_reading(token))
        if token.pos_ == "NOUN" and _names_a_killing(token):
            readings.extend(_killing_of(token))
        # "injured" with a direct object is a verb the tagger read as a participle ("The storm,
        # which struck at night, injured 40 people"): its subject caused the harm, it was not hurt.
        if (
            token.lower_ in _ADJECTIVE_MEASURES
            and token.pos_ in {"ADJ", "VERB"}
            and token.dep_ != "ROOT"
            and not any(c.dep_ == "dobj" for c in token.children)
        ):
            readings.extend(_adjective_reading(token))
    readings.extend(_multiple_incident_readings(doc.text))
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
    hit = {(r.start, r.end) for r in kept if r.rule.startswith(_WITH_FATAL_PART)}
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


# --------------------------------------------------------------------------- verbs


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


def _verb_readings(verb: Token) -> list[CountReading]:
    measure = _VERB_MEASURES.get(verb.lemma_.lower()) or _taken_to_hospital(verb)
    if _to_death(verb):
        measure = "killed"  # "shot to death", "stabbed to death", "beaten to death"
    if measure is None or _negated(verb):
        return []
    if measure in {"shot", "injured"} and any(
        child.lower_ in _FATAL_ADVERBS and not _after_a_number(child) for child in verb.children
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
    rule = _WITH_FATAL_PART if fatal else "verb"
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
        p.lemma_.lower() in _KILLING_VERBS and has_object(p) for p in partners if p.i != verb.i
    )


_KILLING_VERBS = {
    lemma for lemma, measure in _VERB_MEASURES.items() if measure == "killed" and lemma != "die"
}


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
            if child.dep_ == "conj" and child.lower_ in _REFLEXIVES:
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
_SMALL_CLAUSE_DEPS = {"ccomp", "xcomp", "oprd"}


def _has_auxiliary(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


# Prepositions that introduce a part of the counted total.
_PART_PREPOSITIONS = {"including", "among"}


def _counted_phrases(verb: Token, *, passive: bool) -> list[Token]:
    """The noun phrases the verb counts: its subject when passive or intransitive, else its object."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # A participle after its noun: "the five victims killed", "22 other people injured".
        return [verb.head]
    has_object = any(c.dep_ == "dobj" for c in verb.children)  # then active, whatever its tag
    if verb.dep_ in _SMALL_CLAUSE_DEPS and verb.tag_ == "VBN" and not _has_auxiliary(verb) and not has_object:
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
        reflexive = [o for o in objects if o.lower_ in _REFLEXIVES]
        if reflexive and subjects:
            return [Reflexive(subjects[0], reflexive[0])]  # type: ignore[list-item]
        return objects
    if passive and not subjects and verb.dep_ in {"pcomp", "advcl"} and _has_auxiliary(verb):
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
        and verb.lemma_.lower() not in _KILLING_VERBS | {"die"}
        and not _has_auxiliary(verb)
        and not any(
            c.dep_ in {"oprd", "acomp", "xcomp", "ccomp"} or c.lower_ in _ADJECTIVE_MEASURES
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
        attached = token.head.i in heads and any(g.lower_ in _FATAL_ADVERBS for g in token.children)
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
    return j < len(doc) and doc[j].lower_ in _FATAL_ADVERBS


def _after_a_number(adverb: Token) -> bool:
    """The fatal adverb is about a number right before it, not about the whole verb."""
    doc = adverb.doc
    before = [doc[i] for i in (adverb.i - 1, adverb.i - 3) if i >= 0]
    return any((t.like_num or t.pos_ == "NUM") and _before_a_fatal_adverb(t) for t in before)


def _negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


# --------------------------------------------------------------------------- nouns and adjectives


# A killing or shooting named by how many it hit: "a double homicide" killed two, "a triple
# shooting" hit three, "a double fatal shooting" killed two. Read on the text: the parse often
# takes "quadruple" for the noun. "a double murder-suicide" counts the killer too: no figure.
_MULTIPLE_INCIDENT = re.compile(
    r"\b(?P<times>double|triple|quadruple|quintuple)[\s-]+(?P<fatal>(?:fatal|deadly)\s+)?"
    r"(?P<noun>homicide|murder|slaying|killing|shooting)s?\b(?![\s-]*suicide)",
    re.IGNORECASE,
)
_TIMES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}


def _multiple_incident_readings(text: str) -> list[CountReading]:
    found = []
    for match in _MULTIPLE_INCIDENT.finditer(text):
        size = _TIMES[match["times"].lower()]
        shooting = match["noun"].lower() == "shooting" and not match["fatal"]
        count = Quantity(phrase=match.group(), low=size, high=size, nominal=size)
        measure = "shot" if shooting else "killed"
        found.append(CountReading(measure, "people", count, match.start(), match.end(), "multiple incident"))
    return found


def _noun_measure_reading(noun: Token) -> list[CountReading]:
    """'three deaths', 'no injuries', 'two fatalities'."""
    measure = _NOUN_MEASURES[noun.lemma_.lower()]
    if measure == "injured" and any(c.lower_ in _FATAL_ADJECTIVES for c in noun.children):
        measure = "killed"  # "suffered a fatal gunshot wound"
    carriers = _carriers_of(noun) or _sufferers_of(noun)
    if carriers:
        found = [r for c in carriers if (r := read_phrase(c, measure, "with measure noun")) is not None]
        return found[:1]
    if (aged := age_sufferer_reading(noun, measure, _SUFFER_VERBS)) is not None:
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
        if any(c.lower_ in _ADJECTIVE_MEASURES for c in counted.children):
            numbers = [c for c in counted.children if c.dep_ == "conj" and c.like_num]
            if not numbers:
                return None
            counted = numbers[-1]
        return read_phrase(counted, measure, "complement")
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    return read_phrase(subjects[0], measure, "complement") if subjects else None


def _names_a_killing(noun: Token) -> bool:
    """'the death of', 'the murder of', 'the fatal shooting of': a noun for a killing."""
    lemma = noun.lemma_.lower()
    if lemma in _KILLING_NOUNS:
        return True
    return lemma in _ATTACK_NOUNS and any(c.lower_ in _FATAL_ADJECTIVES for c in noun.children)


def _killing_of(noun: Token) -> list[CountReading]:
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
_FATAL_ADJECTIVES = {"fatal", "deadly"}


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
    if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in _SUFFER_VERBS or _negated(noun.head):
        return []
    return [c for c in noun.head.children if c.dep_ in SUBJECT_DEPS]


_SUFFER_VERBS = {"suffer", "sustain", "receive"}


def _adjective_reading(adjective: Token) -> list[CountReading]:
    """'left two dead and five injured', 'three people dead', 'the victim was pronounced dead'.

    A number right before the adjective is what it counts (read from the tokens: parsers attach
    "X dead and Y injured" in several ways); with no number there, a complement of a passive verb
    counts the verb's subject."""
    measure = _ADJECTIVE_MEASURES[adjective.lower_]
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
    elif adjective.dep_ in _SMALL_CLAUSE_DEPS and not _has_auxiliary(adjective):
        # The state something was found or left in: "found a teenager dead" counts its own
        # subject or the object (never the finder: "the mayor said 14 were injured" does not
        # count the mayor).
        own = [c for c in adjective.children if c.dep_ in SUBJECT_DEPS]
        found = own or [c for c in adjective.head.children if c.dep_ == "dobj"]
        reading = read_phrase(found[0], measure, "complement") if found else None
    elif adjective.dep_ == "amod" and adjective.i > adjective.head.i and adjective.head.dep_ == "dobj":
        # Placed after what it describes: "found a retiree dead" (never "the dead man").
        reading = read_phrase(adjective.head, measure, "complement")
    else:
        reading = None
    return [reading] if reading is not None else []
