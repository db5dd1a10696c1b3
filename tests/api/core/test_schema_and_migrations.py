"""The committed SDL and the Alembic migrations both follow the code."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from api.core.settings import Settings
from api.schema import export_sdl
from api.tables import metadata

SCHEMA_FILE = Path(__file__).parents[3] / "schema.graphql"


def test_committed_schema_matches_the_code() -> None:
    assert SCHEMA_FILE.read_text() == export_sdl(), (
        "schema.graphql is stale: run `vendormatch export-schema -o schema.graphql`"
    )


def test_migrations_create_exactly_the_models(settings: Settings) -> None:
    async def differences() -> list[object]:
        engine = create_async_engine(settings.resolved_database_url(), poolclass=NullPool)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda sync: compare_metadata(MigrationContext.configure(sync), metadata)
            )
        await engine.dispose()
        return list(diff)

    assert asyncio.run(differences()) == []


def test_the_schema_introspects_without_errors() -> None:
    """GraphiQL and every client generator start here: a default value introspection
    cannot print (a required input field that inherited `None`) breaks them all."""
    from graphql import get_introspection_query, graphql_sync

    from api.schema import schema

    result = graphql_sync(schema._schema, get_introspection_query())

    assert result.errors is None
