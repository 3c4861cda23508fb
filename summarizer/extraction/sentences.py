"""Extraction: one document in, events, claims and quotes that point at its sentences out.

Strategy "sentences" (strong models): the model reads the document as numbered sentences and
answers with sentence numbers plus short verbatim fragments. The response models below check,
through instructor's validation context, that every sentence number exists in the request and
every fragment is in its sentence, so a wrong answer is re-asked with the error.
Long documents are split into overlapping chunks of sentences; results are merged without
duplicates.

Strategy "candidates" (small local models) lives in `candidates`, and "rules" (no model) in
`rules`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from summarizer.backends.prompts import load_prompt
from summarizer.backends.protocol import LLMRequest, StructuredLLM, complete_counted
from summarizer.schemas import (
    Claim,
    Document,
    DocumentExtraction,
    Event,
    Quantity,
    Quote,
    Span,
    SpanStatus,
    Usage,
)
from summarizer.text import ground
from summarizer.text.metrics import normalize_metric
from summarizer.text.quantities import parse_quantity

# A verbatim fragment must be found exactly or after normalizing quotes, dashes and spaces;
# fuzzy matches are not good enough to accept an answer (they are fine for grounding later).
ACCEPTED = {SpanStatus.EXACT, SpanStatus.NORMALIZED}
QUOTE_REACH = 3  # a quotation may run over this many following sentences


def _sentences(info: ValidationInfo) -> dict[int, str]:
    context: dict[str, Any] = info.context or {}
    sentences: dict[int, str] = context.get("sentences", {})
    return sentences


def _check_sentence(number: int, info: ValidationInfo) -> int:
    sentences = _sentences(info)
    if sentences and number not in sentences:
        shown = f"{min(sentences)}..{max(sentences)}"
        raise ValueError(f"sentence {number} does not exist; use a number shown in brackets ({shown})")
    return number


def _check_fragment(fragment: str, haystack: str, what: str, where: str) -> None:
    if not fragment.strip():
        raise ValueError(f"{what} is empty")
    if ground.locate(fragment, haystack).status not in ACCEPTED:
        raise ValueError(f"{what} {fragment!r} is not in {where}; copy it exactly from the text")


class ExtractedEvent(BaseModel):
    sentence: int
    description: str = Field(max_length=200)
    kind: str | None = None
    date_phrase: str | None = None
    places: list[str] = Field(default_factory=list)

    _check = field_validator("sentence")(_check_sentence)


class ExtractedClaim(BaseModel):
    sentence: int
    quantity_phrase: str
    metric: str
    place: str | None = None
    event: int | None = None
    attributed_to: str | None = None

    _check = field_validator("sentence")(_check_sentence)

    @model_validator(mode="after")
    def phrase_in_sentence(self, info: ValidationInfo) -> ExtractedClaim:
        sentence = _sentences(info).get(self.sentence)
        if sentence is not None:
            _check_fragment(self.quantity_phrase, sentence, "quantity_phrase", f"sentence {self.sentence}")
            if parse_quantity(self.quantity_phrase) is None:
                raise ValueError(
                    f"quantity_phrase {self.quantity_phrase!r} holds no number; copy the number words"
                )
        return self


class ExtractedQuote(BaseModel):
    sentence: int
    text: str
    speaker: str
    role: str | None = None

    _check = field_validator("sentence")(_check_sentence)

    @model_validator(mode="after")
    def text_in_sentences(self, info: ValidationInfo) -> ExtractedQuote:
        sentences = _sentences(info)
        if self.sentence in sentences:
            reach = " ".join(
                sentences[n] for n in range(self.sentence, self.sentence + QUOTE_REACH + 1) if n in sentences
            )
            _check_fragment(self.text, reach, "quote text", f"sentence {self.sentence} or the next ones")
            document: str = (info.context or {}).get("document_text", "")
            if document:
                _check_fragment(self.speaker, document, "speaker", "the article")
        return self


class ExtractionResponse(BaseModel):
    events: list[ExtractedEvent] = Field(default_factory=list)
    claims: list[ExtractedClaim] = Field(default_factory=list)
    quotes: list[ExtractedQuote] = Field(default_factory=list)

    @model_validator(mode="after")
    def events_exist(self) -> ExtractionResponse:
        for claim in self.claims:
            if claim.event is not None and not 0 <= claim.event < len(self.events):
                raise ValueError(f"claim event {claim.event} is not an index of the events list")
        return self


def chunk_ranges(count: int, size: int, overlap: int) -> Iterator[range]:
    """Overlapping windows of sentence indices covering 0..count-1."""
    if count <= size:
        yield range(count)
        return
    step = max(1, size - overlap)
    start = 0
    while start < count:
        yield range(start, min(count, start + size))
        if start + size >= count:
            return
        start += step


def build_request(document: Document, window: range, max_reasks: int) -> LLMRequest[ExtractionResponse]:
    prompt = load_prompt("extract")
    numbered = [(i, document.sentence_text(i)) for i in window]
    messages = prompt.render(
        document_id=document.id,
        published=document.published.isoformat() if document.published else None,
        sentences=numbered,
    )
    return LLMRequest(
        task="extract",
        prompt_version=prompt.version,
        messages=messages,
        response_model=ExtractionResponse,
        context={"sentences": dict(numbered), "document_text": document.text},
        max_reasks=max_reasks,
    )


def _span(document: Document, fragment: str, sentence: int, reach: int = 0) -> Span:
    first = document.sentences[sentence]
    last = document.sentences[min(len(document.sentences) - 1, sentence + reach)]
    return ground.locate(fragment, document.text, within=(first.start, last.end))


class _Merger:
    """Accumulates chunk responses into one extraction, dropping what overlapping chunks repeat."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.events: list[Event] = []
        self.claims: list[Claim] = []
        self.quotes: list[Quote] = []
        self._event_keys: dict[tuple[int, str], str] = {}
        self._claim_keys: set[tuple[int, str, str, str]] = set()
        self._quote_keys: set[str] = set()

    def add(self, response: ExtractionResponse) -> None:
        doc = self.document
        event_ids: list[str] = []
        for extracted in response.events:
            key = (extracted.sentence, extracted.description.strip().lower())
            if key not in self._event_keys:
                event_id = f"{doc.id}:e{len(self.events) + 1}"
                self._event_keys[key] = event_id
                self.events.append(
                    Event(
                        id=event_id,
                        document=doc.id,
                        sentence=extracted.sentence,
                        description=extracted.description.strip(),
                        kind=extracted.kind.strip().lower() if extracted.kind else None,
                        date_phrase=extracted.date_phrase,
                        places=[p.strip() for p in extracted.places if p.strip()],
                        span=_span(doc, extracted.description, extracted.sentence),
                    )
                )
            event_ids.append(self._event_keys[key])
        for claim in response.claims:
            metric = normalize_metric(claim.metric)
            place = (claim.place or "").strip()
            claim_key = (claim.sentence, ground.normalize(claim.quantity_phrase), metric, place.lower())
            if claim_key in self._claim_keys:
                continue
            self._claim_keys.add(claim_key)
            quantity = parse_quantity(claim.quantity_phrase) or Quantity(phrase=claim.quantity_phrase)
            self.claims.append(
                Claim(
                    id=f"{doc.id}:c{len(self.claims) + 1}",
                    document=doc.id,
                    sentence=claim.sentence,
                    metric=metric,
                    place=place or None,
                    quantity=quantity,
                    event=event_ids[claim.event] if claim.event is not None else None,
                    attributed_to=claim.attributed_to or None,
                    span=_span(doc, claim.quantity_phrase, claim.sentence),
                )
            )
        for quote in response.quotes:
            quote_key = ground.normalize(quote.text)
            if quote_key in self._quote_keys:
                continue
            self._quote_keys.add(quote_key)
            self.quotes.append(
                Quote(
                    id=f"{doc.id}:q{len(self.quotes) + 1}",
                    document=doc.id,
                    sentence=quote.sentence,
                    speaker=quote.speaker.strip(),
                    role=quote.role or None,
                    text=quote.text,
                    span=_span(doc, quote.text, quote.sentence, reach=QUOTE_REACH),
                )
            )


def extract_by_sentences(
    document: Document,
    llm: StructuredLLM,
    *,
    chunk_sentences: int = 60,
    chunk_overlap: int = 4,
    max_reasks: int = 2,
) -> DocumentExtraction:
    """The sentence-referencing strategy. Raises LLMCallFailed with the usage spent so far."""
    merger = _Merger(document)
    usage = Usage()
    for window in chunk_ranges(len(document.sentences), chunk_sentences, chunk_overlap):
        merger.add(complete_counted(llm, build_request(document, window, max_reasks), usage))
    return DocumentExtraction(
        document=document, events=merger.events, claims=merger.claims, quotes=merger.quotes, usage=usage
    )
