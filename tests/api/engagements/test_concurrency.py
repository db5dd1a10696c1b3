"""Concurrent writes to one engagement: of two approvals (or submits) of the same
milestone exactly one wins; approvals of different milestones all count, and the last
one completes the engagement."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.api.engagements.world import World, codes
from tests.graphql_client import GraphQLClient

RACERS = 4


def in_parallel(calls: list[Callable[[], Any]]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))


@pytest.fixture
def world(client: GraphQLClient) -> World:
    return World(client)


def test_concurrent_approvals_of_one_milestone_leave_one_winner(world: World) -> None:
    engagement = world.hire()
    first = engagement["milestones"][0]["id"]
    world.move("startMilestone", "vendor_a", first)
    world.move("submitMilestone", "vendor_a", first, note="Done.")

    results = in_parallel([lambda: world.move("approveMilestone", "business_a", first)] * RACERS)

    winners = [r for r in results if not r["userErrors"]]
    assert len(winners) == 1
    for loser in results:
        if loser["userErrors"]:
            assert codes(loser)[0] in {"CONFLICT", "INVALID_TRANSITION"}
    stored = world.engagement(engagement["id"])["milestones"][0]  # type: ignore[index]
    assert stored["status"] == "APPROVED"
    assert stored["version"] == 4  # created, started, submitted, approved once
    assert world.kinds("vendor_a").count("MILESTONE_APPROVED") == 1


def test_concurrent_submits_leave_one_winner(world: World) -> None:
    engagement = world.hire()
    first = engagement["milestones"][0]["id"]
    world.move("startMilestone", "vendor_a", first)

    def submit(n: int) -> Callable[[], Any]:
        return lambda: world.move("submitMilestone", "vendor_a", first, note=f"Take {n}.")

    results = in_parallel([submit(n) for n in range(RACERS)])

    winners = [r for r in results if not r["userErrors"]]
    assert len(winners) == 1
    stored = world.engagement(engagement["id"])["milestones"][0]  # type: ignore[index]
    assert stored["submissionNote"] == winners[0]["milestone"]["submissionNote"]
    assert stored["version"] == 3
    assert world.kinds("business_a").count("MILESTONE_SUBMITTED") == 1


def test_approving_every_milestone_at_once_completes_the_engagement(world: World) -> None:
    engagement = world.hire()
    ids = [m["id"] for m in engagement["milestones"]]
    for milestone_id in ids:
        world.move("startMilestone", "vendor_a", milestone_id)
        world.move("submitMilestone", "vendor_a", milestone_id, note="Done.")

    def approve(milestone_id: str) -> Callable[[], Any]:
        return lambda: world.move("approveMilestone", "business_a", milestone_id)

    results = in_parallel([approve(m) for m in ids])

    assert all(r["userErrors"] == [] for r in results)
    assert world.engagement(engagement["id"])["status"] == "COMPLETED"  # type: ignore[index]
