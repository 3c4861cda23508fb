"""Rendering a report: Markdown, JSON and a self-contained HTML page.

May import `schemas` and `text`; never `extraction`, `backends` or `evaluation`.
"""

from summarizer.render.markdown import render_json, render_markdown
from summarizer.schemas import Report

__all__ = ["render_json", "render_markdown", "render_report"]


def render_report(report: Report, output_format: str) -> str:
    """The report as Markdown ("md"), the typed JSON ("json") or one HTML page ("html")."""
    if output_format == "html":
        from summarizer.render.html import render_html

        return render_html(report)
    return render_json(report) if output_format == "json" else render_markdown(report)
