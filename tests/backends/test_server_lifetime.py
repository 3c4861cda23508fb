"""No orphaned model server: however the process that started it ends (SIGTERM, SIGINT,
SIGKILL), in the middle of a slow request, the server is gone within a few seconds.

The server here is a fake (tests/fake_llama_server.py) started through the real
`EmbeddedServer` launch path; like llama.cpp's server, it ignores SIGTERM while it works."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from paths import ROOT

PARENT = """
import signal, sys, urllib.request
from pathlib import Path
from summarizer.backends.embedded import server

server.llama_cpp_version = lambda: "fake"

class FakeLlamaServer(server.EmbeddedServer):
    def command(self, model_path, port):
        return [sys.executable, {fake!r}, str(port)]

signal.signal(signal.SIGTERM, signal.default_int_handler)  # as the CLI does
# Ctrl-C as at a terminal: a process started in the background of a script inherits SIGINT ignored.
signal.signal(signal.SIGINT, signal.default_int_handler)
with FakeLlamaServer(model_path=Path({model!r}), cache_dir=Path({cache!r})) as running:
    print(running.pid, flush=True)
    request = urllib.request.Request(running.base_url + "/chat/completions", data=b"{{}}")
    urllib.request.urlopen(request, timeout=600)
"""


def gone(pid: int) -> bool:
    """Exited (a zombie waiting for its reaper counts as exited)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in {"Z", "X"}


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
@pytest.mark.parametrize("ending", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=lambda s: s.name)
def test_the_server_dies_with_the_process_that_started_it(tmp_path: Path, ending: signal.Signals) -> None:
    model = tmp_path / "fake.gguf"
    model.write_bytes(b"not a model")
    code = PARENT.format(
        fake=str(ROOT / "tests" / "fake_llama_server.py"), model=str(model), cache=str(tmp_path)
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    try:
        assert parent.stdout is not None
        server_pid = int(parent.stdout.readline())
        time.sleep(0.5)  # the slow request is in flight
        assert not gone(server_pid)
        os.kill(parent.pid, ending)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 5
        while not gone(server_pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gone(server_pid), f"the server outlived its parent ({ending.name})"
    finally:
        if parent.poll() is None:
            parent.kill()
        if "server_pid" in locals() and not gone(server_pid):
            os.kill(server_pid, signal.SIGKILL)
