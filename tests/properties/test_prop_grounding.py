"""Properties of grounding: spans lie inside their document; an exact span is its fragment."""

from __future__ import annotations

from generated import article_text
from hypothesis import given
from hypothesis import strategies as st

from summarizer.schemas import SpanStatus
from summarizer.text.ground import locate
from summarizer.text.segment import segment


@st.composite
def text_and_fragment(draw: st.DrawFn) -> tuple[str, str, tuple[int, int] | None]:
    text = draw(st.one_of(article_text(), article_text(hostile=True), st.text()))
    kind = draw(st.sampled_from(["substring", "mutated", "random"]))
    if kind == "random" or not text:
        fragment = draw(st.one_of(article_text(max_pieces=6), st.text(max_size=20)))
    else:
        start = draw(st.integers(0, len(text) - 1))
        fragment = text[start : draw(st.integers(start + 1, len(text)))]
        if kind == "mutated":
            fragment = draw(
                st.sampled_from(
                    [
                        fragment.upper(),
                        fragment.replace("\u201c", '"').replace("\u201d", '"'),
                        fragment.replace("\n", " "),
                        " ".join(fragment.split()),
                        fragment[1:] + "x",
                        fragment.replace("-", "\u2013"),
                    ]
                )
            )
    within = None
    if text and draw(st.booleans()):
        a = draw(st.integers(-5, len(text) + 5))
        within = (a, draw(st.integers(a - 5, len(text) + 10)))
    return text, fragment, within


@given(text_and_fragment())
def test_every_span_lies_inside_its_document(case: tuple[str, str, tuple[int, int] | None]) -> None:
    text, fragment, within = case
    span = locate(fragment, text, within=within)
    assert span.text == fragment
    if span.status is SpanStatus.UNGROUNDED:
        assert (span.start, span.end) == (None, None)
        return
    assert span.start is not None and span.end is not None
    assert 0 <= span.start <= span.end <= len(text)
    if span.status is SpanStatus.EXACT:
        assert text[span.start : span.end] == fragment.strip()


@given(st.one_of(article_text(), article_text(hostile=True), st.text()))
def test_sentences_are_ordered_spans_of_the_text(text: str) -> None:
    sentences = segment(text)
    previous_end = 0
    for n, sentence in enumerate(sentences):
        assert sentence.index == n
        assert previous_end <= sentence.start < sentence.end <= len(text)
        previous_end = sentence.end
