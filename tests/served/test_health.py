"""Probes and outages: /healthz says the process answers, /readyz that the database is
usable; while the database cannot be reached, requests answer 503 with Retry-After.

The outage is made deterministic with a TCP relay of our own between the server and
PostgreSQL: cutting it is the database going away, restoring it the database coming back.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.conftest import _postgres_test_database
from tests.served.accounts import execute_sql
from tests.served.conftest import Server, free_port, start_server, stop_server

POSTGRES = os.environ.get("DATABASE_URL", "") or "postgresql://postgres@127.0.0.1:5432/test"
# Reads rows on every request (the tag catalog, say, is cached in the worker).
VENDORS = {"query": "{ vendors(first: 1) { totalCount } }"}


def test_healthz_and_readyz_answer_on_a_migrated_database(http: httpx.Client) -> None:
    assert http.get("/healthz").json() == {"status": "ok"}
    ready = http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready"}


class Relay:
    """Forwards 127.0.0.1:port to PostgreSQL until cut; cutting resets every connection."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            # shutdown() first: close() alone leaves a socket open while a thread waits on it.
            for open_socket in [*self._sockets, *filter(None, [self._listener])]:
                with contextlib.suppress(OSError):
                    open_socket.shutdown(socket.SHUT_RDWR)
                open_socket.close()
            self._listener = None
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


def postgres_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return False
    return True


@pytest.fixture
def relayed_database() -> Iterator[tuple[Relay, str]]:
    """A fresh PostgreSQL database, reached through a relay the test can cut."""
    if not POSTGRES.startswith(("postgresql", "postgres")) or not postgres_reachable():
        pytest.skip("needs the PostgreSQL server at 127.0.0.1:5432")
    relay = Relay(("127.0.0.1", 5432))
    relay.start()
    for url in _postgres_test_database(POSTGRES):
        name = url.rsplit("/", 1)[1]
        try:
            yield relay, f"postgresql://postgres@127.0.0.1:{relay.port}/{name}"
        finally:
            relay.cut()


@pytest.fixture
def outage_server(relayed_database: tuple[Relay, str], tmp_path: Path) -> Iterator[Server]:
    _, url = relayed_database
    running = start_server(tmp_path, url, extra_env={"RETRY_AFTER_SECONDS": "7"})
    yield running
    stop_server(running)


def test_a_database_outage_is_a_503_with_retry_after_and_liveness_holds(
    relayed_database: tuple[Relay, str], outage_server: Server
) -> None:
    relay, _ = relayed_database
    with httpx.Client(base_url=outage_server.url, timeout=30) as http:
        assert http.get("/readyz").status_code == 200
        before = http.post("/graphql", json=VENDORS)
        assert before.status_code == 200, before.text

        relay.cut()

        ready = http.get("/readyz")
        query = http.post("/graphql", json=VENDORS)
        alive = http.get("/healthz")

    assert ready.status_code == 503
    assert ready.headers["retry-after"] == "7"
    assert ready.json()["status"] == "unavailable"
    assert query.status_code == 503
    assert query.headers["retry-after"] == "7"
    assert query.json() == {
        "errors": [
            {
                "message": "The service is temporarily unavailable; retry shortly.",
                "extensions": {"code": "SERVICE_UNAVAILABLE"},
            }
        ]
    }
    assert alive.status_code == 200
    assert "Unexpected error" not in outage_server.logs()
    assert "Traceback" not in outage_server.logs()


def test_readyz_is_503_when_migrations_are_behind(tmp_path: Path) -> None:
    """A database migrated by an older release (the head's revision rolled back)."""
    database = f"sqlite:///{tmp_path / 'behind.db'}"
    running = start_server(tmp_path, database)
    try:
        execute_sql(database, "UPDATE alembic_version SET version_num = '0001'")
        ready = httpx.get(f"{running.url}/readyz", timeout=30)
    finally:
        stop_server(running)

    assert ready.status_code == 503
    assert "migrations are not current" in ready.json()["reason"]
    assert ready.headers["retry-after"]
