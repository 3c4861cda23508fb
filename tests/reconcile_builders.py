"""Small builders for hand-made reconciliation inputs: documents, events and claims."""

from __future__ import annotations

import datetime as dt

from summarizer.reconcile.settings import Reconciliation
from summarizer.schemas import Claim, Document, Event, Number, Quantity, Span, SpanStatus

D = dt.date


def doc(doc_id: str, published: dt.date | None = None, text: str = "") -> Document:
    return Document(id=doc_id, text=text, source="-", published=published)


def event(
    event_id: str,
    document: str,
    *,
    date: dt.date | None = None,
    phrase: str | None = None,
    places: tuple[str, ...] = (),
    kind: str | None = None,
) -> Event:
    return Event(
        id=event_id,
        document=document,
        sentence=0,
        description=event_id,
        kind=kind,
        date=date,
        date_phrase=phrase,
        places=list(places),
    )


def claim(
    claim_id: str,
    document: str,
    metric: str,
    low: Number | None,
    high: Number | None,
    *,
    place: str | None = None,
    event_id: str | None = None,
    text: str = "",
    nominal: Number | None = None,
    vague: str | None = None,
    hedge: str | None = None,
    status: SpanStatus = SpanStatus.EXACT,
) -> Claim:
    if nominal is None and low is not None and low == high:
        nominal = low
    return Claim(
        id=claim_id,
        document=document,
        sentence=0,
        metric=metric,
        place=place,
        quantity=Quantity(
            phrase=text or claim_id,
            low=low,
            high=high,
            nominal=nominal,
            approximate=nominal is not None and low != high,
            vague=vague,
            hedge=hedge,
        ),
        event=event_id,
        span=Span(text=text or claim_id, start=None if status is SpanStatus.UNGROUNDED else 0, status=status),
    )


def kinds(result: Reconciliation) -> list[tuple[str, str, str | None, list[str]]]:
    return [(c.kind.value, c.metric, c.place, [s.document for s in c.sides]) for c in result.conflicts]
