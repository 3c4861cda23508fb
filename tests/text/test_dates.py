"""Dates: the one month table, phrases resolved against publication, header and file-name dates."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.text.dates import (
    MONTHS,
    date_in_stem,
    date_in_text,
    days_apart,
    first_date_phrase,
    month_number,
    resolve_date,
    resolve_day,
    weekday_number,
)

D = dt.date

# 2013-11-11 is a Monday.
MONDAY = D(2013, 11, 11)


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("2013-07-02", None, (D(2013, 7, 2), D(2013, 7, 2))),
        ("2012-04", None, (D(2012, 4, 1), D(2012, 4, 30))),
        ("2004", None, (D(2004, 1, 1), D(2004, 12, 31))),
        ("in 2004", None, (D(2004, 1, 1), D(2004, 12, 31))),
        ("September 2009", None, (D(2009, 9, 1), D(2009, 9, 30))),
        ("Sept. 2009", None, (D(2009, 9, 1), D(2009, 9, 30))),
        ("2 July 2013", None, (D(2013, 7, 2), D(2013, 7, 2))),
        ("the 2nd of July 2013", None, (D(2013, 7, 2), D(2013, 7, 2))),
        ("July 2nd, 2013", None, (D(2013, 7, 2), D(2013, 7, 2))),
        ("Feb 30, 2013", None, None),
        ("April last year", D(2013, 7, 3), (D(2012, 4, 1), D(2012, 4, 30))),
        ("March 5", D(2013, 7, 3), (D(2013, 3, 5), D(2013, 3, 5))),
        ("5th of March", D(2013, 7, 3), (D(2013, 3, 5), D(2013, 3, 5))),
        # A day after publication is last year's.
        ("Dec. 30", D(2014, 1, 2), (D(2013, 12, 30), D(2013, 12, 30))),
        ("March 5", None, None),
        ("yesterday", D(2013, 7, 3), (D(2013, 7, 2), D(2013, 7, 2))),
        ("yesterday afternoon", D(2013, 7, 3), (D(2013, 7, 2), D(2013, 7, 2))),
        ("last night", D(2013, 7, 3), (D(2013, 7, 2), D(2013, 7, 2))),
        ("overnight", D(2026, 1, 24), (D(2026, 1, 23), D(2026, 1, 24))),
        ("today", D(2026, 1, 24), (D(2026, 1, 24), D(2026, 1, 24))),
        ("this morning", D(2026, 1, 24), (D(2026, 1, 24), D(2026, 1, 24))),
        ("Saturday", MONDAY, (D(2013, 11, 9), D(2013, 11, 9))),
        ("late Saturday", MONDAY, (D(2013, 11, 9), D(2013, 11, 9))),
        ("Sunday night", MONDAY, (D(2013, 11, 10), D(2013, 11, 11))),
        ("Monday", MONDAY, (MONDAY, MONDAY)),
        ("last Monday", MONDAY, (D(2013, 11, 4), D(2013, 11, 4))),
        ("Saturday", None, None),
        ("some time ago", MONDAY, None),
        (None, MONDAY, None),
    ],
)
def test_resolve_date(
    phrase: str | None, published: dt.date | None, expected: tuple[dt.date, dt.date] | None
) -> None:
    assert resolve_date(None, phrase, published) == expected


def test_a_resolved_date_wins_over_the_phrase() -> None:
    assert resolve_date(D(2026, 1, 27), "Saturday", D(2026, 1, 24)) == (D(2026, 1, 27), D(2026, 1, 27))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((D(2020, 1, 1), D(2020, 1, 1)), (D(2020, 1, 1), D(2020, 1, 1)), 0),
        ((D(2020, 1, 1), D(2020, 1, 3)), (D(2020, 1, 2), D(2020, 1, 9)), 0),
        ((D(2020, 1, 1), D(2020, 1, 1)), (D(2020, 1, 4), D(2020, 1, 5)), 3),
        ((D(2020, 1, 4), D(2020, 1, 5)), (D(2020, 1, 1), D(2020, 1, 1)), 3),
    ],
)
def test_days_apart(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], expected: int) -> None:
    assert days_apart(a, b) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("March", 3), ("mar", 3), ("Mar.", 3), ("Sept", 9), ("sep", 9), ("december", 12), ("Marchy", None)],
)
def test_month_number(name: str, expected: int | None) -> None:
    assert month_number(name) == expected


def test_one_month_table() -> None:
    assert len(set(MONTHS.values())) == 12
    assert weekday_number("Sunday") == 6 and weekday_number("Sun-day") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Filed on January 24, 2026 by our desk", D(2026, 1, 24)),
        ("Posted 03 July 2013, 10:15", D(2013, 7, 3)),
        ("Updated: 2017-01-06T09:00", D(2017, 1, 6)),
        ("Sept. 9, 2014 | Weather desk", D(2014, 9, 9)),
        ("February 30, 2014, then March 2, 2014", D(2014, 3, 2)),
        ("No date on this line", None),
    ],
)
def test_date_in_text(line: str, expected: dt.date | None) -> None:
    assert date_in_text(line) == expected


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("harbour-fire-2019-05-14", D(2019, 5, 14)),
        ("flood_2021_08_02_update", D(2021, 8, 2)),
        ("notes-12", None),
    ],
)
def test_date_in_stem(stem: str, expected: dt.date | None) -> None:
    assert date_in_stem(stem) == expected


@pytest.mark.parametrize(
    ("sentence", "phrase", "day"),
    [
        ("The ferry ran aground on March 5 near the pier.", "March 5", D(2015, 3, 5)),
        ("Crews were called on 5 March 2014 to the bridge.", "5 March 2014", D(2014, 3, 5)),
        ("A storm hit the coast yesterday, officials said.", "yesterday", D(2015, 6, 9)),
        ("The roof gave way overnight.", "overnight", D(2015, 6, 10)),
        ("Volunteers gathered on Saturday to clear debris.", "Saturday", D(2015, 6, 6)),
        ("Nothing in this sentence names a day.", None, None),
    ],
)
def test_first_date_phrase_and_its_day(sentence: str, phrase: str | None, day: dt.date | None) -> None:
    published = D(2015, 6, 10)  # a Wednesday
    found = first_date_phrase(sentence)
    assert found == phrase
    assert (resolve_day(found, published) if found else None) == day
