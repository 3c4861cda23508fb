"""Every missed and spurious item of an evaluation, with where it is and the closest counterpart.

`summarizer eval --errors` prints these, so a developer reads what went wrong instead of guessing
from counts. Deterministic; the same matching as the scores (evaluation.scoring).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

from pydantic import BaseModel

from summarizer.evaluation.cases import Case
from summarizer.evaluation.scoring import (
    ConflictUnit,
    blocked_matching,
    claim_key,
    claim_place_matches,
    conflict_unit_matches,
    gold_conflict_units,
    output_conflict_units,
    quote_found,
    same_interval,
    unit_key,
)
from summarizer.schemas import Claim, Quote, Report

T = TypeVar("T")
U = TypeVar("U")


class ItemError(BaseModel):
    """One missed (gold without output) or spurious (output without gold) item."""

    case: str
    item: Literal["claim", "quote", "conflict", "headline", "link"]
    error: Literal["missed", "spurious", "wrong"]
    document: str | None = None
    sentence: int | None = None
    gold: str | None = None
    closest: str | None = None


def describe_claim(claim: Claim) -> str:
    q = claim.quantity
    interval = f"{q.low if q.low is not None else ''}..{q.high if q.high is not None else ''}"
    if q.nominal is not None and q.low != q.high:
        interval += f" ~{q.nominal}"
    place = f" @ {claim.place}" if claim.place else ""
    return f"{claim.metric}{place} {interval} «{claim.span.text}» [s{claim.sentence}]"


def describe_quote(quote: Quote) -> str:
    text = quote.text if len(quote.text) <= 90 else quote.text[:87] + "..."
    return f"{quote.speaker}: «{text}» [s{quote.sentence}]"


def describe_unit(unit: ConflictUnit) -> str:
    place = f" @ {unit.place}" if unit.place else ""
    return f"{unit.kind} {unit.metric}{place} in {', '.join(sorted(unit.documents))}"


def _closest(item: T, others: Sequence[U], distance: Callable[[T, U], float | None]) -> U | None:
    scored = [(d, n, o) for n, o in enumerate(others) if (d := distance(item, o)) is not None]
    return min(scored, key=lambda x: (x[0], x[1]))[2] if scored else None


def _sentence_distance(a: Claim | Quote, b: Claim | Quote) -> float | None:
    if a.document != b.document:
        return None
    same_metric = isinstance(a, Claim) and isinstance(b, Claim) and claim_key(a) == claim_key(b)
    return abs(a.sentence - b.sentence) + (0 if same_metric or isinstance(a, Quote) else 1000)


def _unit_distance(a: ConflictUnit, b: ConflictUnit) -> float | None:
    if a.metric != b.metric and not (a.documents & b.documents):
        return None
    return (a.kind != b.kind) + 2 * (a.metric != b.metric) + len(a.documents ^ b.documents)


def annotated_errors(case: Case, report: Report) -> list[ItemError]:
    errors: list[ItemError] = []
    _, pairs = blocked_matching(
        case.claims,
        report.claims,
        claim_key,
        claim_key,
        lambda g, o: same_interval(g.quantity, o.quantity) and claim_place_matches(g, o),
    )
    errors += _unmatched(case.name, "claim", case.claims, report.claims, pairs, describe_claim)
    _, quote_pairs = blocked_matching(
        case.quotes, report.quotes, lambda q: q.document, lambda q: q.document, quote_found
    )
    errors += _unmatched(case.name, "quote", case.quotes, report.quotes, quote_pairs, describe_quote)
    gold_units = [u for c in case.conflicts for u in gold_conflict_units(c)]
    output_units = [u for c in report.conflicts for u in output_conflict_units(c)]
    _, unit_pairs = blocked_matching(gold_units, output_units, unit_key, unit_key, conflict_unit_matches)
    matched_gold = {id(g) for g, _ in unit_pairs}
    matched_output = {id(o) for _, o in unit_pairs}
    for unit in gold_units:
        if id(unit) not in matched_gold:
            near = _closest(unit, output_units, _unit_distance)
            errors.append(
                ItemError(
                    case=case.name,
                    item="conflict",
                    error="missed",
                    document=", ".join(sorted(unit.documents)),
                    gold=describe_unit(unit),
                    closest=describe_unit(near) if near else None,
                )
            )
    for unit in output_units:
        if id(unit) not in matched_output:
            near = _closest(unit, gold_units, _unit_distance)
            errors.append(
                ItemError(
                    case=case.name,
                    item="conflict",
                    error="spurious",
                    document=", ".join(sorted(unit.documents)),
                    gold=describe_unit(near) if near else None,
                    closest=describe_unit(unit),
                )
            )
    return errors


def _unmatched(
    case: str,
    item: Literal["claim", "quote"],
    gold: Sequence[T],
    output: Sequence[T],
    pairs: list[tuple[T, T]],
    describe: Callable[[T], str],
) -> list[ItemError]:
    matched_gold = {id(g) for g, _ in pairs}
    matched_output = {id(o) for _, o in pairs}
    errors: list[ItemError] = []
    for g in gold:
        if id(g) not in matched_gold:
            near = _closest(g, output, _sentence_distance)  # type: ignore[arg-type]
            errors.append(
                ItemError(
                    case=case,
                    item=item,
                    error="missed",
                    document=getattr(g, "document", None),
                    sentence=getattr(g, "sentence", None),
                    gold=describe(g),
                    closest=describe(near) if near is not None else None,
                )
            )
    for o in output:
        if id(o) not in matched_output:
            near = _closest(o, gold, _sentence_distance)  # type: ignore[arg-type]
            errors.append(
                ItemError(
                    case=case,
                    item=item,
                    error="spurious",
                    document=getattr(o, "document", None),
                    sentence=getattr(o, "sentence", None),
                    gold=describe(near) if near is not None else None,
                    closest=describe(o),
                )
            )
    return errors
