"""The incident: its first mention, its kind, and its date against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.extraction.finder import find_candidates
from summarizer.schemas import Document
from summarizer.text.segment import segment

PUBLISHED = dt.date(2026, 1, 27)  # a Tuesday


def document(text: str, published: dt.date | None = PUBLISHED) -> Document:
    return Document(id="doc", text=text, source="-", published=published, sentences=segment(text))


@pytest.mark.parametrize(
    ("sentence", "date", "phrase"),
    [
        ("A drone strike hit Kharkiv on Saturday, killing 3 people.", dt.date(2026, 1, 24), "Saturday"),
        ("A drone strike hit Kharkiv yesterday, killing 3 people.", dt.date(2026, 1, 26), "yesterday"),
        ("A drone strike hit Kharkiv on Jan. 22, killing 3 people.", dt.date(2026, 1, 22), "Jan. 22"),
        (
            "A drone strike hit Kharkiv on 5 December 2025, killing 3 people.",
            dt.date(2025, 12, 5),
            "5 December 2025",
        ),
        ("A drone strike hit Kharkiv on Sept. 31, killing 3 people.", None, "Sept. 31"),  # no such day
    ],
)
def test_event_dates_resolve_against_the_publication_date(
    sentence: str, date: dt.date | None, phrase: str
) -> None:
    event = find_candidates(document(sentence)).event
    assert event is not None
    assert (event.kind, event.date, event.date_phrase, event.places) == ("strike", date, phrase, ["Kharkiv"])


@pytest.mark.parametrize(
    ("text", "sentence", "kind", "date", "phrase"),
    [
        # a dateline before the first mention gives the publication date, not the incident's
        (
            "KESTREL, Jan. 27 (Wire)\nA drone strike hit Kestrel on Saturday, killing four people.",
            1,
            "strike",
            dt.date(2026, 1, 24),
            "Saturday",
        ),
        # a sentence that stands for the incident without naming its kind still dates it
        (
            "A gunman opened fire at a party, killing two people. The violence unfolded late on Friday.",
            0,
            "shooting",
            dt.date(2026, 1, 23),
            "Friday",
        ),
        # the first kind a sentence names wins; with none named there, the document's first
        ("A tremor shook the coast and a tsunami warning was issued.", 0, "earthquake", None, None),
        ("Nine people were killed, officials said. The blast was heard for miles.", 0, "bombing", None, None),
        ("Nine people were killed, officials said.", 0, None, None, None),
    ],
)
def test_event_candidate(
    text: str, sentence: int, kind: str | None, date: dt.date | None, phrase: str | None
) -> None:
    event = find_candidates(document(text)).event
    assert event is not None
    assert (event.sentence, event.kind, event.date, event.date_phrase) == (sentence, kind, date, phrase)


def test_a_relative_date_without_a_publication_date() -> None:
    event = find_candidates(document("A blast hit the port on Friday.", published=None)).event
    assert event is not None
    assert (event.kind, event.date, event.date_phrase) == ("bombing", None, "Friday")


def test_no_incident() -> None:
    assert (
        find_candidates(document("The council met on Tuesday to discuss the budget for 2026.")).event is None
    )


def test_a_story_that_opens_with_its_people_finds_the_date_further_down() -> None:
    """Feature ledes (a victim, a family, the aftermath) can name the shooting many times before
    they say when it happened."""
    text = (
        "Teen killed in shooting at backyard party. "
        "A 17-year-old was shot dead at a party in Marlow. "
        "His brother was shot too. "
        "Friends said the shooting left them numb. "
        "The gunman fled before police arrived. "
        "Neighbors heard the gunfire from blocks away. "
        "Police said the shooter has not been found. "
        "The shooting happened late on Saturday night."
    )
    event = find_candidates(document(text)).event
    assert event is not None
    assert (event.date, event.date_phrase) == (dt.date(2026, 1, 24), "Saturday")


@pytest.mark.parametrize(
    "text",
    [
        "A former tenant opened fire in the lobby of the Harlow Building on Monday.",
        "Two men open fire on a bus stop in Delmont, wounding a teenager.",
    ],
)
def test_opened_fire_names_a_shooting(text: str) -> None:
    event = find_candidates(document(text)).event
    assert event is not None and event.kind == "shooting"


def test_a_fire_is_still_a_fire() -> None:
    event = find_candidates(document("A fire gutted the Harlow Building on Monday night.")).event
    assert event is not None and event.kind == "fire"
