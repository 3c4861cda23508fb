"""`summarizer model install` and `summarizer model status`: the English parser and the embedded
model, installed hash-checked, and what of them is there. Registered by `summarizer.cli`."""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.options import QuietOption


def model_install(
    quiet: QuietOption = False,
    parser_only: Annotated[bool, typer.Option("--parser-only", help="Only the English parser.")] = False,
) -> None:
    """Install the English parser (every run needs it), llama.cpp's server and the hash-pinned
    weights, then join and verify the model file. Idempotent: what is installed is kept."""
    from summarizer.backends.embedded.install import install_model
    from summarizer.render.console import ProgressBar, print_rows
    from summarizer.text.nlp import install_nlp_model

    typer.echo(f"English parser: {install_nlp_model(quiet=True)}")
    if not parser_only:
        with ProgressBar(enabled=not quiet) as on_progress:
            status = install_model(progress=on_progress)
        print_rows(status.rows())


def model_status() -> None:
    """Say what of the embedded model is installed (exit 1 when a run could not use it)."""
    from summarizer.backends.embedded.install import model_status as status_of
    from summarizer.render.console import print_rows
    from summarizer.text.nlp import INSTALL_HINT, nlp_dir, nlp_installed

    status = status_of()
    parser = str(nlp_dir()) if nlp_installed() else f"not installed: {INSTALL_HINT}"
    print_rows({"English parser": parser, **status.rows()})
    if not status.ready or not nlp_installed():
        raise typer.Exit(1)
