"""HAND-MADE test data for headline figures: two linked events, the main one listed second,
figures given as open bounds ("more than 20", "at least nine"), a reading, a disagreement,
and markup in an event description."""

from __future__ import annotations

import datetime as dt

from report_samples import sentences_of, span_of

from summarizer.schemas import (
    Claim,
    Document,
    Estimate,
    Event,
    HeadlineFigure,
    LinkedEvent,
    Quantity,
    Report,
    RunInfo,
)

X_SENTENCES = [
    "A gunman killed three people at the mall.",
    "More than 20 people were hurt, police said.",
    "One man was killed in a robbery on Friday.",
]
Y_SENTENCES = ["Three people died, including the gunman.", "At least nine victims were wounded."]
X_TEXT, Y_TEXT = " ".join(X_SENTENCES), " ".join(Y_SENTENCES)


def _claim(claim_id: str, doc: Document, sentence: int, metric: str, phrase: str, **q: float | str) -> Claim:
    return Claim(
        id=claim_id,
        document=doc.id,
        sentence=sentence,
        metric=metric,
        event=f"{doc.id}:e2" if claim_id == "x:c3" else f"{doc.id}:e1",
        quantity=Quantity(phrase=phrase, **q),
        span=span_of(doc.text, phrase),
    )


def _figure(
    event: str, metric: str, values: tuple[int, int, int, int], claims: list[str], **kw: object
) -> HeadlineFigure:
    low, best, high, conservative = values
    documents = sorted({c.split(":")[0] for c in claims})
    return HeadlineFigure(
        event=event,
        metric=metric,
        low=low,
        best=best,
        high=high,
        conservative=conservative,
        documents=documents,
        claims=claims,
        disagree=bool(kw.get("disagree")),
        reading=kw.get("reading"),
    )


def headline_report() -> Report:
    x = Document(
        id="x", text=X_TEXT, source="x.txt", outlet="X <News>", sentences=sentences_of(X_TEXT, X_SENTENCES)
    )
    y = Document(
        id="y", text=Y_TEXT, source="y.txt", outlet="Y Post", sentences=sentences_of(Y_TEXT, Y_SENTENCES)
    )
    claims = [
        _claim("x:c1", x, 0, "killed", "killed three people", low=3, high=3, nominal=3),
        _claim("x:c2", x, 1, "injured", "More than 20 people", low=21, hedge="more than"),
        _claim("x:c3", x, 2, "killed", "One man was killed", low=1, high=1, nominal=1),
        _claim("y:c1", y, 0, "killed", "Three people died", low=3, high=3, nominal=3),
        _claim("y:c2", y, 1, "injured", "At least nine victims", low=9, hedge="at least"),
    ]
    events = [
        Event(id="x:e1", document="x", sentence=0, description="mall shooting"),
        Event(id="x:e2", document="x", sentence=2, description="robbery"),
        Event(id="y:e1", document="y", sentence=0, description="mall shooting"),
    ]
    robbery = LinkedEvent(
        id="L1",
        members=["x:e2"],
        documents=["x"],
        kind="robbery",
        description="Robbery <b>on</b> Friday",
        headlines=[_figure("L1", "killed", (1, 1, 1, 1), ["x:c3"])],
    )
    shooting = LinkedEvent(
        id="L2",
        members=["x:e1", "y:e1"],
        documents=["x", "y"],
        date=dt.date(2024, 6, 1),
        places=["Springfield"],
        kind="shooting",
        description="Mall shooting",
        headlines=[
            _figure("L2", "killed", (3, 3, 3, 3), ["x:c1", "y:c1"], reading="everyone"),
            _figure("L2", "injured", (9, 21, 21, 9), ["x:c2", "y:c2"], disagree=True, reading="victims"),
        ],
    )

    def estimate(event: str, metric: str, values: tuple[int, int, int, int], ids: list[str]) -> Estimate:
        low, best, high, conservative = values
        return Estimate(
            event=event,
            metric=metric,
            low=low,
            best=best,
            high=high,
            conservative=conservative,
            sources=len({i.split(":")[0] for i in ids}),
            claims=ids,
        )

    return Report(
        run=RunInfo(tool_version="test"),
        documents=[x, y],
        events=events,
        claims=claims,
        linked_events=[robbery, shooting],
        main_event="L2",
        estimates=[
            estimate("L2", "killed", (3, 3, 3, 3), ["x:c1", "y:c1"]),
            estimate("L2", "injured", (9, 21, 21, 9), ["x:c2", "y:c2"]),
            estimate("L1", "killed", (1, 1, 1, 1), ["x:c3"]),
        ],
    )
