"""The summarizer and langextract side by side: same cases, same server, same model, same scorer.

    pip install -e '.[bench]'                                  # langextract==1.7.1
    python benchmarks/bench_langextract.py                     # the dev cases beside the checkout
    python benchmarks/bench_langextract.py path/to/cases --max-char-buffer 1000
    (from the checkout with the package installed, or with PYTHONPATH=. )

One embedded llama.cpp server is started and both systems talk to it:
- summarizer: the pipeline with the embedded default (`--strategy`, default questions; candidates
  has the model label every figure), cache and summary off;
- langextract: `lx.extract` with its OpenAI provider pointed at the same base URL and model, a
  prompt asking for the same things (casualty and damage figures with metric and place; direct
  quotes with their speaker) and ONE example built from a gold annotation: a short passage of a
  c00 article (`--example-case`) with its annotated figures and quotes. A case is never given an
  example from itself: the example case is evaluated with an example from the next case.
Its extractions become our Claims and Quotes: quantities parsed with `parse_quantity`, metrics
normalized with `normalize_metric`, spans from langextract's own char intervals (no interval:
UNGROUNDED), events from the same deterministic rules the candidates strategy uses; then our
`reconcile_report` and `score_case`, exactly as for the summarizer's own reports.

Configuration that keeps it fair, printed under the table:
- `use_schema_constraints=False`: langextract's OpenAI schema is sent as `json_schema`, which
  llama.cpp's server answers with HTTP 500; its provider then asks for `json_object`, which the
  server still grammar-constrains to valid JSON;
- `max_workers=1`, like the summarizer's one document at a time (the server runs one request at
  a time; parallel requests would only queue, and count queueing as model time);
- temperature 0 for both; langextract's default chunking (`max_char_buffer` 1000) and one pass;
  `max_output_tokens` 1024 per chunk, so that a model that loops stops (the summarizer's
  answers are bounded by its grammar).
Tokens: langextract does not report usage. Its provider keeps the OpenAI SDK client in
`_client`; it is replaced by one whose httpx2 transport reads the `usage` of every
chat-completion response (and times every request), so both systems are counted from the
same server-reported numbers.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
from bench_tokens import DEV, embedded_backend, run_case, stop_cleanly_on_sigterm, wide_console
from rich.table import Table

from summarizer import __version__
from summarizer.backends.embedded import EmbeddedServer
from summarizer.config import Settings
from summarizer.evaluation.cases import Case, find_cases, load_case
from summarizer.evaluation.scoring import CaseScore, score_case, total_score
from summarizer.evaluation.tables import fmt_rate
from summarizer.extraction.rules import extract_by_rules
from summarizer.logs import quiet_library_logs
from summarizer.reconcile.core import reconcile_report
from summarizer.schemas import Claim, Document, Event, Quote, Report, RunInfo, Span, SpanStatus, Usage
from summarizer.text.ground import sentence_of
from summarizer.text.metrics import normalize_metric
from summarizer.text.quantities import find_quantities, parse_quantity

EXAMPLE_CASE = DEV / "c00_ukraine_strikes_2026"
FIGURE = "figure"
QUOTE = "quote"
NO_PLACE = "unknown"

PROMPT = f"""\
Extract from the news article, in order of appearance:
- every figure that counts the people or things affected by the incident the article reports
  (killed, injured, hospitalized, missing, shot, evacuated, arrested, drones or missiles
  launched, buildings damaged, people without power...) as class "{FIGURE}": the number phrase
  exactly as written (with its hedge: "at least 20", "between 11 and 19", "nearly 40",
  "dozens"), with attributes "metric" (what is counted, snake_case: killed, injured,
  hospitalized, ...) and "place" (the place the figure is about; "{NO_PLACE}" if none);
- every direct quotation (words in quotation marks that someone is reported to have said) as
  class "{QUOTE}": the quoted words exactly as written, without the quotation marks, with the
  attribute "speaker" (the person or body who said them). Scare quotes, titles and headlines
  are not quotations.
Use exact text from the article; do not paraphrase; do not overlap extractions."""


# --------------------------------------------------------------------------- the example


@dataclass(frozen=True)
class ExampleFigure:
    phrase: str
    metric: str
    place: str | None
    start: int


@dataclass(frozen=True)
class ExampleQuote:
    text: str
    speaker: str
    start: int


@dataclass(frozen=True)
class ExamplePassage:
    """A short passage of an annotated article with its gold figures and quotes, for few-shot."""

    case: str
    document: str
    text: str
    figures: tuple[ExampleFigure, ...]
    quotes: tuple[ExampleQuote, ...]


def figure_phrase(claim: Claim) -> tuple[str, int]:
    """The number phrase inside a gold claim's evidence that states the claim's interval, and
    its offset in the evidence.

    "one person was killed and four injured" holds two figures; the injured claim's is "four".
    Falls back to the whole evidence when no phrase states that interval.
    """
    evidence = claim.span.text
    gold = claim.quantity
    for match in find_quantities(evidence):
        q = match.quantity
        if (q.low, q.high) == (gold.low, gold.high) and (
            q.low is not None or q.high is not None or q.nominal == gold.nominal
        ):
            return evidence[match.start : match.end], match.start
    return evidence, 0


def example_passage(case: Case, max_chars: int = 700) -> ExamplePassage:
    """The run of whole sentences, at most `max_chars` long, holding the most gold items.

    A passage with a quote is preferred to one without, so the example shows both classes;
    among passages with as many items the shorter wins (it is sent with every chunk), then
    the earlier. Deterministic: the same case always gives the same example.
    """
    best: tuple[tuple[bool, int, int], ExamplePassage] | None = None
    for document in case.documents:
        claims = [c for c in case.claims if c.document == document.id and c.span.start is not None]
        quotes = [q for q in case.quotes if q.document == document.id and q.span.start is not None]
        sentences = document.sentences
        for i, first in enumerate(sentences):
            for last in sentences[i:]:
                start, end = first.start, last.end
                if end - start > max_chars and last is not first:
                    break
                inside_claims = [c for c in claims if _within(c.span, start, end)]
                inside_quotes = [q for q in quotes if _within(q.span, start, end)]
                score = (bool(inside_quotes), len(inside_claims) + len(inside_quotes), start - end)
                if score[1] == 0 or (best is not None and score <= best[0]):
                    continue
                passage = ExamplePassage(
                    case=case.name,
                    document=document.id,
                    text=document.text[start:end],
                    figures=tuple(_example_figure(c, start) for c in inside_claims),
                    quotes=tuple(
                        ExampleQuote(text=q.text, speaker=q.speaker, start=(q.span.start or 0) - start)
                        for q in inside_quotes
                    ),
                )
                best = (score, passage)
    if best is None:
        raise ValueError(f"{case.name}: no annotated figure or quote to build an example from")
    return best[1]


def _example_figure(claim: Claim, passage_start: int) -> ExampleFigure:
    phrase, offset = figure_phrase(claim)
    start = (claim.span.start or 0) + offset - passage_start
    return ExampleFigure(phrase=phrase, metric=claim.metric, place=claim.place, start=start)


def _within(span: Span, start: int, end: int) -> bool:
    return span.start is not None and span.end is not None and start <= span.start and span.end <= end


def lx_example(passage: ExamplePassage) -> Any:
    """The passage as a langextract `ExampleData`, its extractions in order of appearance."""
    import langextract as lx

    items: list[tuple[int, Any]] = [
        (
            f.start,
            lx.data.Extraction(
                extraction_class=FIGURE,
                extraction_text=f.phrase,
                attributes={"metric": f.metric, "place": f.place or NO_PLACE},
            ),
        )
        for f in passage.figures
    ]
    items += [
        (
            q.start,
            lx.data.Extraction(
                extraction_class=QUOTE, extraction_text=q.text, attributes={"speaker": q.speaker}
            ),
        )
        for q in passage.quotes
    ]
    items.sort(key=lambda item: item[0])
    return lx.data.ExampleData(text=passage.text, extractions=[extraction for _, extraction in items])


def example_source(cases: Sequence[Case], evaluated: Case, preferred: Case) -> Case:
    """`preferred`, unless it is the case being evaluated: then the first other case."""
    if preferred.name != evaluated.name:
        return preferred
    for case in cases:
        if case.name != evaluated.name:
            return case
    raise ValueError(f"no case other than {evaluated.name} to take an example from")


# --------------------------------------------------------------------------- conversion


@dataclass
class Converted:
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def attribute(attributes: dict[str, Any] | None, name: str) -> str | None:
    """An attribute as one string (langextract allows lists); None when absent or empty."""
    value = (attributes or {}).get(name)
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = str(value).strip() if value is not None else ""
    return text or None


def lx_span(document: Document, extraction: Any) -> Span:
    """The extraction's place in the text from its char interval; UNGROUNDED without one."""
    text: str = extraction.extraction_text
    interval = extraction.char_interval
    start = getattr(interval, "start_pos", None)
    end = getattr(interval, "end_pos", None)
    if start is None or end is None:
        return Span(text=text, status=SpanStatus.UNGROUNDED)
    exact = document.text[start:end] == text
    return Span(text=text, start=start, end=end, status=SpanStatus.EXACT if exact else SpanStatus.FUZZY)


def to_claims_and_quotes(document: Document, extractions: Iterable[Any], event: str | None) -> Converted:
    """langextract extractions as our Claims and Quotes; what cannot be one is listed in `dropped`.

    A figure needs a number `parse_quantity` can read; a quote needs a speaker (the task asks
    for attributed quotes, and the summarizer's own labeller keeps no speakerless quote).
    """
    converted = Converted()
    for extraction in extractions:
        kind = str(extraction.extraction_class).strip().lower()
        text = str(extraction.extraction_text)
        span = lx_span(document, extraction)
        sentence = sentence_of(span.start, document.sentences) if span.start is not None else None
        if kind == FIGURE:
            quantity = parse_quantity(text)
            if quantity is None:
                converted.dropped.append(f"{document.id}: figure without a number: {text!r}")
                continue
            place = attribute(extraction.attributes, "place")
            converted.claims.append(
                Claim(
                    id=f"{document.id}:lx{len(converted.claims) + 1}",
                    document=document.id,
                    sentence=sentence or 0,
                    metric=normalize_metric(attribute(extraction.attributes, "metric") or "unknown"),
                    place=None if place is None or place.lower() == NO_PLACE else place,
                    quantity=quantity,
                    event=event,
                    span=span,
                )
            )
        elif kind == QUOTE:
            speaker = attribute(extraction.attributes, "speaker")
            if speaker is None or speaker.lower() == NO_PLACE:
                converted.dropped.append(f"{document.id}: quote without a speaker: {text[:60]!r}")
                continue
            converted.quotes.append(
                Quote(
                    id=f"{document.id}:lxq{len(converted.quotes) + 1}",
                    document=document.id,
                    sentence=sentence or 0,
                    speaker=speaker,
                    text=text,
                    span=span,
                )
            )
        else:
            converted.dropped.append(f"{document.id}: unknown class {kind!r}: {text[:60]!r}")
    return converted


# --------------------------------------------------------------------------- counting langextract


class CountingTransport(httpx2.BaseTransport):
    """Sends as `inner` does; adds up calls, the server-reported usage and the request time."""

    def __init__(self, inner: httpx2.BaseTransport | None = None) -> None:
        self._inner = inner or httpx2.HTTPTransport()
        self._lock = threading.Lock()
        self.usage = Usage()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        started = time.monotonic()
        response = self._inner.handle_request(request)
        body = response.read()  # the whole answer: its time is model time, and usage is in it
        elapsed = time.monotonic() - started
        prompt, completion = usage_of(body)
        with self._lock:
            self.usage.calls += 1
            self.usage.seconds += elapsed
            self.usage.prompt_tokens += prompt
            self.usage.completion_tokens += completion
        return response

    def take(self) -> Usage:
        """The usage counted since the last call, and start again from zero."""
        with self._lock:
            usage, self.usage = self.usage, Usage()
        return usage

    def close(self) -> None:
        self._inner.close()


def usage_of(body: bytes) -> tuple[int, int]:
    """(prompt, completion) tokens of a chat-completion response body; (0, 0) if it has none."""
    try:
        payload = json.loads(body)
    except ValueError:
        return 0, 0
    usage = payload.get("usage") if isinstance(payload, dict) else None
    if not isinstance(usage, dict):
        return 0, 0
    return int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)


class OmittedChunks(logging.Handler):
    """Counts the chunks langextract drops because the model's answer did not parse (it logs them)."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("Chunk omitted from results"):
            self.count += 1


def langextract_model(server: EmbeddedServer, transport: CountingTransport, max_output_tokens: int) -> Any:
    import openai
    from langextract.providers.openai import OpenAILanguageModel

    model = OpenAILanguageModel(
        model_id=server.model_name,
        api_key="not-needed",
        base_url=server.base_url,
        temperature=0.0,
        max_workers=1,
        max_output_tokens=max_output_tokens,
    )
    # The provider builds its own SDK client and exposes no usage: swap in a counted one.
    model._client = openai.OpenAI(
        api_key="not-needed",
        base_url=server.base_url,
        http_client=openai.DefaultHttpxClient(transport=transport),
    )
    return model


@dataclass
class SystemRun:
    score: CaseScore
    dropped: list[str] = field(default_factory=list)
    omitted_chunks: int = 0


def run_langextract(
    case: Case, example: Any, model: Any, transport: CountingTransport, max_char_buffer: int
) -> SystemRun:
    import langextract as lx

    omitted = OmittedChunks()
    logging.getLogger().addHandler(omitted)
    started = time.perf_counter()
    transport.take()
    report = Report(
        run=RunInfo(tool_version=__version__, backend="langextract", model=model.model_id, strategy="lx")
    )
    dropped: list[str] = []
    try:
        for document in case.documents:
            annotated = lx.extract(
                text_or_documents=document.text,
                prompt_description=PROMPT,
                examples=[example],
                model=model,
                use_schema_constraints=False,
                max_char_buffer=max_char_buffer,
                max_workers=1,
                batch_length=1,
                extraction_passes=1,
                show_progress=False,
            )
            events: list[Event] = extract_by_rules(document).events  # as the candidates strategy does
            converted = to_claims_and_quotes(
                document, annotated.extractions or [], events[0].id if events else None
            )
            report.documents.append(document)
            report.events.extend(events)
            report.claims.extend(converted.claims)
            report.quotes.extend(converted.quotes)
            dropped += converted.dropped
        report.usage = transport.take()
        report = reconcile_report(report)
    finally:
        logging.getLogger().removeHandler(omitted)
    seconds = time.perf_counter() - started
    return SystemRun(score_case(case, report, seconds=seconds), dropped, omitted.count)


# --------------------------------------------------------------------------- the table

LANGEXTRACT = "langextract 1.7.1"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "–"


def score_cells(score: CaseScore) -> list[str]:
    strict, loose, quotes = score.claims.strict, score.claims.loose, score.quotes
    return [
        *(fmt_rate(v) for v in (strict.precision, strict.recall, strict.f1)),
        *(fmt_rate(v) for v in (loose.precision, loose.recall, loose.f1)),
        fmt_rate(quotes.found.precision),
        fmt_rate(quotes.found.recall),
        f"{quotes.speaker.hits}/{quotes.speaker.total}",
        fmt_rate(score.conflicts.overall.f1),
        f"{score.conflicts.must_not_conflict_flagged}/{score.conflicts.must_not_conflict}",
        f"{score.usage.prompt_tokens:,}",
        f"{score.usage.completion_tokens:,}",
        str(score.usage.calls),
        f"{score.usage.seconds:.1f}",
        f"{score.seconds:.1f}",
    ]


def comparison_table(rows: Sequence[tuple[str, CaseScore, CaseScore]], strategy: str) -> Table:
    """Per case, then overall: both systems' rows, and the summarizer / langextract ratios."""
    table = Table(title="summarizer vs langextract: same server, same model, same scorer")
    table.add_column("case", no_wrap=True)
    table.add_column("system", no_wrap=True)
    for name in ("claims P", "R", "F1", "loose P", "R", "F1", "quotes P", "R", "speaker"):
        table.add_column(name, justify="right")
    for name in ("conflicts F1", "must-not", "prompt tok", "compl. tok", "calls", "model s", "total s"):
        table.add_column(name, justify="right")
    for name, ours, theirs in rows:
        bold = "bold" if name == "overall" else None
        table.add_row(name, f"summarizer ({strategy})", *score_cells(ours), style=bold)
        table.add_row(name, LANGEXTRACT, *score_cells(theirs), style=bold)
        table.add_row(
            name,
            "ratio summarizer/lx",
            *["" for _ in range(11)],
            ratio(ours.usage.prompt_tokens, theirs.usage.prompt_tokens),
            ratio(ours.usage.completion_tokens, theirs.usage.completion_tokens),
            ratio(ours.usage.calls, theirs.usage.calls),
            ratio(ours.usage.seconds, theirs.usage.seconds),
            ratio(ours.seconds, theirs.seconds),
            style="italic",
        )
        table.add_section()
    return table


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cases", nargs="?", type=Path, default=DEV, help="a case folder or a folder of cases")
    parser.add_argument(
        "--example-case", type=Path, default=EXAMPLE_CASE, help="the case the example comes from"
    )
    parser.add_argument("--example-chars", type=int, default=700, help="longest example passage (characters)")
    parser.add_argument(
        "--strategy",
        choices=("questions", "candidates", "sentences"),
        default="questions",
        help="the summarizer's strategy (questions: the embedded default)",
    )
    parser.add_argument("--max-char-buffer", type=int, default=1000, help="langextract's chunk size")
    parser.add_argument("--max-output-tokens", type=int, default=1024, help="per langextract request")
    args = parser.parse_args(argv)
    try:
        import langextract  # noqa: F401
    except ImportError:
        sys.exit("langextract is not installed: pip install -e '.[bench]' (langextract==1.7.1)")

    stop_cleanly_on_sigterm()
    quiet_library_logs()
    console = wide_console()
    cases = [load_case(path) for path in find_cases(args.cases)]
    preferred = load_case(args.example_case)
    settings = Settings(strategy=args.strategy, use_cache=False, summary=False)
    rows: list[tuple[str, CaseScore, CaseScore]] = []
    notes: list[str] = []
    dropped: list[str] = []
    omitted = 0
    with EmbeddedServer() as server:
        console.print(f"embedded server {server.model_name} started in {server.startup_s or 0:.1f} s")
        transport = CountingTransport()
        model = langextract_model(server, transport, args.max_output_tokens)
        with embedded_backend(server, settings) as backend:
            for case in cases:
                source = example_source(cases, case, preferred)
                passage = example_passage(source, args.example_chars)
                notes.append(
                    f"{case.name}: example from {passage.case}/{passage.document} "
                    f"({len(passage.text)} chars, {len(passage.figures)} figures, "
                    f"{len(passage.quotes)} quotes)"
                )
                console.print(f"  {case.name}: summarizer…")
                ours = run_case(case, backend, settings)
                console.print(f"  {case.name}: langextract…")
                theirs = run_langextract(case, lx_example(passage), model, transport, args.max_char_buffer)
                rows.append((case.name, score_case(case, ours.report, seconds=ours.seconds), theirs.score))
                dropped += theirs.dropped
                omitted += theirs.omitted_chunks
    overall = (
        "overall",
        total_score(r[1] for r in rows),
        total_score(r[2] for r in rows),
    )
    console.print(comparison_table([*rows, overall], args.strategy))
    console.print("Configuration (see the module docstring for why):")
    console.print(
        f"  both: {server.model_name} on one llama.cpp server, temperature 0, one request at a time, "
        "no cache, no summary call; events from the same rules"
    )
    console.print(
        f"  langextract: OpenAI provider, use_schema_constraints=False (response_format json_object), "
        f"max_char_buffer={args.max_char_buffer}, extraction_passes=1, max_workers=1, "
        f"max_output_tokens={args.max_output_tokens}; one example per case, never from that case"
    )
    for note in notes:
        console.print(f"  {note}")
    console.print(
        f"  langextract extractions that could not become a claim or quote: {len(dropped)}; "
        f"chunks langextract omitted (answer did not parse): {omitted}"
    )
    for line in dropped:
        console.print(f"    {line}", markup=False)


if __name__ == "__main__":
    main()
