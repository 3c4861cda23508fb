"""Reconciliation: dates, places, event linking, each conflict kind, estimates, and the dev cases."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from paths import DEV

from summarizer.evaluation.cases import Case, GoldConflict, find_cases, load_case
from summarizer.evaluation.scoring import places_compatible
from summarizer.reconcile.core import (
    ReconcileSettings,
    Reconciliation,
    describe_quantity,
    find_revision_cue,
    link_events,
    named_within,
    parse_place,
    reconcile,
    reconcile_report,
    resolve_date,
)
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Estimate,
    Event,
    LinkedEvent,
    Number,
    Quantity,
    Report,
    RunInfo,
    Span,
    SpanStatus,
)
from summarizer.text.metrics import normalize_metric

D = dt.date
ALIASES = ReconcileSettings().place_aliases


# --------------------------------------------------------------------------- builders


def doc(doc_id: str, published: dt.date | None = None) -> Document:
    return Document(id=doc_id, text="", source="-", published=published)


def event(
    event_id: str,
    document: str,
    *,
    date: dt.date | None = None,
    phrase: str | None = None,
    places: tuple[str, ...] = (),
    kind: str | None = None,
) -> Event:
    return Event(
        id=event_id,
        document=document,
        sentence=0,
        description=event_id,
        kind=kind,
        date=date,
        date_phrase=phrase,
        places=list(places),
    )


def claim(
    claim_id: str,
    document: str,
    metric: str,
    low: Number | None,
    high: Number | None,
    *,
    place: str | None = None,
    event_id: str | None = None,
    text: str = "",
    nominal: Number | None = None,
    vague: str | None = None,
    status: SpanStatus = SpanStatus.EXACT,
) -> Claim:
    if nominal is None and low is not None and low == high:
        nominal = low
    return Claim(
        id=claim_id,
        document=document,
        sentence=0,
        metric=metric,
        place=place,
        quantity=Quantity(
            phrase=text or claim_id,
            low=low,
            high=high,
            nominal=nominal,
            approximate=nominal is not None and low != high,
            vague=vague,
        ),
        event=event_id,
        span=Span(text=text or claim_id, start=None if status is SpanStatus.UNGROUNDED else 0, status=status),
    )


def kinds(result: Reconciliation) -> list[tuple[str, str, str | None, list[str]]]:
    return [(c.kind.value, c.metric, c.place, [s.document for s in c.sides]) for c in result.conflicts]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("2013-07-02", None, (D(2013, 7, 2), D(2013, 7, 2))),
        ("2012-04", None, (D(2012, 4, 1), D(2012, 4, 30))),
        ("2004", None, (D(2004, 1, 1), D(2004, 12, 31))),
        ("in 2004", None, (D(2004, 1, 1), D(2004, 12, 31))),
        ("September 2009", None, (D(2009, 9, 1), D(2009, 9, 30))),
        ("2 July 2013", None, (D(2013, 7, 2), D(2013, 7, 2))),
        ("July 2nd, 2013", None, (D(2013, 7, 2), D(2013, 7, 2))),
        ("April last year", D(2013, 7, 3), (D(2012, 4, 1), D(2012, 4, 30))),
        ("yesterday", D(2013, 7, 3), (D(2013, 7, 2), D(2013, 7, 2))),
        ("yesterday afternoon", D(2013, 7, 3), (D(2013, 7, 2), D(2013, 7, 2))),
        ("overnight", D(2026, 1, 24), (D(2026, 1, 23), D(2026, 1, 24))),
        ("today", D(2026, 1, 24), (D(2026, 1, 24), D(2026, 1, 24))),
        # 2013-11-11 is a Monday: "Saturday" is the 9th, "Sunday night" runs into Monday.
        ("Saturday", D(2013, 11, 11), (D(2013, 11, 9), D(2013, 11, 9))),
        ("late Saturday", D(2013, 11, 11), (D(2013, 11, 9), D(2013, 11, 9))),
        ("Sunday night", D(2013, 11, 11), (D(2013, 11, 10), D(2013, 11, 11))),
        ("Monday", D(2013, 11, 11), (D(2013, 11, 11), D(2013, 11, 11))),
        ("last Monday", D(2013, 11, 11), (D(2013, 11, 4), D(2013, 11, 4))),
        ("Saturday", None, None),
        ("some time ago", D(2013, 11, 11), None),
        (None, D(2013, 11, 11), None),
    ],
)
def test_resolve_date(
    phrase: str | None, published: dt.date | None, expected: tuple[dt.date, dt.date] | None
) -> None:
    assert resolve_date(None, phrase, published) == expected


def test_resolved_date_wins_over_phrase() -> None:
    assert resolve_date(D(2026, 1, 27), "Saturday", D(2026, 1, 24)) == (D(2026, 1, 27), D(2026, 1, 27))


# --------------------------------------------------------------------------- places


def key(text: str) -> str:
    ref = parse_place(text, ALIASES)
    assert ref is not None
    return ref.key


def test_place_normalization() -> None:
    assert key("Kiev") == key("the city of Kyiv") == key("KYIV.") == "kyiv"
    assert key("Chernihiv region") == key("Chernihiv Oblast") == "chernihiv region"
    assert key("Chernihiv region") != key("Chernihiv")
    assert key("Bogotá") == key("Bogota") == "bogota"
    assert key("Kharkiv and Odesa") == key("Odessa & Kharkov") == "kharkiv + odesa"
    assert key("Cypress, Texas") == "cypress, texas"
    assert parse_place("the city", ALIASES) is None
    assert parse_place(None, ALIASES) is None


def test_place_parts() -> None:
    site = parse_place("collapsed mosque, Blang Mancung village (Central Aceh district)", ALIASES)
    assert site is not None
    assert (site.head, site.containers) == (
        "collapsed mosque",
        ("blang mancung village", "central aceh district"),
    )
    hospitals = parse_place("hospitals in Bener Meriah district", ALIASES)
    assert hospitals is not None
    assert (hospitals.head, hospitals.containers) == ("hospitals", ("bener meriah district",))
    unspecified = parse_place("unspecified location", ALIASES)
    assert unspecified is not None and unspecified.residual


@pytest.mark.parametrize(
    ("inner", "outer", "expected"),
    [
        ("Kyiv", "Kyiv and Kharkiv", True),
        ("Odesa", "Kyiv and Kharkiv", False),
        ("Takengon (Central Aceh district)", "Central Aceh district", True),
        ("Takengon (Central Aceh district)", "Aceh province", True),
        ("Central Aceh district", "Aceh province", True),
        ("Aceh province", "Central Aceh district", False),
        ("West Virginia", "Virginia", False),
        ("Kyiv", "Chernihiv region", False),
        ("Fort Lauderdale-Hollywood International Airport", "Fort Lauderdale, Florida", False),
    ],
)
def test_named_within(inner: str, outer: str, expected: bool) -> None:
    a, b = parse_place(inner, ALIASES), parse_place(outer, ALIASES)
    assert a is not None and b is not None
    assert named_within(a, b) is expected


# --------------------------------------------------------------------------- event linking


def linked_members(documents: list[Document], events: list[Event]) -> list[list[str]]:
    linked, _ = link_events(events, documents, ReconcileSettings())
    return [le.members for le in linked]


def test_c00_kharkiv_on_24_and_27_january_are_different_events() -> None:
    documents = [doc("a", D(2026, 1, 24)), doc("b", D(2026, 1, 27))]
    events = [
        event("a:e1", "a", phrase="overnight", places=("Kyiv", "Kharkiv"), kind="strike"),
        event("b:e1", "b", date=D(2026, 1, 27), places=("Kharkiv", "Odesa"), kind="drone strike"),
    ]
    assert linked_members(documents, events) == [["a:e1"], ["b:e1"]]
    claims = [
        claim("a:c1", "a", "injured", 11, 19, place="Kharkiv", event_id="a:e1"),
        claim("b:c1", "b", "injured", 30, 30, place="Kharkiv", event_id="b:e1"),
        claim("a:c2", "a", "drones_struck", 25, 25, place="Kharkiv", event_id="a:e1"),
        claim("b:c2", "b", "drones_struck", 3, 3, place="Kharkiv", event_id="b:e1"),
    ]
    result = reconcile(documents, events, claims)
    assert kinds(result) == [("within_document_range", "injured", "Kharkiv", ["a"])]


def test_relative_dates_link_across_documents() -> None:
    documents = [doc("a", D(2013, 11, 11)), doc("b", D(2013, 11, 10)), doc("c", D(2013, 11, 11))]
    events = [
        event("a:e1", "a", phrase="Saturday night", places=("Cypress, Texas",), kind="shooting"),
        event("b:e1", "b", phrase="yesterday", places=("Cypress",), kind="mass shooting"),
        event("c:e1", "c", date=D(2013, 11, 9), places=("Harris County",), kind="gunfire"),
    ]
    linked, mapping = link_events(events, documents, ReconcileSettings())
    assert linked == [
        LinkedEvent(
            id="E1",
            members=["a:e1", "b:e1"],
            documents=["a", "b"],
            date=D(2013, 11, 9),
            places=["Cypress, Texas", "Cypress"],
            kind="shooting",
            description="a:e1",
        ),
        LinkedEvent(
            id="E2",
            members=["c:e1"],
            documents=["c"],
            date=D(2013, 11, 9),
            places=["Harris County"],
            kind="gunfire",
            description="c:e1",
        ),
    ]
    assert mapping["a:e1"] == mapping["b:e1"]


def test_compatible_places_by_name_and_incompatible_places() -> None:
    documents = [doc("a"), doc("b"), doc("c")]
    events = [
        event("a:e1", "a", date=D(2017, 1, 6), places=("Fort Lauderdale-Hollywood International Airport",)),
        event("b:e1", "b", date=D(2017, 1, 6), places=("Fort Lauderdale, Florida",)),
        event("c:e1", "c", date=D(2017, 1, 6), places=("Anchorage, Alaska",)),
    ]
    assert linked_members(documents, events) == [["a:e1", "b:e1"], ["c:e1"]]


def test_background_events_with_partial_dates_stay_apart() -> None:
    documents = [doc("a", D(2013, 7, 2)), doc("b", D(2013, 7, 3))]
    events = [
        event("a:quake", "a", date=D(2013, 7, 2), places=("Aceh province",)),
        event("a:2012", "a", phrase="2012-04", places=("Aceh province",)),
        event("a:2004", "a", phrase="2004", places=("Aceh province",)),
        event("b:quake", "b", phrase="yesterday", places=("Aceh province", "Bener Meriah district")),
        event("b:2012", "b", phrase="April last year", places=("Aceh province",)),
        event("b:2004", "b", phrase="2004", places=("Indian Ocean region",)),
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
        event("a:e1", "a", date=D(2026, 1, 24), places=("Kharkiv",)),
        event("a:e2", "a", date=D(2026, 1, 25), places=("Kharkiv",)),
        event("b:e1", "b", phrase="2026-01", places=("Kharkiv",)),
    ]
    groups = linked_members(documents, events)
    assert sorted(len(g) for g in groups) == [1, 2]
    assert not any({"a:e1", "a:e2"} <= set(g) for g in groups)


def test_undated_event_links_only_when_unambiguous() -> None:
    documents = [doc("a"), doc("b"), doc("c")]
    events = [
        event("a:e1", "a", date=D(2013, 7, 2), places=("Aceh province",), kind="earthquake"),
        event("b:e1", "b", places=("Aceh province",), kind="quake"),
        event("c:e1", "c", places=("Padang",), kind="earthquake"),
    ]
    assert linked_members(documents, events) == [["a:e1", "b:e1"], ["c:e1"]]
    documents.append(doc("d"))
    events.append(event("d:e1", "d", date=D(2004, 12, 26), places=("Aceh province",), kind="earthquake"))
    assert linked_members(documents, events) == [["d:e1"], ["a:e1"], ["b:e1"], ["c:e1"]]


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


# --------------------------------------------------------------------------- conflicts

ONE_EVENT = [event("a:e", "a", date=D(2013, 11, 9)), event("b:e", "b", date=D(2013, 11, 9))]


def test_cross_document_needs_intervals_that_do_not_overlap() -> None:
    documents = [doc("a", D(2013, 11, 11)), doc("b", D(2013, 11, 11))]
    claims = [
        claim("a:1", "a", "injured", 19, 19, place="Cypress"),
        claim("b:1", "b", "wounded", 20, None, place="Cypress, Texas", text="at least 20"),
        claim("a:2", "a", "hospitalized", 15, 15),
        claim("b:2", "b", "hospitalized", 16, 16),
        claim("a:3", "a", "killed", 2, 2),
        claim("b:3", "b", "dead", 2, None),
        claim("a:4", "a", "percent_without_power", None, None, nominal=80),
        claim("b:4", "b", "percent_without_power", 70, 70),
    ]
    result = reconcile(documents, ONE_EVENT, claims)
    assert result.conflicts == [
        Conflict(
            kind=ConflictKind.CROSS_DOCUMENT,
            event="E1",
            metric="hospitalized",
            sides=[
                ConflictSide(document="a", claims=["a:2"], low=15, high=15, published=D(2013, 11, 11)),
                ConflictSide(document="b", claims=["b:2"], low=16, high=16, published=D(2013, 11, 11)),
            ],
            why="a reports 15 and b reports 16 for hospitalized: these cannot both be true",
        ),
        Conflict(
            kind=ConflictKind.CROSS_DOCUMENT,
            event="E1",
            metric="injured",
            place="Cypress, Texas",
            sides=[
                ConflictSide(document="a", claims=["a:1"], low=19, high=19, published=D(2013, 11, 11)),
                ConflictSide(document="b", claims=["b:1"], low=20, high=None, published=D(2013, 11, 11)),
            ],
            why=(
                "a reports 19 and b reports at least 20 for injured in Cypress, Texas: "
                "these cannot both be true"
            ),
        ),
    ]


def test_cross_document_marks_the_newer_document() -> None:
    documents = [doc("early", D(2013, 7, 2)), doc("late", D(2013, 7, 3))]
    events = [event("early:e", "early", date=D(2013, 7, 2)), event("late:e", "late", phrase="yesterday")]
    claims = [claim("early:1", "early", "killed", 5, 5), claim("late:1", "late", "killed", 24, 24)]
    result = reconcile(documents, events, claims)
    assert [(c.kind.value, c.newer, c.why) for c in result.conflicts] == [
        (
            "cross_document",
            "late",
            "early reports 5 and late reports 24 for killed: these cannot both be true; late was "
            "published later with the higher figure: possibly an updated count",
        )
    ]
    as_revision = reconcile(documents, events, claims, ReconcileSettings(later_rise_kind="revision"))
    assert [(c.kind.value, c.newer) for c in as_revision.conflicts] == [("revision", "late")]


def test_within_document_range_and_two_figures() -> None:
    documents = [doc("a")]
    events = [event("a:e", "a")]
    claims = [
        claim("a:1", "a", "injured", 11, 19, place="Kharkiv", text="between 11 and 19"),
        claim("a:2", "a", "hospitalized_gunshot", 6, 6, place="Broward Health"),
        claim("a:3", "a", "hospitalized_gunshot", 5, 5, place="Broward Health"),
    ]
    result = reconcile(documents, events, claims)
    assert [(c.kind.value, c.metric, [s.claims for s in c.sides], c.why) for c in result.conflicts] == [
        (
            "within_document_range",
            "hospitalized_gunshot",
            [["a:3"], ["a:2"]],
            "a itself gives figures that cannot all be true (5; 6) for hospitalized gunshot in "
            "Broward Health",
        ),
        (
            "within_document_range",
            "injured",
            [["a:1"]],
            "a itself gives a range (11 to 19) for injured in Kharkiv",
        ),
    ]
    quiet = reconcile(documents, events, claims, ReconcileSettings(flag_ranges=False))
    assert [c.metric for c in quiet.conflicts] == ["hospitalized_gunshot"]


def test_revision_supersedes_the_old_figure() -> None:
    documents = [doc("krem", D(2017, 1, 7)), doc("nbc", D(2017, 1, 6))]
    events = [event("krem:e", "krem", date=D(2017, 1, 6)), event("nbc:e", "nbc", date=D(2017, 1, 6))]
    claims = [
        claim("krem:1", "krem", "injured", 6, 6, text="Five people were killed and six injured"),
        claim(
            "krem:2",
            "krem",
            "injured",
            8,
            8,
            text="The number of injured was revised Saturday from eight to six",
        ),
        claim("nbc:1", "nbc", "wounded", 6, 6),
    ]
    result = reconcile(documents, events, claims)
    assert result.superseded == ["krem:2"]
    assert result.conflicts == [
        Conflict(
            kind=ConflictKind.REVISION,
            event="E1",
            metric="injured",
            sides=[
                ConflictSide(document="krem", claims=["krem:2"], low=8, high=8, published=D(2017, 1, 7)),
                ConflictSide(document="krem", claims=["krem:1"], low=6, high=6, published=D(2017, 1, 7)),
            ],
            why="krem says injured changed from 8 to 6: use 6",
            newer="krem",
        )
    ]
    assert [(e.metric, e.low, e.best, e.high, e.claims) for e in result.estimates] == [
        ("injured", 6, 6, 6, ["krem:1", "nbc:1"])
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "old", "new"),
    [
        ("The number of injured was revised Saturday from eight to six", 8, 8, 6),
        ("the toll rose from 5 to 11 overnight", 11, 5, 11),
        ("bringing the confirmed death toll from the disaster to 11.", 11, None, 11),
        ("The death toll climbed to 24, up from 11 on Tuesday", 24, 11, 24),
        ("Five people were killed and six injured", 5, None, None),
    ],
)
def test_revision_cues(sentence: str, value: int, old: int | None, new: int | None) -> None:
    cue = find_revision_cue(sentence, value)
    assert (None if cue is None else (cue.old, cue.new)) == (
        None if old is None and new is None else (old, new)
    )


def test_part_total_tension_compound_places() -> None:
    documents = [doc("a"), doc("b")]
    events = [
        event("a:e", "a", date=D(2026, 1, 24), places=("Kyiv", "Kharkiv")),
        event("b:e", "b", date=D(2026, 1, 27), places=("Kharkiv", "Odesa")),
    ]
    claims = [
        claim("a:1", "a", "injured", 21, None, place="across the two cities", text="more than 20"),
        claim("a:2", "a", "injured", 4, 4, place="Kyiv"),
        claim("a:3", "a", "injured", 11, 19, place="Kharkiv"),
        claim("b:1", "b", "killed", 9, None, place="Kharkiv and Odesa"),
        claim("b:2", "b", "killed", 5, 5, place="Kharkiv"),
        claim("b:3", "b", "killed", 3, 3, place="Odesa"),
        claim("b:4", "b", "injured", 12, None, place="Kharkiv and Odesa", vague="dozens"),
        claim("b:5", "b", "injured", 35, 35, place="Odesa"),
    ]
    result = reconcile(documents, events, claims)
    tensions = [c for c in result.conflicts if c.kind is ConflictKind.PART_TOTAL_TENSION]
    assert [(c.event, c.metric, c.place, [s.claims for s in c.sides], c.why) for c in tensions] == [
        (
            "E1",
            "injured",
            "across the two cities",
            [["a:1"], ["a:3", "a:2"]],
            "the total for across the two cities is at least 21, while the parts sum to Kharkiv 11 to 19 + "
            "Kyiv 4 = 15 to 23: consistent only if Kharkiv had at least 17",
        ),
        (
            "E2",
            "killed",
            "Kharkiv and Odesa",
            [["b:1"], ["b:2", "b:3"]],
            "the total for Kharkiv and Odesa is at least 9, while the parts sum to Kharkiv 5 + Odesa 3 = 8: "
            "at least 1 unaccounted for",
        ),
    ]


def test_part_total_tension_province_and_districts() -> None:
    documents = [doc("a")]
    events = [event("a:e", "a", places=("Aceh province", "Bener Meriah district", "Central Aceh district"))]
    claims = [
        claim("a:1", "a", "injured", 249, 249, place="Aceh province"),
        claim("a:2", "a", "injured", 70, 70, place="Bener Meriah district"),
        claim("a:3", "a", "injured", 140, 140, place="Central Aceh district"),
        claim("a:4", "a", "killed", 24, 24, place="Aceh province"),
        claim("a:5", "a", "killed", 12, 12, place="Bener Meriah district"),
        claim("a:6", "a", "killed", 10, 10, place="Central Aceh district"),
        claim("a:7", "a", "killed", 2, 2, place="unspecified location"),
        claim("a:8", "a", "buildings_damaged", 301, None, place="Aceh province", text="more than 300"),
        claim("a:9", "a", "buildings_damaged", None, None, nominal=1500, place="Central Aceh district"),
        claim("a:10", "a", "magnitude", 6.1, 6.1, place="Aceh province"),
        claim("a:11", "a", "magnitude", 5.0, 5.0, place="Central Aceh district"),
        claim("a:12", "a", "missing", 2, 2, place="Aceh province"),
        claim("a:13", "a", "missing", 3, 3, place="hospitals in Bener Meriah district"),
    ]
    result = reconcile(documents, events, claims)
    assert [(c.metric, c.why) for c in result.conflicts] == [
        (
            "buildings_damaged",
            "the total at least 301 in Aceh province is below what its parts already give "
            "(Central Aceh district 1,500): not a strict contradiction, but the total is implausibly low",
        ),
        (
            "injured",
            "the total for Aceh province is 249, while the parts sum to Bener Meriah district 70 + "
            "Central Aceh district 140 = 210: 39 unaccounted for",
        ),
        (
            "missing",
            "hospitals in Bener Meriah district alone has 3, more than the total 2 in Aceh province "
            "that contains it",
        ),
    ]


def test_places_without_known_containment_are_not_parts() -> None:
    documents = [doc("a")]
    events = [event("a:e", "a", places=("Kyiv", "Kharkiv"))]
    claims = [
        claim("a:1", "a", "people_without_power", 800001, None, place="Kyiv"),
        claim("a:2", "a", "people_without_power", 400000, 400000, place="Chernihiv region"),
    ]
    assert reconcile(documents, events, claims).conflicts == []


# --------------------------------------------------------------------------- estimates


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


def test_ungrounded_claims_are_left_out_and_counted() -> None:
    documents = [doc("a"), doc("b")]
    events = [event("a:e", "a"), event("b:e", "b")]
    claims = [
        claim("a:1", "a", "killed", 5, 5),
        claim("b:1", "b", "killed", 50, 50, status=SpanStatus.UNGROUNDED),
    ]
    result = reconcile(documents, events, claims)
    assert (result.conflicts, result.ungrounded, [e.claims for e in result.estimates]) == ([], 1, [["a:1"]])


def test_describe_quantity() -> None:
    assert [
        describe_quantity(Quantity(phrase="x", low=11, high=19)),
        describe_quantity(Quantity(phrase="x", low=21)),
        describe_quantity(Quantity(phrase="x", high=40, nominal=40, approximate=True)),
        describe_quantity(Quantity(phrase="x", nominal=80, approximate=True, unit="percent")),
        describe_quantity(Quantity(phrase="x", low=12, vague="dozens")),
        describe_quantity(Quantity(phrase="x", low=6.1, high=6.1)),
    ] == ["11 to 19", "at least 21", "nearly 40", "about 80 percent", "dozens (at least 12)", "6.1"]


def test_reconcile_report_returns_a_filled_copy() -> None:
    documents = [doc("a"), doc("b")]
    events = [event("a:e", "a"), event("b:e", "b")]
    claims = [claim("a:1", "a", "killed", 5, 5), claim("b:1", "b", "killed", 6, 6)]
    report = Report(run=RunInfo(tool_version="test"), documents=documents, events=events, claims=claims)
    filled = reconcile_report(report)
    assert report.linked_events == [] and report.conflicts == [] and report.estimates == []
    assert [le.members for le in filled.linked_events] == [["a:e"], ["b:e"]]
    assert filled.conflicts == [] and [e.claims for e in filled.estimates] == [["a:1"], ["b:1"]]


# --------------------------------------------------------------------------- the dev cases


def _reproduces(gold: GoldConflict, output: Conflict, case: Case, result: Reconciliation) -> bool:
    documents = sorted({side.document for side in output.sides})
    if output.kind is not gold.kind or documents != sorted(gold.documents):
        return False
    if normalize_metric(output.metric) != normalize_metric(gold.metric):
        return False
    if gold.place and output.place and not places_compatible(gold.place, output.place):
        return False
    if gold.event:
        member = f"{gold.documents[0]}:{gold.event}"
        linked = next(le for le in result.linked_events if member in le.members)
        return output.event == linked.id
    return True


def _refers_to(claim: Claim, ref: dict[str, str]) -> bool:
    """An annotated must_not_conflict side: document, metric, place and, where given, event."""
    if claim.document != ref["document"] or normalize_metric(claim.metric) != normalize_metric(ref["metric"]):
        return False
    if ref.get("place") and claim.place and not places_compatible(ref["place"], claim.place):
        return False
    return "event" not in ref or claim.event == f"{ref['document']}:{ref['event']}"


def flagged_pairs(case: Case, conflicts: list[Conflict]) -> list[str]:
    """The `why` of each must_not_conflict pair that one conflict sets on two of its sides.

    Read from annotations.json itself: `cases.MustNotConflict` does not keep the optional
    `event` of a side, which c08 needs to tell the 2012 quake's toll from the 2013 one's.
    """
    raw = json.loads((case.path / "annotations.json").read_text(encoding="utf-8"))
    claims = {c.id: c for c in case.claims}
    flagged = []
    for pair in raw.get("must_not_conflict", []):
        for conflict in conflicts:
            sides = [[claims[cid] for cid in side.claims] for side in conflict.sides]
            a_sides = {n for n, side in enumerate(sides) if any(_refers_to(c, pair["a"]) for c in side)}
            b_sides = {n for n, side in enumerate(sides) if any(_refers_to(c, pair["b"]) for c in side)}
            if any(a != b for a in a_sides for b in b_sides):
                flagged.append(pair["why"])
                break
    return flagged


def case_results(case: Case) -> tuple[Reconciliation, list[GoldConflict], list[Conflict], list[str]]:
    """(reconciliation, gold conflicts missed, extra conflicts, must_not_conflict pairs flagged)."""
    result = reconcile(case.documents, case.events, case.claims)
    missed = [g for g in case.conflicts if not any(_reproduces(g, o, case, result) for o in result.conflicts)]
    extra = [o for o in result.conflicts if not any(_reproduces(g, o, case, result) for g in case.conflicts)]
    return result, missed, extra, flagged_pairs(case, result.conflicts)


DEV_CASES = find_cases(DEV) if DEV.is_dir() else []


@pytest.mark.parametrize("path", DEV_CASES, ids=[p.name for p in DEV_CASES])
def test_dev_case_conflicts_are_reproduced(path: Path) -> None:
    case = load_case(path)
    _, missed, _, flagged = case_results(case)
    assert [(g.kind.value, g.documents, g.metric, g.place) for g in missed] == []
    assert flagged == []


def test_dev_cases_link_the_annotated_events() -> None:
    for path in DEV_CASES:
        case = load_case(path)
        result = reconcile(case.documents, case.events, case.claims)
        expected = sorted(
            sorted(e.id for e in case.events if e.id.split(":", 1)[1] == gold_id)
            for gold_id in {e.id.split(":", 1)[1] for e in case.events}
        )
        assert sorted(sorted(le.members) for le in result.linked_events) == expected, path.name
