"""Properties of rendering: any article text gives well-formed, inert HTML and Markdown whose
tables keep their columns."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from generated import article_text
from hypothesis import given
from hypothesis import strategies as st

from summarizer.render.html import render_html
from summarizer.render.markdown import render_markdown
from summarizer.schemas import (
    Citation,
    Claim,
    Conflict,
    ConflictKind,
    ConflictSide,
    Document,
    Estimate,
    Event,
    LinkedEvent,
    Quantity,
    Quote,
    Report,
    RunInfo,
    Sentence,
    Span,
    SpanStatus,
    Summary,
    SummarySentence,
)
from summarizer.text.segment import segment

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data"}


def report_with(text: str, word: str, sentences: list[Sentence] | None = None) -> Report:
    """A report whose article is `text` and whose names, places and summary carry `word`."""
    sentences = segment(text) if sentences is None else sentences
    doc = Document(
        id="a", text=text, source="a.txt", outlet=word or None, title=word or None, sentences=sentences
    )
    other = Document(id="b", text="Two were killed.", source="b.txt", sentences=segment("Two were killed."))
    start, end = (sentences[0].start, sentences[0].end) if sentences else (0, 0)
    span = Span(text=text[start:end], start=start, end=end, status=SpanStatus.EXACT)
    quantity = Quantity(phrase=word or "3", low=3, high=3, nominal=3, unit=word or None)
    claims = [
        Claim(
            id="a:c1",
            document="a",
            sentence=0,
            metric="killed",
            place=word,
            quantity=quantity,
            event="a:e1",
            attributed_to=word,
            span=span,
        ),
        Claim(
            id="b:c1",
            document="b",
            sentence=0,
            metric="killed",
            quantity=quantity.model_copy(update={"low": 2, "high": 2}),
            span=Span(text="Two", start=0, end=3, status=SpanStatus.EXACT),
        ),
        Claim(
            id="a:c2",
            document="a",
            sentence=0,
            metric=word or "x",
            quantity=quantity,
            span=Span(text=word, status=SpanStatus.UNGROUNDED),
        ),
    ]
    return Report(
        run=RunInfo(tool_version="test", model=word or None),
        documents=[doc, other],
        events=[Event(id="a:e1", document="a", sentence=0, description=text[:200], places=[word], span=span)],
        claims=claims,
        quotes=[
            Quote(id="a:q1", document="a", sentence=0, speaker=word, role=word, text=span.text, span=span)
        ],
        linked_events=[
            LinkedEvent(
                id="E1",
                members=["a:e1"],
                documents=["a", "b"],
                places=[word],
                kind=word,
                description=text[:100],
            )
        ],
        conflicts=[
            Conflict(
                kind=ConflictKind.CROSS_DOCUMENT,
                event="E1",
                metric="killed",
                place=word,
                sides=[
                    ConflictSide(document="a", claims=["a:c1"], low=3, high=3),
                    ConflictSide(document="b", claims=["b:c1"], low=2, high=2),
                ],
                why=f"{word} {text[:50]}",
            )
        ],
        estimates=[
            Estimate(
                event="E1",
                metric="killed",
                place=word,
                low=2,
                best=3,
                high=3,
                conservative=2,
                sources=2,
                claims=["a:c1", "b:c1"],
            )
        ],
        summary=Summary(
            sentences=[
                SummarySentence(text=f"{word} {text[:80]}", citations=[Citation(document="a", sentence=0)])
            ],
            generated_by="rules",
        ),
    )


class Structure(HTMLParser):
    """Start tags with their attribute names, checked for balance and external URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        for name, value in attrs:
            external = value and re.match(r"\s*([a-z][a-z0-9+.-]*:|//)", value, re.I)
            if name in URL_ATTRIBUTES and value and external and not value.startswith("data:"):
                self.problems.append(f"external URL {name}={value!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def structure(html: str) -> Structure:
    parser = Structure()
    parser.feed(html)
    parser.close()
    return parser


MARKUP = str.maketrans(dict.fromkeys("<>&\"'`|/=\\", "x"))


@given(
    article_text(hostile=True),
    st.sampled_from(["", "Springfield", "<b>x</b>", "a|b", "`x`", "\u202ex", "\x00"]),
)
def test_html_is_well_formed_and_inert_for_any_article(text: str, word: str) -> None:
    report = report_with(text, word)
    html = render_html(report)
    parsed = structure(html)
    assert parsed.problems == []
    assert parsed.stack == []
    # Every character is escaped: the same report with markup characters replaced by letters
    # (and the same sentences) has exactly the same tags and attributes.
    plain = structure(
        render_html(
            report_with(text.translate(MARKUP), word.translate(MARKUP), report.documents[0].sentences)
        )
    )
    assert parsed.tags == plain.tags


@given(st.sampled_from(["\x00", "\x08", "\x1b[31m", "\x7f"]))
def test_html_carries_no_raw_control_character(control: str) -> None:
    html = render_html(report_with(f"Two were killed{control}. Police said.", ""))
    assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", html)


def _cells(line: str) -> int:
    """Cells of a GFM table row: unescaped pipes between the outer ones."""
    count, escaped = 0, False
    for char in line.strip():
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            count += 1
    return count - 1


@given(
    article_text(hostile=True),
    st.sampled_from(["", "Springfield", "a|b", "`x|y`", "a\\|b", "x\ny", "\u202ex"]),
)
def test_markdown_tables_keep_their_columns_for_any_article(text: str, word: str) -> None:
    markdown = render_markdown(report_with(text, word))
    lines = markdown.split("\n")
    for n, line in enumerate(lines):
        if line.startswith("|") and (n == 0 or not lines[n - 1].startswith("|")):
            columns = _cells(line)
            table = [row for row in lines[n:] if row.startswith("|")]
            for row in lines[n : n + len(table)]:
                if not row.startswith("|"):
                    break
                assert _cells(row) == columns, (line, row)
