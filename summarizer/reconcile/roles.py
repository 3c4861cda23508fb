"""The role a figure plays in its article: a total for the slot, a part of one, or background.

A reader who hears "the sources disagree" means that two reports give rival totals for the same
thing. Most pairs of different figures in news text are not that:

- **an individual**: one person named or described ("her father", "a 16-year-old girl", a
  name) is one of those counted, not a count of one;
- **a part**: a partitive ("four of the victims", "of 30 people taken, 29 ..."), an item of a
  list after "including", or an addition ("another four", "six other people") that follows a
  figure of the same measure (`alignment` checks what came before) is a share of a total;
- **the dead among the hurt**: "20 were injured, and two of those are dead" counts 18 survivors;
- **background**: a sentence about an earlier event (`text.background.earlier_event_sentences`).

Conflicts read individuals and parts as lower bounds ("at least one", "at least four"): they can
never contradict a larger total; estimates keep their own figures. Background figures are kept
apart from the event they sit beside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.schemas import Claim, Document
from summarizer.text.numbers import NUMBER_PATTERN, parse_number

# A count of one said as a count ("one", "1", "a single", "only one"): anything else that reads
# as one ("her father", "a patient", a name) describes an individual.
_COUNT_OF_ONE = re.compile(
    r"^\W*(?:(?:only|just|at\s+least|at\s+most)\s+)?(?:one|1|a\s+single|single)\b", re.I
)
_AGE = re.compile(r"\b\d+[-\s](?:year|month|week|day)s?[-\s]old\b", re.I)  # "a 16-year-old girl"
_DIGIT = re.compile(r"\d")
# Partitive: "four of the victims", "29 of 30 people", "two of those", "one of them", "one among them".
_PARTITIVE_AFTER = re.compile(
    rf"^\s*(?:of|among)\s+(?:the|those|these|them|whom|which|his|her|their|its|{NUMBER_PATTERN})\b", re.I
)
# Addition to a figure already given: "six other people", "22 more", "three additional victims";
# "another four people", "a further 12".
_ADDITION_AFTER = re.compile(r"^\s*(?:other|others|more|additional|further)\b", re.I)
_ADDITION_BEFORE = re.compile(r"\b(?:another|an\s+additional|a\s+further)\s+$", re.I)
# Partitive with the whole first: "Of the 30 people taken to hospital, 29 ...", "out of 12 victims, 10".
_WHOLE_BEFORE = re.compile(rf"\b(?:of|out\s+of)\s+(?:the\s+)?{NUMBER_PATTERN}[^,;]*,\s*$", re.I)
# A list of the members of a total: "21 missiles, including two hypersonic ones"; "of whom".
_INCLUDING = re.compile(
    r"\b(?:including|includ(?:es|ed)|among\s+them|among\s+whom|of\s+whom|of\s+which)\b", re.I
)
_NUMBER = re.compile(NUMBER_PATTERN, re.I)


def _around(claim: Claim, document: Document | None) -> tuple[str, str] | None:
    """The claim's sentence before and after its figure, when its span is located in it."""
    if document is None or not 0 <= claim.sentence < len(document.sentences):
        return None
    sentence = document.sentences[claim.sentence]
    start, end = claim.span.start, claim.span.end
    if start is None or end is None or not sentence.start <= start <= end <= sentence.end:
        return None
    return document.text[sentence.start : start], document.text[end : sentence.end]


def is_individual(claim: Claim) -> bool:
    """A figure of one given by who it is ("her father") rather than by a count ("one")."""
    q = claim.quantity
    if not (q.low == 1 and q.high == 1):  # checked first: most figures are not one, and it is cheap
        return False
    said = _AGE.sub("", q.phrase or claim.span.text).strip()
    return bool(said) and not (_COUNT_OF_ONE.match(said) or _DIGIT.search(said))


def is_part(claim: Claim, document: Document | None) -> bool:
    """The claim's words mark it as a share of a total (see the module's docstring)."""
    around = _around(claim, document)
    return around is not None and _part_words(*around)


def _part_words(before: str, after: str) -> bool:
    if _PARTITIVE_AFTER.match(after) or _WHOLE_BEFORE.search(before):
        return True
    cues = list(_INCLUDING.finditer(before))
    return bool(cues) and bool(_NUMBER.search(before[: cues[-1].start()]))


def is_addition(claim: Claim, document: Document | None) -> bool:
    """'six other people', 'another four': a figure added to one given before it. Whether it is
    a part of the same count depends on what came before (`alignment`): "one man was killed ...
    another four died" adds to the killed; "five dead and six others wounded" starts a new count."""
    around = _around(claim, document)
    return around is not None and _addition_words(*around)


def _addition_words(before: str, after: str) -> bool:
    return bool(_ADDITION_AFTER.match(after) or _ADDITION_BEFORE.search(before))


# The dead counted among the hurt: "20 were injured, and two of those victims are dead",
# "14 people were wounded, three of whom later died".
_DEAD_AMONG = re.compile(
    rf"^[^.;]*?\b(?P<dead>{NUMBER_PATTERN})\s+of\s+(?:those|them|whom|these|the)\b[^.;]{{0,40}}?"
    r"\b(?:died|dead|killed|fatally|succumbed)\b",
    re.I,
)


def dead_among(claim: Claim, document: Document | None) -> int | None:
    """How many of the claim's hurt the rest of its sentence says died ("two of those are dead"):
    the figure then counts the dead too, and the injured alone are that many fewer."""
    around = _around(claim, document)
    return None if around is None else _dead_words(around[1])


def _dead_words(after: str) -> int | None:
    found = _DEAD_AMONG.match(after)
    value = parse_number(found["dead"]) if found else None
    return int(value) if value is not None and value == int(value) else None


@dataclass(frozen=True, slots=True)
class Roles:
    """What a claim's words say of its role: `is_individual` or `is_part` (`part`), the dead
    among its hurt (`dead_among`, asked only when `hurt`), an addition (`is_addition`, asked
    only when not a part)."""

    part: bool
    dead: int | None
    addition: bool


_NO_ROLE = Roles(part=False, dead=None, addition=False)
_PART = Roles(part=True, dead=None, addition=False)


def read_roles(claim: Claim, document: Document | None, hurt: bool) -> Roles:
    """The three readings at once, with the claim's sentence cut around its figure once
    (alignment asks this of every claim)."""
    individual = is_individual(claim)
    around = _around(claim, document)
    if around is None:
        return _PART if individual else _NO_ROLE
    before, after = around
    if individual or _part_words(before, after):
        return _PART
    return Roles(
        part=False, dead=_dead_words(after) if hurt else None, addition=_addition_words(before, after)
    )
