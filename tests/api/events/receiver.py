"""A webhook endpoint for tests: an HTTP server on 127.0.0.1 that records each request and
answers with the statuses it is given, in turn."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    at: float


class Receiver:
    def __init__(self, server: ThreadingHTTPServer, statuses: list[int]) -> None:
        self.server = server
        self.statuses = statuses
        self.requests: list[Received] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/hooks/vendormatch"

    def answer(self, received: Received) -> int:
        with self.lock:
            self.requests.append(received)
            index = min(len(self.requests), len(self.statuses)) - 1
            return self.statuses[index]

    def wait_for(self, count: int, timeout: float = 15.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.requests) >= count:
                    return list(self.requests)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} deliveries, got {len(self.requests)}")


@contextmanager
def receiver(statuses: list[int] | None = None) -> Iterator[Receiver]:
    """A running endpoint answering `statuses` in turn (the last one from then on)."""
    holder: list[Receiver] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            received = Received(
                headers={key.lower(): value for key, value in self.headers.items()},
                body=self.rfile.read(length),
                at=time.monotonic(),
            )
            status = holder[0].answer(received)
            self.send_response(status)
            self.send_header("content-length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder.append(Receiver(server, statuses or [204]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder[0]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
