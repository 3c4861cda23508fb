"""The `candidates` strategy (small local models): the finder's candidates labelled by the model.

Small local models choose well among a few options and write badly. The finder
(`extraction.finder`) finds every figure near incident words and every quotation with the
speakers named around it; here the model picks, for each, a metric and a place, or a speaker,
from per-request `Literal` types, so an answer outside the options cannot even be produced (the
server's grammar enforces the JSON Schema). Spans come from the candidates, so every claim and
quote is grounded by construction. Events, and the starting point of every choice, come from
the `rules` strategy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, create_model

from summarizer.backends.prompts import load_prompt
from summarizer.backends.protocol import LLMRequest, StructuredLLM, complete_counted
from summarizer.extraction.finder import Candidates, ClaimCandidate, QuoteCandidate, find_candidates
from summarizer.extraction.rules import label_with_rules, plausible_quote, total_place
from summarizer.schemas import Claim, Document, DocumentExtraction, Quote, Span, SpanStatus, Usage
from summarizer.text.metrics import normalize_metric

# The metrics offered for every figure besides the one its own words suggest: the casualty
# counts a reader cares most about. Short lists keep the prompt small and the choice easy.
CORE_METRICS = ("killed", "injured", "hospitalized", "missing", "shot", "evacuated", "arrested")
MAX_PLACES = 6
BATCH_CLAIMS = 24  # figures per request; longer documents are labelled in several requests
BATCH_QUOTES = 12


# The answers that reject a candidate or leave a choice open.
NOT_A_CLAIM = "not_a_claim"
NOT_A_QUOTE = "not_a_quote"
UNKNOWN = "unknown"


def place_choices(candidate: ClaimCandidate, candidates: Candidates) -> list[str]:
    """Places named near the candidate (nearest first), then the incident's places, then UNKNOWN."""
    return list(dict.fromkeys([*candidate.places, *candidates.main_places, UNKNOWN]))


def speaker_choices(candidate: QuoteCandidate) -> list[str]:
    """Speakers the cues around a quotation name (nearest first), then UNKNOWN and NOT_A_QUOTE."""
    return list(dict.fromkeys([*(s.name for s in candidate.speakers), UNKNOWN, NOT_A_QUOTE]))


def claim_metric_options(candidate: ClaimCandidate) -> list[str]:
    """A figure whose words name what it counts gets a yes/no choice (that metric or not a claim);
    the rules read the metric right far more often than a small model picks it from a list.
    A figure with no such words gets the core casualty metrics to choose from. The rules'
    reading always comes first, so the model's answer differs from the baseline only by choice."""
    if candidate.metric_hint:
        return [normalize_metric(candidate.metric_hint), NOT_A_CLAIM]
    return [NOT_A_CLAIM, *CORE_METRICS]


def claim_place_options(document: Document, candidate: ClaimCandidate, candidates: Candidates) -> list[str]:
    """Nearby places first; a total over the incident's places ("Kyiv and Kharkiv") when the
    sentence speaks of a total; then `unknown`."""
    options = [p for p in place_choices(candidate, candidates) if p != UNKNOWN][:MAX_PLACES]
    total = total_place(document, candidate, candidates)
    return [*dict.fromkeys([*options, *([total] if total else [])]), UNKNOWN]


def labelled_quotes(candidates: Candidates) -> list[QuoteCandidate]:
    """Quotations worth asking about: the same test the rules apply (speaker named, not a
    heading, not a bare scare quote); the model then names the speaker or rejects it."""
    return [q for q in candidates.quotes if plausible_quote(q)]


def _literal(options: Sequence[str]) -> Any:
    return Literal[tuple(options)]


def labels_model(
    document: Document,
    claims: Sequence[ClaimCandidate],
    quotes: Sequence[QuoteCandidate],
    candidates: Candidates,
) -> type[BaseModel]:
    """One field per decision, each a Literal of that candidate's own options."""
    fields: dict[str, Any] = {}
    for claim in claims:
        fields[f"{claim.id}_metric"] = (_literal(claim_metric_options(claim)), ...)
        fields[f"{claim.id}_place"] = (_literal(claim_place_options(document, claim, candidates)), ...)
    for quote in quotes:
        fields[f"{quote.id}_speaker"] = (_literal(speaker_choices(quote)), ...)
    model: type[BaseModel] = create_model("Labels", __config__=ConfigDict(extra="forbid"), **fields)
    return model


def _marked_sentence(document: Document, sentence_index: int, claims: Sequence[ClaimCandidate]) -> str:
    """The sentence once, with each of its figures marked in place: ⟦n3 at least one⟧."""
    sentence = document.sentences[sentence_index]
    text = document.text
    pieces: list[str] = []
    cursor = sentence.start
    for claim in sorted(claims, key=lambda c: c.start):
        pieces.append(text[cursor : claim.start])
        pieces.append(f"⟦{claim.id} {text[claim.start : claim.end]}⟧")
        cursor = claim.end
    pieces.append(text[cursor : sentence.end])
    return "".join(pieces).replace("\n", " ")


def _quote_context(document: Document, quote: QuoteCandidate) -> str:
    first = max(0, quote.sentence - 1)
    last = min(len(document.sentences) - 1, quote.end_sentence)
    start, end = document.sentences[first].start, document.sentences[last].end
    return document.text[start:end].replace("\n", " ")


def build_label_request(
    document: Document,
    claims: Sequence[ClaimCandidate],
    quotes: Sequence[QuoteCandidate],
    candidates: Candidates,
    max_reasks: int,
) -> LLMRequest[BaseModel]:
    prompt = load_prompt("label")
    by_sentence: dict[int, list[ClaimCandidate]] = {}
    for claim in claims:
        by_sentence.setdefault(claim.sentence, []).append(claim)
    messages = prompt.render(
        document_id=document.id,
        published=document.published.isoformat() if document.published else None,
        sentences=[
            {
                "marked": _marked_sentence(document, index, items),
                "figures": [
                    {
                        "id": c.id,
                        "metrics": claim_metric_options(c),
                        "places": claim_place_options(document, c, candidates),
                    }
                    for c in items
                ],
            }
            for index, items in by_sentence.items()
        ],
        quotes=[
            {
                "id": q.id,
                "text": q.text.replace("\n", " "),
                "context": _quote_context(document, q),
                "speakers": speaker_choices(q),
            }
            for q in quotes
        ],
    )
    return LLMRequest(
        task="label",
        prompt_version=prompt.version,
        messages=messages,
        response_model=labels_model(document, claims, quotes, candidates),
        max_reasks=max_reasks,
    )


def batches(candidates: Candidates) -> Iterator[tuple[list[ClaimCandidate], list[QuoteCandidate]]]:
    claims = list(candidates.claims)
    quotes = labelled_quotes(candidates)
    while claims or quotes:
        yield claims[:BATCH_CLAIMS], quotes[:BATCH_QUOTES]
        claims, quotes = claims[BATCH_CLAIMS:], quotes[BATCH_QUOTES:]


def extract_by_labels(document: Document, llm: StructuredLLM, *, max_reasks: int = 2) -> DocumentExtraction:
    """Candidates labelled by the model. Events come from the rules (the model is not asked)."""
    candidates = find_candidates(document)
    baseline = label_with_rules(document, candidates)
    event_id = baseline.events[0].id if baseline.events else None
    usage = Usage()
    claims: list[Claim] = []
    quotes: list[Quote] = []
    seen: set[tuple[object, ...]] = set()
    for claim_batch, quote_batch in batches(candidates):
        request = build_label_request(document, claim_batch, quote_batch, candidates, max_reasks)
        labels = complete_counted(llm, request, usage).model_dump()
        for candidate in claim_batch:
            metric = labels[f"{candidate.id}_metric"]
            if metric == NOT_A_CLAIM:
                continue
            place = labels[f"{candidate.id}_place"]
            claim = _claim(document, candidate, metric, None if place == UNKNOWN else place, event_id)
            key = (claim.metric, claim.place, claim.quantity.low, claim.quantity.high, claim.attributed_to)
            if key in seen:
                continue  # the same figure said again
            seen.add(key)
            claims.append(claim.model_copy(update={"id": f"{document.id}:c{len(claims) + 1}"}))
        for quote_candidate in quote_batch:
            speaker = labels[f"{quote_candidate.id}_speaker"]
            if speaker in (NOT_A_QUOTE, UNKNOWN):
                continue
            quotes.append(_quote(document, quote_candidate, speaker, f"{document.id}:q{len(quotes) + 1}"))
    return DocumentExtraction(
        document=document, events=baseline.events, claims=claims, quotes=quotes, usage=usage
    )


def _claim(
    document: Document, candidate: ClaimCandidate, metric: str, place: str | None, event: str | None
) -> Claim:
    return Claim(
        id=f"{document.id}:{candidate.id}",
        document=document.id,
        sentence=candidate.sentence,
        metric=normalize_metric(metric),
        place=place,
        quantity=candidate.quantity,
        event=event,
        attributed_to=candidate.sources[0].name if candidate.sources else None,
        span=Span(text=candidate.phrase, start=candidate.start, end=candidate.end, status=SpanStatus.EXACT),
    )


def _quote(document: Document, candidate: QuoteCandidate, speaker: str, quote_id: str) -> Quote:
    role = next((s.role for s in candidate.speakers if s.name == speaker), None)
    return Quote(
        id=quote_id,
        document=document.id,
        sentence=candidate.sentence,
        speaker=speaker,
        role=role,
        text=candidate.text,
        span=Span(text=candidate.text, start=candidate.start, end=candidate.end, status=SpanStatus.EXACT),
    )
