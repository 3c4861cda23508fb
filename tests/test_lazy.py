"""`lazy_property`: computed on first use, then kept, also on a frozen dataclass."""

from __future__ import annotations

from dataclasses import dataclass

from summarizer.lazy import lazy_property


@dataclass(frozen=True)
class _Counted:
    value: int
    calls: list[int]

    @lazy_property
    def doubled(self) -> int:
        """Twice the value."""
        self.calls.append(self.value)
        return self.value * 2


def test_computed_once_and_kept() -> None:
    counted = _Counted(4, [])
    assert (counted.doubled, counted.doubled, counted.calls) == (8, 8, [4])


def test_the_class_attribute_is_the_descriptor_with_its_doc() -> None:
    assert isinstance(_Counted.doubled, lazy_property)
    assert _Counted.doubled.__doc__ == "Twice the value."


def test_a_kept_value_is_not_a_field() -> None:
    used = _Counted(4, [])
    assert used.doubled == 8
    assert used == _Counted(4, [4])  # equal to one never asked
