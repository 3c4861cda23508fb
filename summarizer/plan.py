"""How much model work a run will need, known before the first call: requests and prompt tokens.

`plan_run` counts, per document, the requests the extraction strategy will send (the sentence
windows of `chunk_sentences` for 'sentences'; the label batches for 'candidates', from the
figures and quotation marks the finder starts from; one per figure and asked kind for
'questions'; none for 'rules'), plus one summary
request, and estimates their prompt tokens from the text each request shows (about four
characters a token, plus the prompt itself). `check_run_size` raises `RunTooLarge` when the plan
is over `Settings.max_model_requests`, so a 5 MB article or a folder of thousands is refused
before it costs hours. No LLM, no spaCy: the documents' sentences (segmented at ingest) and a
scan of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.config import Settings, Strategy
from summarizer.errors import RunTooLarge
from summarizer.schemas import Document
from summarizer.text.segment import segment

CHARS_PER_TOKEN = 4
PROMPT_TOKENS = 600  # the instructions and schema each request carries besides the text
QUESTION_TOKENS = 80  # a question's own tokens after its document's shared excerpt
_QUOTE_MARKS = ('"', "\u201c")
_FIGURE = re.compile(r"\d[\d,.]*")  # a cheap upper bound of the finder's number phrases


@dataclass(frozen=True, slots=True)
class RunPlan:
    """The model work of a run: requests to send and the prompt tokens they will carry."""

    documents: int
    requests: int
    prompt_tokens: int

    def describe(self) -> str:
        return (
            f"{self.requests:,} model requests (about {self.prompt_tokens:,} prompt tokens) "
            f"for {self.documents:,} document{'s' if self.documents != 1 else ''}"
        )


def plan_run(documents: Sequence[Document], settings: Settings, strategy: Strategy) -> RunPlan:
    """The requests and prompt tokens `strategy` will need for `documents` (none for 'rules')."""
    if strategy in ("rules", "auto") or settings.llm == "none":
        return RunPlan(len(documents), 0, 0)
    requests = tokens = 0
    for document in documents:
        sentences = document.sentences or segment(document.text)
        if strategy == "sentences":
            from summarizer.extraction.sentences import chunk_ranges

            for window in chunk_ranges(len(sentences), settings.chunk_sentences, settings.chunk_overlap):
                shown = sum(sentences[i].end - sentences[i].start for i in window) if window else 0
                requests += 1
                tokens += PROMPT_TOKENS + shown // CHARS_PER_TOKEN
        elif strategy == "questions":
            from summarizer.extraction.questions import MAX_CONTEXT_CHARS, asked_kinds, run_thresholds

            # One short question per figure and asked kind, after one read of the article excerpt.
            kinds = asked_kinds(run_thresholds(settings.ask))
            asked = len(kinds) * sum(1 for _ in _FIGURE.finditer(document.text))
            requests += asked
            if asked:
                tokens += (
                    min(len(document.text), MAX_CONTEXT_CHARS) // CHARS_PER_TOKEN + asked * QUESTION_TOKENS
                )
        else:
            from summarizer.extraction.candidates import BATCH_CLAIMS, BATCH_QUOTES

            figures = sum(1 for _ in _FIGURE.finditer(document.text))
            quotes = sum(document.text.count(mark) for mark in _QUOTE_MARKS) // 2
            batches = max(-(-figures // BATCH_CLAIMS), -(-quotes // BATCH_QUOTES))
            requests += batches
            # Each label request shows the article, whose processed prefix the server reuses.
            tokens += batches * PROMPT_TOKENS + (len(document.text) // CHARS_PER_TOKEN if batches else 0)
    if settings.summary and documents:
        requests += 1
        tokens += PROMPT_TOKENS + sum(len(d.text) for d in documents) // (CHARS_PER_TOKEN * 8)
    return RunPlan(len(documents), requests, tokens)


def check_run_size(plan: RunPlan, settings: Settings) -> None:
    """Raise `RunTooLarge` (one line) when `plan` needs more requests than the setting allows."""
    limit = settings.max_model_requests
    if limit is not None and plan.requests > limit:
        raise RunTooLarge(
            f"this run needs {plan.describe()}, over the limit of {limit:,} "
            "(max_model_requests): split the input, raise the limit, or pass --yes"
        )
