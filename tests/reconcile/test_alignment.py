"""Alignment: which linked event a claim belongs to, and the place it is compared under."""

from __future__ import annotations

from reconcile_builders import D, claim, doc, event, kinds

from summarizer.reconcile.alignment import align
from summarizer.reconcile.core import reconcile
from summarizer.reconcile.linking import link_events
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import SpanStatus


def test_claims_without_event_attach_to_the_only_event_or_stay_unlinked() -> None:
    documents = [doc("a"), doc("b")]
    events = [
        event("a:e1", "a", date=D(2020, 1, 1)),
        event("b:e1", "b", date=D(2020, 1, 1)),
        event("b:e2", "b", date=D(2015, 1, 1)),
    ]
    claims = [
        claim("a:c1", "a", "killed", 3, 3),
        claim("b:c1", "b", "killed", 4, 4),
        claim("b:c2", "b", "killed", 5, 5, event_id="b:e1"),
    ]
    result = reconcile(documents, events, claims)
    assert result.claim_events == {"a:c1": "E2", "b:c1": None, "b:c2": "E2"}
    # a's 3 and b's 5 are about one event; b's unlinked 4 conflicts with nothing across documents.
    assert kinds(result) == [("cross_document", "killed", None, ["a", "b"])]


def test_keys_event_metric_and_the_most_qualified_place() -> None:
    settings = ReconcileSettings()
    documents = [doc("a"), doc("b")]
    events = [
        event("a:e", "a", date=D(2019, 5, 4), places=("Maple Bend, Ohio",)),
        event("b:e", "b", date=D(2019, 5, 4), places=("Maple Bend",)),
    ]
    claims = [
        claim("a:1", "a", "wounded", 3, 3, place="Maple Bend"),
        claim("b:1", "b", "injured", 3, 3, place="Maple Bend, Ohio"),
        claim("b:2", "b", "killed", 1, 1),
        claim("a:2", "a", "killed", 1, 1, place="Maple Bend, Ohio"),
    ]
    linked, mapping = link_events(events, documents, settings)
    aligned = align(documents, events, claims, linked, mapping, settings)
    groups = {key: [item.claim.id for item in items] for key, items in aligned.items.items()}
    assert groups == {
        (("event", "E1"), "injured", "maple bend, ohio"): ["a:1", "b:1"],
        (("event", "E1"), "killed", "maple bend, ohio"): ["b:2", "a:2"],
    }
    assert aligned.place_names[(("event", "E1"), "injured", "maple bend, ohio")] == "Maple Bend, Ohio"


def test_ungrounded_claims_are_left_out_and_counted() -> None:
    documents = [doc("a"), doc("b")]
    events = [event("a:e", "a"), event("b:e", "b")]
    claims = [
        claim("a:1", "a", "killed", 5, 5),
        claim("b:1", "b", "killed", 50, 50, status=SpanStatus.UNGROUNDED),
    ]
    result = reconcile(documents, events, claims)
    assert (result.conflicts, result.ungrounded, [e.claims for e in result.estimates]) == ([], 1, [["a:1"]])


def test_a_place_spelled_two_ways_is_shown_the_same_in_any_document_order() -> None:
    # gva_623093 (bench_invariants): "LaPlace" and "Laplace", once each, used to be shown as
    # the spelling of whichever document came first.
    documents = [doc("a", D(2016, 8, 8)), doc("b", D(2016, 8, 8))]
    events = [event(f"{d}:e", d, date=D(2016, 8, 7), places=("LaPlace",)) for d in "ab"]
    claims = [
        claim("a:1", "a", "killed", 1, 1, place="Laplace"),
        claim("b:1", "b", "killed", 1, 1, place="LaPlace"),
    ]
    for order in (documents, documents[::-1]):
        (estimate,) = reconcile(order, events, claims).estimates
        assert estimate.place == "LaPlace"
        (estimate,) = reconcile(order, events[::-1], claims[::-1]).estimates
        assert estimate.place == "LaPlace"


def test_claims_keep_their_order_when_places_fold_into_one() -> None:
    # "Maple Bend" folds into "Maple Bend, Ohio": one key, the claims in the order read (not
    # grouped by how each spells the place), shown as the qualified spelling.
    settings = ReconcileSettings()
    documents = [doc(d) for d in "abc"]
    events = [event(f"{d}:e", d, date=D(2019, 5, 4), places=("Maple Bend, Ohio",)) for d in "abc"]
    claims = [
        claim("a:1", "a", "killed", 3, 3, place="Maple Bend"),
        claim("b:1", "b", "killed", 3, 3, place="Maple Bend, Ohio"),
        claim("c:1", "c", "killed", 3, 3, place="Maple Bend"),
    ]
    linked, mapping = link_events(events, documents, settings)
    aligned = align(documents, events, claims, linked, mapping, settings)
    key = (("event", "E1"), "killed", "maple bend, ohio")
    assert {k: [item.claim.id for item in items] for k, items in aligned.items.items()} == {
        key: ["a:1", "b:1", "c:1"]
    }
    assert aligned.place_names == {key: "Maple Bend, Ohio"}
