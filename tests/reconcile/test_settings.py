"""Reconcile settings: the judgment calls, their defaults and their checks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.reconcile import ReconcileSettings
from summarizer.text.places import DEFAULT_PLACE_ALIASES


def test_defaults() -> None:
    settings = ReconcileSettings()
    assert (
        settings.date_window_days,
        settings.estimate_rule,
        settings.flag_ranges,
        settings.later_rise_kind,
    ) == (
        1,
        "ucdp",
        True,
        "cross_document",
    )
    assert settings.place_aliases == DEFAULT_PLACE_ALIASES
    assert settings.place_aliases is not DEFAULT_PLACE_ALIASES


@pytest.mark.parametrize(
    "bad",
    [{"date_window_days": -1}, {"estimate_rule": "median"}, {"later_rise_kind": "other"}, {"unknown": 1}],
)
def test_bad_settings_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ReconcileSettings.model_validate(bad)
