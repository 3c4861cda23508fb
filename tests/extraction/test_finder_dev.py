"""The finder and the rules labeller over every dev article in ../shared/data: invariants only
(every span is where it says, ids are in order), no article text and no counts from gold."""

from __future__ import annotations

import pytest
from paths import DEV, shared

from summarizer.extraction.finder import Candidates, find_candidates
from summarizer.extraction.rules import label_with_rules
from summarizer.schemas import Document, SpanStatus
from summarizer.text.segment import segment

Found = list[tuple[str, Document, Candidates]]


@pytest.fixture(scope="module")
def dev_candidates() -> Found:
    """(case, document, candidates) for every dev article."""
    found: Found = []
    for path in sorted(shared(DEV).glob("*/articles/*.txt")):
        text = path.read_text(encoding="utf-8")
        document = Document(id=path.stem, text=text, source=str(path), sentences=segment(text))
        found.append((path.parent.parent.name, document, find_candidates(document)))
    return found


def test_candidates_point_at_their_text(dev_candidates: Found) -> None:
    assert dev_candidates
    for _, document, candidates in dev_candidates:
        text = document.text
        assert [c.id for c in candidates.claims] == [f"n{i + 1}" for i in range(len(candidates.claims))]
        assert [q.id for q in candidates.quotes] == [f"q{i + 1}" for i in range(len(candidates.quotes))]
        for claim in candidates.claims:
            assert text[claim.start : claim.end] == claim.phrase
            assert claim.sentence_text == document.sentence_text(claim.sentence)
            assert claim.phrase in claim.context
        for quote in candidates.quotes:
            assert text[quote.start : quote.end] == quote.text
            assert quote.sentence <= quote.end_sentence
        assert set(candidates.main_places) <= set(candidates.places)


def test_rules_spans_are_exact(dev_candidates: Found) -> None:
    for _, document, candidates in dev_candidates:
        extraction = label_with_rules(document, candidates)
        for span in [c.span for c in extraction.claims] + [q.span for q in extraction.quotes]:
            assert span.status is SpanStatus.EXACT
            assert document.text[span.start : span.end] == span.text


@pytest.mark.parametrize("kind", ["claims", "quotes"])
def test_every_dev_case_gives_candidates(dev_candidates: Found, kind: str) -> None:
    """Each case has some article the finder finds something in (no count is asserted)."""
    found: dict[str, bool] = {}
    for case, _, candidates in dev_candidates:
        found[case] = found.get(case, False) or bool(getattr(candidates, kind))
    assert found and all(found.values()), found
