"""A small HTTP/1.1 keep-alive load client over asyncio streams.

httpx spends more CPU per request than a fast endpoint does, and on a 2-core machine the
client would be the bottleneck. Here each request is pre-encoded bytes written to an open
connection, and a response is read by its status line and Content-Length (or chunks):
no parsing beyond what the check needs.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

# A check returns what is wrong with a response, or None when it is fine.
Check = Callable[[int, bytes], str | None]


class BadResponse(Exception):
    """A response the benchmark cannot count: a wrong status, errors, a broken message."""


@dataclass(frozen=True)
class Endpoint:
    """Where requests go: host, port and path of a URL."""

    host: str
    port: int
    path: str

    @classmethod
    def from_url(cls, url: str) -> Endpoint:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"an http:// URL is needed, not {url!r}")
        return cls(parts.hostname, parts.port or 80, parts.path or "/")


def encode_post(endpoint: Endpoint, body: bytes, headers: Mapping[str, str] | None = None) -> bytes:
    """One POST request with `body`, as bytes ready to write."""
    headers = headers or {}
    lines = [
        f"POST {endpoint.path} HTTP/1.1",
        f"Host: {endpoint.host}:{endpoint.port}",
        "Content-Type: application/json",
        "Accept: application/json",
        f"Content-Length: {len(body)}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    """(status, body) of the next response on the connection."""
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length: int | None = None
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
    if chunked:
        return status, await _read_chunks(reader)
    if length is None:
        raise BadResponse("a response without Content-Length or chunks")
    return status, await reader.readexactly(length)


async def _read_chunks(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # the empty trailer
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


@dataclass(frozen=True)
class Sample:
    """Latencies (seconds) of the requests answered in one measured run, and its length."""

    latencies: list[float]
    seconds: float


async def send_one(endpoint: Endpoint, request: bytes, check: Check, timeout: float) -> bytes:
    """One request on a fresh connection (priming a cold server may take long)."""
    reader, writer = await asyncio.open_connection(endpoint.host, endpoint.port)
    try:
        writer.write(request)
        status, body = await asyncio.wait_for(read_response(reader), timeout)
    finally:
        writer.close()
    problem = check(status, body)
    if problem:
        raise BadResponse(problem)
    return body


async def load(
    endpoint: Endpoint,
    requests: Sequence[bytes],
    check: Check,
    *,
    connections: int,
    seconds: float,
) -> Sample:
    """Send `requests` in turn over `connections` keep-alive connections for `seconds`.

    Every response is checked; the first bad one stops the run (a benchmark of errors
    measures nothing). The garbage collector is paused so the client never stalls.
    """
    turn = itertools.count()
    latencies: list[float] = []
    started = time.perf_counter()
    deadline = started + seconds
    finished = started

    async def connection() -> None:
        nonlocal finished
        reader, writer = await asyncio.open_connection(endpoint.host, endpoint.port)
        try:
            while time.perf_counter() < deadline:
                request = requests[next(turn) % len(requests)]
                sent = time.perf_counter()
                writer.write(request)
                status, body = await read_response(reader)
                done = time.perf_counter()
                problem = check(status, body)
                if problem:
                    raise BadResponse(problem)
                latencies.append(done - sent)
                finished = max(finished, done)
        finally:
            writer.close()

    collecting = gc.isenabled()
    gc.disable()
    try:
        await asyncio.gather(*(connection() for _ in range(connections)))
    finally:
        if collecting:
            gc.enable()
    return Sample(latencies, finished - started)
