"""Dates: the one month and weekday table, and reading date phrases.

Deterministic, no LLM. Three readers share the table:

- `resolve_date`: a phrase as an interval of days against a publication date ("Saturday" is the
  latest Saturday on or before publication, "overnight" the night before it, "2012-04" the whole
  month, "March 5" the latest March 5 on or before publication);
- `date_in_text` and `date_in_stem`: a full date written in a header line or a file name, for
  a document's publication date;
- `first_date_phrase` and `resolve_day`: the first date phrase of a sentence, and the one day
  it names, for an event found by the candidate finder.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

DateRange = tuple[dt.date, dt.date]

# Month names, three-letter abbreviations and "sept", lower case, to the month's number.
MONTHS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
# The abbreviations among them: "jan" ... "dec" and "sept".
MONTH_ABBREVIATIONS = frozenset(name for name in MONTHS if len(name) == 3) | {"sept"}
# Weekday names, lower case, to Python's weekday number (Monday 0).
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}

MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_PATTERN = "|".join(WEEKDAYS)
# A calendar year in digits, 1900 to 2099: "1999", "2026".
YEAR_PATTERN = r"(?:19|20)\d\d"
_FULL_MONTH_PATTERN = "|".join(name.lower() for name in calendar.month_name if name)


def month_number(name: str) -> int | None:
    """'March', 'mar', 'Mar.', 'Sept' -> 3, 3, 3, 9; None for anything else."""
    return MONTHS.get(name.strip().rstrip(".").lower())


def weekday_number(name: str) -> int | None:
    """'Saturday' -> 5 (Monday is 0); None for anything else."""
    return WEEKDAYS.get(name.strip().lower())


def weekday_on_or_before(published: dt.date, weekday: int, *, strictly_before: bool = False) -> dt.date:
    """The latest day with that weekday on or before `published` (before it, when strict)."""
    back = (published.weekday() - weekday) % 7
    if strictly_before and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _month_range(year: int, month: int) -> DateRange | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_range(year: int, month: int, day: int) -> DateRange | None:
    date = _day(year, month, day)
    return None if date is None else (date, date)


def _day_on_or_before(published: dt.date, month: int, day: int) -> dt.date | None:
    """'March 5' with no year: the latest March 5 on or before publication."""
    date = _day(published.year, month, day)
    if date is not None and date > published:
        date = _day(published.year - 1, month, day)
    return date


# --------------------------------------------------------------------------- phrases as intervals

_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?({MONTH_PATTERN})\.?,?\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}}){_ORDINAL},?\s+(\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b({MONTH_PATTERN})\.?,?\s+(?:of\s+)?(\d{{4}})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?({_FULL_MONTH_PATTERN})\b")
_MONTH_DAY = re.compile(rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}}){_ORDINAL}\b(?!\d)")
_MONTH_LAST_YEAR = re.compile(rf"\b({MONTH_PATTERN})\b\.?\s+(?:of\s+)?last\s+year\b")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")
_WEEKDAY = re.compile(rf"\b(last\s+)?({WEEKDAY_PATTERN})\b(\s+night)?")
_SAME_DAY = re.compile(r"\b(today|tonight|this (?:morning|afternoon|evening)|earlier today)\b")
_YESTERDAY = re.compile(r"\b(yesterday|last night)\b")
_OVERNIGHT = re.compile(r"\bovernight\b")


def resolve_date(date: dt.date | None, phrase: str | None, published: dt.date | None) -> DateRange | None:
    """The interval of days an event can have happened on, or None when nothing says.

    Absolute forms first ("2013-07-02", "2 July 2013", "July 2nd, 2013", "2012-04", "April
    2012", "2004"), then forms relative to publication: "March 5" / "5 March" (the latest such
    day on or before publication), "today"/"tonight" (that day), "yesterday"/"last night" (the
    day before), "overnight" (the night before: both days), a weekday name (the latest such day
    on or before publication; "last Saturday" strictly before; "Sunday night" runs into Monday),
    "April last year".
    """
    if date is not None:
        return date, date
    if not phrase:
        return None
    absolute, fixed, rule = _reading(phrase.strip().lower())
    if absolute:
        return fixed
    return None if published is None or rule is None else rule(published)


# How a phrase relative to publication resolves, given the publication date.
_Rule = Callable[[dt.date], DateRange | None]
_ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=1 << 12)
def _reading(text: str) -> tuple[bool, DateRange | None, _Rule | None]:
    """A phrase read once however many events use it ("yesterday", "on Saturday"): whether it is
    absolute, with its interval, else the rule that resolves it against a publication date."""
    try:
        exact = dt.date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return True, (exact, exact), None
    if found := _YEAR_MONTH.match(text):
        return True, _month_range(int(found[1]), int(found[2])), None
    if found := _YEAR.match(text):
        year = int(found[1])
        return True, (dt.date(year, 1, 1), dt.date(year, 12, 31)), None
    if found := _DAY_MONTH_YEAR.search(text):
        return True, _day_range(int(found[3]), MONTHS[found[2]], int(found[1])), None
    if found := _MONTH_DAY_YEAR.search(text):
        return True, _day_range(int(found[3]), MONTHS[found[1]], int(found[2])), None
    if found := _MONTH_YEAR.search(text):
        return True, _month_range(int(found[2]), MONTHS[found[1]]), None
    return False, None, _relative_rule(text)


def _relative_rule(text: str) -> _Rule | None:
    if found := _MONTH_LAST_YEAR.search(text):
        month = MONTHS[found[1]]
        return lambda published: _month_range(published.year - 1, month)
    if (found := _MONTH_DAY.search(text)) or (found := _DAY_MONTH.search(text)):
        month_text, day_text = (found[1], found[2]) if found.re is _MONTH_DAY else (found[2], found[1])
        month, day_number = MONTHS[month_text], int(day_text)

        def on_or_before(published: dt.date) -> DateRange | None:
            day = _day_on_or_before(published, month, day_number)
            return None if day is None else (day, day)

        return on_or_before
    if _OVERNIGHT.search(text):
        return lambda published: (published - _ONE_DAY, published)
    if _YESTERDAY.search(text):
        return lambda published: (published - _ONE_DAY, published - _ONE_DAY)
    if _SAME_DAY.search(text):
        return lambda published: (published, published)
    if found := _WEEKDAY.search(text):
        weekday, strictly_before, night = WEEKDAYS[found[2]], bool(found[1]), bool(found[3])

        def latest_weekday(published: dt.date) -> DateRange:
            day = weekday_on_or_before(published, weekday, strictly_before=strictly_before)
            return day, day + _ONE_DAY if night else day

        return latest_weekday
    return None


def days_apart(a: DateRange, b: DateRange) -> int:
    """Days between two intervals; 0 when they overlap."""
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


# --------------------------------------------------------------------------- one day in a sentence

_FIRST_DATE_PHRASE = re.compile(
    rf"\b(?P<month>{MONTH_PATTERN})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<year>\d{{4}}))?(?!\d)"
    rf"|\b(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<month2>{_FULL_MONTH_PATTERN})\b(?:,?\s+(?P<year2>\d{{4}}))?"
    r"|\b(?P<relative>yesterday|today|tonight|overnight|last night|this (?:morning|afternoon|evening))\b"
    rf"|\b(?P<weekday>{WEEKDAY_PATTERN})\b",
    re.IGNORECASE,
)


def first_date_phrase(sentence: str) -> str | None:
    """The first date phrase of a sentence: 'March 5', '5 March 2013', 'yesterday', 'Saturday'."""
    found = _FIRST_DATE_PHRASE.search(sentence)
    return found.group() if found else None


def resolve_day(phrase: str, published: dt.date | None) -> dt.date | None:
    """The one day a phrase names: `resolve_date`'s interval when it is a single day; for
    "overnight" the publication day (the night ends on it), for "Sunday night" the Sunday."""
    text = phrase.strip().lower()
    if published is not None and _OVERNIGHT.fullmatch(text):
        return published
    found = resolve_date(None, phrase, published)
    if found is None:
        return None
    if found[0] == found[1] or _WEEKDAY.search(text):
        return found[0]
    return None


# --------------------------------------------------------------------------- dates in headers

_HEADER_MONTH = rf"(?P<month>{MONTH_PATTERN})\.?"
_HEADER_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_HEADER_YEAR = rf"(?P<year>{YEAR_PATTERN})(?!\d)"
_TEXT_DATES = [
    # January 24, 2026
    re.compile(rf"(?<!\w){_HEADER_MONTH}\s+{_HEADER_DAY},?\s+{_HEADER_YEAR}", re.IGNORECASE),
    # 03 July 2013
    re.compile(rf"(?<!\w){_HEADER_DAY}\s+(?:of\s+)?{_HEADER_MONTH},?\s+{_HEADER_YEAR}", re.IGNORECASE),
    # 2017-01-06
    re.compile(rf"(?<!\d)(?P<year>{YEAR_PATTERN})-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)"),
]
_STEM_DATE = re.compile(rf"(?<!\d)(?P<year>{YEAR_PATTERN})[-_](?P<month>\d{{2}})[-_](?P<day>\d{{2}})(?!\d)")


def _date_from(match: re.Match[str]) -> dt.date | None:
    month = match.group("month")
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    return _day(int(match.group("year")), number, int(match.group("day")))


def date_in_text(line: str) -> dt.date | None:
    """The first valid full date written in a line: 'January 24, 2026', '03 July 2013', '2017-01-06'."""
    candidates = [m for pattern in _TEXT_DATES for m in pattern.finditer(line)]
    for match in sorted(candidates, key=lambda m: m.start()):
        date = _date_from(match)
        if date is not None:
            return date
    return None


def date_in_stem(stem: str) -> dt.date | None:
    """A date in a file name: 'report-2013-07-02', 'clash_2026_01_24'."""
    match = _STEM_DATE.search(stem)
    return _date_from(match) if match is not None else None
