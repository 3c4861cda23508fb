"""What the CLI shows on a terminal besides the report: rich tables and a progress bar.

Tables read anywhere: boxed and fitted on a terminal; when the output is a file, a pipe or a
CI log, Markdown tables at full width with every cell written out (rich would squeeze numeric
columns to nothing at its 80-column default).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text


def cell_text(value: object) -> str:
    """The plain text of a rich cell (a str, a `Text`, or anything with a str form)."""
    text = value.plain if isinstance(value, Text) else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def table_markdown(table: Table) -> str:
    """One table as Markdown: its title in bold above, right-justified columns aligned right."""
    headers = [cell_text(column.header) for column in table.columns]
    rules = ["---:" if column.justify == "right" else "---" for column in table.columns]
    columns = [[cell_text(value) for value in column.cells] for column in table.columns]
    rows = list(zip(*columns, strict=True)) if columns else []
    lines = [f"**{cell_text(table.title)}**", ""] if table.title else []
    lines += ["| " + " | ".join(headers) + " |", "| " + " | ".join(rules) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def tables_markdown(tables: Sequence[Table | str]) -> str:
    """Tables as Markdown; a plain line (a footer such as a timing) as itself."""
    parts = [table_markdown(table) if isinstance(table, Table) else table for table in tables]
    return "\n\n".join(parts) + "\n"


def print_tables(tables: Sequence[Table | str], file: TextIO | None = None) -> None:
    """Rich tables on a terminal; Markdown tables with every figure anywhere else."""
    out = file if file is not None else sys.stdout
    if out.isatty():
        Console(file=out).print(*tables)
    else:
        out.write(tables_markdown(tables))


def print_rows(rows: dict[str, str], file: TextIO | None = None) -> None:
    """Label → value lines, the values aligned in one column."""
    out = file if file is not None else sys.stdout
    width = max(len(key) for key in rows)
    out.writelines(f"{key:<{width}}  {value}\n" for key, value in rows.items())


class ProgressBar:
    """Rich progress bars on stderr; silent when disabled. `update(name, done, total)` is the
    callback the pipeline and the model installer take. With a `label`, one bar so labelled
    whose description is the latest name (a document id); without, one bar per name (a step).
    """

    def __init__(self, enabled: bool, label: str | None = None) -> None:
        self._label = label
        self._tasks: dict[str, TaskID] = {}
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                TextColumn("[bold]{task.fields[label]}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
            )

    def __enter__(self) -> Callable[[str, int, int], None]:
        if self._progress is not None:
            self._progress.start()
        return self.update

    def update(self, name: str, done: int, total: int) -> None:
        if self._progress is None:
            return
        key = "" if self._label else name
        if key not in self._tasks:
            self._tasks[key] = self._progress.add_task("", total=total, label=self._label or name)
        description = name if self._label else ""
        self._progress.update(self._tasks[key], completed=done, total=total, description=description)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
