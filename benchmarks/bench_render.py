"""Reconcile and render a large synthetic report: 50 documents, up to 100,000 claims.

    python benchmarks/bench_render.py                        # 1k, 10k and 100k claims over 50 documents
    python benchmarks/bench_render.py --claims 100000 --documents 50
    (from the checkout with the package installed, or with PYTHONPATH=. )

The synthetic report is what the renderers meet in a real run, at scale: every document has a
text, one sentence per claim ("In Town3-12, at least 34 people were killed, officials said."), and
every claim's span points at its figure in that text, so the HTML view highlights 100,000 spans.
Like bench_reconcile.py: ten events over ten days, each document reporting three of them;
figures for six metrics and as many places as make each (event, metric, place) figure
reported about four times; a fifth of the figures off by a few (so there are conflicts to
render), a fifth of them "at least N"; five quotes per document.
Times are wall seconds of one call each; sizes are of the UTF-8 output. From 1,000 claims the
report has more findings than `FULL_FINDINGS`, so its Markdown is the compact form past the
limits (summarizer/render/markdown_conflicts.py, markdown_claims.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench_tokens import wide_console
from rich.table import Table

from summarizer import __version__
from summarizer.reconcile.core import reconcile_report
from summarizer.render.html import render_html
from summarizer.render.markdown import render_json, render_markdown
from summarizer.schemas import (
    Claim,
    Document,
    Event,
    Quantity,
    Quote,
    Report,
    RunInfo,
    Sentence,
    Span,
    SpanStatus,
)
from summarizer.summary import rules_summary

METRICS = ("killed", "injured", "hospitalized", "missing", "evacuated", "arrested")
EVENTS = 10
CLAIMS_PER_FIGURE = 4  # how often one (event, metric, place) figure is reported, on average
QUOTES_PER_DOCUMENT = 5


@dataclass
class _Text:
    """A document's text built sentence by sentence, with the offsets of each sentence."""

    parts: list[str]
    sentences: list[Sentence]
    length: int = 0

    def add(self, sentence: str) -> int:
        """Append a sentence; return its offset in the text."""
        if self.parts:
            self.parts.append(" ")
            self.length += 1
        start = self.length
        self.parts.append(sentence)
        self.length += len(sentence)
        self.sentences.append(Sentence(index=len(self.sentences), start=start, end=self.length))
        return start


def synthetic_report(n_claims: int, n_documents: int = 50, seed: int = 7) -> Report:
    """A report of `n_documents` documents sharing `n_claims` claims, grounded in their texts."""
    rng = random.Random(seed)
    # Places grow with the claims, so that each figure is reported a few times, as in real
    # coverage, rather than hundreds of times (which would only multiply the conflicts).
    places = max(4, n_claims // (EVENTS * len(METRICS) * CLAIMS_PER_FIGURE))
    start_day = dt.date(2024, 3, 1)
    truth = {
        (e, m, p): rng.randrange(1, 200)
        for e in range(EVENTS)
        for m in range(len(METRICS))
        for p in range(places)
    }
    per_document = [
        n_claims // n_documents + (1 if d < n_claims % n_documents else 0) for d in range(n_documents)
    ]
    documents: list[Document] = []
    events: list[Event] = []
    claims: list[Claim] = []
    quotes: list[Quote] = []
    for d, count in enumerate(per_document):
        doc_id = f"doc{d:02d}"
        text = _Text([], [])
        reported = sorted(rng.sample(range(EVENTS), 3))
        event_ids = {}
        for e in reported:
            day = start_day + dt.timedelta(days=e)
            offset = text.add(f"Event {e} struck Town{e}-0 on {day.isoformat()}.")
            event_ids[e] = f"{doc_id}:e{e}"
            events.append(
                Event(
                    id=event_ids[e],
                    document=doc_id,
                    sentence=len(text.sentences) - 1,
                    description=f"event {e}",
                    kind="strike",
                    date=day,
                    date_phrase=day.isoformat(),
                    places=[f"Town{e}-0"],
                    span=Span(text=f"Event {e}", start=offset, end=offset + 7, status=SpanStatus.EXACT),
                )
            )
        for c in range(count):
            e = rng.choice(reported)
            m = rng.randrange(len(METRICS))
            p = rng.randrange(places)
            value = truth[(e, m, p)] + (rng.randrange(-3, 4) if rng.random() < 0.2 else 0)
            value = max(value, 1)
            at_least = rng.random() < 0.2
            phrase = f"at least {value}" if at_least else str(value)
            place = f"Town{e}-{p}"
            sentence = f"In {place}, {phrase} people were {METRICS[m]}, officials said."
            offset = text.add(sentence) + len(f"In {place}, ")
            claims.append(
                Claim(
                    id=f"{doc_id}:c{c + 1}",
                    document=doc_id,
                    sentence=len(text.sentences) - 1,
                    metric=METRICS[m],
                    place=place,
                    quantity=Quantity(
                        phrase=phrase,
                        low=value,
                        high=None if at_least else value,
                        nominal=value,
                        hedge="at least" if at_least else None,
                    ),
                    event=event_ids[e],
                    attributed_to="officials",
                    span=Span(text=phrase, start=offset, end=offset + len(phrase), status=SpanStatus.EXACT),
                )
            )
        for q in range(QUOTES_PER_DOCUMENT):
            said = f"We are counting the victims in district {q}"
            offset = text.add(f'"{said}," said Mayor Person{d}.') + 1
            quotes.append(
                Quote(
                    id=f"{doc_id}:q{q + 1}",
                    document=doc_id,
                    sentence=len(text.sentences) - 1,
                    speaker=f"Person{d}",
                    role="Mayor",
                    text=said,
                    span=Span(text=said, start=offset, end=offset + len(said), status=SpanStatus.EXACT),
                )
            )
        documents.append(
            Document(
                id=doc_id,
                text="".join(text.parts),
                source=f"{doc_id}.txt",
                outlet=f"Outlet {d % 7}",
                published=start_day + dt.timedelta(days=EVENTS + d % 3),
                sentences=text.sentences,
            )
        )
    return Report(
        run=RunInfo(tool_version=__version__, backend="none", strategy="rules"),
        documents=documents,
        events=events,
        claims=claims,
        quotes=quotes,
    )


@dataclass(frozen=True)
class Timed:
    seconds: float
    size: int


def timed_render(render: Callable[[Report], str], report: Report) -> Timed:
    started = time.perf_counter()
    output = render(report)
    return Timed(time.perf_counter() - started, len(output.encode("utf-8")))


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def render_table(sizes: Sequence[int], n_documents: int) -> Table:
    table = Table(title=f"Reconcile and render a synthetic report ({n_documents} documents)")
    for name in ("claims", "quotes", "conflicts", "estimates", "reconcile s", "summary s"):
        table.add_column(name, justify="right")
    for name in ("JSON s", "JSON size", "Markdown s", "Markdown size", "HTML s", "HTML size"):
        table.add_column(name, justify="right")
    for size in sizes:
        report = synthetic_report(size, n_documents)
        started = time.perf_counter()
        report = reconcile_report(report)
        reconcile_s = time.perf_counter() - started
        started = time.perf_counter()
        report = report.model_copy(update={"summary": rules_summary(report)})
        summary_s = time.perf_counter() - started
        outputs = [timed_render(render, report) for render in (render_json, render_markdown, render_html)]
        table.add_row(
            f"{len(report.claims):,}",
            f"{len(report.quotes):,}",
            f"{len(report.conflicts):,}",
            f"{len(report.estimates):,}",
            f"{reconcile_s:.2f}",
            f"{summary_s:.2f}",
            *[cell for out in outputs for cell in (f"{out.seconds:.2f}", megabytes(out.size))],
        )
    return table


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--claims", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--documents", type=int, default=50)
    args = parser.parse_args(argv)
    wide_console().print(render_table(args.claims, args.documents))


if __name__ == "__main__":
    main()
