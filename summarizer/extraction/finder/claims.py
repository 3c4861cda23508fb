"""Claim candidates: number phrases (read by `quantities`) near incident words, each with the
metric its words suggest, the places named nearby and the sources its sentence cites."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from summarizer.extraction.finder.incident import EVENT_WORDS
from summarizer.extraction.finder.people import unique_speakers
from summarizer.extraction.finder.places import Places, places_near
from summarizer.extraction.finder.speech import Cue
from summarizer.extraction.finder.tokens import URL, Text, vocab
from summarizer.extraction.finder.types import ClaimCandidate, QuoteCandidate, Speaker
from summarizer.text.counts import CountReading, read_counts
from summarizer.text.headline_lists import join_headline_lists
from summarizer.text.metrics import (
    INCIDENT_WORDS,
    is_casualty_word,
    metric_from_context,
    normalize_metric,
    refines,
)
from summarizer.text.nlp import parse_many
from summarizer.text.places import is_care_facility
from summarizer.text.quantities import find_quantities

_MONEY = frozenset({"USD", "EUR", "GBP"})


# Words that, near a number, make it worth a label even when no metric is suggested.
_COUNT_CONTEXT = (
    EVENT_WORDS
    | INCIDENT_WORDS
    | vocab(
        """victims casualties fatalities toll dead killed injured wounded hurt people persons residents
    civilians children passengers students teens houses homes buildings damaged destroyed
    collapsed evacuated displaced missing trapped rescued suspects arrested shots fired bullets
    rounds magazines struck launched intercepted shot down hospitalized hospitalised treated
    critical condition patients magnitude power electricity heating shelters"""
    )
)
# Units of measure that are not incident figures ("30 km", "16-day", "minus 10 degrees").
_REJECTED_UNITS = vocab(
    """km mi m cm mm ft kg t mph second minute hour day week month year degree celsius fahrenheit
    age USD EUR GBP percentage_point"""
)
_NUMBER_WINDOW = 10  # words either side of a number searched for incident words
_CONTEXT_WORDS = 8  # words either side of a phrase shown as its context


def claim_candidates(
    view: Text,
    quotes: Sequence[QuoteCandidate],
    cues: Sequence[tuple[Cue, Speaker]],
    places: Places,
) -> list[ClaimCandidate]:
    found: list[ClaimCandidate] = []
    cues_by_sentence: dict[int, list[tuple[Cue, Speaker]]] = defaultdict(list)  # read once, not per figure
    for cue, speaker in cues:
        cues_by_sentence[cue.sentence].append((cue, speaker))
    quotes_at = _quotes_by_sentence(quotes)
    for sentence in view.sentences:
        sentence_text = view.sentence_text(sentence.index)
        if URL.search(sentence_text):
            continue
        tail = site_name_tail(sentence_text)
        for match in find_quantities(sentence_text):
            if match.start >= tail:
                continue  # "... shooting - KXYZ News 12": the outlet's name, not a figure
            unit = match.quantity.unit
            hint = metric_from_context(sentence_text, match.start, match.end)
            if unit in _REJECTED_UNITS and not (unit in _MONEY and hint is not None):
                continue
            start, end = sentence.start + match.start, sentence.start + match.end
            if hint is None and not _incident_nearby(view, start, end):
                continue
            quote = _quote_at(quotes_at, sentence.index, start)
            sources = list(quote.speakers) if quote is not None else []
            sources += _sentence_sources(view, cues_by_sentence[sentence.index], start)
            found.append(
                ClaimCandidate(
                    id=f"n{len(found) + 1}",
                    sentence=sentence.index,
                    start=start,
                    end=end,
                    phrase=view.text[start:end],
                    quantity=match.quantity,
                    metric_hint=hint,
                    places=places_near(places, sentence.index, start, end),
                    sources=unique_speakers(sources),
                    quote=quote.id if quote is not None else None,
                    sentence_text=sentence_text,
                    context=_context(view, start, end),
                )
            )
    return _with_parsed_counts(view, found, places, quotes_at)


def _quotes_by_sentence(quotes: Sequence[QuoteCandidate]) -> dict[int, list[QuoteCandidate]]:
    """The quotations that cover each sentence, in their order: where a figure's quotation is
    looked for (searching all of a long article's quotations per figure was quadratic)."""
    found: dict[int, list[QuoteCandidate]] = defaultdict(list)
    for quote in quotes:
        for index in range(quote.sentence, quote.end_sentence + 1):
            found[index].append(quote)
    return found


def _quote_at(
    quotes_at: dict[int, list[QuoteCandidate]], sentence: int, offset: int
) -> QuoteCandidate | None:
    return next((q for q in quotes_at.get(sentence, ()) if q.start <= offset < q.end), None)


# Sentences worth parsing: those with a word stem of death, injury or harm (parsing is the
# costly part of the rules path, and most sentences of an article state no casualty).
_CASUALTY_STEMS = re.compile(
    r"\b(?:kill|dead|die|dying|death|fatal|injur|wound|hurt|shot|shoot|hospital|casualt|murder|slain|"
    r"victim|nobody|no one|missing|toll)",
    re.IGNORECASE,
)


def _with_parsed_counts(
    view: Text, found: list[ClaimCandidate], places: Places, quotes_at: dict[int, list[QuoteCandidate]]
) -> list[ClaimCandidate]:
    """The parse's casualty counts, merged into the figures found by the word windows.

    Where the parse reads a figure the windows found, its measure and group replace the window's
    guess; a count the windows cannot see (a count of one, a zero, a sum) becomes a candidate of
    its own."""
    chosen = [
        s
        for s in view.sentences
        if _CASUALTY_STEMS.search(text := view.sentence_text(s.index)) and not URL.search(text)
    ]
    docs = parse_many([view.sentence_text(s.index) for s in chosen])
    merged = list(found)
    in_sentence: dict[int, list[int]] = defaultdict(list)  # indices into `merged`, by sentence
    for i, candidate in enumerate(merged):
        in_sentence[candidate.sentence].append(i)
    read_sentences: set[int] = set()
    for sentence, doc in zip(chosen, docs, strict=True):
        tail = site_name_tail(doc.text)
        for reading in join_headline_lists(doc, read_counts(doc)):
            if reading.start >= tail:
                continue
            read_sentences.add(sentence.index)
            start, end = sentence.start + reading.start, sentence.start + reading.end
            same = [i for i in in_sentence[sentence.index] if merged[i].start < end and start < merged[i].end]
            if same:
                i = same[0]
                hint = merged[i].metric_hint
                update: dict[str, object] = {
                    # the window's condition says more than the parse's verb: "two critical"
                    "metric_hint": hint if _says_more(hint, reading.measure) else reading.measure,
                    "group": reading.group,
                    "parsed": True,
                    "part": reading.part,
                    "person": _one_person(reading),
                }
                if _sum_over(reading, merged[i], start, end):
                    # "three men and a woman were wounded": the window saw "three", the parse the
                    # coordinated phrase, four people.
                    phrase = view.text[start:end]
                    update |= {
                        "start": start,
                        "end": end,
                        "phrase": phrase,
                        "quantity": reading.quantity.model_copy(update={"phrase": phrase}),
                        "context": _context(view, start, end),
                    }
                merged[i] = merged[i].model_copy(update=update)
                continue
            in_sentence[sentence.index].append(len(merged))
            merged.append(_parsed_candidate(view, reading, sentence.index, start, end, places, quotes_at))
    # Where the parse read a sentence's casualty counts, a figure it did not read there is not one
    # ("911", an age, a street number); where it read none, the windows' guess stands.
    merged = [
        c
        for c in merged
        if c.parsed or not _casualty_hint(c.metric_hint) or _toll(view, c) or _next_to_its_word(view, c)
    ]
    merged.sort(key=lambda c: c.start)
    merged = [_taken_to(c, merged, places) for c in merged]
    return [c.model_copy(update={"id": f"n{i + 1}"}) for i, c in enumerate(merged)]


# Measures of people in care: where they are counted is where they were taken.
_IN_CARE = frozenset({"hospitalized", "hospitalized_gunshot"})


def _taken_to(candidate: ClaimCandidate, found: Sequence[ClaimCandidate], places: Places) -> ClaimCandidate:
    """A count of people taken to hospital placed at the hospital its clause names: "29 were
    taken to Lakeside General Hospital" counts the hospital's patients; "30 taken to hospitals
    from the mall, 29 to X" leaves the 30 at the mall (the next figure comes before X)."""
    if candidate.metric_hint is None or normalize_metric(candidate.metric_hint) not in _IN_CARE:
        return candidate
    following = [c.start for c in found if c.sentence == candidate.sentence and c.start > candidate.start]
    stop = min(following) if following else None
    care = next(
        (
            m.name
            for m in places.mentions
            if m.sentence == candidate.sentence
            and candidate.end <= m.start
            and (stop is None or m.start < stop)
            and (m.start in places.destinations or is_care_facility(m.name))
        ),
        None,
    )
    if care is None:
        return candidate
    return candidate.model_copy(update={"places": [care, *(p for p in candidate.places if p != care)]})


# A toll names its figure unambiguously, whatever else the parse read in the sentence: "bringing
# the death toll from the disaster to 11", "the toll stands at 30", "a death toll of 12".
_TOLL_BEFORE = re.compile(
    r"\btoll\b(?:\s+\w+){0,4}?\s+(?:to|at|of|is|was|reached|hit)\s+(?:at\s+least\s+)?$", re.I
)


def _one_person(reading: CountReading) -> bool:
    """A count of one read from a phrase that names or describes one person ("a 16-year-old
    girl", "her father", "Jane Doe"), not from a number."""
    return reading.rule.endswith(", one")


# A figure written right beside its casualty word, as in list-style headlines and summaries that
# the parser often leaves unattached: "Five dead, 8 wounded", "six more shot", "two critical",
# "... Strikes Town Killing One".
_WORD_AFTER = re.compile(r"\s+(?:(?:more|others?|other\s+people|people)\s+)?([A-Za-z]+)")
_VERB_BEFORE = re.compile(r"\b(?:killing|injuring|wounding)\s+$", re.IGNORECASE)
_CONDITION_WORDS = frozenset({"critical", "critically"})


def _next_to_its_word(view: Text, candidate: ClaimCandidate) -> bool:
    sentence = view.sentences[candidate.sentence]
    after = _WORD_AFTER.match(view.text, candidate.end, sentence.end)
    if after is not None and (is_casualty_word(after[1]) or after[1].lower() in _CONDITION_WORDS):
        return True
    return bool(_VERB_BEFORE.search(view.text, sentence.start, candidate.start))


def _toll(view: Text, candidate: ClaimCandidate) -> bool:
    sentence = view.sentences[candidate.sentence]
    return bool(_TOLL_BEFORE.search(view.text[sentence.start : candidate.start]))


# A title's outlet suffix: "Two hurt in crash - WXYZ Channel 7 Springfield", "... | Daily Star".
_SITE_SEPARATOR = re.compile(r"\s[-–—|]\s")
_SITE_WORD = re.compile(r"(?:[A-Z0-9&][\w&.’'-]*|&)[,:]?")
_SITE_WORDS = 12


def site_name_tail(sentence: str) -> int:
    """Where a title's outlet name begins (the length of `sentence` when it has none): after its
    last dash or bar, a run of capitalized words and numbers with no final period and no word
    of harm ("3 Dead - 2 Wounded" goes on with the news)."""
    stripped = sentence.rstrip()
    separators = list(_SITE_SEPARATOR.finditer(stripped))
    if not separators or stripped.endswith((".", "?", "!")):
        return len(sentence)
    last = separators[-1]
    words = stripped[last.end() :].split()
    if 0 < len(words) <= _SITE_WORDS and all(
        _SITE_WORD.fullmatch(w) and not is_casualty_word(w) for w in words
    ):
        return last.start()
    return len(sentence)


def _casualty_hint(hint: str | None) -> bool:
    return hint is not None and hint in {
        "killed",
        "injured",
        "shot",
        "dead_including_suspect",
        "hospitalized",
        "victims",
        "casualties",
    }


def _sum_over(reading: CountReading, candidate: ClaimCandidate, start: int, end: int) -> bool:
    """Whether the parse read a sum of coordinated phrases over the window's number and around it
    ("three men and a woman"), to another figure than the number alone."""
    return (
        reading.rule.endswith(", sum")
        and start <= candidate.start
        and candidate.end <= end
        and (start, end) != (candidate.start, candidate.end)
        and reading.quantity.low is not None
        and reading.quantity.low != candidate.quantity.low
    )


def _says_more(hint: str | None, measure: str) -> bool:
    """Whether the window's condition says more about the people the parse's measure counts. A
    gunshot wound does not say more than "shot": people shot all have one, and counted as shot
    ("all six suffered gunshot wounds") they are everyone hit, the dead too, not the injured."""
    return (
        bool(hint)
        and refines(hint or "", measure)
        and not (measure == "shot" and hint == "injured_by_gunshot")
    )


def _parsed_candidate(
    view: Text,
    reading: CountReading,
    sentence: int,
    start: int,
    end: int,
    places: Places,
    quotes_at: dict[int, list[QuoteCandidate]],
) -> ClaimCandidate:
    quote = _quote_at(quotes_at, sentence, start)
    return ClaimCandidate(
        id="n0",
        sentence=sentence,
        start=start,
        end=end,
        phrase=view.text[start:end],
        quantity=reading.quantity.model_copy(update={"phrase": view.text[start:end]}),
        metric_hint=reading.measure,
        group=reading.group,
        parsed=True,
        part=reading.part,
        person=_one_person(reading),
        places=places_near(places, sentence, start, end),
        quote=quote.id if quote is not None else None,
        sentence_text=view.sentence_text(sentence),
        context=_context(view, start, end),
    )


def _incident_nearby(view: Text, start: int, end: int) -> bool:
    first, last = view.token_at(start), view.token_at(end)
    sentence = view.sentence_of(start)
    window = view.tokens[max(0, first - _NUMBER_WINDOW) : last + _NUMBER_WINDOW]
    return any(t.sentence == sentence and t.low in _COUNT_CONTEXT for t in window)


def _sentence_sources(view: Text, own: list[tuple[Cue, Speaker]], offset: int) -> list[Speaker]:
    """Speakers the sentence's own speech cues (`own`) name, nearest to `offset` first."""
    own = sorted(own, key=lambda pair: abs(view.tokens[pair[0].verb_first].start - offset))
    return [speaker for _, speaker in own]


def _context(view: Text, start: int, end: int) -> str:
    sentence = view.sentences[view.sentence_of(start)]
    first = max(view.token_at(sentence.start), view.token_at(start) - _CONTEXT_WORDS)
    last = min(view.token_at(sentence.end), view.token_at(end) + _CONTEXT_WORDS)
    return " ".join(view.text[view.tokens[first].start : view.tokens[last - 1].end].split())
