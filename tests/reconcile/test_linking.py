"""Event linking: date intervals, kinds and places decide which events are one."""

from __future__ import annotations

import pytest
from reconcile_builders import D, claim, doc, event, kinds

from summarizer.reconcile.core import reconcile
from summarizer.reconcile.linking import link_events, normalize_kind
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Document, Event, LinkedEvent


def linked_members(documents: list[Document], events: list[Event]) -> list[list[str]]:
    linked, _ = link_events(events, documents, ReconcileSettings())
    return [le.members for le in linked]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("drone strike", "strike"),
        ("Airstrike", "strike"),
        ("tremor", "earthquake"),
        ("mass shooting", "shooting"),
        ("", None),
        (None, None),
        ("42", None),
    ],
)
def test_normalize_kind(kind: str | None, expected: str | None) -> None:
    assert normalize_kind(kind) == expected


def test_the_same_town_three_days_apart_is_two_events() -> None:
    documents = [doc("a", D(2026, 1, 24)), doc("b", D(2026, 1, 27))]
    events = [
        event("a:e1", "a", phrase="overnight", places=("Ardmore", "Belcastle"), kind="strike"),
        event("b:e1", "b", date=D(2026, 1, 27), places=("Belcastle", "Corrin"), kind="drone strike"),
    ]
    assert linked_members(documents, events) == [["a:e1"], ["b:e1"]]
    claims = [
        claim("a:c1", "a", "injured", 11, 19, place="Belcastle", event_id="a:e1"),
        claim("b:c1", "b", "injured", 30, 30, place="Belcastle", event_id="b:e1"),
    ]
    assert kinds(reconcile(documents, events, claims)) == [
        ("within_document_range", "injured", "Belcastle", ["a"])
    ]


def test_relative_dates_link_across_documents() -> None:
    documents = [doc("a", D(2013, 11, 11)), doc("b", D(2013, 11, 10)), doc("c", D(2013, 11, 11))]
    events = [
        event("a:e1", "a", phrase="Saturday night", places=("Maple Bend, Ohio",), kind="shooting"),
        event("b:e1", "b", phrase="yesterday", places=("Maple Bend",), kind="mass shooting"),
        event("c:e1", "c", date=D(2013, 11, 9), places=("Orchard County",), kind="gunfire"),
    ]
    linked, mapping = link_events(events, documents, ReconcileSettings())
    assert linked == [
        LinkedEvent(
            id="E1",
            members=["a:e1", "b:e1"],
            documents=["a", "b"],
            date=D(2013, 11, 9),
            places=["Maple Bend, Ohio", "Maple Bend"],
            kind="shooting",
            description="a:e1",
        ),
        LinkedEvent(
            id="E2",
            members=["c:e1"],
            documents=["c"],
            date=D(2013, 11, 9),
            places=["Orchard County"],
            kind="gunfire",
            description="c:e1",
        ),
    ]
    assert mapping["a:e1"] == mapping["b:e1"]


def test_compatible_places_by_name_and_incompatible_places() -> None:
    documents = [doc("a"), doc("b"), doc("c")]
    events = [
        event("a:e1", "a", date=D(2017, 1, 6), places=("Port Ellis-Greenway International Airport",)),
        event("b:e1", "b", date=D(2017, 1, 6), places=("Port Ellis, Oregon",)),
        event("c:e1", "c", date=D(2017, 1, 6), places=("Juniper Falls, Idaho",)),
    ]
    assert linked_members(documents, events) == [["a:e1", "b:e1"], ["c:e1"]]


def test_background_events_with_partial_dates_stay_apart() -> None:
    documents = [doc("a", D(2013, 7, 2)), doc("b", D(2013, 7, 3))]
    events = [
        event("a:quake", "a", date=D(2013, 7, 2), places=("Norland province",)),
        event("a:2012", "a", phrase="2012-04", places=("Norland province",)),
        event("a:2004", "a", phrase="2004", places=("Norland province",)),
        event("b:quake", "b", phrase="yesterday", places=("Norland province", "Vessa Hills district")),
        event("b:2012", "b", phrase="April last year", places=("Norland province",)),
        event("b:2004", "b", phrase="2004", places=("Outer Sea region",)),
    ]
    assert linked_members(documents, events) == [
        ["a:2004"],
        ["b:2004"],
        ["a:2012", "b:2012"],
        ["a:quake", "b:quake"],
    ]


def test_same_document_events_are_never_merged() -> None:
    documents = [doc("a"), doc("b")]
    events = [
        event("a:e1", "a", date=D(2026, 1, 24), places=("Belcastle",)),
        event("a:e2", "a", date=D(2026, 1, 25), places=("Belcastle",)),
        event("b:e1", "b", phrase="2026-01", places=("Belcastle",)),
    ]
    groups = linked_members(documents, events)
    assert sorted(len(g) for g in groups) == [1, 2]
    assert not any({"a:e1", "a:e2"} <= set(g) for g in groups)


def test_an_undated_event_needs_more_than_a_shared_place_and_kind() -> None:
    documents = [doc("a"), doc("b"), doc("c")]
    events = [
        event("a:e1", "a", date=D(2013, 7, 2), places=("Norland province",), kind="earthquake"),
        event("b:e1", "b", places=("Norland province",), kind="quake"),
        event("c:e1", "c", places=("Fenwick",), kind="earthquake"),
    ]
    assert linked_members(documents, events) == [["a:e1"], ["b:e1"], ["c:e1"]]


def test_the_date_window_is_a_setting() -> None:
    documents = [doc("a"), doc("b")]
    events = [event("a:e", "a", date=D(2020, 3, 1)), event("b:e", "b", date=D(2020, 3, 3))]
    linked, _ = link_events(events, documents, ReconcileSettings(date_window_days=1))
    wide, _ = link_events(events, documents, ReconcileSettings(date_window_days=2))
    assert ([le.members for le in linked], [le.members for le in wide]) == (
        [["a:e"], ["b:e"]],
        [["a:e", "b:e"]],
    )


def test_linking_does_not_depend_on_the_order_of_the_documents() -> None:
    # Found by tests/properties (test_the_report_does_not_depend_on_the_order_of_the_documents):
    # equally close pairs used to merge in input order, and a linked event's description was
    # the first of its longest ones.
    documents = [doc(d) for d in "bcd"]
    events = [
        event("b:e0", "b", date=D(2020, 5, 2), places=("Ohio",)),
        event("b:e1", "b", date=D(2020, 5, 2)),
        event("c:e0", "c", date=D(2020, 5, 1), places=("Springfield",)),
        event("d:e0", "d", date=D(2020, 5, 1)),
    ]
    settings = ReconcileSettings()

    def linked(order: list[str]) -> list[tuple[list[str], str]]:
        given = [e for d in order for e in events if e.document == d]
        found, _ = link_events(given, [x for d in order for x in documents if x.id == d], settings)
        return sorted((sorted(le.members), le.description) for le in found)

    assert linked(["b", "c", "d"]) == linked(["d", "c", "b"]) == linked(["c", "b", "d"])
