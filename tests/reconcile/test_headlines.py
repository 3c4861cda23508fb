"""Headline figures and the main event, on hand-made reports with exact expected figures."""

from __future__ import annotations

from summarizer.reconcile.headlines import add_headlines, claim_reading, headline_figures, main_event
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Estimate,
    HeadlineFigure,
    LinkedEvent,
    Number,
    Quantity,
    Report,
    RunInfo,
    Span,
    SpanStatus,
)
from summarizer.text.segment import segment

TEXT_A = "Five people were killed in the town. Two victims were wounded near North Ward."
TEXT_B = "Four people died, including the gunman. One officer was hurt."


def doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, source="hand-made", sentences=segment(text))


DOCS = {"a": doc("a", TEXT_A), "b": doc("b", TEXT_B)}


def claim(
    claim_id: str, document: str, metric: str, phrase: str, value: Number, event: str = "a:e1"
) -> Claim:
    text = DOCS[document].text
    start = text.index(phrase)
    sentence = next(s.index for s in DOCS[document].sentences if s.start <= start < s.end)
    return Claim(
        id=claim_id,
        document=document,
        sentence=sentence,
        metric=metric,
        quantity=Quantity(phrase=phrase, low=value, high=value, nominal=value),
        event=event,
        span=Span(text=phrase, start=start, end=start + len(phrase), status=SpanStatus.EXACT),
    )


CLAIMS = {
    c.id: c
    for c in [
        claim("a1", "a", "killed", "Five", 5),
        claim("a2", "a", "injured", "Two", 2),
        claim("b1", "b", "killed", "Four", 4, "b:e1"),
        claim("b2", "b", "injured", "One", 1, "b:e1"),
    ]
}
EVENT = LinkedEvent(id="E1", members=["a:e1", "b:e1"], documents=["a", "b"], description="a shooting")


def estimate(
    metric: str, place: str | None, best: Number, claims: list[str], low: Number | None = None
) -> Estimate:
    return Estimate(
        event="E1",
        metric=metric,
        place=place,
        low=best if low is None else low,
        best=best,
        high=best,
        conservative=best if low is None else low,
        sources=len({CLAIMS[c].document for c in claims}),
        claims=claims,
    )


def test_the_total_is_the_largest_estimate_and_places_are_parts() -> None:
    estimates = [
        estimate("injured", "North Ward", 2, ["a2"]),
        estimate("killed", None, 5, ["a1", "b1"], low=4),
        estimate("injured", None, 3, ["b2"]),
        estimate("arrested", None, 1, ["b2"]),
    ]
    figures = headline_figures(EVENT, estimates, CLAIMS, DOCS, [])
    assert figures == [
        HeadlineFigure(
            event="E1",
            metric="killed",
            low=4,
            best=5,
            high=5,
            conservative=4,
            reading="everyone",  # b1 says "including the gunman"; a1 says nothing
            documents=["a", "b"],
            claims=["a1", "b1"],
            disagree=True,
            parts=0,
        ),
        HeadlineFigure(
            event="E1",
            metric="injured",
            low=3,
            best=3,
            high=3,
            conservative=3,
            reading=None,
            documents=["b"],
            claims=["b2"],
            disagree=False,
            parts=1,
        ),
    ]


def test_a_conflict_on_the_same_slot_marks_disagreement() -> None:
    conflict = Conflict(
        kind=ConflictKind.CROSS_DOCUMENT,
        event="E1",
        metric="injured",
        sides=[ConflictSide(document="a", claims=["a2"]), ConflictSide(document="b", claims=["b2"])],
        why="hand-made",
    )
    (figure,) = headline_figures(EVENT, [estimate("injured", None, 2, ["a2"])], CLAIMS, DOCS, [conflict])
    assert (figure.disagree, figure.reading) == (True, "victims")


def test_reading_is_what_the_sentence_says() -> None:
    assert [claim_reading(CLAIMS[c], DOCS[CLAIMS[c].document]) for c in ("a1", "a2", "b1", "b2")] == [
        None,
        "victims",
        "everyone",
        None,
    ]
    suspects = doc("c", "Three suspects were wounded.")
    c = Claim(
        id="c1",
        document="c",
        sentence=0,
        metric="injured",
        quantity=Quantity(phrase="Three", low=3, high=3),
        span=Span(text="Three", start=0, end=5, status=SpanStatus.EXACT),
    )
    assert claim_reading(c, suspects) == "suspects"
    assert claim_reading(c.model_copy(update={"metric": "dead_including_suspect"}), None) == "everyone"


def test_main_event_is_reported_by_most_documents_then_by_casualty_figures() -> None:
    one = LinkedEvent(id="E1", members=["a:e1"], documents=["a"], description="x")
    two = LinkedEvent(id="E2", members=["b:e1"], documents=["b"], description="y")
    both = LinkedEvent(id="E3", members=["a:e2", "b:e2"], documents=["a", "b"], description="z")
    events_of = {"a:e1": "E1", "b:e1": "E2", "a:e2": "E3", "b:e2": "E3"}
    claims = list(CLAIMS.values())
    assert main_event([one, two, both], claims, events_of) == "E3"
    assert main_event([one, two], claims, events_of) == "E1"  # tie: 2 casualty claims each, first
    assert main_event([one, two], claims[2:], events_of) == "E2"  # E2 has the casualty claims
    assert main_event([], claims, events_of) is None


def test_add_headlines_fills_the_report() -> None:
    report = Report(
        run=RunInfo(tool_version="test"),
        documents=list(DOCS.values()),
        claims=list(CLAIMS.values()),
        linked_events=[EVENT.model_copy()],
        estimates=[estimate("killed", None, 5, ["a1"])],
    )
    add_headlines(report)
    assert report.main_event == "E1"
    assert [(h.metric, h.best, h.claims) for h in report.linked_events[0].headlines] == [
        ("killed", 5, ["a1"])
    ]
    assert Report.model_validate_json(report.model_dump_json()) == report
