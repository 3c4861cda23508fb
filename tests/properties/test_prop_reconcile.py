"""Properties of reconciliation over generated documents, events and claims."""

from __future__ import annotations

from generated import canonical, in_document_order, reconcile_inputs
from hypothesis import given
from hypothesis import strategies as st

from summarizer.reconcile.core import reconcile, reconcile_report
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Claim, ConflictKind, Document, Event, Report, RunInfo

Inputs = tuple[list[Document], list[Event], list[Claim]]


def report_of(documents: list[Document], events: list[Event], claims: list[Claim]) -> Report:
    report = Report(run=RunInfo(tool_version="test"), documents=documents, events=events, claims=claims)
    return reconcile_report(report)


@given(reconcile_inputs(), st.sampled_from(["ucdp", "acled"]))
def test_every_estimate_is_ordered(inputs: Inputs, rule: str) -> None:
    settings = ReconcileSettings(estimate_rule=rule)
    for estimate in reconcile(*inputs, settings=settings).estimates:
        low, best, high, conservative = estimate.low, estimate.best, estimate.high, estimate.conservative
        assert best is not None, estimate
        assert low is None or low <= best, estimate
        assert high is None or best <= high, estimate
        assert conservative is None or conservative <= best, estimate


@given(reconcile_inputs())
def test_conflicts_cite_existing_claims_of_one_linked_event(inputs: Inputs) -> None:
    documents, events, claims = inputs
    result = reconcile(documents, events, claims)
    by_id = {c.id: c for c in claims}
    linked = {le.id: le for le in result.linked_events}
    for conflict in result.conflicts:
        assert len(conflict.sides) >= 1
        for side in conflict.sides:
            assert side.claims, conflict
            for claim_id in side.claims:
                claim = by_id[claim_id]
                assert claim.document == side.document
                assert claim.span.grounded
                assert claim.metric == conflict.metric
                # Every claim of a conflict belongs to the conflict's event (None: unlinked).
                assert result.claim_events[claim_id] == conflict.event, conflict
        if conflict.kind is ConflictKind.CROSS_DOCUMENT:
            # Two documents are compared only inside one linked event both belong to.
            assert conflict.event is not None, conflict
            assert {s.document for s in conflict.sides} <= set(linked[conflict.event].documents)
            assert len({s.document for s in conflict.sides}) == len(conflict.sides) >= 2
        else:
            assert len({s.document for s in conflict.sides}) == 1, conflict


@given(reconcile_inputs(), st.randoms(use_true_random=False))
def test_the_report_does_not_depend_on_the_order_of_the_documents(inputs: Inputs, random: object) -> None:
    documents, events, claims = inputs
    shuffled = list(documents)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    forward = report_of(documents, *in_document_order(documents, events, claims))
    other = report_of(shuffled, *in_document_order(shuffled, events, claims))
    assert canonical(forward) == canonical(other)
    again = report_of(documents, *in_document_order(documents, events, claims))
    assert again == forward
