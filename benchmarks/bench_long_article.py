"""Rules-only extraction of one long article: seconds as the article grows, per megabyte.

    python benchmarks/bench_long_article.py                  # 0.1, 0.4 and 1.6 MB
    python benchmarks/bench_long_article.py --sizes 0.1 0.8  # any sizes, in MB
    (from the checkout with the package installed, or with PYTHONPATH=. )

The article is a synthetic news text written for the project (figures, quotations with their
speakers, places and dates, repeated with varying numbers) grown to each size. Extraction is
`extract_by_rules` on the whole document: segmentation, candidates, parse, labels. The language
pipeline is loaded before the first size, so no row pays for it. The work should grow linearly
with the article: `s per MB` stays flat and `x smallest` (seconds against the smallest size,
measured in the same run) grows as `x size` does. Work that compares every figure with every
quotation or cue grows with the square of the size instead.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from summarizer.extraction.rules import extract_by_rules
from summarizer.text.ingest import document_from_text
from summarizer.text.nlp import parse_many

# One block of a long running report, written for this benchmark; {n} varies the figures.
_BLOCK = (
    "Officials in Delmont said {n} people were killed and {m} injured when a fuel depot exploded "
    'on Monday. "We heard two blasts and then the windows went," said Mara Klein, who lives '
    "nearby. About {h} homes were damaged across the district, according to the county fire "
    "marshal. Rescue crews searched the site through the night, and the mayor said on Tuesday "
    "that the toll could rise. At least {s} of the injured were in serious condition.\n\n"
)


def article(megabytes: float) -> str:
    blocks: list[str] = []
    size, n = 0, 0
    while size < megabytes * 1_000_000:
        block = _BLOCK.format(n=3 + n % 7, m=10 + n % 13, h=40 + n % 50, s=2 + n % 5)
        blocks.append(block)
        size += len(block)
        n += 1
    return "".join(blocks)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 0.4, 1.6], help="sizes in MB")
    args = parser.parse_args(argv)
    parse_many(["The pipeline is loaded before the first size."])
    rows: list[tuple[float, int, int, float]] = []
    for megabytes in sorted(args.sizes):
        document = document_from_text(article(megabytes), "long")
        started = time.perf_counter()
        extraction = extract_by_rules(document)
        rows.append(
            (megabytes, len(document.sentences), len(extraction.claims), time.perf_counter() - started)
        )
    table = Table(title="Rules-only extraction of one long article")
    for name in ("MB", "sentences", "claims", "seconds", "s per MB", "x size", "x smallest"):
        table.add_column(name, justify="right")
    first_size, first_seconds = rows[0][0], rows[0][3]
    for megabytes, sentences, claims, seconds in rows:
        table.add_row(
            f"{megabytes:g}",
            f"{sentences:,}",
            f"{claims:,}",
            f"{seconds:.2f}",
            f"{seconds / megabytes:.1f}",
            f"{megabytes / first_size:.1f}",
            f"{seconds / first_seconds:.1f}",
        )
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
