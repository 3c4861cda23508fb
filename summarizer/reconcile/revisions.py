"""Revisions: a document that says a figure changed ("revised from eight to six", "up from 5",
"bringing the death toll to 11"). The old figure is then superseded and takes no further part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from summarizer.reconcile.alignment import Aligned, Item, Key, as_number, event_id, subject
from summarizer.schemas import Claim, Conflict, ConflictKind, ConflictSide, Document
from summarizer.text.changes import CHANGE_STEMS
from summarizer.text.figures import format_figure
from summarizer.text.numbers import NUMBER_PATTERN, parse_number

_NUM = rf"({NUMBER_PATTERN})"
_CHANGE = CHANGE_STEMS
_FROM_TO = re.compile(rf"\b{_CHANGE}\b[^.;]*?\bfrom\s+{_NUM}\s+to\s+{_NUM}\b", re.IGNORECASE)
# The new figure first: "raising the death toll to 9 from 7", "revised to four from six".
_TO_FROM = re.compile(rf"\b{_CHANGE}\b[^.;]*?\bto\s+{_NUM}\s+from\s+{_NUM}\b", re.IGNORECASE)
_UP_FROM = re.compile(rf"\b(?:up|down|increased|decreased|revised)\s+from\s+{_NUM}\b", re.IGNORECASE)
_NOW_TO = re.compile(
    rf"\b(?:rose|risen|rising|climbed|climbing|jumped|increased|grew|bringing|brought|raising|raised|"
    rf"revised|lowered|pushing|pushed)\b[^.;]*?\bto\s+(?:at\s+least\s+)?{_NUM}\b",
    re.IGNORECASE,
)


@dataclass
class _RevisionCue:
    old: float | None
    new: float | None


def find_revision_cue(sentence: str, claim_value: float | None) -> _RevisionCue | None:
    """What a sentence says about a figure changing: 'revised from eight to six' (8 -> 6),
    'raised to 9 from 7' (7 -> 9), 'up from 5' (5 -> the claim's figure), 'bringing the death toll
    to 11' (? -> 11)."""
    found = _sentence_cue(sentence)
    if found is None:
        return None
    old, new, new_is_claims = found
    return _RevisionCue(old, claim_value if new_is_claims else new)


@lru_cache(maxsize=1 << 16)
def _sentence_cue(sentence: str) -> tuple[float | None, float | None, bool] | None:
    """(old, new, whether new is the claim's own figure): remembered, since every claim of a
    sentence asks, and the claims of every key of a document ask about the same sentences."""
    if found := _FROM_TO.search(sentence):
        return parse_number(found[1]), parse_number(found[2]), False
    if found := _TO_FROM.search(sentence):
        return parse_number(found[2]), parse_number(found[1]), False
    if found := _UP_FROM.search(sentence):
        return parse_number(found[1]), None, True
    if found := _NOW_TO.search(sentence):
        return None, parse_number(found[1]), False
    return None


def _sentence_of(claim: Claim, doc: Document | None) -> str:
    if doc is not None and 0 <= claim.sentence < len(doc.sentences):
        return doc.sentence_text(claim.sentence)
    return claim.span.text


def cued_documents(claims: Iterable[Claim], documents: dict[str, Document]) -> set[str]:
    """The documents with a claim whose sentence says a figure changed: only their keys can hold
    a revision, so that the other keys (most of them) skip `find_revisions`."""
    cued: set[str] = set()
    for claim in claims:
        doc_id = claim.document
        if doc_id not in cued and _sentence_cue(_sentence_of(claim, documents.get(doc_id))) is not None:
            cued.add(doc_id)
    return cued


def find_revisions(
    key: Key, by_doc: dict[str, list[Item]], documents: dict[str, Document], aligned: Aligned
) -> tuple[list[Conflict], set[str]]:
    """Revisions a document states for one key; returns them and the superseded claim ids."""
    conflicts: list[Conflict] = []
    superseded: set[str] = set()
    for doc_id, items in by_doc.items():
        seen: set[tuple[float | None, float | None]] = set()
        doc = documents.get(doc_id)
        for item in items:
            sentence = _sentence_of(item.claim, doc)
            if _sentence_cue(sentence) is None:
                continue  # most sentences: no change said (answered from memory, no cue built)
            cue = find_revision_cue(sentence, item.point)
            if cue is None or (cue.old, cue.new) in seen:
                continue
            if item.point is not None and item.point not in (cue.old, cue.new):
                continue  # the sentence's change is about another figure
            seen.add((cue.old, cue.new))
            new_side = [i for i in items if cue.new is not None and i.point == cue.new]
            # A part of the total ("another four died in hospital") is not an old total.
            if cue.old is not None:
                old_side = [i for i in items if i.point == cue.old and not i.part]
            else:
                old_side = [i for i in items if cue.new is not None and i.high < cue.new and not i.part]
            if cue.old == cue.new or not (old_side or new_side) or cue.new is None:
                continue
            old_value = cue.old if cue.old is not None else (old_side[0].point if old_side else None)
            if old_value is None:
                continue
            superseded.update(i.claim.id for i in old_side)
            sides = [_value_side(doc_id, old_side, old_value), _value_side(doc_id, new_side, cue.new)]
            conflicts.append(
                Conflict(
                    kind=ConflictKind.REVISION,
                    event=event_id(key),
                    metric=key[1],
                    place=aligned.place_names.get(key),
                    sides=sides,
                    why=(
                        f"{doc_id} says {subject(key, aligned)} changed from {format_figure(old_value)} "
                        f"to {format_figure(cue.new)}: use {format_figure(cue.new)}"
                    ),
                    newer=doc_id,
                )
            )
    return conflicts, superseded


def _value_side(doc_id: str, items: list[Item], value: float) -> ConflictSide:
    published = items[0].published if items else None
    return ConflictSide(
        document=doc_id,
        claims=[i.claim.id for i in items],
        low=as_number(value),
        high=as_number(value),
        published=published,
    )
