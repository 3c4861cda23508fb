"""The rules labeller on figures said more than once, single people beside a count, conditions,
figures beside their word, a quake's magnitude and people taken to hospital (self-written news)."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.extraction.rules import extract_by_rules
from summarizer.schemas import Document
from summarizer.text.segment import segment

Found = tuple[str, str | None, float | None, float | None, str]


def claims(text: str) -> list[Found]:
    doc = Document(id="doc", text=text, source="-", published=dt.date(2026, 3, 2), sentences=segment(text))
    return [
        (c.metric, c.place, c.quantity.low, c.quantity.high, c.span.text)
        for c in extract_by_rules(doc).claims
    ]


def metrics(text: str) -> list[tuple[str, float | None, str]]:
    return [(m, low, span) for m, _, low, _, span in claims(text)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # the window's condition says more than the parse's general measure
        (
            "The fire in Lakeside left three dead, two critical and 11 others injured, officials said.",
            ("critical_condition", 2.0, "two"),
        ),
        (
            "Officials said 30 people were hurt in Millbrook, with 12 suffering gunshot wounds.",
            ("injured_by_gunshot", 12.0, "12"),
        ),
    ],
)
def test_a_condition_is_kept_over_the_general_measure(text: str, wanted: tuple[str, float, str]) -> None:
    assert wanted in metrics(text)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # a gunshot wound says no more than "shot": all of a group hit, the dead too
        (
            "Four men were found dead in the house in Ridgeway. All four men suffered gunshot wounds.",
            ("shot", 4.0, "four"),
        ),
        (
            "Two people died at the scene in Oakdale. All three victims suffered gunshot wounds, police say.",
            ("shot", 3.0, "three"),
        ),
    ],
)
def test_people_shot_with_gunshot_wounds_stay_shot(text: str, wanted: tuple[str, float, str]) -> None:
    assert wanted in metrics(text)


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # list-style headlines that the parser leaves unattached
        (
            "Three dead, 7 wounded after gunfire at Lakeside Mall\n\nPolice are looking for a gunman.",
            ("injured", 7.0, "7"),
        ),
        ("Four people are dead, two more shot, and dozens hurt in Millbrook.", ("shot", 2.0, "two")),
        (
            "Storm Batters Coastal Norland Town Killing Two\n\nThe storm hit on Monday.",
            ("killed", 2.0, "Two"),
        ),
    ],
)
def test_a_figure_beside_its_casualty_word_is_kept(text: str, wanted: tuple[str, float, str]) -> None:
    assert wanted in metrics(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Two people were killed in a shooting in Millbrook on Sunday. "
            "A 19-year-old woman died at the scene, police said.",
            "A 19-year-old woman",
        ),
        (
            "Five people were wounded at a bus stop in Lakeside. Her brother was wounded in the leg.",
            "Her brother",
        ),
    ],
)
def test_one_person_of_a_counted_total_is_not_a_figure(text: str, person: str) -> None:
    assert all(span != person for *_, span in claims(text))


@pytest.mark.parametrize(
    "text",
    [
        "A 17-year-old boy was shot and killed in Millbrook on Friday night, police said.",
        "Jane Okafor was killed when a car struck her in Lakeside on Monday.",
    ],
)
def test_one_person_is_a_count_of_one_when_nothing_else_is_counted(text: str) -> None:
    assert [m for m, low, _ in metrics(text) if m == "killed" and low == 1]


@pytest.mark.parametrize(
    "text",
    [
        "Four dead, 10 hurt in Lakeside blast\n\nFour people were killed and 10 hurt when a tanker "
        "exploded in "
        "Lakeside on Monday. The four people killed in the blast were drivers.",
        "Six killed as bus overturns near Millbrook\n\nSix people were killed when a bus overturned near "
        "Millbrook on Sunday. All six killed were passengers.",
    ],
)
def test_a_headline_figure_repeated_in_the_body_is_kept_once_there(text: str) -> None:
    killed = [c for c in claims(text) if c[0] == "killed"]
    first_line = text.split("\n")[0]
    assert len([c for c in killed if c[4] in first_line]) >= 1
    assert len(killed) == 2  # the headline's and the body's first; the body's repeat is one of them


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "A 5.8-magnitude earthquake struck Norland's Vessa province on Monday. The 5.8-magnitude quake "
            "struck inland in the mountainous Kell district, the survey said.",
            "Vessa province",
        ),
        (
            "A strong earthquake hit Norland's Vessa province, killing two people. In 2009, a 7.1-magnitude "
            "quake struck 200 kilometres off Port Arlen.",
            "Vessa province",
        ),
    ],
)
def test_a_magnitude_is_placed_at_the_event(text: str, place: str) -> None:
    assert {p for m, p, *_ in claims(text) if m == "magnitude"} == {place}


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        (
            "Of 14 people taken to hospitals from Lakeside Mall, "
            "12 were taken to Lakeside Memorial Hospital.",
            [("hospitalized", "Lakeside Mall", 14), ("hospitalized", "Lakeside Memorial Hospital", 12)],
        ),
        (
            "A gunman opened fire at Millbrook Station. "
            "Nine victims were brought to Saint Anne Medical Center.",
            [("hospitalized", "Saint Anne Medical Center", 9)],
        ),
    ],
)
def test_people_taken_to_hospital_are_counted_at_the_hospital(
    text: str, wanted: list[tuple[str, str, float]]
) -> None:
    found = [(m, p, low) for m, p, low, _, _ in claims(text) if m == "hospitalized"]
    assert found == wanted


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # coordinated phrases counted as their sum, not as the number that opens them
        (
            "Two boys and a girl were wounded when shots rang out at the fair in Elmwood.",
            ("injured", 3.0, "Two boys"),
        ),
        (
            "Police said three men and two women were killed in the crash near Fairview.",
            ("killed", 5.0, "three men"),
        ),
    ],
)
def test_coordinated_people_are_counted_as_their_sum(text: str, wanted: tuple[str, float, str]) -> None:
    metric, figure, opening = wanted
    assert [(m, low) for m, low, span in metrics(text) if span.startswith(opening)] == [(metric, figure)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        # people missing with no number: read from the parse like any casualty state
        (
            "A kayaker and his brother are missing after their boat capsized off Brightsea.",
            ("missing", 2.0, "A kayaker and his brother"),
        ),
        (
            "An elderly woman remains missing after the mudslide in Hollin, rescuers said.",
            ("missing", 1.0, "An elderly woman"),
        ),
    ],
)
def test_people_missing_are_counted_without_a_number(text: str, wanted: tuple[str, float, str]) -> None:
    assert [(m, low, span) for m, low, span in metrics(text) if m == "missing"] == [wanted]
