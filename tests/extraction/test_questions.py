"""One-decision questions: options made by code, the rules' answer among them, the model's
answer used only at or above a kind's threshold, one shared article prefix per document."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.backends.cache import CachedLLM, ResponseCache
from summarizer.backends.fakes import FakeChooser
from summarizer.backends.protocol import BudgetedLLM, ChoiceRequest, TokenBudget, option_probabilities
from summarizer.extraction.finder import find_candidates
from summarizer.extraction.questions import (
    NONE,
    THRESHOLDS,
    article_context,
    document_questions,
    extract_by_questions,
    question_request,
)
from summarizer.extraction.rules import extract_by_rules, label_with_rules
from summarizer.schemas import Document
from summarizer.text.ingest import document_from_text

# Written for these tests: a shooting with a count, a named victim the finder reads as one
# person shot, and a figure of people evacuated in a second town.
MALL = (
    "Gunman kills three at Denver mall\n\n"
    "A gunman killed three people and wounded five others at a shopping mall in Denver, Colorado, "
    "on Saturday, police said.\n"
    "Officers evacuated about 200 shoppers from the building in Aurora, a suburb, and arrested a "
    "34-year-old man.\n"
    "Maria Lopez, who was shot in the arm, was treated at a hospital in Aurora.\n"
)


# The person is named before the article counts the wounded: the rules keep her as a count of one
# (named after a count, she would be one of it and the rules drop her themselves).
LOPEZ_FIRST = (
    "Gunfire at Denver mall\n\n"
    "Maria Lopez was shot in the arm at a shopping mall in Denver, Colorado, on Saturday, police said.\n"
    "A gunman killed three people and wounded five others there before officers arrested him.\n"
)


@pytest.fixture
def mall() -> Document:
    return document_from_text(MALL, id="mall", published=None)


@pytest.fixture
def lopez_first() -> Document:
    return document_from_text(LOPEZ_FIRST, id="mall", published=None)


def answer_for(phrase: str, label: str, weight: float = 0.9) -> FakeChooser:
    """A fake model that leans to `label` on questions about `phrase`, and to A elsewhere."""

    def respond(request: ChoiceRequest) -> dict[str, float]:
        question = request.messages[-1]["content"].split("Question:")[-1]
        if f"«{phrase}»" in question:
            return {label: weight, "A": 1 - weight}
        return {"A": 1.0}

    return FakeChooser(respond)


def test_option_probabilities_read_label_tokens_and_renormalize() -> None:
    top = {"A": -0.5, " B": -1.5, "B)": -3.0, "The": -2.0}
    probabilities = option_probabilities(("A", "B"), top)
    assert set(probabilities) == {"A", "B"}
    assert probabilities["A"] + probabilities["B"] == pytest.approx(1.0)
    assert probabilities["A"] > probabilities["B"] > 0
    assert option_probabilities(("A", "B"), {"The": -0.1}) == {"A": 0.0, "B": 0.0}


def test_with_no_kind_calibrated_on_the_model_asks_nothing_and_equals_the_rules(mall: Document) -> None:
    fake = answer_for("five", "B")
    off = dict.fromkeys(THRESHOLDS)
    result = extract_by_questions(mall, fake, off)
    assert fake.requests == []
    assert result.claims == extract_by_rules(mall).claims


def test_every_question_offers_the_rules_answer_and_a_way_out(mall: Document) -> None:
    candidates = find_candidates(mall)
    baseline = label_with_rules(mall, candidates)
    questions = document_questions(mall, candidates, baseline, ["verify", "measure", "place", "unhinted"])
    assert {q.kind for q in questions} >= {"verify", "measure", "place"}
    for question in questions:
        assert question.values[-1] == NONE
        assert len(question.options) == len(question.values) <= 10
        if question.kind != "unhinted":
            assert question.values[question.rules] != NONE


def test_a_confident_no_drops_the_figure_and_a_weak_one_does_not(lopez_first: Document) -> None:
    mall = lopez_first
    rules = extract_by_rules(mall)
    assert any(c.span and c.span.text == "Maria Lopez" for c in rules.claims)
    confident = extract_by_questions(mall, answer_for("Maria Lopez", "B", 0.9), {"verify": 0.5})
    assert [c.span.text for c in confident.claims if c.span] == [
        c.span.text for c in rules.claims if c.span and c.span.text != "Maria Lopez"
    ]
    weak = extract_by_questions(mall, answer_for("Maria Lopez", "B", 0.3), {"verify": 0.5})
    assert weak.claims == rules.claims
    assert weak.usage.calls == len(rules.claims)


def test_a_confident_place_answer_moves_the_figure(mall: Document) -> None:
    candidates = find_candidates(mall)
    baseline = label_with_rules(mall, candidates)
    question = next(
        q for q in document_questions(mall, candidates, baseline, ["place"]) if "«five»" in q.text
    )
    other = next(i for i, v in enumerate(question.values) if v not in (NONE, question.values[question.rules]))
    label = question.labels[other]
    result = extract_by_questions(mall, answer_for("five", label), {"place": 0.5})
    five = next(c for c in result.claims if c.span and c.span.text == "five")
    assert five.place == question.values[other]


def test_all_questions_of_a_document_share_the_article_prefix(mall: Document) -> None:
    candidates = find_candidates(mall)
    baseline = label_with_rules(mall, candidates)
    context = article_context(mall, candidates)
    requests = [
        question_request(mall, context, q)
        for q in document_questions(mall, candidates, baseline, ["verify", "measure", "place"])
    ]
    assert len(requests) > 3
    assert len({r.messages[0]["content"] for r in requests}) == 1
    prefixes = {r.messages[1]["content"].split("Question:")[0] for r in requests}
    assert len(prefixes) == 1
    assert "three people" in prefixes.pop()


def test_answers_are_cached_and_charged_to_the_budget(tmp_path: Path, mall: Document) -> None:
    fake = answer_for("five", "B")
    budget = TokenBudget(None)
    cached = CachedLLM(BudgetedLLM(fake, budget), ResponseCache(tmp_path))
    first = extract_by_questions(mall, cached, {"verify": 0.5})
    asked = len(fake.requests)
    second = extract_by_questions(mall, cached, {"verify": 0.5})
    assert asked > 0 and len(fake.requests) == asked
    assert second.claims == first.claims
    assert second.usage.cache_hits == asked
    assert budget.spent > 0


def test_the_person_kind_asks_only_about_people_counted_as_one(lopez_first: Document) -> None:
    mall = lopez_first
    candidates = find_candidates(mall)
    baseline = label_with_rules(mall, candidates)
    asked = [q.text for q in document_questions(mall, candidates, baseline, ["person"])]
    assert len(asked) == 1
    assert "«Maria Lopez»" in asked[0]
    result = extract_by_questions(mall, answer_for("Maria Lopez", "B"), {"person": 0.5})
    assert "Maria Lopez" not in [c.span.text for c in result.claims if c.span]
