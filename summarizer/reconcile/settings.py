"""How reconciliation decides (`ReconcileSettings`) and what it returns (`Reconciliation`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from summarizer.schemas import Conflict, Estimate, LinkedEvent
from summarizer.text.places import DEFAULT_PLACE_ALIASES


class ReconcileSettings(BaseModel):
    """How reconciliation decides. Every rule that is a judgment call is a setting here."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date_window_days: int = Field(
        default=1, ge=0, description="events at most this many days apart can be the same event"
    )
    link_similarity: float = Field(
        default=0.3,
        ge=0,
        le=1,
        description="events whose reports share this part of the names and figures they give are linked "
        "(reconcile.evidence.similarity: a person's name or a magnitude weighs 2, any other 1)",
    )
    estimate_rule: Literal["ucdp", "acled"] = Field(
        default="ucdp",
        description="'ucdp': best is the most-reported figure; 'acled': best is the conservative figure",
    )
    flag_ranges: bool = Field(
        default=True, description="a closed range in one document ('between 11 and 19') is a finding"
    )
    later_rise_kind: Literal["cross_document", "revision"] = Field(
        default="cross_document",
        description="kind given to a disagreement where the later-published document has the higher figure",
    )
    place_aliases: dict[str, str] = Field(
        default_factory=lambda: dict(DEFAULT_PLACE_ALIASES),
        description="normalized word or name -> canonical form (Kiev -> Kyiv, oblast -> region)",
    )


@dataclass
class Reconciliation:
    linked_events: list[LinkedEvent]
    conflicts: list[Conflict]
    estimates: list[Estimate]
    # claim id -> LinkedEvent id; None for a claim in its document's "unlinked" bucket
    claim_events: dict[str, str | None] = field(default_factory=dict)
    superseded: list[str] = field(default_factory=list)
    ungrounded: int = 0
