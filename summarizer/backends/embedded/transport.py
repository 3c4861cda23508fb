"""Requests adapted to what llama.cpp's server accepts: json_schema response formats become
json_object + schema, which the server turns into a grammar."""

from __future__ import annotations

import json
from typing import Any

import httpx2


def rewrite_json_schema_body(body: dict[str, Any]) -> dict[str, Any] | None:
    """The chat-completion body with `response_format` json_schema turned into json_object + schema.

    llama.cpp's server answers `{"type": "json_schema", ...}` with HTTP 500, but constrains
    generation with a grammar built from the schema of `{"type": "json_object", "schema": ...}`.
    Returns None when the body needs no rewrite.
    """
    response_format = body.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_schema":
        return None
    json_schema = response_format.get("json_schema")
    schema = json_schema.get("schema") if isinstance(json_schema, dict) else None
    rewritten_format: dict[str, Any] = {"type": "json_object"}
    if schema is not None:
        rewritten_format["schema"] = schema
    return {**body, "response_format": rewritten_format}


def rewrite_json_schema_request(request: httpx2.Request) -> httpx2.Request:
    """`request` with its body rewritten by `rewrite_json_schema_body`, or `request` itself."""
    if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
        return request
    try:
        body = json.loads(request.read())
    except ValueError:
        return request
    rewritten = rewrite_json_schema_body(body) if isinstance(body, dict) else None
    if rewritten is None:
        return request
    headers = [
        (key, value) for key, value in request.headers.multi_items() if key.lower() != "content-length"
    ]
    return httpx2.Request(
        request.method,
        request.url,
        headers=headers,
        content=json.dumps(rewritten).encode("utf-8"),
        extensions=request.extensions,
    )


class JsonSchemaRewritingTransport(httpx2.BaseTransport):
    """An httpx2 transport that rewrites json_schema response formats, then sends as `inner` does."""

    def __init__(self, inner: httpx2.BaseTransport | None = None) -> None:
        self._inner = inner or httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        return self._inner.handle_request(rewrite_json_schema_request(request))

    def close(self) -> None:
        self._inner.close()


def json_schema_rewriting_http_client(inner: httpx2.BaseTransport | None = None) -> httpx2.Client:
    """An `http_client` for `openai.OpenAI` talking to llama.cpp's server.

    openai 3.x is built on `httpx2`, so the transport is an httpx2 one. The client keeps the
    SDK's own defaults (timeouts, connection limits, redirects).
    """
    import openai  # the LLM layer's dependency; imported here so doctor and the core stay light

    return openai.DefaultHttpxClient(transport=JsonSchemaRewritingTransport(inner))
