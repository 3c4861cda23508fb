"""Parts and totals: the places of one document whose figures cannot make up the total."""

from __future__ import annotations

from reconcile_builders import D, claim, doc, event

from summarizer.reconcile.core import reconcile
from summarizer.schemas import ConflictKind


def test_part_total_tension_compound_places() -> None:
    documents = [doc("a"), doc("b")]
    events = [
        event("a:e", "a", date=D(2026, 1, 24), places=("Ardmore", "Belcastle")),
        event("b:e", "b", date=D(2026, 1, 27), places=("Belcastle", "Corrin")),
    ]
    claims = [
        claim(
            "a:1",
            "a",
            "injured",
            21,
            None,
            place="across the two towns",
            text="more than 20",
            hedge="more than",
        ),
        claim("a:2", "a", "injured", 4, 4, place="Ardmore"),
        claim("a:3", "a", "injured", 11, 19, place="Belcastle"),
        claim("b:1", "b", "killed", 9, None, place="Belcastle and Corrin", hedge="at least"),
        claim("b:2", "b", "killed", 5, 5, place="Belcastle"),
        claim("b:3", "b", "killed", 3, 3, place="Corrin"),
        claim("b:4", "b", "injured", 12, None, place="Belcastle and Corrin", vague="dozens"),
        claim("b:5", "b", "injured", 35, 35, place="Corrin"),
    ]
    result = reconcile(documents, events, claims)
    tensions = [c for c in result.conflicts if c.kind is ConflictKind.PART_TOTAL_TENSION]
    assert [(c.event, c.metric, c.place, [s.claims for s in c.sides], c.why) for c in tensions] == [
        (
            "E1",
            "injured",
            "across the two towns",
            [["a:1"], ["a:2", "a:3"]],
            "the total for across the two towns is more than 20, while the parts sum to Ardmore 4 + "
            "Belcastle 11 to 19 = 15 to 23: consistent only if Belcastle had at least 17",
        ),
        (
            "E2",
            "killed",
            "Belcastle and Corrin",
            [["b:1"], ["b:2", "b:3"]],
            "the total for Belcastle and Corrin is at least 9, while the parts sum to Belcastle 5 + "
            "Corrin 3 = 8: at least 1 unaccounted for",
        ),
    ]


def test_part_total_tension_province_and_districts() -> None:
    documents = [doc("a")]
    events = [
        event("a:e", "a", places=("Norland province", "Vessa Hills district", "Central Norland district"))
    ]
    claims = [
        claim("a:1", "a", "injured", 249, 249, place="Norland province"),
        claim("a:2", "a", "injured", 70, 70, place="Vessa Hills district"),
        claim("a:3", "a", "injured", 140, 140, place="Central Norland district"),
        claim("a:4", "a", "killed", 24, 24, place="Norland province"),
        claim("a:5", "a", "killed", 12, 12, place="Vessa Hills district"),
        claim("a:6", "a", "killed", 10, 10, place="Central Norland district"),
        claim("a:7", "a", "killed", 2, 2, place="unspecified location"),
        claim("a:8", "a", "buildings_damaged", 301, None, place="Norland province", hedge="more than"),
        claim("a:9", "a", "buildings_damaged", None, None, nominal=1500, place="Central Norland district"),
        claim("a:10", "a", "magnitude", 6.1, 6.1, place="Norland province"),
        claim("a:11", "a", "magnitude", 5.0, 5.0, place="Central Norland district"),
        claim("a:12", "a", "missing", 2, 2, place="Norland province"),
        claim("a:13", "a", "missing", 3, 3, place="clinics in Vessa Hills district"),
    ]
    result = reconcile(documents, events, claims)
    assert [(c.metric, c.why) for c in result.conflicts] == [
        (
            "buildings_damaged",
            "the total more than 300 in Norland province is below what its parts already give "
            "(Central Norland district 1,500): not a strict contradiction, but the total is implausibly low",
        ),
        (
            "injured",
            "the total for Norland province is 249, while the parts sum to Central Norland district 140 + "
            "Vessa Hills district 70 = 210: 39 unaccounted for",
        ),
        (
            "missing",
            "clinics in Vessa Hills district alone has 3, more than the total 2 in Norland province "
            "that contains it",
        ),
    ]


def test_parts_that_exceed_the_total() -> None:
    documents = [doc("a")]
    events = [event("a:e", "a", places=("Ardmore", "Belcastle"))]
    claims = [
        claim("a:1", "a", "evacuated", 10, 10, place="Ardmore and Belcastle"),
        claim("a:2", "a", "evacuated", 8, 8, place="Ardmore"),
        claim("a:3", "a", "evacuated", 6, 6, place="Belcastle"),
    ]
    assert [c.why for c in reconcile(documents, events, claims).conflicts] == [
        "parts Ardmore 8 + Belcastle 6 = 14 exceed the total 10 in Ardmore and Belcastle"
    ]


def test_places_without_known_containment_are_not_parts() -> None:
    documents = [doc("a")]
    events = [event("a:e", "a", places=("Ardmore", "Belcastle"))]
    claims = [
        claim("a:1", "a", "people_without_power", 800_001, None, place="Ardmore", hedge="more than"),
        claim("a:2", "a", "people_without_power", 400_000, 400_000, place="Northwood region"),
    ]
    assert reconcile(documents, events, claims).conflicts == []


def test_figures_that_do_not_add_up_are_never_parts() -> None:
    documents = [doc("a")]
    events = [event("a:e", "a", places=("Ardmore", "Belcastle"))]
    claims = [
        claim("a:1", "a", "average_age", 30, 30, place="Ardmore and Belcastle"),
        claim("a:2", "a", "average_age", 40, 40, place="Ardmore"),
        claim("a:3", "a", "average_age", 45, 45, place="Belcastle"),
    ]
    assert reconcile(documents, events, claims).conflicts == []
