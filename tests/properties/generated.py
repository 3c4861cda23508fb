"""Hypothesis strategies for the property tests: article-like and hostile text, and reports
built from generated documents, events and claims."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from summarizer.schemas import Claim, Document, Event, Quantity, Report, Span, SpanStatus

NUMBERS = ["0", "1", "3", "19", "40", "1,000", "2.5", "12-15", "10 to 20", "1985", "911", "-4"]
NUMBER_WORDS = ["one", "two", "three", "a dozen", "dozens", "hundreds", "scores", "half", "twenty-one"]
HEDGES = [
    "at least",
    "nearly",
    "almost",
    "about",
    "some",
    "more than",
    "fewer than",
    "up to",
    "as many as",
    "between",
    "close to",
    "over",
    "roughly",
    "and",
    "or",
    "of",
]
UNITS = [
    "people",
    "killed",
    "were injured",
    "percent",
    "km",
    "miles",
    "magnitude",
    "-year-old",
    "million",
    "thousand",
    "times",
    "%",
    "dead",
    "wounded",
]
WORDS = [
    "police",
    "said",
    "the",
    "shooting",
    "in",
    "Springfield",
    "on",
    "Saturday",
    "officers",
    "a",
    "man",
    "victims",
    "hospital",
    "Flight",
    "Kh-22",
    "No.",
    "Mr.",
    "U.S.",
    "St.",
]
PUNCT = [
    " ",
    " ",
    " ",
    ", ",
    ". ",
    "; ",
    "-",
    "\u2013",
    "\u2014",
    "(",
    ")",
    '"',
    "\u201c",
    "\u201d",
    "'",
    "\n",
    "\n\n",
    "\t",
    "/",
    ":",
    "?",
    "!",
]
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=http://evil.example/x.png>",
    "</div>",
    "&amp;",
    "&#x3c;",
    "| a | b |",
    "```",
    "`code`",
    "**bold**",
    "[link](http://evil.example)",
    "http://evil.example",
    "//evil.example/a",
    "\u202e",
    "\u200f\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\ufeff",
    "\r",
    "\u2028",
    "# heading",
    "> quote",
    "\\",
    "<!--",
    "-->",
    "]]>",
    '"onclick="x',
    "' onerror='x",
]

_pieces = st.sampled_from(NUMBERS + NUMBER_WORDS + HEDGES + UNITS + WORDS + PUNCT)


@st.composite
def article_text(draw: st.DrawFn, *, hostile: bool = False, max_pieces: int = 40) -> str:
    """Text built from number phrases, hedges, units and words, with random text mixed in."""
    sources = [_pieces, _pieces, _pieces, st.text(max_size=8)]
    if hostile:
        sources += [st.sampled_from(HOSTILE), st.sampled_from(HOSTILE)]
    pieces = draw(st.lists(st.one_of(*sources), max_size=max_pieces))
    text = "".join(p if p in PUNCT else f"{p} " for p in pieces)
    if hostile and draw(st.booleans()):
        text += draw(st.sampled_from(["x", "|", "`", "\u05d0"])) * draw(st.integers(200, 3000))
    return text


def as_sentence(text: str) -> Document:
    from summarizer.text.segment import segment

    return Document(id="d", text=text, source="-", sentences=segment(text))


DOC_IDS = ["a", "b", "c", "d"]
DAYS = [dt.date(2020, 5, 1), dt.date(2020, 5, 2), dt.date(2020, 5, 9), dt.date(2021, 1, 1)]
PLACES = ["Springfield", "Springfield, Ohio", "Ohio", "Shelbyville", "LaPlace", "Laplace", "Main Street"]
KINDS = [None, "shooting", "strike", "earthquake"]
METRICS = ["killed", "injured", "arrested"]


@st.composite
def quantity(draw: st.DrawFn) -> Quantity:
    """An interval in one of the shapes `quantities` produces: exact, open, closed, nominal only."""
    figure = draw(st.integers(0, 60))
    shape = draw(st.sampled_from(["exact", "at least", "up to", "range", "about", "nearly", "vague"]))
    if shape == "exact":
        return Quantity(phrase=str(figure), low=figure, high=figure, nominal=figure)
    if shape == "at least":
        return Quantity(phrase=f"at least {figure}", low=figure, hedge="at least")
    if shape == "up to":
        return Quantity(phrase=f"up to {figure}", high=figure, hedge="up to")
    if shape == "range":
        top = figure + draw(st.integers(1, 10))
        return Quantity(phrase=f"{figure} to {top}", low=figure, high=top)
    if shape == "about":
        return Quantity(phrase=f"about {figure}", nominal=figure, approximate=True, hedge="about")
    if shape == "nearly":
        return Quantity(
            phrase=f"nearly {figure}", high=figure, nominal=figure, approximate=True, hedge="nearly"
        )
    return Quantity(phrase="dozens", low=12, vague="dozens")


@st.composite
def reconcile_inputs(draw: st.DrawFn) -> tuple[list[Document], list[Event], list[Claim]]:
    """Documents with events (dates, places, kinds from small pools) and claims about them."""
    n_docs = draw(st.integers(1, 4))
    documents: list[Document] = []
    events: list[Event] = []
    claims: list[Claim] = []
    for doc_id in DOC_IDS[:n_docs]:
        published = draw(st.sampled_from([None, *DAYS]))
        documents.append(Document(id=doc_id, text="", source="-", published=published))
        doc_events = []
        for n in range(draw(st.integers(0, 3))):
            event = Event(
                id=f"{doc_id}:e{n}",
                document=doc_id,
                sentence=0,
                description=f"event {n} of {doc_id}",
                kind=draw(st.sampled_from(KINDS)),
                date=draw(st.sampled_from([None, *DAYS])),
                date_phrase=draw(st.sampled_from([None, "Saturday", "last week", "overnight"])),
                places=draw(st.lists(st.sampled_from(PLACES), max_size=2, unique=True)),
            )
            events.append(event)
            doc_events.append(event.id)
        for n in range(draw(st.integers(0, 6))):
            q = draw(quantity())
            status = draw(st.sampled_from([SpanStatus.EXACT, SpanStatus.EXACT, SpanStatus.UNGROUNDED]))
            grounded = status is not SpanStatus.UNGROUNDED
            claims.append(
                Claim(
                    id=f"{doc_id}:c{n}",
                    document=doc_id,
                    sentence=0,
                    metric=draw(st.sampled_from(METRICS)),
                    place=draw(st.sampled_from([None, *PLACES])),
                    quantity=q,
                    event=draw(st.sampled_from([None, *doc_events])) if doc_events else None,
                    span=Span(
                        text=q.phrase,
                        start=0 if grounded else None,
                        end=len(q.phrase) if grounded else None,
                        status=status,
                    ),
                )
            )
    return documents, events, claims


def in_document_order(
    order: list[Document], events: list[Event], claims: list[Claim]
) -> tuple[list[Event], list[Claim]]:
    """Events and claims listed document by document in `order`, as the pipeline lists them."""
    rank = {d.id: n for n, d in enumerate(order)}
    return (
        sorted(events, key=lambda e: rank[e.document]),
        sorted(claims, key=lambda c: rank[c.document]),
    )


def canonical(report: Report) -> dict[str, Any]:
    """Linked events, conflicts and estimates with linked-event ids replaced by their members."""
    members = {le.id: tuple(sorted(le.members)) for le in report.linked_events}

    def event(ident: str | None) -> tuple[str, ...] | None:
        return members.get(ident, (ident,)) if ident is not None else None

    def without_event(model: Any) -> Any:
        return model.model_dump(mode="json", exclude={"event", "id", "members"})

    return {
        "linked": sorted(repr((members[le.id], without_event(le))) for le in report.linked_events),
        "conflicts": sorted(repr((event(c.event), without_event(c))) for c in report.conflicts),
        "estimates": sorted(repr((event(e.event), without_event(e))) for e in report.estimates),
    }
