"""Rendering a report: Markdown, JSON and a self-contained HTML page.

May import `schemas` and `text`; never `extraction`, `backends` or `evaluation`.
"""

from summarizer.render.markdown import render_json, render_markdown

__all__ = ["render_json", "render_markdown"]
