"""Errors a user can act on. The CLI turns each into one line and an exit code."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base class: the message is shown to the user as one line."""

    exit_code = 1


class InputError(SummarizerError):
    """Bad input: a missing file, a directory with no articles, nothing readable."""

    exit_code = 2


class ConfigError(SummarizerError):
    """Bad configuration: an unknown mode, a missing model, an unreachable endpoint."""

    exit_code = 2


class BackendError(SummarizerError):
    """The model backend could not be started or did not answer."""


class BudgetExceeded(SummarizerError):
    """The run reached its token budget; what was done before is kept."""


class ExtractionFailed(SummarizerError):
    """One document could not be extracted after retries and re-asks."""


class RunTooLarge(SummarizerError):
    """The run would need more model requests than the set limit; nothing was sent."""

    exit_code = 2
