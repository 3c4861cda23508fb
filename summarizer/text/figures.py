"""The one figure formatter: numbers, intervals and quantities as people read them.

Two styles over the same numbers, both used by reconcile's `why` texts, the summary and every
renderer:

- symbols, for tables and cards: "12,000", "11–19", "≥9", ">800,000", "≤40 (nearly 40)", "~80";
- words, for sentences: "12,000", "11 to 19", "at least 9", "more than 800,000", "nearly 40".

An open bound is shown as it was stated: "more than 800,000" is stored as the interval
800,001..None (counts step past a strict bound, see `quantities`), and shown as ">800,000" or
"more than 800,000", never "≥800,001". The stored interval is unchanged.

It lives in `text` because reconcile (which may not import `render`) writes figures into its
findings, and the renderers and the summary must write them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from summarizer.schemas import Number, Quantity
from summarizer.text.quantity_words import HEDGES, Hedge

PERCENT_UNITS = frozenset({"percent", "%", "pct", "per cent"})

_HEDGE_KINDS = {" ".join(words): kind for words, kind, _ in HEDGES}


def format_figure(value: float) -> str:
    """12000 -> "12,000"; 3.0 -> "3"; 2.5 -> "2.5"; 6.125 -> "6.12" (two decimals at most)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{round(value, 2):,}"


def format_number(value: float, unit: str | None = None) -> str:
    """A figure with its unit: "80%", "30 km", "12,000"."""
    text = format_figure(value)
    if unit is None:
        return text
    return f"{text}%" if unit.lower() in PERCENT_UNITS else f"{text} {unit}"


# --------------------------------------------------------------------------- open bounds


def _hedge_kind(quantity: Quantity) -> Hedge | None:
    if not quantity.hedge:
        return None
    return _HEDGE_KINDS.get(" ".join(quantity.hedge.lower().replace(".", " .").split()))


def _step(quantity: Quantity, bound: Number) -> int:
    """What the parser added past a strict bound: 1 for a count, 0 for a measure or decimal."""
    return 1 if quantity.unit is None and isinstance(bound, int) else 0


def strict_low(quantity: Quantity) -> Number | None:
    """The figure of a strict lower bound as stated: "more than 800,000" (800,001..) -> 800,000."""
    if quantity.low is None or quantity.high is not None or _hedge_kind(quantity) is not Hedge.MORE_THAN:
        return None
    return quantity.low - _step(quantity, quantity.low)


def strict_high(quantity: Quantity) -> Number | None:
    """The figure of a strict upper bound as stated: "fewer than 10" (..9) -> 10."""
    if quantity.high is None or quantity.low is not None or _hedge_kind(quantity) is not Hedge.FEWER_THAN:
        return None
    return quantity.high + _step(quantity, quantity.high)


def _stated_low(low: Number, quantities: Iterable[Quantity]) -> Number | None:
    return next((s for q in quantities if q.low == low and (s := strict_low(q)) is not None), None)


def _stated_high(high: Number, quantities: Iterable[Quantity]) -> Number | None:
    return next((s for q in quantities if q.high == high and (s := strict_high(q)) is not None), None)


# --------------------------------------------------------------------------- symbols


def format_interval(
    low: Number | None, high: Number | None, unit: str | None = None, quantities: Iterable[Quantity] = ()
) -> str:
    """An inclusive interval: 11..19 -> "11–19", 21..None -> "≥21", None..40 -> "≤40".

    `quantities` are the claims' quantities behind the interval: an open bound that one of them
    states strictly is shown as stated (">800,000", "<10")."""
    quantities = list(quantities)
    if low is None and high is None:
        return "unspecified"
    if low is None:
        assert high is not None
        stated = _stated_high(high, quantities)
        return f"<{format_number(stated, unit)}" if stated is not None else f"≤{format_number(high, unit)}"
    if high is None:
        stated = _stated_low(low, quantities)
        return f">{format_number(stated, unit)}" if stated is not None else f"≥{format_number(low, unit)}"
    if low == high:
        return format_number(low, unit)
    return f"{format_figure(low)}–{format_number(high, unit)}"


def format_quantity(quantity: Quantity) -> str:
    """The interval plus what the source's wording adds: "≤40 (nearly 40)", "~80", "≥12 (dozens)",
    ">800,000"."""
    unit = quantity.unit
    unbounded = quantity.low is None and quantity.high is None
    exact = quantity.low is not None and quantity.low == quantity.high
    if unbounded and quantity.nominal is not None:
        figure = format_number(quantity.nominal, unit)
        text = f"~{figure}" if quantity.approximate else figure
    elif exact and quantity.approximate:
        text = f"~{format_interval(quantity.low, quantity.high, unit)}"
    else:
        text = format_interval(quantity.low, quantity.high, unit, [quantity])
        if quantity.approximate:
            hedge = quantity.hedge or "about"
            if quantity.nominal is not None:
                text += f" ({hedge} {format_number(quantity.nominal, unit)})"
            else:
                text += f" ({hedge})"
    if quantity.vague:
        text += f" ({quantity.vague})"
    return text


# --------------------------------------------------------------------------- words


def describe_interval(low: float | None, high: float | None) -> str:
    """'19', '11 to 19', 'at least 21', 'at most 40'; infinite bounds count as open."""
    low = None if low is None or low == float("-inf") else low
    high = None if high is None or high == float("inf") else high
    if low is not None and low == high:
        return format_figure(low)
    if low is not None and high is not None:
        return f"{format_figure(low)} to {format_figure(high)}"
    if low is not None:
        return f"at least {format_figure(low)}"
    return f"at most {format_figure(high)}" if high is not None else "an unstated figure"


def describe_quantity(q: Quantity) -> str:
    """'19', '11 to 19', 'at least 20', 'more than 800,000', 'up to 40', 'nearly 40',
    'about 80', 'dozens (at least 12)', '80 percent'."""
    if q.low is not None and q.low == q.high:
        text = format_figure(q.low)
    elif q.low is not None and q.high is not None:
        text = f"{format_figure(q.low)} to {format_figure(q.high)}"
    elif q.low is not None:
        stated = strict_low(q)
        text = (
            f"more than {format_figure(stated)}" if stated is not None else f"at least {format_figure(q.low)}"
        )
    elif q.high is not None:
        stated = strict_high(q)
        if stated is not None:
            text = f"{'less' if q.unit else 'fewer'} than {format_figure(stated)}"
        else:
            text = f"{'nearly' if q.approximate else 'at most'} {format_figure(q.high)}"
    elif q.nominal is not None:
        text = f"about {format_figure(q.nominal)}"
    else:
        text = "an unstated number"
    if q.vague:
        text = f"{q.vague} ({text})"
    return f"{text} {q.unit}" if q.unit else text


# --------------------------------------------------------------------------- figures as stated


def _open_bound(value: Number, quantities: Iterable[Quantity]) -> tuple[str, Number] | None:
    """How the sources state `value` when none of them gives it as a figure but one gives it as an
    open bound: (">", 20), ("≥", 9), ("<", 10) or ("≤", 40); None when one states it as a figure
    (exact or nominal) or none bounds at it."""
    quantities = list(quantities)
    if any(q.nominal == value or (q.low is not None and q.low == q.high == value) for q in quantities):
        return None
    for q in quantities:
        if q.high is None and q.low == value:
            stated = strict_low(q)
            return (">", stated) if stated is not None else ("≥", value)
    for q in quantities:
        if q.low is None and q.high == value:
            stated = strict_high(q)
            return ("<", stated) if stated is not None else ("≤", value)
    return None


_BOUND_WORDS = {">": "more than", "≥": "at least", "<": "fewer than", "≤": "at most"}


def format_stated(value: Number | None, quantities: Iterable[Quantity] = (), unit: str | None = None) -> str:
    """One figure of an estimate as its sources state it, in symbols: "3"; ">20" when the sources
    say only "more than 20"; "≥9" for "at least nine"; "—" for no figure."""
    if value is None:
        return "—"
    bound = _open_bound(value, quantities)
    return format_number(value, unit) if bound is None else f"{bound[0]}{format_number(bound[1], unit)}"


def describe_stated(value: Number | None, quantities: Iterable[Quantity] = ()) -> str:
    """The same in words: "3", "more than 20", "at least 9", "an unstated number"."""
    if value is None:
        return "an unstated number"
    bound = _open_bound(value, quantities)
    return format_figure(value) if bound is None else f"{_BOUND_WORDS[bound[0]]} {format_figure(bound[1])}"


READINGS = {
    "everyone": "everyone, suspects included",
    "victims": "victims only",
    "suspects": "suspects only",
}
"""Who a headline figure counts (`HeadlineFigure.reading`), in words."""
