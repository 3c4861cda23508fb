"""Figure roles: individuals, parts, additions, the dead among the hurt, and background
sentences about earlier events. Every sentence here is written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from summarizer.reconcile.roles import dead_among, is_addition, is_individual, is_part
from summarizer.schemas import Claim, Document, Quantity, Span, SpanStatus
from summarizer.text.background import earlier_event_sentences
from summarizer.text.quantities import find_quantities
from summarizer.text.segment import segment


def _document(text: str, published: dt.date | None = None) -> Document:
    return Document(id="d", text=text, source="-", published=published, sentences=segment(text))


def _claim(document: Document, phrase: str, low: int, high: int | None) -> Claim:
    start = document.text.index(phrase)
    sentence = next(i for i, s in enumerate(document.sentences) if s.start <= start < s.end)
    return Claim(
        id="d:c1",
        document="d",
        sentence=sentence,
        metric="killed",
        quantity=Quantity(phrase=phrase, low=low, high=high),
        span=Span(text=phrase, start=start, end=start + len(phrase), status=SpanStatus.EXACT),
    )


@pytest.mark.parametrize(
    ("text", "phrase", "individual"),
    [
        ("Her uncle was killed when the roof fell in.", "Her uncle", True),
        ("A 12-year-old boy died at the scene.", "A 12-year-old boy", True),
        ("Marta Lindqvist was among the dead.", "Marta Lindqvist", True),
        ("Only one person died in the fire.", "one", False),
        ("Police said 1 person was killed.", "1", False),
    ],
)
def test_an_individual_is_a_one_said_without_a_count(text: str, phrase: str, individual: bool) -> None:
    document = _document(text)
    assert is_individual(_claim(document, phrase, 1, 1)) is individual


@pytest.mark.parametrize(
    ("text", "phrase", "part"),
    [
        ("Three of the passengers were killed when the bus overturned.", "Three", True),
        ("Of the 40 people taken to clinics, 35 went to the county hospital.", "35", True),
        ("The storm destroyed 60 homes, including 12 in the river valley.", "12", True),
        ("Fourteen workers were hurt, of whom two were flown to the capital.", "two", True),
        ("Twelve people were killed in the blast on Monday.", "Twelve", False),
        ("Rescuers said 35 people had been taken to the county hospital.", "35", False),
    ],
)
def test_a_part_is_marked_by_its_words(text: str, phrase: str, part: bool) -> None:
    document = _document(text)
    assert (
        is_part(_claim(document, phrase, int(find_quantities(phrase)[0].quantity.low or 0), None), document)
        is part
    )


@pytest.mark.parametrize(
    ("text", "phrase", "addition"),
    [
        ("One guard was killed at the gate. Another three people died later in hospital.", "three", True),
        ("Two miners died on Sunday and five other workers were hurt.", "five", True),
        ("Nine people were killed in the crash.", "Nine", False),
    ],
)
def test_an_addition_is_marked_by_its_words(text: str, phrase: str, addition: bool) -> None:
    document = _document(text)
    value = int(find_quantities(phrase)[0].quantity.low or 0)
    assert is_addition(_claim(document, phrase, value, value), document) is addition


@pytest.mark.parametrize(
    ("text", "phrase", "dead"),
    [
        ("At least 15 people were wounded, and three of those victims have since died.", "At least 15", 3),
        ("Eight hikers were hurt, two of whom later died of their injuries.", "Eight", 2),
        ("Eight hikers were hurt, two of whom were flown to the city.", "Eight", None),
    ],
)
def test_the_dead_counted_among_the_hurt(text: str, phrase: str, dead: int | None) -> None:
    document = _document(text)
    assert dead_among(_claim(document, phrase, 8, None), document) == dead


def test_background_sentences_report_an_earlier_event() -> None:
    text = (
        "A strong earthquake killed 12 people in the valley on Tuesday. "
        "Rescuers were still searching the rubble. "
        "In 1999 a quake in the same region killed 300 people. "
        "Thousands more lost their homes. "
        "The 2008 floods displaced 5,000 families. "
        "In March last year a landslide buried a village. "
        "Officials on Wednesday raised the toll to 14."
    )
    document = _document(text, published=dt.date(2020, 6, 3))
    assert earlier_event_sentences(document, dt.date(2020, 6, 2)) == {2, 3, 4, 5}


def test_a_year_of_the_event_itself_is_not_background() -> None:
    text = "In 2020 the river flooded twice. In June 2020 the second flood killed four people."
    document = _document(text, published=dt.date(2020, 6, 20))
    assert earlier_event_sentences(document, dt.date(2020, 6, 18)) == set()


def test_figures_of_an_earlier_event_and_of_individuals_are_never_rivals() -> None:
    """An earlier quake's toll, one victim described by who she was, and a part ("three of the
    dead") take no part in a disagreement with another report of the same total."""
    from summarizer.reconcile.core import reconcile
    from summarizer.schemas import Event

    text_a = (
        "A quake on Tuesday killed 12 people in Dorrow. "
        "Three of the dead were children. "
        "A retired teacher was killed when her house collapsed. "
        "In 2009 a quake near Dorrow killed 480 people."
    )
    text_b = "Twelve people died when the quake struck Dorrow on Tuesday."
    a = _document(text_a, published=dt.date(2021, 3, 3)).model_copy(update={"id": "a"})
    b = _document(text_b, published=dt.date(2021, 3, 3)).model_copy(update={"id": "b"})
    claims = [
        _claim(a, "12", 12, 12),
        _claim(a, "Three", 3, 3),
        _claim(a, "A retired teacher", 1, 1),
        _claim(a, "480", 480, 480),
        _claim(b, "Twelve", 12, 12),
    ]
    claims = [
        c.model_copy(update={"id": f"{doc.id}:c{n}", "document": doc.id, "place": "Dorrow"})
        for n, (c, doc) in enumerate(zip(claims, [a, a, a, a, b], strict=True))
    ]
    events = [
        Event(id=f"{d.id}:e", document=d.id, sentence=0, description="quake", date=dt.date(2021, 3, 2))
        for d in (a, b)
    ]
    assert reconcile([a, b], events, claims).conflicts == []
