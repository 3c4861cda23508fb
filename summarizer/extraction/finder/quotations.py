"""Quotation marks: the quotations of a document, in double or single marks, paired across
line breaks and paragraphs; stray marks and apostrophes left out."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.extraction.finder.tokens import is_headline

_MAX_QUOTE_LINES = 4  # a quotation left open across more line breaks than this was a stray mark
_MAX_QUOTE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation: marks at [open_start, inner_start) and [inner_end, close_end)."""

    open_start: int
    inner_start: int
    inner_end: int
    close_end: int

    def contains(self, offset: int) -> bool:
        return self.open_start <= offset < self.close_end


class QuotedText:
    """The quotations of a document, sorted and non-overlapping, with a fast membership test."""

    def __init__(self, quotations: Sequence[Quotation]) -> None:
        self.quotations = sorted(quotations, key=lambda q: q.open_start)
        self._starts = [q.open_start for q in self.quotations]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and self.quotations[index].contains(offset)


_DOUBLE_MARK = re.compile(r"``|''|[\"“”„]")
_OPENING = frozenset({"“", "``", "„"})
_CLOSING = frozenset({"”", "''"})
_SINGLE_OPENERS = frozenset("‘'")
_SINGLE_CLOSERS = frozenset("’'")


def find_quotations(text: str) -> QuotedText:
    """Every top-level quotation: in double marks, and in single ones outside those."""
    doubles = _double_quotations(text)
    quoted = QuotedText(doubles)
    singles = [q for q in _single_quotations(text) if q.open_start not in quoted]
    return QuotedText([*doubles, *singles])


def _single_quotations(text: str) -> list[Quotation]:
    """Quotations in single marks ('...' or ‘...’), as some outlets write every quote.

    Apostrophes look the same, so a mark opens only at the start of a word and closes only at
    the end of one ("didn't" neither opens nor closes); a closing candidate that reads as a
    plural possessive ("the victims' families") is passed over when a later one closes the line.
    """
    found: list[Quotation] = []
    position = 0
    for line in text.splitlines(keepends=True):
        line_start, position = position, position + len(line)
        closers = [
            line_start + k
            for k, ch in enumerate(line)
            if ch in _SINGLE_CLOSERS and _closes(text, line_start + k)
        ]
        after = line_start
        for k, ch in enumerate(line):
            opener = line_start + k
            if opener < after or ch not in _SINGLE_OPENERS or not _opens(text, opener, line_start):
                continue
            candidates = [c for c in closers if c > opener + 1]
            plain = [c for c in candidates if not _reads_possessive(text, c)]
            closer = plain[0] if plain else candidates[0] if candidates else None
            if closer is None:
                continue
            inner = text[opener + 1 : closer]
            if sum(ch.isalpha() for ch in inner) >= 2:
                found.append(Quotation(opener, opener + 1, closer, closer + 1))
                after = closer + 1
    return found


def _opens(text: str, offset: int, line_start: int) -> bool:
    before = text[offset - 1] if offset > line_start else " "
    following = text[offset + 1 : offset + 2]
    return (before.isspace() or before in "([—–-") and following.isalpha()


def _closes(text: str, offset: int) -> bool:
    before = text[offset - 1] if offset > 0 else " "
    following = text[offset + 1 : offset + 2]
    return not before.isspace() and not following.isalnum()


def _reads_possessive(text: str, offset: int) -> bool:
    """ "victims' families": an s, the mark, a space and a lower-case word."""
    return text[offset - 1 : offset] == "s" and re.match(r" [a-z]", text[offset + 1 : offset + 3]) is not None


def _double_quotations(text: str) -> list[Quotation]:
    """Pair double quotation marks. Curly and `` '' marks say which side they are; a straight
    mark opens when none is open and closes otherwise.

    A quotation may run over line breaks. When a paragraph ends inside it and the next mark opens
    a new paragraph, the quotation ends with its paragraph (the convention for quotes of several
    paragraphs). One left open too long was a stray mark and is dropped.
    """
    found: list[Quotation] = []
    opened: re.Match[str] | None = None
    for mark in _DOUBLE_MARK.finditer(text):
        side = "open" if mark.group() in _OPENING else "close" if mark.group() in _CLOSING else "either"
        if side == "either" and not text[mark.end() : mark.end() + 1].strip():
            side = "close"  # a straight mark before a space or the end cannot open a quotation
        if opened is None:
            if side != "close":
                opened = mark
            continue
        between = text[opened.end() : mark.start()]
        breaks = between.count("\n")
        if breaks and (side == "open" or (side == "either" and _at_line_start(text, mark.start()))):
            paragraph_end = text.index("\n", opened.end())
            found.append(Quotation(opened.start(), opened.end(), paragraph_end, paragraph_end))
            opened = mark
        elif side == "open":
            opened = mark  # the earlier mark on this line never closed: it was stray
        elif breaks > _MAX_QUOTE_LINES or len(between) > _MAX_QUOTE_CHARS:
            opened = mark if side == "either" else None
        else:
            found.append(Quotation(opened.start(), opened.end(), mark.start(), mark.end()))
            opened = None
    return found


def _at_line_start(text: str, offset: int) -> bool:
    line_start = text.rfind("\n", 0, offset) + 1
    return not text[line_start:offset].strip()


def trim_quotation(text: str, quotation: Quotation) -> tuple[int, int]:
    """The quoted words: surrounding spaces and a trailing comma ("...tomorrow," he said) left out."""
    start, end = quotation.inner_start, quotation.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def looks_like_heading(text: str, quotation: Quotation, inner: str) -> bool:
    """A quotation alone on its line, in title case or without a full stop: a section heading."""
    line_start = text.rfind("\n", 0, quotation.open_start) + 1
    line_end = text.find("\n", quotation.close_end)
    line_end = len(text) if line_end < 0 else line_end
    outside = text[line_start : quotation.open_start] + text[quotation.close_end : line_end]
    if outside.strip(" \t.:;,!?-–—"):
        return False
    ends_like_speech = inner.rstrip("’'\" ").endswith((".", "?", "!", "…"))
    return is_headline(inner) or not ends_like_speech
