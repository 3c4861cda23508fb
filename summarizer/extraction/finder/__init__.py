"""The candidate finder: code finds what could be a claim or a quote; a labeller names it.

Small local models label narrow, constrained choices well and write free-form extractions
badly. The finder finds, deterministically and without any model:

- claim candidates (`claims`): number phrases (read by `quantities`) near incident words, each
  with the metric the words around it suggest, the places named nearby and the sources the
  sentence cites;
- quote candidates (`quotes`): text inside quotation marks (`quotations`), each with the
  speakers that speech cues (`speech`: "said", "told", "according to", "he said") name around it;
- the people and places those need (`people`, `places`), from a light rule-based entity finder
  over tokens and capitalized runs (`tokens`, `names`): runs classified by titles ("Kyiv Mayor
  Vitali Klitschko"), appositions ("Fauzi, an official"), speech cues and place cues ("in X",
  "X province", "strikes on X"). No trained model;
- the incident's first mention, kind and date (`incident`).

`find_candidates` is the entry point; `types` holds what it returns. The labellers live beside
the finder: `extraction.rules` (no model) and `extraction.candidates` (a small model).

The finder owns no strategy and calls no model. It may import `schemas` and `text` only (never
`backends`, another extraction module, `reconcile`, `render` or `evaluation`); its modules
import each other downwards: tokens, quotations, names, speech, places, people, incident,
claims, quotes, then this entry point.
"""

from __future__ import annotations

from summarizer.extraction.finder.claims import claim_candidates
from summarizer.extraction.finder.incident import event_candidate
from summarizer.extraction.finder.people import find_people, resolve_speaker
from summarizer.extraction.finder.places import (
    area_of,
    facility_names,
    facility_of_town,
    find_places,
    incident_places,
    the_capital,
    the_kind_named_before,
)
from summarizer.extraction.finder.quotations import find_quotations
from summarizer.extraction.finder.quotes import quote_candidates
from summarizer.extraction.finder.speech import find_speech_cues
from summarizer.extraction.finder.tokens import Text
from summarizer.extraction.finder.types import (
    Candidates,
    ClaimCandidate,
    EventCandidate,
    Person,
    QuoteCandidate,
    Speaker,
)
from summarizer.schemas import Document

__all__ = [
    "Candidates",
    "ClaimCandidate",
    "EventCandidate",
    "Person",
    "QuoteCandidate",
    "Speaker",
    "find_candidates",
]


def find_candidates(document: Document) -> Candidates:
    """Claim and quote candidates of one document, with the people and places they need."""
    view = Text(document)
    quoted = find_quotations(view.text)
    people = find_people(view, quoted)
    cues = [(cue, resolve_speaker(view, cue, people)) for cue in find_speech_cues(view, quoted)]
    places = find_places(view, people.name_tokens())
    quotes = quote_candidates(view, quoted, cues)
    resolved = [(cue, speaker) for cue, speaker in cues if speaker is not None]
    claims = claim_candidates(view, quotes, resolved, places)
    event = event_candidate(view, places)
    main_places = event.places if event is not None else places.main(0)
    sites = area_of(view.text)
    if sites:  # a site the article names by the place around it: its figures are the site's
        main_places = list(dict.fromkeys(sites.get(p, p) for p in main_places))
        claims = [c.model_copy(update={"places": [sites.get(p, p) for p in c.places]}) for c in claims]
        if event is not None:
            event = event.model_copy(update={"places": main_places})
    full = facility_names(m.name for m in places.mentions)
    site = facility_of_town(main_places, places)
    if site is not None:  # "Lakeside" in the lede, "at Lakeside Airport" later: the airport
        main_places = list(dict.fromkeys([full.get(site, site), *main_places]))
    if full:  # "Lakeside Airport" after "Lakeside-Hillview Regional Airport": one facility
        main_places = list(dict.fromkeys(full.get(p, p) for p in main_places))
        claims = [c.model_copy(update={"places": [full.get(p, p) for p in c.places]}) for c in claims]
    if event is not None:
        event = event.model_copy(update={"places": main_places})
    claims = [c.model_copy(update={"places": incident_places(c.places, main_places)}) for c in claims]
    claims = the_kind_named_before(the_capital(claims, places), places)
    return Candidates(
        document=document.id,
        claims=claims,
        quotes=quotes,
        people=people.listed(),
        places=list(dict.fromkeys(m.name for m in places.mentions)),
        main_places=main_places,
        event=event,
    )
