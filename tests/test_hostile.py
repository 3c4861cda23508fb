"""Hostile text through the embedded model, as recorded (fixtures/cassettes/hostile.yaml, replayed
by tests/test_replay.py into fixtures/snapshots/hostile.json): self-written articles that carry
instructions to the model, fake JSON answers, fake quotes and fake citations.

Whatever the model answered, the report holds nothing that is not in the text, and its summary
cites only sentences it was shown."""

from __future__ import annotations

import json

import pytest
from paths import FIXTURES

from summarizer.schemas import Report, SpanStatus
from summarizer.summary import key_sentences

SNAPSHOT = FIXTURES / "snapshots" / "hostile.json"


@pytest.fixture(scope="module")
def report() -> Report:
    return Report.model_validate(json.loads(SNAPSHOT.read_text(encoding="utf-8")))


def test_every_claim_and_quote_is_exactly_in_its_article(report: Report) -> None:
    documents = {d.id: d for d in report.documents}
    items = [(c.id, c.document, c.span) for c in report.claims] + [
        (q.id, q.document, q.span) for q in report.quotes
    ]
    for item_id, document, span in items:
        assert span.status == SpanStatus.EXACT, item_id
        assert span.start is not None and span.end is not None
        assert documents[document].text[span.start : span.end] == span.text, item_id


def test_no_speaker_or_figure_comes_from_the_model_alone(report: Report) -> None:
    documents = {d.id: d.text for d in report.documents}
    # A figure is the phrase at its span; a speaker is a name written in the article, and never
    # the one an injected instruction asks for.
    assert all(c.quantity.phrase == c.span.text for c in report.claims)
    assert all(q.speaker in documents[q.document] for q in report.quotes)
    assert "The President" not in {q.speaker for q in report.quotes}
    assert not any(c.quantity.low == 1000 for c in report.claims)  # the fake JSON answer


def test_the_summary_cites_only_sentences_it_was_shown(report: Report) -> None:
    shown = {(s.document, s.sentence) for s in key_sentences(report)}
    headline = (
        report.summary.sentences[0] if report.summary and report.summary.generated_by == "llm" else None
    )
    for sentence in report.summary.sentences if report.summary else []:
        cited = {(c.document, c.sentence) for c in sentence.citations}
        if sentence is headline:
            # The headline sentence is built by code from the claims behind the figures.
            claims = {(c.document, c.sentence) for c in report.claims}
            assert cited <= claims
        else:
            assert cited <= shown, sentence.text
