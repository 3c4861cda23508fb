"""The short narrative at the top of a report, every sentence citing [document:sentence].

Two ways to write it, from the same material (the reconciled estimates and conflicts, and the
sentences of the claims behind them):

- `rules_summary`: deterministic, no model: first the main event's headline figures
  (`headline_sentence`), then one sentence per other linked event with its figures, then one
  per disagreement, each citing the sentences of its claims.
- `llm_summary`: the model gets the estimates, the conflicts and the numbered key sentences,
  and answers sentences with citations. The first sentence is the same `headline_sentence`,
  put there by code (with its citations) so that the headline figures are stated exactly as
  the report computes them; the prompt is unchanged. A citation to a [document:sentence] it
  was not shown fails validation, and instructor re-asks with the error (bounded by the request). When the
  re-asks run out, `LLMCallFailed` is raised; `summarize_report` then falls back to the rules
  summary and says why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from summarizer.backends.prompts import load_prompt
from summarizer.backends.protocol import LLMCallFailed, LLMRequest, LLMResult, StructuredLLM
from summarizer.schemas import (
    Citation,
    Claim,
    Conflict,
    ConflictKind,
    Estimate,
    HeadlineFigure,
    LinkedEvent,
    Number,
    Report,
    Summary,
    SummarySentence,
    Usage,
)
from summarizer.text.figures import READINGS, describe_interval, describe_stated, format_figure

MAX_KEY_SENTENCES = 40
MAX_CONFLICT_SENTENCES = 5
MAX_METRICS_PER_EVENT = 3
MAX_CITATIONS = 3
MAX_FIGURES_PER_EVENT = 10
# Headline metrics first; any other metric follows, by how many documents report it.
METRIC_PRIORITY = ("killed", "injured", "missing", "hospitalized", "displaced", "evacuated", "arrested")
# Disagreements a reader most needs first.
CONFLICT_PRIORITY = (
    ConflictKind.CROSS_DOCUMENT,
    ConflictKind.REVISION,
    ConflictKind.PART_TOTAL_TENSION,
    ConflictKind.WITHIN_DOCUMENT_RANGE,
)


# --------------------------------------------------------------------------- shared material


def describe_estimate(estimate: Estimate) -> str:
    """'24', '19 (reports range from 19 to 22)', 'at least 12', 'at most 40'."""
    best, low, high = estimate.best, estimate.low, estimate.high
    if best is None:
        if low is not None:
            return f"at least {format_figure(low)}"
        return f"at most {format_figure(high)}" if high is not None else "an unknown number"
    text = format_figure(best)
    if low is not None and high is not None and low != high:
        low_text, high_text = format_figure(low), format_figure(high)
        text += f" (reports range from {low_text} to {high_text})"
    return text


def _metric_words(metric: str) -> str:
    return metric.replace("_", " ")


def _claims_by_id(report: Report) -> dict[str, Claim]:
    return {claim.id: claim for claim in report.claims}


def _citations(
    claim_ids: Iterable[str], claims: dict[str, Claim], limit: int = MAX_CITATIONS
) -> list[Citation]:
    """The sentences of the given claims, one per document first, in the order given."""
    seen: set[tuple[str, int]] = set()
    chosen: list[Citation] = []
    documents: set[str] = set()
    ordered = [claims[cid] for cid in claim_ids if cid in claims]
    for claim in sorted(ordered, key=lambda c: c.document in documents):
        ref = (claim.document, claim.sentence)
        if ref in seen:
            continue
        seen.add(ref)
        documents.add(claim.document)
        chosen.append(Citation(document=claim.document, sentence=claim.sentence))
        if len(chosen) == limit:
            break
    return chosen


def headline_estimates(estimates: Sequence[Estimate]) -> list[Estimate]:
    """Per metric, the estimate most documents support (ties: the larger figure), headline
    metrics first, at most `MAX_METRICS_PER_EVENT`."""
    by_metric: dict[str, Estimate] = {}
    for estimate in estimates:
        current = by_metric.get(estimate.metric)
        if current is None or (estimate.sources, estimate.best or 0) > (current.sources, current.best or 0):
            by_metric[estimate.metric] = estimate

    def rank(estimate: Estimate) -> tuple[int, int, str]:
        priority = (
            METRIC_PRIORITY.index(estimate.metric)
            if estimate.metric in METRIC_PRIORITY
            else len(METRIC_PRIORITY)
        )
        return priority, -estimate.sources, estimate.metric

    return sorted(by_metric.values(), key=rank)[:MAX_METRICS_PER_EVENT]


def _event_label(event: LinkedEvent | None) -> str:
    if event is None:
        return "Figures not tied to an identified event"
    label = event.description.rstrip(".")
    details = [d for d in (event.date.isoformat() if event.date else None, ", ".join(event.places[:2])) if d]
    return f"{label} ({'; '.join(details)})" if details else label


# --------------------------------------------------------------------------- rules


def _headline_part(figure: HeadlineFigure, claims: dict[str, Claim]) -> str:
    """'killed 3 (counting victims only; reports range from 2 to 3; sources disagree)'."""
    quantities = [claims[c].quantity for c in figure.claims if c in claims]
    place = f" in {figure.place}" if figure.place else ""
    best = (
        describe_stated(figure.best, quantities)
        if figure.best is not None
        else describe_interval(figure.low, figure.high)
    )
    notes = []
    if figure.reading:
        notes.append(f"counting {READINGS[figure.reading]}")
    if figure.low is not None and figure.high is not None and figure.low != figure.high:
        low, high = describe_stated(figure.low, quantities), describe_stated(figure.high, quantities)
        notes.append(f"reports range from {low} to {high}")
    if figure.disagree:
        notes.append("sources disagree")
    return f"{_metric_words(figure.metric)}{place} {best}" + (f" ({'; '.join(notes)})" if notes else "")


def _stating_best_first(figure: HeadlineFigure, claims: dict[str, Claim]) -> list[str]:
    def states_best(claim_id: str) -> bool:
        claim = claims.get(claim_id)
        return claim is not None and figure.best is not None and claim.quantity.nominal == figure.best

    return sorted(figure.claims, key=lambda cid: not states_best(cid))


def headline_sentence(report: Report) -> SummarySentence | None:
    """The main event's headline figures as one sentence, citing the claims behind them:
    "<event> (<date>; <places>): killed 3 (counting everyone, suspects included); injured more
    than 20 (reports range from at least 9 to more than 20; sources disagree)." None when the
    report has no main event with headline figures."""
    main = next((e for e in report.linked_events if e.id == report.main_event), None)
    if main is None or not main.headlines:
        return None
    claims = _claims_by_id(report)
    figures = main.headlines[:MAX_METRICS_PER_EVENT]
    parts = [_headline_part(figure, claims) for figure in figures]
    cited = [claim_id for figure in figures for claim_id in _stating_best_first(figure, claims)]
    citations = _citations(cited, claims, 2 * MAX_CITATIONS)
    if not citations:
        return None
    return SummarySentence(text=f"{_event_label(main)}: {'; '.join(parts)}.", citations=citations)


def rules_summary(report: Report) -> Summary:
    """A deterministic summary from the report's headline figures, estimates and conflicts (no model).

    First the main event's headline figures (`headline_sentence`); then one sentence per other
    linked event with estimates, the events most documents report first ("<event> (<date>;
    <places>): killed 24 (reports range from 1 to 24); injured 249."); then one per
    disagreement, cross-document ones first and at most `MAX_CONFLICT_SENTENCES`; the pairwise
    cross-document conflicts of one figure make one sentence. Each sentence cites the sentences
    of the claims behind it.
    """
    claims = _claims_by_id(report)
    events = {event.id: event for event in report.linked_events}
    headline = headline_sentence(report)
    sentences: list[SummarySentence] = [headline] if headline is not None else []
    for event_id, estimates in _estimates_by_event(report):
        figures = []
        cited: list[str] = []
        if headline is not None and event_id == report.main_event:
            continue  # the headline sentence speaks for the main event
        for estimate in headline_estimates(estimates):
            place = f" in {estimate.place}" if estimate.place else ""
            figures.append(f"{_metric_words(estimate.metric)}{place} {describe_estimate(estimate)}")
            cited.extend(_supporting_claims(estimate, claims))
        label = _event_label(events.get(event_id) if event_id else None)
        citations = _citations(cited, claims, 2 * MAX_CITATIONS)
        sentences.append(SummarySentence(text=f"{label}: {'; '.join(figures)}.", citations=citations))
    for group in _conflict_groups(report.conflicts)[:MAX_CONFLICT_SENTENCES]:
        claim_ids = [side.claims[0] for conflict in group for side in conflict.sides if side.claims]
        text = _conflict_sentence(group)
        sentences.append(
            SummarySentence(text=text, citations=_citations(claim_ids, claims, 2 * MAX_CITATIONS))
        )
    return Summary(sentences=[s for s in sentences if s.citations], generated_by="rules")


def _estimates_by_event(report: Report) -> list[tuple[str | None, list[Estimate]]]:
    """Estimates per linked event, the events most documents report first (then by claims)."""
    by_event: dict[str | None, list[Estimate]] = defaultdict(list)
    for estimate in report.estimates:
        by_event[estimate.event].append(estimate)
    documents = {event.id: len(event.documents) for event in report.linked_events}

    def rank(item: tuple[str | None, list[Estimate]]) -> tuple[bool, int, int]:
        event_id, estimates = item
        return event_id is None, -documents.get(event_id or "", 0), -sum(len(e.claims) for e in estimates)

    return sorted(by_event.items(), key=rank)


def _conflict_groups(conflicts: Sequence[Conflict]) -> list[list[Conflict]]:
    """Conflicts of one kind about one figure (event, metric, place), most urgent kind first."""
    groups: dict[tuple[ConflictKind, str | None, str, str | None], list[Conflict]] = defaultdict(list)
    for conflict in conflicts:
        groups[(conflict.kind, conflict.event, conflict.metric, conflict.place)].append(conflict)
    return sorted(groups.values(), key=lambda g: CONFLICT_PRIORITY.index(g[0].kind))


def _conflict_sentence(group: list[Conflict]) -> str:
    first = group[0]
    if len(group) == 1 or first.kind is not ConflictKind.CROSS_DOCUMENT:
        return f"{_conflict_lead(first)}: {'; '.join(c.why for c in group)}."
    # Several documents set against each other on one figure: each document's figures once,
    # oldest report first.
    figures: dict[str, tuple[str, str]] = {}
    for conflict in group:
        for side in conflict.sides:
            published = side.published.isoformat() if side.published else ""
            figures.setdefault(side.document, (published, _side_figure(side.low, side.high)))
    listed = "; ".join(
        f"{doc} {figure}" + (f" ({published})" if published else "")
        for doc, (published, figure) in sorted(figures.items(), key=lambda kv: (kv[1][0], kv[0]))
    )
    place = f" in {first.place}" if first.place else ""
    dated = any(c.newer for c in group)
    tail = (
        ": the figures differ by publication date, so the count may have changed as reports came in"
        if dated
        else ""
    )
    return f"Sources disagree on {_metric_words(first.metric)}{place}: {listed}{tail}."


def _side_figure(low: Number | None, high: Number | None) -> str:
    return describe_interval(low, high)


def _supporting_claims(estimate: Estimate, claims: dict[str, Claim]) -> list[str]:
    """The estimate's claims that state its best figure first, then the rest."""

    def states_best(claim_id: str) -> bool:
        quantity = claims[claim_id].quantity if claim_id in claims else None
        return quantity is not None and estimate.best is not None and quantity.nominal == estimate.best

    return sorted(estimate.claims, key=lambda cid: not states_best(cid))


def _conflict_lead(conflict: Conflict) -> str:
    return {
        ConflictKind.CROSS_DOCUMENT: "Sources disagree",
        ConflictKind.REVISION: "A figure was revised",
        ConflictKind.PART_TOTAL_TENSION: "Parts and total do not match",
        ConflictKind.WITHIN_DOCUMENT_RANGE: "One source is unsure",
    }[conflict.kind]


# --------------------------------------------------------------------------- the model's answer


class DraftSentence(BaseModel):
    text: str = Field(min_length=1, description="one sentence of the summary, without citation marks")
    citations: list[str] = Field(
        min_length=1, description="the references (document:sentence) this sentence rests on, as listed"
    )


class SummaryDraft(BaseModel):
    """What the model answers: the summary's sentences, each with its citations."""

    sentences: list[DraftSentence] = Field(min_length=1, max_length=8)


def draft_model(refs: Sequence[str]) -> type[SummaryDraft]:
    """`SummaryDraft` whose citations can only be the references shown: each is a `Literal` of
    them, so a grammar-constrained server cannot write another, and any endpoint's answer that
    does is a validation error the model is re-asked with."""
    ref: Any = Literal[tuple(refs)]
    sentence = create_model(
        "DraftSentence",
        __base__=DraftSentence,
        citations=(
            list[ref],
            Field(min_length=1, description=DraftSentence.model_fields["citations"].description),
        ),
    )
    model: type[SummaryDraft] = create_model(
        "SummaryDraft", __base__=SummaryDraft, sentences=(list[sentence], Field(min_length=1, max_length=8))
    )
    return model


def _citation(ref: str) -> Citation:
    document, _, sentence = ref.rpartition(":")
    return Citation(document=document, sentence=int(sentence))


@dataclass(frozen=True)
class KeySentence:
    document: str
    sentence: int
    text: str

    @property
    def ref(self) -> str:
        return f"{self.document}:{self.sentence}"


def key_sentences(report: Report, limit: int = MAX_KEY_SENTENCES) -> list[KeySentence]:
    """The sentences behind the conflicts (first) and the headline estimates, at most `limit`."""
    claims = _claims_by_id(report)
    documents = {doc.id: doc for doc in report.documents}
    claim_ids: list[str] = []
    for group in _conflict_groups(report.conflicts)[:MAX_CONFLICT_SENTENCES]:
        claim_ids.extend(cid for conflict in group for side in conflict.sides for cid in side.claims)
    for _, estimates in _estimates_by_event(report):
        for estimate in headline_estimates(estimates):
            claim_ids.extend(_supporting_claims(estimate, claims))
    chosen: dict[tuple[str, int], KeySentence] = {}
    for claim_id in claim_ids:
        claim = claims.get(claim_id)
        if claim is None or (claim.document, claim.sentence) in chosen:
            continue
        document = documents.get(claim.document)
        if document is None or not 0 <= claim.sentence < len(document.sentences):
            continue
        text = " ".join(document.sentence_text(claim.sentence).split())
        chosen[(claim.document, claim.sentence)] = KeySentence(claim.document, claim.sentence, text)
        if len(chosen) == limit:
            break
    return list(chosen.values())


def summary_request(report: Report, sentences: Sequence[KeySentence]) -> LLMRequest[SummaryDraft]:
    prompt = load_prompt("summary")
    events = {event.id: event for event in report.linked_events}
    shown_events = [
        {
            "label": _event_label(events.get(event_id) if event_id else None),
            "figures": [
                f"{_metric_words(e.metric)}{f' in {e.place}' if e.place else ''}: {describe_estimate(e)}"
                f" ({e.sources} source{'s' if e.sources != 1 else ''})"
                for e in sorted(estimates, key=lambda e: -e.sources)[:MAX_FIGURES_PER_EVENT]
            ],
        }
        for event_id, estimates in _estimates_by_event(report)
    ]
    conflict_lines = [_conflict_sentence(group) for group in _conflict_groups(report.conflicts)]
    messages = prompt.render(
        events=shown_events,
        conflicts=conflict_lines[:MAX_CONFLICT_SENTENCES],
        sentences=[{"ref": s.ref, "text": s.text} for s in sentences],
    )
    return LLMRequest(
        task="summary",
        prompt_version=prompt.version,
        messages=messages,
        response_model=draft_model([s.ref for s in sentences]),
    )


def llm_summary(report: Report, llm: StructuredLLM) -> LLMResult[Summary]:
    """The model's summary, every citation checked against the sentences it was shown, after the
    main event's `headline_sentence` (written by code, so the first sentence always states the
    headline figures as computed).

    Raises `LLMCallFailed` when the re-asks run out (its `usage` counts the attempts). A report
    with nothing to cite gets the rules summary without a call.
    """
    sentences = key_sentences(report)
    if not sentences:
        return LLMResult(value=rules_summary(report), usage=Usage())
    result = llm.complete(summary_request(report, sentences))
    headline = headline_sentence(report)
    summary = Summary(
        sentences=([headline] if headline is not None else [])
        + [
            SummarySentence(text=s.text.strip(), citations=[_citation(ref) for ref in s.citations])
            for s in result.value.sentences
        ],
        generated_by="llm",
    )
    return LLMResult(value=summary, usage=result.usage)


@dataclass
class SummaryOutcome:
    summary: Summary
    usage: Usage
    failure: str | None = None  # why the model's summary was not used, when it was not


def summarize_report(report: Report, llm: StructuredLLM | None) -> SummaryOutcome:
    """The model's summary when a model is given and it succeeds, else the rules summary."""
    if llm is None:
        return SummaryOutcome(rules_summary(report), Usage())
    try:
        result = llm_summary(report, llm)
    except LLMCallFailed as failed:
        return SummaryOutcome(rules_summary(report), failed.usage, failure=f"summary: {failed}")
    return SummaryOutcome(result.value, result.usage)
