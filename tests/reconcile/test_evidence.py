"""What a report names decides links between undated events; distinctive facts veto them."""

from __future__ import annotations

import random

import pytest
from reconcile_builders import D, event

from summarizer.reconcile.evidence import (
    Evidence,
    lede_evidence,
    magnitudes_disagree,
    people_disagree,
    similarity,
)
from summarizer.reconcile.linking import link_events
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Document, Event
from summarizer.text.ingest import document_from_text


def report(doc_id: str, text: str, *, kind: str | None = None) -> tuple[Document, Event]:
    document = document_from_text(text, doc_id)
    return document, event(f"{doc_id}:e1", doc_id, kind=kind)


@pytest.mark.parametrize(
    ("text", "magnitudes"),
    [
        ("A 6.4-magnitude quake shook the valley before dawn.", {6.4}),
        ("The tremor had a magnitude of 5.2, the survey said.", {5.2}),
        ("Seismologists measured it at magnitude 7 near the coast.", {7.0}),
        ("Rescuers worked through 12 collapsed houses.", set()),
    ],
)
def test_magnitudes_are_read_from_the_lede(text: str, magnitudes: set[float]) -> None:
    document, ev = report("a", text)
    assert set(lede_evidence([ev], [document])["a:e1"].magnitudes) == magnitudes


def test_a_different_magnitude_is_a_different_earthquake() -> None:
    docs = [
        report("a", "A 6.4-magnitude quake shook Varden province on Tuesday.", kind="earthquake"),
        report("b", "The magnitude 5.1 quake in Varden province damaged a bridge.", kind="earthquake"),
    ]
    evidence = lede_evidence([e for _, e in docs], [d for d, _ in docs])
    assert magnitudes_disagree(evidence["a:e1"], evidence["b:e1"])
    linked, _ = link_events([e for _, e in docs], [d for d, _ in docs], ReconcileSettings())
    assert [le.members for le in linked] == [["a:e1"], ["b:e1"]]


def test_undated_reports_naming_the_same_people_and_places_are_linked() -> None:
    docs = [
        report("a", "Actor Dorian Kettleworth checked into the Sunridge clinic in Port Averly."),
        report("b", "Kettleworth has entered Sunridge, a clinic in Port Averly, reports say."),
        report("c", "Singer Marla Quenby won the Golden Lyre award at a ceremony in Castoria on Sunday."),
    ]
    documents, events = [d for d, _ in docs], [e for _, e in docs]
    evidence = lede_evidence(events, documents)
    assert similarity(evidence["a:e1"], evidence["b:e1"]) >= ReconcileSettings().link_similarity
    assert similarity(evidence["a:e1"], evidence["c:e1"]) == 0
    linked, _ = link_events(events, documents, ReconcileSettings())
    assert sorted(le.members for le in linked) == [["a:e1", "b:e1"], ["c:e1"]]


def test_shared_names_do_not_link_events_whose_dates_disagree() -> None:
    """The same boxer's two fights, a year apart: names shared, dates decide."""
    texts = {
        "a": "Boxer Ilya Varnek defended his title against Tomas Reyl in Hamburg on Saturday.",
        "b": "Ilya Varnek beat Tomas Reyl in Hamburg on Saturday to keep his title.",
    }
    documents = [
        document_from_text(texts["a"], "a", published=D(2009, 3, 22)),
        document_from_text(texts["b"], "b", published=D(2010, 3, 21)),
    ]
    events = [
        event("a:e1", "a", phrase="Saturday", kind="fight"),
        event("b:e1", "b", phrase="Saturday", kind="fight"),
    ]
    linked, _ = link_events(events, documents, ReconcileSettings())
    assert [le.members for le in linked] == [["a:e1"], ["b:e1"]]


def test_the_clusters_do_not_depend_on_the_input_order() -> None:
    docs = [
        report("a", "Actor Dorian Kettleworth checked into the Sunridge clinic in Port Averly."),
        report("b", "Kettleworth entered Sunridge in Port Averly on Friday, his publicist Ana Lobb said."),
        report("c", "Publicist Ana Lobb said Kettleworth is at Sunridge."),
        report("d", "Singer Marla Quenby won the Golden Lyre award in Castoria."),
    ]
    expected = None
    for seed in range(4):
        shuffled = list(docs)
        random.Random(seed).shuffle(shuffled)
        linked, _ = link_events([e for _, e in shuffled], [d for d, _ in shuffled], ReconcileSettings())
        groups = sorted(sorted(le.members) for le in linked)
        expected = expected or groups
        assert groups == expected
    assert expected == [["a:e1", "b:e1", "c:e1"], ["d:e1"]]


def evidence_of(*texts: str) -> list[Evidence]:
    docs = [report(chr(ord("a") + n), text) for n, text in enumerate(texts)]
    found = lede_evidence([e for _, e in docs], [d for d, _ in docs])
    return [found[e.id] for _, e in docs]


def test_ledes_naming_different_people_in_full_disagree() -> None:
    a, b, c = evidence_of(
        "The Harbor Hawks placed receiver Dana Whitlow on injured reserve on Tuesday.",
        "The Harbor Hawks placed running back Marcus Ebbe on injured reserve.",
        "Receiver Dana Whitlow will miss the last two games, the Harbor Hawks said.",
    )
    assert people_disagree(a, b)
    assert not people_disagree(a, c)


# A person who reports the news (subject of "said", "told", "described", or "according to"
# them) is its source, not one of the people it is about: two reports of one shooting quote
# different officials.
@pytest.mark.parametrize(
    "source",
    [
        "At a briefing, County Sheriff Alan Pryce described the shooting as senseless.",
        "Police Chief Maria Voss told reporters that the gunman acted alone.",
        "Two teenagers were shot at the party, according to Detective Lena Marsh.",
    ],
)
def test_a_source_named_in_the_lede_does_not_tell_stories_apart(source: str) -> None:
    a, b = evidence_of(source, "Daniel Okafor, 19, died at the scene of the party shooting.")
    assert not people_disagree(a, b)


def test_people_a_story_is_about_still_tell_stories_apart() -> None:
    a, b = evidence_of(
        "Daniel Okafor, 19, died at the scene of the party shooting.",
        "Gunman Eric Dole killed three people at a warehouse before he was arrested.",
    )
    assert people_disagree(a, b)


# Verbs that report speech in a quote's frame but often do not ("continued", "posted") leave
# their subject one of the people the story is about.
@pytest.mark.parametrize(
    "actor",
    [
        "Gunman Eric Dole continued firing at the warehouse until officers arrived.",
        "Suspect Eric Dole posted bail a day after the warehouse shooting.",
    ],
)
def test_a_verb_not_always_speech_keeps_its_subject_in_the_story(actor: str) -> None:
    a, b = evidence_of(actor, "Daniel Okafor, 19, died at the scene of the party shooting.")
    assert people_disagree(a, b)


def test_a_lone_capitalized_word_is_no_person() -> None:
    # a headline's verb or a one-word name the parser may call a person proves nothing
    a, b = evidence_of(
        "Orchard Bank Announces Record Profit",
        "Senator Alma Reyes praised the bank's results.",
    )
    assert not people_disagree(a, b)


def test_two_stories_about_different_people_stay_apart() -> None:
    docs = [
        report("a", "The Harbor Hawks fired head coach Dana Whitlow after a losing season."),
        report("b", "Harbor Hawks head coach Dana Whitlow was fired after a losing season."),
        report("c", "The Harbor Hawks fired head coach Marcus Ebbe after a losing season."),
    ]
    linked, _ = link_events([e for _, e in docs], [d for d, _ in docs], ReconcileSettings())
    assert sorted(le.members for le in linked) == [["a:e1", "b:e1"], ["c:e1"]]


def test_quakes_in_two_provinces_of_one_country_stay_apart() -> None:
    """The country both name is too coarse to make them one; the magnitudes agree."""
    texts = {
        "a": ("A 6.2-magnitude earthquake struck Norland province in Kenya.", "Norland province"),
        "b": ("A 6.2-magnitude quake hit Kenya's Vessa province, damaging homes.", "Vessa province"),
        "c": ("The 6.2-magnitude quake in Norland province, Kenya, damaged a school.", "Norland province"),
    }
    documents = [document_from_text(text, doc_id) for doc_id, (text, _) in texts.items()]
    events = [
        event(f"{doc_id}:e1", doc_id, kind="earthquake", places=("Kenya", place))
        for doc_id, (_, place) in texts.items()
    ]
    linked, _ = link_events(events, documents, ReconcileSettings())
    assert sorted(le.members for le in linked) == [["a:e1", "c:e1"], ["b:e1"]]


# One protagonist, another party: two ledes that share a person but each name someone in full
# whom the other report never names are two events (one boxer's two bouts, one club's two hires).
@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Boxer Ivan Petrenko knocked out Carl Mendes in the third round in Vienna.",
            "Boxer Ivan Petrenko beat Luis Ortega on points in a title defence in Oslo.",
        ),
        (
            "Club owner Ruth Calder hired Tomas Berg as head coach on Monday.",
            "Club owner Ruth Calder appointed Kevin Lyle as head coach after a losing season.",
        ),
    ],
)
def test_one_protagonist_with_different_other_parties_disagrees(first: str, second: str) -> None:
    a, b = evidence_of(first, second)
    assert people_disagree(a, b)


def test_one_protagonist_with_the_same_other_party_agrees() -> None:
    a, b = evidence_of(
        "Boxer Ivan Petrenko knocked out Carl Mendes in the third round in Vienna.",
        "Carl Mendes was knocked out by Ivan Petrenko on Saturday night.",
    )
    assert not people_disagree(a, b)


def test_a_person_named_after_the_events_sentence_is_no_other_party() -> None:
    # the trainer and the promoter are in the reports, not parties to the bout in its sentence
    a, b = evidence_of(
        "Boxer Ivan Petrenko won his title bout in Vienna on Saturday. Trainer Hugo Brandt praised him.",
        "Boxer Ivan Petrenko won the Vienna title bout. Promoter Nora Quist called it a classic.",
    )
    assert not people_disagree(a, b)
