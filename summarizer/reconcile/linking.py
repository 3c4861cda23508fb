"""Event linking: per-document events grouped into linked events, never merging two events.

Every per-document `Event` gets a date interval (its `date`, else its `date_phrase` resolved
against the document's `published` date, `text.dates.resolve_date`) and the evidence of its
report (`reconcile.evidence`: the names, figures and magnitudes its lede gives). Two kinds of
candidate pairs, strongest first:

1. dated events at most `date_window_days` apart with compatible kinds and places
   (`text.places.places_compatible`), found by a sweep in date order, the closest first;
2. events, dated or not, whose reports share at least `link_similarity` of their names and
   figures (`evidence.similarity`), found through an index by feature, the most similar first.

Pairs merge into clusters (agglomerative, single link) unless any two members of the two
clusters cannot be linked (`cannot_link`): events of one document, resolved dates more than the
window apart, different kinds, different magnitudes, or two incidents' incompatible places.
Events are sorted by (document, sentence, id) first, so any input order gives the same clusters.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from summarizer.reconcile.evidence import (
    Evidence,
    lede_evidence,
    magnitudes_disagree,
    people_disagree,
    similarity,
)
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Document, Event, LinkedEvent
from summarizer.text.dates import DateRange, days_apart, resolve_date
from summarizer.text.places import PlaceRef, place_parser, places_compatible, places_disagree

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
    evidence: Evidence
    lede_places: list[PlaceRef]  # where its lede says it happened, else its own places
    # its lede places by identity (the parser hands out one object per text), for memos
    lede_ids: tuple[int, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.lede_ids = tuple(map(id, self.lede_places))


# (lede places, lede places) by identity -> whether they disagree: the same few lists meet often
_DisagreeMemo = dict[tuple[tuple[int, ...], tuple[int, ...]], bool]


@dataclass(slots=True)
class _Summary:
    """What the merge rule reads of a cluster, kept as it grows, so that most merges are decided
    without comparing its members two by two (`_Clusters.refuses`)."""

    members: list[int]
    documents: set[str]
    # the latest first day and the earliest last day of its dated members: the two ends any
    # pair of members is furthest apart by (`days_apart` of these two spans is the widest gap)
    span: DateRange | None
    kind: str | None  # its members' one known kind: two kinds never merge
    magnitudes: tuple[_EventInfo, ...]  # members whose ledes give magnitudes
    people: tuple[_EventInfo, ...]  # members whose ledes name people in full
    # the lede places of its members of a known kind, one list per distinct list (by identity)
    places: dict[tuple[int, ...], list[PlaceRef]]

    @classmethod
    def of(cls, info: _EventInfo) -> _Summary:
        return cls(
            members=[info.order],
            documents={info.event.document},
            span=info.dates,
            kind=info.kind,
            magnitudes=(info,) if info.evidence.magnitudes else (),
            people=(info,) if info.evidence.people else (),
            places={info.lede_ids: info.lede_places} if info.kind is not None else {},
        )

    def absorb(self, other: _Summary) -> None:
        self.members += other.members
        self.documents |= other.documents
        if self.span is None or other.span is None:
            self.span = self.span or other.span
        else:
            self.span = (max(self.span[0], other.span[0]), min(self.span[1], other.span[1]))
        if self.kind is None:
            self.kind = other.kind
        self.magnitudes += other.magnitudes
        self.people += other.people
        for ids, places in other.places.items():
            self.places.setdefault(ids, places)


class _Clusters:
    """Union-find over events whose merges are refused when any two members cannot be linked."""

    def __init__(self, infos: list[_EventInfo], window: int) -> None:
        self.infos = infos
        self.window = window
        self.parent = list(range(len(infos)))
        self.summaries = [_Summary.of(info) for info in infos]
        self.disagree: _DisagreeMemo = {}

    def members(self, root: int) -> list[int]:
        return self.summaries[root].members

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def refuses(self, a: _Summary, b: _Summary) -> bool:
        """Whether some member of `a` and some member of `b` cannot be linked (`cannot_link`).

        Each of `cannot_link`'s reasons is asked of the clusters at once: a shared document; the
        widest gap between their dates (their spans' `days_apart`); two different kinds; and only
        for the members that have them, magnitudes, people and (members of a known kind) places.
        """
        if not a.documents.isdisjoint(b.documents):
            return True
        if a.span and b.span and days_apart(a.span, b.span) > self.window:
            return True
        if not _kinds_compatible(a.kind, b.kind):
            return True
        if (
            a.magnitudes
            and b.magnitudes
            and any(magnitudes_disagree(x.evidence, y.evidence) for x in a.magnitudes for y in b.magnitudes)
        ):
            return True
        if (
            a.people
            and b.people
            and any(people_disagree(x.evidence, y.evidence) for x in a.people for y in b.people)
        ):
            return True
        memo = self.disagree
        for ids_a, places_a in a.places.items():
            for ids_b, places_b in b.places.items():
                key = (ids_a, ids_b)
                if (found := memo.get(key)) is None:
                    found = memo[key] = places_disagree(places_a, places_b)
                if found:
                    return True
        return False

    def union(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b or self.refuses(self.summaries[a], self.summaries[b]):
            return False
        if a > b:
            a, b = b, a
        self.parent[b] = a
        self.summaries[a].absorb(self.summaries[b])
        return True


def _kinds_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def cannot_link(a: _EventInfo, b: _EventInfo, window: int) -> bool:
    """Distinctive facts that disagree: the two events are different, whatever they share.

    Two events of one document (the extractor already told them apart); dates at most `window`
    days apart fail; kinds that differ; magnitudes that differ; and, for two incidents (both of
    a known kind), places that cannot be the same (`places_compatible`). The rule for two
    events; `_Clusters.refuses` asks it of two clusters at once (a test holds them together).
    """
    if a.event.document == b.event.document:
        return True
    if a.dates and b.dates and days_apart(a.dates, b.dates) > window:
        return True
    if not _kinds_compatible(a.kind, b.kind) or magnitudes_disagree(a.evidence, b.evidence):
        return True
    if people_disagree(a.evidence, b.evidence):
        return True
    if a.kind is None or b.kind is None:
        return False
    return places_disagree(a.lede_places, b.lede_places)


def link_events(
    events: Sequence[Event], documents: Sequence[Document], settings: ReconcileSettings
) -> tuple[list[LinkedEvent], dict[str, str]]:
    """Group per-document events into linked events; returns them and event id -> linked id."""
    published = {doc.id: doc.published for doc in documents}
    parse = place_parser(settings.place_aliases)
    evidence = lede_evidence(events, documents)
    # Sorted by document and sentence: the same clusters for any input order.
    ordered_events = sorted(events, key=lambda e: (e.document, e.sentence, e.id))
    infos: list[_EventInfo] = []
    nothing = Evidence()
    kinds: dict[str | None, str | None] = {}  # a run names a few kinds
    for i, event in enumerate(ordered_events):
        places = [p for p in map(parse, event.places) if p is not None]
        found = evidence.get(event.id, nothing)
        if (kind := event.kind) not in kinds:
            kinds[kind] = normalize_kind(kind)
        lede_places = [p for p in map(parse, found.places) if p is not None]
        infos.append(
            _EventInfo(
                event=event,
                order=i,
                dates=resolve_date(event.date, event.date_phrase, published.get(event.document)),
                places=places,
                kind=kinds[kind],
                evidence=found,
                lede_places=lede_places or places,
            )
        )
    window = settings.date_window_days
    clusters = _Clusters(infos, window)
    pairs = _dated_pairs(infos, window)
    pairs += _shared_pairs(infos, settings.link_similarity)
    pairs.sort()
    for *_, i, j in pairs:
        clusters.union(i, j)
    _attach_leftovers(clusters, ATTACH_SIMILARITY)

    groups: dict[int, list[_EventInfo]] = defaultdict(list)
    for info in infos:  # in order, so each group's members are in document order
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


# A candidate pair: (rank, tie-break, i, j); lower ranks merge first.
_Pair = tuple[float, float, int, int]


def _dated_pairs(infos: list[_EventInfo], window: int) -> list[_Pair]:
    """Dated events at most `window` days apart with compatible kinds and places; the closest
    first. A sweep in date order keeps only events whose interval still reaches the current one."""
    # Days as ordinals, and what each pair is checked on, read once per event, not once per pair.
    first = [i.dates[0].toordinal() if i.dates else 0 for i in infos]
    last = [i.dates[1].toordinal() if i.dates else 0 for i in infos]
    # by first day, then order (a stable sort of events taken in order)
    dated = sorted((i.order for i in infos if i.dates), key=first.__getitem__)
    documents = [i.event.document for i in infos]
    # Events of one kind that name the same places (the parser hands out one object per text,
    # so by identity) are one class to the checks: a pair of classes is checked once.
    classes: dict[tuple[str | None, tuple[int, ...]], int] = {}
    examples: list[_EventInfo] = []  # one event of each class
    class_of: list[int] = []
    for info in infos:
        key = (info.kind, tuple(map(id, info.places)))
        if (found := classes.get(key)) is None:
            found = classes[key] = len(examples)
            examples.append(info)
        class_of.append(found)
    fits_by_class: list[dict[int, bool]] = [{} for _ in examples]
    memo: dict[tuple[int, int], bool] = {}  # the same few places meet again and again
    active: list[tuple[int, int]] = []  # (last day, index) as a min-heap
    pairs: list[_Pair] = []
    for i in dated:
        start, end, document, own = first[i], last[i], documents[i], class_of[i]
        fits_own = fits_by_class[own]
        horizon = start - window
        while active and active[0][0] < horizon:
            heapq.heappop(active)
        for _, j in active:
            if documents[j] == document:
                continue
            if (fits := fits_own.get(other := class_of[j])) is None:
                a, b = examples[own], examples[other]
                fits = _kinds_compatible(a.kind, b.kind) and places_compatible(a.places, b.places, memo)
                fits_own[other] = fits_by_class[other][own] = fits  # both are symmetric
            if fits:
                gap = max(0, first[j] - end, start - last[j])  # `days_apart`, on ordinals
                span = (end - start) + (last[j] - first[j])
                pairs.append((gap - 1000.0, span, min(j, i), max(j, i)))
        heapq.heappush(active, (end, i))
    return pairs


def _shared_pairs(infos: list[_EventInfo], threshold: float) -> list[_Pair]:
    """Events of different documents whose ledes share enough names and figures
    (`evidence.similarity` at least `threshold`); the most shared first. Only events that share
    some feature are compared (an index by feature)."""
    by_feature: dict[str, list[int]] = defaultdict(list)
    for info in infos:
        for feature in info.evidence.features:
            by_feature[feature].append(info.order)
    seen: set[tuple[int, int]] = set()
    pairs: list[_Pair] = []
    for members in by_feature.values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                key = (min(i, j), max(i, j))
                if key in seen or infos[i].event.document == infos[j].event.document:
                    continue
                seen.add(key)
                score = similarity(infos[i].evidence, infos[j].evidence)
                if score >= threshold:
                    pairs.append((-score, 0.0, *key))
    return pairs


ATTACH_SIMILARITY = 0.1  # what a leftover shares with its own event, at least
ATTACH_MARGIN = 1.5  # and half as much again as it shares with any other


def _attach_leftovers(clusters: _Clusters, threshold: float) -> None:
    """An event left alone joins the one linked event whose reports it shares the most with,
    when that is at least `threshold` and clearly more than it shares with any other (half
    as much again, `ATTACH_MARGIN`): a report that names little still names more of its own event
    than of another. Only linked events that share a name or figure with it share anything (an
    index by feature); `threshold` is above 0, so the others never count."""
    infos = clusters.infos
    root_of = [clusters.find(i.order) for i in infos]
    groups = {r: clusters.members(r) for r in root_of if len(clusters.members(r)) > 1}
    by_feature: dict[str, set[int]] = defaultdict(set)
    for root, members in groups.items():
        for m in members:
            for feature in infos[m].evidence.features:
                by_feature[feature].add(root)
    moves: list[tuple[float, int, int]] = []
    for info in infos:
        if root_of[info.order] in groups:
            continue
        sharing = set().union(*(by_feature.get(feature, ()) for feature in info.evidence.features))
        scores = sorted(
            (
                (max(similarity(info.evidence, infos[m].evidence) for m in groups[root]), root)
                for root in sharing
            ),
            reverse=True,
        )
        if not scores or scores[0][0] < threshold:
            continue
        second = scores[1][0] if len(scores) > 1 else 0.0
        if scores[0][0] >= ATTACH_MARGIN * second:
            moves.append((-scores[0][0], info.order, scores[0][1]))
    for _, i, root in sorted(moves):
        clusters.union(i, root)


def _linked_event(linked_id: str, members: list[_EventInfo]) -> LinkedEvent:
    """The linked event of `members`, given in their order, which sorts by document first: ties
    (a place's spelling, the kind, the description) never depend on the order the documents were
    given in."""
    single_days = Counter(m.dates[0] for m in members if m.dates and m.dates[0] == m.dates[1])
    places: dict[str, str] = {}
    for member in members:
        for text, ref in zip(member.event.places, member.places, strict=False):
            places.setdefault(ref.key, text)
    kinds = Counter(m.event.kind for m in members if m.event.kind)
    return LinkedEvent(
        id=linked_id,
        members=[m.event.id for m in members],
        documents=list(dict.fromkeys(m.event.document for m in members)),
        date=single_days.most_common(1)[0][0] if single_days else None,
        places=list(places.values()),
        kind=kinds.most_common(1)[0][0] if kinds else None,
        description=max((m.event.description for m in members), key=len),
    )
