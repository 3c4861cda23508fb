"""Event linking: per-document events grouped into linked events by date, kind and place.

Every per-document `Event` gets a date interval: its `date`, else its `date_phrase` resolved
against the document's `published` date (`text.dates.resolve_date`). Events of different
documents are the same real-world event when their intervals are at most `date_window_days`
apart, their kinds are compatible and their places are compatible
(`text.places.places_compatible`). Candidates are found by a sweep over events sorted by date,
never by comparing all pairs; the closest pairs merge first, and two events of the same document
are never merged (the extractor already told them apart). An event with no usable date joins
another document's linked event by kind and place only when exactly one candidate exists.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Document, Event, LinkedEvent
from summarizer.text.dates import DateRange, days_apart, resolve_date
from summarizer.text.places import PlaceRef, place_parser, places_compatible

_KIND_SYNONYMS = {
    "quake": "earthquake",
    "tremor": "earthquake",
    "temblor": "earthquake",
    "attack": "strike",
    "airstrike": "strike",
    "strikes": "strike",
    "bombing": "strike",
    "shelling": "strike",
    "gunfire": "shooting",
    "shootings": "shooting",
}


def normalize_kind(kind: str | None) -> str | None:
    """The head word of a kind, with synonyms folded: 'drone strike' -> 'strike'."""
    if not kind:
        return None
    words: list[str] = re.findall(r"[a-z]+", kind.lower())
    if not words:
        return None
    return _KIND_SYNONYMS.get(words[-1], words[-1])


@dataclass
class _EventInfo:
    event: Event
    order: int
    dates: DateRange | None
    places: list[PlaceRef]
    kind: str | None


class _Clusters:
    """Union-find over events that keeps each document's events apart."""

    def __init__(self, infos: list[_EventInfo]) -> None:
        self.parent = list(range(len(infos)))
        self.documents: list[set[str]] = [{info.event.document} for info in infos]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b or self.documents[a] & self.documents[b]:
            return False
        if len(self.documents[a]) < len(self.documents[b]):
            a, b = b, a
        self.parent[b] = a
        self.documents[a] |= self.documents[b]
        return True


def _kinds_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def link_events(
    events: Sequence[Event], documents: Sequence[Document], settings: ReconcileSettings
) -> tuple[list[LinkedEvent], dict[str, str]]:
    """Group per-document events into linked events; returns them and event id -> linked id."""
    published = {doc.id: doc.published for doc in documents}
    parse = place_parser(settings.place_aliases)
    infos = [
        _EventInfo(
            event=event,
            order=i,
            dates=resolve_date(event.date, event.date_phrase, published.get(event.document)),
            places=[p for p in map(parse, event.places) if p is not None],
            kind=normalize_kind(event.kind),
        )
        for i, event in enumerate(events)
    ]
    clusters = _Clusters(infos)
    window = settings.date_window_days
    # Equally close pairs merge in the order of their events' documents (by id), never in the
    # order the documents were given: a run must not depend on the order of its inputs.
    rank = {info.order: n for n, info in enumerate(sorted(infos, key=lambda x: (x.event.document, x.order)))}

    # Dated events: a sweep in date order keeps only events whose interval still reaches the
    # current one (within the window) as candidates; the closest pairs merge first.
    dated = sorted((info for info in infos if info.dates), key=lambda x: (x.dates or (dt.date.min,) * 2)[0])
    active: list[tuple[dt.date, int]] = []  # (last day, index) as a min-heap
    candidates: list[tuple[int, int, int, int, int, int]] = []
    for info in dated:
        assert info.dates is not None
        horizon = info.dates[0] - dt.timedelta(days=window)
        while active and active[0][0] < horizon:
            heapq.heappop(active)
        for _, j in active:
            other = infos[j]
            assert other.dates is not None
            if other.event.document == info.event.document:
                continue
            if _kinds_compatible(info.kind, other.kind) and places_compatible(info.places, other.places):
                gap = days_apart(info.dates, other.dates)
                span = (info.dates[1] - info.dates[0]).days + (other.dates[1] - other.dates[0]).days
                first, second = sorted((rank[j], rank[info.order]))
                candidates.append((gap, span, first, second, j, info.order))
        heapq.heappush(active, (info.dates[1], info.order))
    for *_, i, j in sorted(candidates):
        clusters.union(i, j)

    # Undated events: join the one linked event that shares a place and a compatible kind.
    by_head: dict[str, set[int]] = defaultdict(set)
    for info in infos:
        if info.dates:
            for place in info.places:
                for head in (place.head, *place.components):
                    by_head[head].add(info.order)
    for info in infos:
        if info.dates or not info.places:
            continue
        roots: set[int] = set()
        for place in info.places:
            for head in (place.head, *place.components):
                for j in by_head.get(head, ()):
                    other = infos[j]
                    if other.event.document != info.event.document and _kinds_compatible(
                        info.kind, other.kind
                    ):
                        roots.add(clusters.find(j))
        if len(roots) == 1:
            clusters.union(info.order, roots.pop())

    groups: dict[int, list[_EventInfo]] = defaultdict(list)
    for info in infos:
        groups[clusters.find(info.order)].append(info)
    ordered = sorted(
        groups.values(),
        key=lambda members: (
            min((m.dates[0] for m in members if m.dates), default=dt.date.max),
            members[0].order,
        ),
    )
    linked: list[LinkedEvent] = []
    mapping: dict[str, str] = {}
    for n, members in enumerate(ordered, start=1):
        linked_id = f"E{n}"
        linked.append(_linked_event(linked_id, members))
        for member in members:
            mapping[member.event.id] = linked_id
    return linked, mapping


def _linked_event(linked_id: str, members: list[_EventInfo]) -> LinkedEvent:
    # Members in document-id order, so that ties (a place's spelling, the kind, the description)
    # never depend on the order the documents were given in.
    members = sorted(members, key=lambda m: (m.event.document, m.order))
    single_days = Counter(m.dates[0] for m in members if m.dates and m.dates[0] == m.dates[1])
    places: dict[str, str] = {}
    for member in members:
        for text, ref in zip(member.event.places, member.places, strict=False):
            places.setdefault(ref.key, text)
    kinds = Counter(m.event.kind for m in members if m.event.kind)
    return LinkedEvent(
        id=linked_id,
        members=[m.event.id for m in members],
        documents=sorted({m.event.document for m in members}),
        date=single_days.most_common(1)[0][0] if single_days else None,
        places=list(places.values()),
        kind=kinds.most_common(1)[0][0] if kinds else None,
        description=max((m.event.description for m in members), key=len),
    )
