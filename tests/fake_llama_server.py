"""A fake of llama.cpp's server for process tests: answers `GET /v1/models`, and holds every
`POST` for ten minutes while ignoring SIGTERM, as the real server does while it generates.

Run as `python fake_llama_server.py PORT`; loopback only."""

from __future__ import annotations

import signal
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"object": "list", "data": []}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        time.sleep(600)

    def log_message(self, format: str, *args: object) -> None:
        return


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), _Handler).serve_forever()
