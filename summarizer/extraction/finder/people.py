"""People: who a document names (by a title, a person noun, an apposition or a speech cue),
where each is mentioned, and whom each speech cue names once pronouns, surnames and
"the doctor" are resolved."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from summarizer.extraction.finder.names import (
    PERSON_NOUNS,
    all_name_tokens,
    apposition,
    last_title,
    name_text,
    role_before,
)
from summarizer.extraction.finder.places import PLACE_PREPOSITIONS
from summarizer.extraction.finder.quotations import QuotedText
from summarizer.extraction.finder.speech import PRONOUNS, Cue, find_speech_cues
from summarizer.extraction.finder.tokens import WORDS, Run, Text, vocab
from summarizer.extraction.finder.types import Person, Speaker

# Lower-case heads of a speaker phrase that name a group, not a person.
_GROUP_HEADS = vocab(
    """officials authorities police officers investigators prosecutors witnesses eyewitnesses
    residents relatives neighbors neighbours rescuers doctors sources experts analysts force
    agency ministry department office administration government military army service services
    statement parents survivors victims passengers travelers travellers guests students
    firefighters paramedics medics staff workers volunteers observers monitors media reporters
    deputies troopers family team company spokespeople"""
)


@dataclass
class _PersonRecord:
    name: str
    role: str | None
    first_offset: int


@dataclass
class People:
    """The people a document names, with their roles and where each is mentioned."""

    records: dict[str, _PersonRecord] = field(default_factory=dict)
    # (offset, canonical name) of every mention outside quotations, in text order
    mentions: list[tuple[int, str]] = field(default_factory=list)

    def add(self, name: str, role: str | None, offset: int) -> None:
        record = self.records.get(name)
        if record is None:
            self.records[name] = _PersonRecord(name, role, offset)
        elif record.role is None and role:
            record.role = role

    def canonical(self, name: str, offset: int) -> str:
        """A surname alone ("Garcia") as the full name it stands for, the nearest one named before."""
        if " " in name:
            return name
        best: tuple[int, str] | None = None
        for record in self.records.values():
            if " " in record.name and record.name.split()[-1] == name:
                distance = offset - record.first_offset
                key = (0 if distance >= 0 else 1, abs(distance))
                if best is None or key < (0 if offset - best[0] >= 0 else 1, abs(offset - best[0])):
                    best = (record.first_offset, record.name)
        return best[1] if best is not None else name

    def listed(self) -> list[Person]:
        """Each person once: a surname that stands for a full name is not listed apart."""
        return [
            Person(name=r.name, role=r.role)
            for r in self.records.values()
            if " " in r.name or self.canonical(r.name, r.first_offset) == r.name
        ]

    def role(self, name: str) -> str | None:
        record = self.records.get(name)
        return record.role if record is not None else None

    def name_tokens(self) -> set[str]:
        return {part for record in self.records.values() for part in record.name.split()}

    def before(self, offset: int) -> str | None:
        """The person mentioned last before `offset` (pronoun resolution)."""
        index = bisect.bisect_left(self.mentions, (offset, ""))
        return self.mentions[index - 1][1] if index > 0 else None

    def with_role_word(self, word: str, offset: int) -> str | None:
        """The person named before `offset` whose role has `word`: "the doctor" -> Ema Suryani."""
        chosen: str | None = None
        for mention_offset, name in self.mentions:
            if mention_offset >= offset:
                break
            role = self.role(name)
            if role and word in WORDS.findall(role.lower()):
                chosen = name
        return chosen


def find_people(view: Text, quoted: QuotedText) -> People:
    """People named by a title, a person noun, an apposition or a speech cue."""
    people = People()
    for run in view.runs:
        if view.headline[view.tokens[run.first].sentence]:
            continue
        found = _person_in_run(view, run)
        if found is not None:
            first, last, role = found
            people.add(name_text(view, first, last), role, view.tokens[first].start)
    for cue in find_speech_cues(view, quoted):
        if cue.name is not None:
            first, last = cue.name
            people.add(name_text(view, first, last), cue.role, view.tokens[first].start)
    _complete_names(view, people)
    _record_mentions(view, people, quoted)
    return people


def _person_in_run(view: Text, run: Run) -> tuple[int, int, str | None] | None:
    """(first, last, role) of the person a capitalized run names, if it names one:
    "Kyiv Mayor Vitali Klitschko", "spokesman George Piro", "an eyewitness, Mark Lea,",
    "Fauzi, an official from the local disaster agency,"."""
    title = last_title(view, run.first, run.last)
    if title is not None and title + 1 < run.last:
        if not all_name_tokens(view, title + 1, run.last):
            return None
        role_first, _ = role_before(view, run.first)
        return title + 1, run.last, view.span_text(role_first, title + 1)
    if run.last - run.first > 4 or not all_name_tokens(view, run.first, run.last):
        return None
    if view.low(run.first - 1) in PERSON_NOUNS and view.joined(run.first - 1, run.first):
        return run.first, run.last, _role_through(view, run.first - 1)
    if view.low(run.first - 1) == "," and view.low(run.first - 2) in PERSON_NOUNS:
        return run.first, run.last, _role_through(view, run.first - 2)
    if view.low(run.first - 1) in PLACE_PREPOSITIONS | {"at", "from", "on", "to", "of"}:
        return None  # "In Kharkiv, a passenger train ...": a place, not a person's apposition
    role, personal = apposition(view, run.last)
    return (run.first, run.last, role) if personal else None


def _role_through(view: Text, index: int) -> str:
    """The role words ending with token `index`: "FBI spokesman", "an eyewitness" -> "eyewitness"."""
    first, _ = role_before(view, index)
    return view.span_text(first, index + 1)


def _complete_names(view: Text, people: People) -> None:
    """A person known only by a surname ("Boulden said") gets the full name the text gives
    elsewhere ("Mariah Boulden"), when a run of two or three name words ends with it."""
    singles = {name for name in people.records if " " not in name}
    if not singles:
        return
    for run in view.runs:
        if view.headline[view.tokens[run.first].sentence] or not 2 <= run.last - run.first <= 3:
            continue
        if not all_name_tokens(view, run.first, run.last):
            continue
        surname = view.tokens[run.last - 1].base
        if surname in singles:
            full = name_text(view, run.first, run.last)
            if full not in people.records:
                people.add(full, people.role(surname), view.tokens[run.first].start)


def _record_mentions(view: Text, people: People, quoted: QuotedText) -> None:
    full_names = [name for name in people.records if " " in name]
    singles = {name for name in people.records if " " not in name}
    surnames = {name.split()[-1] for name in full_names}
    mentions: list[tuple[int, str]] = []
    covered: set[int] = set()
    for name in sorted(full_names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.text):
            if match.start() in quoted or match.start() in covered:
                continue
            covered.update(range(match.start(), match.end()))
            mentions.append((match.start(), name))
    for token in view.tokens:
        if token.start in covered or not token.is_cap or token.start in quoted:
            continue
        if token.base in surnames or token.base in singles:
            mentions.append((token.start, people.canonical(token.base, token.start)))
    people.mentions = sorted(mentions)


def resolve_speaker(view: Text, cue: Cue, people: People) -> Speaker | None:
    """The speaker a cue names, resolved: pronouns to the person named last, surnames to full
    names, "the doctor" to the person described as a doctor; groups as written."""
    if cue.phrase is None:
        return None
    first, last = cue.phrase
    mention = view.span_text(first, last)
    offset = view.tokens[first].start
    if last - first == 1 and view.tokens[first].low in PRONOUNS:
        name = people.before(offset)
        if name is None:
            return None
        return Speaker(
            name=name, role=people.role(name), mention=mention, cue=cue.verb, sentence=cue.sentence
        )
    if cue.name is not None:
        written = name_text(view, *cue.name)
        sentence_start = view.sentences[cue.sentence].start
        if " " not in written and offset == sentence_start and written.lower() in _GROUP_HEADS:
            return _group(mention, cue)  # "Officials said", "Police said"
        name = people.canonical(written, offset)
        return Speaker(
            name=name,
            role=cue.role or people.role(name),
            mention=mention,
            cue=cue.verb,
            sentence=cue.sentence,
        )
    head = view.tokens[last - 1]
    if head.low in PERSON_NOUNS and not head.is_cap:
        person = people.with_role_word(head.low, offset)
        if person is not None:
            return Speaker(
                name=person, role=people.role(person), mention=mention, cue=cue.verb, sentence=cue.sentence
            )
    return _group(mention, cue)


def _group(mention: str, cue: Cue) -> Speaker:
    words = mention.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    name = " ".join(words) or mention
    if name[:1].isupper() and name.lower() in _GROUP_HEADS:
        name = name.lower()
    return Speaker(name=name, mention=mention, cue=cue.verb, sentence=cue.sentence, is_person=False)


def unique_speakers(speakers: Iterable[Speaker]) -> list[Speaker]:
    seen: set[str] = set()
    unique: list[Speaker] = []
    for speaker in speakers:
        if speaker.name not in seen:
            seen.add(speaker.name)
            unique.append(speaker)
    return unique
