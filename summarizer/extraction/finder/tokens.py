"""Tokens: a document's words with offsets and sentences, its capitalized runs, and the word
lists every other finder module reads (words capitalized for reasons other than a name,
the calendar, US states)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.schemas import Document, Sentence
from summarizer.text import dates
from summarizer.text.segment import segment


def vocab(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


# Words that start a capitalized run only because they start a sentence or a clause.
STOP_CAPS = vocab(
    """a an the this that these those in on at as but and or if when while after before meanwhile
    yet so he she they we i it his her their our its my your there here some many most all both
    each every another other no not also then now according speaking with from for by of to
    since during despite although though however what who where why how which once even just
    only still more less several further earlier later today yesterday tonight last next mr mrs
    ms"""
)
# Calendar words: month names and abbreviations, weekdays, holidays (never a name or a place).
CALENDAR = frozenset([*dates.MONTHS, *dates.WEEKDAYS, "christmas", "easter", "ramadan", "eid"])


# A small gazetteer, used only to read "City, State" and abbreviated states; discovery is by cues.
US_STATES = vocab(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming Ala. Ariz.
    Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo.
    Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Vt. Va. Wash. Wis. Wyo."""
) | frozenset({"New York", "New Jersey", "New Mexico", "New Hampshire", "North Carolina", "South Carolina",
               "North Dakota", "South Dakota", "West Virginia", "Rhode Island"})  # fmt: skip


# A sentence with a web address in it is a link, not a report: no candidates there.
URL = re.compile(r"https?://|www\.")


# A word: letters or digits, with inner apostrophes and hyphens.
WORDS = re.compile(r"[^\W_][\w’'-]*")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def bare(self) -> str:
        """Lower case, without a possessive ending or a trailing period: 'gov' for 'Gov.'."""
        return self.base.lower().rstrip(".")

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def possessive(self) -> bool:
        return len(self.text) > 2 and (self.text[-2:] in {"’s", "'s"} or self.text[-2:] in {"s’", "s'"})

    @property
    def base(self) -> str:
        """The word without a possessive ending: 'Ukraine' for 'Ukraine’s', 'Andres' for 'Andres’'."""
        if self.text[-2:] in {"’s", "'s"}:
            return self.text[:-2]
        if self.text[-1:] in {"’", "'"}:
            return self.text[:-1]
        return self.text

    @property
    def is_acronym(self) -> bool:
        letters = self.base.replace("-", "")
        return len(letters) >= 2 and letters.isalpha() and letters.isupper()


_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w’'-]*[^\W_])?|\d+(?:[.,:]\d+)*|\S")
# Words followed by a period that is part of them.
_ABBREVIATIONS = vocab(
    """gov dep sen rep dr mr mrs ms lt sgt capt col gen det adm atty prof rev st mt jr sr no jan
    feb mar apr jun jul aug sep sept oct nov dec cpl supt insp ft"""
) | {s.lower().rstrip(".") for s in US_STATES if s.endswith(".")}


def _tokenize(text: str, sentences: Sequence[Sentence]) -> list[Token]:
    starts = [s.start for s in sentences]
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group()
        after = text[end : end + 2]
        if word[0].isalpha() and after[:1] == ".":
            if word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                end += 1
        elif word[-1:] == "s" and after[:1] in {"’", "'"} and not after[1:2].isalnum():
            end += 1  # plural possessive: "Andres’ daughter"
        sentence = max(0, bisect.bisect_right(starts, start) - 1)
        tokens.append(Token(text[start:end], start, end, sentence))
    return _merge_periods(tokens)


def _merge_periods(tokens: list[Token]) -> list[Token]:
    """Drop the stray '.' tokens the regex also matched after an abbreviation it extended."""
    kept: list[Token] = []
    for token in tokens:
        if kept and token.start < kept[-1].end:
            continue
        kept.append(token)
    return kept


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive capitalized words: tokens[first:last] (exclusive)."""

    first: int
    last: int


class Text:
    """A document with its tokens, sentences and capitalized runs, and offset lookups."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.sentences = document.sentences or segment(document.text)
        self._sentence_starts = [s.start for s in self.sentences]
        self.tokens = _tokenize(self.text, self.sentences)
        self._token_starts = [t.start for t in self.tokens]
        self.headline = [is_headline(self.sentence_text(s.index)) for s in self.sentences]
        self.runs = _capitalized_runs(self.text, self.tokens)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self._token_starts, offset)

    def tok(self, index: int) -> Token | None:
        return self.tokens[index] if 0 <= index < len(self.tokens) else None

    def low(self, index: int) -> str:
        token = self.tok(index)
        return token.low if token is not None else ""

    def span_text(self, first: int, last: int) -> str:
        """Text from token `first` to token `last - 1`, as written."""
        return self.text[self.tokens[first].start : self.tokens[last - 1].end]

    def joined(self, a: int, b: int) -> bool:
        """Tokens a and b are neighbours in one phrase: same sentence, one space apart."""
        ta, tb = self.tok(a), self.tok(b)
        return (
            ta is not None
            and tb is not None
            and ta.sentence == tb.sentence
            and self.text[ta.end : tb.start] == " "
        )


_HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def is_headline(sentence: str) -> bool:
    """Title Case or ALL CAPS: capitals there say nothing about names."""
    long_words = [w for w in _HEADLINE_WORD.findall(sentence) if len(w) >= 4]
    if len(long_words) < 2 or sentence.rstrip().endswith((".", "?", "!", ":")):
        return False
    capitalized = sum(1 for w in long_words if w[0].isupper())
    return capitalized >= 0.75 * len(long_words)


# Lower-case particles inside names ("Ursula von der Leyen"); "of" is left out on purpose:
# "Jackline Tantan of Margate" is a person and a place, not one name.
_CONNECTORS = frozenset({"de", "del", "da", "van", "von", "bin", "al", "la", "le", "du", "dos", "der"})


def _capitalized_runs(text: str, tokens: Sequence[Token]) -> list[Run]:
    """Maximal runs of capitalized words one space apart, leading sentence words left out."""
    runs: list[Run] = []
    i = 0
    while i < len(tokens):
        if not (tokens[i].is_word and tokens[i].is_cap):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _continues_run(text, tokens, j):
            j += 2 if tokens[j].low in _CONNECTORS else 1
        first = i
        while first < j and tokens[first].low in STOP_CAPS:
            first += 1
        if first < j:
            runs.append(Run(first, j))
        i = j
    return runs


def _continues_run(text: str, tokens: Sequence[Token], j: int) -> bool:
    token = tokens[j]
    if text[tokens[j - 1].end : token.start] != " " or token.sentence != tokens[j - 1].sentence:
        return False
    if token.is_word and token.is_cap:
        return True
    return (
        token.low in _CONNECTORS
        and j + 1 < len(tokens)
        and tokens[j + 1].is_cap
        and text[token.end : tokens[j + 1].start] == " "
    )
