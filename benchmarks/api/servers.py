"""The processes a run starts: `vendormatch serve` (the installed console script) and the
bare endpoint, each on a free port, stopped (their whole process group) at the end."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import httpx2 as httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def console_script(name: str) -> str:
    """The console script installed beside this interpreter, else the one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (pip install -e .)")
    return found


@contextmanager
def process(
    command: list[str], env: Mapping[str, str], ready_url: str, *, timeout: float, log: Path
) -> Iterator[None]:
    """Run `command` until the block ends, once `ready_url` answers 200."""
    with log.open("wb") as output:
        child = subprocess.Popen(
            command, env=dict(env), stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_ready(child, ready_url, timeout, log)
            yield
        finally:
            stop(child)


def wait_ready(child: subprocess.Popen[bytes], url: str, timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise RuntimeError(f"exited with {child.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} was not ready within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop(child: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the child's own process group (uvicorn and anything it started)."""
    if child.poll() is None:
        os.killpg(child.pid, signal.SIGTERM)
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()


@contextmanager
def vendormatch_server(env: Mapping[str, str], log: Path) -> Iterator[str]:
    """`vendormatch serve` with one worker; yields its base URL once /readyz answers."""
    port = free_port()
    command = [console_script("vendormatch"), "serve", "--port", str(port), "--workers", "1"]
    base = f"http://127.0.0.1:{port}"
    with process(command, env, f"{base}/readyz", timeout=300, log=log):
        yield base


@contextmanager
def bare_server(plan: Path, env: Mapping[str, str], log: Path) -> Iterator[str]:
    """The bare endpoint over `plan`; yields its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "benchmarks.api.bare", str(plan), "--port", str(port)]
    base = f"http://127.0.0.1:{port}"
    with process(command, env, f"{base}/healthz", timeout=60, log=log):
        yield base
