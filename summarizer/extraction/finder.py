"""Candidate-guided extraction: code finds what could be a claim or a quote; a labeller names it.

Small local models label narrow, constrained choices well and write free-form extractions
badly. This module finds, deterministically and without any model:

- claim candidates: number phrases (read by `quantities`) near incident words, each with the
  metric the words around it suggest, the places named nearby and the sources the sentence cites;
- quote candidates: text inside quotation marks, each with the speakers that speech cues
  ("said", "told", "according to", "he said") name around it;
- the people and places those need, from a light rule-based entity finder: capitalized word
  runs classified by titles ("Kyiv Mayor Vitali Klitschko"), appositions ("Fauzi, an official"),
  speech cues and place cues ("in X", "X province", "strikes on X"). No trained model.

`label_with_rules` turns candidates into a `DocumentExtraction` without any LLM (the
`--llm none` baseline). `metric_choices`, `place_choices`, `speaker_choices` and
`source_choices` give an LLM labeller the allowed answers for one candidate as plain lists.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import Field

from summarizer.schemas import (
    Claim,
    Document,
    DocumentExtraction,
    Event,
    Model,
    Quantity,
    Quote,
    Sentence,
    Span,
    SpanStatus,
)
from summarizer.text.metrics import CANONICAL_METRICS, INCIDENT_WORDS, metric_from_context, normalize_metric
from summarizer.text.quantities import find_quantities
from summarizer.text.segment import segment

NOT_A_CLAIM = "not_a_claim"
NOT_A_QUOTE = "not_a_quote"
UNKNOWN = "unknown"
NO_SOURCE = "none"

# --------------------------------------------------------------------------- public types


class Speaker(Model):
    """Someone a speech cue names: a person ("Vitali Klitschko") or a group ("local officials")."""

    name: str = Field(description="full name when known, else the phrase: 'local officials'")
    role: str | None = Field(default=None, description="as written: 'Kyiv Mayor'")
    mention: str = Field(description="as written at the cue: 'he', 'Gov. Scott', 'the doctor'")
    cue: str = Field(description="the speech cue: 'said', 'according to', 'characterized'")
    sentence: int
    is_person: bool = True


class ClaimCandidate(Model):
    id: str = Field(description="'n3': unique within the document")
    sentence: int
    start: int = Field(description="offset of the quantity phrase in Document.text")
    end: int = Field(description="exclusive")
    phrase: str
    quantity: Quantity
    metric_hint: str | None = Field(default=None, description="what the words around it suggest")
    places: list[str] = Field(default_factory=list, description="named nearby, nearest first")
    sources: list[Speaker] = Field(default_factory=list, description="who the sentence cites, nearest first")
    quote: str | None = Field(default=None, description="id of the quote candidate the phrase sits in")
    sentence_text: str
    context: str = Field(description="a few words either side of the phrase")


class QuoteCandidate(Model):
    id: str = Field(description="'q2': unique within the document")
    sentence: int = Field(description="the sentence the quotation opens in")
    end_sentence: int = Field(description="the sentence it closes in")
    start: int = Field(description="offset of the quoted text (inside the marks) in Document.text")
    end: int = Field(description="exclusive")
    text: str
    speakers: list[Speaker] = Field(default_factory=list, description="nearest first")
    adjacent_cue: bool = Field(description="a speech cue introduces or follows the quotation directly")
    is_heading: bool = Field(description="the quotation is a whole line on its own: likely a heading")
    word_count: int


class EventCandidate(Model):
    """The incident's first mention: its sentence, kind and date as the text gives them."""

    sentence: int
    kind: str | None = None
    date: dt.date | None = None
    date_phrase: str | None = None
    places: list[str] = Field(default_factory=list)


class Person(Model):
    name: str
    role: str | None = None


class Candidates(Model):
    """Everything the labeller may choose from, for one document."""

    document: str
    claims: list[ClaimCandidate] = Field(default_factory=list)
    quotes: list[QuoteCandidate] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list, description="every place named, by first mention")
    main_places: list[str] = Field(
        default_factory=list, description="places of the incident's first mention: the fallback for claims"
    )
    event: EventCandidate | None = None


# --------------------------------------------------------------------------- vocabularies


def _vocab(words: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(words.split())


# Words that start a capitalized run only because they start a sentence or a clause.
_STOP_CAPS = _vocab(
    """a an the this that these those in on at as but and or if when while after before meanwhile
    yet so he she they we i it his her their our its my your there here some many most all both
    each every another other no not also then now according speaking with from for by of to
    since during despite although though however what who where why how which once even just
    only still more less several further earlier later today yesterday tonight last next mr mrs
    ms"""
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_ABBREVIATIONS = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_CALENDAR = frozenset([*_WEEKDAYS, *_MONTHS, *_MONTH_ABBREVIATIONS, "christmas", "easter", "ramadan", "eid"])

# Titles written before a name, lower case and without a trailing period.
_TITLES = _vocab(
    """president president-elect vice-president prime minister mayor governor gov lt sheriff deputy
    dep secretary general gen spokesman spokeswoman spokesperson chief commissioner senator sen
    rep representative congressman congresswoman agent officer detective det sgt sergeant capt
    captain lieutenant col colonel commander judge justice dr mr mrs ms director chairman
    chairwoman king queen prince princess pope ambassador councilman councilwoman councillor
    superintendent chancellor premier marshal inspector rev reverend pastor prof professor coach
    trooper cpl corporal adm admiral atty attorney head"""
)
# Titles of an office over a place: "Kyiv Mayor", "Florida Gov.", "Harris County Sheriff".
_JURISDICTION_TITLES = _vocab("mayor governor gov sheriff premier president police")
# Lower-case words that, right before a capitalized name, make it a person's name.
_PERSON_NOUNS = _vocab(
    """spokesman spokeswoman spokesperson official suspect gunman shooter witness eyewitness
    resident agent officer victim survivor doctor nurse commander chief director minister mayor
    governor president analyst expert professor lawyer attorney neighbor neighbour student
    teacher passenger traveler traveller partygoer daughter son wife husband father mother
    brother sister grandson granddaughter cousin uncle aunt friend sheriff deputy commissioner
    manager coordinator representative leader secretary general"""
)
# Lower-case words that can be part of a speaker's description ("national disaster agency spokesman").
_ROLE_WORDS = _PERSON_NOUNS | _vocab(
    """local national regional federal state county city provincial district senior top former
    special anonymous military air force disaster agency emergency health fire rescue police
    security defense defence foreign interior government ministry department office
    administration services service management mitigation civil protection press family hospital
    medical school airport transport energy utility company officials authorities authority
    officers investigators prosecutors witnesses eyewitnesses residents relatives neighbors
    neighbours rescuers doctors sources source experts analysts statement parents relative
    survivors victims passengers travelers travellers guests guest students firefighters
    paramedics medics staff workers volunteers observers monitors media reporters correspondent
    journalist deputies troopers spokespeople sheriff's team head emergency-services young"""
)
# Lower-case heads of a speaker phrase that name a group, not a person.
_GROUP_HEADS = _vocab(
    """officials authorities police officers investigators prosecutors witnesses eyewitnesses
    residents relatives neighbors neighbours rescuers doctors sources experts analysts force
    agency ministry department office administration government military army service services
    statement parents survivors victims passengers travelers travellers guests students
    firefighters paramedics medics staff workers volunteers observers monitors media reporters
    deputies troopers family team company spokespeople"""
)
# Capitalized words that make a run an organization rather than a person or a place.
_ORG_WORDS = _vocab(
    """office department agency police force news post times ministry service services institute
    committee council court company inc corp group university school association administration
    guard army navy bureau commission party union foundation bank fund network channel radio
    press journal herald tribune independent reuters agence fire rescue health survey authority
    organization organisation coalition alliance club church team republic kremlin pentagon
    parliament congress senate house military"""
)
# Capitalized last words of a facility: a place when one is "at" or "to" it.
_FACILITY_WORDS = _vocab(
    """airport hospital center centre church mosque temple synagogue school stadium station mall
    hotel terminal park square street drive road avenue plaza market bridge port harbor harbour
    base camp prison university college clinic"""
)
# Lower-case words after a place name that belong to it: "Aceh province", "Chernihiv region".
_PLACE_SUFFIXES = _vocab(
    """region province district county city village town oblast state island islands area
    prefecture municipality governorate neighborhood neighbourhood suburb township borough
    settlement"""
)
_PLACE_SUFFIX_CAPS = frozenset(s.capitalize() for s in _PLACE_SUFFIXES if s not in {"area", "town"})
# Prepositions after which a capitalized run is a place.
_PLACE_PREPOSITIONS = frozenset(
    ["in", "across", "near", "outside", "throughout", "off", "into", "towards", "toward", "inside"]
)
_DIRECTIONS = _vocab(
    """the northern southern eastern western central northwest northeast southwest southeast north
    south east west neighbouring neighboring nearby downtown rural suburban western"""
)
# Words after which "on X", or a capitalized object, is the target of an attack: "strikes on Kyiv".
_STRIKE_WORDS = _vocab(
    """strike strikes attack attacks assault assaults raid raids shelling bombardment struck hit
    hits targeting targeted target striking pounded shelled hitting rocked"""
)
# Verbs whose subject is the one who attacked: "Russia launched", "Moscow struck".
_ACTOR_VERBS = _vocab(
    """launched launches launch struck strikes attacked attacks fired fires shelled pounded
    targeted targets bombed invaded hit hits"""
)
# Lower-case words after "X's" that make X a place: "Ukraine's air force", "Kyiv's military".
_PLACE_POSSESSIONS = _vocab(
    """air capital military government foreign defense defence interior energy power armed army
    navy police security border economy infrastructure territory president prime largest
    second-largest biggest national regional emergency health population cities people citizens
    resilience delegation war invasion east west north south eastern western northern southern
    central latest remaining"""
)
# A small gazetteer, used only to read "City, State" and abbreviated states; discovery is by cues.
_US_STATES = _vocab(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming Ala. Ariz.
    Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich. Minn. Miss. Mo.
    Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Tex. Vt. Va. Wash. Wis. Wyo."""
) | frozenset({"New York", "New Jersey", "New Mexico", "New Hampshire", "North Carolina", "South Carolina",
               "North Dakota", "South Dakota", "West Virginia", "Rhode Island"})  # fmt: skip
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|can|ch|ians|eans)$")

# Verbs (and phrases) that report speech. Forward ones may be followed by the speaker:
# "said Chip LaMarca", "added the doctor", "according to local authorities".
_SPEECH_VERBS = _vocab(
    """said says say told tells tell stated states warned warns added adds confirmed confirms wrote
    writes tweeted tweets posted explained explains noted notes described describes announced
    announces recalled recalls insisted insists characterized characterised characterizes
    declared declares acknowledged urged continued remarked replied testified shouted screamed
    cautioned argued argues estimated"""
)
_FORWARD_VERBS = _vocab(
    """said says added adds wrote writes tweeted stated explained noted recalled continued remarked
    replied warned confirmed according"""
)
# Words between a speaker and the speech verb: "stated plainly", "has characterized", "later said".
_CUE_FILLERS = _vocab(
    """also later plainly then earlier previously again repeatedly publicly further recently
    quickly simply initially reportedly has had have was is were has been who had"""
)
_PRONOUNS = frozenset({"he", "she"})
_APPOSITION_MARKS = frozenset({",", "—", "–"})
# Participles whose speaker is the subject of the sentence: "Garcia chastised ..., saying '...'".
_PARTICIPLE_CUES = _vocab("saying adding telling noting insisting warning explaining")
# Speakers too anonymous to attribute a quote to: "the witness said", "a resident said".
_ANONYMOUS = _vocab(
    """witness eyewitness resident man woman neighbor neighbour passenger traveler traveller student
    survivor victim partygoer guest person"""
)
_POSSESSIVE_DETERMINERS = frozenset({"their", "his", "her", "the", "a", "an", "its", "our"})

# The kind of incident, by the words that name it; the first kind whose word a sentence uses wins.
EVENT_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("earthquake", _vocab("earthquake earthquakes quake quakes tremor aftershock")),
    ("tsunami", _vocab("tsunami")),
    ("shooting", _vocab("shooting shootings gunfire gunman gunmen shooter shot")),
    ("strike", _vocab("strike strikes airstrike airstrikes missile missiles drone drones shelling")),
    ("bombing", _vocab("bombing bomb explosion blast explosive")),
    ("attack", _vocab("attack attacks assault raid stabbing")),
    ("fire", _vocab("fire blaze wildfire")),
    ("flood", _vocab("flood floods flooding")),
    ("landslide", _vocab("landslide landslides mudslide")),
    ("storm", _vocab("storm hurricane typhoon cyclone tornado")),
    ("crash", _vocab("crash collision derailment derailed")),
)
_EVENT_WORDS = frozenset(w for _, words in EVENT_KINDS for w in words)
# Words that, near a number, make it worth a label even when no metric is suggested.
_COUNT_CONTEXT = (
    _EVENT_WORDS
    | INCIDENT_WORDS
    | _vocab(
        """victims casualties fatalities toll dead killed injured wounded hurt people persons residents
    civilians children passengers students teens houses homes buildings damaged destroyed
    collapsed evacuated displaced missing trapped rescued suspects arrested shots fired bullets
    rounds magazines struck launched intercepted shot down hospitalized hospitalised treated
    critical condition patients magnitude power electricity heating shelters"""
    )
)
# Units of measure that are not incident figures ("30 km", "16-day", "minus 10 degrees").
_REJECTED_UNITS = _vocab(
    """km mi m cm mm ft kg t mph second minute hour day week month year degree celsius fahrenheit
    age USD EUR GBP percentage_point"""
)
_NUMBER_WINDOW = 10  # words either side of a number searched for incident words
_CONTEXT_WORDS = 8  # words either side of a phrase shown as its context
_MAX_QUOTE_LINES = 4  # a quotation left open across more line breaks than this was a stray mark
_MAX_QUOTE_CHARS = 2000
_SPEAKER_REACH = 2  # previous sentences searched for a speech cue
_MIN_QUOTE_WORDS = 3  # shorter quotations need a cue next to them (scare quotes are short)


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Token:
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
_ABBREVIATIONS = _vocab(
    """gov dep sen rep dr mr mrs ms lt sgt capt col gen det adm atty prof rev st mt jr sr no jan
    feb mar apr jun jul aug sep sept oct nov dec cpl supt insp ft"""
) | {s.lower().rstrip(".") for s in _US_STATES if s.endswith(".")}


def _tokenize(text: str, sentences: Sequence[Sentence]) -> list[_Token]:
    starts = [s.start for s in sentences]
    tokens: list[_Token] = []
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
        tokens.append(_Token(text[start:end], start, end, sentence))
    return _merge_periods(tokens)


def _merge_periods(tokens: list[_Token]) -> list[_Token]:
    """Drop the stray '.' tokens the regex also matched after an abbreviation it extended."""
    kept: list[_Token] = []
    for token in tokens:
        if kept and token.start < kept[-1].end:
            continue
        kept.append(token)
    return kept


@dataclass(frozen=True, slots=True)
class _Run:
    """Consecutive capitalized words: tokens[first:last] (exclusive)."""

    first: int
    last: int


class _Text:
    """A document with its tokens, sentences and capitalized runs, and offset lookups."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.sentences = document.sentences or segment(document.text)
        self._sentence_starts = [s.start for s in self.sentences]
        self.tokens = _tokenize(self.text, self.sentences)
        self._token_starts = [t.start for t in self.tokens]
        self.headline = [_is_headline(self.sentence_text(s.index)) for s in self.sentences]
        self.runs = _capitalized_runs(self.text, self.tokens)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._sentence_starts, offset) - 1)

    def token_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect.bisect_left(self._token_starts, offset)

    def tok(self, index: int) -> _Token | None:
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


def _is_headline(sentence: str) -> bool:
    """Title Case or ALL CAPS: capitals there say nothing about names."""
    long_words = [w for w in _HEADLINE_WORD.findall(sentence) if len(w) >= 4]
    if len(long_words) < 2 or sentence.rstrip().endswith((".", "?", "!", ":")):
        return False
    capitalized = sum(1 for w in long_words if w[0].isupper())
    return capitalized >= 0.75 * len(long_words)


# Lower-case particles inside names ("Ursula von der Leyen"); "of" is left out on purpose:
# "Jackline Tantan of Margate" is a person and a place, not one name.
_CONNECTORS = frozenset({"de", "del", "da", "van", "von", "bin", "al", "la", "le", "du", "dos", "der"})


def _capitalized_runs(text: str, tokens: Sequence[_Token]) -> list[_Run]:
    """Maximal runs of capitalized words one space apart, leading sentence words left out."""
    runs: list[_Run] = []
    i = 0
    while i < len(tokens):
        if not (tokens[i].is_word and tokens[i].is_cap):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and _continues_run(text, tokens, j):
            j += 2 if tokens[j].low in _CONNECTORS else 1
        first = i
        while first < j and tokens[first].low in _STOP_CAPS:
            first += 1
        if first < j:
            runs.append(_Run(first, j))
        i = j
    return runs


def _continues_run(text: str, tokens: Sequence[_Token], j: int) -> bool:
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


# --------------------------------------------------------------------------- quotation marks


@dataclass(frozen=True, slots=True)
class _Quotation:
    """A quotation: marks at [open_start, inner_start) and [inner_end, close_end)."""

    open_start: int
    inner_start: int
    inner_end: int
    close_end: int

    def contains(self, offset: int) -> bool:
        return self.open_start <= offset < self.close_end


class _QuotedText:
    """The quotations of a document, sorted and non-overlapping, with a fast membership test."""

    def __init__(self, quotations: Sequence[_Quotation]) -> None:
        self.quotations = sorted(quotations, key=lambda q: q.open_start)
        self._starts = [q.open_start for q in self.quotations]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and self.quotations[index].contains(offset)


_DOUBLE_MARK = re.compile(r"``|''|[\"“”„]")
_OPENING = frozenset({"“", "``", "„"})
_CLOSING = frozenset({"”", "''"})
_SINGLE_OPENERS = frozenset("‘'")
_SINGLE_CLOSERS = frozenset("’'")


def _quotations(text: str) -> _QuotedText:
    """Every top-level quotation: in double marks, and in single ones outside those."""
    doubles = _double_quotations(text)
    quoted = _QuotedText(doubles)
    singles = [q for q in _single_quotations(text) if q.open_start not in quoted]
    return _QuotedText([*doubles, *singles])


def _single_quotations(text: str) -> list[_Quotation]:
    """Quotations in single marks ('...' or ‘...’), as some outlets write every quote.

    Apostrophes look the same, so a mark opens only at the start of a word and closes only at
    the end of one ("didn't" neither opens nor closes); a closing candidate that reads as a
    plural possessive ("the victims' families") is passed over when a later one closes the line.
    """
    found: list[_Quotation] = []
    position = 0
    for line in text.splitlines(keepends=True):
        line_start, position = position, position + len(line)
        closers = [
            line_start + k
            for k, ch in enumerate(line)
            if ch in _SINGLE_CLOSERS and _closes(text, line_start + k)
        ]
        after = line_start
        for k, ch in enumerate(line):
            opener = line_start + k
            if opener < after or ch not in _SINGLE_OPENERS or not _opens(text, opener, line_start):
                continue
            candidates = [c for c in closers if c > opener + 1]
            plain = [c for c in candidates if not _reads_possessive(text, c)]
            closer = plain[0] if plain else candidates[0] if candidates else None
            if closer is None:
                continue
            inner = text[opener + 1 : closer]
            if sum(ch.isalpha() for ch in inner) >= 2:
                found.append(_Quotation(opener, opener + 1, closer, closer + 1))
                after = closer + 1
    return found


def _opens(text: str, offset: int, line_start: int) -> bool:
    before = text[offset - 1] if offset > line_start else " "
    following = text[offset + 1 : offset + 2]
    return (before.isspace() or before in "([—–-") and following.isalpha()


def _closes(text: str, offset: int) -> bool:
    before = text[offset - 1] if offset > 0 else " "
    following = text[offset + 1 : offset + 2]
    return not before.isspace() and not following.isalnum()


def _reads_possessive(text: str, offset: int) -> bool:
    """ "victims' families": an s, the mark, a space and a lower-case word."""
    return text[offset - 1 : offset] == "s" and re.match(r" [a-z]", text[offset + 1 : offset + 3]) is not None


def _double_quotations(text: str) -> list[_Quotation]:
    """Pair double quotation marks. Curly and `` '' marks say which side they are; a straight
    mark opens when none is open and closes otherwise.

    A quotation may run over line breaks. When a paragraph ends inside it and the next mark opens
    a new paragraph, the quotation ends with its paragraph (the convention for quotes of several
    paragraphs). One left open too long was a stray mark and is dropped.
    """
    found: list[_Quotation] = []
    opened: re.Match[str] | None = None
    for mark in _DOUBLE_MARK.finditer(text):
        side = "open" if mark.group() in _OPENING else "close" if mark.group() in _CLOSING else "either"
        if side == "either" and not text[mark.end() : mark.end() + 1].strip():
            side = "close"  # a straight mark before a space or the end cannot open a quotation
        if opened is None:
            if side != "close":
                opened = mark
            continue
        between = text[opened.end() : mark.start()]
        breaks = between.count("\n")
        if breaks and (side == "open" or (side == "either" and _at_line_start(text, mark.start()))):
            paragraph_end = text.index("\n", opened.end())
            found.append(_Quotation(opened.start(), opened.end(), paragraph_end, paragraph_end))
            opened = mark
        elif side == "open":
            opened = mark  # the earlier mark on this line never closed: it was stray
        elif breaks > _MAX_QUOTE_LINES or len(between) > _MAX_QUOTE_CHARS:
            opened = mark if side == "either" else None
        else:
            found.append(_Quotation(opened.start(), opened.end(), mark.start(), mark.end()))
            opened = None
    return found


def _at_line_start(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def _trim_quotation(text: str, quotation: _Quotation) -> tuple[int, int]:
    """The quoted words: surrounding spaces and a trailing comma ("...tomorrow," he said) left out."""
    start, end = quotation.inner_start, quotation.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _is_heading(text: str, quotation: _Quotation, inner: str) -> bool:
    """A quotation alone on its line, in title case or without a full stop: a section heading."""
    line_start = text.rfind("\n", 0, quotation.open_start) + 1
    line_end = text.find("\n", quotation.close_end)
    line_end = len(text) if line_end < 0 else line_end
    outside = text[line_start : quotation.open_start] + text[quotation.close_end : line_end]
    if outside.strip(" \t.:;,!?-–—"):
        return False
    ends_like_speech = inner.rstrip("’'\" ").endswith((".", "?", "!", "…"))
    return _is_headline(inner) or not ends_like_speech


_WORDS = re.compile(r"[^\W_][\w’'-]*")


# --------------------------------------------------------------------------- people


@dataclass
class _PersonRecord:
    name: str
    role: str | None
    first_offset: int


@dataclass
class _People:
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
            if role and word in _WORDS.findall(role.lower()):
                chosen = name
        return chosen


def _is_name_token(token: _Token) -> bool:
    return (
        token.is_word
        and token.is_cap
        and token.bare not in _TITLES
        and token.base.lower() not in _ORG_WORDS
        and token.low not in _STOP_CAPS
        and token.bare not in _CALENDAR
        and not token.is_acronym
    )


def _all_name_tokens(view: _Text, first: int, last: int) -> bool:
    return all(_is_name_token(view.tokens[k]) for k in range(first, last))


def _name_text(view: _Text, first: int, last: int) -> str:
    """A name as written, a possessive ending dropped: "Ihor Terekhov" for "Ihor Terekhov’s"."""
    text = view.span_text(first, last)
    return text[: len(text) - (len(view.tokens[last - 1].text) - len(view.tokens[last - 1].base))]


def _last_title(view: _Text, first: int, last: int) -> int | None:
    titles = [k for k in range(first, last) if view.tokens[k].bare in _TITLES]
    return titles[-1] if titles else None


def _role_before(view: _Text, index: int, limit: int = 7) -> tuple[int, str | None]:
    """The role words written just before token `index` ("national disaster agency spokesman"),
    as (first token, text); determiners are left out."""
    first = index
    while first - 1 >= 0 and index - first < limit and view.joined(first - 1, first):
        token = view.tokens[first - 1]
        if (
            token.low in _ROLE_WORDS
            or (token.is_word and token.is_cap and token.low not in _STOP_CAPS)
            or token.text == "-"
            or token.text.isdigit()
            or "year-old" in token.low
        ):
            first -= 1
        else:
            break
    if first == index:
        return index, None
    return first, view.span_text(first, index)


def _apposition(view: _Text, index: int, limit: int = 16) -> tuple[str | None, bool]:
    """The apposition after a name ending before token `index`: ", a doctor at a clinic," ->
    ("doctor at a clinic", True when it looks like a person's description)."""
    comma = view.tok(index)
    if comma is None or comma.text != ",":
        return None, False
    first = index + 1
    last = first
    while last < len(view.tokens) and last - first < limit:
        token = view.tokens[last]
        if token.sentence != comma.sentence or token.text in {",", ".", ";", ":", "(", ")", "“", "”", '"'}:
            break
        if token.low in {"who", "which", "whose", "said", "says", "told", "was", "is", "has"}:
            break
        last += 1
    if last == first:
        return None, False
    opener = view.tokens[first]
    words = [t.low for t in view.tokens[first:last]]
    personal = (
        opener.low in {"a", "an", "the", "head", "chief"}
        or opener.possessive
        or opener.text.isdigit()
        or opener.low in _ROLE_WORDS
    ) and (
        any(w in _ROLE_WORDS or "year-old" in w for w in words) or (len(words) == 1 and words[0].isdigit())
    )
    if len(words) == 1 and words[0].isdigit():
        return None, personal  # an age: "Terry Andres, 62,"
    start = first + 1 if opener.low in {"a", "an", "the"} else first
    if start >= last:
        return None, False
    return view.span_text(start, last), personal


def _find_people(view: _Text, quoted: _QuotedText) -> _People:
    """People named by a title, a person noun, an apposition or a speech cue."""
    people = _People()
    for run in view.runs:
        if view.headline[view.tokens[run.first].sentence]:
            continue
        found = _person_in_run(view, run)
        if found is not None:
            first, last, role = found
            people.add(_name_text(view, first, last), role, view.tokens[first].start)
    for cue in _speech_cues(view, quoted):
        if cue.name is not None:
            first, last = cue.name
            people.add(_name_text(view, first, last), cue.role, view.tokens[first].start)
    _complete_names(view, people)
    _record_mentions(view, people, quoted)
    return people


def _person_in_run(view: _Text, run: _Run) -> tuple[int, int, str | None] | None:
    """(first, last, role) of the person a capitalized run names, if it names one:
    "Kyiv Mayor Vitali Klitschko", "spokesman George Piro", "an eyewitness, Mark Lea,",
    "Fauzi, an official from the local disaster agency,"."""
    title = _last_title(view, run.first, run.last)
    if title is not None and title + 1 < run.last:
        if not _all_name_tokens(view, title + 1, run.last):
            return None
        role_first, _ = _role_before(view, run.first)
        return title + 1, run.last, view.span_text(role_first, title + 1)
    if run.last - run.first > 4 or not _all_name_tokens(view, run.first, run.last):
        return None
    if view.low(run.first - 1) in _PERSON_NOUNS and view.joined(run.first - 1, run.first):
        return run.first, run.last, _role_through(view, run.first - 1)
    if view.low(run.first - 1) == "," and view.low(run.first - 2) in _PERSON_NOUNS:
        return run.first, run.last, _role_through(view, run.first - 2)
    if view.low(run.first - 1) in _PLACE_PREPOSITIONS | {"at", "from", "on", "to", "of"}:
        return None  # "In Kharkiv, a passenger train ...": a place, not a person's apposition
    role, personal = _apposition(view, run.last)
    return (run.first, run.last, role) if personal else None


def _role_through(view: _Text, index: int) -> str:
    """The role words ending with token `index`: "FBI spokesman", "an eyewitness" -> "eyewitness"."""
    first, _ = _role_before(view, index)
    return view.span_text(first, index + 1)


def _complete_names(view: _Text, people: _People) -> None:
    """A person known only by a surname ("Boulden said") gets the full name the text gives
    elsewhere ("Mariah Boulden"), when a run of two or three name words ends with it."""
    singles = {name for name in people.records if " " not in name}
    if not singles:
        return
    for run in view.runs:
        if view.headline[view.tokens[run.first].sentence] or not 2 <= run.last - run.first <= 3:
            continue
        if not _all_name_tokens(view, run.first, run.last):
            continue
        surname = view.tokens[run.last - 1].base
        if surname in singles:
            full = _name_text(view, run.first, run.last)
            if full not in people.records:
                people.add(full, people.role(surname), view.tokens[run.first].start)


def _record_mentions(view: _Text, people: _People, quoted: _QuotedText) -> None:
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


# --------------------------------------------------------------------------- speech cues


@dataclass(frozen=True, slots=True)
class _Cue:
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


def _speech_cues(view: _Text, quoted: _QuotedText) -> list[_Cue]:
    cues: list[_Cue] = []
    for index, token in enumerate(view.tokens):
        if token.start in quoted or view.headline[token.sentence]:
            continue
        if token.low == "according" and view.low(index + 1) == "to":
            verb_last = index + 2
        elif token.low in _SPEECH_VERBS or token.low in _PARTICIPLE_CUES:
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
        cues.append(_Cue(verb, index, verb_last, phrase, name, role, token.sentence))
    return cues


def _subject_phrase(view: _Text, verb: int) -> tuple[int, int, str | None] | None:
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
        if role is not None and 1 <= inner[1] - inner[0] <= 4 and _all_name_tokens(view, *inner):
            return inner[0], inner[1], role  # "<role>, <Name>, said"
        end = opening
        before = view.tokens[end - 1]
    if before.low in _PRONOUNS:
        return end - 1, end, None
    first = end
    while first - 1 >= 0 and end - first < 8 and (first == end or view.joined(first - 1, first)):
        token = view.tokens[first - 1]
        if token.sentence != sentence:
            break
        if token.low in _POSSESSIVE_DETERMINERS:
            first -= 1
            break
        if token.low in _ROLE_WORDS or (token.is_word and token.is_cap and token.low not in _STOP_CAPS):
            first -= 1
        else:
            break
    if first == end or (view.tokens[first].low in _POSSESSIVE_DETERMINERS and first + 1 == end):
        return None
    return first, end, None


def _sentence_subject(view: _Text, sentence: int, before: int) -> tuple[int, int, str | None] | None:
    """The phrase a sentence opens with, when it names someone: "Garcia chastised ...", "He ..."."""
    first = view.token_at(view.sentences[sentence].start)
    if first >= before:
        return None
    if view.tokens[first].low in _PRONOUNS:
        return first, first + 1, None
    last = first
    while last < before and last - first < 8:
        token = view.tokens[last]
        if (
            token.low in _ROLE_WORDS
            or token.low in _POSSESSIVE_DETERMINERS
            or (token.is_word and token.is_cap)
        ):
            last += 1
        else:
            break
    return (first, last, None) if last > first else None


def _role_ending_before(view: _Text, index: int, limit: int = 8) -> str | None:
    """A role written before a comma, "The regional governor of Kharkiv, ...", if one is there."""
    first = index
    while (
        first - 1 >= 0
        and index - first < limit
        and view.tokens[first - 1].sentence == view.tokens[index].sentence
    ):
        token = view.tokens[first - 1]
        if (
            token.low in _ROLE_WORDS
            or token.low == "of"
            or (token.is_word and token.is_cap and token.low not in _STOP_CAPS)
        ):
            first -= 1
        else:
            break
    words = {t.low for t in view.tokens[first:index]}
    if first == index or not words & _PERSON_NOUNS:
        return None
    return view.span_text(first, index)


def _apposition_start(view: _Text, mark: int) -> int | None:
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


def _object_phrase(view: _Text, start: int) -> tuple[int, int] | None:
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
        if token.sentence != sentence or token.bare in _CALENDAR:
            break
        if token.low in _ROLE_WORDS or (token.is_word and token.is_cap and token.low not in _STOP_CAPS):
            last += 1
        else:
            break
    return (start, last) if last > first else None


def _name_in_phrase(view: _Text, phrase: tuple[int, int]) -> tuple[tuple[int, int] | None, str | None]:
    """The person's name at the end of a speaker phrase and the role before or after it."""
    first, last = phrase
    name_first = last
    while (
        name_first - 1 >= first and view.tokens[name_first - 1].is_cap and view.tokens[name_first - 1].is_word
    ):
        name_first -= 1
    if name_first == last:
        return None, None
    title = _last_title(view, name_first, last)
    if title is not None:
        name_first = title + 1
    while name_first < last - 1 and view.tokens[name_first].bare in _PERSON_NOUNS:
        name_first += 1  # "Partygoer Shaniqua Brown" at the start of a sentence
    if name_first == last or not _all_name_tokens(view, name_first, last):
        return None, None
    lead = first
    while lead < name_first and view.tokens[lead].low in _POSSESSIVE_DETERMINERS:
        lead += 1
    role = view.span_text(lead, name_first) if lead < name_first else None
    if role is None:
        role, _ = _apposition(view, last)
    return (name_first, last), role


def _speaker(view: _Text, cue: _Cue, people: _People) -> Speaker | None:
    """The speaker a cue names, resolved: pronouns to the person named last, surnames to full
    names, "the doctor" to the person described as a doctor; groups as written."""
    if cue.phrase is None:
        return None
    first, last = cue.phrase
    mention = view.span_text(first, last)
    offset = view.tokens[first].start
    if last - first == 1 and view.tokens[first].low in _PRONOUNS:
        name = people.before(offset)
        if name is None:
            return None
        return Speaker(
            name=name, role=people.role(name), mention=mention, cue=cue.verb, sentence=cue.sentence
        )
    if cue.name is not None:
        written = _name_text(view, *cue.name)
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
    if head.low in _PERSON_NOUNS and not head.is_cap:
        person = people.with_role_word(head.low, offset)
        if person is not None:
            return Speaker(
                name=person, role=people.role(person), mention=mention, cue=cue.verb, sentence=cue.sentence
            )
    return _group(mention, cue)


def _group(mention: str, cue: _Cue) -> Speaker:
    words = mention.split()
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    name = " ".join(words) or mention
    if name[:1].isupper() and name.lower() in _GROUP_HEADS:
        name = name.lower()
    return Speaker(name=name, mention=mention, cue=cue.verb, sentence=cue.sentence, is_person=False)


# --------------------------------------------------------------------------- places


_Accept = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class _PlaceMention:
    name: str
    start: int
    end: int
    sentence: int
    actor: bool  # the subject of an attack verb ("Russia launched"): who acted, not where


def _find_places(view: _Text, people: _People) -> _Places:
    """Places named by a cue anywhere in the document, then every mention of those names."""
    person_words = people.name_tokens()
    names: dict[str, None] = {}

    def accept(first: int, last: int, suffix: str | None = None) -> None:
        name = _place_name(view, first, last, person_words)
        if name is not None:
            names[f"{name} {suffix}" if suffix else name] = None

    for run in view.runs:
        first, last = run.first, run.last
        if view.headline[view.tokens[first].sentence]:
            continue
        # "Indonesia's Aceh province": the possessor is a place, the rest a run of its own.
        for k in range(first, last - 1):
            if view.tokens[k].possessive:
                accept(first, k + 1)
                first = k + 1
        after = view.tok(last)
        if after is not None and view.joined(last - 1, last) and after.low in _PLACE_SUFFIXES:
            accept(first, last, after.low)
        if view.tokens[last - 1].base in _PLACE_SUFFIX_CAPS and last - first >= 2:
            accept(first, last)
        if _place_cue_before(view, first, last):
            accept(first, last)
            _accept_coordinated(view, last, accept)
        if view.tokens[last - 1].possessive and last < len(view.tokens):
            following = view.tokens[last]
            if following.low in _PLACE_POSSESSIONS or following.bare in _TITLES:
                accept(first, last)
        _state_after(view, first, last, accept)
        title = _last_title(view, first, last)
        if title is not None and title > first and title + 1 < last:
            # "Kyiv Mayor Vitali Klitschko", "Harris County Sheriff Adrian Garcia": the office's place.
            leading = first
            while leading < title and view.tokens[leading].bare not in _TITLES:
                leading += 1
            if leading > first and view.tokens[leading].bare in _JURISDICTION_TITLES:
                accept(first, leading)
    mentions = _place_mentions(view, names)
    return _Places(mentions, _containment(view, mentions))


def _place_name(view: _Text, first: int, last: int, person_words: set[str]) -> str | None:
    tokens = view.tokens[first:last]
    while tokens and tokens[0].low in _STOP_CAPS:
        tokens = tokens[1:]
    if not tokens or len(tokens) > 5:
        return None
    if any(t.bare in _CALENDAR or t.bare in _TITLES for t in tokens):
        return None
    if any(t.base.lower() in _ORG_WORDS for t in tokens) and tokens[-1].base.lower() not in _FACILITY_WORDS:
        return None
    if len(tokens) == 1 and (
        (tokens[0].is_acronym and "." not in tokens[0].text) or _DEMONYM.search(tokens[0].base)
    ):
        return None
    if all(t.base in person_words for t in tokens):
        return None
    text = view.text[tokens[0].start : tokens[-1].end]
    return text[: len(text) - (len(tokens[-1].text) - len(tokens[-1].base))]


def _place_cue_before(view: _Text, first: int, last: int) -> bool:
    """ "in X", "across the X", "near northwest X", "strikes on X", "at X Airport", "from X to Y"."""
    k = first - 1
    while (
        k >= 0
        and view.tokens[k].low in _DIRECTIONS
        and view.tokens[k].sentence == view.tokens[first].sentence
    ):
        k -= 1
    cue = view.tok(k)
    if cue is None or cue.sentence != view.tokens[first].sentence:
        return False
    if cue.low in _PLACE_PREPOSITIONS or cue.low == "from":
        return True
    if cue.low == "on":
        return view.low(k - 1) in _STRIKE_WORDS
    if cue.low in {"at", "to"}:
        return view.tokens[last - 1].base.lower() in _FACILITY_WORDS
    return cue.low in _STRIKE_WORDS and cue.low not in {"target", "strike", "attack", "raid"}


def _accept_coordinated(view: _Text, last: int, accept: _Accept) -> None:
    """ "in Kyiv and Kharkiv", "across Poltava, Sumy, Dnipro, Odesa, and Kharkiv", "from X to Y"."""
    k = last
    while True:
        joiners = 0
        while view.low(k) in {",", "and", "&", "to", "or"} and joiners < 2:
            k += 1
            joiners += 1
        token = view.tok(k)
        if joiners == 0 or token is None or not (token.is_word and token.is_cap):
            return
        run_last = k + 1
        while (
            run_last < len(view.tokens)
            and view.joined(run_last - 1, run_last)
            and view.tokens[run_last].is_cap
        ):
            run_last += 1
        accept(k, run_last)
        k = run_last


def _state_after(view: _Text, first: int, last: int, accept: _Accept) -> None:
    """ "Cypress, Texas", "Senecaville, Ohio": a place followed by a US state."""
    if view.low(last) != ",":
        return
    state = view.tok(last + 1)
    if state is None:
        return
    two = view.span_text(last + 1, last + 3) if last + 3 <= len(view.tokens) else ""
    if state.text in _US_STATES or two in _US_STATES:
        width = 2 if two in _US_STATES else 1
        accept(first, last)
        accept(last + 1, last + 1 + width)


def _place_mentions(view: _Text, names: Iterable[str]) -> list[_PlaceMention]:
    """Every occurrence of every place name; where names overlap the longest wins."""
    found: list[_PlaceMention] = []
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", view.text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            following = view.tok(view.token_at(match.end()))
            actor = following is not None and following.low in _ACTOR_VERBS
            found.append(
                _PlaceMention(name, match.start(), match.end(), view.sentence_of(match.start()), actor)
            )
    return sorted(found, key=lambda m: m.start)


_INSIDE_POSSESSOR = re.compile(r"[’']s\s+")  # "Indonesia's Aceh province"
_INSIDE_IN = re.compile(r"\s+in\s+(?:the\s+)?|,\s+")  # "Bukit Sama village in Central Aceh district"


def _containment(view: _Text, mentions: Sequence[_PlaceMention]) -> set[tuple[str, str]]:
    """(inner, outer) pairs the text states: "X's Y", "Y in X", "Y, <US state>"."""
    pairs: set[tuple[str, str]] = set()
    for a, b in itertools.pairwise(mentions):
        if a.name == b.name:
            continue
        if _INSIDE_POSSESSOR.fullmatch(view.text, a.end, b.start):
            pairs.add((b.name, a.name))
            continue
        match = _INSIDE_IN.fullmatch(view.text, a.end, b.start)
        if match is not None and ("," not in match.group() or b.name in _US_STATES):
            pairs.add((a.name, b.name))
    return pairs


def _inner_first(names: list[str], inside: set[tuple[str, str]]) -> list[str]:
    """`names` with every place moved after the places the text puts inside it."""
    ordered = list(names)
    for inner, outer in inside:
        if inner in ordered and outer in ordered and ordered.index(outer) < ordered.index(inner):
            ordered.remove(outer)
            ordered.insert(ordered.index(inner) + 1, outer)
    return ordered


@dataclass(frozen=True, slots=True)
class _Places:
    mentions: list[_PlaceMention]
    inside: set[tuple[str, str]]  # (inner, outer)

    @property
    def locations(self) -> list[_PlaceMention]:
        return [m for m in self.mentions if not m.actor]

    def main(self, first_sentence: int) -> list[str]:
        """The incident's places: those of its first mention and the two sentences after,
        narrow before broad (a place the text puts others in, or a US state, goes last)."""
        names = list(
            dict.fromkeys(
                m.name for m in self.locations if first_sentence <= m.sentence <= first_sentence + 2
            )
        )
        if not names:
            names = [name for name, _ in Counter(m.name for m in self.locations).most_common(1)]
        containers = {outer for _, outer in self.inside} | _US_STATES
        return [n for n in names if n not in containers] + [n for n in names if n in containers]


def _places_near(places: _Places, sentence: int, start: int, end: int) -> list[str]:
    """Places of the same sentence by distance (a place before the places that contain it),
    then those of the one or two sentences before, nearest first."""
    same = [m for m in places.locations if m.sentence == sentence]
    same.sort(key=lambda m: min(abs(m.start - end), abs(start - m.end)))
    earlier = [m for m in places.locations if sentence - _SPEAKER_REACH <= m.sentence < sentence]
    earlier.sort(key=lambda m: -m.start)
    nearest = _inner_first(list(dict.fromkeys(m.name for m in same)), places.inside)
    return list(dict.fromkeys([*nearest, *(m.name for m in earlier)]))


# --------------------------------------------------------------------------- claim candidates

_URL = re.compile(r"https?://|www\.")
_MONEY = frozenset({"USD", "EUR", "GBP"})


def _claim_candidates(
    view: _Text,
    quotes: Sequence[QuoteCandidate],
    cues: Sequence[tuple[_Cue, Speaker]],
    places: _Places,
) -> list[ClaimCandidate]:
    found: list[ClaimCandidate] = []
    for sentence in view.sentences:
        sentence_text = view.sentence_text(sentence.index)
        if _URL.search(sentence_text):
            continue
        for match in find_quantities(sentence_text):
            unit = match.quantity.unit
            hint = metric_from_context(sentence_text, match.start, match.end)
            if unit in _REJECTED_UNITS and not (unit in _MONEY and hint is not None):
                continue
            start, end = sentence.start + match.start, sentence.start + match.end
            if hint is None and not _incident_nearby(view, start, end):
                continue
            quote = next((q for q in quotes if q.start <= start < q.end), None)
            sources = list(quote.speakers) if quote is not None else []
            sources += _sentence_sources(view, cues, sentence.index, start)
            found.append(
                ClaimCandidate(
                    id=f"n{len(found) + 1}",
                    sentence=sentence.index,
                    start=start,
                    end=end,
                    phrase=view.text[start:end],
                    quantity=match.quantity,
                    metric_hint=hint,
                    places=_places_near(places, sentence.index, start, end),
                    sources=_unique_speakers(sources),
                    quote=quote.id if quote is not None else None,
                    sentence_text=sentence_text,
                    context=_context(view, start, end),
                )
            )
    return found


def _incident_nearby(view: _Text, start: int, end: int) -> bool:
    first, last = view.token_at(start), view.token_at(end)
    sentence = view.sentence_of(start)
    window = view.tokens[max(0, first - _NUMBER_WINDOW) : last + _NUMBER_WINDOW]
    return any(t.sentence == sentence and t.low in _COUNT_CONTEXT for t in window)


def _sentence_sources(
    view: _Text, cues: Sequence[tuple[_Cue, Speaker]], sentence: int, offset: int
) -> list[Speaker]:
    """Speakers the sentence's own speech cues name, nearest to `offset` first."""
    own = [(cue, speaker) for cue, speaker in cues if cue.sentence == sentence]
    own.sort(key=lambda pair: abs(view.tokens[pair[0].verb_first].start - offset))
    return [speaker for _, speaker in own]


def _context(view: _Text, start: int, end: int) -> str:
    sentence = view.sentences[view.sentence_of(start)]
    first = max(view.token_at(sentence.start), view.token_at(start) - _CONTEXT_WORDS)
    last = min(view.token_at(sentence.end), view.token_at(end) + _CONTEXT_WORDS)
    return " ".join(view.text[view.tokens[first].start : view.tokens[last - 1].end].split())


def _unique_speakers(speakers: Iterable[Speaker]) -> list[Speaker]:
    seen: set[str] = set()
    unique: list[Speaker] = []
    for speaker in speakers:
        if speaker.name not in seen:
            seen.add(speaker.name)
            unique.append(speaker)
    return unique


# --------------------------------------------------------------------------- quote candidates

# Between a cue and the quotation it introduces: nothing, or a few words ending in "as"/"that":
# 'said, "...', 'stated plainly that "...', 'described the event as a "...'.
_LEAD_IN = re.compile(
    r"[\s,:]*(?:(?:[\w’'-]+\s+){0,4}?(?:as|that|it|called|calling|is|was|are|were)(?:\s+(?:a|an|the))?)?[\s,:]*",
    re.IGNORECASE,
)
_TRAIL = re.compile(r"[\s,.;:—–-]*")


def _quote_candidates(
    view: _Text, quoted: _QuotedText, cues: Sequence[tuple[_Cue, Speaker | None]]
) -> list[QuoteCandidate]:
    found: list[QuoteCandidate] = []
    for quotation in quoted.quotations:
        start, end = _trim_quotation(view.text, quotation)
        text = view.text[start:end]
        if not any(ch.isalpha() for ch in text):
            continue
        sentence, end_sentence = view.sentence_of(start), view.sentence_of(end - 1)
        own = [(c, s) for c, s in cues if sentence <= c.sentence <= end_sentence]
        adjacent = [(c, s) for c, s in own if _cue_adjacent(view, quotation, c)]
        own.sort(key=lambda pair: (pair not in adjacent, _distance(view, quotation, pair[0])))
        earlier = [(c, s) for c, s in cues if sentence - _SPEAKER_REACH <= c.sentence < sentence]
        earlier.sort(key=lambda pair: -pair[0].verb_first)
        speakers = _unique_speakers(s for _, s in [*own, *earlier] if s is not None)
        if not speakers and found and found[-1].end_sentence >= sentence - _SPEAKER_REACH:
            speakers = list(found[-1].speakers)  # a quotation continued from the previous one
        found.append(
            QuoteCandidate(
                id=f"q{len(found) + 1}",
                sentence=sentence,
                end_sentence=end_sentence,
                start=start,
                end=end,
                text=text,
                speakers=speakers,
                adjacent_cue=bool(adjacent),
                is_heading=_is_heading(view.text, quotation, text),
                word_count=len(_WORDS.findall(text)),
            )
        )
    return found


def _cue_adjacent(view: _Text, quotation: _Quotation, cue: _Cue) -> bool:
    cue_start, cue_end = view.tokens[cue.first].start, view.tokens[cue.last - 1].end
    if cue_start >= quotation.close_end:
        return _TRAIL.fullmatch(view.text, quotation.close_end, cue_start) is not None
    if cue_end <= quotation.open_start:
        return _LEAD_IN.fullmatch(view.text, cue_end, quotation.open_start) is not None
    return False


def _distance(view: _Text, quotation: _Quotation, cue: _Cue) -> int:
    cue_start, cue_end = view.tokens[cue.first].start, view.tokens[cue.last - 1].end
    return max(cue_start - quotation.close_end, quotation.open_start - cue_end, 0)


# --------------------------------------------------------------------------- the incident

_MONTH_PATTERN = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_PHRASES = re.compile(
    rf"\b{_MONTH_PATTERN}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?(?!\d)"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>january|february|march|april|may|june"
    rf"|july|august|september|october|november|december)\b(?:,?\s+(?P<year2>\d{{4}}))?"
    r"|\b(?P<relative>yesterday|today|tonight|overnight|last night|this (?:morning|afternoon|evening))\b"
    r"|\b(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS = {"yesterday": 1, "last night": 1}
_INCIDENT_NOUNS = _vocab("violence incident tragedy rampage massacre disaster bloodshed")
_DATE_REACH = 6  # sentences that mention the incident searched for its date


def _event_candidate(view: _Text, places: _Places) -> EventCandidate | None:
    """The first sentence that names an incident, its kind, and the date nearest to it."""
    incident = next(
        (
            s.index
            for s in view.sentences
            if not _URL.search(view.sentence_text(s.index)) and _incident_words(view, s.index)
        ),
        None,
    )
    if incident is None:
        return None
    kind = _event_kind(_incident_words(view, incident))
    if kind is None:
        words = [w for s in view.sentences for w in _incident_words(view, s.index)]
        kind = _event_kind(words)
    date, phrase = None, None
    mentioning = [
        i
        for i in range(incident, len(view.sentences))
        if _incident_words(view, i) or _mentions_incident(view, i)
    ]
    for index in mentioning[:_DATE_REACH]:  # a dateline gives the publication date, not the incident's
        found = _resolve_date(view.sentence_text(index), view.document.published)
        if found is not None:
            date, phrase = found
            break
    return EventCandidate(
        sentence=incident, kind=kind, date=date, date_phrase=phrase, places=places.main(incident)
    )


def _mentions_incident(view: _Text, sentence: int) -> bool:
    """Nouns that stand for the incident without naming its kind: "The violence unfolded"."""
    words = {w.lower() for w in _WORDS.findall(view.sentence_text(sentence))}
    return bool(words & _INCIDENT_NOUNS)


def _incident_words(view: _Text, sentence: int) -> list[str]:
    sentence_span = view.sentences[sentence]
    first, last = view.token_at(sentence_span.start), view.token_at(sentence_span.end)
    return [t.low for t in view.tokens[first:last] if t.low in _EVENT_WORDS or t.low in INCIDENT_WORDS]


def _event_kind(words: Sequence[str]) -> str | None:
    for kind, vocabulary in EVENT_KINDS:
        if any(w in vocabulary for w in words):
            return kind
    return None


def _resolve_date(sentence: str, published: dt.date | None) -> tuple[dt.date | None, str] | None:
    """The first date phrase of a sentence, resolved against the publication date when relative."""
    match = _DATE_PHRASES.search(sentence)
    if match is None:
        return None
    phrase = match.group()
    month_text = match.group("month") or match.group("month2")
    if month_text is not None:
        month = _MONTH_ABBREVIATIONS[
            month_text.lower()[:4] if month_text.lower().startswith("sept") else month_text.lower()[:3]
        ]
        day = int(match.group("day") or match.group("day2"))
        year_text = match.group("year") or match.group("year2")
        year = int(year_text) if year_text else published.year if published else None
        if year is None:
            return None, phrase
        try:
            return dt.date(year, month, day), phrase
        except ValueError:
            return None, phrase
    if published is None:
        return None, phrase
    relative = match.group("relative")
    if relative is not None:
        return published - dt.timedelta(days=_RELATIVE_DAYS.get(relative.lower(), 0)), phrase
    weekday = _WEEKDAYS.index(match.group("weekday").lower())
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7), phrase


# --------------------------------------------------------------------------- finding candidates


def find_candidates(document: Document) -> Candidates:
    """Claim and quote candidates of one document, with the people and places they need."""
    view = _Text(document)
    quoted = _quotations(view.text)
    people = _find_people(view, quoted)
    cues = [(cue, _speaker(view, cue, people)) for cue in _speech_cues(view, quoted)]
    places = _find_places(view, people)
    quotes = _quote_candidates(view, quoted, cues)
    resolved = [(cue, speaker) for cue, speaker in cues if speaker is not None]
    claims = _claim_candidates(view, quotes, resolved, places)
    event = _event_candidate(view, places)
    main_places = event.places if event is not None else places.main(0)
    return Candidates(
        document=document.id,
        claims=claims,
        quotes=quotes,
        people=people.listed(),
        places=list(dict.fromkeys(m.name for m in places.mentions)),
        main_places=main_places,
        event=event,
    )


# --------------------------------------------------------------------------- the rules labeller


def label_with_rules(document: Document, candidates: Candidates) -> DocumentExtraction:
    """The `--llm none` baseline: every candidate labelled by its own hints.

    A claim candidate with a metric hint becomes a claim at its nearest place, attributed to the
    speaker its sentence cites; a quotation of three words or more (or a shorter one right next to
    a speech cue) that is not a heading becomes a quote of its nearest speaker; the incident's
    first mention becomes the one event.
    """
    sentences = document.sentences or segment(document.text)
    event_id = f"{document.id}:e1"
    claims = _rules_claims(document, candidates, event_id)
    quotes = _rules_quotes(document, candidates)
    events = [_rules_event(document, sentences, candidates, claims, event_id)] if candidates.event else []
    if not events:
        claims = [c.model_copy(update={"event": None}) for c in claims]
    return DocumentExtraction(document=document, events=events, claims=claims, quotes=quotes)


def _rules_claims(document: Document, candidates: Candidates, event_id: str) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    for candidate in candidates.claims:
        if candidate.metric_hint is None:
            continue
        metric = normalize_metric(candidate.metric_hint)
        places = candidate.places or candidates.main_places
        place = total_place(document, candidate, candidates) or (places[0] if places else None)
        source = candidate.sources[0].name if candidate.sources else None
        q = candidate.quantity
        key = (metric, place, q.low, q.high, q.nominal, source)
        if key in seen:
            continue  # the same figure said again: annotated once
        seen.add(key)
        claims.append(
            Claim(
                id=f"{document.id}:c{len(claims) + 1}",
                document=document.id,
                sentence=candidate.sentence,
                metric=metric,
                place=place,
                quantity=candidate.quantity,
                event=event_id,
                attributed_to=source,
                span=Span(
                    text=candidate.phrase, start=candidate.start, end=candidate.end, status=SpanStatus.EXACT
                ),
            )
        )
    return claims


# Words that make a figure a total over the incident's places: "injured more than 20 across
# the two cities", "in both regions", "combined".
TOTAL_CUES = (
    "across the",
    "in total",
    "combined",
    "altogether",
    "in both",
    "both cities",
    "both regions",
    "the two cities",
    "the two regions",
)


def total_place(document: Document, candidate: ClaimCandidate, candidates: Candidates) -> str | None:
    """ "A and B" when the words right after the figure (up to the next figure of its sentence)
    speak of a total, and the incident has two places: "injured more than 20 across the two
    cities" is a total, "killed at least one person in Kyiv" in the same sentence is not."""
    main = list(dict.fromkeys(candidates.main_places))
    if len(main) < 2:
        return None
    sentence = document.sentences[candidate.sentence]
    following = [
        c.start for c in candidates.claims if c.sentence == candidate.sentence and c.start > candidate.start
    ]
    window = document.text[candidate.end : min([*following, sentence.end])].lower()
    if any(cue in window for cue in TOTAL_CUES):
        return f"{main[0]} and {main[1]}"
    return None


def plausible_quote(candidate: QuoteCandidate) -> bool:
    """Worth reporting as attributed speech: some speaker is named near it, it is not a heading,
    and it is long enough or introduced by a speech cue (scare quotes are short and bare)."""
    if candidate.is_heading or not candidate.speakers:
        return False
    return candidate.word_count >= _MIN_QUOTE_WORDS or candidate.adjacent_cue


def _rules_quotes(document: Document, candidates: Candidates) -> list[Quote]:
    quotes: list[Quote] = []
    for candidate in candidates.quotes:
        if not plausible_quote(candidate):
            continue  # scare quotes: "front line", "coercive environment"; headings
        speaker = candidate.speakers[0]
        if not speaker.is_person and speaker.name.split()[-1].lower() in _ANONYMOUS:
            continue  # "the witness said": no identifiable speaker
        quotes.append(
            Quote(
                id=f"{document.id}:q{len(quotes) + 1}",
                document=document.id,
                sentence=candidate.sentence,
                speaker=speaker.name,
                role=speaker.role,
                text=candidate.text,
                span=Span(
                    text=candidate.text, start=candidate.start, end=candidate.end, status=SpanStatus.EXACT
                ),
            )
        )
    return quotes


def _rules_event(
    document: Document,
    sentences: Sequence[Sentence],
    candidates: Candidates,
    claims: Sequence[Claim],
    event_id: str,
) -> Event:
    assert candidates.event is not None
    found = candidates.event
    sentence = sentences[found.sentence]
    text = document.text[sentence.start : sentence.end]
    # Totals over several places ("Kyiv and Kharkiv") are not places of their own here.
    claim_places = Counter(c.place for c in claims if c.place is not None and c.place in candidates.places)
    places = [p for p, _ in claim_places.most_common()] or found.places or candidates.main_places
    return Event(
        id=event_id,
        document=document.id,
        sentence=found.sentence,
        description=text if len(text) <= 300 else text[:297].rstrip() + "...",
        kind=found.kind,
        date=found.date,
        date_phrase=found.date_phrase,
        places=places,
        span=Span(text=text, start=sentence.start, end=sentence.end, status=SpanStatus.EXACT),
    )


# --------------------------------------------------------------------------- choices for a labeller


def metric_choices(candidate: ClaimCandidate) -> list[str]:
    """The metrics a labeller may give a claim candidate: its hint first, then every canonical
    metric, then NOT_A_CLAIM."""
    hint = [normalize_metric(candidate.metric_hint)] if candidate.metric_hint else []
    return list(dict.fromkeys([*hint, *CANONICAL_METRICS, NOT_A_CLAIM]))


def place_choices(candidate: ClaimCandidate, candidates: Candidates) -> list[str]:
    """Places named near the candidate (nearest first), then the incident's places, then UNKNOWN."""
    return list(dict.fromkeys([*candidate.places, *candidates.main_places, UNKNOWN]))


def speaker_choices(candidate: QuoteCandidate) -> list[str]:
    """Speakers the cues around a quotation name (nearest first), then UNKNOWN and NOT_A_QUOTE."""
    return list(dict.fromkeys([*(s.name for s in candidate.speakers), UNKNOWN, NOT_A_QUOTE]))


def source_choices(candidate: ClaimCandidate) -> list[str]:
    """Whom a claim may be attributed to: the speakers its sentence cites, then NO_SOURCE."""
    return list(dict.fromkeys([*(s.name for s in candidate.sources), NO_SOURCE]))
