"""Alignment: grounded claims attached to linked events and compared on (event, metric, place).

A grounded claim attaches to the linked event of its `event`; a claim with no event attaches to
its document's only event, else to an "unlinked" bucket of its document (which can only
conflict inside that document). Claims are compared on the key (linked event, normalized
metric, canonical place). Also the small helpers every later step shares: an aligned claim
(`Item`), its bounds, and a conflict side.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from summarizer.reconcile.roles import read_roles
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Claim, ConflictSide, Document, Event, LinkedEvent, Number, Quantity
from summarizer.text.background import earlier_event_sentences
from summarizer.text.figures import describe_quantity
from summarizer.text.metrics import counted_metric
from summarizer.text.places import PlaceRef, place_parser

INF = float("inf")
_HURT = re.compile(r"injured|wounded|hurt")  # metrics of the hurt who survived

# ("event", linked id), ("unlinked", document id) or ("background", document id): figures of an
# earlier event the document recalls (`text.background.earlier_event_sentences`), never compared.
EventKey = tuple[str, str]
Key = tuple[EventKey, str, str]  # (event, metric, place key)


@dataclass(slots=True)
class Item:
    """One grounded claim with what the comparisons need (`point`: see `_point`)."""

    claim: Claim
    event: EventKey
    metric: str
    place: PlaceRef | None
    published: dt.date | None
    low: float
    high: float
    point: float | None
    part: bool = False  # an individual or a share of a total (`roles`)
    # its figure in words (`describe_quantity`), kept once asked: findings describe a claim often
    description: str | None = field(default=None, compare=False, repr=False)

    @property
    def upper(self) -> float:
        """The upper bound conflicts compare: a part is only a lower bound on its total ("her
        father" is at least one of the dead). Estimates keep its own figure."""
        return INF if self.part else self.high


def _point(q: Quantity) -> float | None:
    """The claim's single figure: its exact value, else its nominal one."""
    if q.low is not None and q.low == q.high:
        return float(q.low)
    return None if q.nominal is None else float(q.nominal)


def _bounds(q: Quantity) -> tuple[float, float]:
    """The interval used to compare: an unbounded side is infinite ("about 80" overlaps all)."""
    return (
        float(q.low) if q.low is not None else -INF,
        float(q.high) if q.high is not None else INF,
    )


def arith_bounds(item: Item) -> tuple[float, float]:
    """Bounds for adding parts up: 'about 1,500' counts as 1,500, 'nearly 40' as up to 40."""
    q = item.claim.quantity
    if q.low is None and q.high is None and q.nominal is not None:
        return float(q.nominal), float(q.nominal)
    low, high = _bounds(q)  # a part's own figure, not the lower bound it is compared as
    return max(low, 0.0), high


@dataclass
class Aligned:
    items: dict[Key, list[Item]]
    place_names: dict[Key, str]
    event_places: dict[EventKey, list[PlaceRef]]


def _event_key(
    claim: Claim, events_by_id: dict[str, Event], doc_events: dict[str, list[str]], mapping: dict[str, str]
) -> EventKey:
    """The linked event a claim reports, else its document's unlinked bucket."""
    event_id = claim.event if claim.event in events_by_id else None
    if event_id is None and len(doc_events.get(claim.document, [])) == 1:
        event_id = doc_events[claim.document][0]
    if event_id is None or event_id not in mapping:
        return ("unlinked", claim.document)
    return ("event", mapping[event_id])


def align(
    documents: Sequence[Document],
    events: Sequence[Event],
    claims: Iterable[Claim],
    linked: list[LinkedEvent],
    mapping: dict[str, str],
    settings: ReconcileSettings,
) -> Aligned:
    parse = place_parser(settings.place_aliases)
    published = {doc.id: doc.published for doc in documents}
    events_by_id = {event.id: event for event in events}
    doc_events: dict[str, list[str]] = defaultdict(list)
    for event in events:
        doc_events[event.document].append(event.id)
    event_places: dict[EventKey, list[PlaceRef]] = {
        ("event", le.id): [p for p in map(parse, le.places) if p is not None] for le in linked
    }

    groups: dict[tuple[EventKey, str], _Group] = {}  # in the order first seen
    # event key -> metric -> its group: one lookup by the metric's name for each claim
    groups_of: dict[EventKey, dict[str, _Group]] = {}
    # (metric, group) -> (counted metric, whether it counts the hurt): a run repeats a few metrics
    metrics: dict[tuple[str, str | None], tuple[str, bool]] = {}
    docs = {doc.id: doc for doc in documents}
    dates = {("event", le.id): le.date for le in linked}
    background: dict[tuple[str, dt.date], set[int]] = {}
    # (claim's event, document) -> what all its claims share (a few thousand at 100,000 claims):
    # the event key, its groups, the document, the sentences that recall an earlier event, the
    # publication.
    shared: dict[
        tuple[str | None, str], tuple[EventKey, dict[str, _Group], Document | None, set[int], dt.date | None]
    ] = {}
    additions: list[Item] = []
    for claim in claims:
        doc_id = claim.document
        event_of = (claim.event, doc_id)
        if (known := shared.get(event_of)) is None:
            event_key = _event_key(claim, events_by_id, doc_events, mapping)
            document = docs.get(doc_id)
            recalled: set[int] = set()
            if (date := dates.get(event_key)) is not None and document is not None:
                if (doc_id, date) not in background:
                    background[(doc_id, date)] = earlier_event_sentences(document, date)
                recalled = background[(doc_id, date)]
            of_event = groups_of.setdefault(event_key, {})
            known = shared[event_of] = (event_key, of_event, document, recalled, published.get(doc_id))
        event_key, of_event, document, recalled, when = known
        if recalled and claim.sentence in recalled:
            event_key = ("background", doc_id)
            of_event = groups_of.setdefault(event_key, {})
        text = claim.place
        place = parse(text)
        if place is not None and place.counted is not None:
            place = _resolve_counted(place, event_places.get(event_key, []))
        q = claim.quantity
        q_low, q_high = q.low, q.high
        # `_bounds` and `_point`, inline: this runs once per claim
        low = float(q_low) if q_low is not None else -INF
        high = float(q_high) if q_high is not None else INF
        if q_low is not None and q_low == q_high:
            point: float | None = float(q_low)
        else:
            point = None if q.nominal is None else float(q.nominal)
        metric_of = (claim.metric, claim.group)
        if (found := metrics.get(metric_of)) is None:
            name = counted_metric(claim.metric, claim.group)
            found = metrics[metric_of] = (name, _HURT.search(name) is not None)
        metric, hurt = found
        roles = read_roles(claim, document, hurt)
        if (dead := roles.dead) and low > -INF:
            low, point = max(0.0, low - dead), None  # the hurt counted with their dead
        item = Item(claim, event_key, metric, place, when, low, high, point, roles.part)
        if (group := of_event.get(metric)) is None:
            group = of_event[metric] = groups[(event_key, metric)] = _Group([], {}, {}, {})
        # `_Group.add`, inline: this runs once per claim
        group.items.append(item)
        if (same := group.by_text.get(text)) is None:
            same = group.same_of(text, place)
        same.items.append(item)
        if text:
            same.texts[text] += 1
        if place is not None:
            group.refs[same.own] = place
        if roles.addition:
            additions.append(item)
    for item in additions:
        if _follows_same_count(item, groups[(item.event, item.metric)].items):
            item.part = True

    items: dict[Key, list[Item]] = {}
    place_names: dict[Key, str] = {}
    for (event_key, metric), group in groups.items():
        folded = _folded_places(group.refs, "" in group.by_place, event_places.get(event_key, []))
        if not folded:  # most groups: every place compared as itself
            for own, same in group.by_place.items():
                key = (event_key, metric, own)
                items[key] = same.items
                if same.texts:
                    place_names[key] = _most_used(same.texts)
            continue
        # Some place folded into another: the claims regrouped one by one, in their order.
        members: dict[str, list[Item]] = {}
        names: dict[str, dict[str, int]] = {}
        for item in group.items:
            own = item.place.key if item.place else ""
            place_key = folded.get(own, own)
            members.setdefault(place_key, []).append(item)
            if text := item.claim.place:
                written_as = names.setdefault(place_key, {})
                # Preferring texts as qualified as the key itself.
                written_as[text] = written_as.get(text, 0) + (1000 if own == place_key else 1)
        for place_key, regrouped in members.items():
            items[(event_key, metric, place_key)] = regrouped
        for place_key, written_as in names.items():
            place_names[(event_key, metric, place_key)] = _most_used(written_as)
    return Aligned(items, place_names, event_places)


@dataclass(slots=True)
class _Same:
    """The claims of a group with one own place key, and the texts (not empty) that write it
    with how many of them do."""

    own: str  # "" for no place
    items: list[Item]
    texts: dict[str, int]


@dataclass(slots=True)
class _Group:
    """The claims of one (event, metric), also by the key of their own place, gathered as they
    are read: most groups are then compared as they are, without another pass over their claims."""

    items: list[Item]
    by_place: dict[str, _Same]  # own place key ("" for none) -> its claims, in the order first seen
    by_text: dict[str | None, _Same]  # place as written -> the claims of its key
    refs: dict[str, PlaceRef]  # place key -> the last place of that key (what `_folded_places` reads)

    def same_of(self, text: str | None, place: PlaceRef | None) -> _Same:
        """The entry of a text the group has not seen yet (in a group, a text is one place)."""
        own = "" if place is None else place.key
        if (same := self.by_place.get(own)) is None:
            same = self.by_place[own] = _Same(own, [], {})
        if text:
            same.texts[text] = 0
        self.by_text[text] = same
        return same


def _most_used(counts: dict[str, int]) -> str:
    """The place text written most often; ties go to the first spelling in sorted order, never
    to the first document read."""
    if len(counts) == 1:
        return next(iter(counts))
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


_ADDITION_REACH = 3  # sentences back an addition ("another four died") looks for what it adds to


def _follows_same_count(item: Item, group: list[Item]) -> bool:
    """An earlier figure of the same document and measure, close before it: what it adds to."""
    claim = item.claim
    start = claim.span.start if claim.span.start is not None else -1
    return any(
        other.claim.document == claim.document
        and claim.sentence - _ADDITION_REACH <= other.claim.sentence <= claim.sentence
        and (other.claim.span.start if other.claim.span.start is not None else start) < start
        for other in group
    )


def _resolve_counted(place: PlaceRef, event_places: list[PlaceRef]) -> PlaceRef:
    """'across the two cities' names the event's places when the event has that many."""
    simple = [p for p in event_places if not p.components]
    if place.counted is not None and len(simple) == place.counted:
        return PlaceRef(text=place.text, head=place.head, components=tuple(sorted(p.key for p in simple)))
    return place


def _folded_places(
    refs: dict[str, PlaceRef], placeless: bool, event_places: list[PlaceRef]
) -> dict[str, str]:
    """Place key -> another key it is compared under, inside one (event, metric); empty when every
    place is compared as itself (most groups).

    - variants of one place that differ only in how much they qualify it ("Cypress" and
      "Cypress, Texas") are compared as the most qualified one, when that one is unique;
    - claims with no place ("") join the only place the others use, when that place is one of
      the linked event's own places (the figure for the event as a whole).
    """
    folded: dict[str, str] = {}
    # Variants share a head: none when every head differs, as in most groups.
    if len(refs) > 1 and len({ref.head for ref in refs.values()}) < len(refs):
        by_head: dict[str, list[PlaceRef]] = defaultdict(list)
        for ref in refs.values():
            by_head[ref.head].append(ref)
        for variants in by_head.values():
            if len(variants) < 2 or any(v.components for v in variants):
                continue
            widest = max(variants, key=lambda v: len(v.containers))
            ties = [v for v in variants if len(v.containers) == len(widest.containers)]
            if len(ties) == 1 and all(set(v.containers) <= set(widest.containers) for v in variants):
                for v in variants:
                    if v.key != widest.key:
                        folded[v.key] = widest.key
    if placeless and refs and len(used := {folded.get(key, key) for key in refs}) == 1:
        only = next(iter(used))
        if only and any(p.key == only for p in event_places):
            folded[""] = only
    return folded


def describe_items(items: Sequence[Item]) -> str:
    seen: dict[str, None] = {}  # each figure once, in order
    for item in items:
        if (text := item.description) is None:
            text = item.description = describe_quantity(item.claim.quantity)
        seen[text] = None
    return ", ".join(seen)


def as_number(value: float) -> Number | None:
    if value == INF or value == -INF:  # two compares, no tuple built: called for every figure shown
        return None
    whole = int(value)
    return whole if value == whole else value


def side_of(document: str, items: Sequence[Item]) -> ConflictSide:
    # The figures as stated: a part compared as a lower bound still shows its own figure.
    if len(items) == 1:  # most sides: one claim; `_bounds` then `as_number`, inline
        q = items[0].claim.quantity
        low = None if q.low is None else as_number(float(q.low))
        high = None if q.high is None else as_number(float(q.high))
    else:
        bounds = [_bounds(item.claim.quantity) for item in items]
        low = as_number(min(b[0] for b in bounds))
        high = as_number(max(b[1] for b in bounds))
    return ConflictSide(
        document=document,
        claims=[item.claim.id for item in items],
        low=low,
        high=high,
        published=items[0].published,
    )


def disjoint(a: Item, b: Item) -> bool:
    return a.high < b.low or b.high < a.low


def event_id(key: Key) -> str | None:
    return key[0][1] if key[0][0] == "event" else None


def subject(key: Key, aligned: Aligned) -> str:
    metric = key[1].replace("_", " ")
    place = aligned.place_names.get(key)
    return f"{metric} in {place}" if place else metric
