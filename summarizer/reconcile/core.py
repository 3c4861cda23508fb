"""Reconciliation's entry points, `reconcile` and `reconcile_report`. Deterministic, no LLM.

The steps, in order, one module each:

1. `linking`: per-document events grouped into linked events by date interval (its `date`, else
   its `date_phrase` resolved against publication), compatible kind and compatible places.
2. `alignment`: grounded claims attached to linked events and compared on the key (linked
   event, normalized metric, canonical place); UNGROUNDED claims are left out and counted.
3. `revisions` (a document says a figure changed; the old figure is superseded and takes no
   further part), `conflicts` (`within_document_range`, `cross_document`) and `parts`
   (`part_total_tension`): typed findings with the claims of every side and a one-line why.
4. `estimates`: low, best, high and conservative figures per key, from the current claims.

Everything is grouped by key with dicts and sorted inside groups; pairwise comparison happens
only inside one key (documents of one key) or one (document, event, metric) group (places).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from pydantic import BaseModel

from summarizer.collector import collector_paused
from summarizer.reconcile.alignment import EventKey, Item, Key, align, event_id
from summarizer.reconcile.conflicts import Bounds, cross_document, drop_nested, figure_bounds, within_document
from summarizer.reconcile.estimates import estimate
from summarizer.reconcile.headlines import add_headlines
from summarizer.reconcile.linking import link_events
from summarizer.reconcile.parts import EventPlaces, part_totals
from summarizer.reconcile.revisions import cued_documents, find_revisions
from summarizer.reconcile.settings import ReconcileSettings, Reconciliation
from summarizer.schemas import Claim, Conflict, ConflictKind, Document, Estimate, Event, Report


def reconcile(
    documents: Sequence[Document],
    events: Sequence[Event],
    claims: Sequence[Claim],
    settings: ReconcileSettings | None = None,
) -> Reconciliation:
    """Link events, align grounded claims, find conflicts and estimate every (event, metric, place)."""
    with collector_paused():
        return _reconcile(documents, events, claims, settings or ReconcileSettings())


def _reconcile(
    documents: Sequence[Document],
    events: Sequence[Event],
    claims: Sequence[Claim],
    settings: ReconcileSettings,
) -> Reconciliation:
    docs = {doc.id: doc for doc in documents}
    grounded = [c for c in claims if c.span.grounded]
    linked, mapping = link_events(events, documents, settings)
    aligned = align(documents, events, grounded, linked, mapping, settings)
    event_order = {le.id: n for n, le in enumerate(linked)}

    conflicts: list[Conflict] = []
    cross: list[tuple[Key, Conflict]] = []
    estimates: list[Estimate] = []
    superseded: set[str] = set()
    current_by_group: dict[tuple[EventKey, str, str], dict[str, list[Item]]] = defaultdict(dict)
    flag_ranges = settings.flag_ranges
    cued = cued_documents(grounded, docs)
    for key in sorted(aligned.items, key=_key_order(event_order)):
        key_items = aligned.items[key]
        by_doc: dict[str, list[Item]]
        if len(key_items) == 1:  # most keys at scale: one claim of one document
            item = key_items[0]
            doc_id = item.claim.document
            if key[0][0] != "background" and doc_id not in cued:
                # The steps below for one claim: no revision, nothing to compare across documents.
                to_check = item.low > item.upper or (flag_ranges and item.claim.quantity.is_range)
                if to_check and (found := within_document(key, doc_id, key_items, aligned, settings)):
                    conflicts.append(found)
                current_by_group[(key[0], key[1], doc_id)][key[2]] = key_items
                estimates.append(estimate(key, key_items, aligned, settings))
                continue
            by_doc = {doc_id: key_items}
        else:
            by_doc = defaultdict(list)
            for item in key_items:
                by_doc[item.claim.document].append(item)
        if key[0][0] == "background":  # an earlier event's figures, recalled: never a finding
            estimates.append(estimate(key, key_items, aligned, settings))
            continue
        old: AbstractSet[str] = frozenset()  # the empty one, shared: no set made per key
        if not cued.isdisjoint(by_doc):
            revisions, old = find_revisions(key, by_doc, docs, aligned)
            conflicts.extend(revisions)
            superseded |= old
        current = dict(sorted(by_doc.items())) if len(by_doc) > 1 else by_doc
        if old:
            current = {d: [i for i in group if i.claim.id not in old] for d, group in current.items()}
            current = {d: group for d, group in current.items() if group}
        # Each document's (highest low, lowest high): what decides whether there is anything to
        # compare, so that documents whose figures all overlap cost no call.
        bounds: dict[str, Bounds] = {}
        for doc_id, group in current.items():
            bounds[doc_id] = low, high = figure_bounds(group)
            to_check = low > high or (flag_ranges and any(i.claim.quantity.is_range for i in group))
            if to_check and (found := within_document(key, doc_id, group, aligned, settings)) is not None:
                conflicts.append(found)
            current_by_group[(key[0], key[1], doc_id)][key[2]] = group
        if len(current) == 1:
            estimates.append(estimate(key, next(iter(current.values())), aligned, settings))
            continue
        doc_ids = list(current)
        for n, a_doc in enumerate(doc_ids):
            a_low, a_high = bounds[a_doc]
            for b_doc in doc_ids[n + 1 :]:
                b_low, b_high = bounds[b_doc]
                if a_low <= b_high and b_low <= a_high:
                    continue  # every figure of one document overlaps every figure of the other
                found = cross_document(
                    key,
                    a_doc,
                    current[a_doc],
                    b_doc,
                    current[b_doc],
                    aligned,
                    settings,
                    (bounds[a_doc], bounds[b_doc]),
                )
                if found is not None:
                    cross.append((key, found))
        kept = [i for group in current.values() for i in group]
        if kept:
            estimates.append(estimate(key, kept, aligned, settings))

    event_places: dict[EventKey, EventPlaces] = {}
    conflicts.extend(drop_nested(cross, aligned, event_places))
    conflicts.extend(part_totals(current_by_group, aligned, event_places))

    claim_events: dict[str, str | None] = {}
    for key, group in aligned.items.items():
        linked_id = event_id(key)
        if len(group) == 1:
            claim_events[group[0].claim.id] = linked_id
        else:
            claim_events.update(dict.fromkeys([item.claim.id for item in group], linked_id))
    return Reconciliation(
        linked_events=linked,
        conflicts=_sorted_conflicts(conflicts, event_order),
        estimates=estimates,
        claim_events=claim_events,
        superseded=sorted(superseded),
        ungrounded=len(claims) - len(grounded),
    )


def _key_order(event_order: dict[str, int]) -> Callable[[Key], tuple[int, str, str, str]]:
    """Keys in linked-event order, then unlinked and background ones; then id, metric, place."""
    order, after = event_order.get, len(event_order)

    def of(key: Key) -> tuple[int, str, str, str]:
        (scope, ident), metric, place = key
        return (order(ident, after) if scope == "event" else after, ident, metric, place)

    return of


_KIND_ORDER = {kind: n for n, kind in enumerate(ConflictKind)}


def _sorted_conflicts(conflicts: list[Conflict], event_order: dict[str, int]) -> list[Conflict]:
    return sorted(
        conflicts,
        key=lambda c: (
            event_order.get(c.event or "", len(event_order)),
            c.metric,
            c.place or "",
            _KIND_ORDER[c.kind],
            [s.document for s in c.sides],
        ),
    )


def reconcile_report(report: Report, settings: ReconcileSettings | None = None) -> Report:
    """A copy of `report` with linked events, conflicts and estimates recomputed from its claims.

    The copy has its own lists, dicts, run, usage and summary, but shares the documents, events,
    claims and quotes in them with `report`: reconciliation never changes those, and a deep
    copy of 100,000 claims took longer than reconciling them.
    """
    result = reconcile(report.documents, report.events, report.claims, settings)
    own = {name: _shallow(value) for name, value in report if isinstance(value, list | dict | BaseModel)}
    reconciled = report.model_copy(
        update={
            **own,
            "linked_events": result.linked_events,
            "conflicts": result.conflicts,
            "estimates": result.estimates,
        },
    )
    return add_headlines(reconciled)


def _shallow(value: list[object] | dict[object, object] | BaseModel) -> object:
    if isinstance(value, BaseModel):
        return value.model_copy()
    return list(value) if isinstance(value, list) else dict(value)
