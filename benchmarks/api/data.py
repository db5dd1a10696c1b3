"""The benchmark's database: a fresh SQLite file or PostgreSQL database (or one given),
filled with N generated vendors through `vendormatch seed --file`."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from api.core.settings import Settings, to_async_url
from benchmarks.api.servers import console_script
from benchmarks.vendor_file import write_vendor_file

DATABASE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
# A fixed secret, so tokens the server signs verify in the in-process app too.
SECRET_KEY = "vendormatch-bench-api-secret-key-long-enough-for-hs256"


@dataclass(frozen=True)
class BenchDatabase:
    """A database the run uses, and the environment every process of the run gets."""

    kind: str  # "sqlite" or "postgresql"
    data_dir: Path
    database_url: str  # "" for the SQLite file in data_dir

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "VENDORMATCH_DATA_DIR"}
        }
        env.update(
            VENDORMATCH_DATA_DIR=str(self.data_dir),
            RATE_LIMITS_ENABLED="false",
            LOG_LEVEL="WARNING",
            SECRET_KEY=SECRET_KEY,
        )
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def settings(self) -> Settings:
        """The same settings the server reads from env()."""
        return Settings(
            DATABASE_URL=self.database_url,
            VENDORMATCH_DATA_DIR=self.data_dir,
            RATE_LIMITS_ENABLED=False,
            LOG_LEVEL="WARNING",
            SECRET_KEY=SECRET_KEY,
        )

    def async_url(self) -> str:
        return self.settings().resolved_database_url()


async def _admin(admin_url: str, statement: str) -> None:
    engine = create_async_engine(
        to_async_url(admin_url), poolclass=NullPool, isolation_level="AUTOCOMMIT"
    )
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


@contextmanager
def fresh_database(
    kind: str, data_dir: Path, *, postgres_url: str, name: str, keep: bool
) -> Iterator[BenchDatabase]:
    """A new empty database: a file in `data_dir`, or database `name` on `postgres_url`
    (created here, dropped at the end unless `keep`)."""
    if kind == "sqlite":
        yield BenchDatabase("sqlite", data_dir, "")
        return
    if not DATABASE_NAME.fullmatch(name):
        raise ValueError(f"database name {name!r}: use lowercase letters, digits and _")
    asyncio.run(_admin(postgres_url, f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield BenchDatabase("postgresql", data_dir, url)
    finally:
        if not keep:
            asyncio.run(_admin(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def given_database(url: str, data_dir: Path) -> BenchDatabase:
    """A database that exists already: used as it is, neither filled nor dropped."""
    kind = make_url(to_async_url(url)).get_backend_name()
    return BenchDatabase("postgresql" if kind == "postgresql" else "sqlite", data_dir, url)


def load_vendors(database: BenchDatabase, vendors: int, seed: int) -> float:
    """Seconds `vendormatch seed --file` takes to load `vendors` generated vendors."""
    path = database.data_dir / "vendors.json"
    write_vendor_file(path, vendors, seed)
    started = time.perf_counter()
    subprocess.run(
        [console_script("vendormatch"), "seed", "--file", str(path)],
        env=database.env(),
        check=True,
        stdout=sys.stderr,
    )
    return time.perf_counter() - started
