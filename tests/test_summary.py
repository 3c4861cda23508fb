"""Summaries: the deterministic rules summary and the model's summary with checked citations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from headline_samples import headline_report

from summarizer.backends.fakes import FakeAnswer, FakeLLM
from summarizer.backends.prompts import load_prompt
from summarizer.backends.protocol import LLMCallFailed, LLMRequest
from summarizer.reconcile.core import reconcile_report
from summarizer.schemas import (
    Citation,
    Claim,
    Document,
    Event,
    Quantity,
    Report,
    RunInfo,
    Span,
    SpanStatus,
    Summary,
    SummarySentence,
    Usage,
)
from summarizer.summary import (
    SummaryDraft,
    headline_sentence,
    key_sentences,
    llm_summary,
    rules_summary,
    summarize_report,
    summary_request,
)
from summarizer.text.segment import segment

TEXT_A = "Strikes hit Kharkiv overnight. Five people were killed. Officials said 12 were injured."
TEXT_B = "Russian drones struck Kharkiv on Saturday. Seven people died, the governor said."


def _claim(claim_id: str, doc: Document, metric: str, value: int, phrase: str) -> Claim:
    start = doc.text.index(phrase)
    sentence = next(s.index for s in doc.sentences if s.start <= start < s.end)
    return Claim(
        id=claim_id,
        document=doc.id,
        sentence=sentence,
        metric=metric,
        place="Kharkiv",
        quantity=Quantity(phrase=phrase, low=value, high=value, nominal=value),
        event=f"{doc.id}:e1",
        span=Span(text=phrase, start=start, end=start + len(phrase), status=SpanStatus.EXACT),
    )


def sample_report() -> Report:
    a = Document(
        id="a", text=TEXT_A, source="a.txt", published=dt.date(2026, 1, 25), sentences=segment(TEXT_A)
    )
    b = Document(
        id="b", text=TEXT_B, source="b.txt", published=dt.date(2026, 1, 25), sentences=segment(TEXT_B)
    )
    events = [
        Event(
            id="a:e1",
            document="a",
            sentence=0,
            description="strikes on Kharkiv",
            kind="strike",
            date_phrase="overnight",
            places=["Kharkiv"],
        ),
        Event(
            id="b:e1",
            document="b",
            sentence=0,
            description="drone strike on Kharkiv",
            kind="drone strike",
            date_phrase="Saturday",
            places=["Kharkiv"],
        ),
    ]
    claims = [
        _claim("a:c1", a, "killed", 5, "Five"),
        _claim("a:c2", a, "injured", 12, "12"),
        _claim("b:c1", b, "died", 7, "Seven"),
    ]
    report = Report(run=RunInfo(tool_version="test"), documents=[a, b], events=events, claims=claims)
    return reconcile_report(report)


RULES = Summary(
    sentences=[
        SummarySentence(
            text=(
                "drone strike on Kharkiv (2026-01-24; Kharkiv): "
                "killed in Kharkiv 7 (reports range from 5 to 7; sources disagree); injured in Kharkiv 12."
            ),
            citations=[
                Citation(document="b", sentence=1),
                Citation(document="a", sentence=1),
                Citation(document="a", sentence=2),
            ],
        ),
        SummarySentence(
            text=(
                "Sources disagree: a reports 5 and b reports 7 for killed in Kharkiv: "
                "these cannot both be true."
            ),
            citations=[Citation(document="a", sentence=1), Citation(document="b", sentence=1)],
        ),
    ],
    generated_by="rules",
)


def test_rules_summary_cites_every_sentence() -> None:
    assert rules_summary(sample_report()) == RULES


def test_rules_summary_of_an_empty_report() -> None:
    assert rules_summary(Report(run=RunInfo(tool_version="test"))) == Summary(
        sentences=[], generated_by="rules"
    )


def test_key_sentences_and_request() -> None:
    report = sample_report()
    sentences = key_sentences(report)
    assert [(s.ref, s.text) for s in sentences] == [
        ("a:1", "Five people were killed."),
        ("b:1", "Seven people died, the governor said."),
        ("a:2", "Officials said 12 were injured."),
    ]
    request = summary_request(report, sentences)
    assert request.prompt_version == load_prompt("summary").version == "summary-v2"
    assert issubclass(request.response_model, SummaryDraft)
    schema = request.response_model.model_json_schema()
    assert schema["$defs"]["DraftSentence"]["properties"]["citations"]["items"]["enum"] == [
        "a:1",
        "b:1",
        "a:2",
    ]
    assert request.messages[1]["content"] == (
        "Events and their reconciled figures (best figure, with the range the reports give):\n"
        "- drone strike on Kharkiv (2026-01-24; Kharkiv)\n"
        "  - killed in Kharkiv: 7 (reports range from 5 to 7) (2 sources)\n"
        "  - injured in Kharkiv: 12 (1 source)\n"
        "\n"
        "Disagreements:\n"
        "- Sources disagree: a reports 5 and b reports 7 for killed in Kharkiv: these cannot both be true.\n"
        "\n"
        "Key sentences:\n"
        "[a:1] Five people were killed.\n"
        "[b:1] Seven people died, the governor said.\n"
        "[a:2] Officials said 12 were injured."
    )


GOOD = {
    "sentences": [
        {
            "text": "Strikes on Kharkiv killed five to seven people.",
            "citations": ["a:1", "b:1"],
        },
        {"text": "Twelve people were injured.", "citations": ["a:2"]},
    ]
}
UNKNOWN_CITATION = {"sentences": [{"text": "Five people were killed.", "citations": ["a:0"]}]}


def scripted(*answers: FakeAnswer) -> FakeLLM:
    def respond(request: LLMRequest[Any], attempt: int) -> FakeAnswer:
        return answers[min(attempt, len(answers) - 1)]

    return FakeLLM(responder=respond)


def test_llm_summary_keeps_valid_citations() -> None:
    llm = scripted(GOOD)
    result = llm_summary(sample_report(), llm)
    assert result.value == Summary(
        sentences=[
            RULES.sentences[0],  # the headline sentence, put first by code
            SummarySentence(
                text="Strikes on Kharkiv killed five to seven people.",
                citations=[Citation(document="a", sentence=1), Citation(document="b", sentence=1)],
            ),
            SummarySentence(
                text="Twelve people were injured.", citations=[Citation(document="a", sentence=2)]
            ),
        ],
        generated_by="llm",
    )
    assert (result.usage.calls, result.usage.reasks, len(llm.calls)) == (1, 0, 1)


def test_llm_summary_reasks_on_an_unknown_citation() -> None:
    llm = scripted(UNKNOWN_CITATION, GOOD)
    result = llm_summary(sample_report(), llm)
    assert result.value.generated_by == "llm"
    assert (result.usage.calls, result.usage.reasks) == (2, 1)
    first_error = llm.calls[0].error or ""
    assert "Input should be 'a:1', 'b:1' or 'a:2'" in first_error
    assert llm.calls[1].error is None


def test_llm_summary_fails_after_the_last_reask_and_falls_back() -> None:
    report = sample_report()
    llm = scripted(UNKNOWN_CITATION)
    with pytest.raises(LLMCallFailed) as failed:
        llm_summary(report, llm)
    assert failed.value.usage.calls == 3
    outcome = summarize_report(report, scripted(UNKNOWN_CITATION))
    assert outcome.summary == RULES
    assert outcome.usage.calls == 3
    assert (outcome.failure or "").startswith(
        "summary: invalid output after 3 attempt(s): 1 validation error"
    )


def test_sentence_without_citation_is_rejected() -> None:
    llm = scripted({"sentences": [{"text": "Five people were killed.", "citations": []}]}, GOOD)
    result = llm_summary(sample_report(), llm)
    assert result.usage.reasks == 1


def test_nothing_to_cite_means_no_call() -> None:
    report = Report(run=RunInfo(tool_version="test"))
    llm = scripted(GOOD)
    result = llm_summary(report, llm)
    assert (result.value, result.usage, llm.calls) == (
        Summary(sentences=[], generated_by="rules"),
        Usage(),
        [],
    )


def test_summarize_report_without_a_model_uses_rules() -> None:
    outcome = summarize_report(sample_report(), None)
    assert (outcome.summary, outcome.usage, outcome.failure) == (RULES, Usage(), None)


def test_first_sentence_states_the_main_events_headline_figures() -> None:
    report = headline_report()
    headline = SummarySentence(
        text=(
            "Mall shooting (2024-06-01; Springfield): killed 3 (counting everyone, suspects included); "
            "injured more than 20 (counting victims only; reports range from at least 9 to more than 20; "
            "sources disagree)."
        ),
        citations=[
            Citation(document="x", sentence=0),
            Citation(document="y", sentence=0),
            Citation(document="x", sentence=1),
            Citation(document="y", sentence=1),
        ],
    )
    assert headline_sentence(report) == headline
    assert rules_summary(report).sentences == [
        headline,
        SummarySentence(
            text="Robbery <b>on</b> Friday: killed 1.", citations=[Citation(document="x", sentence=2)]
        ),
    ]
    model = scripted({"sentences": [{"text": "Shots at a mall.", "citations": ["x:0"]}]})
    assert llm_summary(report, model).value.sentences == [
        headline,
        SummarySentence(text="Shots at a mall.", citations=[Citation(document="x", sentence=0)]),
    ]


def test_no_headline_sentence_without_a_main_event() -> None:
    report = headline_report()
    report.main_event = None
    assert headline_sentence(report) is None
    assert [s.text for s in rules_summary(report).sentences] == [
        "Mall shooting (2024-06-01; Springfield): killed 3; injured 21 (reports range from 9 to 21).",
        "Robbery <b>on</b> Friday: killed 1.",
    ]
