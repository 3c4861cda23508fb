"""How reconciliation scales, and how well it reproduces the annotated conflicts.

    python benchmarks/bench_reconcile.py            # 1k, 10k and 100k synthetic claims + dev cases
    (from the checkout with the package installed, or with PYTHONPATH=. )
    python benchmarks/bench_reconcile.py --sizes 1000 5000

Synthetic input: events happen on random days over ten years in a few hundred places; each
event is reported by 2 to 6 documents, published on the day or up to two days later, half of
them with a relative date phrase ("yesterday", "on Tuesday"); each document gives ten figures
for a handful of metrics and places, a fifth of them off by a few. Nothing is compared
all-pairs, so time grows about linearly with the number of claims.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import time
from pathlib import Path

from summarizer.evaluation.cases import find_cases, load_case
from summarizer.evaluation.scoring import score_conflicts
from summarizer.reconcile.alignment import align
from summarizer.reconcile.core import reconcile, reconcile_report
from summarizer.reconcile.linking import link_events
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Claim, Document, Event, Quantity, Report, RunInfo, Span, SpanStatus

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dev"
METRICS = ("killed", "injured", "dead", "wounded", "missing", "hospitalized")


def _relative_phrase(day: dt.date, published: dt.date, rng: random.Random) -> str:
    """How a report published on `published` may say `day`."""
    if published == day:
        return rng.choice(("today", "overnight"))
    if (published - day).days == 1:
        return rng.choice(("yesterday", "overnight", "last night"))
    return f"on {day.strftime('%A')}"


def synthetic(n_claims: int, seed: int = 7) -> tuple[list[Document], list[Event], list[Claim]]:
    rng = random.Random(seed)
    places = [f"Town{i}" for i in range(400)]
    start = dt.date(2015, 1, 1)
    documents: list[Document] = []
    events: list[Event] = []
    claims: list[Claim] = []
    n_event = 0
    while len(claims) < n_claims:
        n_event += 1
        day = start + dt.timedelta(days=rng.randrange(3650))
        town = rng.choice(places)
        region = f"Region{places.index(town) % 40} region"
        killed = rng.randrange(1, 60)
        for d in range(rng.randrange(2, 7)):
            doc_id = f"d{n_event}-{d}"
            published = day + dt.timedelta(days=rng.randrange(3))
            documents.append(Document(id=doc_id, text="", source="-", published=published))
            relative = rng.random() < 0.5
            events.append(
                Event(
                    id=f"{doc_id}:e1",
                    document=doc_id,
                    sentence=0,
                    description=f"event {n_event}",
                    kind="strike",
                    date=None if relative else day,
                    date_phrase=_relative_phrase(day, published, rng) if relative else day.isoformat(),
                    places=[town, region],
                )
            )
            for c in range(10):
                value = killed + (rng.randrange(-3, 4) if rng.random() < 0.2 else 0)
                low, high = (value, None) if rng.random() < 0.2 else (value, value)
                claims.append(
                    Claim(
                        id=f"{doc_id}:c{c}",
                        document=doc_id,
                        sentence=c,
                        metric=rng.choice(METRICS),
                        place=rng.choice((town, region, f"{town} and {rng.choice(places)}")),
                        quantity=Quantity(phrase=str(value), low=low, high=high, nominal=value),
                        event=f"{doc_id}:e1",
                        span=Span(text=str(value), start=0, end=1, status=SpanStatus.EXACT),
                    )
                )
    return documents, events, claims[:n_claims]


def stage_seconds(
    documents: list[Document], events: list[Event], claims: list[Claim]
) -> tuple[float, float, float]:
    """CPU seconds of one warm `reconcile` and of its first two steps, each run alone on the same
    input: (whole, linking, alignment). The rest is comparing, part/total checks and estimates."""
    settings = ReconcileSettings()
    gc.collect()  # each step starts with no garbage left by the one before
    began = time.process_time()
    reconcile(documents, events, claims, settings)
    whole = time.process_time() - began
    gc.collect()
    began = time.process_time()
    linked, mapping = link_events(events, documents, settings)
    linking = time.process_time() - began
    grounded = [c for c in claims if c.span.grounded]
    gc.collect()
    began = time.process_time()
    align(documents, events, grounded, linked, mapping, settings)
    return whole, linking, time.process_time() - began


def bench_sizes(sizes: list[int]) -> None:
    print(
        f"{'claims':>8} {'events':>8} {'linked':>8} {'conflicts':>10} {'seconds':>8} {'claims/s':>10}"
        f" {'warm CPU s':>11} {'linking':>8} {'aligning':>9} {'the rest':>9}"
    )
    for size in sizes:
        documents, events, claims = synthetic(size)
        began = time.perf_counter()
        result = reconcile(documents, events, claims)
        seconds = time.perf_counter() - began
        whole, linking, aligning = stage_seconds(documents, events, claims)
        print(
            f"{len(claims):>8} {len(events):>8} {len(result.linked_events):>8} {len(result.conflicts):>10} "
            f"{seconds:>8.2f} {len(claims) / seconds:>10,.0f} {whole:>11.2f} {linking:>8.2f} {aligning:>9.2f}"
            f" {whole - linking - aligning:>9.2f}"
        )
    print(
        "(seconds: the first call at that size, wall clock; warm CPU s: a second call, and its "
        "linking and aligning steps run alone; the rest: comparisons, part/total checks, estimates)"
    )


def bench_cases() -> None:
    if not DEV.is_dir():
        print(f"\n(no dev cases at {DEV})")
        return
    print(f"\n{'case':<40} {'gold':>5} {'found':>6} {'recall':>7} {'extra':>6} {'must-not flagged':>17}")
    for path in find_cases(DEV):
        case = load_case(path)
        report = reconcile_report(
            Report(
                run=RunInfo(tool_version="bench"),
                documents=case.documents,
                events=case.events,
                claims=case.claims,
            )
        )
        score = score_conflicts(case, report)
        counts = score.overall
        recall = counts.recall
        print(
            f"{case.name:<40} {counts.tp + counts.fn:>5} {counts.tp:>6} "
            f"{'-' if recall is None else f'{recall:.2f}':>7} {counts.fp:>6} "
            f"{score.must_not_conflict_flagged:>10} of {score.must_not_conflict:<3}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    bench_sizes(args.sizes)
    bench_cases()


if __name__ == "__main__":
    main()
