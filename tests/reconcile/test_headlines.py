"""Headline figures and the main event, on hand-made reports with exact expected figures."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarizer.reconcile.headlines import (
    add_headlines,
    claim_reading,
    document_figures,
    headline_figures,
    main_event,
)
from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Estimate,
    HeadlineFigure,
    LinkedEvent,
    Number,
    Quantity,
    Report,
    RunInfo,
    Span,
    SpanStatus,
)
from summarizer.text.quantities import parse_quantity
from summarizer.text.segment import segment

TEXT_A = "Five people were killed in the town. Two victims were wounded near North Ward."
TEXT_B = "Four people died, including the gunman. One officer was hurt."


def doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, text=text, source="hand-made", sentences=segment(text))


DOCS = {"a": doc("a", TEXT_A), "b": doc("b", TEXT_B)}


def claim(
    claim_id: str, document: str, metric: str, phrase: str, value: Number, event: str = "a:e1"
) -> Claim:
    text = DOCS[document].text
    start = text.index(phrase)
    sentence = next(s.index for s in DOCS[document].sentences if s.start <= start < s.end)
    return Claim(
        id=claim_id,
        document=document,
        sentence=sentence,
        metric=metric,
        quantity=Quantity(phrase=phrase, low=value, high=value, nominal=value),
        event=event,
        span=Span(text=phrase, start=start, end=start + len(phrase), status=SpanStatus.EXACT),
    )


CLAIMS = {
    c.id: c
    for c in [
        claim("a1", "a", "killed", "Five", 5),
        claim("a2", "a", "injured", "Two", 2),
        claim("b1", "b", "killed", "Four", 4, "b:e1"),
        claim("b2", "b", "injured", "One", 1, "b:e1"),
    ]
}
EVENT = LinkedEvent(id="E1", members=["a:e1", "b:e1"], documents=["a", "b"], description="a shooting")


def estimate(
    metric: str, place: str | None, best: Number, claims: list[str], low: Number | None = None
) -> Estimate:
    return Estimate(
        event="E1",
        metric=metric,
        place=place,
        low=best if low is None else low,
        best=best,
        high=best,
        conservative=best if low is None else low,
        sources=len({CLAIMS[c].document for c in claims}),
        claims=claims,
    )


def test_each_document_votes_with_its_lead_figure_and_places_are_parts() -> None:
    estimates = [
        estimate("injured", "North Ward", 2, ["a2"]),
        estimate("killed", None, 5, ["a1", "b1"], low=4),
        estimate("injured", None, 3, ["b2"]),
        estimate("arrested", None, 1, ["b2"]),
    ]
    figures = headline_figures(EVENT, estimates, CLAIMS, DOCS, [])
    assert figures == [
        HeadlineFigure(
            event="E1",
            metric="killed",
            low=4,
            best=5,  # a says five, b says four: a tie between documents goes to the larger
            high=5,
            conservative=4,
            reading="everyone",  # b1 says "including the gunman"; a1 says nothing
            documents=["a", "b"],
            claims=["a1", "b1"],  # every document's figure is cited
            disagree=True,
            parts=0,
        ),
        HeadlineFigure(
            event="E1",
            metric="injured",
            place="North Ward",  # a says two (in North Ward), b says one: the larger
            low=2,
            best=2,
            high=2,
            conservative=2,
            reading="victims",
            documents=["a", "b"],
            claims=["a2", "b2"],
            disagree=True,
            parts=1,
        ),
    ]


def hand_report(
    texts: dict[str, str],
    stated: list[tuple[str, str, str, Number]],
    published: dict[str, dt.date] | None = None,
) -> list[HeadlineFigure]:
    """Headline figures of one event from (document, metric, phrase, value) claims, one estimate
    per metric holding them all."""
    docs = {d: doc(d, t).model_copy(update={"published": (published or {}).get(d)}) for d, t in texts.items()}
    made: dict[str, Claim] = {}
    for n, (d, metric, phrase, value) in enumerate(stated):
        start = docs[d].text.index(phrase)
        sentence = next(s.index for s in docs[d].sentences if s.start <= start < s.end)
        made[f"c{n}"] = Claim(
            id=f"c{n}",
            document=d,
            sentence=sentence,
            metric=metric,
            quantity=parse_quantity(phrase) or Quantity(phrase=phrase, low=value, high=value, nominal=value),
            event=f"{d}:e1",
            span=Span(text=phrase, start=start, end=start + len(phrase), status=SpanStatus.EXACT),
        )
    metrics = sorted({c.metric for c in made.values()})
    estimates = [
        Estimate(
            event="E1",
            metric=m,
            sources=1,
            low=min(c.quantity.low or 0 for c in made.values() if c.metric == m),
            best=max(c.quantity.low or 0 for c in made.values() if c.metric == m),
            high=max(c.quantity.low or 0 for c in made.values() if c.metric == m),
            claims=[i for i, c in made.items() if c.metric == m],
        )
        for m in metrics
    ]
    event = LinkedEvent(id="E1", members=[f"{d}:e1" for d in docs], documents=list(docs), description="x")
    return headline_figures(event, estimates, made, docs, [])


def test_a_document_leads_with_its_incident_and_background_figures_are_left_out() -> None:
    figures = hand_report(
        {
            "a": "A man was killed at a bus stop. In 2011, a gunman killed nine people on the same street.",
            "b": "Police say 40 people have been killed in the town so far this year. One man died.",
        },
        [
            ("a", "killed", "A man", 1),
            ("a", "killed", "nine", 9),
            ("b", "killed", "40", 40),
            ("b", "killed", "One man", 1),
        ],
    )
    assert [(f.metric, f.best, f.claims) for f in figures] == [("killed", 1, ["c0", "c3"])]


def test_only_background_figures_give_no_headline() -> None:
    figures = hand_report(
        {"a": "A boy was wounded. In a separate shooting, two women were killed."},
        [("a", "injured", "A boy", 1), ("a", "killed", "two women", 2)],
    )
    assert [(f.metric, f.best) for f in figures] == [("injured", 1)]


def test_figures_of_a_tally_taken_up_again_and_of_linked_stories_are_left_out() -> None:
    figures = hand_report(
        {
            "a": "A woman was wounded on Oak Street.",
            "b": "The city has seen 900 shootings so far this year. Some 1,100 people were hurt in "
            "those shootings. A woman was hurt on Oak Street on Sunday.",
            "c": "Police are looking for the gunman.\nMORE STORIES\n+ 4 injured in Main Street crash",
        },
        [
            ("a", "injured", "A woman", 1),
            ("b", "injured", "1,100", 1100),
            ("b", "injured", "A woman", 1),
            ("c", "injured", "4", 4),
        ],
    )
    assert [(f.metric, f.best) for f in figures] == [("injured", 1)]


def test_killed_from_who_was_counted_when_no_figure_counts_everyone() -> None:
    figures = hand_report(
        {"a": "A father killed his two sons. Then the gunman killed himself."},
        [("a", "children_killed", "two sons", 2), ("a", "suspects_killed", "himself", 1)],
    )
    killed = figures[0]
    assert (killed.metric, killed.best, killed.derived) == ("killed", 3, "children_killed + suspects_killed")


def test_injured_are_the_people_shot_who_did_not_die() -> None:
    figures = hand_report(
        {
            "a": "Five people were shot, one fatally, at a market.",
            "b": "One person died and four were wounded at the market.",
            "c": "Gunfire at a market hit five shoppers. A woman was killed.",
        },
        [
            ("a", "shot", "Five", 5),
            ("a", "killed", "one", 1),
            ("b", "killed", "One person", 1),
            ("b", "injured", "four", 4),
            ("c", "shot", "five shoppers", 5),
            ("c", "killed", "A woman", 1),
        ],
    )
    injured = next(f for f in figures if f.metric == "injured")
    assert (injured.best, injured.documents, injured.derived) == (4, ["a", "b", "c"], None)
    only_shot = hand_report(
        {"a": "Three men were shot outside a bar. One of them died."},
        [("a", "shot", "Three", 3), ("a", "killed", "One", 1)],
    )
    injured = next(f for f in only_shot if f.metric == "injured")
    assert (injured.best, injured.low, injured.high, injured.derived) == (2, 2, 2, "shot - killed")


@pytest.mark.parametrize(
    ("text", "dead", "others"),
    [
        ("A cashier was killed in the robbery. Two other clerks were also shot.", "A cashier", "Two"),
        ("A driver died at the scene. Police said two others were shot and taken away.", "A driver", "two"),
    ],
)
def test_others_shot_beside_a_death_are_the_injured(text: str, dead: str, others: str) -> None:
    figures = hand_report({"a": text}, [("a", "killed", dead, 1), ("a", "shot", others, 2)])
    injured = next(f for f in figures if f.metric == "injured")
    assert (injured.best, injured.low, injured.high, injured.derived) == (2, 2, 2, "shot - killed")


@pytest.mark.parametrize(
    ("text", "dead", "more"),
    [
        ("A guard died in the robbery. Another man was shot in the hand.", "A guard", "Another man"),
        (
            "A teacher was killed at the school. A second teacher was shot in the leg.",
            "A teacher",
            "A second teacher",
        ),
    ],
)
def test_one_more_person_shot_beside_a_death_is_injured(text: str, dead: str, more: str) -> None:
    figures = hand_report({"a": text}, [("a", "killed", dead, 1), ("a", "shot", more, 1)])
    injured = next(f for f in figures if f.metric == "injured")
    assert (injured.best, injured.derived) == (1, "shot - killed")


def test_a_conflict_on_the_same_slot_marks_disagreement() -> None:
    conflict = Conflict(
        kind=ConflictKind.CROSS_DOCUMENT,
        event="E1",
        metric="injured",
        sides=[ConflictSide(document="a", claims=["a2"]), ConflictSide(document="b", claims=["b2"])],
        why="hand-made",
    )
    (figure,) = headline_figures(EVENT, [estimate("injured", None, 2, ["a2"])], CLAIMS, DOCS, [conflict])
    assert (figure.disagree, figure.reading) == (True, "victims")


def test_reading_is_what_the_sentence_says() -> None:
    assert [claim_reading(CLAIMS[c], DOCS[CLAIMS[c].document]) for c in ("a1", "a2", "b1", "b2")] == [
        None,
        "victims",
        "everyone",
        None,
    ]
    suspects = doc("c", "Three suspects were wounded.")
    c = Claim(
        id="c1",
        document="c",
        sentence=0,
        metric="injured",
        quantity=Quantity(phrase="Three", low=3, high=3),
        span=Span(text="Three", start=0, end=5, status=SpanStatus.EXACT),
    )
    assert claim_reading(c, suspects) == "suspects"
    assert claim_reading(c.model_copy(update={"metric": "dead_including_suspect"}), None) == "everyone"


def test_main_event_is_reported_by_most_documents_then_by_casualty_figures() -> None:
    one = LinkedEvent(id="E1", members=["a:e1"], documents=["a"], description="x")
    two = LinkedEvent(id="E2", members=["b:e1"], documents=["b"], description="y")
    both = LinkedEvent(id="E3", members=["a:e2", "b:e2"], documents=["a", "b"], description="z")
    events_of = {"a:e1": "E1", "b:e1": "E2", "a:e2": "E3", "b:e2": "E3"}
    claims = list(CLAIMS.values())
    assert main_event([one, two, both], claims, events_of) == "E3"
    assert main_event([one, two], claims, events_of) == "E1"  # tie: 2 casualty claims each, first
    assert main_event([one, two], claims[2:], events_of) == "E2"  # E2 has the casualty claims
    assert main_event([], claims, events_of) is None


def test_add_headlines_fills_the_report() -> None:
    report = Report(
        run=RunInfo(tool_version="test"),
        documents=list(DOCS.values()),
        claims=list(CLAIMS.values()),
        linked_events=[EVENT.model_copy()],
        estimates=[estimate("killed", None, 5, ["a1"])],
    )
    add_headlines(report)
    assert report.main_event == "E1"
    assert [(h.metric, h.best, h.claims) for h in report.linked_events[0].headlines] == [
        ("killed", 5, ["a1"])
    ]
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_people_counted_one_by_one_in_the_lead_sentence_add_up() -> None:
    figures = hand_report(
        {"a": "A cook was shot in the arm and a waiter was shot in the hip. The cook is stable."},
        [("a", "shot", "A cook", 1), ("a", "shot", "a waiter", 1), ("a", "shot", "The cook", 1)],
    )
    assert [(f.metric, f.best) for f in figures] == [("injured", 2), ("shot", 2)]


def test_documents_stating_a_figure_outvote_those_stating_a_bound() -> None:
    figures = hand_report(
        {
            "a": "At least two people were hurt at the rally, police said early on.",
            "b": "At least two people were hurt at the rally.",
            "c": "Three people were hurt at the rally.",
        },
        [
            ("a", "injured", "At least two", 2),
            ("b", "injured", "At least two", 2),
            ("c", "injured", "Three", 3),
        ],
    )
    assert [(f.metric, f.best, f.documents) for f in figures] == [("injured", 3, ["a", "b", "c"])]


def test_a_vague_lede_gives_way_to_the_first_precise_figure_that_fits_it() -> None:
    figures = hand_report(
        {"a": "Dozens were hurt when the stands fell. More than 30 people were taken away. Two had burns."},
        [("a", "injured", "Dozens", 12), ("a", "injured", "More than 30", 31), ("a", "injured", "Two", 2)],
    )
    assert [(f.metric, f.best) for f in figures] == [("injured", 31)]


def test_injured_counted_by_their_state_when_nothing_else_counts_them() -> None:
    figures = hand_report(
        {"a": "A cyclist was hospitalized after the shooting. Two others are in critical condition."},
        [("a", "hospitalized", "A cyclist", 1), ("a", "critical_condition", "Two", 2)],
    )
    injured = figures[0]
    assert (injured.metric, injured.best, injured.derived) == (
        "injured",
        1,
        "critical_condition | hospitalized",
    )


def test_beside_a_death_the_injured_one_named_again_is_the_one_who_died() -> None:
    again = hand_report(
        {"a": "A clerk died on Friday. The clerk had suffered a gunshot wound to the chest."},
        [("a", "killed", "A clerk", 1), ("a", "injured", "The clerk", 1)],
    )
    assert [(f.metric, f.best) for f in again] == [("killed", 1)]
    named = hand_report(
        {"a": "A clerk died on Friday. Dana Reyes was wounded in the arm."},
        [("a", "killed", "A clerk", 1), ("a", "injured", "Dana Reyes", 1)],
    )
    assert [(f.metric, f.best) for f in named] == [("killed", 1)]
    someone_new = hand_report(
        {"a": "A clerk died on Friday. A guard was wounded, and the second victim is stable."},
        [("a", "killed", "A clerk", 1), ("a", "injured", "A guard", 1)],
    )
    assert [(f.metric, f.best) for f in someone_new] == [("killed", 1), ("injured", 1)]


FRIDAY, SUNDAY = dt.date(2022, 3, 4), dt.date(2022, 3, 6)


@pytest.mark.parametrize(
    ("early", "late", "left"),
    [
        (
            ("A teenager was critically injured in a shooting on Elm Street.", "A teenager", 1),
            ("The teenager shot on Elm Street on Friday has died, police said.", "The teenager", 1),
            [("killed", 1)],
        ),
        (
            ("Three people were wounded when shots rang out at a party.", "Three", 3),
            ("A woman shot at the party on Friday died in hospital.", "A woman", 1),
            [("killed", 1), ("injured", 2)],
        ),
    ],
)
def test_a_report_before_the_death_counted_the_dead_as_hurt(
    early: tuple[str, str, int],
    late: tuple[str, str, int],
    left: list[tuple[str, int]],
) -> None:
    texts = {"a": early[0], "b": late[0]}
    stated: list[tuple[str, str, str, Number]] = [
        ("a", "injured", early[1], early[2]),
        ("b", "killed", late[1], late[2]),
    ]
    figures = hand_report(texts, stated, {"a": FRIDAY, "b": SUNDAY})
    assert [(f.metric, f.best) for f in figures] == left
    # Undated, or the injured report the later one: nothing taken away.
    undated = hand_report(texts, stated)
    assert ("injured", early[2]) in [(f.metric, f.best) for f in undated]
    later = hand_report(texts, stated, {"a": SUNDAY, "b": FRIDAY})
    assert ("injured", early[2]) in [(f.metric, f.best) for f in later]


def test_a_report_that_tells_of_the_death_keeps_its_injured() -> None:
    figures = hand_report(
        {
            "a": "A cook was killed and two diners were hurt in the shooting.",
            "b": "The cook shot at the diner has been named by police.",
        },
        [("a", "killed", "A cook", 1), ("a", "injured", "two", 2), ("b", "killed", "The cook", 1)],
        {"a": FRIDAY, "b": SUNDAY},
    )
    assert [(f.metric, f.best) for f in figures] == [("killed", 1), ("injured", 2)]


def test_beside_a_death_a_name_taken_to_hospital_is_the_one_who_died() -> None:
    again = hand_report(
        {"a": "A clerk died after the robbery. Dana Reyes was taken to a hospital with a wound."},
        [("a", "killed", "A clerk", 1), ("a", "hospitalized", "Dana Reyes", 1)],
    )
    assert [(f.metric, f.best) for f in again] == [("killed", 1), ("hospitalized", 1)]
    kin = hand_report(
        {"a": "A boy died in the shooting. His uncle was taken to a hospital in serious condition."},
        [("a", "killed", "A boy", 1), ("a", "hospitalized", "His uncle", 1)],
    )
    assert [(f.metric, f.best) for f in kin] == [("killed", 1), ("injured", 1), ("hospitalized", 1)]


_FIGURES = st.tuples(
    st.sampled_from(["a", "b", "c"]),  # document
    st.integers(0, 5),  # sentence
    st.integers(0, 12),  # figure
    st.sampled_from([None, "dozens", "several"]),  # vague word
    st.booleans(),  # exact, else a lower bound
)


@given(
    st.lists(st.lists(_FIGURES, max_size=12), max_size=3),
    st.sets(st.tuples(st.sampled_from("abc"), st.integers(0, 5))),
)
def test_document_figures_asks_about_background_lazily_and_reads_the_same(
    parts: list[list[tuple[str, int, int, str | None, bool]]], background: set[tuple[str, int]]
) -> None:
    """With `keep` (asked lazily), each document's figure is what it is when the background
    claims are left out first."""
    made = [
        [
            Claim(
                id=f"{n}-{m}",
                document=doc_id,
                sentence=sentence,
                metric="killed",
                quantity=Quantity(phrase="x", low=value, high=value if exact else None, vague=vague),
                span=Span(text="x", status=SpanStatus.EXACT),
            )
            for m, (doc_id, sentence, value, vague, exact) in enumerate(part)
        ]
        for n, part in enumerate(parts)
    ]

    def keep(c: Claim) -> bool:
        return (c.document, c.sentence) not in background

    kept = [[c for c in part if (c.document, c.sentence) not in background] for part in made]
    assert list(document_figures(made, keep).items()) == list(document_figures(kept).items())
