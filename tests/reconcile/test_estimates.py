"""Estimates: low, best, high and conservative figures per key."""

from __future__ import annotations

import pytest
from reconcile_builders import D, claim, doc, event

from summarizer.reconcile.core import reconcile
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Estimate


def test_estimates_ucdp_and_acled() -> None:
    documents = [
        doc("a", D(2013, 7, 2)),
        doc("b", D(2013, 7, 2)),
        doc("c", D(2013, 7, 3)),
        doc("d", D(2013, 7, 3)),
    ]
    events = [event(f"{d.id}:e", d.id, date=D(2013, 7, 2)) for d in documents]
    claims = [
        claim("a:1", "a", "killed", 5, 5),
        claim("a:2", "a", "killed", 5, None),
        claim("b:1", "b", "killed", 1, 1),
        claim("c:1", "c", "killed", 11, 11),
        claim("d:1", "d", "killed", 24, 24),
        claim("d:2", "d", "killed", 24, 24),
        claim("a:3", "a", "injured", 12, None, vague="dozens"),
        claim("c:2", "c", "injured", 201, None),
        claim("d:3", "d", "injured", 249, 249),
        claim("a:4", "a", "trapped", None, None, nominal=14),
    ]
    result = reconcile(documents, events, claims)
    assert result.estimates == [
        Estimate(
            event="E1",
            metric="injured",
            low=249,
            best=249,
            high=249,
            conservative=12,
            sources=3,
            claims=["a:3", "c:2", "d:3"],
        ),
        Estimate(
            event="E1",
            metric="killed",
            low=1,
            best=24,
            high=24,
            conservative=1,
            sources=4,
            claims=["a:1", "a:2", "b:1", "c:1", "d:1", "d:2"],
        ),
        Estimate(
            event="E1", metric="trapped", low=14, best=14, high=14, conservative=14, sources=1, claims=["a:4"]
        ),
    ]
    acled = reconcile(documents, events, claims, ReconcileSettings(estimate_rule="acled"))
    assert [(e.metric, e.best) for e in acled.estimates] == [("injured", 12), ("killed", 1), ("trapped", 14)]


def test_estimate_when_sources_agree_on_a_lower_bound() -> None:
    documents = [doc("a"), doc("b")]
    events = [event("a:e", "a", date=D(2020, 5, 1)), event("b:e", "b", date=D(2020, 5, 1))]
    claims = [
        claim("a:1", "a", "killed", 20, None),
        claim("b:1", "b", "killed", 22, None),
        claim("b:2", "b", "killed", 3, None),
    ]
    result = reconcile(documents, events, claims)
    assert [(e.low, e.best, e.high, e.conservative) for e in result.estimates] == [(22, 22, 22, 20)]


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # (low, high, nominal) per document -> (low, best, high, conservative)
        ([(7, 7, None), (7, 7, None)], (7, 7, 7, 7)),
        ([(None, 40, 40)], (40, 40, 40, 40)),
        # one document each: the tie goes to the larger figure
        ([(3, 3, None), (None, None, 5)], (3, 5, 5, 3)),
    ],
)
def test_estimate_table(
    figures: list[tuple[int | None, int | None, int | None]], expected: tuple[int, ...]
) -> None:
    documents = [doc(f"d{n}") for n in range(len(figures))]
    events = [event(f"{d.id}:e", d.id, date=D(2021, 2, 2)) for d in documents]
    claims = [
        claim(f"{d.id}:1", d.id, "rescued", low, high, nominal=nominal)
        for d, (low, high, nominal) in zip(documents, figures, strict=True)
    ]
    (estimate,) = reconcile(documents, events, claims).estimates
    assert (estimate.low, estimate.best, estimate.high, estimate.conservative) == expected


def test_conservative_is_never_above_best_when_one_document_states_several_figures() -> None:
    # gva_484333 (bench_invariants): one article says "1 killed" twice and "9 killed" (the year's
    # toll) once; the document defends 9 but the best figure is 1.
    documents = [doc("a", D(2019, 3, 1))]
    events = [event("a:e", "a", date=D(2019, 3, 1))]
    claims = [
        claim("a:1", "a", "killed", 1, 1),
        claim("a:2", "a", "killed", 1, 1),
        claim("a:3", "a", "killed", 9, 9),
    ]
    (ucdp,) = reconcile(documents, events, claims).estimates
    assert (ucdp.low, ucdp.best, ucdp.high, ucdp.conservative) == (1, 1, 9, 1)
    (acled,) = reconcile(documents, events, claims, ReconcileSettings(estimate_rule="acled")).estimates
    assert (acled.low, acled.best, acled.high, acled.conservative) == (1, 9, 9, 9)


def test_acled_low_is_never_above_the_conservative_best() -> None:
    # Found by tests/properties (test_every_estimate_is_ordered): "at least 20" beside "22"
    # gives low 22 (every source allows it) but an ACLED best of 20.
    documents = [doc("a"), doc("b")]
    events = [event("a:e", "a", date=D(2020, 5, 1)), event("b:e", "b", date=D(2020, 5, 1))]
    claims = [claim("a:1", "a", "killed", 20, None), claim("b:1", "b", "killed", 22, 22)]
    (acled,) = reconcile(documents, events, claims, ReconcileSettings(estimate_rule="acled")).estimates
    assert (acled.low, acled.best, acled.high, acled.conservative) == (20, 20, 22, 20)
