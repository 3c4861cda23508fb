"""Properties of quantity parsing over generated and random text."""

from __future__ import annotations

from generated import article_text
from hypothesis import given
from hypothesis import strategies as st

from summarizer.text.quantities import find_quantities, parse_quantity


@given(st.one_of(article_text(), article_text(hostile=True), st.text()))
def test_any_text_parses_to_ordered_intervals_whose_phrase_is_in_the_text(text: str) -> None:
    matches = find_quantities(text)
    previous_end = 0
    for match in matches:
        q = match.quantity
        assert previous_end <= match.start < match.end <= len(text)
        assert q.phrase == text[match.start : match.end]
        if q.low is not None and q.high is not None:
            assert q.low <= q.high, q
        if q.nominal is not None:
            assert q.low is None or q.low <= q.nominal, q
            assert q.high is None or q.nominal <= q.high, q
        previous_end = match.end
    first = parse_quantity(text)
    assert first == (matches[0].quantity if matches else None)


@given(
    st.sampled_from(["nearly", "almost", "close to"]),
    st.integers(1, 10**6),
    st.sampled_from(["", " people", " were killed", "."]),
)
def test_nearly_n_is_open_below_and_closed_at_n(hedge: str, figure: int, tail: str) -> None:
    quantity = parse_quantity(f"{hedge} {figure:,}{tail}")
    assert quantity is not None
    assert (quantity.low, quantity.high, quantity.nominal, quantity.approximate) == (
        None,
        figure,
        figure,
        True,
    )
