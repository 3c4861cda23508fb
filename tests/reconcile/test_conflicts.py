"""Conflicts within one document and across documents."""

from __future__ import annotations

from reconcile_builders import D, claim, doc, event

from summarizer.reconcile.core import reconcile
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Conflict, ConflictKind, ConflictSide

ONE_EVENT = [event("a:e", "a", date=D(2013, 11, 9)), event("b:e", "b", date=D(2013, 11, 9))]


def test_cross_document_needs_intervals_that_do_not_overlap() -> None:
    documents = [doc("a", D(2013, 11, 11)), doc("b", D(2013, 11, 11))]
    claims = [
        claim("a:1", "a", "injured", 19, 19, place="Maple Bend"),
        claim(
            "b:1", "b", "wounded", 20, None, place="Maple Bend, Ohio", text="at least 20", hedge="at least"
        ),
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
            place="Maple Bend, Ohio",
            sides=[
                ConflictSide(document="a", claims=["a:1"], low=19, high=19, published=D(2013, 11, 11)),
                ConflictSide(document="b", claims=["b:1"], low=20, high=None, published=D(2013, 11, 11)),
            ],
            why=(
                "a reports 19 and b reports at least 20 for injured in Maple Bend, Ohio: "
                "these cannot both be true"
            ),
        ),
    ]


def test_a_strict_bound_is_described_as_stated() -> None:
    documents = [doc("a"), doc("b")]
    claims = [
        claim("a:1", "a", "homes_flooded", 800_001, None, text="more than 800,000", hedge="more than"),
        claim("b:1", "b", "homes_flooded", 650_000, 650_000),
    ]
    (conflict,) = reconcile(documents, ONE_EVENT, claims).conflicts
    assert conflict.why == (
        "a reports more than 800,000 and b reports 650,000 for homes flooded: these cannot both be true"
    )
    assert [(s.low, s.high) for s in conflict.sides] == [(800_001, None), (650_000, 650_000)]


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


def test_a_figure_that_fits_both_sides_is_named() -> None:
    documents = [doc("a"), doc("b")]
    claims = [
        claim("a:1", "a", "missing", 4, 4),
        claim("a:2", "a", "missing", 3, None, hedge="at least"),
        claim("b:1", "b", "missing", 7, 7),
    ]
    assert [c.why for c in reconcile(documents, ONE_EVENT, claims).conflicts] == [
        "a reports 4 and b reports 7 for missing: these cannot both be true "
        "(at least 3, also given, fits both)"
    ]


def test_within_document_range_and_two_figures() -> None:
    documents = [doc("a")]
    events = [event("a:e", "a")]
    claims = [
        claim("a:1", "a", "injured", 11, 19, place="Belcastle", text="between 11 and 19"),
        claim("a:2", "a", "hospitalized_gunshot", 6, 6, place="Lakeside General"),
        claim("a:3", "a", "hospitalized_gunshot", 5, 5, place="Lakeside General"),
    ]
    result = reconcile(documents, events, claims)
    assert [(c.kind.value, c.metric, [s.claims for s in c.sides], c.why) for c in result.conflicts] == [
        (
            "within_document_range",
            "hospitalized_gunshot",
            [["a:3"], ["a:2"]],
            "a itself gives figures that cannot all be true (5; 6) for hospitalized gunshot in "
            "Lakeside General",
        ),
        (
            "within_document_range",
            "injured",
            [["a:1"]],
            "a itself gives a range (11 to 19) for injured in Belcastle",
        ),
    ]
    quiet = reconcile(documents, events, claims, ReconcileSettings(flag_ranges=False))
    assert [c.metric for c in quiet.conflicts] == ["hospitalized_gunshot"]


def test_a_much_smaller_figure_in_one_article_is_a_group_it_singles_out() -> None:
    """'40 were taken to hospital ... 7 of them with burns': two rival totals in one article
    differ by little; a figure under half of another is a group the article singles out."""
    documents = [doc("a")]
    events = [event("a:e", "a")]
    claims = [
        claim("a:1", "a", "hospitalized", 40, 40, place="Corran"),
        claim("a:2", "a", "hospitalized", 7, 7, place="Corran"),
        claim("a:3", "a", "killed", 9, 9, place="Corran"),
        claim("a:4", "a", "killed", 8, 8, place="Corran"),
    ]
    result = reconcile(documents, events, claims)
    assert [(c.metric, [s.claims for s in c.sides]) for c in result.conflicts] == [
        ("killed", [["a:4"], ["a:3"]])
    ]


def test_a_spread_of_a_non_casualty_figure_is_an_estimate() -> None:
    """'between 30 and 40 shots', 'five to ten homes': estimates, not reports that disagree."""
    documents = [doc("a")]
    events = [event("a:e", "a")]
    claims = [
        claim("a:1", "a", "shots_fired", 30, 40, text="between 30 and 40"),
        claim("a:2", "a", "houses_damaged", 5, 10, text="five to ten"),
        claim("a:3", "a", "injured", 3, 6, text="three to six"),
    ]
    result = reconcile(documents, events, claims)
    assert [(c.kind.value, c.metric) for c in result.conflicts] == [("within_document_range", "injured")]


def test_a_disagreement_is_reported_once_at_its_widest_place() -> None:
    """Two documents disagree about the province's toll and the district's: one finding."""
    documents = [doc("a", D(2013, 7, 2)), doc("b", D(2013, 7, 3))]
    events = [
        event("a:e", "a", date=D(2013, 7, 2), places=("Norland province", "Vesk district")),
        event("b:e", "b", date=D(2013, 7, 2), places=("Norland province", "Vesk district")),
    ]
    claims = [
        claim("a:1", "a", "killed", 5, 5, place="Norland province"),
        claim("b:1", "b", "killed", 20, 20, place="Norland province"),
        claim("a:2", "a", "killed", 2, 2, place="Vesk district"),
        claim("b:2", "b", "killed", 9, 9, place="Vesk district"),
    ]
    result = reconcile(documents, events, claims)
    assert [(c.kind.value, c.place) for c in result.conflicts] == [("cross_document", "Norland province")]
