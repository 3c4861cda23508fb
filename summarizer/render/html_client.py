"""The HTML page of a large report: its per-claim parts built by the page's own script.

A report of many claims (`CLIENT_BUILT_FROM` or more) would make a page of hundreds of
megabytes if every conflict card, claims row and article highlight were written out. Its page
keeps a server-written first view (header, headline figures, summary, each event's estimates
and a count of its conflicts by kind, quotes) and embeds the data once, as compact JSON; the
script (`html_assets.JS`) builds from it, on demand, exactly the markup that `render.html`
writes for a small report: conflict cards a page at a time, an event's claims table when it is
opened, an article with its highlights when it is opened (or when a citation points into it).

The data (`client_payload`) holds every string once, in a table that values point into:

- `objects`: the claims, quotes and events that the popover shows, per kind by column
  (`compact_objects`); decoding a row gives exactly the object's `model_dump`;
- `docs`: per document its id, outlet, text, sentence offsets (start, end, start, ...) and,
  when they are not their positions, the sentences' indices;
- `figures`: per claim the figure as `text.figures.format_quantity` writes it;
- `events`: per event section its conflicts and the indices of its claims.

The JSON goes through `script_json`, like every embedded block: no article can close it.
"""

from __future__ import annotations

from typing import cast

from pydantic import TypeAdapter

from summarizer.render.html_text import h
from summarizer.render.report_index import CONFLICT_TITLES, EventGroup, ReportIndex, humanize, side_key
from summarizer.schemas import Claim, Conflict, ConflictKind, Event, Quote, Report

CLIENT_BUILT_FROM = 10_000
"""Claims from which the page's script builds the per-claim parts (see the module docstring)."""

CONFLICTS_PER_PAGE = 50
"""Conflict cards the script shows at first per event, and adds per "show more"."""

_CLAIMS = TypeAdapter(list[Claim])
_QUOTES = TypeAdapter(list[Quote])
_EVENTS = TypeAdapter(list[Event])


class Strings:
    """Each distinct string once: values are written as their index in `table`."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}  # in first-seen order: the table is its keys

    @property
    def table(self) -> list[str]:
        return list(self.index)

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def optional(self, text: str | None) -> int | None:
        return None if text is None else self.index.setdefault(text, len(self.index))

    def column(self, values: list[str | None]) -> list[int | None]:
        index = self.index
        return [None if v is None else index.setdefault(v, len(index)) for v in values]


def compact_objects(dumped: list[dict[str, object]], strings: Strings) -> dict[str, object]:
    """Objects of one kind (their `model_dump(mode="json")`, all with the same keys) by column:
    `keys`, and per key a column (`_column`)."""
    keys = list(dumped[0]) if dumped else []
    if any(list(d) != keys for d in dumped):  # never for one model: then kept whole
        return {"n": len(dumped), "keys": [], "cols": [], "whole": dumped}
    return {"n": len(dumped), "keys": keys, "cols": [_column([d[k] for d in dumped], strings) for k in keys]}


def _column(values: list[object], strings: Strings) -> dict[str, object]:
    """One field of every object: {"s": indices} for strings that repeat (into the string
    table), {"o": nested columns, "nulls": rows without one} for nested objects with the same
    keys, else {"r": the values as they are}."""
    present = [v for v in values if v is not None]
    types = {type(v) for v in present}
    if types == {str} and len(set(present)) * 2 <= len(values):
        return {"s": strings.column(cast(list[str | None], values))}
    if types == {dict}:
        nested = [v for v in present if isinstance(v, dict)]
        keys = list(nested[0])
        if all(list(v) == keys for v in nested):
            rows = [v if isinstance(v, dict) else {} for v in values]
            return {
                "o": {"keys": keys, "cols": [_column([r.get(k) for r in rows], strings) for k in keys]},
                "nulls": [n for n, v in enumerate(values) if v is None],
            }
    return {"r": values}


def client_payload(report: Report, index: ReportIndex, groups: list[EventGroup]) -> dict[str, object]:
    strings = Strings()
    objects = {
        "c": compact_objects(_CLAIMS.dump_python(report.claims, mode="json"), strings),
        "q": compact_objects(_QUOTES.dump_python(report.quotes, mode="json"), strings),
        "e": compact_objects(_EVENTS.dump_python(report.events, mode="json"), strings),
    }
    docs = [
        [
            strings(d.id),
            strings(index.outlet(d.id)),
            d.text,
            [offset for s in d.sentences for offset in (s.start, s.end)],
            None if all(s.index == n for n, s in enumerate(d.sentences)) else [s.index for s in d.sentences],
        ]
        for d in report.documents
    ]
    figures = [strings(index.figure(c.quantity)) for c in report.claims]
    position = {c.id: n for n, c in enumerate(report.claims)}  # the last of a repeated id, as in the index
    by_object = {id(c): n for n, c in enumerate(report.claims)}
    sides: dict[tuple[object, ...], list[object]] = {}
    events = [
        {
            "conflicts": [_conflict(index, c, position, strings, sides) for c in group.conflicts],
            "claims": [by_object[id(c)] for c in group.claims],
        }
        for group in groups
    ]
    return {
        "strings": strings.table,
        "objects": objects,
        "docs": docs,
        "figures": figures,
        "events": events,
        "titles": {kind.value: title for kind, title in CONFLICT_TITLES.items()},
        "page": CONFLICTS_PER_PAGE,
    }


def _conflict(
    index: ReportIndex,
    conflict: Conflict,
    position: dict[str, int],
    strings: Strings,
    memo: dict[tuple[object, ...], list[object]],
) -> list[object]:
    sides = []
    for side in conflict.sides:
        key = side_key(side)
        if (found := memo.get(key)) is None:
            found = memo[key] = [
                strings(side.document),
                strings(index.outlet(side.document)),
                strings(index.side_figure(side)),
                strings(side.published.isoformat() if side.published else "undated"),
                [position[c] for c in side.claims if c in position],
            ]
        sides.append(found)
    return [
        strings(conflict.kind.value),
        strings(humanize(conflict.metric)),
        strings.optional(conflict.place),
        strings(conflict.why),
        strings.optional(conflict.newer),
        sides,
    ]


_BY_SCRIPT = '<p class="muted small built-by-script">Built by the page\'s script from the data it embeds.</p>'


def conflicts_placeholder(number: int, conflicts: list[Conflict]) -> str:
    """The event's conflicts as a count by kind, and the place the script puts their cards."""
    counts = {kind: sum(c.kind == kind for c in conflicts) for kind in ConflictKind}
    by_kind = ", ".join(f"{n:,} {h(CONFLICT_TITLES[k].lower())}" for k, n in counts.items() if n)
    return (
        f'<h3>Conflicts</h3><p class="conflict-counts">{len(conflicts):,} conflict'
        f"{'s' if len(conflicts) != 1 else ''}: {by_kind}</p>"
        f'<div class="conflict-list" data-event="{number - 1}">{_BY_SCRIPT}</div>'
    )


def claims_placeholder(number: int, count: int) -> str:
    return (
        f'<details class="claims" data-event="{number - 1}"><summary>All {count} claim'
        f'{"s" if count != 1 else ""}</summary><div class="table-wrap"><table><thead><tr><th>metric</th>'
        "<th>place</th><th>figure</th><th>as written</th><th>according to</th><th>source</th></tr></thead>"
        f"<tbody></tbody></table></div>{_BY_SCRIPT}</details>"
    )


def article_placeholder(number: int) -> str:
    return f'<div class="article" data-doc="{number}"></div>{_BY_SCRIPT}'
