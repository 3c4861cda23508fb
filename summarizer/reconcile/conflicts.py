"""Conflicts between figures of one key: inside one document (`within_document_range`: a closed
range, or two figures that cannot both be true) and across documents (`cross_document`: two
documents' figures that cannot both be true; `newer` names the later-published one).
"""

from __future__ import annotations

from collections import defaultdict

from summarizer.reconcile.alignment import (
    Aligned,
    EventKey,
    Item,
    Key,
    describe_items,
    event_id,
    side_of,
    subject,
)
from summarizer.reconcile.parts import EventPlaces, event_places_of, within_remembered
from summarizer.reconcile.settings import ReconcileSettings
from summarizer.schemas import Conflict, ConflictKind
from summarizer.text.metrics import CASUALTY_METRICS
from summarizer.text.places import PlaceRef

_RIVAL_RATIO = 2


def within_document(
    key: Key, doc_id: str, items: list[Item], aligned: Aligned, settings: ReconcileSettings
) -> Conflict | None:
    # A spread of a casualty count is a disagreement among the reports the article sums up; a
    # spread of anything else ("five to 10 shots", "40 to 50 homes") is an estimate.
    casualty = key[1] in CASUALTY_METRICS or key[1].split("_", 1)[-1] in CASUALTY_METRICS
    ranges = [i for i in items if i.claim.quantity.is_range] if settings.flag_ranges and casualty else []
    max_low = max(i.low for i in items)
    # A figure under half of what the article already counts is a group it singles out (the
    # critically hurt among the injured, the gunshot victims among all taken to hospital);
    # rival totals in one article differ by less (19, 20 and 22 injured).
    rivals = [i for i in items if i.upper >= max_low or i.upper * _RIVAL_RATIO > max_low]
    min_high = min(i.upper for i in rivals)
    if not ranges and max_low <= min_high:
        return None
    by_interval: dict[tuple[float, float], list[Item]] = defaultdict(list)
    # By identity, as in `cross_document`: `in` on the lists compared claims field by field.
    chosen = {id(i) for i in (*ranges, *rivals)}
    for item in (i for i in items if id(i) in chosen):
        if item.claim.quantity.is_range or (
            max_low > min_high and (item.upper < max_low or item.low > min_high)
        ):
            by_interval[(item.low, item.upper)].append(item)
    sides = [side_of(doc_id, group) for _, group in sorted(by_interval.items())]
    reasons = []
    if ranges:
        reasons.append(f"gives a range ({describe_items(ranges)})")
    if max_low > min_high:
        figures = [group for _, group in sorted(by_interval.items())]
        reasons.append(
            "gives figures that cannot all be true (" + "; ".join(describe_items(g) for g in figures) + ")"
        )
    return Conflict(
        kind=ConflictKind.WITHIN_DOCUMENT_RANGE,
        event=event_id(key),
        metric=key[1],
        place=aligned.place_names.get(key),
        sides=sides,
        why=f"{doc_id} itself " + " and ".join(reasons) + f" for {subject(key, aligned)}",
    )


def drop_nested(
    found: list[tuple[Key, Conflict]], aligned: Aligned, known: dict[EventKey, EventPlaces]
) -> list[Conflict]:
    """One disagreement between two documents, reported once: where they also disagree about a
    place that contains this one (the district's toll inside the province's), the finding at
    the containing place already says it. `known`: the `EventPlaces` made so far."""
    # positions in `found` by (event, metric, the two documents): most pairs disagree about one
    # place, and only those that disagree about several need their places compared
    by_pair: dict[tuple[object, ...], list[int]] = {}
    for n, (key, conflict) in enumerate(found):
        pair = (key[0], key[1], frozenset([s.document for s in conflict.sides]))
        if (members := by_pair.get(pair)) is None:
            by_pair[pair] = [n]
        else:
            members.append(n)
    nested: set[int] = set()
    for members in by_pair.values():
        if len(members) == 1:
            continue
        places = [(found[n][0], aligned.items[found[n][0]][0].place) for n in members]
        for n, (key, place) in zip(members, places, strict=True):
            if place is None:
                continue
            event = event_places_of(key[0], aligned, known)
            if any(
                outer is not None
                and other != key
                and (within_remembered(place, outer, event) or _coarser_event_place(place, outer, event))
                for other, outer in places
            ):
                nested.add(n)
    if not nested:
        return [conflict for _, conflict in found]
    return [conflict for n, (_, conflict) in enumerate(found) if n not in nested]


def _coarser_event_place(inner: PlaceRef, outer: PlaceRef, event: EventPlaces) -> bool:
    """Both are places the event names and `outer`'s admin level is the higher ("Aceh province"
    beside "Bener Meriah district"): in one event's report, the finer place is one of its parts."""
    heads = event.heads
    return (
        inner.head in heads
        and outer.head in heads
        and inner.admin_level is not None
        and outer.admin_level is not None
        and inner.admin_level > outer.admin_level
    )


Bounds = tuple[float, float]  # a document's figures' highest low and lowest upper bound


def figure_bounds(items: list[Item]) -> Bounds:
    if len(items) == 1:  # most documents of a key: one figure
        return items[0].low, items[0].upper
    return max([i.low for i in items]), min([i.upper for i in items])


def cross_document(
    key: Key,
    a_doc: str,
    a: list[Item],
    b_doc: str,
    b: list[Item],
    aligned: Aligned,
    settings: ReconcileSettings,
    bounds: tuple[Bounds, Bounds] | None = None,
) -> Conflict | None:
    """`bounds`: `figure_bounds` of `a` and `b`, when the caller has them."""
    (a_max_low, a_min_high), (b_max_low, b_min_high) = bounds or (figure_bounds(a), figure_bounds(b))
    if a_max_low <= b_min_high and b_max_low <= a_min_high:
        return None  # every figure of one document overlaps every figure of the other
    a_side = [i for i in a if i.upper < b_max_low or i.low > b_min_high]
    b_side = [i for i in b if i.upper < a_max_low or i.low > a_min_high]
    a_pub, b_pub = a[0].published, b[0].published
    newer = None
    if a_pub and b_pub and a_pub != b_pub:
        newer = a_doc if a_pub > b_pub else b_doc
    why = (
        f"{a_doc} reports {describe_items(a_side)} and {b_doc} reports {describe_items(b_side)} "
        f"for {subject(key, aligned)}: these cannot both be true"
    )
    disputed = {id(i) for i in (*a_side, *b_side)}  # by identity: comparing claims field by field was slow
    agreeing = [i for i in (*a, *b) if id(i) not in disputed]
    if agreeing:
        why += f" ({describe_items(agreeing)}, also given, fits both)"
    kind = ConflictKind.CROSS_DOCUMENT
    if newer is not None:
        newer_side, older_side = (a_side, b_side) if newer == a_doc else (b_side, a_side)
        rose = min(i.low for i in newer_side) > max(i.upper for i in older_side)
        why += f"; {newer} was published later" + (
            " with the higher figure: possibly an updated count" if rose else " with the lower figure"
        )
        if rose and settings.later_rise_kind == "revision":
            kind = ConflictKind.REVISION
    return Conflict(
        kind=kind,
        event=event_id(key),
        metric=key[1],
        place=aligned.place_names.get(key),
        sides=[side_of(a_doc, a_side), side_of(b_doc, b_side)],
        why=why,
        newer=newer,
    )
