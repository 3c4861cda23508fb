"""The vague-word table: what "dozens" or "hundreds of thousands" means as an interval.

A setting of quantity parsing (see `quantities`); the default is the conservative ACLED reading.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from summarizer.schemas import Number

Bounds = tuple[Number, Number | None]


class VagueTable(BaseModel):
    """A setting: what a vague quantity word means, as an inclusive (low, high) interval.

    Keys are lower-case phrases ("dozens", "tens of thousands"); high None is unbounded.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    words: dict[str, Bounds]

    @field_validator("words")
    @classmethod
    def _normalized(
        cls, words: dict[str, tuple[Number, Number | None]]
    ) -> dict[str, tuple[Number, Number | None]]:
        out: dict[str, tuple[Number, Number | None]] = {}
        for key, (low, high) in words.items():
            if high is not None and high < low:
                raise ValueError(f"vague word {key!r}: high {high} is below low {low}")
            out[" ".join(key.lower().split())] = (low, high)
        return out

    def bounds(self, phrase: str) -> Bounds | None:
        return self.words.get(" ".join(phrase.lower().split()))


# The conservative ACLED reading: a vague plural means at least one of its unit, no upper bound.
ACLED_DEFAULT = VagueTable(
    words={
        "tens": (10, None),
        "dozens": (12, None),
        "scores": (20, None),
        "hundreds": (100, None),
        "thousands": (1000, None),
        "tens of thousands": (10_000, None),
        "hundreds of thousands": (100_000, None),
        "millions": (1_000_000, None),
    }
)
