"""Background sentences: other incidents, tallies over a period, other years.

Every sentence here is written for this test; none comes from an evaluation article."""

from __future__ import annotations

import pytest

from summarizer.text.background import is_background, is_background_after, years_in

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
    # casualties over a stated number of incidents
    "Fifteen people were shot in nine incidents across the county over the holiday.",
    "Bloody weekend: 11 wounded in 6 separate shootings",
    # a spate of gunfire or violence
    "A wave of holiday gunfire left a dozen people hurt around the city.",
    "A string of weekend violence left three men dead on the north side.",
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


# A page's list of links to other stories: a bullet mark, then a headline with no closing stop.
LINKED_STORIES = [
    "+ Two hurt in crash on Route 9",
    "• Woman dead, man wounded in Elm Street shooting",
    "» 3 injured when car hits bus shelter",
]
# A bullet that is a sentence of the report, with its stop.
BULLETED_SENTENCES = [
    "• Two people were wounded in the shooting on Friday.",
    "+ The gunman shot three people before he was arrested.",
]


@pytest.mark.parametrize("sentence", LINKED_STORIES)
def test_a_link_to_another_story_is_background(sentence: str) -> None:
    assert is_background_after(None, sentence, OWN)
    assert not is_background(sentence, OWN)


@pytest.mark.parametrize("sentence", BULLETED_SENTENCES)
def test_a_bulleted_sentence_is_not_a_link(sentence: str) -> None:
    assert not is_background_after(None, sentence, OWN)


# Incidents the sentence before named, taken up again: background after a background sentence,
# the incident's own after a sentence about it.
TAKEN_UP_AGAIN = [
    (
        "Police counted 2,100 shootings in the city so far this year.",
        "More than 2,400 people were wounded in those shootings.",
    ),
    (
        "In 2018, two gunmen attacked a pair of churches in the town.",
        "Nine people died in these attacks, and 20 were hurt.",
    ),
]
ABOUT_THE_INCIDENT = [
    (
        "Gunmen opened fire at a bar and at a gas station on Friday night.",
        "Three people were wounded in those shootings, police said.",
    ),
    (
        "Two men attacked shoppers with knives at the market on Monday.",
        "Four people were hurt in these attacks.",
    ),
]


@pytest.mark.parametrize(("previous", "sentence"), TAKEN_UP_AGAIN)
def test_incidents_of_a_background_sentence_taken_up_again(previous: str, sentence: str) -> None:
    assert is_background_after(previous, sentence, OWN)


@pytest.mark.parametrize(("previous", "sentence"), ABOUT_THE_INCIDENT)
def test_incidents_of_the_report_taken_up_again(previous: str, sentence: str) -> None:
    assert not is_background_after(previous, sentence, OWN)
