"""Shared fixtures: one database per run (SQLite, or PostgreSQL when DATABASE_URL says so),
cleaned between tests; an app served through Starlette's TestClient; GraphQL helpers."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

# Hashing is deliberately slow in production; tests need thousands of them.
os.environ.setdefault("ARGON2_TIME_COST", "1")
os.environ.setdefault("ARGON2_MEMORY_COST", "1024")

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool
from starlette.testclient import TestClient

from api.app import create_app
from api.core.migrate import upgrade
from api.core.settings import Settings, to_async_url
from api.tables import metadata
from tests.graphql_client import GraphQLClient

# Reference data survives between tests; everything users write is wiped.
REFERENCE_TABLES = {"tag", "tag_alias", "tag_relation", "alembic_version"}


def _postgres_test_database(base_url: str) -> Iterator[str]:
    """A fresh database on the server DATABASE_URL names, dropped afterwards."""
    admin_url = to_async_url(base_url)
    name = f"vendormatch_test_{uuid.uuid4().hex[:10]}"

    async def run(statement: str) -> None:
        engine = create_async_engine(admin_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        async with engine.connect() as connection:
            await connection.execute(text(statement))
        await engine.dispose()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The database under test: PostgreSQL if DATABASE_URL is one, else a SQLite file."""
    configured = os.environ.get("DATABASE_URL", "")
    if configured.startswith(("postgresql", "postgres")):
        yield from _postgres_test_database(configured)
    else:
        path: Path = tmp_path_factory.mktemp("db") / "test.db"
        yield to_async_url(f"sqlite:///{path}")


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    upgrade(database_url)
    return Settings(
        DATABASE_URL=database_url,
        SECRET_KEY="test-secret-key-that-is-long-enough-for-hs256",
        VENDORMATCH_DATA_DIR=tmp_path_factory.mktemp("data"),
        SUBSCRIPTION_POLL_SECONDS=0.05,
        # The suite signs up thousands of accounts from one client; limit tests turn it on.
        RATE_LIMITS_ENABLED=False,
    )


@pytest.fixture(scope="session")
def app_client(settings: Settings) -> Iterator[TestClient]:
    """One app for the run (its lifespan opens the engine); reference data loaded once."""
    from api.seeding.run import seed_reference

    app = create_app(settings)
    with TestClient(app) as client:
        client.portal.call(seed_reference, app.state.vendormatch)
        yield client


def _wipe(database_url: str) -> None:
    tables = [t.name for t in reversed(metadata.sorted_tables) if t.name not in REFERENCE_TABLES]

    async def run() -> None:
        engine = create_async_engine(database_url, poolclass=NullPool)
        # DELETE in dependency order beats TRUNCATE on these tiny tables (~0.04 s vs 0.25 s).
        async with engine.begin() as connection:
            for table in tables:
                await connection.execute(text(f"DELETE FROM {table}"))
        await engine.dispose()

    asyncio.run(run())


@pytest.fixture
def client(app_client: TestClient, database_url: str) -> Iterator[GraphQLClient]:
    """A GraphQL client over HTTP against a database holding only reference data."""
    from api.core.ratelimit import RateLimiter
    from api.core.runtime import Runtime

    _wipe(database_url)
    # Counters (failed sign-ins per email) are wiped with the data they count.
    runtime: Runtime = app_client.app.state.vendormatch
    runtime.resource(RateLimiter).reset()
    yield GraphQLClient(app_client)


@pytest.fixture
def statements(app_client: TestClient) -> Iterator[list[str]]:
    """Every SQL statement requests run while the test is recording."""
    from sqlalchemy import event

    engine = app_client.app.state.vendormatch.engine.sync_engine  # type: ignore[attr-defined]
    seen: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        # Each worker's event broadcaster and webhook dispatcher poll the same engine in
        # the background, and its tag catalog looks at the taxonomy's stamp once a second;
        # what they read is no request's doing.
        if not any(
            poll in statement for poll in ("FROM event", "webhook_delivery", "taxonomy_stamp")
        ):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    yield seen
    event.remove(engine, "before_cursor_execute", record)
