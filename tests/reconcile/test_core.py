"""The entry points on a small hand-made case: every step's result, exactly."""

from __future__ import annotations

from reconcile_builders import D, claim, doc, event

from summarizer.reconcile import reconcile_report
from summarizer.reconcile.core import reconcile
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Estimate,
    LinkedEvent,
    Report,
    RunInfo,
)
from summarizer.text.ingest import document_from_text

A_TEXT = (
    "A fire broke out at the Port Ellis grain terminal on Friday. Nine workers were hurt, officials said. "
    "The count of missing crew was revised from four to two."
)
B_TEXT = "The terminal fire on Friday hurt 12 workers. Two crew members remain missing."


def sentence_claim(claim_id: str, document: str, metric: str, value: int, sentence: int) -> Claim:
    made = claim(claim_id, document, metric, value, value, event_id=f"{document}:e")
    return made.model_copy(update={"sentence": sentence})


def test_a_small_case_end_to_end() -> None:
    documents = [
        document_from_text(A_TEXT, "a", published=D(2021, 3, 6)),
        document_from_text(B_TEXT, "b", published=D(2021, 3, 7)),
    ]
    events = [
        event("a:e", "a", phrase="on Friday", places=("Port Ellis",), kind="fire"),
        event("b:e", "b", phrase="on Friday", places=("Port Ellis grain terminal",), kind="terminal fire"),
    ]
    claims = [
        sentence_claim("a:1", "a", "injured", 9, 1),
        sentence_claim("a:2", "a", "missing", 4, 2),
        sentence_claim("a:3", "a", "missing", 2, 2),
        sentence_claim("b:1", "b", "injured", 12, 0),
        sentence_claim("b:2", "b", "missing", 2, 1),
    ]
    result = reconcile(documents, events, claims)
    assert result.linked_events == [
        LinkedEvent(
            id="E1",
            members=["a:e", "b:e"],
            documents=["a", "b"],
            date=D(2021, 3, 5),
            places=["Port Ellis", "Port Ellis grain terminal"],
            kind="fire",
            description="a:e",
        )
    ]
    assert result.conflicts == [
        Conflict(
            kind=ConflictKind.CROSS_DOCUMENT,
            event="E1",
            metric="injured",
            sides=[
                ConflictSide(document="a", claims=["a:1"], low=9, high=9, published=D(2021, 3, 6)),
                ConflictSide(document="b", claims=["b:1"], low=12, high=12, published=D(2021, 3, 7)),
            ],
            why=(
                "a reports 9 and b reports 12 for injured: these cannot both be true; b was published later "
                "with the higher figure: possibly an updated count"
            ),
            newer="b",
        ),
        Conflict(
            kind=ConflictKind.REVISION,
            event="E1",
            metric="missing",
            sides=[
                ConflictSide(document="a", claims=["a:2"], low=4, high=4, published=D(2021, 3, 6)),
                ConflictSide(document="a", claims=["a:3"], low=2, high=2, published=D(2021, 3, 6)),
            ],
            why="a says missing changed from 4 to 2: use 2",
            newer="a",
        ),
    ]
    assert result.estimates == [
        Estimate(
            event="E1",
            metric="injured",
            low=9,
            best=12,
            high=12,
            conservative=9,
            sources=2,
            claims=["a:1", "b:1"],
        ),
        Estimate(
            event="E1",
            metric="missing",
            low=2,
            best=2,
            high=2,
            conservative=2,
            sources=2,
            claims=["a:3", "b:2"],
        ),
    ]
    assert result.superseded == ["a:2"]
    assert result.claim_events == {"a:1": "E1", "a:2": "E1", "a:3": "E1", "b:1": "E1", "b:2": "E1"}
    assert result.ungrounded == 0


def test_reconcile_report_returns_a_filled_copy() -> None:
    documents = [doc("a"), doc("b")]
    events = [event("a:e", "a"), event("b:e", "b")]
    claims = [claim("a:1", "a", "killed", 5, 5), claim("b:1", "b", "killed", 6, 6)]
    report = Report(run=RunInfo(tool_version="test"), documents=documents, events=events, claims=claims)
    filled = reconcile_report(report)
    assert report.linked_events == [] and report.conflicts == [] and report.estimates == []
    assert [le.members for le in filled.linked_events] == [["a:e"], ["b:e"]]
    assert filled.conflicts == [] and [e.claims for e in filled.estimates] == [["a:1"], ["b:1"]]
