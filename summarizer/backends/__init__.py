"""Backends: the one `StructuredLLM` protocol and everything that answers it (the
OpenAI-compatible backend, the embedded llama.cpp model), the wrappers around it (cache,
budget) and the fakes for tests.

The only package that imports openai or instructor. May import `schemas`, `errors` and
`config`; never `text`, `extraction`, `reconcile`, `render` or `evaluation`.
"""
