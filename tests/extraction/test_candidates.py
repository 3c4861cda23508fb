"""Candidate labelling: per-request Literal choices, and labels turned into grounded objects."""

from __future__ import annotations

from typing import Any

import pytest
from paths import EXAMPLES
from pydantic import ValidationError

from summarizer.backends.fakes import FakeLLM
from summarizer.backends.protocol import LLMRequest
from summarizer.extraction.candidates import (
    NOT_A_CLAIM,
    NOT_A_QUOTE,
    UNKNOWN,
    build_label_request,
    claim_metric_options,
    claim_place_options,
    extract_by_labels,
    labelled_quotes,
    place_choices,
    speaker_choices,
)
from summarizer.extraction.finder import find_candidates
from summarizer.extraction.rules import extract_by_rules
from summarizer.schemas import Document, SpanStatus
from summarizer.text.ingest import document_from_text
from summarizer.text.segment import segment


@pytest.fixture
def clash() -> Document:
    text = (EXAMPLES / "clashreport-2026-01-24.txt").read_text(encoding="utf-8")
    return document_from_text(text, id="clashreport-2026-01-24", published=None)


def first_options(request: LLMRequest[Any], _attempt: int) -> dict[str, Any]:
    """A fake model that always takes the first option offered: the rules' own reading."""
    schema = request.response_model.model_json_schema()
    properties = schema["properties"].items()
    return {name: spec["enum"][0] if "enum" in spec else spec["const"] for name, spec in properties}


def test_the_answer_can_only_be_one_of_the_options(clash: Document) -> None:
    candidates = find_candidates(clash)
    request = build_label_request(clash, candidates.claims[:3], [], candidates, max_reasks=0)
    first = candidates.claims[0]
    good = first_options(request, 0)
    request.response_model.model_validate(good)
    with pytest.raises(ValidationError):
        request.response_model.model_validate({**good, f"{first.id}_metric": "invented_metric"})
    with pytest.raises(ValidationError):
        request.response_model.model_validate({**good, f"{first.id}_place": "Atlantis"})


def test_options_put_the_rules_reading_first_and_offer_a_total(clash: Document) -> None:
    candidates = find_candidates(clash)
    by_phrase = {c.phrase: c for c in candidates.claims}
    assert claim_metric_options(by_phrase["375"]) == ["drones_launched", NOT_A_CLAIM]
    more_than_20 = by_phrase["more than 20"]
    assert claim_place_options(clash, more_than_20, candidates)[-2:] == ["Kharkiv and Kyiv", "unknown"]
    at_least_one = by_phrase["at least one"]
    assert "Kharkiv and Kyiv" not in claim_place_options(clash, at_least_one, candidates)


def test_a_model_that_keeps_the_first_options_reproduces_the_rules(clash: Document) -> None:
    llm = FakeLLM(responder=first_options)
    labelled = extract_by_labels(clash, llm)
    rules = extract_by_rules(clash)
    assert [(c.metric, c.quantity.phrase) for c in labelled.claims] == [
        (c.metric, c.quantity.phrase) for c in rules.claims
    ] + [(c.metric, c.quantity.phrase) for c in labelled.claims[len(rules.claims) :]]
    assert [(q.speaker, q.text) for q in labelled.quotes] == [(q.speaker, q.text) for q in rules.quotes]
    assert all(c.span.status is SpanStatus.EXACT for c in labelled.claims)
    assert labelled.usage.calls == 1


def test_not_a_claim_and_not_a_quote_drop_the_candidate(clash: Document) -> None:
    def rejecting(request: LLMRequest[Any], attempt: int) -> dict[str, Any]:
        answer = first_options(request, attempt)
        for name, spec in request.response_model.model_json_schema()["properties"].items():
            if name.endswith("_metric"):
                answer[name] = NOT_A_CLAIM
            if name.endswith("_speaker"):
                answer[name] = NOT_A_QUOTE
            assert "enum" in spec or "const" in spec
        return answer

    extraction = extract_by_labels(clash, FakeLLM(responder=rejecting))
    assert extraction.claims == [] and extraction.quotes == []
    assert len(labelled_quotes(find_candidates(clash))) == 6


def test_place_and_speaker_choices() -> None:
    text = (
        "A drone strike hit Kestrel on Saturday. "
        "Governor Mark Ellison said 14 people were injured in Dalmir. "
        '"We will rebuild," Ellison said, according to local officials.'
    )
    candidates = find_candidates(Document(id="doc", text=text, source="-", sentences=segment(text)))
    (claim,) = candidates.claims
    (quote,) = candidates.quotes
    assert place_choices(claim, candidates) == ["Dalmir", "Kestrel", UNKNOWN]
    assert speaker_choices(quote) == ["Mark Ellison", "local officials", UNKNOWN, NOT_A_QUOTE]
