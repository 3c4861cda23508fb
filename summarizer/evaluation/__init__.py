"""Evaluation: case folders read as typed models, scoring against their gold, result tables.

May import everything below it (it runs the pipeline); nothing imports it but the CLI and
benchmarks.
"""
