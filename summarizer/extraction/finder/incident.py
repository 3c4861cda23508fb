"""The incident: the first sentence that names it, its kind, and its date resolved against
the publication date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from summarizer.extraction.finder.places import Places
from summarizer.extraction.finder.tokens import URL, WORDS, Text, vocab
from summarizer.extraction.finder.types import EventCandidate
from summarizer.text import dates
from summarizer.text.metrics import INCIDENT_WORDS

# The kind of incident, by the words that name it; the first kind whose word a sentence uses wins.
EVENT_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("earthquake", vocab("earthquake earthquakes quake quakes tremor aftershock")),
    ("tsunami", vocab("tsunami")),
    ("shooting", vocab("shooting shootings gunfire gunman gunmen shooter shot")),
    ("strike", vocab("strike strikes airstrike airstrikes missile missiles drone drones shelling")),
    ("bombing", vocab("bombing bomb explosion blast explosive")),
    ("attack", vocab("attack attacks assault raid stabbing")),
    ("fire", vocab("fire blaze wildfire")),
    ("flood", vocab("flood floods flooding")),
    ("landslide", vocab("landslide landslides mudslide")),
    ("storm", vocab("storm hurricane typhoon cyclone tornado")),
    ("crash", vocab("crash collision derailment derailed")),
)
EVENT_WORDS = frozenset(w for _, words in EVENT_KINDS for w in words)
# "opened fire on the crowd": the idiom names a shooting, not a fire.
_OPENED_FIRE = re.compile(r"\bop(?:en|ens|ened|ening)\s+fire\b", re.IGNORECASE)


_INCIDENT_NOUNS = vocab("violence incident tragedy rampage massacre disaster bloodshed")
_DATE_REACH = 10  # sentences that mention the incident searched for its date (feature ledes run long)


def event_candidate(view: Text, places: Places) -> EventCandidate | None:
    """The first sentence that names an incident, its kind, and the date nearest to it."""
    incident = next(
        (
            s.index
            for s in view.sentences
            if not URL.search(view.sentence_text(s.index)) and _incident_words(view, s.index)
        ),
        None,
    )
    if incident is None:
        return None
    kind = "shooting" if _OPENED_FIRE.search(view.sentence_text(incident)) else None
    kind = kind or _event_kind(_incident_words(view, incident))
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


def _mentions_incident(view: Text, sentence: int) -> bool:
    """Nouns that stand for the incident without naming its kind: "The violence unfolded"."""
    words = {w.lower() for w in WORDS.findall(view.sentence_text(sentence))}
    return bool(words & _INCIDENT_NOUNS)


def _incident_words(view: Text, sentence: int) -> list[str]:
    sentence_span = view.sentences[sentence]
    first, last = view.token_at(sentence_span.start), view.token_at(sentence_span.end)
    return [t.low for t in view.tokens[first:last] if t.low in EVENT_WORDS or t.low in INCIDENT_WORDS]


def _event_kind(words: Sequence[str]) -> str | None:
    for kind, vocabulary in EVENT_KINDS:
        if any(w in vocabulary for w in words):
            return kind
    return None


def _resolve_date(sentence: str, published: dt.date | None) -> tuple[dt.date | None, str] | None:
    """The first date phrase of a sentence (`text.dates`), resolved against the publication date."""
    phrase = dates.first_date_phrase(sentence)
    return None if phrase is None else (dates.resolve_day(phrase, published), phrase)
