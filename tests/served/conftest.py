"""The served tier: `vendormatch serve` started as a process on a free port, driven by real
clients over HTTP and WebSocket, the way users run it.

In-process tests once passed while every WebSocket upgrade on a real install failed; these
tests catch what only a real server, its installed dependencies and its CLI can break.
The database is the one the suite runs on: a SQLite file, or a fresh PostgreSQL database
when DATABASE_URL names a server.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
import pytest

from tests.conftest import _postgres_test_database

STARTUP_SECONDS = 60
SECRET_KEY = "served-tier-secret-key-long-enough-for-hs256"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running `vendormatch serve`: where it listens and what it logged."""

    url: str
    process: subprocess.Popen[str]
    log: Path
    env: dict[str, str]

    @property
    def graphql(self) -> str:
        return f"{self.url}/graphql"

    @property
    def websocket(self) -> str:
        return self.graphql.replace("http://", "ws://", 1)

    def logs(self) -> str:
        return self.log.read_text(errors="replace")


def vendormatch_command() -> list[str]:
    """The installed console script, as a user runs it (next to this Python)."""
    script = Path(sys.executable).with_name("vendormatch")
    if script.exists():
        return [str(script)]
    found = shutil.which("vendormatch")
    assert found, "the vendormatch console script is not installed"
    return [found]


def start_server(
    tmp: Path, database_url: str, *, extra_env: dict[str, str] | None = None, workers: int = 1
) -> Server:
    """Start `vendormatch serve` (with `workers` processes) and wait until /healthz answers
    and every worker has started (else the first would take every connection of a test)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "VENDORMATCH_DATA_DIR": str(tmp / "var"),
        "SECRET_KEY": SECRET_KEY,
        # Hashing is deliberately slow in production; the tier signs in many times.
        "ARGON2_TIME_COST": "1",
        "ARGON2_MEMORY_COST": "1024",
        "SUBSCRIPTION_POLL_SECONDS": "0.1",
        # Many tests share one instance from one address; limit tests start their own.
        "RATE_LIMITS_ENABLED": "false",
        **(extra_env or {}),
    }
    log = tmp / f"serve-{port}.log"
    command = [*vendormatch_command(), "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    with log.open("w") as out:
        process = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, text=True, cwd=tmp
        )
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log, env=env)
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"vendormatch serve exited early:\n{server.logs()}")
        try:
            answered = httpx.get(f"{server.url}/healthz", timeout=1).status_code == 200
        except httpx.TransportError:
            answered = False
        if answered and server.logs().count("Application startup complete") >= workers:
            return server
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"vendormatch serve did not start in {STARTUP_SECONDS} s:\n{server.logs()}")


def stop_server(server: Server) -> None:
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGINT)
        try:
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait()


def fresh_database_url(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[str]:
    """A new database named after `name`, on the engine the suite runs on."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgresql", "postgres")):
        # The server takes the plain URL form users write; the helper hands back an async one.
        for url in _postgres_test_database(configured):
            yield url.replace("postgresql+asyncpg://", "postgresql://", 1)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp(f'{name}-db') / f'{name}.db'}"


@pytest.fixture(scope="session")
def served_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database of the served tier's own."""
    yield from fresh_database_url(tmp_path_factory, "served")


@pytest.fixture(scope="session")
def server(served_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One served instance for the tier (it migrates and loads the taxonomy on start)."""
    running = start_server(tmp_path_factory.mktemp("served"), served_database_url)
    yield running
    stop_server(running)


@pytest.fixture
def http(server: Server) -> Iterator[httpx.Client]:
    """A plain HTTP client against the served instance."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client
