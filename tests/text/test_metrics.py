"""The metric vocabulary: synonyms to canonical names, and metrics guessed from a sentence."""

from __future__ import annotations

import json

import pytest
from paths import DEV, shared

from summarizer.text.metrics import (
    CANONICAL_METRICS,
    CASUALTY_METRICS,
    INCIDENT_WORDS,
    PEOPLE_METRICS,
    is_casualty_metric,
    is_casualty_word,
    metric_from_context,
    normalize_metric,
)

NORMALIZE = [
    ("killed", "killed"),
    ("Killed", "killed"),
    ("dead", "killed"),
    ("died", "killed"),
    ("deaths", "killed"),
    ("fatalities", "killed"),
    ("death toll", "killed"),
    ("Death Toll", "killed"),
    ("lives lost", "killed"),
    ("number of people killed", "killed"),
    ("people killed", "killed"),
    ("confirmed deaths", "killed"),
    ("shot dead", "killed"),
    ("injured", "injured"),
    ("wounded", "injured"),
    ("hurt", "injured"),
    ("injuries", "injured"),
    ("people injured", "injured"),
    ("hospitalised", "hospitalized"),
    ("Hospitalized", "hospitalized"),
    ("taken to hospital", "hospitalized"),
    ("hospitalised_gunshot", "hospitalized_gunshot"),
    ("gunshot wounds", "injured_by_gunshot"),
    ("injured_by_gunshot", "injured_by_gunshot"),
    ("critically injured", "critical_condition"),
    ("in intensive care", "intensive_care"),
    ("ICU", "intensive_care"),
    ("seriously wounded", "seriously_injured"),
    ("children killed", "children_killed"),
    ("dead_including_suspect", "dead_including_suspect"),
    ("unaccounted for", "missing"),
    ("missing", "missing"),
    ("trapped under rubble", "trapped"),
    ("evacuees", "evacuated"),
    ("homeless", "displaced"),
    ("detained", "arrested"),
    ("gunmen", "suspects"),
    ("partygoers", "attendees"),
    ("shots", "shots_fired"),
    ("drones", "drones_launched"),
    ("drones shot down", "drones_intercepted"),
    ("missiles fired", "missiles_launched"),
    ("damaged homes", "houses_damaged"),
    ("structures damaged", "buildings_damaged"),
    ("without electricity", "people_without_power"),
    ("People Without Power", "people_without_power"),
    ("percent-without-power", "percent_without_power"),
    ("quake magnitude", "magnitude"),
    ("casualties", "casualties"),
    ("Tanks Destroyed", "tanks_destroyed"),
    ("  shelters opened ", "shelters_opened"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALIZE)
def test_normalize_metric(text: str, expected: str) -> None:
    assert normalize_metric(text) == expected


def test_canonical_metrics_are_fixed_points() -> None:
    assert [normalize_metric(m) for m in CANONICAL_METRICS] == list(CANONICAL_METRICS)
    assert len(set(CANONICAL_METRICS)) == len(CANONICAL_METRICS)
    assert set(CASUALTY_METRICS) <= set(PEOPLE_METRICS) <= set(CANONICAL_METRICS)


def test_every_annotated_metric_is_canonical() -> None:
    shared(DEV)
    metrics = {
        c["metric"] for p in DEV.glob("*/annotations.json") for c in json.loads(p.read_text())["claims"]
    }
    assert sorted(m for m in metrics if m not in CANONICAL_METRICS) == []


def test_casualty_words() -> None:
    casualty = ["wounded", "Fatalities", "dead,", "killed", "injured", "hurt", "missing", "victims"]
    assert [w for w in [*casualty, "drones", "people"] if is_casualty_word(w)] == casualty
    assert {"drones", "damaged", "evacuated", "killed"} <= INCIDENT_WORDS
    metrics = ["wounded", "death toll", "drones_launched", "evacuated", "intensive care"]
    assert [m for m in metrics if is_casualty_metric(m)] == ["wounded", "death toll", "intensive care"]


# Sentences from the dev articles, then (sentence, the number phrase in it, the metric expected).
S01 = (
    "The strikes killed at least one person in Kyiv and injured more than 20 across the two cities, "
    "according to local authorities."
)
S02 = (
    "Ukraine’s air force said Russia launched 375 drones and 21 missiles overnight, including "
    "Iskander ballistic missiles."
)
S03 = (
    "Kyiv Mayor Vitali Klitschko confirmed that one person was killed and four injured, three of whom"
    " were hospitalized."
)
S04 = (
    "Nearly 6,000 buildings in the capital were left without heating as temperatures fell to around "
    "minus 10 to minus 12 degrees Celsius."
)
S05 = (
    "Deputy Prime Minister Oleksiy Kuleba said more than 800,000 people in Kyiv and another 400,000 "
    "in Chernihiv region were left without power nationwide."
)
S06 = (
    "In Kharkiv, located roughly 30 km from the Russian border, Mayor Ihor Terekhov said 25 drones "
    "struck multiple districts, injuring between 11 and 19 people, including a child."
)
S07 = (
    "In Kharkiv, a passenger train carrying nearly 300 people was struck by three Geran-2 drones, "
    "killing five passengers."
)
S08 = (
    "Simultaneously, a massive drone swarm targeted Odesa, striking a power facility and residential "
    "areas, which left three dead and 35 injured."
)
S09 = (
    "The regional governor of Kharkiv, Oleh Syniehubov, confirmed that the strikes have knocked out "
    "electricity to approximately 80 percent of the city."
)
S10 = "Russia currently occupies roughly 20% of Ukrainian territory."
S11 = "Two shot dead, two critical and 19 others injured after mass shooting at house party in Houston"
S12 = "In all, 16 people were treated for gunshot wounds"
S13 = "Richardson's brother was one of 18 survivors who reportedly suffered gunshot wounds."
S14 = "According to HCSO, close to 100 people were present when the shooting happened."
S15 = (
    "A community is in mourning after a mass shooting this weekend at a northwest Harris County home "
    "left nearly two dozen people shot and two teens killed, and authorities say two suspects are "
    "still on the loose."
)
S16 = "Willie Young, 21, and Randy Stewart, 18, have been arrested"
S17 = (
    "Bruno Figueroa, who lives a few houses down the street, told The Associated Press he heard five "
    "to 10 shots."
)
S18 = (
    "Police said they are looking for two people suspected of being the gunmen responsible for the "
    "deaths and injuries"
)
S19 = "The number of injured was revised Saturday from eight to six."
S20 = "Three of the victims are in good condition and the others are in intensive care."
S21 = "Three of the wounded remained in intensive care Saturday, said Florida Gov. Rick Scott."
S22 = (
    "Four of the helpless victims gunned down by a madman inside a Florida airport were headed to "
    "joyous family getaways."
)
S23 = (
    "Six gunshot victims were brought to Broward Health Medical Center after Friday's shooting in "
    "which five others died."
)
S24 = (
    "BSO Fire Rescue said of 30 people transported to hospitals from the airport, 29 were taken to "
    "Broward Health Medical Center and one was taken to Memorial Regional Hospital."
)
S25 = "The killer had a handgun and went through about three magazines before running out of ammunition."
S26 = "The party was attended by some 100 people, mostly young adults."
S27 = "AN EARTHQUAKE killed six children and left 14 others trapped when a mosque collapsed."
S28 = "The strong 6.1-magnitude quake left hundreds more injured as it rocked a region."
S29 = (
    "The quake, which hit at a shallow depth of just 10 kilometres, injured more than 200 people and "
    "damaged more than 300 houses in Aceh."
)
S30 = "One of the fatalities was a child who died when a wall collapsed."
S31 = "There are around 30 people seriously injured, some with head injuries."
S32 = (
    "In neighbouring Central Aceh district, 10 people were killed, 140 were injured and about 1,500 "
    "houses and buildings were damaged, Nugroho said."
)
S33 = (
    "The quake also triggered landslides and caused hundreds of people to be evacuated to 10 "
    "temporary shelters."
)
S34 = "He said at least 25 of the injured in his district were hospitalised in intensive care."
S35 = (
    "In 2004 a massive tremor sparked a tsunami that killed 170,000 people in the province and tens "
    "of thousands more in countries around the Indian Ocean."
)
S36 = (
    "In 2004, a magnitude-9.1 earthquake off Aceh triggered a tsunami that killed 230,000 people in "
    "14 countries."
)
S37 = "Injured people had been transported from several affected villages in two trucks, she said."
S38 = "Ukrainian air defenses faced one of the heaviest combined assaults of the winter."
CONTEXT = [
    (S01, "at least one", "killed"),
    (S01, "more than 20", "injured"),
    (S01, "two", None),
    (S02, "375", "drones_launched"),
    (S02, "21", "missiles_launched"),
    (S03, "one", "killed"),
    (S03, "four", "injured"),
    (S03, "three", "hospitalized"),
    (S04, "Nearly 6,000", "buildings_without_heating"),
    (S04, "around minus 10 to minus 12 degrees Celsius", None),
    (S05, "more than 800,000", "people_without_power"),
    (S05, "400,000", "people_without_power"),
    (S06, "roughly 30 km", None),
    (S06, "25", "drones_struck"),
    (S06, "between 11 and 19", "injured"),
    (S07, "three", "drones_struck"),
    (S07, "five", "killed"),
    (S08, "three", "killed"),
    (S08, "35", "injured"),
    (S09, "approximately 80 percent", "percent_without_power"),
    (S10, "roughly 20%", None),
    (S11, "Two", "killed"),
    (S11, "two", "critical_condition"),
    (S11, "19", "injured"),
    (S12, "16", "injured_by_gunshot"),
    (S13, "18", "injured_by_gunshot"),
    (S14, "close to 100", "attendees"),
    (S15, "nearly two dozen", "shot"),
    (S16, "21", None),
    (S17, "five to 10", "shots_fired"),
    (S18, "two", "suspects"),
    (S19, "eight", "injured"),
    (S19, "six", "injured"),
    (S20, "Three", "good_condition"),
    (S21, "Three", "intensive_care"),
    (S22, "Four", "killed"),
    (S23, "Six", "hospitalized_gunshot"),
    (S23, "five", "killed"),
    (S24, "30", "hospitalized"),
    (S24, "one", "hospitalized"),
    (S25, "about three", "magazines_emptied"),
    (S26, "some 100", "attendees"),
    (S27, "six", "children_killed"),
    (S27, "14", "trapped"),
    (S28, "6.1-magnitude", "magnitude"),
    (S28, "hundreds", "injured"),
    (S29, "more than 200", "injured"),
    (S29, "more than 300", "houses_damaged"),
    (S30, "One", "children_killed"),
    (S31, "around 30", "seriously_injured"),
    (S32, "140", "injured"),
    (S32, "about 1,500", "buildings_damaged"),
    (S33, "hundreds", "evacuated"),
    (S33, "10", None),
    (S34, "at least 25", "intensive_care"),
    (S35, "tens of thousands", "killed"),
    (S36, "14", None),
    (S37, "two", None),
    (S38, "one", None),
]


@pytest.mark.parametrize(
    ("sentence", "phrase", "expected"), CONTEXT, ids=[f"{p}->{m}" for _, p, m in CONTEXT]
)
def test_metric_from_context(sentence: str, phrase: str, expected: str | None) -> None:
    start = sentence.index(phrase)
    assert metric_from_context(sentence, start, start + len(phrase)) == expected
