"""Background sentences: where a report leaves its own incident for other ones.

News about one shooting or attack often sets it beside others: an earlier attack on the same
place ("In 2009, a gunman killed 13 people there"), a tally over a period ("the 30th homicide
this year", "five children have been shot in the city so far this year"), or other incidents
of the same day ("in a separate shooting, a man was wounded"). Their figures are true but are
not the incident's own; a headline figure must not be read from them.

`is_background` reads one sentence, no parse, `is_background_after` the sentence before it too;
`earlier_event_sentences` reads a document against
its event's date. Each rule below names the phenomenon it stands for.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

from summarizer.schemas import Document
from summarizer.text.dates import MONTH_PATTERN, YEAR_PATTERN, first_date_phrase, resolve_date

# A tally over a period of time, not one incident: "so far this year", "since January",
# "in recent years", "over the past month", "year to date".
_TALLY = re.compile(
    r"\b(?:this|the)\s+year\b(?!['’]s)|\bso\s+far\b|\byear\s+to\s+date\b|\bin\s+recent\s+(?:years|months|weeks)\b"
    r"|\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?|weeks|decades?)\b"
    r"|\bsince\s+(?:the\s+(?:start|beginning)\s+of|January|Jan\.|New\s+Year)",
    re.IGNORECASE,
)
# Another incident named as such: "in a separate shooting", "an unrelated attack", "a similar
# incident", "another shooting", "a previous killing".
_OTHER_INCIDENT = re.compile(
    r"\b(?:separate|unrelated|similar|previous|prior|earlier|another)\s+(?:\w+\s+)?"
    r"(?:shootings?|incidents?|attacks?|killings?|homicides?|murders?|stabbings?|cases?)\b",
    re.IGNORECASE,
)
# A roundup of several incidents: "in several shootings across the city", "a spate of
# shootings", "a string of attacks", "a wave of gunfire".
_ROUNDUP = re.compile(
    r"\b(?:several|multiple|numerous|a\s+(?:spate|string|series|rash|wave)\s+of)\s+(?:\w+\s+){0,3}?"
    r"(?:shootings|incidents|attacks|killings|homicides|stabbings)\b"
    r"|\ba\s+(?:spate|string|series|rash|wave)\s+of\s+(?:\w+\s+){0,3}?(?:gunfire|violence)\b",
    re.IGNORECASE,
)
# Casualties counted over a stated number of incidents: "20 shot in 12 incidents", "were
# wounded in three separate shootings".
_OVER_INCIDENTS = re.compile(
    r"\bin\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozens\s+of)\s+"
    r"(?:separate\s+|different\s+)?(?:shootings|incidents|attacks|stabbings)\b",
    re.IGNORECASE,
)
# Counts "in" shootings named by their day, time or area, not "the shootings" of one spree:
# "killed and 12 wounded in Chicago shootings throughout the day", "hurt in weekend shootings".
_IN_SHOOTINGS = re.compile(
    r"\bin\s+(?!(?:the|these|those|both|his|her|their|its|this)\b)(?:[\w-]+\s+){1,3}?shootings\b",
    re.IGNORECASE,
)
# A time a year or more back, named without its year: "last year a boy was killed there",
# "two years ago, a guard was shot"; a report's own incident is this year's ("last year's" is
# a possessive of a tally or an event, read by the other rules).
_YEARS_BACK = re.compile(r"\blast\s+year\b(?!['’]s)|\b(?:a|one|two|three|several|\d+)\s+years?\s+ago\b", re.I)
# A calendar year; "the 2000 block of Main Street" is an address, not a year.
_YEAR = re.compile(rf"\b({YEAR_PATTERN})\b(?![\s-]*block)")


def years_in(text: str) -> set[int]:
    """The calendar years a text names ("Nov. 5, 2009", "the 2014 shooting")."""
    return {int(y) for y in _YEAR.findall(text)}


def is_background(sentence: str, own_years: Collection[int]) -> bool:
    """Whether `sentence` speaks of something other than the incident: a tally over a period,
    another incident named as such, a time a year or more back, a roundup of several incidents,
    or a year that is not one of the incident's `own_years` (the report's publication year and
    the years its lede names)."""
    roundup = _ROUNDUP.search(sentence) or _IN_SHOOTINGS.search(sentence) or _OVER_INCIDENTS.search(sentence)
    if _TALLY.search(sentence) or _OTHER_INCIDENT.search(sentence) or roundup or _YEARS_BACK.search(sentence):
        return True
    return any(year not in own_years for year in years_in(sentence))


# A page's list of links to other stories ("MORE FROM THIS SITE", "PREVIOUS STORIES"): each item
# a bullet mark, then a headline with no closing stop ("+ Two hurt in crash on Route 9").
_LINKED_STORY = re.compile(r"^\W{0,2}[+•»►▶■]\s+[^.!?]+$")
# Incidents the sentence before named, taken up again: "in those shootings", "these attacks".
_REFERS_BACK = re.compile(
    r"\b(?:those|these)\s+(?:\w+\s+)?(?:shootings|incidents|attacks|killings|homicides|stabbings|crimes)\b",
    re.IGNORECASE,
)


def is_background_after(previous: str | None, sentence: str, own_years: Collection[int]) -> bool:
    """`is_background`, read with the sentence before: a link to another story in the page's list
    of related stories is background, and so is a sentence that takes up the incidents of a
    background sentence right before it ("3,000 were shot this year. Most of those shootings
    ...")."""
    if is_background(sentence, own_years) or _LINKED_STORY.match(sentence.strip()):
        return True
    return previous is not None and bool(_REFERS_BACK.search(sentence)) and is_background(previous, own_years)


# An opening that dates the sentence: "In 2004", "In April last year", "Back in September 2009".
# Or a year naming the event: "The 2004 tsunami killed ...".
_EARLIER_OPENING = re.compile(
    rf"^\W*(?:(?:back\s+)?(?:in|during)\s+(?:(?:early|late|mid)[-\s]+)?|the\s+(?={YEAR_PATTERN}\s+[a-z]))"
    rf"(?P<phrase>(?:(?:{MONTH_PATTERN})\.?\s+(?:of\s+)?)?(?:{YEAR_PATTERN}|last\s+year))\b",
    re.I,
)
_EARLIER_MARGIN = dt.timedelta(days=30)  # an earlier event, not the same one dated loosely


def earlier_event_sentences(document: Document, event_date: dt.date) -> set[int]:
    """Sentences of `document` about an event well before `event_date`: one that opens with an
    earlier time ("In 2004 ...", "In April last year ...") and the sentence right after it when
    it names no time of its own. Read with the event's date, as reconciliation knows it."""
    found: set[int] = set()
    previous = False
    for index, sentence in enumerate(document.sentences):
        text = document.text[sentence.start : sentence.end]
        opening = _EARLIER_OPENING.match(text)
        if opening is not None:
            phrase = opening["phrase"].lower()
            if phrase == "last year" and document.published is not None:
                phrase = str(document.published.year - 1)
            when = resolve_date(None, phrase, document.published)
            previous = when is not None and when[1] < event_date - _EARLIER_MARGIN
        elif previous:
            # The sentence after a background one continues it unless it dates itself.
            previous = False
            if first_date_phrase(text) is None and not years_in(text):
                found.add(index)
            continue
        if previous:
            found.add(index)
    return found
