"""HAND-MADE test data for the renderers: complete `Report` objects built before extraction and
reconciliation exist.

- `c00_sample_report()`: the gold documents, events, claims and quotes of the c00 case, plus
  linked events, conflicts (those the annotation asks for), estimates, a summary and usage
  written by hand here. Not the output of the pipeline.
- `small_report()`: a tiny two-outlet report with every section filled, for exact assertions.
- `hostile_report()`: article text, speakers, metrics and summary carrying HTML/JS payloads.
"""

from __future__ import annotations

import datetime as dt

from paths import C00

from summarizer.evaluation.cases import load_case, locate_exact
from summarizer.schemas import (
    Citation,
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Estimate,
    Event,
    Failure,
    HeadlineFigure,
    LinkedEvent,
    Quantity,
    Quote,
    Report,
    RunInfo,
    Sentence,
    Span,
    SpanStatus,
    Summary,
    SummarySentence,
    Usage,
)

CLASH = "clashreport-2026-01-24"
NEXTFIN = "nextfin-2026-01-27"


def span_of(text: str, fragment: str) -> Span:
    """An EXACT span; fails loudly if the sample text and fragment drift apart."""
    span = locate_exact(text, fragment)
    assert span.grounded, f"sample fragment not in text: {fragment!r}"
    return span


def sentences_of(text: str, pieces: list[str]) -> list[Sentence]:
    """Sentence offsets for hand-written documents, pieces given in order."""
    sentences, cursor = [], 0
    for i, piece in enumerate(pieces):
        start = text.index(piece, cursor)
        sentences.append(Sentence(index=i, start=start, end=start + len(piece)))
        cursor = start + len(piece)
    return sentences


# --------------------------------------------------------------------------- c00


def c00_sample_report() -> Report:
    case = load_case(C00)
    docs = {d.id: d for d in case.documents}
    claims = {c.id.split(":")[1]: c for c in case.claims}

    # Gold has no unit field; the quantities module reads "80 percent" as unit "percent".
    percent = claims["g18"]
    claims["g18"] = percent.model_copy(
        update={"quantity": percent.quantity.model_copy(update={"unit": "percent"})}
    )

    # Gold events carry no span; point each at the sentence that first reports it.
    event_phrases = {
        CLASH: "Russia launched missile and drone strikes on Kyiv and Kharkiv",
        NEXTFIN: "launched a series of coordinated drone and missile strikes across Ukraine on January 27",
    }
    events = []
    for event in case.events:
        span = span_of(docs[event.document].text, event_phrases[event.document])
        sentence = next(
            s.index for s in docs[event.document].sentences if s.start <= (span.start or 0) < s.end
        )
        events.append(event.model_copy(update={"span": span, "sentence": sentence, "kind": "strike"}))
    jan24, jan27 = (e.id for e in events)

    # An extraction the grounding step could not find in the text: kept, marked UNGROUNDED.
    ungrounded = Quote(
        id=f"{CLASH}:q-ungrounded",
        document=CLASH,
        sentence=24,
        speaker="Ihor Terekhov",
        role="Mayor of Kharkiv",
        text="the city will not be broken",
        span=Span(text="the city will not be broken", status=SpanStatus.UNGROUNDED),
    )

    linked = [
        LinkedEvent(
            id="L1",
            members=[jan24],
            documents=[CLASH],
            date=dt.date(2026, 1, 24),
            places=["Kyiv", "Kharkiv"],
            kind="strike",
            description="Overnight missile and drone strikes on Kyiv and Kharkiv (24 January 2026)",
        ),
        LinkedEvent(
            id="L2",
            members=[jan27],
            documents=[NEXTFIN],
            date=dt.date(2026, 1, 27),
            places=["Kharkiv", "Odesa"],
            kind="strike",
            description="Drone and missile strikes on Kharkiv and Odesa (27 January 2026)",
        ),
    ]
    d24, d27 = dt.date(2026, 1, 24), dt.date(2026, 1, 27)
    conflicts = [
        Conflict(
            kind=ConflictKind.WITHIN_DOCUMENT_RANGE,
            event="L1",
            metric="injured",
            place="Kharkiv",
            sides=[ConflictSide(document=CLASH, claims=[claims["g5"].id], low=11, high=19, published=d24)],
            why="the article itself gives a range (between 11 and 19): reports of the Kharkiv injured "
            "disagree",
        ),
        Conflict(
            kind=ConflictKind.PART_TOTAL_TENSION,
            event="L1",
            metric="injured",
            place=None,
            sides=[
                ConflictSide(document=CLASH, claims=[claims["g1"].id], low=21, high=None, published=d24),
                ConflictSide(
                    document=CLASH, claims=[claims["g3"].id, claims["g5"].id], low=15, high=23, published=d24
                ),
            ],
            why="total 'more than 20' across Kyiv and Kharkiv, while Kyiv 4 + Kharkiv 11..19 = 15..23: "
            "consistent only if Kharkiv had at least 17 injured",
        ),
        Conflict(
            kind=ConflictKind.PART_TOTAL_TENSION,
            event="L2",
            metric="killed",
            place=None,
            sides=[
                ConflictSide(document=NEXTFIN, claims=[claims["g12"].id], low=9, high=None, published=d27),
                ConflictSide(
                    document=NEXTFIN,
                    claims=[claims["g14"].id, claims["g15"].id],
                    low=8,
                    high=8,
                    published=d27,
                ),
            ],
            why="total 'at least nine' while the parts named sum to 8 (5 on the train + 3 in Odesa): "
            "one death is unaccounted for",
        ),
    ]

    def estimate(
        event: str, metric: str, place: str, low: int | None, best: int | None, high: int | None, *ids: str
    ) -> Estimate:
        return Estimate(
            event=event,
            metric=metric,
            place=place,
            low=low,
            best=best,
            high=high,
            conservative=low,
            sources=1,
            claims=[claims[i].id for i in ids],
        )

    estimates = [
        estimate("L1", "killed", "Kyiv", 1, 1, 1, "g0", "g2"),
        estimate("L1", "injured", "Kyiv", 4, 4, 4, "g3"),
        estimate("L1", "injured", "Kharkiv", 11, 15, 19, "g5"),
        estimate("L1", "injured", "Kyiv and Kharkiv", 21, 21, None, "g1"),
        estimate("L1", "people_without_power", "Kyiv", 800001, 800001, None, "g10"),
        estimate("L2", "killed", "Kharkiv and Odesa", 9, 9, None, "g12"),
        estimate("L2", "injured", "Kharkiv and Odesa", 12, None, None, "g13"),
        estimate("L2", "killed", "Kharkiv", 5, 5, 5, "g14"),
        estimate("L2", "killed", "Odesa", 3, 3, 3, "g15"),
        estimate("L2", "injured", "Odesa", 35, 35, 35, "g16"),
        estimate("L2", "percent_without_power", "Kharkiv", None, 80, None, "g18"),
    ]

    def cite(*ids: str) -> list[Citation]:
        """Citations of the sentences holding these claims, each sentence once."""
        places = dict.fromkeys((claims[i].document, claims[i].sentence) for i in ids)
        return [Citation(document=doc, sentence=sentence) for doc, sentence in places]

    summary = Summary(
        generated_by="llm",
        sentences=[
            SummarySentence(
                text="Russian strikes on Kyiv and Kharkiv on 24 January killed at least one person in Kyiv "
                "and injured more than 20 people across the two cities.",
                citations=cite("g0", "g1"),
            ),
            SummarySentence(
                text="Kharkiv's mayor gave a range of 11 to 19 injured, which does not settle the total.",
                citations=cite("g5"),
            ),
            SummarySentence(
                text="In a separate attack on 27 January, at least nine people were killed in Kharkiv and "
                "Odesa, including five passengers on a train.",
                citations=cite("g12", "g14"),
            ),
        ],
    )
    usage_clash = Usage(prompt_tokens=3120, completion_tokens=684, calls=2, reasks=1, seconds=4.2)
    usage_next = Usage(prompt_tokens=2710, completion_tokens=402, calls=1, cache_hits=1, seconds=2.1)
    usage_summary = Usage(prompt_tokens=1450, completion_tokens=210, calls=1, seconds=1.3)
    total = Usage()
    for part in (usage_clash, usage_next, usage_summary):
        total.add(part)
    return Report(
        run=RunInfo(tool_version="0.1.0", backend="fake", model="hand-made-sample", strategy="reference"),
        documents=case.documents,
        events=events,
        claims=list(claims.values()),
        quotes=[*case.quotes, ungrounded],
        linked_events=linked,
        conflicts=conflicts,
        estimates=estimates,
        summary=summary,
        usage=total,
        document_usage={CLASH: usage_clash, NEXTFIN: usage_next},
    )


# --------------------------------------------------------------------------- small


SMALL_A = (
    "Flood hits Riverton | update\n"
    'At least five people died in Riverton, police said. "We are overwhelmed," said Mayor Ann Lee.'
)
SMALL_B = "Three people were killed in the Riverton flood on Monday. The river peaked at 7.5 metres."


def small_report() -> Report:
    a_sentences = [
        "Flood hits Riverton | update",
        "At least five people died in Riverton, police said.",
        '"We are overwhelmed," said Mayor Ann Lee.',
    ]
    b_sentences = [
        "Three people were killed in the Riverton flood on Monday.",
        "The river peaked at 7.5 metres.",
    ]
    doc_a = Document(
        id="a",
        text=SMALL_A,
        source="a.txt",
        outlet="Daily *Star*",
        title="Flood hits Riverton | update\nlive",
        published=dt.date(2024, 3, 5),
        sentences=sentences_of(SMALL_A, a_sentences),
    )
    doc_b = Document(
        id="b",
        text=SMALL_B,
        source="b.txt",
        outlet="Courier",
        published=dt.date(2024, 3, 4),
        sentences=sentences_of(SMALL_B, b_sentences),
    )
    events = [
        Event(
            id="a:e1",
            document="a",
            sentence=1,
            description="flood in Riverton",
            kind="flood",
            date=dt.date(2024, 3, 4),
            places=["Riverton"],
            span=span_of(SMALL_A, "died in Riverton"),
        ),
        Event(
            id="b:e1",
            document="b",
            sentence=0,
            description="Riverton flood",
            kind="flood",
            date=dt.date(2024, 3, 4),
            places=["Riverton"],
            span=span_of(SMALL_B, "the Riverton flood on Monday"),
        ),
    ]
    claims = [
        Claim(
            id="a:c1",
            document="a",
            sentence=1,
            metric="killed",
            place="Riverton",
            event="a:e1",
            quantity=Quantity(phrase="At least five people died", low=5, hedge="at least"),
            attributed_to="police",
            span=span_of(SMALL_A, "At least five people died"),
        ),
        Claim(
            id="b:c1",
            document="b",
            sentence=0,
            metric="killed",
            place="Riverton",
            event="b:e1",
            quantity=Quantity(phrase="Three people were killed", low=3, high=3, nominal=3),
            span=span_of(SMALL_B, "Three people were killed"),
        ),
        Claim(
            id="b:c2",
            document="b",
            sentence=1,
            metric="river_level",
            place=None,
            event=None,
            quantity=Quantity(phrase="7.5 metres", low=7.5, high=7.5, nominal=7.5, unit="m"),
            span=span_of(SMALL_B, "7.5 metres"),
        ),
    ]
    quotes = [
        Quote(
            id="a:q1",
            document="a",
            sentence=2,
            speaker="Ann Lee",
            role="Mayor",
            text="We are overwhelmed,",
            span=span_of(SMALL_A, "We are overwhelmed,"),
        ),
        Quote(
            id="a:q2",
            document="a",
            sentence=2,
            speaker="Ann Lee",
            role="Mayor",
            text="Help is coming",
            span=Span(text="Help is coming", status=SpanStatus.UNGROUNDED),
        ),
    ]
    return Report(
        run=RunInfo(
            tool_version="0.1.0",
            backend="fake",
            model="test-model",
            strategy="reference",
            prompt_version="p1",
        ),
        documents=[doc_a, doc_b],
        events=events,
        claims=claims,
        quotes=quotes,
        linked_events=[
            LinkedEvent(
                id="L1",
                members=["a:e1", "b:e1"],
                documents=["a", "b"],
                date=dt.date(2024, 3, 4),
                places=["Riverton"],
                kind="flood",
                description="Riverton flood",
                headlines=[
                    HeadlineFigure(
                        event="L1",
                        metric="killed",
                        place="Riverton",
                        low=3,
                        best=5,
                        high=None,
                        conservative=3,
                        documents=["a", "b"],
                        claims=["a:c1", "b:c1"],
                        disagree=True,
                    )
                ],
            ),
        ],
        main_event="L1",
        conflicts=[
            Conflict(
                kind=ConflictKind.CROSS_DOCUMENT,
                event="L1",
                metric="killed",
                place="Riverton",
                sides=[
                    ConflictSide(
                        document="a", claims=["a:c1"], low=5, high=None, published=dt.date(2024, 3, 5)
                    ),
                    ConflictSide(document="b", claims=["b:c1"], low=3, high=3, published=dt.date(2024, 3, 4)),
                ],
                why="Courier says 3 killed, Daily Star at least 5",
                newer="a",
            ),
        ],
        estimates=[
            Estimate(
                event="L1",
                metric="killed",
                place="Riverton",
                low=3,
                best=5,
                high=None,
                conservative=3,
                sources=2,
                claims=["a:c1", "b:c1"],
            ),
            Estimate(
                event=None,
                metric="river_level",
                low=7.5,
                best=7.5,
                high=7.5,
                conservative=7.5,
                sources=1,
                claims=["b:c2"],
            ),
        ],
        summary=Summary(
            generated_by="rules",
            sentences=[
                SummarySentence(
                    text="At least 3 people died in the Riverton flood.",
                    citations=[Citation(document="a", sentence=1), Citation(document="b", sentence=0)],
                ),
                SummarySentence(
                    text="The river peaked at 7.5 m.", citations=[Citation(document="b", sentence=1)]
                ),
            ],
        ),
        usage=Usage(
            prompt_tokens=1200, completion_tokens=300, calls=3, retries=1, reasks=1, cache_hits=2, seconds=2.5
        ),
        failures=[Failure(document="c.html", stage="ingest", reason="no article text found")],
    )


# --------------------------------------------------------------------------- hostile

SCRIPT = "<script>document.title='pwned'</script>"
IMG = "\"><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','1')\">"
HOSTILE_TEXT = f"Officials said 4 people died {SCRIPT}. Witnesses saw {IMG} smoke. A </script> tag & more."


def hostile_report() -> Report:
    """Every free-text field carries markup that must render as text, never run."""
    pieces = [
        f"Officials said 4 people died {SCRIPT}.",
        f"Witnesses saw {IMG} smoke.",
        "A </script> tag & more.",
    ]
    doc = Document(
        id="evil<doc>",
        text=HOSTILE_TEXT,
        source="evil.html",
        outlet=f"Outlet {SCRIPT}",
        title=f"Title {IMG}",
        sentences=sentences_of(HOSTILE_TEXT, pieces),
    )
    claim = Claim(
        id="evil:c1",
        document=doc.id,
        sentence=0,
        metric=f"killed{SCRIPT}",
        place=IMG,
        event="evil:e1",
        quantity=Quantity(phrase=f"4 people died {SCRIPT}", low=4, high=4, nominal=4),
        span=span_of(HOSTILE_TEXT, f"4 people died {SCRIPT}"),
        attributed_to=IMG,
    )
    quote = Quote(
        id="evil:q1",
        document=doc.id,
        sentence=1,
        speaker=SCRIPT,
        role=IMG,
        text=f"saw {IMG}",
        span=span_of(HOSTILE_TEXT, f"saw {IMG}"),
    )
    event = Event(
        id="evil:e1",
        document=doc.id,
        sentence=0,
        description=f"deaths {SCRIPT}",
        span=span_of(HOSTILE_TEXT, "Officials said"),
    )
    return Report(
        run=RunInfo(tool_version="0.1.0", backend="fake", model=SCRIPT),
        documents=[doc],
        events=[event],
        claims=[claim],
        quotes=[quote],
        linked_events=[
            LinkedEvent(id="evil:L1", members=["evil:e1"], documents=[doc.id], description=f"event {IMG}")
        ],
        conflicts=[
            Conflict(
                kind=ConflictKind.WITHIN_DOCUMENT_RANGE,
                event="evil:L1",
                metric=claim.metric,
                place=IMG,
                sides=[ConflictSide(document=doc.id, claims=["evil:c1"], low=4, high=4)],
                why=f"why {SCRIPT}",
            ),
        ],
        estimates=[
            Estimate(
                event="evil:L1",
                metric=claim.metric,
                place=IMG,
                low=4,
                best=4,
                high=4,
                sources=1,
                claims=["evil:c1"],
            )
        ],
        summary=Summary(
            generated_by="llm",
            sentences=[
                SummarySentence(text=f"Four died {SCRIPT}", citations=[Citation(document=doc.id, sentence=0)])
            ],
        ),
        failures=[Failure(document=IMG, stage="extract", reason=SCRIPT)],
    )


def c00_with_hostile_article() -> Report:
    """The c00 sample with the hostile document and its items appended (ids do not collide)."""
    base, evil = c00_sample_report(), hostile_report()
    assert base.summary is not None and evil.summary is not None
    return base.model_copy(
        update={
            "documents": [*base.documents, *evil.documents],
            "events": [*base.events, *evil.events],
            "claims": [*base.claims, *evil.claims],
            "quotes": [*base.quotes, *evil.quotes],
            "linked_events": [*base.linked_events, *evil.linked_events],
            "conflicts": [*base.conflicts, *evil.conflicts],
            "estimates": [*base.estimates, *evil.estimates],
            "summary": Summary(
                generated_by="llm", sentences=[*base.summary.sentences, *evil.summary.sentences]
            ),
            "failures": evil.failures,
        }
    )
