"""Markdown text: article text and identifiers made inert, tables, references, and sentences
with their figures in bold. Remembered where a large report repeats the same texts.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.render.report_index import humanize
from summarizer.schemas import Document, Span, SpanStatus

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_WHITESPACE = re.compile(r"\s+")


_MD_ESCAPES = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]<>|#~"})  # what _MD_SPECIAL matches


def md_text_once(text: str) -> str:
    """Article text made inert in Markdown: one line, markup characters backslash-escaped.
    (`str.split` splits on exactly the whitespace `\\s` matches; `translate` is `_MD_SPECIAL`.)
    For a text written once (a finding's why), which would only push others out of `md_text`'s memory."""
    return " ".join(text.split()).translate(_MD_ESCAPES)


# `md_text_once`, remembered: a large report repeats the same metrics, places, sources, outlets.
md_text = lru_cache(maxsize=1 << 16)(md_text_once)


def md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; cells must already be escaped with `md_text` (which escapes `|` and newlines)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


@lru_cache(maxsize=1 << 12)
def md_code(text: str) -> str:
    """An identifier as inline code; backticks cannot occur inside it. Remembered: a report
    names the same few kinds and documents over and over."""
    return "`" + _WHITESPACE.sub(" ", text).replace("`", "'") + "`"


def md_ref(document: str, sentence: int) -> str:
    return f"[{md_text(document)}:{sentence}]"


@lru_cache(maxsize=1 << 10)
def md_metric(metric: str) -> str:
    """A metric's name as Markdown text; remembered, a report repeats a few metrics."""
    return md_text(humanize(metric))


def md_sentence_with_bold(doc: Document, sentence_index: int, spans: list[Span]) -> str:
    """The sentence as Markdown with each grounded span inside it in **bold**."""
    sentence = doc.sentences[sentence_index]
    if len(spans) == 1:  # the usual case, without the sort: the same cuts as below
        return _one_bold(doc.text, sentence.start, sentence.end, spans[0])
    cuts = sorted(
        (max(s.start, sentence.start), min(s.end, sentence.end))
        for s in spans
        if s.grounded and s.start is not None and s.end is not None
    )
    parts: list[str] = []
    cursor = sentence.start
    for start, end in cuts:
        if start < cursor or start >= end:  # overlaps an earlier bold span, or outside the sentence
            continue
        parts.append(md_text_raw(doc.text[cursor:start]))
        parts.append(f"**{md_text_raw(doc.text[start:end]).strip()}**")
        cursor = end
    parts.append(md_text_raw(doc.text[cursor : sentence.end]))
    return "".join(parts).strip()


def _one_bold(text: str, first: int, last: int, span: Span) -> str:
    """`md_sentence_with_bold` of the sentence text[first:last] with one span."""
    if span.status != SpanStatus.UNGROUNDED and span.start is not None and span.end is not None:
        start, end = max(span.start, first), min(span.end, last)
        if start < end:
            return (
                md_text_raw(text[first:start])
                + f"**{md_text_raw(text[start:end]).strip()}**"
                + md_text_raw(text[end:last])
            ).strip()
    return md_text_raw(text[first:last]).strip()


@lru_cache(maxsize=1 << 16)
def md_text_raw(text: str) -> str:
    """Like `md_text` but keeps leading/trailing spaces, for pieces joined inside one line.
    Remembered: the words around a figure repeat from sentence to sentence."""
    return _MD_SPECIAL.sub(r"\\\1", _WHITESPACE.sub(" ", text))
