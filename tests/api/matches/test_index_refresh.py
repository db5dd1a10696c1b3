"""Each worker's match index follows vendor changes by their change numbers: a quiet
marketplace costs one counter read per match, a change is read once by every worker, and
a change committed late (its number held all along) is not skipped."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool
from sqlmodel import col
from starlette.testclient import TestClient

from api.app import create_app
from api.core.settings import Settings
from api.graphql.ids import node_pk
from api.vendors.changes import mark_changed
from api.vendors.models import Vendor, VendorCertification, VendorExpertise, VendorLanguage
from tests.api.matches.test_matches import match
from tests.graphql_client import GraphQLClient, scope_input

VERIFY = """mutation ($input: VerifyVendorInput!) {
  verifyVendor(input: $input) { vendor { id } userErrors { message } } }"""
REACT = scope_input(skills=[{"tag": "react", "mustHave": True}])


@pytest.fixture
def second_worker(settings: Settings) -> Iterator[GraphQLClient]:
    """Another app instance on the same database, as a second uvicorn worker would be."""
    with TestClient(create_app(settings)) as http:
        yield GraphQLClient(http)


def names(result: dict[str, Any]) -> set[str]:
    return {edge["node"]["vendor"]["name"] for edge in result["edges"]}


def reads_changes(statements: list[str]) -> bool:
    """Whether a statement read vendors by change number (the counter read does not)."""
    return any("change_seq >" in statement for statement in statements)


def reads_records(statements: list[str]) -> bool:
    """Whether a statement read vendor records for the index (languages are read only there)."""
    return any("FROM vendor_language" in statement for statement in statements)


def test_a_quiet_marketplace_reads_no_vendor_rows_per_match(
    client: GraphQLClient, statements: list[str]
) -> None:
    for _ in range(3):
        client.create_vendor(client.register("VENDOR"))
    assert len(match(client, REACT)["edges"]) == 3
    statements.clear()

    for _ in range(3):
        assert len(match(client, REACT)["edges"]) == 3

    assert not reads_changes(statements) and not reads_records(statements)


def test_many_new_vendors_are_read_once_by_another_worker(
    client: GraphQLClient, second_worker: GraphQLClient, statements: list[str]
) -> None:
    client.create_vendor(client.register("VENDOR"), name="Warsaw First")
    assert names(match(client, REACT)) == {"Warsaw First"}
    for number in range(12):
        client.create_vendor(client.register("VENDOR"), name=f"Loaded {number}")
    statements.clear()

    assert len(match(client, REACT, first=20)["edges"]) == 13
    assert reads_changes(statements) and reads_records(statements)
    statements.clear()
    assert len(match(client, REACT, first=20)["edges"]) == 13
    assert not reads_changes(statements) and not reads_records(statements)
    # The other worker, warm from before or not, holds the same vendors.
    assert len(match(second_worker, REACT, first=20)["edges"]) == 13


def test_verification_through_one_worker_shows_in_the_next_match_of_another(
    client: GraphQLClient, second_worker: GraphQLClient
) -> None:
    vendor = client.create_vendor(client.register("VENDOR"), name="Krakow Vetted")
    before = match(second_worker, REACT)["edges"][0]["node"]["factors"]["security"]

    verified = client.execute(
        VERIFY, {"input": {"id": vendor["id"], "verified": True}}, token=client.admin().token
    )["verifyVendor"]
    assert verified["userErrors"] == []

    after = match(second_worker, REACT)["edges"][0]["node"]["factors"]["security"]
    assert after > before


def test_vendors_deleted_outside_the_api_are_not_ranked(
    client: GraphQLClient, database_url: str
) -> None:
    gone = client.create_vendor(client.register("VENDOR"), name="Deleted By An Operator")
    client.create_vendor(client.register("VENDOR"), name="Still Here")
    assert names(match(client, REACT)) == {"Deleted By An Operator", "Still Here"}

    asyncio.run(_delete_vendor(database_url, node_pk(gone["id"], "Vendor", ["id"])))
    client.create_vendor(client.register("VENDOR"), name="New Here")

    assert names(match(client, REACT)) == {"Still Here", "New Here"}


def test_a_change_committed_late_is_not_skipped(client: GraphQLClient, database_url: str) -> None:
    slow = client.create_vendor(client.register("VENDOR"), name="Slow Writer")
    fast = client.create_vendor(client.register("VENDOR"), name="Fast Writer")
    # Bystanders, so that the two changes are applied to the index, not rebuilt around.
    bystanders = {f"Bystander {n}" for n in range(3)}
    for name in bystanders:
        client.create_vendor(client.register("VENDOR"), name=name)
    assert names(match(client, REACT)) == {"Slow Writer", "Fast Writer", *bystanders}

    async def race() -> None:
        engine = create_async_engine(database_url, poolclass=NullPool)
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        try:
            async with sessions() as first:
                # The slow transaction numbers its change first and commits last.
                await _make_unavailable(first, node_pk(slow["id"], "Vendor", ["id"]))
                second = asyncio.create_task(
                    _unavailable_in_own_transaction(sessions, node_pk(fast["id"], "Vendor", ["id"]))
                )
                await asyncio.sleep(0.3)  # the second waits for the first's number to commit
                # Nothing is committed yet: a match sees neither change.
                assert names(match(client, REACT)) == {"Slow Writer", "Fast Writer", *bystanders}
                await first.commit()
                await second
        finally:
            await engine.dispose()

    asyncio.run(race())

    assert names(match(client, REACT)) == bystanders


async def _make_unavailable(session: AsyncSession, vendor_id: int) -> None:
    await session.execute(
        update(Vendor).where(col(Vendor.id) == vendor_id).values(availability="UNAVAILABLE")
    )
    await mark_changed(session, [vendor_id])


async def _unavailable_in_own_transaction(
    sessions: async_sessionmaker[AsyncSession], vendor_id: int
) -> None:
    async with sessions() as session, session.begin():
        await _make_unavailable(session, vendor_id)


async def _delete_vendor(database_url: str, vendor_id: int) -> None:
    engine = create_async_engine(database_url, poolclass=NullPool)
    async with engine.begin() as connection:
        for child in (VendorLanguage, VendorExpertise, VendorCertification):
            await connection.execute(delete(child).where(col(child.vendor_id) == vendor_id))
        await connection.execute(delete(Vendor).where(col(Vendor.id) == vendor_id))
    await engine.dispose()


def test_weights_fitted_after_a_worker_warmed_up_rank_its_next_match(
    client: GraphQLClient, second_worker: GraphQLClient
) -> None:
    from api.matches.service import store_weights

    client.create_vendor(client.register("VENDOR"))
    assert match(second_worker, REACT)["weights"]["source"] == "DEFAULT"
    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def store() -> None:
        async with runtime.sessions() as session, session.begin():
            weights = {"skill": 0.7, "cost": 0.1, "timezone": 0.1, "culture": 0.1}
            await store_weights(
                session, weights=weights, learned_ndcg=0.8, default_ndcg=0.7, scopes=10
            )

    client.http.portal.call(store)  # type: ignore[union-attr]

    weights = match(second_worker, REACT)["weights"]
    assert weights["source"] == "FITTED" and weights["skill"] > weights["cost"]


def test_a_quiet_marketplace_costs_one_statement_per_match(
    client: GraphQLClient, statements: list[str]
) -> None:
    for _ in range(3):
        client.create_vendor(client.register("VENDOR"))
    assert len(match(client, REACT)["edges"]) == 3
    statements.clear()

    result = match(client, REACT)

    # The matched vendors' profiles are read with the numbers that say the index was current.
    assert len(result["edges"]) == 3 and len(statements) == 1


def _store_weights(client: GraphQLClient, weights: dict[str, float]) -> None:
    from api.matches.service import store_weights

    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def store() -> None:
        async with runtime.sessions() as session, session.begin():
            await store_weights(
                session, weights=weights, learned_ndcg=0.8, default_ndcg=0.7, scopes=10
            )

    client.http.portal.call(store)  # type: ignore[union-attr]


def test_request_weights_are_judged_against_the_weights_fitted_last(
    client: GraphQLClient, second_worker: GraphQLClient
) -> None:
    from matching import FACTORS

    client.create_vendor(client.register("VENDOR"))
    no_skill = {"skill": 0}
    # The defaults weigh more than skill: zeroing it leaves a ranking.
    assert match(second_worker, REACT, weights=no_skill)["weights"]["source"] == "REQUEST"

    # Fitted elsewhere: skill alone, which the request zeroes.
    _store_weights(client, {name: 1.0 if name == "skill" else 0.0 for name in FACTORS})
    refused = match(second_worker, REACT, weights=no_skill)
    message = "At least one weight must be above zero."
    assert refused["edges"] == [] and refused["userErrors"] == [
        {"field": ["weights"], "message": message, "code": "INVALID"}
    ]

    # Fitted again: the same request ranks.
    _store_weights(client, {"skill": 0.5, "cost": 0.5})
    ranked = match(second_worker, REACT, weights=no_skill)
    assert ranked["userErrors"] == [] and len(ranked["edges"]) == 1
