"""The typed objects that flow through the pipeline and make up the public report.

Everything here is plain pydantic: no LLM, no I/O. The JSON Schema of `Report` is the
public contract of the JSON output (`summarizer schema`).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Number = int | float


class Model(BaseModel):
    """Base for every schema object: unknown keys are errors, so typos in saved reports surface."""

    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- documents


class Sentence(Model):
    """One sentence of a document, as character offsets into `Document.text`."""

    index: int = Field(ge=0, description="0-based position of the sentence in its document")
    start: int = Field(ge=0)
    end: int = Field(ge=0, description="exclusive")


class Document(Model):
    id: str = Field(description="unique within a run; the file stem for files")
    text: str
    source: str = Field(description="the path, or '-' for standard input")
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None
    sentences: list[Sentence] = Field(default_factory=list)

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start : sentence.end]


# --------------------------------------------------------------------------- grounding


class SpanStatus(StrEnum):
    EXACT = "exact"
    NORMALIZED = "normalized"
    FUZZY = "fuzzy"
    UNGROUNDED = "ungrounded"


class Span(Model):
    """Where a fragment copied by the model sits in its document. Never deleted when unmatched."""

    text: str = Field(description="the fragment as extracted")
    start: int | None = Field(default=None, description="offset in Document.text; None if ungrounded")
    end: int | None = Field(default=None, description="exclusive; None if ungrounded")
    status: SpanStatus
    score: float | None = Field(default=None, description="similarity 0..100 for fuzzy matches")

    @property
    def grounded(self) -> bool:
        return self.status != SpanStatus.UNGROUNDED


# --------------------------------------------------------------------------- quantities


class Quantity(Model):
    """A number as an inclusive interval; None means unbounded on that side.

    "between 11 and 19" -> 11..19; "at least 9" -> 9..None; "more than 20" -> 21..None;
    "nearly 40" -> None..40 (approximate, nominal 40); "about 80" -> None..None (nominal 80);
    "dozens" -> 12..None (vague "dozens").
    """

    phrase: str = Field(description="the original phrase")
    low: Number | None = None
    high: Number | None = None
    nominal: Number | None = Field(default=None, description="the figure stated, when there is one")
    approximate: bool = Field(default=False, description="hedged: about, nearly, roughly, some...")
    hedge: str | None = Field(default=None, description="the hedge words as written, e.g. 'at least'")
    vague: str | None = Field(default=None, description="vague quantity word, e.g. 'dozens'")
    unit: str | None = Field(default=None, description="e.g. 'percent'")

    @property
    def is_range(self) -> bool:
        """A closed interval wider than one value: the source itself gives a spread."""
        return self.low is not None and self.high is not None and self.low != self.high


# --------------------------------------------------------------------------- extraction


class Event(Model):
    id: str = Field(description="unique within the report, e.g. 'doc-a:e1'")
    document: str
    sentence: int
    description: str
    kind: str | None = Field(default=None, description="e.g. 'strike', 'shooting', 'earthquake'")
    date: dt.date | None = Field(default=None, description="resolved date, if known")
    date_phrase: str | None = Field(default=None, description="as written: 'Saturday', 'overnight'")
    places: list[str] = Field(default_factory=list)
    span: Span | None = None


class Claim(Model):
    id: str = Field(description="unique within the report, e.g. 'doc-a:c3'")
    document: str
    sentence: int
    metric: str = Field(description="snake_case after synonym normalization: killed, injured, ...")
    group: str | None = Field(
        default=None,
        description="who was counted: people, victims, suspects, officers, children; None when unsaid",
    )
    place: str | None = None
    quantity: Quantity
    event: str | None = Field(default=None, description="id of an Event of the same document")
    attributed_to: str | None = None
    span: Span = Field(description="the evidence: where the quantity phrase sits in the text")


class Quote(Model):
    id: str = Field(description="unique within the report, e.g. 'doc-a:q2'")
    document: str
    sentence: int
    speaker: str
    role: str | None = None
    text: str
    span: Span


# --------------------------------------------------------------------------- accounting


class Usage(Model):
    """Every call counted, retries and re-asks included."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = Field(default=0, description="HTTP requests sent, retries and re-asks included")
    retries: int = Field(default=0, description="transport retries (timeouts, 429, 5xx, drops)")
    reasks: int = Field(default=0, description="validation re-asks")
    cache_hits: int = 0
    seconds: float = Field(default=0.0, description="wall time spent waiting for the model")

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.calls += other.calls
        self.retries += other.retries
        self.reasks += other.reasks
        self.cache_hits += other.cache_hits
        self.seconds += other.seconds


class Failure(Model):
    """Something that did not complete. The rest of the report is still complete."""

    document: str | None = Field(default=None, description="document id or input path")
    stage: Literal["ingest", "extract", "summarize", "budget", "reconcile"]
    reason: str


class DocumentExtraction(Model):
    """What extraction produced for one document."""

    document: Document
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


# --------------------------------------------------------------------------- reconciliation


class HeadlineFigure(Model):
    """The incident-wide figure a reader asks for first: how many were killed, injured, ...

    Computed by `summarizer.reconcile.headlines` from the estimates of one linked event: of the
    estimates of one casualty metric, the incident-wide total (never a per-place part). Suspects
    are not subtracted or added: a figure counts whoever its sources counted, and `reading` says
    who that was when the text says it.
    """

    event: str = Field(description="LinkedEvent id")
    metric: str = Field(description="a casualty metric: killed, injured, ...")
    place: str | None = Field(default=None, description="the place of the total, when the sources give one")
    low: Number | None = None
    best: Number | None = None
    high: Number | None = None
    conservative: Number | None = Field(default=None, description="ACLED-style lowest defensible figure")
    reading: Literal["everyone", "victims", "suspects"] | None = Field(
        default=None,
        description="who is counted, when the text says: everyone (suspects included), victims only,"
        " suspects only; None when the sources do not say",
    )
    documents: list[str] = Field(description="the documents whose claims the figure rests on")
    claims: list[str] = Field(description="ids of the claims behind the figure")
    disagree: bool = Field(description="the documents behind the figure give different figures")
    parts: int = Field(default=0, description="per-place figures of the same metric left aside as parts")
    derived: str | None = Field(
        default=None,
        description="how the figure was computed when no source states it: 'shot - killed' (people shot"
        " who did not die are the injured)",
    )


class LinkedEvent(Model):
    """Events from one or more documents judged to be the same real-world event."""

    id: str
    members: list[str] = Field(description="ids of the per-document Events")
    documents: list[str]
    date: dt.date | None = None
    places: list[str] = Field(default_factory=list)
    kind: str | None = None
    description: str
    headlines: list[HeadlineFigure] = Field(
        default_factory=list, description="incident-wide casualty figures, killed and injured first"
    )


class ConflictKind(StrEnum):
    CROSS_DOCUMENT = "cross_document"
    WITHIN_DOCUMENT_RANGE = "within_document_range"
    REVISION = "revision"
    PART_TOTAL_TENSION = "part_total_tension"


class ConflictSide(Model):
    document: str
    claims: list[str] = Field(description="claim ids on this side")
    low: Number | None = None
    high: Number | None = None
    published: dt.date | None = None


class Conflict(Model):
    kind: ConflictKind
    event: str | None = Field(description="LinkedEvent id")
    metric: str
    place: str | None = None
    sides: list[ConflictSide]
    why: str = Field(description="one line a reader can act on")
    newer: str | None = Field(default=None, description="for revisions: the document with the newer figure")


class Estimate(Model):
    """Low / best / high for one (event, metric, place), UCDP-style, plus the ACLED figure."""

    event: str | None
    metric: str
    place: str | None = None
    low: Number | None = None
    best: Number | None = None
    high: Number | None = None
    conservative: Number | None = Field(default=None, description="ACLED-style lowest defensible figure")
    sources: int = Field(description="number of independent documents")
    claims: list[str]


class Citation(Model):
    document: str
    sentence: int


class SummarySentence(Model):
    text: str
    citations: list[Citation]


class Summary(Model):
    sentences: list[SummarySentence] = Field(default_factory=list)
    generated_by: Literal["llm", "rules"]


# --------------------------------------------------------------------------- the report


class RunInfo(Model):
    tool_version: str
    schema_version: str = SCHEMA_VERSION
    backend: str | None = Field(default=None, description="'embedded', 'openai-compatible', 'none', 'fake'")
    model: str | None = None
    strategy: str | None = None
    prompt_version: str | None = None


class Report(Model):
    run: RunInfo
    documents: list[Document] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    linked_events: list[LinkedEvent] = Field(default_factory=list)
    main_event: str | None = Field(
        default=None, description="LinkedEvent id of the event most documents report (see headlines)"
    )
    conflicts: list[Conflict] = Field(default_factory=list)
    estimates: list[Estimate] = Field(default_factory=list)
    summary: Summary | None = None
    usage: Usage = Field(default_factory=Usage)
    document_usage: dict[str, Usage] = Field(default_factory=dict)
    failures: list[Failure] = Field(default_factory=list)

    @property
    def lost_documents(self) -> set[str]:
        """Documents with no extraction: it failed, or the token budget stopped the run first."""
        return {f.document for f in self.failures if f.document and f.stage in ("extract", "budget")}

    @property
    def partial(self) -> bool:
        """An input or a document was lost, or the token budget stopped the run. A summary that
        fell back to the rules summary is listed in `failures` but does not make a report partial."""
        return any(f.stage != "summarize" for f in self.failures)

    @property
    def ungrounded_count(self) -> int:
        spans = [c.span for c in self.claims] + [q.span for q in self.quotes]
        return sum(1 for s in spans if not s.grounded)

    def document(self, document_id: str) -> Document:
        for doc in self.documents:
            if doc.id == document_id:
                return doc
        raise KeyError(document_id)
