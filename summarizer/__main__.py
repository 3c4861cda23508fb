"""`python -m summarizer`: the command line, for environments without the console script."""

from summarizer.cli import app

app(prog_name="summarizer")
