from __future__ import annotations

import pytest

from summarizer.schemas import Document, Sentence, Span, SpanStatus
from summarizer.text.ground import locate, locate_in_document, normalize, sentence_of
from summarizer.text.segment import segment

ARTICLE = (
    "Russia’s latest mass missile and drone assault on Saturday landed at a sensitive moment.\n"
    "Ukraine’s Foreign Minister said another night of “Russian terror” underscored the hollowness "
    "of peace efforts.\n"
    "The strikes killed at least one person in Kyiv and injured more than 20 across the two cities."
)


def found(span: Span, text: str) -> str | None:
    return None if span.start is None else text[span.start : span.end]


# --------------------------------------------------------------------------- exact


def test_exact_match() -> None:
    span = locate("injured more than 20", ARTICLE)
    start = ARTICLE.index("injured more than 20")
    assert span == Span(text="injured more than 20", start=start, end=start + 20, status=SpanStatus.EXACT)
    assert found(span, ARTICLE) == "injured more than 20"


def test_surrounding_whitespace_of_the_fragment_is_ignored_but_kept_in_its_text() -> None:
    span = locate("  at least one person\n", ARTICLE)
    start = ARTICLE.index("at least one person")
    assert span == Span(text="  at least one person\n", start=start, end=start + 19, status=SpanStatus.EXACT)


# --------------------------------------------------------------------------- normalized


def test_straight_quotes_match_curly_quotes() -> None:
    span = locate('another night of "Russian terror"', ARTICLE)
    assert span.status is SpanStatus.NORMALIZED
    assert found(span, ARTICLE) == "another night of “Russian terror”"


def test_curly_quotes_match_straight_quotes() -> None:
    text = 'Sheriff Garcia described it as a "birthday party gone wild."'
    span = locate("a “birthday party gone wild.”", text)
    assert span == Span(text="a “birthday party gone wild.”", start=31, end=60, status=SpanStatus.NORMALIZED)
    assert found(span, text) == 'a "birthday party gone wild."'


def test_straight_apostrophe_matches_curly_apostrophe() -> None:
    span = locate("Ukraine's Foreign Minister", ARTICLE)
    assert span == Span(text="Ukraine's Foreign Minister", start=89, end=115, status=SpanStatus.NORMALIZED)
    assert found(span, ARTICLE) == "Ukraine’s Foreign Minister"


def test_question_mark_in_fragment_for_a_broken_apostrophe() -> None:
    span = locate("Russia?s latest", ARTICLE)
    assert span == Span(text="Russia?s latest", start=0, end=15, status=SpanStatus.NORMALIZED)
    assert found(span, ARTICLE) == "Russia’s latest"


def test_question_mark_in_text_for_broken_quote_marks() -> None:
    text = "Sybiha said another night of ?Russian terror? underscored it. Russia?s latest attack"
    assert found(locate("night of “Russian terror”", text), text) == "night of ?Russian terror?"
    span = locate("Russia’s latest", text)
    assert span == Span(text="Russia’s latest", start=62, end=77, status=SpanStatus.NORMALIZED)


def test_doubled_apostrophes_match_one_closing_quote() -> None:
    text = "he ``went up and down the carousels,'' Lea said."
    span = locate('"went up and down the carousels," Lea said', text)
    assert span.status is SpanStatus.NORMALIZED
    assert found(span, text) == "``went up and down the carousels,'' Lea said"


def test_dashes_match_hyphens() -> None:
    text = "The assault — the heaviest of the winter — used Kh‑22 missiles and 2–3 drones."
    span = locate("assault - the heaviest of the winter - used Kh-22 missiles", text)
    assert span == Span(
        text="assault - the heaviest of the winter - used Kh-22 missiles",
        start=4,
        end=62,
        status=SpanStatus.NORMALIZED,
    )
    assert found(span, text) == "assault — the heaviest of the winter — used Kh‑22 missiles"
    assert found(locate("2-3 drones", text), text) == "2–3 drones"
    assert found(locate("heaviest of the winter -- used", text), text) == "heaviest of the winter — used"


def test_extra_whitespace_and_line_breaks() -> None:
    text = "Mayor Ihor Terekhov said the strikes injured\n  between 11 and 19 people,\tincluding a child."
    span = locate("injured between 11 and 19 people, including a child", text)
    assert span == Span(
        text="injured between 11 and 19 people, including a child",
        start=37,
        end=90,
        status=SpanStatus.NORMALIZED,
    )
    assert found(span, text) == "injured\n  between 11 and 19 people,\tincluding a child"
    # The other way round: the fragment has the line break, the text has a single space.
    assert found(locate("strikes\ninjured", text), text) == "strikes injured"


def test_case_is_ignored() -> None:
    span = locate("THE STRIKES KILLED AT LEAST ONE PERSON", ARTICLE)
    assert span.status is SpanStatus.NORMALIZED
    assert found(span, ARTICLE) == "The strikes killed at least one person"


def test_ellipsis_and_invisible_characters() -> None:
    text = "He said it was over… for now. The sol\u00addiers left."
    assert found(locate("it was over... for now", text), text) == "it was over… for now"
    assert found(locate("The soldiers left", text), text) == "The sol\u00addiers left"


# --------------------------------------------------------------------------- fuzzy


def test_fuzzy_match_with_a_typo_is_snapped_to_whole_words() -> None:
    span = locate("killed at least one persn in Kyiv", ARTICLE)
    start = ARTICLE.index("killed at least one person in Kyiv")
    # ratio = 1 - edits / total length: one insertion over 33 + 34 characters.
    assert span.model_dump() == {
        "text": "killed at least one persn in Kyiv",
        "start": start,
        "end": start + 34,
        "status": SpanStatus.FUZZY,
        "score": pytest.approx(100 * (1 - 1 / 67)),
    }
    assert found(span, ARTICLE) == "killed at least one person in Kyiv"


def test_fuzzy_match_never_changes_a_number() -> None:
    assert locate("killed at least two persons in Kyiv", ARTICLE) == Span(
        text="killed at least two persons in Kyiv", status=SpanStatus.UNGROUNDED
    )
    assert locate("injured more than 21 acros the two", ARTICLE) == Span(
        text="injured more than 21 acros the two", status=SpanStatus.UNGROUNDED
    )


def test_min_score_is_respected() -> None:
    fragment = "killed at least one persn in Kyiv"
    assert locate(fragment, ARTICLE, min_score=99.0).status is SpanStatus.UNGROUNDED


# --------------------------------------------------------------------------- not found


def test_fragment_not_in_text_is_kept_ungrounded() -> None:
    span = locate("the ceasefire was signed in Geneva", ARTICLE)
    assert span == Span(
        text="the ceasefire was signed in Geneva", start=None, end=None, status=SpanStatus.UNGROUNDED
    )
    assert span.grounded is False


@pytest.mark.parametrize("fragment", ["", "   ", "\n\t"])
def test_empty_fragment_is_ungrounded(fragment: str) -> None:
    assert locate(fragment, ARTICLE) == Span(text=fragment, status=SpanStatus.UNGROUNDED)


def test_empty_text() -> None:
    assert locate("anything", "") == Span(text="anything", status=SpanStatus.UNGROUNDED)


# --------------------------------------------------------------------------- within


def test_within_is_preferred_when_the_fragment_occurs_twice() -> None:
    text = "In Kyiv, at least one person was killed. In Kharkiv, at least one person was killed too."
    second = (41, len(text))
    assert locate("at least one person", text) == Span(
        text="at least one person", start=9, end=28, status=SpanStatus.EXACT
    )
    assert locate("at least one person", text, within=second) == Span(
        text="at least one person", start=53, end=72, status=SpanStatus.EXACT
    )
    assert locate("AT LEAST ONE PERSON", text, within=second) == Span(
        text="AT LEAST ONE PERSON", start=53, end=72, status=SpanStatus.NORMALIZED
    )


def test_outside_within_is_still_found() -> None:
    span = locate("Russia’s latest", ARTICLE, within=(200, 260))
    assert span == Span(text="Russia’s latest", start=0, end=15, status=SpanStatus.EXACT)


def test_a_verbatim_match_elsewhere_beats_a_fuzzy_one_inside_within() -> None:
    text = "The strikes killed at least one persn. Later: the strikes killed at least one person."
    span = locate("killed at least one person", text, within=(0, 37))
    assert span == Span(text="killed at least one person", start=58, end=84, status=SpanStatus.EXACT)


def test_within_out_of_range_is_clamped() -> None:
    span = locate("injured more than 20", ARTICLE, within=(-50, 10_000))
    start = ARTICLE.index("injured more than 20")
    assert span == Span(text="injured more than 20", start=start, end=start + 20, status=SpanStatus.EXACT)


# --------------------------------------------------------------------------- helpers


def test_normalize() -> None:
    assert normalize("  Russia’s  “big”\u2014day…\n") == "russia's 'big'-day..."
    assert normalize("İstanbul") == "istanbul"
    assert normalize("") == ""


def test_sentence_of() -> None:
    sentences = segment(ARTICLE)
    assert [sentence_of(offset, sentences) for offset in (0, 87, 88, 89, 200, len(ARTICLE) - 1)] == [
        0,
        0,
        None,
        1,
        2,
        2,
    ]
    assert sentence_of(len(ARTICLE), sentences) is None
    assert sentence_of(5, []) is None


def test_locate_in_document_prefers_the_given_sentence() -> None:
    text = "Five people were killed.\nLater, five people were killed in a second strike."
    document = Document(id="d", text=text, source="d.txt", sentences=segment(text))
    assert document.sentences == [Sentence(index=0, start=0, end=24), Sentence(index=1, start=25, end=75)]
    assert locate_in_document("five people were killed", document, 1) == Span(
        text="five people were killed", start=32, end=55, status=SpanStatus.EXACT
    )
    assert locate_in_document("five people were killed", document, 0) == Span(
        text="five people were killed", start=0, end=23, status=SpanStatus.NORMALIZED
    )
    # Without a preferred sentence, the verbatim occurrence wins over the case-insensitive one.
    assert locate_in_document("five people were killed", document) == Span(
        text="five people were killed", start=32, end=55, status=SpanStatus.EXACT
    )
    # A sentence number the document does not have only loses the preference.
    assert locate_in_document("second strike", document, 7) == Span(
        text="second strike", start=61, end=74, status=SpanStatus.EXACT
    )


def test_locate_in_document_with_reach_covers_following_sentences() -> None:
    text = "He said: “Stay home.” Later: “Stay home. It is not safe.”"
    document = Document(id="d", text=text, source="d.txt", sentences=segment(text))
    span = locate_in_document("Stay home. It is not safe.", document, 0, reach=2)
    assert span == Span(text="Stay home. It is not safe.", start=30, end=56, status=SpanStatus.EXACT)
