"""What every renderer shares: conflict titles, readable metric names, and `ReportIndex`,
which groups a report's items by linked event once so that renderers never search lists per
item, and remembers the figures a large report repeats. No LLM, no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from summarizer.schemas import (
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Estimate,
    Event,
    LinkedEvent,
    Number,
    Quantity,
    Quote,
    Report,
    Span,
    SpanStatus,
)
from summarizer.text.figures import format_interval, format_quantity

CONFLICT_TITLES: dict[ConflictKind, str] = {
    ConflictKind.CROSS_DOCUMENT: "Sources disagree",
    ConflictKind.WITHIN_DOCUMENT_RANGE: "Range within one source",
    ConflictKind.REVISION: "Revised figure",
    ConflictKind.PART_TOTAL_TENSION: "Parts and total do not add up",
}


# --------------------------------------------------------------------------- numbers


def humanize(name: str) -> str:
    """snake_case metric names for people: "people_without_power" -> "people without power"."""
    return name.replace("_", " ")


# --------------------------------------------------------------------------- grouping


UNLINKED = "__unlinked__"
"""Group key for items that belong to no linked event."""


@dataclass
class EventGroup:
    """Everything the report says about one linked event (or about none: `linked` is None)."""

    key: str
    linked: LinkedEvent | None
    claims: list[Claim] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    estimates: list[Estimate] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.claims or self.conflicts or self.estimates)


class ReportIndex:
    """Lookups over a report, built once in linear time."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.documents: dict[str, Document] = {d.id: d for d in report.documents}
        self.claims: dict[str, Claim] = {c.id: c for c in report.claims}
        self.events: dict[str, Event] = {e.id: e for e in report.events}
        self.linked_of_event: dict[str, str] = {
            member: linked.id for linked in report.linked_events for member in linked.members
        }
        self.groups: dict[str, EventGroup] = {
            linked.id: EventGroup(key=linked.id, linked=linked) for linked in report.linked_events
        }
        self.groups[UNLINKED] = EventGroup(key=UNLINKED, linked=None)
        self._figures: dict[tuple[Number | None, Number | None, str | None], str] = {}
        self._quantities: dict[tuple[object, ...], str] = {}
        # Claim id -> unit, for the few claims that state one (`unit_of` asks per estimate).
        self._units = {cid: c.quantity.unit for cid, c in self.claims.items() if c.quantity.unit}
        unlinked = self.groups[UNLINKED]
        claims_of = {
            event: self.groups.get(linked, unlinked).claims for event, linked in self.linked_of_event.items()
        }
        self._ungrounded_claims: list[Claim] = []
        for claim in report.claims:
            if claim.span.status != SpanStatus.UNGROUNDED:  # Span.grounded, without a call per claim
                claims_of.get(claim.event or "", unlinked.claims).append(claim)
            else:
                self._ungrounded_claims.append(claim)
        for conflict in report.conflicts:
            self._group(conflict.event).conflicts.append(conflict)
        for estimate in report.estimates:
            self._group(estimate.event).estimates.append(estimate)

    def _group(self, linked_id: str | None) -> EventGroup:
        return self.groups.get(linked_id or UNLINKED, self.groups[UNLINKED])

    def event_groups(self) -> list[EventGroup]:
        """Linked events in report order, then the unlinked group if it holds anything."""
        groups = [self.groups[linked.id] for linked in self.report.linked_events]
        if not self.groups[UNLINKED].empty:
            groups.append(self.groups[UNLINKED])
        return groups

    def unit_of(self, claim_ids: Iterable[str]) -> str | None:
        """The unit of the first of these claims that states one (estimates and sides carry none)."""
        units = self._units
        if not units:  # most reports state no unit at all
            return None
        for claim_id in claim_ids:
            if unit := units.get(claim_id):
                return unit
        return None

    def side_figure(self, side: ConflictSide) -> str:
        """A conflict side's interval as `format_interval` writes it, with the unit and the
        quantities of its claims. Remembered when the interval is closed or empty (the
        quantities then change nothing): a large report repeats the same few figures."""
        unit = self.unit_of(side.claims)
        if (side.low is None) != (side.high is None):
            return format_interval(side.low, side.high, unit, self.quantities_of(side.claims))
        key = (side.low, side.high, unit)
        if (found := self._figures.get(key)) is None:
            found = self._figures[key] = format_interval(side.low, side.high, unit)
        return found

    def figure(self, quantity: Quantity) -> str:
        """`format_quantity`, remembered per distinct quantity: a large report repeats a few.
        The types of the bounds are part of the key (a strict bound of a count is stated apart)."""
        q = quantity
        key = (q.low, type(q.low), q.high, type(q.high), q.nominal, q.approximate, q.hedge, q.vague, q.unit)
        if (found := self._quantities.get(key)) is None:
            found = self._quantities[key] = format_quantity(q)
        return found

    def quantities_of(self, claim_ids: Iterable[str]) -> list[Quantity]:
        """The quantities of these claims: what a conflict side's open bound was stated as."""
        return [self.claims[c].quantity for c in claim_ids if c in self.claims]

    def outlet(self, document_id: str) -> str:
        doc = self.documents.get(document_id)
        return doc.outlet if doc is not None and doc.outlet else document_id

    def estimate_documents(self, estimate: Estimate) -> list[str]:
        """Distinct documents behind an estimate, in first-seen order."""
        claims = self.claims
        return list(dict.fromkeys([claims[c].document for c in estimate.claims if c in claims]))

    def sentence_exists(self, document_id: str, index: int) -> bool:
        doc = self.documents.get(document_id)
        return doc is not None and 0 <= index < len(doc.sentences)

    def ungrounded(self) -> list[Claim | Quote | Event]:
        """Items kept with status UNGROUNDED (events only when they carry a span)."""
        items: list[Claim | Quote | Event] = []
        items.extend(e for e in self.report.events if e.span is not None and not e.span.grounded)
        items.extend(self._ungrounded_claims)
        items.extend(q for q in self.report.quotes if not q.span.grounded)
        return items


def quotes_by_speaker(quotes: Iterable[Quote]) -> dict[str, list[Quote]]:
    """Grounded quotes grouped by speaker, speakers in first-seen order."""
    grouped: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.span.grounded:
            grouped[quote.speaker].append(quote)
    return dict(grouped)


def side_key(side: ConflictSide) -> tuple[object, ...]:
    """What a conflict side shows depends on: one document's figures are a side of its conflict
    with each other document, so renderers write each side once."""
    return (side.document, side.published, side.low, side.high, type(side.low), type(side.high), *side.claims)


def side_sentences(index: ReportIndex, side: ConflictSide) -> list[tuple[Document, int, list[Span]]]:
    """The evidence of one conflict side: each sentence once, with the claim spans inside it."""
    by_sentence: dict[tuple[str, int], list[Span]] = {}
    for claim_id in side.claims:
        claim = index.claims.get(claim_id)
        if claim is None or not index.sentence_exists(claim.document, claim.sentence):
            continue
        by_sentence.setdefault((claim.document, claim.sentence), []).append(claim.span)
    return [(index.documents[doc_id], sent, spans) for (doc_id, sent), spans in by_sentence.items()]


# --------------------------------------------------------------------------- JSON
