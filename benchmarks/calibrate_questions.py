"""Calibration of the `questions` strategy: per decision kind, how often the model's answer and
the rules' answer are right, by the model's confidence, on annotated cases.

    python benchmarks/calibrate_questions.py [cases ...] [--json out.json] [--no-cache]
    (from the checkout, PYTHONPATH=. ; the dev cases by default)

Every question of every kind (`measure`, `place`, `unhinted`) is asked of the embedded model
(answers cached like any response, so a second run costs no call). Each question is scored
against the case's annotation:
- measure / unhinted: the figure's annotated slot (metric, with the group counted apart), found
  by the annotated claim whose evidence holds the figure with the same interval; "none of
  these" is right when no annotated claim holds it. A figure that repeats an annotated claim
  elsewhere (annotated once) is left out: either answer is defensible.
- place: the annotated claim's place (the scorer's place rule), for figures that are annotated.

Each kind's first line also says on how many questions some option is right: the most a
perfect chooser could get, so the gain any model can bring by choosing. The table shows, per
kind and confidence bin, the questions, how many the model answers right
and how many the rules do; then, per threshold, the net gain of using the model's answer where
its confidence reaches it (+n: n more right answers than the rules alone). A kind is worth
asking only where that gain is positive.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.config import DECISION_KINDS, Settings
from summarizer.evaluation.cases import Case, find_cases, load_case
from summarizer.evaluation.matching import places_match
from summarizer.evaluation.scoring import same_interval
from summarizer.extraction.finder import find_candidates
from summarizer.extraction.questions import NONE, Answer, Question, ask, document_questions
from summarizer.extraction.rules import label_with_rules
from summarizer.pipeline import open_backend
from summarizer.schemas import Claim, Usage
from summarizer.text.metrics import counted_metric

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
KINDS = DECISION_KINDS
BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)
THRESHOLDS = (0.2, 0.25, 0.3, 0.325, 0.35, 0.375, 0.4, 0.425, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True)
class Scored:
    kind: str
    document: str
    candidate: str
    confidence: float
    model_right: bool
    rules_right: bool
    model_differs: bool  # kept for the JSON rows
    any_right: bool  # some option is right: what a perfect chooser could get


def _right(question: Question, index: int, gold: Claim | None) -> bool:
    value = question.values[index]
    if question.kind == "place":
        assert gold is not None and gold.place is not None
        return isinstance(value, str) and value != NONE and places_match(gold.place, value)
    if gold is None:
        return value == NONE
    if not isinstance(value, tuple):
        return False
    return bool(counted_metric(value[0], value[1]) == counted_metric(gold.metric, gold.group))


def score_answers(
    case: Case, document: str, answers: Sequence[Answer], spans: dict[str, tuple[int, int]]
) -> list[Scored]:
    gold_claims = [c for c in case.claims if c.document == document]
    candidates = {
        c.id: c for c in find_candidates(next(d for d in case.documents if d.id == document)).claims
    }
    scored: list[Scored] = []
    for answer in answers:
        q = answer.question
        candidate = candidates[q.candidate]
        holding = [
            g
            for g in gold_claims
            if g.span is not None
            and g.span.start is not None
            and g.span.end is not None
            and g.span.start <= candidate.start
            and candidate.end <= g.span.end
            and same_interval(g.quantity, candidate.quantity)
        ]
        gold = holding[0] if holding else None
        if gold is None:
            repeats = any(same_interval(g.quantity, candidate.quantity) for g in gold_claims)
            if repeats or q.kind == "place":
                continue  # a repeat of an annotated figure, or no annotated place to check
        elif q.kind == "place" and gold.place is None:
            continue
        index, confidence = answer.challenger
        scored.append(
            Scored(
                kind=q.kind,
                document=document,
                candidate=q.candidate,
                confidence=confidence,
                model_right=_right(q, index, gold),
                rules_right=_right(q, q.rules, gold),
                model_differs=True,
                any_right=any(_right(q, i, gold) for i in range(len(q.options))),
            )
        )
    return scored


def print_table(rows: Sequence[Scored]) -> None:
    for kind in KINDS:
        mine = [r for r in rows if r.kind == kind]
        if not mine:
            continue
        print(
            f"\n{kind}: {len(mine)} questions; model right {sum(r.model_right for r in mine)}, "
            f"rules right {sum(r.rules_right for r in mine)}, some option right "
            f"{sum(r.any_right for r in mine)} (the most any chooser can get)"
        )
        print("| model's alternative: probability | n | alternative right | rules right |")
        print("| --- | ---: | ---: | ---: |")
        for low, high in itertools.pairwise(BINS):
            inside = [r for r in mine if low <= r.confidence < high]
            if inside:
                print(
                    f"| {low:.2f}–{min(high, 1.0):.2f} | {len(inside)} "
                    f"| {sum(r.model_right for r in inside)} | {sum(r.rules_right for r in inside)} |"
                )
        print("| threshold | answers changed | net right vs rules |")
        print("| ---: | ---: | ---: |")
        for t in THRESHOLDS:
            used = [r for r in mine if r.confidence >= t]
            gain = sum(r.model_right for r in used) - sum(r.rules_right for r in used)
            print(f"| {t:.3f} | {len(used)} | {gain:+d} |")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="*", type=Path, default=[DEV])
    parser.add_argument("--json", type=Path, help="write every scored question here")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args(argv)
    paths = [p for root in args.cases for p in find_cases(root)]
    settings = Settings(strategy="questions", use_cache=not args.no_cache, summary=False)
    rows: list[Scored] = []
    usage = Usage()
    documents = 0
    started = time.monotonic()
    with open_backend(settings, logits_all=True) as backend:
        llm = backend.llm
        assert llm is not None
        for path in paths:
            case = load_case(path)
            for document in case.documents:
                candidates = find_candidates(document)
                baseline = label_with_rules(document, candidates)
                questions = document_questions(document, candidates, baseline, args.kinds.split(","))
                spent = Usage()
                answers = ask(llm, document, candidates, questions, spent)  # type: ignore[arg-type]
                usage.add(spent)
                documents += 1
                rows.extend(score_answers(case, document.id, answers, {}))
                print(
                    f"{case.name} {document.id}: {len(questions)} questions, {spent.seconds:.1f} s model, "
                    f"~{spent.prompt_tokens} prompt tokens sent",
                    file=sys.stderr,
                )
    print(
        f"{documents} documents, {usage.calls} questions asked, {usage.cache_hits} cached, "
        f"{usage.seconds:.1f} s model ({usage.seconds / max(documents, 1):.1f} s per document), "
        f"{time.monotonic() - started:.0f} s in all"
    )
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in rows], indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
