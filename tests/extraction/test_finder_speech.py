"""Speech cues and the speaker phrase each names, as written."""

from __future__ import annotations

import pytest

from summarizer.extraction.finder.quotations import find_quotations
from summarizer.extraction.finder.speech import find_speech_cues
from summarizer.extraction.finder.tokens import Text
from summarizer.schemas import Document
from summarizer.text.segment import segment

Cue = tuple[str, str | None, str | None, str | None, int]


def cues(text: str) -> list[Cue]:
    """(verb, speaker phrase, name in it, role written apart, sentence) of every cue."""
    view = Text(Document(id="doc", text=text, source="-", sentences=segment(text)))
    return [
        (
            c.verb,
            view.span_text(*c.phrase) if c.phrase else None,
            view.span_text(*c.name) if c.name else None,
            c.role,
            c.sentence,
        )
        for c in find_speech_cues(view, find_quotations(text))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials said the road was closed.", [("said", "Officials", "Officials", None, 0)]),
        ("He said the road was closed.", [("said", "He", None, None, 0)]),
        # the speaker after a forward verb, or after "according to" and "by"
        ("The fire spread fast, said Chip Dalton.", [("said", "Chip Dalton", "Chip Dalton", None, 0)]),
        (
            "The fire spread fast, according to local authorities.",
            [("according to", "local authorities", None, None, 0)],
        ),
        (
            "The toll was confirmed by the district office.",
            [("confirmed", "the district office", None, None, 0)],
        ),
        # a role written before the name, apart from it by commas
        (
            "The regional governor of Tarvos, Elena Brandt, confirmed the toll.",
            [("confirmed", "Elena Brandt", "Elena Brandt", "regional governor of Tarvos", 0)],
        ),
        # a title inside the phrase, a filler word between it and the verb
        (
            "Dr. Lena Ortiz later told reporters it was over.",
            [("told", "Dr. Lena Ortiz", "Lena Ortiz", "Dr.", 0)],
        ),
        # a participle's speaker is the sentence's subject
        ("Ruiz criticized the plan, saying it came late.", [("saying", "Ruiz", "Ruiz", None, 0)]),
        # an organization speaks too; words inside a quotation are no cue
        ("Ukraine’s air force said 20 drones were downed.", [("said", "Ukraine’s air force", None, None, 0)]),
        ("“They said nothing,” she wrote.", [("wrote", "she", None, None, 0)]),
        ("The Said family moved.", []),  # capitalized: a name, not a verb
    ],
)
def test_speech_cues(text: str, expected: list[Cue]) -> None:
    assert cues(text) == expected
