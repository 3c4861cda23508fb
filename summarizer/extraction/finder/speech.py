"""Speech cues: "said", "told", "according to", "saying", and the speaker phrase each one
names ("Kyiv Mayor Vitali Klitschko", "he", "local authorities"), as token ranges."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.extraction.finder.names import (
    PERSON_NOUNS,
    ROLE_WORDS,
    all_name_tokens,
    apposition,
    last_title,
)
from summarizer.extraction.finder.quotations import QuotedText
from summarizer.extraction.finder.tokens import CALENDAR, STOP_CAPS, Text, vocab
from summarizer.text.speech_verbs import SPEECH_VERB_FORMS

# Verbs (and phrases) that report speech (`SPEECH_VERB_FORMS`). Forward ones may be followed by
# the speaker: "said Chip LaMarca", "added the doctor", "according to local authorities".
_FORWARD_VERBS = vocab(
    """said says added adds wrote writes tweeted stated explained noted recalled continued remarked
    replied warned confirmed according"""
)
# Words between a speaker and the speech verb: "stated plainly", "has characterized", "later said".
_CUE_FILLERS = vocab(
    """also later plainly then earlier previously again repeatedly publicly further recently
    quickly simply initially reportedly has had have was is were has been who had"""
)
PRONOUNS = frozenset({"he", "she"})
_APPOSITION_MARKS = frozenset({",", "—", "–"})
# Participles whose speaker is the subject of the sentence: "Garcia chastised ..., saying '...'".
_PARTICIPLE_CUES = vocab("saying adding telling noting insisting warning explaining")


_POSSESSIVE_DETERMINERS = frozenset({"their", "his", "her", "the", "a", "an", "its", "our"})


SPEAKER_REACH = 2  # previous sentences searched for a speech cue


@dataclass(frozen=True, slots=True)
class Cue:
    """A speech cue and the speaker phrase it names, as token ranges."""

    verb: str
    verb_first: int
    verb_last: int
    phrase: tuple[int, int] | None  # the whole speaker phrase ("Kyiv Mayor Vitali Klitschko")
    name: tuple[int, int] | None  # the name in it, when it names a person
    role: str | None
    sentence: int

    @property
    def first(self) -> int:
        return min(self.verb_first, self.phrase[0]) if self.phrase else self.verb_first

    @property
    def last(self) -> int:
        return max(self.verb_last, self.phrase[1]) if self.phrase else self.verb_last


def find_speech_cues(view: Text, quoted: QuotedText) -> list[Cue]:
    cues: list[Cue] = []
    for index, token in enumerate(view.tokens):
        if token.start in quoted or view.headline[token.sentence]:
            continue
        if token.low == "according" and view.low(index + 1) == "to":
            verb_last = index + 2
        elif token.low in SPEECH_VERB_FORMS or token.low in _PARTICIPLE_CUES:
            verb_last = index + 1
        else:
            continue
        if not token.text[0].islower():
            continue  # "the United States": a name, not a verb
        if token.low == "according":
            subject = None
        elif token.low in _PARTICIPLE_CUES:
            subject = _sentence_subject(view, token.sentence, index)
        else:
            subject = _subject_phrase(view, index)
        phrase: tuple[int, int] | None = None
        role_apart: str | None = None
        if subject is not None:
            phrase, role_apart = (subject[0], subject[1]), subject[2]
        elif token.low in _FORWARD_VERBS or view.low(verb_last) == "by":
            start = verb_last + 1 if view.low(verb_last) == "by" else verb_last
            phrase = _object_phrase(view, start)
        name, role = _name_in_phrase(view, phrase) if phrase is not None else (None, None)
        role = role_apart or role
        verb = view.span_text(index, verb_last)
        cues.append(Cue(verb, index, verb_last, phrase, name, role, token.sentence))
    return cues


def _subject_phrase(view: Text, verb: int) -> tuple[int, int, str | None] | None:
    """The speaker phrase before a speech verb, and a role written apart from it:
    "Ukraine’s air force said", "Fauzi, an official from the local disaster agency, told",
    "The regional governor of Kharkiv, Oleh Syniehubov, confirmed", "he said".
    None when a quotation or a clause stands there."""
    sentence = view.tokens[verb].sentence
    end = verb
    while end - 1 >= 0 and view.low(end - 1) in _CUE_FILLERS and view.tokens[end - 1].sentence == sentence:
        end -= 1
    before = view.tok(end - 1)
    if before is None or before.sentence != sentence:
        return None
    if before.text in _APPOSITION_MARKS:
        opening = _apposition_start(view, end - 1)
        if opening is None:
            return None
        inner = (opening + 1, end - 1)
        role = _role_ending_before(view, opening)
        if role is not None and 1 <= inner[1] - inner[0] <= 4 and all_name_tokens(view, *inner):
            return inner[0], inner[1], role  # "<role>, <Name>, said"
        end = opening
        before = view.tokens[end - 1]
    if before.low in PRONOUNS:
        return end - 1, end, None
    first = end
    while first - 1 >= 0 and end - first < 8 and (first == end or view.joined(first - 1, first)):
        token = view.tokens[first - 1]
        if token.sentence != sentence:
            break
        if token.low in _POSSESSIVE_DETERMINERS:
            first -= 1
            break
        if token.low in ROLE_WORDS or (token.is_word and token.is_cap and token.low not in STOP_CAPS):
            first -= 1
        else:
            break
    if first == end or (view.tokens[first].low in _POSSESSIVE_DETERMINERS and first + 1 == end):
        return None
    return first, end, None


def _sentence_subject(view: Text, sentence: int, before: int) -> tuple[int, int, str | None] | None:
    """The phrase a sentence opens with, when it names someone: "Garcia chastised ...", "He ..."."""
    first = view.token_at(view.sentences[sentence].start)
    if first >= before:
        return None
    if view.tokens[first].low in PRONOUNS:
        return first, first + 1, None
    last = first
    while last < before and last - first < 8:
        token = view.tokens[last]
        if (
            token.low in ROLE_WORDS
            or token.low in _POSSESSIVE_DETERMINERS
            or (token.is_word and token.is_cap)
        ):
            last += 1
        else:
            break
    return (first, last, None) if last > first else None


def _role_ending_before(view: Text, index: int, limit: int = 8) -> str | None:
    """A role written before a comma, "The regional governor of Kharkiv, ...", if one is there."""
    first = index
    while (
        first - 1 >= 0
        and index - first < limit
        and view.tokens[first - 1].sentence == view.tokens[index].sentence
    ):
        token = view.tokens[first - 1]
        if (
            token.low in ROLE_WORDS
            or token.low == "of"
            or (token.is_word and token.is_cap and token.low not in STOP_CAPS)
        ):
            first -= 1
        else:
            break
    words = {t.low for t in view.tokens[first:index]}
    if first == index or not words & PERSON_NOUNS:
        return None
    return view.span_text(first, index)


def _apposition_start(view: Text, mark: int) -> int | None:
    """For "Name, apposition, said" or "Name — a clause — told": the index of the comma or dash
    that opens the apposition closed at token `mark`, or None when there is none."""
    closing = view.tokens[mark].text
    limit = 16 if closing == "," else 40
    for k in range(mark - 1, max(-1, mark - limit), -1):
        token = view.tokens[k]
        if token.sentence != view.tokens[mark].sentence or token.text in {".", ";", "“", "”", '"'}:
            return None
        if token.text == closing:
            return k if k > 0 and view.tokens[k - 1].is_word else None
    return None


def _object_phrase(view: Text, start: int) -> tuple[int, int] | None:
    """The speaker phrase after a verb: "said Chip LaMarca", "according to local authorities"."""
    if start >= len(view.tokens):
        return None
    sentence = view.tokens[start].sentence
    first = start
    while view.low(first) in {"the", "a", "an"}:
        first += 1
    last = first
    while last < len(view.tokens) and last - first < 8:
        token = view.tokens[last]
        if token.sentence != sentence or token.bare in CALENDAR:
            break
        if token.low in ROLE_WORDS or (token.is_word and token.is_cap and token.low not in STOP_CAPS):
            last += 1
        else:
            break
    return (start, last) if last > first else None


def _name_in_phrase(view: Text, phrase: tuple[int, int]) -> tuple[tuple[int, int] | None, str | None]:
    """The person's name at the end of a speaker phrase and the role before or after it."""
    first, last = phrase
    name_first = last
    while (
        name_first - 1 >= first and view.tokens[name_first - 1].is_cap and view.tokens[name_first - 1].is_word
    ):
        name_first -= 1
    if name_first == last:
        return None, None
    title = last_title(view, name_first, last)
    if title is not None:
        name_first = title + 1
    while name_first < last - 1 and view.tokens[name_first].bare in PERSON_NOUNS:
        name_first += 1  # "Partygoer Shaniqua Brown" at the start of a sentence
    if name_first == last or not all_name_tokens(view, name_first, last):
        return None, None
    lead = first
    while lead < name_first and view.tokens[lead].low in _POSSESSIVE_DETERMINERS:
        lead += 1
    role = view.span_text(lead, name_first) if lead < name_first else None
    if role is None:
        role, _ = apposition(view, last)
    return (name_first, last), role
