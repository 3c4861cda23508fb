"""Background sentences: other incidents, tallies over a period, other years.

Every sentence here is written for this test; none comes from an evaluation article."""

from __future__ import annotations

import pytest

from summarizer.text.background import is_background, years_in

OWN = {2021}  # the report's publication year and the years its lede names

# A tally over a period of time is not one incident.
TALLIES = [
    "It was the town's ninth homicide so far this year.",
    "Twelve children have been shot in the county since January.",
    "Police recorded 40 shootings over the past month.",
    "Gun deaths have risen in recent years, the study found.",
]
# Another incident named as such.
OTHER_INCIDENTS = [
    "In a separate shooting, a man was wounded on Elm Street.",
    "An unrelated attack left two people hurt across town.",
    "A similar incident killed a driver on the same road.",
]
# A roundup of several incidents.
ROUNDUPS = [
    "Nine people were wounded in several weekend shootings across the city.",
    "A spate of shootings left four teenagers hurt on Saturday.",
    # figures "in" shootings named by their day or area: several incidents
    "Two people were killed and nine wounded in overnight shootings across the county.",
    "At least four men died in Sunday shootings on the west side, police said.",
]
# A year that is not the incident's: an earlier attack recalled.
OTHER_YEARS = [
    "In 2009, a gunman killed eight people at the same mall.",
    "The bar was also the scene of a deadly stabbing in March 2015.",
]
# A time a year or more back, named without its year.
YEARS_BACK = [
    "Last year a teenager was shot dead on the same corner.",
    "Two years ago, a security guard was wounded at the store.",
]
# The incident itself: its own year, an address that looks like a year, no marker.
FOREGROUND = [
    "Two men were shot outside a diner on Friday night.",
    "The victim was found in the 2000 block of Pine Avenue.",
    "The June 2021 shooting left three people wounded.",
    "A woman died and her son was hurt, police said.",
    "Three people were killed in the shootings at the mall and the bus depot.",
    "Both men were wounded in those shootings, the chief said.",
    "The man's cousin, who moved to the city a year later, was shot in the leg.",
]


@pytest.mark.parametrize("sentence", TALLIES + OTHER_INCIDENTS + ROUNDUPS + OTHER_YEARS + YEARS_BACK)
def test_background(sentence: str) -> None:
    assert is_background(sentence, OWN)


@pytest.mark.parametrize("sentence", FOREGROUND)
def test_foreground(sentence: str) -> None:
    assert not is_background(sentence, OWN)


def test_years_in() -> None:
    assert years_in("On Nov. 3, 2014, and again in 2016, shots were fired.") == {2014, 2016}
    assert years_in("Officers went to the 1900 block of Oak Street.") == set()
