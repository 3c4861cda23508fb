"""llama.cpp's OpenAI-compatible server on 127.0.0.1: start it on a free port, wait until it
answers, stop it (also on interpreter exit and when this process dies)."""

from __future__ import annotations

import atexit
import importlib.metadata
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Self

from summarizer.backends.embedded.weights import (
    EMBEDDED_MODEL,
    INSTALL_HINT,
    EmbeddedModel,
    ensure_model_file,
)
from summarizer.config import default_cache_dir
from summarizer.errors import BackendError

LLAMA_CPP_HINT = INSTALL_HINT

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
    # llama.cpp's server finishes the request it is generating before it honours SIGTERM, so a
    # stop waits briefly and then kills it: nothing of its state is worth keeping.
    STOP_GRACE_S = 2.0
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
        logits_all: bool = False,
    ) -> None:
        """`model_path` defaults to the packaged model, joined on first use. With `chat_format`
        None the server uses the chat template inside the GGUF (for Qwen2.5 that template
        handles tools); forced tool calls and json_object + schema are grammar-constrained.
        `logits_all` keeps every prompt token's logits, which this server needs to answer with
        log-probabilities (multiple-choice questions): on 2 cores about 15% slower prompt
        reading and n_ctx x 600 KB of address space (the rows are written as tokens are read).
        """
        self._model_path = model_path
        self._model = model
        self._cache_dir = cache_dir or default_cache_dir()
        self._n_ctx = n_ctx
        self._threads = threads or default_threads()
        self._chat_format = chat_format
        self._startup_timeout_s = startup_timeout_s
        self._logits_all = logits_all
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
            # The default keeps logits for every prompt token: 2.5x the memory, and slower; only
            # answers with log-probabilities need them.
            "--logits_all", "true" if self._logits_all else "false",
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
    """In the server process, before exec: ask Linux to kill it when its parent dies, however
    the parent dies (SIGKILL included), so no orphaned server keeps the CPU busy. SIGKILL, not
    SIGTERM: a server in the middle of generating does not stop on SIGTERM."""
    if sys.platform != "linux":
        return
    import ctypes

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(pr_set_pdeathsig, signal.SIGKILL)


def _answers(url: str, timeout_s: float) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False
