"""Split a document into numbered sentences with character offsets (no LLM).

Line breaks come first: news text scraped from the web puts headlines, bylines, captions and
one-line paragraphs on lines of their own, and each of those is a sentence. Inside a line,
pysbd (a port of the well-tested Pragmatic Segmenter rules) finds the sentence boundaries;
its output strings are mapped back onto the original text here, so every offset is exact.

Guarantees, for any input: sentences are in text order with indices 0..n-1,
`text[start:end]` has no leading or trailing whitespace, and every non-whitespace character
of the text lies in exactly one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pysbd

from summarizer.schemas import Sentence
from summarizer.text.dates import MONTH_ABBREVIATIONS

# pysbd's rules run in time that grows faster than linearly with the length of the string it
# is given (80 kB of run-on text takes seconds, 320 kB close to a minute). Lines longer than
# this are first cut at unambiguous boundaries of the simple splitter below, and pysbd then
# works on pieces of about this size; a piece the simple splitter cannot cut is kept whole.
MAX_PYSBD_CHARS = 5_000

_SEGMENTER = pysbd.Segmenter(language="en", clean=False)

# Line separators as str.splitlines knows them, "\r\n" first so it counts as one break.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_NON_SPACE = re.compile(r"\S")
# A line that ends in a lowercase word, a comma or a hyphen is cut mid-sentence.
_WRAPPED_LINE_END = re.compile(r"(?:(?<![\w'’])[a-z][\w'’-]*|[,-])$")

# Boundaries for the simple splitter: terminal punctuation, any closing quotes or brackets,
# whitespace, then something that can start a sentence.
_SIMPLE_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.$")
# Words that end with a period but do not end a sentence: titles before a name, months before
# a day, and reference words before a number. Single letters are initials ("John F. Kennedy").
# fmt: off
_TITLES = frozenset({
    "adm", "atty", "brig", "capt", "cmdr", "col", "cpl", "dep", "det", "dr", "gen", "gov", "hon",
    "insp", "lt", "maj", "mr", "mrs", "ms", "messrs", "pres", "prof", "rep", "reps", "rev", "sen",
    "sens", "sgt", "supt",
})
_NAME_PARTS = frozenset({"jr", "sr", "st", "mt"})
_BEFORE_NUMBER = frozenset({"no", "nos", "art", "p", "pp", "vol", "fig"})
# fmt: on
# "May." ends a sentence far more often than it abbreviates the month.
_MONTHS = MONTH_ABBREVIATIONS - {"may"}

# After mapping pysbd's output, a piece continues the previous sentence when it starts with a
# lowercase letter or with punctuation that cannot open a sentence, or when the previous piece
# ends in a comma, a title ("HCSO Dep." before a name) or a lone lowercase letter (tokenized
# "a. m."), or in "a.m."/"p.m." before a weekday or time zone ("5 a.m. Saturday.").
_CONTINUATION_START = re.compile(r"""["'“‘(\[]?[a-z]|[,;:%)\]]""")
_NOT_SENTENCE_END = re.compile(
    r"""[,;]["'”’`\s]*$|(?:^|\s)(?:[a-z]|(?i:""" + "|".join(sorted(_TITLES)) + r"))\.$"
)
_TIME_OF_DAY_END = re.compile(r"\b[ap]\.\s?m\.$", re.IGNORECASE)
_DAY_OR_ZONE_START = re.compile(
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|tonight|tomorrow|yesterday"
    r"|[A-Z]{1,2}[SD]?T|UTC|GMT)\b"
)
_CLOSING_QUOTES = re.compile(r"""["'”’`]+(?=\s|$)""")


def segment(text: str) -> list[Sentence]:
    """The sentences of `text`, as offsets into it, numbered from 0."""
    if not text:  # nothing to cut (a document known only by its metadata)
        return []
    sentences: list[Sentence] = []
    for line_start, line_end in _lines(text):
        for start, end in _line_sentences(text, line_start, line_end):
            sentences.append(Sentence(index=len(sentences), start=start, end=end))
    return sentences


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """`segment` as plain (start, end) pairs, for callers that do not need the model objects."""
    return [(s.start, s.end) for s in segment(text)]


# --------------------------------------------------------------------------- lines


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines as (start, end), stripped; hard-wrapped prose lines are joined.

    A line that does not end in punctuation, followed directly (no blank line) by a line that
    starts with a lowercase letter, is one sentence wrapped at a fixed width, not a headline.
    """
    pending: tuple[int, int] | None = None
    for start, end in _raw_lines(text):
        stripped = _strip(text, start, end)
        if stripped is None:
            if pending is not None:
                yield pending
                pending = None
            continue
        if pending is not None:
            if _continues(text, pending, stripped):
                pending = (pending[0], stripped[1])
                continue
            yield pending
        pending = stripped
    if pending is not None:
        yield pending


def _raw_lines(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    for match in _LINE_BREAK.finditer(text):
        yield position, match.start()
        position = match.end()
    yield position, len(text)


def _continues(text: str, previous: tuple[int, int], line: tuple[int, int]) -> bool:
    between = text[previous[1] : line[0]]
    if _LINE_BREAK.search(between) is None or len(_LINE_BREAK.findall(between)) > 1:
        return False
    if _WRAPPED_LINE_END.search(text, previous[0], previous[1]) is None:
        return False
    return text[line[0]].islower()


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) narrowed to exclude surrounding whitespace; None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# --------------------------------------------------------------------------- inside a line


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= MAX_PYSBD_CHARS:
        return _pysbd_sentences(text, start, end)
    spans: list[tuple[int, int]] = []
    for piece_start, piece_end in _pieces(text, start, end):
        if piece_end - piece_start <= MAX_PYSBD_CHARS:
            spans.extend(_pysbd_sentences(text, piece_start, piece_end))
        else:
            spans.append((piece_start, piece_end))
    return spans


def _pysbd_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of text[start:end] (already stripped) as found by pysbd.

    pysbd's own char_span option re-searches the whole text for every sentence and silently
    loses sentences it cannot find, so its strings are mapped here instead: each sentence is
    looked up from where the previous one ended, and only its start is kept as a boundary.
    The spans between consecutive boundaries therefore cover the line whatever pysbd returns;
    a sentence it altered beyond recognition just stays joined to the one before.
    """
    chunk = text[start:end]
    if not _may_have_boundary(chunk):
        return [(start, end)]
    boundaries = [0]
    cursor = 0
    for sentence in _SEGMENTER.processor(chunk).process():
        piece = sentence.strip()
        if not piece:
            continue
        found = chunk.find(piece, cursor)
        if found < 0:
            continue
        found = _after_closing_quotes(chunk, found)
        if found > boundaries[-1]:
            boundaries.append(found)
        cursor = max(cursor, found)
    spans: list[tuple[int, int]] = []
    for first, after in zip(boundaries, [*boundaries[1:], len(chunk)], strict=True):
        span = _strip(text, start + first, start + after)
        if span is None:
            continue
        if spans and _is_continuation(text, spans[-1], span):
            spans[-1] = (spans[-1][0], span[1])
        else:
            spans.append(span)
    return spans


def _may_have_boundary(chunk: str) -> bool:
    """False when no sentence can end before the end of the chunk (most headlines)."""
    body = chunk.rstrip(".!?…\"'”’)] ")
    return any(mark in body for mark in ".!?…")


def _after_closing_quotes(chunk: str, position: int) -> int:
    """Skip quote marks that close the previous sentence but that pysbd gave to the next one.

    pysbd does this with mixed or doubled marks (`lives."` after a curly opening quote,
    `hiding.'' The`). A quote mark followed by whitespace or the end cannot open a quotation.
    """
    match = _CLOSING_QUOTES.match(chunk, position)
    return match.end() if match is not None else position


def _is_continuation(text: str, previous: tuple[int, int], span: tuple[int, int]) -> bool:
    if _CONTINUATION_START.match(text, span[0]) is not None:
        return True
    if _TIME_OF_DAY_END.search(text, previous[0], previous[1]) is not None:
        return _DAY_OR_ZONE_START.match(text, span[0]) is not None
    return _NOT_SENTENCE_END.search(text, previous[0], previous[1]) is not None


# --------------------------------------------------------------------------- long lines


def _pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """text[start:end] cut at simple-splitter boundaries into pieces of about MAX_PYSBD_CHARS.

    Pieces never split a sentence the simple splitter keeps whole; they may be longer than
    the limit when no boundary falls inside it.
    """
    piece_start = start
    last_cut: int | None = None
    for cut in _simple_boundaries(text, start, end):
        if cut - piece_start > MAX_PYSBD_CHARS and last_cut is not None:
            yield piece_start, last_cut
            piece_start = _next_non_space(text, last_cut, end)
        last_cut = cut
    if last_cut is not None and end - piece_start > MAX_PYSBD_CHARS and last_cut > piece_start:
        yield piece_start, last_cut
        piece_start = _next_non_space(text, last_cut, end)
    yield piece_start, end


def _simple_boundaries(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets right after a sentence's last character, by punctuation and a few word lists."""
    for match in _SIMPLE_BOUNDARY.finditer(text, start, end):
        if match.end() >= end:
            break
        if text[match.start()] == "." and _is_abbreviation(text, match.start(), match.end(), end):
            continue
        yield match.end()


def _is_abbreviation(text: str, period: int, boundary: int, end: int) -> bool:
    word_match = _WORD_BEFORE.search(text, max(0, period - 20), period + 1)
    if word_match is None:
        return False
    word = word_match.group(1)
    lowered = word.lower()
    if len(word) == 1 or lowered in _TITLES or lowered in _NAME_PARTS:
        return True
    next_char_match = _NON_SPACE.search(text, boundary, end)
    next_is_digit = next_char_match is not None and next_char_match.group().isdigit()
    return next_is_digit and (lowered in _MONTHS or lowered in _BEFORE_NUMBER)


def _next_non_space(text: str, position: int, end: int) -> int:
    match = _NON_SPACE.search(text, position, end)
    return match.start() if match is not None else end
