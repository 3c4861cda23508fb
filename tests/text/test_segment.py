from __future__ import annotations

from pathlib import Path

import pytest
from paths import DEV, EXAMPLES, shared

from summarizer.schemas import Sentence
from summarizer.text import segment as segment_module
from summarizer.text.segment import segment, sentence_spans

DEV_ARTICLES = sorted(DEV.glob("*/articles/*.txt")) or [DEV]  # absent: one case that skips


def texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


def assert_invariants(text: str, sentences: list[Sentence]) -> None:
    """Indices 0..n-1 in order, stripped, non-overlapping, and every non-space char covered."""
    assert [s.index for s in sentences] == list(range(len(sentences)))
    previous_end = 0
    for s in sentences:
        assert previous_end <= s.start < s.end <= len(text)
        piece = text[s.start : s.end]
        assert piece == piece.strip()
        assert text[previous_end : s.start].strip() == ""
        previous_end = s.end
    assert text[previous_end:].strip() == ""


def dev_article(name: str) -> str:
    """A dev article: the c00 ones from the project's own examples, the others from ../shared."""
    if (EXAMPLES / name).is_file():
        return (EXAMPLES / name).read_text(encoding="utf-8")
    (path,) = shared(DEV).glob(f"*/articles/{name}")
    return path.read_text(encoding="utf-8")


def paragraph_containing(text: str, needle: str) -> str:
    (line,) = [line for line in text.split("\n") if needle in line]
    return line


# --------------------------------------------------------------------------- basics


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert segment("") == []
    assert segment(" \n\n\t \n") == []


def test_offsets_index_the_original_text() -> None:
    text = "  Headline\n\nFirst sentence. Second one!  \n"
    assert segment(text) == [
        Sentence(index=0, start=2, end=10),
        Sentence(index=1, start=12, end=27),
        Sentence(index=2, start=28, end=39),
    ]
    assert sentence_spans(text) == [(2, 10), (12, 27), (28, 39)]


def test_lines_are_sentences_of_their_own() -> None:
    text = "Five dead in quake\nBy Jane Doe\nTuesday, July 2nd, 2013\nA quake hit. It was strong."
    assert texts(text) == [
        "Five dead in quake",
        "By Jane Doe",
        "Tuesday, July 2nd, 2013",
        "A quake hit.",
        "It was strong.",
    ]


def test_hard_wrapped_prose_is_joined_but_headlines_are_not() -> None:
    text = (
        "Quake Strikes Aceh Province Killing One\n"
        "on July 02 2013\n"
        "The quake, which hit at a shallow depth, injured more than 200 people and\n"
        "damaged more than 300 houses, officials said.\n"
    )
    assert texts(text) == [
        "Quake Strikes Aceh Province Killing One",
        "on July 02 2013",
        "The quake, which hit at a shallow depth, injured more than 200 people and\n"
        "damaged more than 300 houses, officials said.",
    ]


def test_abbreviations_do_not_end_sentences() -> None:
    text = (
        "Russia struck as U.S.-brokered talks resumed. "
        "The assault echoed one on Oct. 3 that used Kh-22 missiles. "
        "On Jan. 22, Gov. Rick Scott spoke. "
        "Victims lay everywhere, HCSO Dep. Thomas Gilliland said."
    )
    assert texts(text) == [
        "Russia struck as U.S.-brokered talks resumed.",
        "The assault echoed one on Oct. 3 that used Kh-22 missiles.",
        "On Jan. 22, Gov. Rick Scott spoke.",
        "Victims lay everywhere, HCSO Dep. Thomas Gilliland said.",
    ]


def test_time_of_day_before_a_weekday_stays_in_its_sentence() -> None:
    text = "The airport reopened at 5 a.m. Saturday. It had been shut for 16 hours."
    assert texts(text) == ["The airport reopened at 5 a.m. Saturday.", "It had been shut for 16 hours."]


def test_closing_quotes_stay_with_their_sentence() -> None:
    # One paragraph per line, as in the articles these come from (mixed and doubled marks).
    text = (
        'Scott said survivors are “fighting for their lives." He left.\n'
        "She said “it was bad.” Then she wept.\n"
        "He was “hiding.'' The killer fled.\n"
        "“Put dad on the phone,’ ” Kim said."
    )
    assert texts(text) == [
        'Scott said survivors are “fighting for their lives."',
        "He left.",
        "She said “it was bad.”",
        "Then she wept.",
        "He was “hiding.''",
        "The killer fled.",
        "“Put dad on the phone,’ ” Kim said.",
    ]


def test_tokenized_times_are_not_split() -> None:
    text = "It struck at 07: 37 a. m. UTC (3: 37 a. m. EDT), killing one. Rescuers came."
    assert texts(text) == [
        "It struck at 07: 37 a. m. UTC (3: 37 a. m. EDT), killing one.",
        "Rescuers came.",
    ]


def test_very_long_line_is_split_without_pysbd_on_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment_module, "MAX_PYSBD_CHARS", 60)
    text = (
        "Gov. Rick Scott visited the airport on Jan. 7 with officials. "
        "Five people were killed and six were wounded in the attack. "
        "The airport reopened at 5 a.m. Saturday after a long night. "
        "Oneverylongwordwithoutanyboundaryatallthatrunsonpastthelimitofsixtycharacters"
        "andthenkeepsgoing "
        "Mr. Piro said so."
    )
    sentences = segment(text)
    assert_invariants(text, sentences)
    assert [text[s.start : s.end] for s in sentences] == [
        "Gov. Rick Scott visited the airport on Jan. 7 with officials.",
        "Five people were killed and six were wounded in the attack.",
        "The airport reopened at 5 a.m. Saturday after a long night.",
        "Oneverylongwordwithoutanyboundaryatallthatrunsonpastthelimitofsixtycharacters"
        "andthenkeepsgoing Mr. Piro said so.",
    ]


def test_invariants_hold_for_awkward_input() -> None:
    text = "\r\n  ... ?! \u2028“ ” ''\n\x0cA. B. C.\t\n\nEnd"
    assert_invariants(text, segment(text))


# --------------------------------------------------------------------------- real articles


def test_clashreport_lead_paragraphs() -> None:
    text = dev_article("clashreport-2026-01-24.txt")
    assert texts(text)[:6] == [
        "Advertisement banner",
        "Russia Strikes Ukraine's Kharkiv & Kyiv, Overshadowing Peace Talks",
        "Russia launched missile and drone strikes on Kyiv and Kharkiv as U.S.-brokered peace talks "
        "resumed in Abu Dhabi.",
        "Ukraine condemned the attacks, claiming energy infrastructure was targeted, killing one and "
        "injuring dozens.",
        "January 24, 2026Clash Report",
        "Cover Image",
    ]
    paragraph = paragraph_containing(text, "Speaking earlier in Davos")
    assert texts(paragraph) == [
        "Russia currently occupies roughly 20% of Ukrainian territory, including parts of the Donbas "
        "and Crimea, which it illegally annexed in 2014.",
        "The Kremlin has demanded that Ukraine cede additional territory, a position Kyiv has rejected.",
        "Speaking earlier in Davos, Zelensky said, “It’s all about the land. This is the issue which "
        "is not solved yet.”",
    ]


# Self-written paragraphs with the shapes dev articles have: a quotation of two sentences
# attributed after the first, a wire text tokenized with spaces inside times and "a. m.",
# and an address with abbreviations ending in periods.


def test_quotation_split_by_its_attribution() -> None:
    for paragraph, expected in [
        (
            '"She never hurt anyone. She was our light," her aunt said. "We miss her every day."',
            [
                '"She never hurt anyone. She was our light," her aunt said.',
                '"We miss her every day."',
            ],
        ),
        (
            '"The bridge was closed," the mayor said. "Nobody could have crossed it."',
            ['"The bridge was closed," the mayor said.', '"Nobody could have crossed it."'],
        ),
    ]:
        assert texts(paragraph) == expected


def test_tokenized_wire_times_stay_in_one_sentence() -> None:
    for paragraph in [
        "A strong storm reached the coast on Monday at 06: 15 a. m. local time (2: 15 p. m. "
        "GMT), flooding two villages, officials said.",
        "The ferry left the harbour at 11: 40 p. m. on Friday, a spokesman for the port told reporters.",
    ]:
        assert texts(paragraph) == [paragraph]


def test_street_address_abbreviations_do_not_end_the_sentence() -> None:
    paragraph = (
        "A shelter has opened at the Civic Hall, located at 210 N.W. 4th St., in Millbrook, for "
        "families who cannot go home. The phone number of the shelter is 555-0100."
    )
    assert texts(paragraph) == [
        "A shelter has opened at the Civic Hall, located at 210 N.W. 4th St., in Millbrook, for "
        "families who cannot go home.",
        "The phone number of the shelter is 555-0100.",
    ]
    assert texts("Police closed 5 S. Main St. for an hour.") == ["Police closed 5 S. Main St. for an hour."]


@pytest.mark.parametrize("path", DEV_ARTICLES, ids=[p.name for p in DEV_ARTICLES])
def test_invariants_on_every_dev_article(path: Path) -> None:
    text = shared(path).read_text(encoding="utf-8")
    assert_invariants(text, segment(text))


def test_dev_data_is_present() -> None:
    shared(DEV)
    assert len(DEV_ARTICLES) >= 12, f"expected the dev articles under {DEV}"
