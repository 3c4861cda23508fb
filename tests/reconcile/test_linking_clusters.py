"""The clusters' merge rule, read from what each cluster keeps of its members, answers as the
pairwise rule (`cannot_link` of every member of one and every member of the other) does."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from reconcile_builders import event

from summarizer.reconcile.evidence import Evidence
from summarizer.reconcile.linking import _Clusters, _EventInfo, cannot_link
from summarizer.text.places import DEFAULT_PLACE_ALIASES, place_parser

_PLACES = ["Aceh province", "Papua province", "Takengon", "Texas", "Athens", "Brooklyn", "the Gulf"]
_parse = place_parser(DEFAULT_PLACE_ALIASES)
_START = dt.date(2026, 1, 1)


@st.composite
def _infos(draw: st.DrawFn) -> list[_EventInfo]:
    infos: list[_EventInfo] = []
    for order in range(draw(st.integers(2, 9))):
        document = draw(st.sampled_from("abcde"))
        first = draw(st.none() | st.integers(0, 6))
        dates = (
            None
            if first is None
            else (_START + dt.timedelta(first), _START + dt.timedelta(first + draw(st.integers(0, 2))))
        )
        people = draw(st.frozensets(st.sampled_from(["ortiz", "lang", "moreau"]), max_size=2))
        evidence = Evidence(
            features=frozenset(f"person:{p}" for p in people),
            magnitudes=draw(st.frozensets(st.sampled_from([6.1, 7.0]), max_size=2)),
            people=people,
            named=people | draw(st.frozensets(st.sampled_from(["ortiz", "voss"]), max_size=1)),
            parties=draw(st.frozensets(st.sampled_from(["lang", "moreau"]), max_size=1)),
        )
        places = [
            p for p in map(_parse, draw(st.lists(st.sampled_from(_PLACES), max_size=2))) if p is not None
        ]
        infos.append(
            _EventInfo(
                event=event(f"{document}:e{order}", document),
                order=order,
                dates=dates,
                places=places,
                kind=draw(st.sampled_from([None, "strike", "earthquake"])),
                evidence=evidence,
                lede_places=places,
            )
        )
    return infos


@settings(max_examples=150, deadline=None)
@given(_infos(), st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), max_size=20))
def test_a_merge_is_refused_exactly_when_two_members_cannot_be_linked(
    infos: list[_EventInfo], merges: list[tuple[int, int]]
) -> None:
    clusters = _Clusters(infos, window=1)
    for i, j in merges:
        i, j = i % len(infos), j % len(infos)
        a, b = clusters.find(i), clusters.find(j)
        if a == b:
            continue
        pairwise = any(
            cannot_link(infos[x], infos[y], 1) for x in clusters.members(a) for y in clusters.members(b)
        )
        assert clusters.union(i, j) is not pairwise
