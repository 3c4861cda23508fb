"""Incident and linking scoring, and the three-kind eval, on hand-made cases with exact counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from summarizer.errors import InputError
from summarizer.evaluation.incident import score_figure
from summarizer.evaluation.linking import LEDE_SENTENCES, document_main_events, is_cross_event
from summarizer.evaluation.scoring import Counts
from summarizer.evaluation.suite import find_suite_cases, render_suite, run_suite
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Event,
    HeadlineFigure,
    LinkedEvent,
    Number,
    Quantity,
    Report,
    RunInfo,
    Span,
    SpanStatus,
)


def figure(low: Number | None, best: Number | None, high: Number | None) -> HeadlineFigure:
    return HeadlineFigure(
        event="E1",
        metric="killed",
        low=low,
        best=best,
        high=high,
        documents=["a"],
        claims=["c1"],
        disagree=False,
    )


@pytest.mark.parametrize(
    ("gold", "victims", "output", "expected"),
    [
        (3, 2, figure(3, 3, 3), (True, True, 0.0, False)),
        (3, 2, figure(2, 2, 2), (True, True, 0.0, False)),  # victims only
        (3, 3, figure(2, 4, 5), (False, True, 1.0, False)),
        (3, 3, figure(4, 4, None), (False, False, 1.0, False)),
        (0, 0, None, (True, True, None, False)),  # no figure where GVA says 0
        (0, 0, figure(0, 0, 0), (True, True, 0.0, False)),
        (2, 2, None, (False, False, None, True)),
    ],
)
def test_headline_figure_against_gva(
    gold: int,
    victims: int,
    output: HeadlineFigure | None,
    expected: tuple[bool, bool, float | None, bool],
) -> None:
    score = score_figure(gold, victims, output)
    assert (score.exact, score.covered, score.error, score.missing) == expected


def doc(doc_id: str, n_sentences: int = 6) -> Document:
    text = " ".join(f"Sentence {i} here." for i in range(n_sentences))
    from summarizer.text.segment import segment

    return Document(id=doc_id, text=text, source="hand-made", sentences=segment(text))


def event(doc_id: str, n: int, sentence: int) -> Event:
    return Event(id=f"{doc_id}:e{n}", document=doc_id, sentence=sentence, description="hand-made")


def claim(doc_id: str, sentence: int, event_id: str) -> Claim:
    return Claim(
        id=f"{doc_id}:c{sentence}",
        document=doc_id,
        sentence=sentence,
        metric="killed",
        quantity=Quantity(phrase="2", low=2, high=2),
        event=event_id,
        span=Span(text="2", status=SpanStatus.EXACT, start=0, end=1),
    )


def test_main_event_is_the_first_mention_in_the_lede() -> None:
    assert LEDE_SENTENCES == 3
    report = Report(
        run=RunInfo(tool_version="test"),
        documents=[doc("a"), doc("b"), doc("c"), doc("d")],
        events=[event("a", 1, 4), event("a", 2, 2), event("b", 1, 5), event("c", 1, 1)],
        claims=[claim("a", 0, "a:e1"), claim("c", 1, "c:e1")],
        linked_events=[
            LinkedEvent(id="E1", members=["a:e1"], documents=["a"], description="x"),
            LinkedEvent(
                id="E2", members=["a:e2", "b:e1", "c:e1"], documents=["a", "b", "c"], description="y"
            ),
        ],
    )
    # a: its claim in sentence 0 names e1 (E1); b: no mention in the lede, its event in sentence 5;
    # c: event and claim in sentence 1, the event first; d: no event.
    assert document_main_events(report) == {"a": "E1", "b": "E2", "c": "E2", "d": None}


def test_cross_event_conflicts_have_sides_from_two_subtopics() -> None:
    def conflict(*docs: str) -> Conflict:
        sides = [ConflictSide(document=d, claims=[]) for d in docs]
        return Conflict(kind=ConflictKind.CROSS_DOCUMENT, event=None, metric="killed", sides=sides, why="x")

    subtopic = {"a": "1", "b": "1", "c": "2"}
    assert [is_cross_event(conflict(*d), subtopic) for d in (("a", "b"), ("a", "c"), ("c",))] == [
        False,
        True,
        False,
    ]


# --------------------------------------------------------------------------- the suite


def write(folder: Path, gold_file: str, gold: object, articles: dict[str, str]) -> None:
    (folder / "articles").mkdir(parents=True)
    for doc_id, text in articles.items():
        (folder / "articles" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    (folder / gold_file).write_text(json.dumps(gold), encoding="utf-8")


ARTICLE = "A shooting left 2 people dead on Main Street. Police said 1 person was hurt."


def make_cases(root: Path) -> None:
    incident = {
        "gva_id": "1",
        "killed": 2,
        "injured": 1,
        "killed_victims": 2,
        "injured_victims": 1,
        "articles": [
            {"doc_id": "x", "file": "articles/x.txt", "publication_date": "2015-01-02"},
            {"doc_id": "y", "file": "articles/y.txt"},
        ],
    }
    write(root / "gva_1", "incident.json", incident, {"x": ARTICLE, "y": ARTICLE})
    linking = {"case_id": "ecb_t1", "doc_subtopic": {"p": "1", "q": "1", "r": "2"}}
    write(root / "ecb_t1", "linking.json", linking, {"p": ARTICLE, "q": ARTICLE, "r": ARTICLE})
    (root / "notes").mkdir()


def fake_run(documents: list[Document]) -> Report:
    """One linked event for the documents p, q, x, y; r alone; killed 2 and injured 1 in x."""
    events = [event(d.id, 1, 0) for d in documents]
    together = [e.id for e in events if e.document != "r"]
    linked = [
        LinkedEvent(id="E1", members=together, documents=[m.split(":")[0] for m in together], description="s")
    ]
    if any(d.id == "r" for d in documents):
        linked.append(LinkedEvent(id="E2", members=["r:e1"], documents=["r"], description="t"))
    headlines = [
        HeadlineFigure(
            event="E1", metric=m, low=v, best=v, high=v, documents=["x"], claims=[], disagree=False
        )
        for m, v in (("killed", 2), ("injured", 3))
    ]
    linked[0].headlines = headlines
    return Report(
        run=RunInfo(tool_version="test", backend="fake"),
        documents=documents,
        events=events,
        linked_events=linked,
        main_event="E1",
    )


def test_suite_scores_each_kind_and_lists_the_errors(tmp_path: Path) -> None:
    make_cases(tmp_path)
    assert [(k, p.name) for k, p in find_suite_cases(tmp_path)] == [
        ("linking", "ecb_t1"),
        ("incident", "gva_1"),
    ]
    assert [p.name for _, p in find_suite_cases(tmp_path, ["gva_1"])] == ["gva_1"]
    assert [p.name for _, p in find_suite_cases(tmp_path, limit=1)] == ["ecb_t1"]
    with pytest.raises(InputError, match="no case named nope"):
        find_suite_cases(tmp_path, ["nope"])

    result = run_suite(tmp_path, fake_run)
    assert result.annotated is None
    assert result.incident is not None and result.linking is not None
    killed, injured = result.incident.overall.killed, result.incident.overall.injured
    assert (killed.exact, killed.covered, killed.mae, killed.missing) == (1, 1, 0.0, 0)
    assert (injured.exact, injured.covered, injured.mae, injured.missing) == (0, 0, 2.0, 0)
    assert result.linking.overall.links == Counts(tp=1, fp=0, fn=0)
    assert [(e.item, e.error, e.gold) for e in result.item_errors] == [
        ("headline", "wrong", "injured 1 (victims 1)")
    ]
    console = Console(width=200, record=True)
    console.print(*render_suite(result, show_errors=True))
    text = console.export_text()
    assert "Incidents" in text and "Linking" in text and "Missed and spurious items (1)" in text
