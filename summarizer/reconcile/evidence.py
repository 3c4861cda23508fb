"""What an event's lede names, to tell one real event from another of the same kind.

Two reports of one event name the same people, places, organisations and figures in their
ledes; two events of one kind (two earthquakes in one region, two bank bombings) share their kind
and their common words but not their names and figures. `lede_evidence` reads the event's lede
(its own sentence and the next, and the document's first sentences when the event is the one the
document opens with) with the English parse (`text.nlp`):

- **names**: named entities (people by surname, so "Jack Smith" and "Smith" agree; places,
  facilities, organisations, works, events), lower-cased, "the" and a possessive "'s" dropped;
- **figures**: numbers in digits that are not years or times of day (a reward of "$35,000",
  a toll of "24"), by value;
- **magnitudes**: an earthquake's magnitude ("6.1-magnitude", "magnitude 7.6", "M6.1"): two
  events of different magnitudes are different events, whatever else they share.

`similarity` weighs what two ledes share (a person's name counts double, a magnitude double);
`magnitudes_disagree` is the veto. Deterministic: the same text always gives the same evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from summarizer.schemas import Document, Event, Sentence
from summarizer.text.nlp import parse_many
from summarizer.text.numbers import parse_number
from summarizer.text.segment import segment
from summarizer.text.speech_verbs import SOURCE_LEMMAS

# Entity labels that name one thing in the world; dates, times, ordinals and counts are not names.
_NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
_FIGURE_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
# Entity labels of places: where the lede says the event happened.
_PLACE_LABELS = frozenset({"GPE", "LOC"})
LEDE_CORE = 2  # the event's own sentence and the next: where a report says where it happened
_WEIGHTS = {"person": 2.0, "name": 1.0, "figure": 1.0, "magnitude": 2.0}
LEDE_OPENING = 3  # the document's first sentences: headline, dateline, lead
REPORT_SENTENCES = 8  # an event's report read for its names: its sentence and the next ones
_MAGNITUDE = re.compile(
    r"\b(\d(?:\.\d+)?)[\s-]*(?:-?magnitude|richter)\b|\bmagnitude(?:\s+of)?\s+(\d(?:\.\d+)?)\b"
    r"|\bM\s?(\d\.\d)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True)
class Evidence:
    """What one event's lede names: features (kind:value) and the magnitudes it gives."""

    features: frozenset[str] = frozenset()
    magnitudes: frozenset[float] = frozenset()
    sentences: tuple[int, ...] = field(default=())
    places: tuple[str, ...] = ()  # places named in the lede proper, in order of mention
    people: frozenset[str] = frozenset()  # surnames of the people the lede proper names in full
    named: frozenset[str] = frozenset()  # surnames of everyone the lede proper names
    parties: frozenset[str] = frozenset()  # surnames named in full in the event's own sentence


_NOTHING = Evidence()


def lede_sentences(event: Event, document: Document, next_event: int | None = None) -> list[int]:
    """The event's report: its sentence and those after it, up to the document's next event and
    at most `REPORT_SENTENCES`; with the document's opening when the event is in it."""
    return _lede_sentences(event.sentence, len(document.sentences or segment(document.text)), next_event)


def _lede_sentences(sentence: int, count: int, next_event: int | None) -> list[int]:
    """`lede_sentences` of an event's sentence in a document of `count` sentences."""
    stop = min(count, sentence + REPORT_SENTENCES, next_event if next_event is not None else count)
    chosen = set(range(sentence, max(stop, sentence + 1)))
    if sentence < LEDE_OPENING:
        chosen |= set(range(LEDE_OPENING))
    return sorted(i for i in chosen if 0 <= i < count)


def lede_evidence(events: Sequence[Event], documents: Sequence[Document]) -> dict[str, Evidence]:
    """Evidence per event id; the ledes are parsed in one batch."""
    by_id = {doc.id: doc for doc in documents}
    wanted: dict[str, list[str]] = {}
    chosen: dict[str, list[int]] = {}
    starts: dict[str, list[int]] = {}
    core: dict[str, list[int]] = {}
    own = {event.id: event for event in events}  # the last of an id, as for its lede
    for event in events:
        starts.setdefault(event.document, []).append(event.sentence)
    segmented: dict[str, list[Sentence]] = {}  # a document's sentences, cut once for all its events
    for event in events:
        document = by_id.get(event.document)
        if document is None:
            continue
        if (sentences := segmented.get(document.id)) is None:
            sentences = segmented[document.id] = document.sentences or segment(document.text)
        if not sentences:  # nothing to read: no lede to choose
            wanted[event.id] = []
            continue
        later = [s for s in starts[event.document] if s > event.sentence]
        chosen[event.id] = _lede_sentences(event.sentence, len(sentences), min(later, default=None))
        # the lede proper: the event's sentence and the next; the whole opening when it is in it
        last = LEDE_OPENING - 1 if event.sentence < LEDE_OPENING else event.sentence
        core[event.id] = [i for i in chosen[event.id] if i < last + LEDE_CORE]
        wanted[event.id] = [document.text[sentences[i].start : sentences[i].end] for i in chosen[event.id]]
    texts = sorted({text for group in wanted.values() for text in group})
    parsed = dict(zip(texts, parse_many(texts), strict=True))
    evidence: dict[str, Evidence] = {}
    for event_id, group in wanted.items():
        if not group:  # a document with no sentences: nothing to read
            evidence[event_id] = _NOTHING
            continue
        features: set[str] = set()
        magnitudes: set[float] = set()
        places: dict[str, None] = {}
        people: set[str] = set()
        parties: set[str] = set()
        named: set[str] = set()
        for index, text in zip(chosen[event_id], group, strict=True):
            features |= _features(parsed[text])
            magnitudes |= _magnitudes(text)
            if index in core[event_id]:
                places.update(dict.fromkeys(_places(parsed[text])))
                people |= _full_names(parsed[text])
                if index == own[event_id].sentence:
                    parties |= _full_names(parsed[text])
                named |= {f.split(":", 1)[1] for f in _features(parsed[text]) if f.startswith("person:")}
                # the event's own places that its lede names, which the parse may have missed
                places.update(dict.fromkeys(p for p in own[event_id].places if p in text))
        features |= {f"magnitude:{m:g}" for m in magnitudes}
        evidence[event_id] = Evidence(
            features=frozenset(features),
            magnitudes=frozenset(magnitudes),
            sentences=tuple(chosen[event_id]),
            places=tuple(places),
            people=frozenset(people),
            parties=frozenset(parties),
            named=frozenset(people | named),
        )
    return evidence


def _features(doc: object) -> set[str]:
    features: set[str] = set()
    for ent in getattr(doc, "ents", ()):
        label = ent.label_
        if label in _NAME_LABELS:
            words = [t.text for t in ent if not t.is_punct and t.lower_ not in {"the", "'s", "’s"}]
            if not words:
                continue
            if label == "PERSON":
                features.add("person:" + _POSSESSIVE.sub("", words[-1]).lower())
            else:
                features.add("name:" + _POSSESSIVE.sub("", " ".join(words)).lower())
        elif label in _FIGURE_LABELS:
            for token in ent:
                if token.like_num and any(ch.isdigit() for ch in token.text) and not _YEAR.match(token.text):
                    value = parse_number(token.text)
                    if value is not None:
                        features.add(f"figure:{value:g}")
    return features


def _is_source(ent: Any) -> bool:
    """The person speaks for the story: subject of a reporting verb ("the sheriff described the
    attack", "Chief Voss told reporters"), or "according to" them; the news's source, not one of
    the people it is about."""
    root = ent.root
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ in SOURCE_LEMMAS:
        return True
    return bool(root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according")


def _full_names(doc: object) -> set[str]:
    """Surnames of the people a text is about, named in full ("Dana Whitlow" -> "whitlow"): a
    first name and a surname in capitals, not a source (`_is_source`). A lone capitalized word
    the parser calls a person is as often a place, a product or a headline's verb ("Announces")."""
    found: set[str] = set()
    for ent in getattr(doc, "ents", ()):
        words = [t.text for t in ent if not t.is_punct]
        full = len(words) >= 2 and all(w.isalpha() and w.istitle() for w in words)
        if ent.label_ == "PERSON" and full and not _is_source(ent):
            found.add(words[-1].lower())
    return found


def _places(doc: object) -> list[str]:
    return [ent.text for ent in getattr(doc, "ents", ()) if ent.label_ in _PLACE_LABELS]


def _magnitudes(text: str) -> set[float]:
    found: set[float] = set()
    for match in _MAGNITUDE.finditer(text):
        value = next(g for g in match.groups() if g is not None)
        number = float(value)
        if 1.0 <= number < 10.0:
            found.add(number)
    return found


def _weight(features: frozenset[str]) -> float:
    return sum(_WEIGHTS[feature.split(":", 1)[0]] for feature in features)


def similarity(a: Evidence, b: Evidence) -> float:
    """How much of what two reports name they share, 0 to 1: the weight of the shared names and
    figures over the geometric mean of each side's (a person's name 2, a magnitude 2, anything
    else 1)."""
    if not a.features or not b.features:
        return 0.0
    return _weight(a.features & b.features) / math.sqrt(_weight(a.features) * _weight(b.features))


def magnitudes_disagree(a: Evidence, b: Evidence) -> bool:
    """Both ledes give magnitudes and none is the same: two different earthquakes."""
    return bool(a.magnitudes and b.magnitudes and not a.magnitudes & b.magnitudes)


def people_disagree(a: Evidence, b: Evidence) -> bool:
    """Both ledes name people in full and neither lede names anyone the other's names in full
    (by surname, "Ms. Whitlow" too): two stories about different people. A name further down
    a report does not count: one story's people are often background in the other's.

    Two ledes that name one or two people in full each and share a protagonist still disagree when
    each one's own sentence names someone in full whom the other's whole report never names
    (`_unmentioned`): the same person's two fights, two hires or two trials, each against another
    party."""
    if not a.people or not b.people:
        return False
    if not (a.people & b.named or b.people & a.named):
        return True
    if len(a.people) > 2 or len(b.people) > 2:
        return False
    return bool(_unmentioned(a, b) and _unmentioned(b, a))


def _unmentioned(a: Evidence, b: Evidence) -> frozenset[str]:
    """The people the sentence of `a`'s event names in full (the parties to it) whom `b`'s whole
    report never names. When both sides have one, the stories share a protagonist but not the
    other party: one champion's two fights
    ("Ortiz beat Lang" and "Ortiz beat Moreau"), one club's two hires, two different victims of
    one suspect."""
    mentioned = {f.split(":", 1)[1] for f in b.features if f.startswith(("person:", "name:"))}
    return frozenset(p for p in a.parties if p not in mentioned and p not in b.named)
