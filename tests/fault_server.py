"""A fault-injecting OpenAI-compatible HTTP server for tests.

A real `ThreadingHTTPServer` on 127.0.0.1 (a free port) that speaks enough of the chat
completions API for the openai client and instructor, in TOOLS mode (the answer is a forced
tool call) and in the JSON modes (the answer is the message content). Each test scripts it
with a queue of behaviours, consumed one per POST /v1/chat/completions:

    with FaultServer() as server:
        server.script(status(429, retry_after=0), ok({"city": "Kharkiv", "count": 3}))
        ...  # drive the real client at server.base_url
        assert len(server.completions) == 2

When the queue is empty the server asks `responder` (if set) for a behaviour, else it answers
HTTP 400 "script exhausted" so an unexpected extra request fails the test loudly. Every request
is recorded (method, path, headers, parsed JSON body). Sleeps wait on an event that `stop()`
sets, so a test never outlives its server by a timeout's length.
"""

from __future__ import annotations

import json
import re
import socket
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

PROMPT_TOKENS = 100
COMPLETION_TOKENS = 20
MODEL_ID = "fault-model"

Kind = Literal[
    "ok", "status", "timeout", "drop", "truncated_json", "schema_invalid", "empty_choices", "slow", "length"
]


@dataclass(frozen=True)
class Behaviour:
    """What the server does with one chat-completions request."""

    kind: Kind
    payload: dict[str, Any] | None = None
    status: int = 200
    retry_after: float | None = None
    seconds: float = 0.0


def ok(payload: dict[str, Any]) -> Behaviour:
    """A valid completion whose tool call arguments (or content) are `payload` as JSON."""
    return Behaviour("ok", payload=payload)


def status(code: int, retry_after: float | None = None) -> Behaviour:
    """An OpenAI-style error body with this HTTP status, and a Retry-After header if given."""
    return Behaviour("status", status=code, retry_after=retry_after)


def timeout(seconds: float) -> Behaviour:
    """Say nothing for `seconds` (longer than the client's timeout), then answer too late."""
    return Behaviour("timeout", payload={}, seconds=seconds)


def drop() -> Behaviour:
    """Close the connection without sending a response."""
    return Behaviour("drop")


def truncated_json(payload: dict[str, Any] | None = None) -> Behaviour:
    """A 200 whose tool arguments (or content) are the JSON of `payload` cut off halfway."""
    return Behaviour("truncated_json", payload=payload or {"city": "Kharkiv", "count": 3})


def schema_invalid(payload: dict[str, Any]) -> Behaviour:
    """Well-formed JSON that the test's response model rejects."""
    return Behaviour("schema_invalid", payload=payload)


def empty_choices() -> Behaviour:
    """A 200 with `choices: []` (some proxies answer so when a filter or overload hits)."""
    return Behaviour("empty_choices")


def slow(seconds: float, payload: dict[str, Any]) -> Behaviour:
    """A valid completion sent after `seconds` (shorter than the client's timeout)."""
    return Behaviour("slow", payload=payload, seconds=seconds)


def length_cutoff(payload: dict[str, Any]) -> Behaviour:
    """finish_reason 'length': the model hit max_tokens and its JSON is cut off."""
    return Behaviour("length", payload=payload)


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str] = field(repr=False)  # lower-cased names
    body: dict[str, Any] | None


Responder = Callable[[dict[str, Any]], Behaviour]


class FaultServer:
    def __init__(self) -> None:
        self.requests: list[RecordedRequest] = []
        self.responder: Responder | None = None
        self.max_in_flight = 0  # the most chat-completions requests handled at once
        self._in_flight = 0
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_class(self))
        self._httpd.daemon_threads = True
        # A short poll interval: shutdown() waits for it, once per test.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, name="fault-server", daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    @property
    def completions(self) -> list[RecordedRequest]:
        """The chat-completions requests received so far, in order."""
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    @property
    def remaining(self) -> int:
        """Scripted behaviours not consumed yet."""
        with self._lock:
            return len(self._script)

    def script(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._script.extend(behaviours)

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping in timeout/slow
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ used by the handler

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _next(self, body: dict[str, Any]) -> Behaviour | None:
        with self._lock:
            if self._script:
                return self._script.popleft()
        return self.responder(body) if self.responder is not None else None

    def _entered(self) -> None:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)

    def _left(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True if it stopped."""
        return self._stopping.wait(seconds)


def _handler_class(server: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            """Silence the default stderr access log."""

        def do_GET(self) -> None:
            self._record(None)
            if self.path.rstrip("/").endswith("/models"):
                model = {"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "tests"}
                self._send_json(200, {"object": "list", "data": [model]})
            else:
                self._send_error(404, "not found")

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else {}
            except ValueError:
                self._record(None)
                self._send_error(400, "request body is not JSON")
                return
            self._record(body)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send_error(404, "not found")
                return
            behaviour = server._next(body)
            if behaviour is None:
                self._send_error(400, "fault server: script exhausted")
                return
            server._entered()
            try:
                self._act(behaviour, body)
            finally:
                server._left()

        def _record(self, body: dict[str, Any] | None) -> None:
            headers = {name.lower(): value for name, value in self.headers.items()}
            server._record(RecordedRequest(self.command, self.path, headers, body))

        def _act(self, behaviour: Behaviour, body: dict[str, Any]) -> None:
            kind = behaviour.kind
            if kind == "status":
                extra = {} if behaviour.retry_after is None else {"Retry-After": f"{behaviour.retry_after:g}"}
                self._send_error(behaviour.status, f"injected HTTP {behaviour.status}", extra)
            elif kind == "drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif kind in ("timeout", "slow"):
                if server._sleep(behaviour.seconds):
                    return  # the server is stopping: no one is listening any more
                self._send_completion(body, json.dumps(behaviour.payload))
            elif kind == "truncated_json":
                text = json.dumps(behaviour.payload)
                self._send_completion(body, text[: len(text) // 2])
            elif kind == "empty_choices":
                self._send_json(200, _completion(body, choices=[]))
            elif kind == "length":
                text = json.dumps(behaviour.payload)
                self._send_completion(body, text[: len(text) // 2], finish_reason="length")
            else:  # ok, schema_invalid
                self._send_completion(body, json.dumps(behaviour.payload))

        def _send_completion(self, body: dict[str, Any], text: str, finish_reason: str = "stop") -> None:
            self._send_json(200, _completion(body, choices=[_choice(body, text, finish_reason)]))

        def _send_error(self, code: int, message: str, headers: dict[str, str] | None = None) -> None:
            error = {"error": {"message": message, "type": "injected_fault", "code": code}}
            self._send_json(code, error, headers)

        def _send_json(
            self, code: int, payload: dict[str, Any], headers: dict[str, str] | None = None
        ) -> None:
            data = json.dumps(payload).encode("utf-8")
            try:
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the client gave up (it timed out): nothing to answer

    return Handler


def _completion(body: dict[str, Any], choices: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fault",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", MODEL_ID),
        "choices": choices,
        "usage": {
            "prompt_tokens": PROMPT_TOKENS,
            "completion_tokens": COMPLETION_TOKENS,
            "total_tokens": PROMPT_TOKENS + COMPLETION_TOKENS,
        },
    }


def _choice(body: dict[str, Any], text: str, finish_reason: str) -> dict[str, Any]:
    """TOOLS mode (the request offers tools): a call of the forced tool; else plain content."""
    tools = body.get("tools") or []
    if not tools:
        message: dict[str, Any] = {"role": "assistant", "content": text}
    else:
        forced = body.get("tool_choice")
        name = forced["function"]["name"] if isinstance(forced, dict) else tools[0]["function"]["name"]
        call = {"id": "call_fault", "type": "function", "function": {"name": name, "arguments": text}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    return {"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}


# --------------------------------------------------------------------------- per-document scripts

_ARTICLE = re.compile(r"^Article (\S+?)(?: \(published [^)]*\))?:$", re.MULTILINE)


def requested_document(body: dict[str, Any]) -> str | None:
    """The document an extraction request is about: the 'Article <id>:' line of its user message."""
    for message in body.get("messages", []):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            found = _ARTICLE.search(content)
            if found:
                return found.group(1)
    return None


class PerDocument:
    """A responder for pipeline runs: each document's scripted behaviours in order, then `default`.

    Documents are extracted in any order (and at once, with concurrency), so one global queue
    cannot say which document gets which fault; this one can.
    """

    def __init__(self, default: Callable[[str], Behaviour]) -> None:
        self.default = default
        self._scripts: dict[str, deque[Behaviour]] = {}
        self._lock = threading.Lock()

    def script(self, document: str, *behaviours: Behaviour) -> None:
        with self._lock:
            self._scripts.setdefault(document, deque()).extend(behaviours)

    def __call__(self, body: dict[str, Any]) -> Behaviour:
        document = requested_document(body)
        if document is None:
            return status(400)
        with self._lock:
            queue = self._scripts.get(document)
            if queue:
                return queue.popleft()
        return self.default(document)


# --------------------------------------------------------------------------- articles with known answers
#
# Generated articles, one figure each, and the extraction a good model gives for each: what
# pipeline-level tests script the server with.

CITIES = ["Kharkiv", "Odesa", "Dnipro", "Lviv", "Sumy", "Kherson", "Poltava", "Zaporizhzhia"]
DOC_IDS = [f"doc{chr(ord('a') + index)}" for index in range(len(CITIES))]


def article_text(index: int) -> str:
    return (
        f"Officials said {index + 2} people were killed in {CITIES[index]} on Saturday.\n"
        "Rescuers searched the rubble overnight.\n"
    )


def write_articles(folder: Path, count: int) -> list[Path]:
    """Articles doca.txt, docb.txt, ... in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"{DOC_IDS[index]}.txt"
        path.write_text(article_text(index), encoding="utf-8")
        paths.append(path)
    return paths


def answer_for(document: str) -> dict[str, Any]:
    """The extraction (extract.ExtractionResponse as JSON) of a generated article."""
    index = DOC_IDS.index(document)
    city = CITIES[index]
    return {
        "events": [{"sentence": 0, "description": f"strike on {city}", "kind": "strike", "places": [city]}],
        "claims": [
            {
                "sentence": 0,
                "quantity_phrase": str(index + 2),
                "metric": "killed",
                "place": city,
                "event": 0,
                "attributed_to": "Officials",
            }
        ],
        "quotes": [],
    }


def good_answer(document: str) -> Behaviour:
    return ok(answer_for(document))


# A claim pointing at a sentence the article does not have: fails validation every time.
BAD_ANSWER: dict[str, Any] = {"claims": [{"sentence": 99, "quantity_phrase": "7", "metric": "killed"}]}
