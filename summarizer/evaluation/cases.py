"""Evaluation cases: a folder of articles plus a human annotation (see shared/data/README.md).

Loads the annotation format into the project's own types, so that the scorer, the
reconciliation tests and the renderers can use gold data as if a perfect model produced it.
No LLM here.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from summarizer.errors import InputError
from summarizer.schemas import (
    Claim,
    ConflictKind,
    Document,
    Event,
    Number,
    Quantity,
    Quote,
    Span,
    SpanStatus,
)
from summarizer.text.ground import sentence_of


class GoldConflict(BaseModel):
    model_config = ConfigDict(extra="ignore")

    kind: ConflictKind
    documents: list[str] = Field(default_factory=list)
    event: str | None = None
    metric: str
    place: str | None = None
    why: str = ""


class ClaimRef(BaseModel):
    model_config = ConfigDict(extra="ignore")

    document: str
    metric: str
    place: str | None = None
    event: str | None = None


class MustNotConflict(BaseModel):
    model_config = ConfigDict(extra="ignore")

    why: str = ""
    a: ClaimRef
    b: ClaimRef


class NotQuote(BaseModel):
    model_config = ConfigDict(extra="ignore")

    document: str
    text: str
    why: str = ""


class Case(BaseModel):
    """One case folder, typed. Gold items whose article is missing are dropped and counted."""

    name: str
    path: Path
    documents: list[Document]
    events: list[Event]
    claims: list[Claim]
    quotes: list[Quote]
    not_quotes: list[NotQuote]
    conflicts: list[GoldConflict]
    must_not_conflict: list[MustNotConflict]
    missing_documents: list[str] = Field(default_factory=list)


def find_cases(root: Path) -> list[Path]:
    """Case folders under `root` (or `root` itself if it is one), sorted by name."""
    if (root / "annotations.json").is_file():
        return [root]
    if not root.is_dir():
        raise InputError(f"{root}: not a directory")
    cases = sorted(p for p in root.iterdir() if (p / "annotations.json").is_file())
    if not cases:
        raise InputError(f"{root}: no case folders (a case folder holds annotations.json and articles/)")
    return cases


GoldModel = TypeVar("GoldModel", bound=BaseModel)


def read_gold(file: Path, model: type[GoldModel], what: str) -> GoldModel:
    """A case folder's gold file as its typed model; unreadable or invalid is one `InputError`."""
    try:
        return model.model_validate(json.loads(file.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise InputError(f"{file}: cannot read {what} ({exc})") from exc


def parse_date(value: str | None) -> dt.date | None:
    """A full ISO date, or None for partial dates such as '2012-04' or '2004'."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def gold_quantity(raw: dict[str, Any]) -> Quantity:
    low: Number | None = raw.get("low")
    high: Number | None = raw.get("high")
    approx: Number | None = raw.get("approximately")
    nominal = approx if approx is not None else (low if low is not None and low == high else None)
    return Quantity(
        phrase=raw["evidence"],
        low=low,
        high=high,
        nominal=nominal,
        approximate=approx is not None,
        vague=raw.get("vague"),
    )


def locate_exact(text: str, fragment: str) -> Span:
    """Gold evidence is an exact substring by the annotation's own rules."""
    start = text.find(fragment)
    if start < 0:
        return Span(text=fragment, status=SpanStatus.UNGROUNDED)
    return Span(text=fragment, start=start, end=start + len(fragment), status=SpanStatus.EXACT)


def sentence_at(document: Document, offset: int | None) -> int:
    """The sentence holding a gold span; 0 for a span that is not in the text."""
    found = sentence_of(offset, document.sentences) if offset is not None else None
    return found if found is not None else 0


def load_case(path: Path) -> Case:
    from summarizer.text.segment import segment

    try:
        raw = json.loads((path / "annotations.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"{path / 'annotations.json'}: cannot read annotations ({exc})") from exc

    documents: dict[str, Document] = {}
    missing: list[str] = []
    for meta in raw.get("documents", []):
        article = path / meta["file"]
        if not article.is_file():
            missing.append(meta["id"])
            continue
        text = article.read_text(encoding="utf-8")
        documents[meta["id"]] = Document(
            id=meta["id"],
            text=text,
            source=str(article),
            outlet=meta.get("outlet"),
            published=parse_date(meta.get("published")),
            sentences=segment(text),
        )

    events: list[Event] = []
    for gold in raw.get("events", []):
        for doc_id in gold.get("documents", []):
            if doc_id not in documents:
                continue
            events.append(
                Event(
                    id=f"{doc_id}:{gold['id']}",
                    document=doc_id,
                    sentence=0,
                    description=gold.get("what", gold["id"]),
                    date=parse_date(gold.get("date")),
                    date_phrase=gold.get("date"),
                    places=list(gold.get("places", [])),
                )
            )

    claims: list[Claim] = []
    for i, gold in enumerate(raw.get("claims", [])):
        doc = documents.get(gold["document"])
        if doc is None:
            continue
        span = locate_exact(doc.text, gold["evidence"])
        claims.append(
            Claim(
                id=f"{doc.id}:g{i}",
                document=doc.id,
                sentence=sentence_at(doc, span.start),
                metric=gold["metric"],
                place=gold.get("place"),
                quantity=gold_quantity(gold),
                event=f"{doc.id}:{gold['event']}" if gold.get("event") else None,
                attributed_to=gold.get("attributed_to"),
                span=span,
            )
        )

    quotes: list[Quote] = []
    for i, gold in enumerate(raw.get("quotes", [])):
        doc = documents.get(gold["document"])
        if doc is None:
            continue
        span = locate_exact(doc.text, gold["text"])
        quotes.append(
            Quote(
                id=f"{doc.id}:gq{i}",
                document=doc.id,
                sentence=sentence_at(doc, span.start),
                speaker=gold["speaker"],
                role=gold.get("role"),
                text=gold["text"],
                span=span,
            )
        )

    conflicts = []
    for gold in raw.get("conflicts", []):
        docs = gold.get("documents") or ([gold["document"]] if gold.get("document") else [])
        conflicts.append(GoldConflict.model_validate({**gold, "documents": docs}))

    return Case(
        name=path.name,
        path=path,
        documents=list(documents.values()),
        events=events,
        claims=claims,
        quotes=quotes,
        not_quotes=[
            NotQuote.model_validate(n) for n in raw.get("not_quotes", []) if n["document"] in documents
        ],
        conflicts=conflicts,
        must_not_conflict=[MustNotConflict.model_validate(m) for m in raw.get("must_not_conflict", [])],
        missing_documents=missing,
    )
