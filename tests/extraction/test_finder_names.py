"""Names: titles, appositions and the words a person's name is written with."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder.names import all_name_tokens, apposition, last_title, name_text
from summarizer.extraction.finder.tokens import Text
from summarizer.schemas import Document
from summarizer.text.segment import segment


def view(text: str) -> Text:
    return Text(Document(id="doc", text=text, source="-", sentences=segment(text)))


@pytest.mark.parametrize(
    ("text", "name", "apposition_", "personal"),
    [
        ("Mark Lea, a nurse at the city hospital, helped.", "Mark Lea", "nurse at the city hospital", True),
        ("Terry Andres, 62, died.", "Terry Andres", None, True),  # an age: a person, no role
        ("Mark Lea, who lives here, helped.", "Mark Lea", None, False),
        ("Sara Vint’s car was hit.", "Sara Vint", None, False),  # the possessive ending dropped
    ],
)
def test_name_and_apposition(text: str, name: str, apposition_: str | None, personal: bool) -> None:
    found = view(text)
    last = 2  # every name above is two words long
    assert all_name_tokens(found, 0, last)
    assert name_text(found, 0, last) == name
    assert apposition(found, last) == (apposition_, personal)


@pytest.mark.parametrize(
    ("text", "title", "names"),
    [
        ("Kyiv Mayor Vitali Klim spoke.", "Mayor", [False, True]),
        ("Gov. Ann Lee spoke.", "Gov.", [False, True]),
        ("Police Chief Ray Dunne spoke.", "Chief", [False, True]),
    ],
)
def test_titles_are_not_names(text: str, title: str, names: list[bool]) -> None:
    found = view(text)
    index = last_title(found, 0, 4)
    assert index is not None and found.tokens[index].text == title
    assert [all_name_tokens(found, 0, index + 1), all_name_tokens(found, index + 1, index + 3)] == names
