"""Quotation marks: pairing, apostrophes, paragraphs, stray marks and headings."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder.quotations import find_quotations, looks_like_heading, trim_quotation


def quoted(text: str) -> list[tuple[str, bool]]:
    """(quoted words, looks like a heading) of every quotation in `text`."""
    found = []
    for quotation in find_quotations(text).quotations:
        start, end = trim_quotation(text, quotation)
        found.append((text[start:end], looks_like_heading(text, quotation, text[start:end])))
    return found


@pytest.mark.parametrize(
    ("text", "quotations"),
    [
        # curly marks, a trailing comma left out
        ("He said, “It was over quickly,” and left.", [("It was over quickly", False)]),
        ("He said ``it was over'' then.", [("it was over", False)]),
        ('He said "it was over" and "we are safe."', [("it was over", False), ("we are safe.", False)]),
        # single marks: apostrophes and a plural possessive neither open nor close a quotation
        ("She said 'it was over' and the victims' families didn't agree.", [("it was over", False)]),
        ("The word 'fine' and Andres' daughter.", [("fine", False)]),
        ("They didn't know it's over.", []),
        # a paragraph ending inside a quotation ends it when the next paragraph opens a new one
        (
            '"First paragraph.\n"Second paragraph," she said.',
            [("First paragraph.", False), ("Second paragraph", False)],
        ),
        # a mark left open across many lines was stray
        ('A "stray mark here.\nNext line.\nMore.\nMore.\nMore.\nMore. End', []),
        # a quotation alone on its line without a full stop is a heading
        ("“Rebuild Together”\nThe council met.", [("Rebuild Together", True)]),
        ("“We will rebuild.”\nThe council met.", [("We will rebuild.", False)]),
    ],
)
def test_quotations(text: str, quotations: list[tuple[str, bool]]) -> None:
    assert quoted(text) == quotations


def test_membership() -> None:
    text = 'Before "inside" after.'
    found = find_quotations(text)
    assert [
        offset in found for offset in (0, text.index('"'), text.index("inside"), text.index("after"))
    ] == [
        False,
        True,
        True,
        False,
    ]
