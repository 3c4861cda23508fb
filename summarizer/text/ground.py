"""Find where a fragment copied by a model sits in its document (no LLM).

Models copy text imperfectly: curly quotes come back straight, dashes become hyphens, line
breaks become spaces, and text that went through a broken encoding has "?" where a quote
mark was. `locate` tries, in order of trust:

  EXACT       the fragment as given (surrounding whitespace ignored);
  NORMALIZED  both sides compared in `normalize`d form, the offsets mapped back to the
              original text so that `text[start:end]` is the real matching substring;
  FUZZY       the best approximate match (rapidfuzz), snapped to word boundaries, kept only
              when its similarity reaches `min_score` and its numbers equal the fragment's;
  UNGROUNDED  nothing found: the span keeps its text and has no offsets. Never an exception.

A verbatim match anywhere beats an approximate one: the `within` window (the sentence the
model pointed at) is searched first for EXACT and NORMALIZED, then the whole text, and only
then FUZZY, again window first.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from summarizer.schemas import Document, Sentence, Span, SpanStatus
from summarizer.text.numbers import NUMBER_WORDS, SCALES

DEFAULT_MIN_SCORE = 85.0
# Fragments shorter than this (normalized) are too short for a fuzzy match to mean anything.
MIN_FUZZY_CHARS = 4

# Every quote mark and apostrophe, plus "?" (what broken encodings leave in their place),
# compares as one straight apostrophe; a run of them (`''` for a closing double quote) as one.
_QUOTE_CHARS = "\"'‘’‚‛“”„‟′″‵‶`´?"
_DASH_CHARS = "‐‑‒–—―−-"
_IGNORED_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters
_QUOTES = "'"
_DASH = "-"
# Only what changes: a lone space, a lone apostrophe and a lone hyphen already are normal.
_SPECIAL = re.compile(
    "|".join(
        [
            r"(?P<space>\s{2,}|[^\S ]\s*)",
            rf"(?P<quote>[{re.escape(_QUOTE_CHARS)}]{{2,}}|[{re.escape(_QUOTE_CHARS.replace(_QUOTES, ''))}])",
            rf"(?P<dash>[{re.escape(_DASH_CHARS)}]{{2,}}|[{re.escape(_DASH_CHARS.replace(_DASH, ''))}])",
            rf"(?P<ignored>[{_IGNORED_CHARS}]+)",
            r"(?P<ellipsis>…)",
            r"(?P<dotted_i>İ)",  # the one character whose lowercase is two characters long
        ]
    )
)
_REPLACEMENTS = {
    "space": " ",
    "quote": _QUOTES,
    "dash": _DASH,
    "ignored": "",
    "ellipsis": "...",
    "dotted_i": "i",
}
# Numbers, written in digits or in words: a fuzzy match may not change any of them.
_SINGLE_NUMBER_WORDS = [w for w in NUMBER_WORDS if w not in SCALES and w != "dozen"]
_PLURAL_NUMBER_WORDS = [f"{word}s?" for word in (*SCALES, "dozen")]
_ORDINAL_WORDS = ["single", "first", "second", "third", "half"]
_NUMBER_WORDS = "|".join([*_SINGLE_NUMBER_WORDS, *_PLURAL_NUMBER_WORDS, *_ORDINAL_WORDS])
_NUMBERS = re.compile(rf"\d+|\b(?:{_NUMBER_WORDS})\b")


def normalize(text: str) -> str:
    """The comparison form of `text`: quotes, dashes and whitespace unified, lowercased, stripped."""
    return _Normalized.of(text.strip()).text


def locate(
    fragment: str,
    text: str,
    *,
    within: tuple[int, int] | None = None,
    min_score: float = DEFAULT_MIN_SCORE,
) -> Span:
    """Where `fragment` occurs in `text`, preferring the `within` (start, end) window."""
    needle = fragment.strip()
    if not needle:
        return Span(text=fragment, status=SpanStatus.UNGROUNDED)
    windows = [(0, len(text))]
    if within is not None:
        start, end = max(0, within[0]), min(len(text), within[1])
        if start < end and (start, end) != windows[0]:
            windows.insert(0, (start, end))
    for start, end in windows:
        found = text.find(needle, start, end)
        if found >= 0:
            return Span(text=fragment, start=found, end=found + len(needle), status=SpanStatus.EXACT)
        span = _normalized_match(needle, text, start, end)
        if span is not None:
            return Span(text=fragment, start=span[0], end=span[1], status=SpanStatus.NORMALIZED)
    for start, end in windows:
        fuzzy = _fuzzy_match(needle, text, start, end, min_score)
        if fuzzy is not None:
            (found, after), score = fuzzy
            return Span(text=fragment, start=found, end=after, status=SpanStatus.FUZZY, score=score)
    return Span(text=fragment, status=SpanStatus.UNGROUNDED)


def locate_in_document(
    fragment: str,
    document: Document,
    sentence: int | None = None,
    *,
    reach: int = 0,
    min_score: float = DEFAULT_MIN_SCORE,
) -> Span:
    """`locate` in a document, preferring sentence `sentence` and the `reach` sentences after it.

    An out-of-range sentence number (a model's mistake) just means no preferred window.
    """
    within = None
    if sentence is not None and 0 <= sentence < len(document.sentences):
        last = document.sentences[min(len(document.sentences) - 1, sentence + max(0, reach))]
        within = (document.sentences[sentence].start, last.end)
    return locate(fragment, document.text, within=within, min_score=min_score)


def sentence_of(offset: int, sentences: Sequence[Sentence]) -> int | None:
    """Index of the sentence containing character `offset`; None between or outside sentences."""
    position = bisect.bisect_right([s.start for s in sentences], offset) - 1
    if position >= 0 and offset < sentences[position].end:
        return sentences[position].index
    return None


# --------------------------------------------------------------------------- normalized


@dataclass(frozen=True)
class _Normalized:
    """A normalized string and the way back to offsets in the string it came from.

    Offsets change only where `_SPECIAL` matched, so the map is stored sparsely: mark k says
    that normalized index `norm_marks[k]` comes from original index `orig_marks[k]`, and the
    characters after it, up to the next mark, correspond one to one.
    """

    text: str
    norm_marks: array[int]
    orig_marks: array[int]
    source_length: int

    @staticmethod
    def of(source: str) -> _Normalized:
        pieces: list[str] = []
        norm_marks = array("q", [0])
        orig_marks = array("q", [0])
        length = 0
        previous_end = 0
        for match in _SPECIAL.finditer(source):
            plain = source[previous_end : match.start()]
            pieces.append(plain.lower())
            length += len(plain)
            replacement = _REPLACEMENTS[match.lastgroup or ""]
            for offset in range(len(replacement)):
                # Each character of a replacement points at the start of what it replaces.
                norm_marks.append(length + offset)
                orig_marks.append(match.start())
            pieces.append(replacement)
            length += len(replacement)
            previous_end = match.end()
            norm_marks.append(length)
            orig_marks.append(previous_end)
        pieces.append(source[previous_end:].lower())
        return _Normalized("".join(pieces), norm_marks, orig_marks, len(source))

    def original(self, index: int) -> int:
        """Original offset of normalized index `index` (the end maps to the end)."""
        if index >= len(self.text):
            return self.source_length
        mark = bisect.bisect_right(self.norm_marks, index) - 1
        return self.orig_marks[mark] + (index - self.norm_marks[mark])


@functools.lru_cache(maxsize=8)
def _normalized_cached(text: str) -> _Normalized:
    # Whole documents are searched again for every fragment; windows are cheap to redo.
    return _Normalized.of(text)


def _normalized_window(text: str, start: int, end: int) -> _Normalized:
    if start == 0 and end == len(text):
        return _normalized_cached(text)
    return _Normalized.of(text[start:end])


def _to_original(text: str, start: int, normalized: _Normalized, first: int, after: int) -> tuple[int, int]:
    """Offsets in `text` of normalized[first:after], for a window that begins at `start`."""
    begin = start + normalized.original(first)
    end = start + normalized.original(after)
    # The mark after the match may sit past a collapsed space or an ignored character.
    while end > begin and (text[end - 1].isspace() or text[end - 1] in _IGNORED_CHARS):
        end -= 1
    return begin, end


def _normalized_match(needle: str, text: str, start: int, end: int) -> tuple[int, int] | None:
    wanted = normalize(needle)
    if not wanted:
        return None
    normalized = _normalized_window(text, start, end)
    found = normalized.text.find(wanted)
    if found < 0:
        return None
    return _to_original(text, start, normalized, found, found + len(wanted))


# --------------------------------------------------------------------------- fuzzy


def _fuzzy_match(
    needle: str, text: str, start: int, end: int, min_score: float
) -> tuple[tuple[int, int], float] | None:
    wanted = normalize(needle)
    if len(wanted) < MIN_FUZZY_CHARS:
        return None
    normalized = _normalized_window(text, start, end)
    haystack = normalized.text
    rough = fuzz.partial_ratio_alignment(wanted, haystack, score_cutoff=min_score)
    if rough is None:
        return None
    best = _best_boundaries(wanted, haystack, rough.dest_start, rough.dest_end, min_score)
    if best is None:
        return None
    (first, after), score = best
    return _to_original(text, start, normalized, first, after), score


def _best_boundaries(
    wanted: str, haystack: str, rough_start: int, rough_end: int, min_score: float
) -> tuple[tuple[int, int], float] | None:
    """The substring near haystack[rough_start:rough_end] most similar to `wanted`.

    partial_ratio aligns a window exactly as long as the fragment, which cuts words when the
    fragment has a missing or extra letter; starts and ends within a fifth of the fragment's
    length are tried at word edges. A candidate whose numbers (digits or number words) differ
    from the fragment's is never accepted: in a news summary the number is what is grounded.
    """
    slack = max(3, len(wanted) // 5)
    starts = _edges(haystack, rough_start, slack, at_start=True)
    ends = _edges(haystack, rough_end, slack, at_start=False)
    numbers = _NUMBERS.findall(wanted)
    best: tuple[float, int, int, int] | None = None  # (score, -length difference, -start, end)
    for first in starts:
        for after in ends:
            if after <= first:
                continue
            candidate = haystack[first:after]
            score = fuzz.ratio(wanted, candidate)
            if score < min_score or _NUMBERS.findall(candidate) != numbers:
                continue
            key = (score, -abs(len(candidate) - len(wanted)), -first, after)
            if best is None or key > best:
                best = key
    if best is None:
        return None
    score, _, negative_first, after = best
    return (-negative_first, after), score


def _edges(haystack: str, around: int, slack: int, *, at_start: bool) -> list[int]:
    """Positions near `around` where a word starts (or ends), plus `around` itself."""
    positions = {around}
    for position in range(max(0, around - slack), min(len(haystack), around + slack) + 1):
        if at_start and position < len(haystack) and _is_word_start(haystack, position):
            positions.add(position)
        if not at_start and position > 0 and _is_word_end(haystack, position):
            positions.add(position)
    return sorted(p for p in positions if 0 <= p <= len(haystack))


def _is_word_start(haystack: str, position: int) -> bool:
    char = haystack[position]
    if char.isspace():
        return False
    if position == 0:
        return True
    before = haystack[position - 1]
    return before.isspace() or (char.isalnum() and not before.isalnum())


def _is_word_end(haystack: str, position: int) -> bool:
    char = haystack[position - 1]
    if char.isspace():
        return False
    if position == len(haystack):
        return True
    after = haystack[position]
    return after.isspace() or (char.isalnum() and not after.isalnum())
