"""Who may do what to an engagement, as a matrix over anonymous, business A (the hiring
business), business B, vendor A (the hired vendor's owner), vendor B and an admin.

Parties act only on their side's moves (FORBIDDEN otherwise); anyone else does not learn
the engagement exists (NOT_FOUND); admins read everything and act only on disputes. A
refusal writes nothing: the engagement reads the same afterwards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.engagements.test_hiring import proposal_request, propose
from tests.api.engagements.world import (
    ACCEPT_PROPOSAL,
    CHECK_IN,
    END,
    ENGAGEMENT,
    MILESTONE_MUTATIONS,
    OPEN_DISPUTE,
    PROPOSE_CHANGE,
    RESOLVE_DISPUTE,
    RESPOND,
    RESPOND_TO_CHANGE,
    ROLES,
    World,
    codes,
)
from tests.graphql_client import GraphQLClient

U, F, N, OK = "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", None


@dataclass(frozen=True)
class Operation:
    query: str
    name: str
    # Builds the state the operation acts on; returns its input and the engagement's id.
    setup: Callable[[World], tuple[dict[str, Any], str | None]]


def hired(world: World) -> tuple[str, str]:
    engagement = world.hire()
    return engagement["id"], engagement["milestones"][0]["id"]


def at(world: World, *moves: str) -> tuple[str, str]:
    """An engagement whose first milestone went through `moves` (by the right sides)."""
    engagement_id, milestone_id = hired(world)
    for move in moves:
        role = "vendor_a" if move in {"startMilestone", "submitMilestone"} else "business_a"
        extra = {"note": "Done."} if move == "submitMilestone" else {}
        assert world.move(move, role, milestone_id, **extra)["userErrors"] == []
    return engagement_id, milestone_id


def milestone_input(*moves: str, **fields: Any) -> Callable[[World], tuple[dict[str, Any], str]]:
    def setup(world: World) -> tuple[dict[str, Any], str]:
        engagement_id, milestone_id = at(world, *moves)
        return {"milestoneId": milestone_id, **fields}, engagement_id

    return setup


def engagement_input(**fields: Any) -> Callable[[World], tuple[dict[str, Any], str]]:
    def setup(world: World) -> tuple[dict[str, Any], str]:
        engagement_id, _ = hired(world)
        return {"engagementId": engagement_id, **fields}, engagement_id

    return setup


def change(world: World) -> tuple[dict[str, Any], str]:
    engagement_id, milestone_id = hired(world)
    proposed = world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "vendor_a",
        engagementId=engagement_id,
        milestoneId=milestone_id,
        reason="Later.",
        changes={"title": "Renamed"},
    )
    return {"changeRequestId": proposed["changeRequest"]["id"], "accept": True}, engagement_id


def dispute(world: World) -> tuple[dict[str, Any], str]:
    engagement_id, _ = hired(world)
    opened = world.ok(
        OPEN_DISPUTE, "openDispute", "vendor_a", engagementId=engagement_id, reason="Unpaid."
    )
    return {"disputeId": opened["dispute"]["id"], "resolution": "Paid now."}, engagement_id


def award(world: World) -> tuple[dict[str, Any], None]:
    return {"projectRequestId": world.awarded(), "accept": True}, None


def proposal(world: World) -> tuple[dict[str, Any], None]:
    project_id = proposal_request(world)
    return {"proposalId": propose(world, project_id, "vendor_a", world.vendor_a, "30000.00")}, None


def move(name: str) -> tuple[str, str]:
    return MILESTONE_MUTATIONS[name], name


OPERATIONS: dict[str, Operation] = {
    "acceptProposal": Operation(ACCEPT_PROPOSAL, "acceptProposal", proposal),
    "respondToAward": Operation(RESPOND, "respondToAward", award),
    "startMilestone": Operation(*move("startMilestone"), milestone_input()),
    "submitMilestone": Operation(
        *move("submitMilestone"), milestone_input("startMilestone", note="Done.")
    ),
    "approveMilestone": Operation(
        *move("approveMilestone"), milestone_input("startMilestone", "submitMilestone")
    ),
    "requestMilestoneChanges": Operation(
        *move("requestMilestoneChanges"),
        milestone_input("startMilestone", "submitMilestone", feedback="Fix the chart."),
    ),
    "proposeChange": Operation(
        PROPOSE_CHANGE,
        "proposeChange",
        engagement_input(
            reason="Scope grew.",
            changes={
                "title": "Admin",
                "amount": "1.00",
                "acceptanceCriteria": "Works.",
                "dueDate": "2030-01-01",
            },
        ),
    ),
    "respondToChange": Operation(RESPOND_TO_CHANGE, "respondToChange", change),
    "openDispute": Operation(OPEN_DISPUTE, "openDispute", engagement_input(reason="Late.")),
    "resolveDispute": Operation(RESOLVE_DISPUTE, "resolveDispute", dispute),
    "endEngagement": Operation(
        END, "endEngagement", engagement_input(reason="Done.", byAgreement=False)
    ),
    "recordCheckIn": Operation(CHECK_IN, "recordCheckIn", engagement_input(summary="Weekly.")),
}

# Expected outcome per role, in ROLES order: anonymous, business A, business B, vendor A,
# vendor B, admin (None: allowed).
MATRIX: dict[str, tuple[str | None, ...]] = {
    "acceptProposal": (U, OK, N, F, N, F),
    "respondToAward": (U, F, F, OK, F, F),
    "startMilestone": (U, F, N, OK, N, F),
    "submitMilestone": (U, F, N, OK, N, F),
    "approveMilestone": (U, OK, N, F, N, F),
    "requestMilestoneChanges": (U, OK, N, F, N, F),
    "proposeChange": (U, OK, N, OK, N, F),
    "respondToChange": (U, OK, N, F, N, F),
    "openDispute": (U, OK, N, OK, N, F),
    "resolveDispute": (U, F, F, F, F, OK),
    "endEngagement": (U, OK, N, OK, N, F),
    "recordCheckIn": (U, OK, N, OK, N, F),
}
CASES = [
    pytest.param(operation, role, expected, id=f"{operation}-{role}")
    for operation, row in MATRIX.items()
    for role, expected in zip(ROLES, row, strict=True)
]


@pytest.fixture
def world(client: GraphQLClient) -> World:
    return World(client)


def snapshot(world: World, engagement_id: str | None) -> Any:
    """What an admin reads: the engagement, or (before one exists) every engagement."""
    if engagement_id is None:
        query = "{ engagements(first: 10) { totalCount edges { node { id status } } } }"
        return world.client.execute(query, token=world.admin.token)
    return world.client.execute(ENGAGEMENT, {"id": engagement_id}, token=world.admin.token)


@pytest.mark.parametrize(("operation", "role", "expected"), CASES)
def test_mutation_matrix(world: World, operation: str, role: str, expected: str | None) -> None:
    op = OPERATIONS[operation]
    fields, engagement_id = op.setup(world)
    before = snapshot(world, engagement_id)

    payload = world.run(op.query, op.name, role, **fields)

    assert codes(payload) == ([] if expected is None else [expected]), payload["userErrors"]
    after = snapshot(world, engagement_id)
    if expected is None:
        assert after != before
    else:
        assert after == before  # a refusal writes nothing


READ_MATRIX = dict(zip(ROLES, (False, True, False, True, False, True), strict=True))


@pytest.mark.parametrize(("role", "visible"), READ_MATRIX.items())
def test_reading_an_engagement_and_its_parts(world: World, role: str, visible: bool) -> None:
    engagement_id, milestone_id = hired(world)
    opened = world.ok(
        OPEN_DISPUTE, "openDispute", "vendor_a", engagementId=engagement_id, reason="Unpaid."
    )["dispute"]["id"]
    proposed = world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "vendor_a",
        engagementId=engagement_id,
        milestoneId=milestone_id,
        reason="Later.",
        changes={"title": "Renamed"},
    )["changeRequest"]["id"]
    node = "query ($id: ID!) { node(id: $id) { id } }"
    token = world.token(role)
    assert (world.engagement(engagement_id, role) is not None) is visible
    for node_id in (engagement_id, milestone_id, opened, proposed):
        found = world.client.execute(node, {"id": node_id}, token=token)["node"]
        assert (found is not None) is visible, node_id
    listed = world.client.execute("{ engagements(first: 5) { totalCount } }", token=token)
    assert listed["engagements"]["totalCount"] == (1 if visible else 0)
