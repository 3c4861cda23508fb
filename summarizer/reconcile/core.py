"""Reconciliation: link events across documents, flag where sources disagree, estimate figures.

Deterministic, no LLM. The steps, in order:

1. **Event linking.** Every per-document `Event` gets a date interval: its `date`, else its
   `date_phrase` resolved against the document's `published` date ("Saturday" is the latest
   Saturday on or before publication, "overnight" the night before it, "2012-04" the whole
   month). Events of different documents are the same real-world event when their intervals
   are at most `date_window_days` apart, their kinds are compatible and their places are
   compatible (see `places_compatible`). Candidates are found by a sweep over events sorted by
   date, never by comparing all pairs; the closest pairs merge first, and two events of the
   same document are never merged (the extractor already told them apart). An event with no
   usable date joins another document's linked event by kind and place only when exactly one
   candidate exists.
2. **Alignment.** A grounded claim attaches to the linked event of its `event`; a claim with no
   event attaches to its document's only event, else to an "unlinked" bucket of its document
   (which can only conflict inside that document). Claims are compared on the key
   (linked event, normalized metric, canonical place). UNGROUNDED claims are left out and
   counted.
3. **Conflicts**, each a typed finding with the claims of every side and a one-line why:
   `revision` (a document says a figure changed; the old figure is then superseded and takes
   no further part), `within_document_range` (a closed range, or two figures of one document
   that cannot both be true), `cross_document` (two documents' figures that cannot both be
   true; `newer` names the later-published one) and `part_total_tension` (parts of a place
   that cannot add up to, or leave a gap in, the total stated for it).
4. **Estimates** per key, from the claims that are grounded and not superseded (see
   `estimate_figures`).

Everything is grouped by key with dicts and sorted inside groups; pairwise comparison happens
only inside one key (documents of one key) or one (document, event, metric) group (places).
"""

from __future__ import annotations

import calendar
import datetime as dt
import heapq
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.reconcile.headlines import add_headlines
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
    Report,
)
from summarizer.text.metrics import normalize_metric

INF = float("inf")

DEFAULT_PLACE_ALIASES: dict[str, str] = {
    "kiev": "kyiv",
    "kharkov": "kharkiv",
    "odessa": "odesa",
    "lvov": "lviv",
    "chernigov": "chernihiv",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "zaporozhye": "zaporizhzhia",
    "dnepropetrovsk": "dnipro",
    "dnipropetrovsk": "dnipro",
    "oblast": "region",
    "nyc": "new york",
    "new york city": "new york",
}


class ReconcileSettings(BaseModel):
    """How reconciliation decides. Every rule that is a judgment call is a setting here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date_window_days: int = Field(
        default=1, ge=0, description="events at most this many days apart can be the same event"
    )
    estimate_rule: Literal["ucdp", "acled"] = Field(
        default="ucdp",
        description="'ucdp': best is the most-reported figure; 'acled': best is the conservative figure",
    )
    flag_ranges: bool = Field(
        default=True, description="a closed range in one document ('between 11 and 19') is a finding"
    )
    later_rise_kind: Literal["cross_document", "revision"] = Field(
        default="cross_document",
        description="kind given to a disagreement where the later-published document has the higher figure",
    )
    place_aliases: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_PLACE_ALIASES),
        description="normalized word or name -> canonical form (Kiev -> Kyiv, oblast -> region)",
    )


@dataclass
class Reconciliation:
    linked_events: list[LinkedEvent]
    conflicts: list[Conflict]
    estimates: list[Estimate]
    # claim id -> LinkedEvent id; None for a claim in its document's "unlinked" bucket
    claim_events: dict[str, str | None] = field(default_factory=dict)
    superseded: list[str] = field(default_factory=list)
    ungrounded: int = 0


# =========================================================================== dates

DateRange = tuple[dt.date, dt.date]

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(_WEEKDAYS)

_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(?:of\s+)?(\d{{4}})\b")
_MONTH_LAST_YEAR = re.compile(rf"\b({_MONTH_RE})\b\.?\s+(?:of\s+)?last\s+year\b")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")
_WEEKDAY = re.compile(rf"\b(last\s+)?({_WEEKDAY_RE})\b(\s+night)?")
_SAME_DAY = re.compile(r"\b(today|tonight|this (?:morning|afternoon|evening)|earlier today)\b")
_YESTERDAY = re.compile(r"\b(yesterday|last night)\b")
_OVERNIGHT = re.compile(r"\bovernight\b")


def _month_range(year: int, month: int) -> DateRange | None:
    if not 1 <= month <= 12:
        return None
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> DateRange | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date, date


def resolve_date(date: dt.date | None, phrase: str | None, published: dt.date | None) -> DateRange | None:
    """The interval of days an event can have happened on, or None when nothing says.

    Absolute forms first ("2013-07-02", "2 July 2013", "2012-04", "April 2012", "2004"),
    then forms relative to publication: "today"/"tonight" (that day), "yesterday"/"last night"
    (the day before), "overnight" (the night before: both days), a weekday name (the latest such
    day on or before publication; "last Saturday" strictly before; "Sunday night" runs into
    Monday), "April last year".
    """
    if date is not None:
        return date, date
    if not phrase:
        return None
    text = phrase.strip().lower()
    try:
        exact = dt.date.fromisoformat(text)
    except ValueError:
        pass
    else:
        return exact, exact
    if found := _YEAR_MONTH.match(text):
        return _month_range(int(found[1]), int(found[2]))
    if found := _YEAR.match(text):
        year = int(found[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if found := _DAY_MONTH_YEAR.search(text):
        return _safe_date(int(found[3]), _MONTHS[found[2]], int(found[1]))
    if found := _MONTH_DAY_YEAR.search(text):
        return _safe_date(int(found[3]), _MONTHS[found[1]], int(found[2]))
    if found := _MONTH_YEAR.search(text):
        return _month_range(int(found[2]), _MONTHS[found[1]])
    if published is None:
        return None
    if found := _MONTH_LAST_YEAR.search(text):
        return _month_range(published.year - 1, _MONTHS[found[1]])
    if _OVERNIGHT.search(text):
        return published - dt.timedelta(days=1), published
    if _YESTERDAY.search(text):
        day = published - dt.timedelta(days=1)
        return day, day
    if _SAME_DAY.search(text):
        return published, published
    if found := _WEEKDAY.search(text):
        back = (published.weekday() - _WEEKDAYS[found[2]]) % 7
        if found[1] and back == 0:
            back = 7
        day = published - dt.timedelta(days=back)
        return day, day + dt.timedelta(days=1) if found[3] else day
    return None


def _days_apart(a: DateRange, b: DateRange) -> int:
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


# =========================================================================== places

_ADMIN_LEVELS: dict[str, int] = {
    "country": 0,
    "nation": 0,
    "state": 1,
    "province": 1,
    "region": 1,
    "governorate": 1,
    "prefecture": 1,
    "territory": 1,
    "county": 2,
    "district": 2,
    "regency": 2,
    "municipality": 2,
    "raion": 2,
    "parish": 2,
    "borough": 2,
    "city": 3,
    "town": 3,
    "village": 3,
    "neighborhood": 3,
    "neighbourhood": 3,
    "suburb": 3,
}
# A place that is not stated: it is a part of any total of its document, never a total itself.
_RESIDUAL = re.compile(
    r"^(?:an? )?(?:unspecified|unknown|unnamed|undisclosed|other) (?:locations?|places?|areas?)$"
)
# Words that point back at a place already named: no place of their own.
_ANAPHORA = {"the city", "the region", "the area", "the country", "the province", "the district", "there"}
_COMPOUND_SPLIT = re.compile(r"\s*(?:\band\b|&|/|\+)\s*")
_COUNTED_COMPOUND = re.compile(
    r"^(?:across|in|from)?\s*(?:the\s+)?(two|three|four|both|all)\s+(?:cities|regions|towns|provinces|states|areas)$"
)
_COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}
_PREFIXES = ("the city of ", "city of ", "the town of ", "town of ", "the ")


def normalize_place_text(text: str, aliases: dict[str, str]) -> str:
    """Case, diacritics, punctuation, 'the city of', aliases; admin words are kept."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    folded = re.sub(r"[’'`´.]", "", folded)
    folded = re.sub(r"[^\w,()&/+]+", " ", folded)
    folded = re.sub(r"\s+", " ", folded).strip(" ,")
    for prefix in _PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            folded = folded[len(prefix) :]
    folded = aliases.get(folded, folded)
    return " ".join(aliases.get(word, word) for word in folded.split())


@dataclass(frozen=True)
class PlaceRef:
    """A place as written, parsed into what the comparisons need.

    `head` is the place itself, `containers` the places its text says it lies in, innermost
    first ("collapsed mosque, Blang Mancung village (Central Aceh district)" -> head "collapsed
    mosque", containers ("blang mancung village", "central aceh district")); `components` are
    the parts of a compound place ("Kyiv and Kharkiv"), sorted.
    """

    text: str
    head: str
    containers: tuple[str, ...] = ()
    components: tuple[str, ...] = ()
    residual: bool = False
    counted: int | None = None  # "across the two cities": a compound whose parts the event names

    @cached_property
    def key(self) -> str:
        if self.components:
            return " + ".join(self.components)
        return ", ".join((self.head, *self.containers))

    @cached_property
    def level(self) -> int | None:
        words = self.head.split()
        return _ADMIN_LEVELS.get(words[-1]) if len(words) > 1 else None

    @cached_property
    def core(self) -> tuple[str, ...]:
        """The name without its admin word: 'central aceh district' -> ('central', 'aceh')."""
        words = tuple(self.head.split())
        return words[:-1] if self.level is not None else words


def parse_place(text: str | None, aliases: dict[str, str]) -> PlaceRef | None:
    if text is None:
        return None
    normalized = normalize_place_text(text, aliases)
    if not normalized or normalized in _ANAPHORA or f"the {normalized}" in _ANAPHORA:
        return None
    if _RESIDUAL.match(normalized) or normalized in {"unspecified", "unknown"}:
        return PlaceRef(text=text, head=normalized, residual=True)
    if found := _COUNTED_COMPOUND.match(normalized):
        return PlaceRef(text=text, head=normalized, counted=_COUNT_WORDS.get(found[1]))
    containers: list[str] = []
    outer = re.findall(r"\(([^()]*)\)", normalized)
    rest = re.sub(r"\([^()]*\)", " ", normalized)
    pieces = [p.strip() for p in rest.split(",") if p.strip()]
    head = pieces[0] if pieces else normalized
    inner = pieces[1:]
    if found := re.match(r"^(.+?) (?:in|of|near) (.+)$", head):
        head, inner = found[1], [found[2], *inner]
    containers = [c for c in (" ".join(x.split()) for x in [*inner, *outer]) if c]
    parts = [p for p in _COMPOUND_SPLIT.split(re.sub(r"^(?:both|across) ", "", head)) if p]
    if len(parts) > 1 and not containers:
        return PlaceRef(text=text, head=head, components=tuple(sorted(set(parts))))
    return PlaceRef(text=text, head=head, containers=tuple(containers))


def place_parser(aliases: dict[str, str]) -> Callable[[str | None], PlaceRef | None]:
    """`parse_place` with its answers remembered: a run repeats the same few place names."""
    cache: dict[str, PlaceRef | None] = {}

    def parse(text: str | None) -> PlaceRef | None:
        if text is None:
            return None
        if text not in cache:
            cache[text] = parse_place(text, aliases)
        return cache[text]

    return parse


def _name_within(inner: PlaceRef, outer: PlaceRef) -> bool:
    """`outer`'s name (without admin word) appears as whole words inside `inner`'s longer name."""
    small, big = outer.core, tuple(inner.head.split())
    if not small or len(small) >= len(big) or inner.head == outer.head:
        return False
    return any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


def named_within(inner: PlaceRef, outer: PlaceRef) -> bool:
    """What the place texts themselves say about `inner` lying in `outer`.

    - a component of a compound place lies in it ("Kyiv" in "Kyiv and Kharkiv");
    - a place qualified by a container lies in it ("Takengon (Central Aceh district)",
      "hospitals in Bener Meriah district", "Cypress, Texas" in "Texas"), and in what that
      container lies in;
    - a place of a lower admin level whose name holds the other's name lies in it ("Central
      Aceh district" in "Aceh province"); both levels must be known, so "West Virginia" is not
      put inside "Virginia".
    """
    if outer.components:
        return inner.key in outer.components or inner.head in outer.components
    for container in inner.containers:
        if container in (outer.head, outer.key):
            return True
    if inner.containers:
        parent = PlaceRef(text=inner.containers[0], head=inner.containers[0], containers=inner.containers[1:])
        if named_within(parent, outer):
            return True
    return (
        inner.level is not None
        and outer.level is not None
        and inner.level > outer.level
        and _name_within(inner, outer)
    )


def places_compatible(a: Sequence[PlaceRef], b: Sequence[PlaceRef]) -> bool:
    """Whether two events' places can describe the same event.

    Compatible when either side names no place (date and kind then decide), when a place is
    shared (same head), when one lies in the other by its text (`named_within`), or when one
    place's full name starts or is contained in the other's longer name ("Fort Lauderdale-
    Hollywood International Airport" vs "Fort Lauderdale, Florida": a site named after the
    city it is in). The last rule is loose on purpose: it only gates events that already agree
    on date and kind.
    """
    if not a or not b:
        return True
    for p in a:
        for q in b:
            if p.head == q.head or named_within(p, q) or named_within(q, p):
                return True
            if p.head in q.components or q.head in p.components:
                return True
            if _name_within(p, q) or _name_within(q, p):
                return True
    return False


# =========================================================================== event linking

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

    # Dated events: a sweep in date order keeps only events whose interval still reaches the
    # current one (within the window) as candidates; the closest pairs merge first.
    dated = sorted((info for info in infos if info.dates), key=lambda x: (x.dates or (dt.date.min,) * 2)[0])
    active: list[tuple[dt.date, int]] = []  # (last day, index) as a min-heap
    candidates: list[tuple[int, int, int, int]] = []
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
                gap = _days_apart(info.dates, other.dates)
                span = (info.dates[1] - info.dates[0]).days + (other.dates[1] - other.dates[0]).days
                candidates.append((gap, span, min(j, info.order), max(j, info.order)))
        heapq.heappush(active, (info.dates[1], info.order))
    for _, _, i, j in sorted(candidates):
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


# =========================================================================== alignment

EventKey = tuple[str, str]  # ("event", linked id) or ("unlinked", document id)
Key = tuple[EventKey, str, str]  # (event, metric, place key)


@dataclass
class _Item:
    """One grounded claim with what the comparisons need."""

    claim: Claim
    event: EventKey
    metric: str
    place: PlaceRef | None
    published: dt.date | None
    low: float
    high: float

    @property
    def point(self) -> float | None:
        q = self.claim.quantity
        if q.low is not None and q.low == q.high:
            return float(q.low)
        return None if q.nominal is None else float(q.nominal)


def _bounds(q: Quantity) -> tuple[float, float]:
    """The interval used to compare: an unbounded side is infinite ("about 80" overlaps all)."""
    return (
        float(q.low) if q.low is not None else -INF,
        float(q.high) if q.high is not None else INF,
    )


def _arith_bounds(item: _Item) -> tuple[float, float]:
    """Bounds for adding parts up: 'about 1,500' counts as 1,500, 'nearly 40' as up to 40."""
    q = item.claim.quantity
    if q.low is None and q.high is None and q.nominal is not None:
        return float(q.nominal), float(q.nominal)
    return max(item.low, 0.0), item.high


@dataclass
class _Aligned:
    items: dict[Key, list[_Item]]
    place_names: dict[Key, str]
    event_places: dict[EventKey, list[PlaceRef]]


def _event_key(
    claim: Claim, events_by_id: dict[str, Event], doc_events: dict[str, list[str]], mapping: dict[str, str]
) -> EventKey:
    event_id = claim.event if claim.event in events_by_id else None
    if event_id is None and len(doc_events.get(claim.document, [])) == 1:
        event_id = doc_events[claim.document][0]
    if event_id is None or event_id not in mapping:
        return ("unlinked", claim.document)
    return ("event", mapping[event_id])


def _align(
    documents: Sequence[Document],
    events: Sequence[Event],
    claims: Iterable[Claim],
    linked: list[LinkedEvent],
    mapping: dict[str, str],
    settings: ReconcileSettings,
) -> _Aligned:
    parse = place_parser(settings.place_aliases)
    published = {doc.id: doc.published for doc in documents}
    events_by_id = {event.id: event for event in events}
    doc_events: dict[str, list[str]] = defaultdict(list)
    for event in events:
        doc_events[event.document].append(event.id)
    event_places: dict[EventKey, list[PlaceRef]] = {
        ("event", le.id): [p for p in map(parse, le.places) if p is not None] for le in linked
    }

    by_event_metric: dict[tuple[EventKey, str], list[_Item]] = defaultdict(list)
    for claim in claims:
        event_key = _event_key(claim, events_by_id, doc_events, mapping)
        place = parse(claim.place)
        if place is not None and place.counted is not None:
            place = _resolve_counted(place, event_places.get(event_key, []))
        low, high = _bounds(claim.quantity)
        metric = normalize_metric(claim.metric)
        by_event_metric[(event_key, metric)].append(
            _Item(claim, event_key, metric, place, published.get(claim.document), low, high)
        )

    items: dict[Key, list[_Item]] = defaultdict(list)
    names: dict[Key, Counter[str]] = defaultdict(Counter)
    for (event_key, metric), group in by_event_metric.items():
        canonical = _canonical_places(group, event_places.get(event_key, []))
        for item in group:
            own = item.place.key if item.place else ""
            place_key = canonical.get(own, "")
            key = (event_key, metric, place_key)
            items[key].append(item)
            if item.claim.place:
                # Shown as written most often, preferring texts as qualified as the key itself.
                names[key][item.claim.place] += 1000 if own == place_key else 1
    place_names = {key: counter.most_common(1)[0][0] for key, counter in names.items()}
    return _Aligned(dict(items), place_names, event_places)


def _resolve_counted(place: PlaceRef, event_places: list[PlaceRef]) -> PlaceRef:
    """'across the two cities' names the event's places when the event has that many."""
    simple = [p for p in event_places if not p.components]
    if place.counted is not None and len(simple) == place.counted:
        return PlaceRef(text=place.text, head=place.head, components=tuple(sorted(p.key for p in simple)))
    return place


def _canonical_places(group: list[_Item], event_places: list[PlaceRef]) -> dict[str, str]:
    """Place key -> the key it is compared under, inside one (event, metric).

    - variants of one place that differ only in how much they qualify it ("Cypress" and
      "Cypress, Texas") are compared as the most qualified one, when that one is unique;
    - claims with no place join the only place the others use, when that place is one of the
      linked event's own places (the figure for the event as a whole).
    """
    refs = {item.place.key: item.place for item in group if item.place is not None}
    by_head: dict[str, list[PlaceRef]] = defaultdict(list)
    for ref in refs.values():
        by_head[ref.head].append(ref)
    canonical: dict[str, str] = {key: key for key in refs}
    for variants in by_head.values():
        if len(variants) < 2 or any(v.components for v in variants):
            continue
        widest = max(variants, key=lambda v: len(v.containers))
        ties = [v for v in variants if len(v.containers) == len(widest.containers)]
        if len(ties) == 1 and all(set(v.containers) <= set(widest.containers) for v in variants):
            for v in variants:
                canonical[v.key] = widest.key
    used = set(canonical.values())
    event_keys = {p.key for p in event_places}
    if any(item.place is None for item in group) and len(used) == 1:
        only = next(iter(used))
        canonical[""] = only if only in event_keys else ""
    else:
        canonical[""] = ""
    return canonical


# =========================================================================== describing figures


def format_figure(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:g}"


def describe_quantity(q: Quantity) -> str:
    """'19', '11 to 19', 'at least 20', 'up to 40', 'about 80', 'dozens (at least 12)'."""
    if q.low is not None and q.low == q.high:
        text = format_figure(q.low)
    elif q.low is not None and q.high is not None:
        text = f"{format_figure(q.low)} to {format_figure(q.high)}"
    elif q.low is not None:
        text = f"at least {format_figure(q.low)}"
    elif q.high is not None:
        text = f"{'nearly' if q.approximate else 'at most'} {format_figure(q.high)}"
    elif q.nominal is not None:
        text = f"about {format_figure(q.nominal)}"
    else:
        text = "an unstated number"
    if q.vague:
        text = f"{q.vague} ({text})"
    return f"{text} {q.unit}" if q.unit else text


def _describe_items(items: Sequence[_Item]) -> str:
    seen: list[str] = []
    for item in items:
        text = describe_quantity(item.claim.quantity)
        if text not in seen:
            seen.append(text)
    return ", ".join(seen)


def _describe_interval(low: float, high: float) -> str:
    if low == high:
        return format_figure(low)
    if high == INF:
        return f"at least {format_figure(low)}"
    return f"{format_figure(low)} to {format_figure(high)}"


def _number(value: float) -> Number | None:
    if value in (INF, -INF):
        return None
    return int(value) if value == int(value) else value


def _side(document: str, items: Sequence[_Item]) -> ConflictSide:
    low = min(item.low for item in items)
    high = max(item.high for item in items)
    return ConflictSide(
        document=document,
        claims=[item.claim.id for item in items],
        low=_number(low),
        high=_number(high),
        published=items[0].published,
    )


def _disjoint(a: _Item, b: _Item) -> bool:
    return a.high < b.low or b.high < a.low


# =========================================================================== revisions

_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )
    )
}
_NUMBER_WORDS.update(
    {
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "a dozen": 12,
        "dozen": 12,
    }
)
_NUM = r"(\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_CHANGE = (
    r"(?:revis|correct|updat|lower|rais|increas|ris|rose|climb|jump|grew|grow|fell|fall|drop|decreas"
    r"|reduc|went|adjust|chang)\w*"
)
_FROM_TO = re.compile(rf"\b{_CHANGE}\b[^.;]*?\bfrom\s+{_NUM}\s+to\s+{_NUM}\b", re.IGNORECASE)
_UP_FROM = re.compile(rf"\b(?:up|down|increased|decreased|revised)\s+from\s+{_NUM}\b", re.IGNORECASE)
_NOW_TO = re.compile(
    rf"\b(?:rose|risen|rising|climbed|climbing|jumped|increased|grew|bringing|brought|raising|raised|"
    rf"revised|lowered|pushing|pushed)\b[^.;]*?\bto\s+(?:at\s+least\s+)?{_NUM}\b",
    re.IGNORECASE,
)


def _parse_number(text: str) -> float | None:
    lowered = text.lower()
    if lowered in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[lowered])
    try:
        return float(lowered.replace(",", ""))
    except ValueError:
        return None


@dataclass
class _RevisionCue:
    old: float | None
    new: float | None


def find_revision_cue(sentence: str, claim_value: float | None) -> _RevisionCue | None:
    """What a sentence says about a figure changing: 'revised from eight to six' (8 -> 6),
    'up from 5' (5 -> the claim's figure), 'bringing the death toll to 11' (? -> 11)."""
    if found := _FROM_TO.search(sentence):
        return _RevisionCue(_parse_number(found[1]), _parse_number(found[2]))
    if found := _UP_FROM.search(sentence):
        return _RevisionCue(_parse_number(found[1]), claim_value)
    if found := _NOW_TO.search(sentence):
        return _RevisionCue(None, _parse_number(found[1]))
    return None


def _sentence_of(claim: Claim, documents: dict[str, Document]) -> str:
    doc = documents.get(claim.document)
    if doc is not None and 0 <= claim.sentence < len(doc.sentences):
        return doc.sentence_text(claim.sentence)
    return claim.span.text


def _find_revisions(
    key: Key, by_doc: dict[str, list[_Item]], documents: dict[str, Document], aligned: _Aligned
) -> tuple[list[Conflict], set[str]]:
    """Revisions a document states for one key; returns them and the superseded claim ids."""
    conflicts: list[Conflict] = []
    superseded: set[str] = set()
    for doc_id, items in by_doc.items():
        seen: set[tuple[float | None, float | None]] = set()
        for item in items:
            cue = find_revision_cue(_sentence_of(item.claim, documents), item.point)
            if cue is None or (cue.old, cue.new) in seen:
                continue
            if item.point is not None and item.point not in (cue.old, cue.new):
                continue  # the sentence's change is about another figure
            seen.add((cue.old, cue.new))
            new_side = [i for i in items if cue.new is not None and i.point == cue.new]
            if cue.old is not None:
                old_side = [i for i in items if i.point == cue.old]
            else:
                old_side = [i for i in items if cue.new is not None and i.high < cue.new]
            if cue.old == cue.new or not (old_side or new_side) or cue.new is None:
                continue
            old_value = cue.old if cue.old is not None else (old_side[0].point if old_side else None)
            if old_value is None:
                continue
            superseded.update(i.claim.id for i in old_side)
            sides = [_value_side(doc_id, old_side, old_value), _value_side(doc_id, new_side, cue.new)]
            conflicts.append(
                Conflict(
                    kind=ConflictKind.REVISION,
                    event=_event_id(key),
                    metric=key[1],
                    place=aligned.place_names.get(key),
                    sides=sides,
                    why=(
                        f"{doc_id} says {_subject(key, aligned)} changed from {format_figure(old_value)} "
                        f"to {format_figure(cue.new)}: use {format_figure(cue.new)}"
                    ),
                    newer=doc_id,
                )
            )
    return conflicts, superseded


def _value_side(doc_id: str, items: list[_Item], value: float) -> ConflictSide:
    published = items[0].published if items else None
    return ConflictSide(
        document=doc_id,
        claims=[i.claim.id for i in items],
        low=_number(value),
        high=_number(value),
        published=published,
    )


def _event_id(key: Key) -> str | None:
    return key[0][1] if key[0][0] == "event" else None


def _subject(key: Key, aligned: _Aligned) -> str:
    metric = key[1].replace("_", " ")
    place = aligned.place_names.get(key)
    return f"{metric} in {place}" if place else metric


# =========================================================================== conflicts


def _within_document(
    key: Key, doc_id: str, items: list[_Item], aligned: _Aligned, settings: ReconcileSettings
) -> Conflict | None:
    ranges = [i for i in items if i.claim.quantity.is_range] if settings.flag_ranges else []
    max_low = max(i.low for i in items)
    min_high = min(i.high for i in items)
    if not ranges and max_low <= min_high:
        return None
    by_interval: dict[tuple[float, float], list[_Item]] = defaultdict(list)
    for item in items:
        if item.claim.quantity.is_range or (
            max_low > min_high and (item.high < max_low or item.low > min_high)
        ):
            by_interval[(item.low, item.high)].append(item)
    sides = [_side(doc_id, group) for _, group in sorted(by_interval.items())]
    reasons = []
    if ranges:
        reasons.append(f"gives a range ({_describe_items(ranges)})")
    if max_low > min_high:
        figures = [group for _, group in sorted(by_interval.items())]
        reasons.append(
            "gives figures that cannot all be true (" + "; ".join(_describe_items(g) for g in figures) + ")"
        )
    return Conflict(
        kind=ConflictKind.WITHIN_DOCUMENT_RANGE,
        event=_event_id(key),
        metric=key[1],
        place=aligned.place_names.get(key),
        sides=sides,
        why=f"{doc_id} itself " + " and ".join(reasons) + f" for {_subject(key, aligned)}",
    )


def _cross_document(
    key: Key,
    a_doc: str,
    a: list[_Item],
    b_doc: str,
    b: list[_Item],
    aligned: _Aligned,
    settings: ReconcileSettings,
) -> Conflict | None:
    a_max_low, a_min_high = max(i.low for i in a), min(i.high for i in a)
    b_max_low, b_min_high = max(i.low for i in b), min(i.high for i in b)
    if a_max_low <= b_min_high and b_max_low <= a_min_high:
        return None  # every figure of one document overlaps every figure of the other
    a_side = [i for i in a if i.high < b_max_low or i.low > b_min_high]
    b_side = [i for i in b if i.high < a_max_low or i.low > a_min_high]
    a_pub, b_pub = a[0].published, b[0].published
    newer = None
    if a_pub and b_pub and a_pub != b_pub:
        newer = a_doc if a_pub > b_pub else b_doc
    why = (
        f"{a_doc} reports {_describe_items(a_side)} and {b_doc} reports {_describe_items(b_side)} "
        f"for {_subject(key, aligned)}: these cannot both be true"
    )
    agreeing = [i for i in (*a, *b) if i not in a_side and i not in b_side]
    if agreeing:
        why += f" ({_describe_items(agreeing)}, also given, fits both)"
    kind = ConflictKind.CROSS_DOCUMENT
    if newer is not None:
        newer_side, older_side = (a_side, b_side) if newer == a_doc else (b_side, a_side)
        rose = min(i.low for i in newer_side) > max(i.high for i in older_side)
        why += f"; {newer} was published later" + (
            " with the higher figure: possibly an updated count" if rose else " with the lower figure"
        )
        if rose and settings.later_rise_kind == "revision":
            kind = ConflictKind.REVISION
    return Conflict(
        kind=kind,
        event=_event_id(key),
        metric=key[1],
        place=aligned.place_names.get(key),
        sides=[_side(a_doc, a_side), _side(b_doc, b_side)],
        why=why,
        newer=newer,
    )


# --------------------------------------------------------------------------- parts and totals

# Figures that do not add up across places.
_NON_ADDITIVE = {
    "magnitude",
    "percent",
    "percentage",
    "share",
    "rate",
    "depth",
    "intensity",
    "speed",
    "age",
    "duration",
    "ratio",
    "average",
    "mean",
    "median",
}


def _is_additive(metric: str, items: Iterable[_Item]) -> bool:
    return not _NON_ADDITIVE & set(metric.split("_")) and not any(i.claim.quantity.unit for i in items)


def _within(inner: PlaceRef, outer: PlaceRef, event_places: list[PlaceRef]) -> bool:
    """`named_within`, plus what the linked event's own place list implies: when the event has
    one place of the highest admin level it names ("Aceh province"), its places of a lower
    known level ("Bener Meriah district") lie in it."""
    if named_within(inner, outer):
        return True
    if inner.containers:
        parent = PlaceRef(text=inner.containers[0], head=inner.containers[0], containers=inner.containers[1:])
        if _within(parent, outer, event_places):
            return True
    levelled = [p for p in event_places if p.level is not None and not p.components]
    if not levelled or inner.level is None or outer.level is None:
        return False
    top = min(p.level for p in levelled if p.level is not None)
    tops = [p for p in levelled if p.level == top]
    in_event = any(inner.head == p.head for p in event_places)
    return len(tops) == 1 and tops[0].head == outer.head and inner.level > outer.level and in_event


def _intersect(items: list[_Item], bounds: dict[str, tuple[float, float]]) -> tuple[float, float] | None:
    low = max(bounds[i.claim.id][0] for i in items)
    high = min(bounds[i.claim.id][1] for i in items)
    return (low, high) if low <= high else None


@dataclass
class _PlaceFigures:
    """The current claims of one document, event and metric, by place key: the input of the
    part/total checks."""

    event_key: EventKey
    metric: str
    doc_id: str
    by_place: dict[str, list[_Item]]
    aligned: _Aligned

    @cached_property
    def refs(self) -> dict[str, PlaceRef]:
        return {k: g[0].place for k, g in self.by_place.items() if k and g[0].place is not None}

    @cached_property
    def bounds(self) -> dict[str, tuple[float, float]]:
        return {i.claim.id: _arith_bounds(i) for g in self.by_place.values() for i in g}

    def interval(self, key: str) -> tuple[float, float] | None:
        """What all the document's claims at a place allow together (None: they disagree)."""
        return _intersect(self.by_place[key], self.bounds)

    def name(self, key: str) -> str:
        return self.aligned.place_names.get((self.event_key, self.metric, key), key)

    def parts_of(self, total_key: str) -> tuple[list[str], list[str]]:
        """(places inside the total, places directly inside it)."""
        event_places = self.aligned.event_places.get(self.event_key, [])
        total = self.refs[total_key]
        inside = [
            k
            for k, ref in self.refs.items()
            if k != total_key and not ref.residual and _within(ref, total, event_places)
        ]
        direct = [
            k
            for k in inside
            if not any(m != k and _within(self.refs[k], self.refs[m], event_places) for m in inside)
            and not _deeper_than_event_place(self.refs[k], total, event_places)
        ]
        if total.components:
            direct = [
                k
                for k in direct
                if self.refs[k].key in total.components or self.refs[k].head in total.components
            ]
        return inside, direct


def _part_total(figures: _PlaceFigures) -> list[Conflict]:
    """Totals of one document, event and metric against the parts the same document gives.

    The parts of a total are the claims at places lying directly in it: the components of a
    compound place, or places inside it with no other known place in between, plus any figure
    at an unstated location. Flagged, in this order:
    - the parts must exceed the total (their lowest sum is above its highest value), or one
      place deeper inside it alone does;
    - the total is open-ended ('more than 300') but the parts' stated figures already sum
      above its stated figure: not a contradiction, but an implausibly low total;
    - the parts are a breakdown (a compound place's components, or two or more places) and
      their sum falls short of the total (something is unaccounted for) or can fall outside it
      (consistent only if the parts take certain values).
    """
    items = [i for group in figures.by_place.values() for i in group]
    if not _is_additive(figures.metric, items):
        return []
    residual = [k for k, ref in figures.refs.items() if ref.residual]
    conflicts: list[Conflict] = []
    for total_key, total_ref in figures.refs.items():
        if total_ref.residual:
            continue
        inside, direct = figures.parts_of(total_key)
        total = figures.interval(total_key)
        if total is None or not inside:
            continue  # no parts, or the document already disagrees with itself about the total
        parts = direct + residual if direct else []
        why = _part_total_why(figures, total_key, total, parts, [k for k in inside if k not in direct])
        if why is None:
            continue
        parts_shown = parts or [k for k in inside if (p := figures.interval(k)) and p[0] > total[1]]
        conflicts.append(
            Conflict(
                kind=ConflictKind.PART_TOTAL_TENSION,
                event=_event_id((figures.event_key, figures.metric, total_key)),
                metric=figures.metric,
                place=figures.name(total_key),
                sides=[
                    _side(figures.doc_id, figures.by_place[total_key]),
                    _side(figures.doc_id, [i for k in parts_shown for i in figures.by_place[k]]),
                ],
                why=why,
            )
        )
    return conflicts


def _part_total_why(
    figures: _PlaceFigures,
    total_key: str,
    total: tuple[float, float],
    parts: list[str],
    deeper: list[str],
) -> str | None:
    totals = figures.by_place[total_key]
    # Several figures for the total: the value they allow together.
    distinct = {describe_quantity(i.claim.quantity) for i in totals}
    stated_total = _describe_items(totals) if len(distinct) == 1 else _describe_interval(*total)
    total_text = f"{stated_total} in {figures.name(total_key)}"
    for key in deeper:
        if (interval := figures.interval(key)) is not None and interval[0] > total[1]:
            return (
                f"{figures.name(key)} alone has {_describe_items(figures.by_place[key])}, "
                f"more than the total {total_text} that contains it"
            )
    intervals = [figures.interval(k) for k in parts]
    if not parts or any(p is None for p in intervals):
        return None
    known = [p for p in intervals if p is not None]
    compound = figures.refs[total_key].components
    missing = len(compound) - (len(parts) - sum(figures.refs[k].residual for k in parts)) if compound else 0
    sum_low = sum(p[0] for p in known)
    sum_high = INF if missing > 0 else sum(p[1] for p in known)
    parts_text = " + ".join(
        f"{figures.name(k)} {_describe_interval(*p)}" for k, p in zip(parts, known, strict=True)
    )
    sum_text = _describe_interval(sum_low, sum_high)
    stated = _stated_figure(totals)
    points = [_stated_figure(figures.by_place[k]) for k in parts]
    breakdown = bool(compound) or len(parts) >= 2
    if sum_low > total[1]:
        return f"parts {parts_text} = {sum_text} exceed the total {total_text}"
    if (
        total[1] == INF
        and stated is not None
        and not any(i.claim.quantity.vague for i in totals)
        and sum(p for p in points if p is not None) > stated
    ):
        return (
            f"the total {total_text} is below what its parts already give ({parts_text}): "
            "not a strict contradiction, but the total is implausibly low"
        )
    if breakdown and sum_high < total[0]:
        gap = total[0] - sum_high
        gap_text = format_figure(gap) if total[0] == total[1] else f"at least {format_figure(gap)}"
        return (
            f"the total for {figures.name(total_key)} is {stated_total}, while the parts sum to "
            f"{parts_text} = {sum_text}: "
            f"{gap_text} unaccounted for"
        )
    if breakdown and (sum_low < total[0] or sum_high > total[1]):
        condition = _consistent_only_if([figures.name(k) for k in parts], known, total)
        return (
            f"the total for {figures.name(total_key)} is {stated_total}, while the parts sum to "
            f"{parts_text} = {sum_text}: {condition}"
        )
    return None


def _deeper_than_event_place(inner: PlaceRef, outer: PlaceRef, event_places: list[PlaceRef]) -> bool:
    """A site qualified by a place that itself lies in `outer` is not a direct part of it."""
    for container in inner.containers:
        ref = PlaceRef(text=container, head=container)
        if ref.head != outer.head and _within(ref, outer, event_places):
            return True
    return False


def _stated_figure(items: list[_Item]) -> float | None:
    """The number a claim states: the exact figure, the nominal, else its lower bound."""
    for item in items:
        if item.point is not None:
            return item.point
    lows = [item.low for item in items if item.low not in (INF, -INF)]
    return max(lows) if lows else None


def _consistent_only_if(
    names: list[str], parts: list[tuple[float, float]], total: tuple[float, float]
) -> str:
    """'consistent only if Kharkiv had at least 17' when one part is open; else the sum's bounds."""
    open_parts = [i for i, p in enumerate(parts) if p[0] != p[1]]
    if len(open_parts) == 1:
        i = open_parts[0]
        fixed = sum(p[0] for j, p in enumerate(parts) if j != i)
        need_low, need_high = total[0] - fixed, total[1] - fixed
        limits = []
        if need_low > parts[i][0]:
            limits.append(f"at least {format_figure(need_low)}")
        if need_high < parts[i][1]:
            limits.append(f"at most {format_figure(need_high)}")
        return f"consistent only if {names[i]} had " + " and ".join(limits)
    return f"consistent only if the parts sum to {_describe_interval(max(total[0], 0), total[1])}"


# =========================================================================== estimates


def estimate_figures(
    items: Sequence[_Item], rule: Literal["ucdp", "acled"]
) -> tuple[float | None, float | None, float | None, float | None]:
    """(low, best, high, conservative) for the current claims of one key.

    A claim's *figure* is its exact value, else its nominal ("about 80", "nearly 40" -> 80, 40),
    else its lower bound ("at least 20", "dozens" -> 20, 12), else its upper bound.

    - low: the highest lower bound that every source allows (no claim's upper bound is below
      it): the strongest "at least" the sources agree on. When no lower bound is allowed by all
      (the sources disagree), the lowest figure any source reports.
    - high: the highest figure any source puts forward (an open "at least N" counts as N: no
      figure is invented); never below low.
    - best: the exact or nominal figure reported by the most documents; ties go to the most
      recently published, then to the one more claims give, then to the larger. With no such
      figure, low. Clamped into low..high. Under the 'acled' rule, best is the conservative one.
    - conservative (ACLED): the lowest defensible figure. Each document defends the largest
      lower bound it states (so "three of those killed" beside "five dead" defends five; vague
      words count at their table value, "about N" as N); the conservative figure is the
      smallest of the documents' figures.
    """
    lows = [i.low for i in items if i.low > -INF]
    min_high = min((i.high for i in items), default=INF)
    supported = [value for value in lows if value <= min_high]
    figures = [f for f in (_figure(i) for i in items) if f is not None]
    low: float | None = max(supported) if supported else (min(figures) if figures else None)
    upper = figures + [i.high for i in items if i.high < INF]
    high: float | None = max(upper) if upper else None
    if high is not None and low is not None:
        high = max(high, low)

    defended: dict[str, float] = {}
    for item in items:
        value = _low_of(item) if _low_of(item) is not None else _figure(item)
        if value is not None:
            doc = item.claim.document
            defended[doc] = max(defended.get(doc, value), value)
    conservative = min(defended.values()) if defended else None

    documents_by_value: dict[float, set[str]] = defaultdict(set)
    claims_by_value: Counter[float] = Counter()
    latest: dict[float, dt.date] = {}
    for item in items:
        if item.point is None:
            continue
        documents_by_value[item.point].add(item.claim.document)
        claims_by_value[item.point] += 1
        if item.published and (item.point not in latest or item.published > latest[item.point]):
            latest[item.point] = item.published
    best: float | None = low
    if documents_by_value:
        best = max(
            documents_by_value,
            key=lambda v: (len(documents_by_value[v]), latest.get(v, dt.date.min), claims_by_value[v], v),
        )
    if best is not None and low is not None:
        best = max(best, low)
    if best is not None and high is not None:
        best = min(best, high)
    if rule == "acled":
        best = conservative
    return low, best, high, conservative


def _figure(item: _Item) -> float | None:
    if item.point is not None:
        return item.point
    if item.low > -INF:
        return item.low
    return item.high if item.high < INF else None


def _low_of(item: _Item) -> float | None:
    return float(item.claim.quantity.low) if item.claim.quantity.low is not None else None


def _estimate(key: Key, items: list[_Item], aligned: _Aligned, settings: ReconcileSettings) -> Estimate:
    low, best, high, conservative = estimate_figures(items, settings.estimate_rule)
    return Estimate(
        event=_event_id(key),
        metric=key[1],
        place=aligned.place_names.get(key),
        low=_number(low) if low is not None else None,
        best=_number(best) if best is not None else None,
        high=_number(high) if high is not None else None,
        conservative=_number(conservative) if conservative is not None else None,
        sources=len({i.claim.document for i in items}),
        claims=[i.claim.id for i in items],
    )


# =========================================================================== entry points


def reconcile(
    documents: Sequence[Document],
    events: Sequence[Event],
    claims: Sequence[Claim],
    settings: ReconcileSettings | None = None,
) -> Reconciliation:
    """Link events, align grounded claims, find conflicts and estimate every (event, metric, place)."""
    settings = settings or ReconcileSettings()
    docs = {doc.id: doc for doc in documents}
    grounded = [c for c in claims if c.span.grounded]
    linked, mapping = link_events(events, documents, settings)
    aligned = _align(documents, events, grounded, linked, mapping, settings)
    event_order = {le.id: n for n, le in enumerate(linked)}

    conflicts: list[Conflict] = []
    estimates: list[Estimate] = []
    superseded: set[str] = set()
    current_by_group: dict[tuple[EventKey, str, str], dict[str, list[_Item]]] = defaultdict(dict)
    for key in sorted(aligned.items, key=lambda k: _key_order(k, event_order)):
        by_doc: dict[str, list[_Item]] = defaultdict(list)
        for item in aligned.items[key]:
            by_doc[item.claim.document].append(item)
        revisions, old = _find_revisions(key, by_doc, docs, aligned)
        conflicts.extend(revisions)
        superseded |= old
        current = {d: [i for i in group if i.claim.id not in old] for d, group in sorted(by_doc.items())}
        current = {d: group for d, group in current.items() if group}
        for doc_id, group in current.items():
            if (found := _within_document(key, doc_id, group, aligned, settings)) is not None:
                conflicts.append(found)
            current_by_group[(key[0], key[1], doc_id)][key[2]] = group
        doc_ids = list(current)
        for n, a_doc in enumerate(doc_ids):
            for b_doc in doc_ids[n + 1 :]:
                found = _cross_document(key, a_doc, current[a_doc], b_doc, current[b_doc], aligned, settings)
                if found is not None:
                    conflicts.append(found)
        kept = [i for group in current.values() for i in group]
        if kept:
            estimates.append(_estimate(key, kept, aligned, settings))

    for (event_key, metric, doc_id), by_place in current_by_group.items():
        if len(by_place) > 1:
            conflicts.extend(_part_total(_PlaceFigures(event_key, metric, doc_id, by_place, aligned)))

    claim_events = {item.claim.id: _event_id(key) for key, group in aligned.items.items() for item in group}
    return Reconciliation(
        linked_events=linked,
        conflicts=_sorted_conflicts(conflicts, event_order),
        estimates=estimates,
        claim_events=claim_events,
        superseded=sorted(superseded),
        ungrounded=len(claims) - len(grounded),
    )


def _key_order(key: Key, event_order: dict[str, int]) -> tuple[int, str, str, str]:
    (scope, ident), metric, place = key
    return (
        event_order.get(ident, len(event_order)) if scope == "event" else len(event_order),
        ident,
        metric,
        place,
    )


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
    """A copy of `report` with linked events, conflicts and estimates recomputed from its claims."""
    result = reconcile(report.documents, report.events, report.claims, settings)
    reconciled = report.model_copy(
        update={
            "linked_events": result.linked_events,
            "conflicts": result.conflicts,
            "estimates": result.estimates,
        },
        deep=True,
    )
    return add_headlines(reconciled)
