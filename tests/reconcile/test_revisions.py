"""Revisions: a document that says its figure changed; the old figure is superseded."""

from __future__ import annotations

import pytest
from reconcile_builders import D, claim, doc, event

from summarizer.reconcile.core import reconcile
from summarizer.reconcile.revisions import cued_documents, find_revision_cue
from summarizer.schemas import Claim, Conflict, ConflictKind, ConflictSide


def _corrected_late_report(correction: str, early_text: str = "") -> list[Claim]:
    """The later document states seven hurt and says the count was corrected from nine
    (`correction`); the earlier one says seven."""
    return [
        claim("late:1", "late", "injured", 7, 7, text="Two riders died and seven were hurt"),
        claim("late:2", "late", "injured", 9, 9, text=correction),
        claim("early:1", "early", "wounded", 7, 7, text=early_text),
    ]


def test_revision_supersedes_the_old_figure() -> None:
    documents = [doc("late", D(2017, 1, 7)), doc("early", D(2017, 1, 6))]
    events = [event("late:e", "late", date=D(2017, 1, 6)), event("early:e", "early", date=D(2017, 1, 6))]
    claims = _corrected_late_report("The count of people hurt was corrected on Sunday from nine to seven")
    result = reconcile(documents, events, claims)
    assert result.superseded == ["late:2"]
    assert result.conflicts == [
        Conflict(
            kind=ConflictKind.REVISION,
            event="E1",
            metric="injured",
            sides=[
                ConflictSide(document="late", claims=["late:2"], low=9, high=9, published=D(2017, 1, 7)),
                ConflictSide(document="late", claims=["late:1"], low=7, high=7, published=D(2017, 1, 7)),
            ],
            why="late says injured changed from 9 to 7: use 7",
            newer="late",
        )
    ]
    assert [(e.metric, e.low, e.best, e.high, e.claims) for e in result.estimates] == [
        ("injured", 7, 7, 7, ["early:1", "late:1"])
    ]


def test_only_documents_that_say_a_figure_changed_are_cued() -> None:
    documents = [doc("late", D(2017, 1, 7)), doc("early", D(2017, 1, 6))]
    claims = _corrected_late_report(
        "The count of people hurt was corrected from nine to seven", "Seven were hurt"
    )
    assert cued_documents(claims, {d.id: d for d in documents}) == {"late"}
    assert cued_documents(claims[:1] + claims[2:], {d.id: d for d in documents}) == set()


@pytest.mark.parametrize(
    ("sentence", "value", "cue"),
    [
        ("The count of people hurt was corrected on Sunday from nine to seven", 9, (9, 7)),
        ("the tally rose from 5 to 11 by noon", 11, (5, 11)),
        ("Officials lowered the figure from twenty-two to 18 after a recount.", 18, (22, 18)),
        ("A late find, bringing the number of stranded hikers to 11.", 11, (None, 11)),
        ("The count of damaged sheds climbed to 24, up from 11 on Tuesday", 24, (11, 24)),
        ("The number of flooded cellars went from a dozen to 30 overnight", 30, (12, 30)),
        ("The total rose to one hundred by evening.", 100, (None, 100)),
        ("The number of dead was raised from three to five after the collapse.", 5, (3, 5)),
        ("Officials lowered the death toll from 14 to 11 on Tuesday.", 14, (14, 11)),
        ("Two more people died overnight, raising the death toll to 9 from 7.", 9, (7, 9)),
        ("Police said the number of wounded had been revised to four from six.", 4, (6, 4)),
        ("Divers found two more bodies, bringing the death toll from 5 to 7.", 7, (5, 7)),
        ("Two riders died and seven were hurt", 2, None),
        ("Someone spoke to the crew at noon.", 0, None),
    ],
)
def test_revision_cues(sentence: str, value: int, cue: tuple[int | None, int | None] | None) -> None:
    found = find_revision_cue(sentence, value)
    assert (None if found is None else (found.old, found.new)) == cue
