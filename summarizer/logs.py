"""Library logging at the command line's edge: quiet by default, everything with SUMMARIZER_DEBUG=1."""

from __future__ import annotations

import logging
import os

LIBRARY_LOGGERS = ("instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2", "summarizer")


def quiet_library_logs() -> None:
    """Libraries log their own retries at ERROR; the report and our one-line warnings say it better.

    A NullHandler stops Python's last-resort printing to stderr while records still propagate
    to any handler the embedding application (or a test) installed. SUMMARIZER_DEBUG=1 shows all.
    """
    if os.environ.get("SUMMARIZER_DEBUG"):
        logging.basicConfig(level=logging.DEBUG)
        return
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
            logger.addHandler(logging.NullHandler())
