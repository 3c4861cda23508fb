"""Markdown and JSON rendering (the figure formatter they share is tested in tests/text/test_figures.py)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from headline_samples import headline_report
from report_samples import CLASH, NEXTFIN, c00_sample_report, hostile_report, small_report

from summarizer.render.markdown import render_json, render_markdown
from summarizer.render.markdown_text import md_sentence_with_bold, md_table, md_text
from summarizer.render.report_index import UNLINKED, ReportIndex
from summarizer.schemas import Report, RunInfo, SpanStatus


@pytest.mark.parametrize("make", [small_report, c00_sample_report, hostile_report])
def test_json_round_trip(make: Callable[[], Report]) -> None:
    report = make()
    text = render_json(report)
    assert Report.model_validate_json(text) == report
    assert text.startswith('{\n  "run": {\n    "tool_version": "0.1.0"')


def test_json_keys_are_the_schema_properties() -> None:
    data = json.loads(render_json(small_report()))
    assert sorted(data) == sorted(Report.model_json_schema()["properties"])
    assert data["claims"][0]["quantity"] == {
        "phrase": "At least five people died",
        "low": 5,
        "high": None,
        "nominal": None,
        "approximate": False,
        "hedge": "at least",
        "vague": None,
        "unit": None,
    }


SMALL_MARKDOWN = """\
# Multi-source summary

Run: tool 0.1.0 · schema 1 · backend fake · model test-model · strategy reference · prompt p1

Usage: 1,500 tokens (1,200 prompt, 300 completion) in 3 calls

**Partial report:** 1 failure(s), listed under Failures.

## Headline figures

**Main event: Riverton flood** (`L1` · 2024-03-04 · flood · Riverton · reported by a, b)

| metric | low | best | high | conservative | counted | sources disagree | sources |
|---|---|---|---|---|---|---|---|
| killed, Riverton | 3 | **≥5** | — | 3 | — | yes | a, b |

## Documents

| id | outlet | published | title | sentences |
|---|---|---|---|---|
| a | Daily \\*Star\\* | 2024-03-05 | Flood hits Riverton \\| update live | 3 |
| b | Courier | 2024-03-04 | — | 2 |

## Riverton flood

`L1` · 2024-03-04 · flood · Riverton · reported by a, b

### Estimates

| metric | place | low | best | high | conservative | sources |
|---|---|---|---|---|---|---|
| killed | Riverton | 3 | 5 | — | 3 | 2 (a, b) |

### Conflicts

1. **Sources disagree** (`cross_document`): killed, Riverton
   - Why: Courier says 3 killed, Daily Star at least 5
   - Newer figure: Daily \\*Star\\* (`a`)
   - Daily \\*Star\\*, 2024-03-05: ≥5
     > **At least five people died** in Riverton, police said. [a:1]
   - Courier, 2024-03-04: 3
     > **Three people were killed** in the Riverton flood on Monday. [b:0]

### Claims

| metric | place | figure | as written | according to | source |
|---|---|---|---|---|---|
| killed | Riverton | ≥5 | “At least five people died” | police | [a:1] |
| killed | Riverton | 3 | “Three people were killed” | — | [b:0] |

## Not linked to an event

### Estimates

| metric | place | low | best | high | conservative | sources |
|---|---|---|---|---|---|---|
| river level | — | 7.5 m | 7.5 m | 7.5 m | 7.5 m | 1 (b) |

### Claims

| metric | place | figure | as written | according to | source |
|---|---|---|---|---|---|
| river level | — | 7.5 m | “7.5 metres” | — | [b:1] |

## Quotes

**Ann Lee** (Mayor)

- “We are overwhelmed,” [a:2]

## Summary

At least 3 people died in the Riverton flood. [a:1][b:0] The river peaked at 7.5 m. [b:1]

_Written by rules; every citation is [document:sentence]._

## Failures

- ingest (c.html): no article text found

## Ungrounded items

Not found in their documents, so left out of reconciliation:

- a: quote `a:q2` by Ann Lee; fragment “Help is coming”

## Usage

|  | prompt | completion | total | calls | retries | re-asks | cache hits | seconds |
|---|---|---|---|---|---|---|---|---|
| **run** | 1,200 | 300 | 1,500 | 3 | 1 | 1 | 2 | 2.5 |
"""


def test_markdown_of_small_report_whole() -> None:
    assert render_markdown(small_report()) == SMALL_MARKDOWN


def section(markdown: str, heading: str) -> str:
    """The lines from `heading` up to the next heading of the same or higher level."""
    lines = markdown.split("\n")
    start = lines.index(heading)
    level = heading.split(" ")[0]
    end = next(
        (
            i
            for i in range(start + 1, len(lines))
            if lines[i].startswith("#") and len(lines[i].split(" ")[0]) <= len(level)
        ),
        len(lines),
    )
    return "\n".join(lines[start:end]).rstrip() + "\n"


def test_markdown_c00_second_event_conflicts_and_estimates() -> None:
    report = c00_sample_report()
    claims = {c.id: c for c in report.claims}
    total, train, odesa = (claims[f"{NEXTFIN}:g{i}"].sentence for i in (12, 14, 15))
    event = section(
        render_markdown(report), "## Drone and missile strikes on Kharkiv and Odesa (27 January 2026)"
    )
    assert section(event, "### Estimates") == (
        "### Estimates\n\n"
        "| metric | place | low | best | high | conservative | sources |\n"
        "|---|---|---|---|---|---|---|\n"
        "| killed | Kharkiv and Odesa | 9 | 9 | — | 9 | 1 (nextfin-2026-01-27) |\n"
        "| injured | Kharkiv and Odesa | 12 | — | — | 12 | 1 (nextfin-2026-01-27) |\n"
        "| killed | Kharkiv | 5 | 5 | 5 | 5 | 1 (nextfin-2026-01-27) |\n"
        "| killed | Odesa | 3 | 3 | 3 | 3 | 1 (nextfin-2026-01-27) |\n"
        "| injured | Odesa | 35 | 35 | 35 | 35 | 1 (nextfin-2026-01-27) |\n"
        "| percent without power | Kharkiv | — | 80% | — | — | 1 (nextfin-2026-01-27) |\n"
    )
    assert section(event, "### Conflicts") == (
        "### Conflicts\n\n"
        "1. **Parts and total do not add up** (`part_total_tension`): killed\n"
        "   - Why: total 'at least nine' while the parts named sum to 8 (5 on the train + 3 in Odesa): "
        "one death is unaccounted for\n"
        "   - NextFin, 2026-01-27: ≥9\n"
        "     > According to the Kyiv Independent, the attacks resulted in **at least nine fatalities** "
        "and dozens of injuries, including children and a pregnant woman. "
        f"[nextfin-2026-01-27:{total}]\n"
        "   - NextFin, 2026-01-27: 8\n"
        "     > In Kharkiv, a passenger train carrying nearly 300 people was struck by three Geran-2 "
        "drones, **killing five passengers** and disrupting the vital Barhinkove-Lviv-Chop rail link. "
        f"[nextfin-2026-01-27:{train}]\n"
        "     > Simultaneously, a massive drone swarm targeted Odesa, striking a power facility and "
        f"residential areas, which left **three dead and 35 injured**. [nextfin-2026-01-27:{odesa}]\n"
    )


def test_markdown_c00_quotes_grouped_by_speaker_and_ungrounded_listed_apart() -> None:
    report = c00_sample_report()
    first, second = (q.sentence for q in report.quotes if q.id in (f"{CLASH}:gq4", f"{CLASH}:gq5"))
    markdown = render_markdown(report)
    rutte = section(markdown, "## Quotes").split("**Mark Rutte**")[1].split("**")[0]
    assert rutte == (
        " (NATO Secretary General)\n\n"
        f"- “Peace talks are fantastic, but peace will not happen tomorrow” [{CLASH}:{first}]\n"
        f"- “Ukrainians need these interceptors tomorrow.” [{CLASH}:{second}]\n\n"
    )
    assert "the city will not be broken" not in section(markdown, "## Quotes")
    assert section(markdown, "## Ungrounded items") == (
        "## Ungrounded items\n\n"
        "Not found in their documents, so left out of reconciliation:\n\n"
        f"- {CLASH}: quote `{CLASH}:q-ungrounded` by Ihor Terekhov; fragment “the city will not be broken”\n"
    )
    assert section(markdown, "## Usage") == (
        "## Usage\n\n"
        "|  | prompt | completion | total | calls | retries | re-asks | cache hits | seconds |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| clashreport-2026-01-24 | 3,120 | 684 | 3,804 | 2 | 0 | 1 | 0 | 4.2 |\n"
        "| nextfin-2026-01-27 | 2,710 | 402 | 3,112 | 1 | 0 | 0 | 1 | 2.1 |\n"
        "| **run** | 7,280 | 1,296 | 8,576 | 4 | 0 | 1 | 1 | 7.6 |\n"
    )


def test_markdown_escapes_markup_in_article_text() -> None:
    markdown = render_markdown(hostile_report())
    assert "<" not in markdown.replace("\\<", "")
    assert section(markdown, "## Summary") == (
        "## Summary\n\n"
        "Four died \\<script\\>document.title='pwned'\\</script\\> [evil\\<doc\\>:0]\n\n"
        "_Written by a language model; every citation is [document:sentence]._\n"
    )


def test_table_cells_escape_pipes_and_newlines() -> None:
    assert md_text("a | b\nc *d* [e](f) `g` _h_ #i") == "a \\| b c \\*d\\* \\[e\\](f) \\`g\\` \\_h\\_ \\#i"
    assert md_table(["x", "y"], [[md_text("1|2"), md_text("line\n\nbreak")]]) == [
        "| x | y |",
        "|---|---|",
        "| 1\\|2 | line break |",
    ]


def test_bold_is_applied_once_for_claims_sharing_a_span() -> None:
    report = c00_sample_report()
    doc = report.document(NEXTFIN)
    killed, injured = (c for c in report.claims if c.id in (f"{NEXTFIN}:g15", f"{NEXTFIN}:g16"))
    assert md_sentence_with_bold(doc, killed.sentence, [killed.span, injured.span]) == (
        "Simultaneously, a massive drone swarm targeted Odesa, striking a power facility and residential "
        "areas, which left **three dead and 35 injured**."
    )


def test_index_groups_claims_by_linked_event_and_keeps_ungrounded_out() -> None:
    report = small_report()
    lost = report.claims[0].span.model_copy(update={"status": SpanStatus.UNGROUNDED})
    ungrounded = report.claims[0].model_copy(update={"id": "a:c9", "span": lost})
    report.claims.append(ungrounded)
    report.conflicts.append(report.conflicts[0].model_copy(update={"event": "no-such-event"}))
    index = ReportIndex(report)
    assert [c.id for c in index.groups["L1"].claims] == ["a:c1", "b:c1"]
    assert [c.id for c in index.groups[UNLINKED].claims] == ["b:c2"]
    assert [c.event for c in index.groups[UNLINKED].conflicts] == ["no-such-event"]
    assert [item.id for item in index.ungrounded()] == ["a:c9", "a:q2"]
    assert [g.key for g in index.event_groups()] == ["L1", UNLINKED]


def test_markdown_of_an_empty_report() -> None:
    assert render_markdown(Report(run=RunInfo(tool_version="0.1.0"))) == (
        "# Multi-source summary\n\n"
        "Run: tool 0.1.0 · schema 1\n\n"
        "Usage: 0 tokens (0 prompt, 0 completion) in 0 calls\n\n"
        "## Headline figures\n\nNo casualty figures reported.\n\n"
        "## Documents\n\nNo documents.\n\n"
        "## Quotes\n\nNo attributed quotes.\n\n"
        "## Summary\n\nNo summary.\n\n"
        "## Failures\n\nNone.\n\n"
        "## Ungrounded items\n\nNone: every extracted fragment was found in its document.\n\n"
        "## Usage\n\n"
        "|  | prompt | completion | total | calls | retries | re-asks | cache hits | seconds |\n"
        "|---|---|---|---|---|---|---|---|---|\n"
        "| **run** | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0.0 |\n"
    )


def test_headline_figures_come_first_main_event_first_with_open_bounds_as_stated() -> None:
    markdown = render_markdown(headline_report())
    assert markdown.index("## Headline figures") < markdown.index("## Documents")
    assert section(markdown, "## Headline figures") == (
        "## Headline figures\n"
        "\n"
        "**Main event: Mall shooting** (`L2` · 2024-06-01 · shooting · Springfield · reported by x, y)\n"
        "\n"
        "| metric | low | best | high | conservative | counted | sources disagree | sources |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| killed | 3 | **3** | 3 | 3 | everyone, suspects included | no | x, y |\n"
        "| injured | ≥9 | **\\>20** | \\>20 | ≥9 | victims only | yes | x, y |\n"
        "\n"
        "**Other event: Robbery \\<b\\>on\\</b\\> Friday** (`L1` · robbery · reported by x)\n"
        "\n"
        "| metric | low | best | high | conservative | counted | sources disagree | sources |\n"
        "|---|---|---|---|---|---|---|---|\n"
        "| killed | 1 | **1** | 1 | 1 | — | no | x |\n"
    )


def test_estimate_cells_escape_a_unit_with_a_pipe() -> None:
    # Found by tests/properties (test_markdown_tables_keep_their_columns_for_any_article): the
    # unit of an estimate's figures went into its cells unescaped and split them.
    report = small_report()
    claims = [
        c.model_copy(update={"quantity": c.quantity.model_copy(update={"unit": "a|b"})})
        for c in report.claims
    ]
    markdown = render_markdown(report.model_copy(update={"claims": claims}))
    rows = [line for line in section(markdown, "### Estimates").splitlines() if line.startswith("| ")]
    assert len(rows) > 1
    assert {row.replace("\\|", "").count("|") for row in rows} == {8}
