"""The size guard: requests and prompt tokens known before any model call, and the limit."""

from __future__ import annotations

import pytest

from summarizer.config import Settings
from summarizer.errors import RunTooLarge, SummarizerError
from summarizer.plan import RunPlan, check_run_size, plan_run
from summarizer.schemas import Document, Sentence
from summarizer.text.segment import segment

ARTICLE = (
    'Police said 3 people were killed and 12 injured in Springfield on Saturday. "We are shocked," '
    "the mayor said. At least 40 officers responded.\n"
)


def article(copies: int, doc_id: str = "a") -> Document:
    """`copies` of ARTICLE, segmented once (a 5 MB text is not segmented here: the plan reads
    the sentences that ingest already found)."""
    one = segment(ARTICLE)
    sentences = [
        Sentence(index=n * len(one) + s.index, start=n * len(ARTICLE) + s.start, end=n * len(ARTICLE) + s.end)
        for n in range(copies)
        for s in one
    ]
    return Document(id=doc_id, text=ARTICLE * copies, source="-", sentences=sentences)


def test_article_is_segmented_as_a_whole() -> None:
    text = ARTICLE * 3
    assert article(3).sentences == segment(text)


def test_rules_need_no_model_request() -> None:
    assert plan_run([article(500)], Settings(), "rules") == RunPlan(1, 0, 0)
    assert plan_run([article(5)], Settings(llm="none"), "sentences") == RunPlan(1, 0, 0)


def test_sentences_count_windows_per_document_and_one_summary() -> None:
    settings = Settings(chunk_sentences=60, chunk_overlap=4)
    # 3 sentences a copy: 20 copies fit one window, 40 copies (120 sentences) need three.
    plan = plan_run([article(20, "a"), article(40, "b")], settings, "sentences")
    assert (plan.documents, plan.requests) == (2, 1 + 3 + 1)
    assert plan.prompt_tokens > len(ARTICLE) * 60 // 4
    no_summary = plan_run([article(20, "a")], settings.model_copy(update={"summary": False}), "sentences")
    assert no_summary.requests == 1


def test_candidates_count_label_batches() -> None:
    # 3 figures and one quotation a copy: 30 copies give 90 figures, 4 batches of 24.
    plan = plan_run([article(30)], Settings(summary=False), "candidates")
    assert plan.requests == 4


def test_a_hundred_articles_pass_and_a_five_megabyte_one_is_refused() -> None:
    settings = Settings()
    normal = [article(15, f"d{n}") for n in range(100)]  # about 4 KB each
    check_run_size(plan_run(normal, settings, "sentences"), settings)
    check_run_size(plan_run(normal, settings, "candidates"), settings)
    huge = article(5_000_000 // len(ARTICLE))
    plan = plan_run([huge], settings, "sentences")
    with pytest.raises(RunTooLarge) as raised:
        check_run_size(plan, settings)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"this run needs {plan.requests:,} model requests (about ")
    assert "over the limit of 500 (max_model_requests)" in message
    assert isinstance(raised.value, SummarizerError) and raised.value.exit_code == 2
    check_run_size(plan, settings.model_copy(update={"max_model_requests": None}))


def test_the_questions_plan_counts_the_kinds_the_settings_ask() -> None:
    one = plan_run([article(1)], Settings(ask="verify=0.4", summary=False), "questions")
    two = plan_run([article(1)], Settings(ask="verify=0.4,place=0.6", summary=False), "questions")
    none = plan_run([article(1)], Settings(ask="", summary=False), "questions")
    assert none.requests == 0
    assert 0 < one.requests < two.requests
    assert two.requests == 2 * one.requests


def test_ask_reads_kind_equals_probability() -> None:
    assert Settings(ask=" verify=0.4 , place=0.6").ask == {"verify": 0.4, "place": 0.6}
    assert Settings(ask="").ask == {}
    for bad in ("bogus=0.5", "verify=high", "verify=2"):
        with pytest.raises(ValueError):
            Settings(ask=bad)
