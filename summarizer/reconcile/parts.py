"""Parts and totals: the places of one document, event and metric whose figures cannot add up
to, or leave a gap in, the total the same document states for the place that contains them
(`part_total_tension`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from summarizer.reconcile.alignment import (
    INF,
    Aligned,
    EventKey,
    Item,
    arith_bounds,
    describe_items,
    event_id,
    side_of,
)
from summarizer.schemas import Conflict, ConflictKind
from summarizer.text.figures import describe_interval, describe_quantity, format_figure
from summarizer.text.places import PlaceRef, container_ref, named_within

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


@lru_cache(maxsize=1024)
def _additive_metric(metric: str) -> bool:
    return not _NON_ADDITIVE & set(metric.split("_"))


def _has_unit(groups: Iterable[list[Item]]) -> bool:
    """A figure with a unit (km, percent): not a count, so not one that adds up."""
    for group in groups:
        for item in group:
            if item.claim.quantity.unit:
                return True
    return False


@dataclass(frozen=True)
class EventPlaces:
    """What `_within` needs of a linked event's own places, worked out once per event: the
    place of the highest admin level it names, when only one has that level, and their heads."""

    top: str | None
    heads: frozenset[str]
    # (id(inner), id(outer)) -> `_within`: one event's groups (document x metric) ask about the
    # same few places again and again. By identity: the places are the aligned items' own,
    # alive for as long as the event's reconciliation.
    _inside: dict[tuple[int, int], bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, event_places: list[PlaceRef]) -> EventPlaces:
        levelled = [p for p in event_places if p.level is not None and not p.components]
        top: str | None = None
        if levelled:
            highest = min(p.level for p in levelled if p.level is not None)
            tops = [p for p in levelled if p.level == highest]
            top = tops[0].head if len(tops) == 1 else None
        return cls(top, frozenset(p.head for p in event_places))


def event_places_of(event_key: EventKey, aligned: Aligned, known: dict[EventKey, EventPlaces]) -> EventPlaces:
    """`EventPlaces` of a linked event, made once per reconciliation and kept in `known`."""
    if (places := known.get(event_key)) is None:
        places = known[event_key] = EventPlaces.of(aligned.event_places.get(event_key, []))
    return places


def within_remembered(inner: PlaceRef, outer: PlaceRef, event: EventPlaces) -> bool:
    """`_within` of two places the caller keeps alive, remembered in `event`."""
    key = (id(inner), id(outer))
    if (found := event._inside.get(key)) is None:
        found = event._inside[key] = _within(inner, outer, event)
    return found


def _within(inner: PlaceRef, outer: PlaceRef, event: EventPlaces) -> bool:
    """`named_within`, plus what the linked event's own place list implies: when the event has
    one place of the highest admin level it names ("Aceh province"), its places of a lower
    known level ("Bener Meriah district") lie in it."""
    if named_within(inner, outer):
        return True
    if inner.containers and _within(container_ref(inner.containers), outer, event):
        return True
    # The names first: a place's level may ask the gazetteer, and most places are no event place.
    if event.top != outer.head or inner.head not in event.heads:
        return False
    return inner.level is not None and outer.level is not None and inner.level > outer.level


def part_totals(
    by_group: dict[tuple[EventKey, str, str], dict[str, list[Item]]],
    aligned: Aligned,
    known: dict[EventKey, EventPlaces],
) -> list[Conflict]:
    """`part_total` of every (event, metric, document) group of current claims, by place key.

    Which places are totals with parts follows from the places alone (`_totals_with_parts`);
    the figures are read only for the groups that have one: at scale, most groups do not."""
    conflicts: list[Conflict] = []
    for (event_key, metric, doc_id), by_place in by_group.items():
        if len(by_place) < 2 or not _additive_metric(metric):
            continue
        refs = {k: g[0].place for k, g in by_place.items() if k and g[0].place is not None}
        if len(refs) < 2:
            continue  # a total and a part are two places
        totals = _totals_with_parts(refs, event_places_of(event_key, aligned, known))
        if totals and not _has_unit(by_place.values()):
            figures = PlaceFigures(event_key, metric, doc_id, by_place, aligned, refs)
            conflicts.extend(part_total(figures, totals))
    return conflicts


# A total's place key, the places inside it and the places directly inside it.
TotalParts = tuple[str, list[str], list[str]]


def _totals_with_parts(refs: dict[str, PlaceRef], event: EventPlaces) -> list[TotalParts]:
    """The places of one group that contain others, in the group's order, with those others."""
    found: list[TotalParts] = []
    qualified: dict[str, PlaceRef] | None = None
    for total_key, total in refs.items():
        if total.residual:
            continue  # an unstated place is a part of every total, never a total
        components = total.components
        candidates = refs
        if not components and total.level is None:
            # A place that is neither compound nor of a known admin level contains only places
            # qualified by it (`_within`): checking those alone keeps a document with a hundred
            # places from comparing every pair.
            if qualified is None:
                qualified = {k: ref for k, ref in refs.items() if ref.containers}
            candidates = qualified
        inside = []
        for k, ref in candidates.items():
            if k == total_key or ref.residual:
                continue
            if within_remembered(ref, total, event):
                inside.append(k)
        if not inside:
            continue
        direct = [
            k
            for k in inside
            if not (len(inside) > 1 and _inside_another(k, inside, refs, event))
            and not (refs[k].containers and _deeper_than_event_place(refs[k], total, event))
        ]
        if components:
            direct = [k for k in direct if refs[k].key in components or refs[k].head in components]
        found.append((total_key, inside, direct))
    return found


def _inside_another(key: str, inside: list[str], refs: dict[str, PlaceRef], event: EventPlaces) -> bool:
    """Whether the place of `key` lies in another of the places `inside` a total."""
    ref = refs[key]
    return any(m != key and within_remembered(ref, refs[m], event) for m in inside)


def _intersect(items: list[Item]) -> tuple[float, float] | None:
    if len(items) == 1:  # most places of a document: one figure
        low, high = arith_bounds(items[0])
    else:
        bounds = [arith_bounds(i) for i in items]
        low = max(b[0] for b in bounds)
        high = min(b[1] for b in bounds)
    return (low, high) if low <= high else None


@dataclass(slots=True)
class PlaceFigures:
    """The current claims of one document, event and metric, by place key, of a group where a
    place contains another: the input of the part/total checks."""

    event_key: EventKey
    metric: str
    doc_id: str
    by_place: dict[str, list[Item]]
    aligned: Aligned
    refs: dict[str, PlaceRef]
    intervals: dict[str, tuple[float, float] | None] = field(default_factory=dict)

    def interval(self, key: str) -> tuple[float, float] | None:
        """What all the document's claims at a place allow together (None: they disagree).
        Remembered: the same place is a part of several totals."""
        intervals = self.intervals
        if key not in intervals:
            intervals[key] = _intersect(self.by_place[key])
        return intervals[key]

    def name(self, key: str) -> str:
        return self.aligned.place_names.get((self.event_key, self.metric, key), key)


def part_total(figures: PlaceFigures, totals: list[TotalParts]) -> list[Conflict]:
    """Totals of one document, event and metric against the parts the same document gives
    (`totals`: `_totals_with_parts` of its places).

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
    residual = [k for k, ref in figures.refs.items() if ref.residual]
    conflicts: list[Conflict] = []
    for total_key, inside, direct in totals:
        total = figures.interval(total_key)
        if total is None:
            continue  # the document already disagrees with itself about the total
        parts = direct + residual if direct else []
        why = _part_total_why(figures, total_key, total, parts, [k for k in inside if k not in direct])
        if why is None:
            continue
        parts_shown = parts or [k for k in inside if (p := figures.interval(k)) and p[0] > total[1]]
        conflicts.append(
            Conflict(
                kind=ConflictKind.PART_TOTAL_TENSION,
                event=event_id((figures.event_key, figures.metric, total_key)),
                metric=figures.metric,
                place=figures.name(total_key),
                sides=[
                    side_of(figures.doc_id, figures.by_place[total_key]),
                    side_of(figures.doc_id, [i for k in parts_shown for i in figures.by_place[k]]),
                ],
                why=why,
            )
        )
    return conflicts


def _part_total_why(
    figures: PlaceFigures,
    total_key: str,
    total: tuple[float, float],
    parts: list[str],
    deeper: list[str],
) -> str | None:
    totals = figures.by_place[total_key]
    for key in deeper:
        if (interval := figures.interval(key)) is not None and interval[0] > total[1]:
            return (
                f"{figures.name(key)} alone has {describe_items(figures.by_place[key])}, "
                f"more than the total {_total_text(figures, total_key, total)} that contains it"
            )
    if not parts:
        return None
    known: list[tuple[float, float]] = []
    for key in parts:
        if (interval := figures.interval(key)) is None:
            return None  # the document disagrees with itself about a part
        known.append(interval)
    compound = figures.refs[total_key].components
    missing = len(compound) - (len(parts) - sum(figures.refs[k].residual for k in parts)) if compound else 0
    sum_low = sum([p[0] for p in known])
    sum_high = INF if missing > 0 else sum([p[1] for p in known])
    breakdown = bool(compound) or len(parts) >= 2
    # The verdict first, from the figures alone; the texts only for a finding.
    if sum_low > total[1]:
        verdict = "exceed"
    elif (
        total[1] == INF
        and (stated := _stated_figure(totals)) is not None
        and not any(i.claim.quantity.vague for i in totals)
        and sum(p for k in parts if (p := _stated_figure(figures.by_place[k])) is not None) > stated
    ):
        verdict = "low"
    elif breakdown and sum_high < total[0]:
        verdict = "gap"
    elif breakdown and (sum_low < total[0] or sum_high > total[1]):
        verdict = "outside"
    else:
        return None
    parts_text = " + ".join(
        f"{figures.name(k)} {describe_interval(*p)}" for k, p in zip(parts, known, strict=True)
    )
    if verdict == "exceed":
        sum_text = describe_interval(sum_low, sum_high)
        return f"parts {parts_text} = {sum_text} exceed the total {_total_text(figures, total_key, total)}"
    if verdict == "low":
        return (
            f"the total {_total_text(figures, total_key, total)} is below what its parts already give "
            f"({parts_text}): not a strict contradiction, but the total is implausibly low"
        )
    if verdict == "gap":
        gap = total[0] - sum_high
        gap_text = format_figure(gap) if total[0] == total[1] else f"at least {format_figure(gap)}"
        ending = f"{gap_text} unaccounted for"
    else:
        ending = _consistent_only_if([figures.name(k) for k in parts], known, total)
    return (
        f"the total for {figures.name(total_key)} is {_stated_total(totals, total)}, while the parts sum to "
        f"{parts_text} = {describe_interval(sum_low, sum_high)}: {ending}"
    )


def _stated_total(totals: list[Item], total: tuple[float, float]) -> str:
    """The total as its claims state it; several figures for it: the value they allow together."""
    distinct = {describe_quantity(i.claim.quantity) for i in totals}
    # `describe_items` of figures that all read the same is that one text
    return next(iter(distinct)) if len(distinct) == 1 else describe_interval(*total)


def _total_text(figures: PlaceFigures, total_key: str, total: tuple[float, float]) -> str:
    return f"{_stated_total(figures.by_place[total_key], total)} in {figures.name(total_key)}"


def _deeper_than_event_place(inner: PlaceRef, outer: PlaceRef, event: EventPlaces) -> bool:
    """A site qualified by a place that itself lies in `outer` is not a direct part of it."""
    for container in inner.containers:
        ref = container_ref((container,))
        if ref.head != outer.head and _within(ref, outer, event):
            return True
    return False


def _stated_figure(items: list[Item]) -> float | None:
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
    return f"consistent only if the parts sum to {describe_interval(max(total[0], 0), total[1])}"
