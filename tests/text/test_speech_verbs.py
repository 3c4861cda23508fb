"""Verbs that report speech: one table, read by lemma (a parse) and by form (the quote finder)."""

from __future__ import annotations

from summarizer.text.speech_verbs import SPEECH_VERB_FORMS, SPEECH_VERBS


def test_forms_are_lower_case_words_of_their_lemma_table() -> None:
    assert all(form.isalpha() and form.islower() for form in SPEECH_VERB_FORMS)
    assert {"said", "told", "warned", "testified"} <= SPEECH_VERB_FORMS
    assert {"say", "tell", "warn", "testify", "report"} <= set(SPEECH_VERBS)


def test_a_figure_reported_is_no_speech_cue() -> None:
    # "The county reported four deaths": a source, but no quote follows the form.
    assert "reported" not in SPEECH_VERB_FORMS and "report" in SPEECH_VERBS
