"""Concurrent proposal writes lose nothing: one proposal per vendor and request, one
winner per expected version, and revisions without a version each kept."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.api.proposals.market import Market
from tests.graphql_client import GraphQLClient

WRITERS = 5


def in_parallel(calls: list[Any]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


def test_simultaneous_submissions_make_one_proposal(client: GraphQLClient) -> None:
    market = Market(client)
    results = in_parallel([market.submit for _ in range(WRITERS)])
    assert len([r for r in results if r["userErrors"] == []]) == 1
    assert {r["userErrors"][0]["code"] for r in results if r["userErrors"]} <= {
        "TAKEN",
        "CONFLICT",
    }
    comparison = market.compare()
    assert comparison is not None and comparison["totalCount"] == 1


def test_one_expected_version_has_one_winner(client: GraphQLClient) -> None:
    market = Market(client)
    proposal = market.proposal()

    def revise(n: int) -> Any:
        return lambda: market.revise(proposal["id"], expectedVersion=1, approach=f"Plan {n}")

    results = in_parallel([revise(n) for n in range(WRITERS)])
    winners = [r for r in results if r["userErrors"] == []]
    assert len(winners) == 1
    assert all(r["userErrors"][0]["code"] == "CONFLICT" for r in results if r["userErrors"])
    stored = market.node(proposal["id"], market.business_a.token)
    assert stored is not None and stored["approach"] == winners[0]["proposal"]["approach"]


def test_revisions_without_a_version_each_keep_their_change(client: GraphQLClient) -> None:
    market = Market(client)
    proposal = market.proposal()
    changes: list[dict[str, Any]] = [
        {"approach": "Kanban with weekly demos."},
        {"team": {"size": 6, "roles": ["Lead", "Dev"]}},
        {"estimatedHours": 700},
    ]
    results = in_parallel(
        [lambda change=change: market.revise(proposal["id"], **change) for change in changes]
    )
    assert all(r["userErrors"] == [] for r in results), results
    final = market.get(proposal["id"])
    assert final["approach"] == "Kanban with weekly demos."
    assert final["team"] == {"size": 6, "roles": ["Lead", "Dev"]}
    assert final["estimatedHours"] == 700
    assert final["revision"] == 4 and final["version"] == 4
