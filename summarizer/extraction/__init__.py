"""Extraction: one module per strategy (`sentences` for capable endpoints, `candidates` for the
embedded model, `rules` for no model) and the candidate finder they share.

May import `text`, `schemas`, `errors` and the `backends` protocol (never a concrete backend);
never `reconcile`, `render` or `evaluation`.
"""
