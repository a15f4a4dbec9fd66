"""A real HTTP receiver on localhost for the webhook tests. It checks every signature with the
`standardwebhooks` library (an implementation of the spec independent of ours) and answers with the
status codes a test scripts."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    webhook_id: str
    verified: bool
    payload: dict[str, Any]
    answered: int
    host: str = ""  # the Host header: the receiver's name, even when the server connected to an address


@dataclass
class Receiver:
    url: str
    secret: str | None = None
    # Status codes to answer, in order; 200 once they run out.
    script: list[int] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, body: bytes, headers: dict[str, str]) -> int:
        try:
            Webhook(self.secret or "whsec_" + "A" * 32).verify(body, headers)
            verified = True
        except WebhookVerificationError:
            verified = False
        with self.lock:
            status = self.script.pop(0) if self.script else 200
            self.received.append(
                Received(headers.get("webhook-id", ""), verified, json.loads(body), status, headers.get("host", ""))
            )
        return status

    def ids(self) -> list[str]:
        return [r.webhook_id for r in self.received]

    def accepted(self) -> list[Received]:
        return [r for r in self.received if 200 <= r.answered < 300]


@contextmanager
def receiver(path: str = "/hooks") -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            status = state.take(body, {k.lower(): v for k, v in self.headers.items()})
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, *_args: object) -> None:
            pass  # quiet test output

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}{path}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
