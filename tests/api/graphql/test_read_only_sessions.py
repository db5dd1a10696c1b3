"""Queries over HTTP read in autocommit mode on PostgreSQL: no BEGIN before, no ROLLBACK
after. (SQLite's driver sends neither for reads anyway; there queries keep the usual
session, and only the answers are checked.)"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial

import pytest
from sqlalchemy import event, select, update
from sqlalchemy.engine import Connection
from sqlmodel import col
from starlette.testclient import TestClient

from api.auth.models import Account
from api.core.runtime import Runtime
from api.tags.service import forget_tag_catalog
from tests.graphql_client import GraphQLClient

VENDORS_PAGE = """
{ vendors(first: 20) { totalCount edges { node { id name rating { bayesianAverage } } } } }
"""


def on_sqlite(app_client: TestClient) -> bool:
    engine = app_client.app.state.vendormatch.engine  # type: ignore[attr-defined]
    return bool(engine.dialect.name == "sqlite")


@pytest.fixture
def transactions(app_client: TestClient) -> Iterator[Counter[str]]:
    """BEGINs, COMMITs and ROLLBACKs SQLAlchemy sends to the database while recording
    (in autocommit mode it fires the events but sends nothing)."""
    engine = app_client.app.state.vendormatch.engine.sync_engine  # type: ignore[attr-defined]
    seen: Counter[str] = Counter()

    def recorder(name: str) -> Callable[..., None]:
        def record(connection: Connection, *_args: object) -> None:
            if connection.get_execution_options().get("isolation_level") != "AUTOCOMMIT":
                seen[name] += 1

        return record

    listeners = [(name, recorder(name)) for name in ("begin", "commit", "rollback")]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    yield seen
    for name, listener in listeners:
        event.remove(engine, name, listener)


def test_a_query_sends_no_begin_or_rollback(
    client: GraphQLClient, transactions: Counter[str], statements: list[str]
) -> None:
    vendor = client.register("VENDOR")
    client.create_vendor(vendor)
    # The tag catalog's stamp check runs inside queries (about once a second): make this
    # query run it, so it is held to the same rule every time, not only when it is due.
    forget_tag_catalog(client.http.app.state.vendormatch)  # type: ignore[attr-defined]
    transactions.clear()
    statements.clear()

    page = client.execute(VENDORS_PAGE)

    assert page["vendors"]["totalCount"] == 1
    if not on_sqlite(client.http):
        assert transactions == Counter()
    assert statements and all(s.split()[0].upper() == "SELECT" for s in statements)


def test_a_mutation_keeps_its_transaction(
    client: GraphQLClient, transactions: Counter[str]
) -> None:
    client.register("VENDOR")

    assert transactions["begin"] >= 1 and transactions["commit"] >= 1


def test_a_query_over_get_reads_in_autocommit_too(
    client: GraphQLClient, transactions: Counter[str]
) -> None:
    response = client.http.get(
        "/graphql",
        params={"query": "{ vendors(first: 5) { totalCount } }"},
        headers={"accept": "application/graphql-response+json"},
    )

    assert response.json() == {"data": {"vendors": {"totalCount": 0}}}
    if not on_sqlite(client.http):
        assert transactions == Counter()


# No Query field writes today; should one (say, settling a lapsed award), its writes
# still happen inside a transaction, undone unless committed.
async def _rename_in_read_session(runtime: Runtime, email: str, *, commit: bool) -> None:
    async with runtime.read_sessions() as session:
        await session.execute(
            update(Account).where(col(Account.email) == email).values(display_name="Renamed")
        )
        if commit:
            await session.commit()


async def _display_name(runtime: Runtime, email: str) -> str | None:
    async with runtime.read_sessions() as session:
        statement = select(col(Account.display_name)).where(col(Account.email) == email)
        name: str | None = (await session.execute(statement)).scalar_one()
        return name


@pytest.mark.parametrize("commit", [False, True])
def test_a_write_in_a_read_session_runs_in_a_transaction(
    client: GraphQLClient, app_client: TestClient, statements: list[str], commit: bool
) -> None:
    runtime: Runtime = app_client.app.state.vendormatch  # type: ignore[attr-defined]
    email = client.register("VENDOR").email
    statements.clear()

    portal = app_client.portal
    assert portal is not None

    portal.call(partial(_rename_in_read_session, runtime, email, commit=commit))

    verbs = [statement.split()[0].upper() for statement in statements]
    if not on_sqlite(app_client):  # on SQLite the driver opens and ends its transaction
        assert verbs == ["BEGIN", "UPDATE", "COMMIT" if commit else "ROLLBACK"]
    name = portal.call(_display_name, runtime, email)
    assert name == ("Renamed" if commit else None)
