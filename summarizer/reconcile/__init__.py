"""Reconciliation: events linked across documents, claims aligned, conflicts and revisions,
parts and totals, estimates. Deterministic, no model.

One module per step, in the order `core.reconcile` runs them: `linking` (events across
documents), `alignment` (claims on event, metric and place), `revisions`, `conflicts` (within
and across documents), `parts` (parts and totals), `estimates`; `settings` holds the judgment
calls. Dates, places, number words and figure texts come from `text`.

May import `text`, `schemas` and `errors`; never `extraction`, `backends`, `render` or
`evaluation`.
"""

from summarizer.reconcile.core import reconcile, reconcile_report
from summarizer.reconcile.settings import ReconcileSettings

__all__ = ["ReconcileSettings", "reconcile", "reconcile_report"]
