"""Reconciliation: events linked across documents, claims aligned, conflicts and revisions,
parts and totals, estimates. Deterministic, no model.

May import `text`, `schemas` and `errors`; never `extraction`, `backends`, `render` or
`evaluation`.
"""

from summarizer.reconcile.core import ReconcileSettings, reconcile, reconcile_report

__all__ = ["ReconcileSettings", "reconcile", "reconcile_report"]
