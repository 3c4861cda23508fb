"""The `rules` strategy (`--llm none`): the finder's candidates labelled deterministically.

A figure with a metric hint becomes a claim, a plausible quotation a quote of its nearest named
speaker, the incident's first mention the one event; no model is asked anything. The
`candidates` strategy starts from this baseline and lets a small model change only what it
decides better (`total_place` and `plausible_quote` are shared with it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from summarizer.extraction.finder import (
    Candidates,
    ClaimCandidate,
    EventCandidate,
    QuoteCandidate,
    find_candidates,
)
from summarizer.schemas import Claim, Document, DocumentExtraction, Event, Quote, Sentence, Span, SpanStatus
from summarizer.text.metrics import counted_metric, is_casualty_metric, normalize_metric
from summarizer.text.numbers import NUMBER_PATTERN, parse_number
from summarizer.text.places import DEFAULT_PLACE_ALIASES, place_parser, place_within
from summarizer.text.segment import segment

_MIN_QUOTE_WORDS = 3  # shorter quotations need a cue next to them (scare quotes are short)


# Speakers too anonymous to attribute a quote to: "the witness said", "a resident said".
_ANONYMOUS = frozenset(
    {"witness", "eyewitness", "resident", "man", "woman", "neighbor", "neighbour", "passenger", "traveler",
     "traveller", "student", "survivor", "victim", "partygoer", "guest", "person"}
)  # fmt: skip


def extract_by_rules(document: Document) -> DocumentExtraction:
    """The rules-only baseline (`--llm none`): no model at all."""
    return label_with_rules(document, find_candidates(document))


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
    if candidates.event is None and (lede := _lede_sentence(document, sentences)) is not None:
        # No incident words (a court ruling, an award, a hire): the lede still reports one event.
        candidates = candidates.model_copy(
            update={"event": EventCandidate(sentence=lede, places=candidates.main_places)}
        )
    events = [_rules_event(document, sentences, candidates, claims, event_id)] if candidates.event else []
    if not events:
        claims = [c.model_copy(update={"event": None}) for c in claims]
    return DocumentExtraction(document=document, events=events, claims=claims, quotes=quotes)


_LEDE_MIN_WORDS = 5  # shorter first lines are datelines, bylines, "Updated 4:08 p.m."


def _lede_sentence(document: Document, sentences: Sequence[Sentence]) -> int | None:
    """The first sentence long enough to report something (a headline counts)."""
    for index, sentence in enumerate(sentences):
        text = document.text[sentence.start : sentence.end]
        if "://" not in text and len(re.findall(r"[A-Za-z]{2,}", text)) >= _LEDE_MIN_WORDS:
            return index
    return None


def _rules_claims(document: Document, candidates: Candidates, event_id: str) -> list[Claim]:
    claims: list[Claim] = []
    seen: set[tuple[object, ...]] = set()
    counted = _numbered_measures(candidates)
    body = _body_start(document)
    for candidate in candidates.claims:
        if candidate.metric_hint is None:
            continue
        metric = normalize_metric(candidate.metric_hint)
        if candidate.person and counted.get(_measure_family(metric), candidate.start) < candidate.start:
            continue  # "a 16-year-old girl died" after the article counted the dead: one of them
        places = candidate.places or candidates.main_places
        event_property = metric in _EVENT_PROPERTIES
        if event_property and candidates.main_places:
            places = _event_places(candidates.main_places)  # the quake's magnitude, not a town's
        place = total_place(document, candidate, candidates) or (places[0] if places else None)
        source = candidate.sources[0].name if candidate.sources else None
        q = candidate.quantity
        # The top matter's figures are reported apart from the body's, so a body repeat of a
        # headline figure is kept; a property of the event said again is one figure.
        heading = not event_property and candidate.sentence < body
        slot = counted_metric(metric, candidate.group)
        key = (slot, _place_key(place), q.low, q.high, q.nominal, source, heading)
        if key in seen:
            continue  # the same figure said again: annotated once
        seen.add(key)
        claims.append(
            Claim(
                id=f"{document.id}:c{len(claims) + 1}",
                document=document.id,
                sentence=candidate.sentence,
                metric=metric,
                group=candidate.group,
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


# Figures that describe the event as a whole, placed at the event's place: "a 6.1-magnitude quake
# struck inland in X district" measures the quake, wherever its epicentre lay.
_EVENT_PROPERTIES = frozenset({"magnitude"})
_KILLED = frozenset(
    {"killed", "children_killed", "suspects_killed", "officers_killed", "dead_including_suspect"}
)


def _event_places(main: list[str]) -> list[str]:
    """The incident's places without a leading container of them all ("Indonesia" before "Aceh"
    and "Aceh province"): the event's own place first."""
    parse = place_parser(DEFAULT_PLACE_ALIASES)
    first = parse(main[0])
    inner = [
        p
        for p in main[1:]
        if first is not None and (ref := parse(p)) is not None and place_within(ref, first)
    ]
    return [*inner, main[0], *(p for p in main[1:] if p not in inner)] if inner else main


def _measure_family(metric: str) -> str | None:
    """ "killed" for the dead, "hurt" for every other casualty measure, None for the rest."""
    if metric in _KILLED:
        return "killed"
    return "hurt" if is_casualty_metric(metric) else None


def _numbered_measures(candidates: Candidates) -> dict[str | None, int]:
    """Where the document first counts each casualty family with a figure (not a single
    person's mention). News states a total first and then introduces its people one by one; a
    person named before any total (a roundup's victim, a headline's "grandson") is a count."""
    first: dict[str | None, int] = {}
    for c in candidates.claims:
        if c.metric_hint is not None and not c.person:
            family = _measure_family(normalize_metric(c.metric_hint))
            if family is not None:
                first.setdefault(family, c.start)
    return first


_STOPS = (".", "?", "!", '"', "”", "'", "’")


def _body_start(document: Document) -> int:
    """The first sentence that ends with a stop: what comes before it (the headline, a
    subheading, a dateline, summary bullets) is the article's top matter."""
    for index, sentence in enumerate(document.sentences):
        if document.text[sentence.start : sentence.end].rstrip().endswith(_STOPS):
            return index
    return len(document.sentences)


def _place_key(place: str | None) -> str | None:
    """A place compared for repeats: "the Cypress area", "Cypress-area" and "Cypress" are one."""
    if place is None:
        return None
    ref = place_parser(DEFAULT_PLACE_ALIASES)(place)
    if ref is None:
        return place
    words = [w for w in " ".join(ref.core or ref.words).replace("-", " ").split() if w != "area"]
    return " ".join(words) or ref.head


# Words right after a figure that make it a total over several places: a count of places
# ("across the two cities", "in both regions", "in all three provinces") or a plain total ("in
# total", "combined", "altogether").
_COUNTED_PLACES = re.compile(
    rf"\b(?:across|in|over|for)\s+(?:the\s+|all\s+|all\s+the\s+)?(?P<count>both|{NUMBER_PATTERN})\s+"
    r"(?:cities|towns|regions|provinces|states|districts|countries|areas|villages|counties|oblasts)\b",
    re.IGNORECASE,
)
_PLAIN_TOTAL = re.compile(r"\b(?:in\s+total|combined|altogether)\b", re.IGNORECASE)


def total_place(document: Document, candidate: ClaimCandidate, candidates: Candidates) -> str | None:
    """ "A and B" when the words right after the figure (up to the next figure of its sentence)
    speak of a total over places and the article says which: "injured more than 20 across the
    two cities" totals the two of the incident's places that the article names together ("Kyiv
    and Kharkiv"), or all of them when it has exactly that many; "killed at least one person in
    Kyiv" in the same sentence is not a total."""
    sentence = document.sentences[candidate.sentence]
    rest = document.text[candidate.end : sentence.end]
    counted = _COUNTED_PLACES.search(rest)
    if counted is None and not _PLAIN_TOTAL.search(rest):
        return None  # no total anywhere after it (most figures): the next figure need not be found
    following = [
        c.start for c in candidates.claims if c.sentence == candidate.sentence and c.start > candidate.start
    ]
    if counted is not None:
        # the cue's own count ("the two cities") is not a next figure that ends the window
        cue = (candidate.end + counted.start(), candidate.end + counted.end())
        following = [start for start in following if not cue[0] <= start < cue[1]]
    stop = min([*following, sentence.end]) - candidate.end
    if counted is not None and counted.start() >= stop:
        counted = None
    if counted is None and not _PLAIN_TOTAL.search(rest[:stop]):
        return None
    count = None
    if counted is not None:
        word = counted["count"].lower()
        value = 2 if word == "both" else parse_number(word)
        count = int(value) if value is not None else None
    parse = place_parser(DEFAULT_PLACE_ALIASES)
    refs = {p: parse(p) for p in dict.fromkeys(candidates.main_places)}
    # the incident's own places, not the container that holds them all ("Ukraine")
    main = [
        p
        for p, ref in refs.items()
        if ref is None or not any(q is not None and place_within(q, ref) for q in refs.values())
    ]
    wanted = count if count is not None else len(main)
    if wanted < 2:
        return None
    if len(main) == wanted:
        return " and ".join(main)
    if wanted == 2:
        pair = _named_together(document.text, main)
        return f"{pair[0]} and {pair[1]}" if pair is not None else None
    return None


def _named_together(text: str, places: Sequence[str]) -> tuple[str, str] | None:
    """The two places the article coordinates most often ("Kyiv and Kharkiv", "Kyiv & Kharkiv"):
    what "the two cities" refers back to. None on a tie or when no two are named together."""
    counts: Counter[tuple[str, str]] = Counter()
    for i, a in enumerate(places):
        for b in places[i + 1 :]:
            x, y = re.escape(a), re.escape(b)
            together = rf"\b(?:{x}\s+(?:and|&)\s+{y}|{y}\s+(?:and|&)\s+{x})\b"
            if found := len(re.findall(together, text)):
                counts[(a, b)] = found
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


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
