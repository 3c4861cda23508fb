"""Linking cases: ECB+ topics, articles about two different real events of the same type.

A case folder holds `linking.json` and `articles/` (see shared/data/ecb-dev/README.md); the
gold is each document's subtopic ("1" or "2"). Deterministic, no LLM. Rules, each asserted by
tests/evaluation/test_linking.py:

- **A document's main event** is the event its lede reports: of the document's extracted
  events and claims, the one mentioned first (lowest sentence; an event before a claim of the
  same sentence), looked for in the first `LEDE_SENTENCES` sentences and, when the lede has
  none, in the whole document; that mention's linked event (a claim's through its event). A
  document with no event has no main event.
- **Two documents are linked** when both have a main event and it is the same linked event.
  Pairwise precision, recall and F1 over all pairs of documents of a case, against "same
  subtopic".
- **Cross-event conflicts**: output conflicts whose sides come from documents of different
  subtopics. A trustworthy tool has 0.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.evaluation.cases import read_gold
from summarizer.evaluation.scoring import Counts
from summarizer.schemas import Conflict, Document, Report

LEDE_SENTENCES = 3


class LinkingGold(BaseModel):
    """linking.json, the fields the scorer reads."""

    model_config = ConfigDict(extra="ignore")

    case_id: str
    topic: int | str | None = None
    category: str | None = None
    doc_subtopic: dict[str, str]


class LinkingCase(BaseModel):
    name: str
    path: Path
    gold: LinkingGold
    documents: list[Document]
    missing_documents: list[str] = Field(default_factory=list)


def load_linking(path: Path) -> LinkingCase:
    from summarizer.text.ingest import document_from_text

    gold = read_gold(path / "linking.json", LinkingGold, "the linking gold")
    documents: list[Document] = []
    missing: list[str] = []
    for doc_id in gold.doc_subtopic:
        file = path / "articles" / f"{doc_id}.txt"
        if not file.is_file():
            missing.append(doc_id)
            continue
        text = file.read_text(encoding="utf-8")
        # As the command line reads a file: a date in the first lines is the publication date.
        documents.append(document_from_text(text, doc_id, source=str(file)))
    return LinkingCase(name=path.name, path=path, gold=gold, documents=documents, missing_documents=missing)


# --------------------------------------------------------------------------- main events


def document_main_events(report: Report) -> dict[str, str | None]:
    """Each document's main event (a LinkedEvent id), by the lede rule of the module docstring."""
    linked_of = {member: event.id for event in report.linked_events for member in event.members}
    mentions: dict[str, list[tuple[int, int, str]]] = {doc.id: [] for doc in report.documents}
    for event in report.events:
        if event.id in linked_of:
            mentions.setdefault(event.document, []).append((event.sentence, 0, linked_of[event.id]))
    for claim in report.claims:
        if claim.event in linked_of:
            mentions.setdefault(claim.document, []).append((claim.sentence, 1, linked_of[claim.event]))
    main: dict[str, str | None] = {}
    for doc_id, found in mentions.items():
        lede = [m for m in found if m[0] < LEDE_SENTENCES]
        chosen = min(lede or found, default=None)
        main[doc_id] = chosen[2] if chosen is not None else None
    return main


# --------------------------------------------------------------------------- scoring


class LinkError(BaseModel):
    """A pair of documents linked wrongly (spurious) or not linked (missed)."""

    kind: Literal["missed", "spurious"]
    a: str
    b: str
    a_event: str | None
    b_event: str | None


class LinkingCaseScore(BaseModel):
    case: str
    documents: int = 0
    category: str | None = None
    links: Counts = Field(default_factory=Counts, description="pairs of documents, against same subtopic")
    conflicts: int = Field(default=0, description="output conflicts")
    cross_event_conflicts: int = Field(default=0, description="conflicts across subtopics; must be 0")
    main_events: dict[str, str | None] = Field(default_factory=dict)
    link_errors: list[LinkError] = Field(default_factory=list)
    seconds: float = 0.0
    failures: int = 0


def is_cross_event(conflict: Conflict, subtopic: dict[str, str]) -> bool:
    return len({subtopic[s.document] for s in conflict.sides if s.document in subtopic}) > 1


def score_linking(case: LinkingCase, report: Report, *, seconds: float = 0.0) -> LinkingCaseScore:
    subtopic = case.gold.doc_subtopic
    main = document_main_events(report)
    counts = Counts()
    errors: list[LinkError] = []
    for a, b in combinations(sorted(doc.id for doc in case.documents), 2):
        gold = subtopic[a] == subtopic[b]
        linked = main.get(a) is not None and main.get(a) == main.get(b)
        counts += Counts(tp=int(gold and linked), fp=int(linked and not gold), fn=int(gold and not linked))
        if gold != linked:
            errors.append(
                LinkError(
                    kind="spurious" if linked else "missed",
                    a=a,
                    b=b,
                    a_event=main.get(a),
                    b_event=main.get(b),
                )
            )
    return LinkingCaseScore(
        case=case.name,
        documents=len(case.documents),
        category=case.gold.category,
        links=counts,
        conflicts=len(report.conflicts),
        cross_event_conflicts=sum(is_cross_event(c, subtopic) for c in report.conflicts),
        main_events=main,
        link_errors=errors,
        seconds=seconds,
        failures=len(report.failures),
    )
