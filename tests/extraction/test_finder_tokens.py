"""Tokens, capitalized runs and headlines, on self-written sentences."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder.tokens import Text, is_headline
from summarizer.schemas import Document
from summarizer.text.segment import segment


def view(text: str) -> Text:
    return Text(Document(id="doc", text=text, source="-", sentences=segment(text)))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # an abbreviation keeps its period; an initialism is one token
        ("Gov. Ann Lee met U.S. officials.", ["Gov.", "Ann", "Lee", "met", "U.S.", "officials", "."]),
        # a possessive stays on its word, plural ones too
        (
            "The Andres’ daughter saw Ukraine’s capital.",
            ["The", "Andres’", "daughter", "saw", "Ukraine’s", "capital", "."],
        ),
        # numbers keep their separators
        ("About 6,000 homes, 3.5 miles away.", ["About", "6,000", "homes", ",", "3.5", "miles", "away", "."]),
        (
            "It happened on Jan. 5 in St. Louis.",
            ["It", "happened", "on", "Jan.", "5", "in", "St.", "Louis", "."],
        ),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    found = view(text).tokens
    assert [t.text for t in found] == tokens
    assert all(text[t.start : t.end] == t.text for t in found)


@pytest.mark.parametrize(
    ("word", "base", "bare", "possessive", "acronym"),
    [
        ("Ukraine’s", "Ukraine", "ukraine", True, False),
        ("victims’", "victims", "victims", True, False),
        ("Gov.", "Gov.", "gov", False, False),
        ("NATO", "NATO", "nato", False, True),
        ("Lee", "Lee", "lee", False, False),
    ],
)
def test_token_forms(word: str, base: str, bare: str, possessive: bool, acronym: bool) -> None:
    (token,) = [t for t in view(f"They met {word} there.").tokens if t.text == word]
    assert (token.base, token.bare, token.possessive, token.is_acronym) == (base, bare, possessive, acronym)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        # a sentence's first word is left out of a run when it is a stop word
        ("The Harbor Police closed the road.", ["Harbor Police"]),
        ("Gov. Ann Lee met U.S. officials in St. Louis.", ["Gov. Ann Lee", "U.S.", "St. Louis"]),
        # a particle inside a name joins the run; a comma or a sentence end breaks it
        (
            "Yesterday Jean de Villiers spoke. Mark Lea, a resident of Dover, left.",
            ["Jean de Villiers", "Mark Lea", "Dover"],
        ),
        ("In Kharkiv, the Red Cross helped.", ["Kharkiv", "Red Cross"]),
    ],
)
def test_capitalized_runs(text: str, runs: list[str]) -> None:
    found = view(text)
    assert [found.span_text(r.first, r.last) for r in found.runs] == runs


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("Storm Leaves Thousands Without Power", True),
        ("STORM LEAVES THOUSANDS IN DARK", True),
        ("Flood Warning", True),
        ("The storm left thousands without power", False),
        ("Storm Leaves Thousands Without Power.", False),  # a full stop makes it a sentence
        ("Flood", False),  # too short to tell
    ],
)
def test_headlines(line: str, headline: bool) -> None:
    assert is_headline(line) is headline


def test_offsets_to_sentences_and_tokens() -> None:
    text = "A storm hit. Roads closed."
    found = view(text)
    second = text.index("Roads")
    assert (found.sentence_of(second), found.sentence_text(1), found.tokens[found.token_at(second)].text) == (
        1,
        "Roads closed.",
        "Roads",
    )
    assert found.joined(0, 1) and not found.joined(2, 3)  # "A storm", "hit" and "."
