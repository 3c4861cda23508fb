"""How much of the gold the candidate generator offers a labeller, and how the rules labeller does.

    python benchmarks/bench_candidates.py                 # the dev cases beside the checkout
    python benchmarks/bench_candidates.py path/to/cases   # any folder of cases
    (from the checkout with the package installed, or with PYTHONPATH=. )

Candidate recall is what bounds any labeller, the LLM included:
- a gold claim is covered when a claim candidate of its document overlaps its evidence and has
  its exact interval (both bounds; the nominal figure when both are open);
- a gold quote is covered when a quote candidate of its document holds its text (the scorer's
  rule), and its speaker is offered when one of that candidate's speakers matches the gold one.
The rules labeller (`--llm none`) is scored with `summarizer.evaluation.scoring`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from summarizer.evaluation.cases import Case, find_cases, load_case
from summarizer.evaluation.matching import speakers_match, texts_match
from summarizer.evaluation.scoring import (
    ClaimScore,
    QuoteScore,
    score_claims,
    score_quotes,
)
from summarizer.extraction.finder import Candidates, find_candidates
from summarizer.extraction.rules import label_with_rules
from summarizer.schemas import Claim, Quote

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"


def claim_covered(gold: Claim, candidates: Candidates) -> bool:
    if gold.span.start is None or gold.span.end is None:
        return False
    g = gold.quantity
    for candidate in candidates.claims:
        q = candidate.quantity
        overlaps = candidate.start < gold.span.end and gold.span.start < candidate.end
        same = (q.low, q.high) == (g.low, g.high) and (
            q.low is not None or q.high is not None or q.nominal == g.nominal
        )
        if overlaps and same:
            return True
    return False


def quote_coverage(gold: Quote, candidates: Candidates) -> tuple[bool, bool]:
    matching = [q for q in candidates.quotes if texts_match(gold.text, q.text)]
    speaker = any(speakers_match(gold.speaker, s.name, gold.role) for q in matching for s in q.speakers)
    return bool(matching), speaker


def measure(case: Case) -> tuple[list[int], ClaimScore, QuoteScore, float]:
    """[claim candidates, gold claims, covered, quote candidates, gold quotes, covered, speaker offered]."""
    counts = [0] * 7
    claims: list[Claim] = []
    quotes: list[Quote] = []
    seconds = 0.0
    for document in case.documents:
        started = time.perf_counter()
        candidates = find_candidates(document)
        extraction = label_with_rules(document, candidates)
        seconds += time.perf_counter() - started
        claims += extraction.claims
        quotes += extraction.quotes
        gold_claims = [c for c in case.claims if c.document == document.id]
        gold_quotes = [q for q in case.quotes if q.document == document.id]
        coverage = [quote_coverage(q, candidates) for q in gold_quotes]
        counts[0] += len(candidates.claims)
        counts[1] += len(gold_claims)
        counts[2] += sum(claim_covered(c, candidates) for c in gold_claims)
        counts[3] += len(candidates.quotes)
        counts[4] += len(gold_quotes)
        counts[5] += sum(found for found, _ in coverage)
        counts[6] += sum(speaker for _, speaker in coverage)
    return counts, score_claims(case.claims, claims), score_quotes(case, quotes), seconds


def share(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.0%})" if total else "-"


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def main(root: Path) -> None:
    coverage = Table(title="Candidate coverage of the gold")
    for column in (
        "case",
        "claim cand.",
        "claims covered",
        "quote cand.",
        "quotes covered",
        "speaker offered",
    ):
        coverage.add_column(column, justify="left" if column == "case" else "right")
    rules = Table(title="Rules labeller (--llm none)")
    for column in (
        "case",
        "claims P",
        "claims R",
        "claims F1",
        "loose F1",
        "quotes P",
        "quotes R",
        "speaker",
        "s",
    ):
        rules.add_column(column, justify="left" if column == "case" else "right")
    totals = [0] * 7
    claim_total: ClaimScore | None = None
    quote_total: QuoteScore | None = None
    seconds_total = 0.0
    rows: list[tuple[str, list[int], ClaimScore, QuoteScore, float]] = []
    for path in find_cases(root):
        case = load_case(path)
        counts, claims, quotes, seconds = measure(case)
        rows.append((case.name, counts, claims, quotes, seconds))
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        claim_total = claims if claim_total is None else claim_total + claims
        quote_total = quotes if quote_total is None else quote_total + quotes
        seconds_total += seconds
    if claim_total is None or quote_total is None:
        return
    rows.append(("overall", totals, claim_total, quote_total, seconds_total))
    for name, c, claims, quotes, seconds in rows:
        coverage.add_row(name, str(c[0]), share(c[2], c[1]), str(c[3]), share(c[5], c[4]), share(c[6], c[4]))
        rules.add_row(
            name,
            fmt(claims.strict.precision),
            fmt(claims.strict.recall),
            fmt(claims.strict.f1),
            fmt(claims.loose.f1),
            fmt(quotes.found.precision),
            fmt(quotes.found.recall),
            fmt(quotes.speaker.value),
            f"{seconds:.2f}",
        )
    console = Console()
    console.print(coverage)
    console.print(rules)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEV)
