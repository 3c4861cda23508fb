"""The whole pipeline on the example articles, with a fake model (hand-written answers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from fake_answers import answer_for
from paths import EXAMPLES

from summarizer.backends.fakes import FakeLLM
from summarizer.backends.protocol import LLMRequest
from summarizer.config import Settings
from summarizer.pipeline import summarize
from summarizer.render.markdown import render_json
from summarizer.schemas import ConflictKind, Document, Report, SpanStatus

FILES = [str(EXAMPLES / "clashreport-2026-01-24.txt"), str(EXAMPLES / "nextfin-2026-01-27.txt")]


def settings(**overrides: Any) -> Settings:
    return Settings(summary=False, **overrides)


def test_report_of_the_examples_validates_against_the_published_schema() -> None:
    report = summarize(FILES, settings=settings(), llm=FakeLLM(responder=answer_for))
    jsonschema.validate(json.loads(render_json(report)), Report.model_json_schema())
    assert [d.id for d in report.documents] == ["clashreport-2026-01-24", "nextfin-2026-01-27"]
    assert [d.published.isoformat() if d.published else None for d in report.documents] == [
        "2026-01-24",
        "2026-01-27",
    ]
    assert len(report.claims) == 8 and len(report.quotes) == 2
    assert all(c.span.grounded for c in report.claims) and all(q.span.grounded for q in report.quotes)
    assert report.failures == []
    assert report.run.backend == "fake" and report.run.strategy == "sentences"
    assert report.usage.calls == 2


def test_claims_about_different_events_never_conflict() -> None:
    report = summarize(FILES, settings=settings(), llm=FakeLLM(responder=answer_for))
    assert len(report.linked_events) == 2
    kinds = sorted((c.kind.value, tuple(sorted({s.document for s in c.sides}))) for c in report.conflicts)
    assert ("within_document_range", ("clashreport-2026-01-24",)) in kinds
    assert all(kind != ConflictKind.CROSS_DOCUMENT.value for kind, _ in kinds)


def test_a_document_that_fails_is_reported_and_the_others_complete() -> None:
    def flaky(request: LLMRequest[Any], attempt: int) -> Any:
        if "nextfin-2026-01-27" in request.messages[-1]["content"]:
            return {"claims": [{"sentence": 3, "quantity_phrase": "exactly 42", "metric": "killed"}]}
        return answer_for(request, attempt)

    report = summarize(FILES, settings=settings(max_reasks=1), llm=FakeLLM(responder=flaky))
    assert [(f.document, f.stage) for f in report.failures] == [("nextfin-2026-01-27", "extract")]
    assert report.failures[0].reason.startswith("invalid output after 2 attempt(s):")
    assert {c.document for c in report.claims} == {"clashreport-2026-01-24"}
    assert len(report.claims) == 4
    assert report.document_usage["nextfin-2026-01-27"].calls == 2  # the failed attempts are counted
    assert report.usage.calls == 3
    assert report.partial


def test_a_second_run_of_the_same_input_costs_no_call(tmp_path: Path) -> None:
    first_llm = FakeLLM(responder=answer_for)
    first = summarize(FILES, settings=settings(cache_dir=tmp_path), llm=first_llm)
    second_llm = FakeLLM(responder=lambda _r, _a: pytest.fail("no call expected on a cached run"))
    second = summarize(FILES, settings=settings(cache_dir=tmp_path), llm=second_llm)
    assert first.usage.calls == 2 and second.usage.calls == 0
    assert second.usage.cache_hits == 2
    assert second.claims == first.claims and second.quotes == first.quotes


def test_the_token_budget_stops_the_run_cleanly_and_keeps_what_was_done() -> None:
    llm = FakeLLM(responder=answer_for)
    report = summarize(FILES, settings=settings(max_tokens_total=3000, use_cache=False), llm=llm)
    assert [d.id for d in report.documents] == ["clashreport-2026-01-24", "nextfin-2026-01-27"]
    assert [(f.document, f.stage) for f in report.failures] == [("nextfin-2026-01-27", "budget")]
    assert {c.document for c in report.claims} == {"clashreport-2026-01-24"}
    assert report.usage.total_tokens <= 3000


def test_rules_only_runs_without_any_model() -> None:
    report = summarize(FILES, settings=settings(llm="none"))
    assert report.run.backend == "none" and report.run.strategy == "rules"
    assert report.usage.calls == 0
    assert report.claims and all(c.span.status is SpanStatus.EXACT for c in report.claims)


def test_a_revised_tally_is_a_revision_not_a_disagreement() -> None:
    # Both figures of "from X to Y" count the tally's measure; the old one is superseded.
    first = (
        "A warehouse roof collapsed in Dover on Sunday, killing three workers, fire officials said. "
        "On Monday the number of dead was raised from three to five after the collapse in Dover. "
        "The number of injured was revised on Monday from twelve to nine."
    )
    second = "Five workers were killed when a warehouse roof collapsed in Dover on Sunday. Nine were injured."
    documents = [Document(id="a", text=first, source="a.txt"), Document(id="b", text=second, source="b.txt")]
    report = summarize(documents, settings=settings(llm="none"))
    assert sorted((c.kind, c.metric, c.sides[0].low, c.sides[1].low) for c in report.conflicts) == [
        (ConflictKind.REVISION, "injured", 12, 9),
        (ConflictKind.REVISION, "killed", 3, 5),
    ]
