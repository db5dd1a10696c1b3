"""Who may do what with a proposal, as a matrix: anonymous, business A (the request's
owner), business B, vendor A (proposing), vendor B and an admin. Nobody else learns
that a proposal exists: to them it is NOT_FOUND, or null."""

from __future__ import annotations

import pytest

from tests.api.proposals.market import Market, codes, events
from tests.graphql_client import GraphQLClient

ROLES = ["anonymous", "business_a", "business_b", "vendor_a", "vendor_b", "admin"]


@pytest.fixture
def market(client: GraphQLClient) -> Market:
    return Market(client)


def token(market: Market, role: str) -> str:
    account = market.role(role)
    return account.token if account is not None else ""


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["UNAUTHENTICATED"]),
        ("business_a", ["FORBIDDEN"]),
        ("business_b", ["FORBIDDEN"]),
        ("vendor_a", []),
        ("vendor_b", ["FORBIDDEN"]),  # proposing in vendor A's name
        ("admin", ["FORBIDDEN"]),
    ],
)
def test_submit(market: Market, role: str, expected: list[str]) -> None:
    payload = market.submit(token=token(market, role))
    assert codes(payload) == expected
    assert (payload["proposal"] is not None) == (expected == [])
    assert len(events(market.client, "PROPOSAL_RECEIVED")) == (1 if expected == [] else 0)


VENDOR_SIDE = [
    ("anonymous", ["UNAUTHENTICATED"]),
    ("business_a", ["FORBIDDEN"]),
    ("business_b", ["NOT_FOUND"]),
    ("vendor_a", []),
    ("vendor_b", ["NOT_FOUND"]),
    ("admin", ["FORBIDDEN"]),
]


@pytest.mark.parametrize(("role", "expected"), VENDOR_SIDE)
def test_revise(market: Market, role: str, expected: list[str]) -> None:
    proposal = market.proposal()
    payload = market.revise(proposal["id"], token=token(market, role), approach="Cheaper plan")
    assert codes(payload) == expected
    approach = market.node(proposal["id"], market.admin.token)["approach"]  # type: ignore[index]
    assert (approach == "Cheaper plan") == (expected == [])


@pytest.mark.parametrize(("role", "expected"), VENDOR_SIDE)
def test_withdraw(market: Market, role: str, expected: list[str]) -> None:
    proposal = market.proposal()
    payload = market.withdraw(proposal["id"], token=token(market, role))
    assert codes(payload) == expected
    status = market.node(proposal["id"], market.admin.token)["status"]  # type: ignore[index]
    assert status == ("WITHDRAWN" if expected == [] else "SUBMITTED")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["UNAUTHENTICATED"]),
        ("business_a", []),
        ("business_b", ["NOT_FOUND"]),
        ("vendor_a", ["FORBIDDEN"]),
        ("vendor_b", ["NOT_FOUND"]),
        ("admin", ["FORBIDDEN"]),
    ],
)
def test_decline(market: Market, role: str, expected: list[str]) -> None:
    proposal = market.proposal()
    payload = market.decline(proposal["id"], token=token(market, role))
    assert codes(payload) == expected
    status = market.node(proposal["id"], market.admin.token)["status"]  # type: ignore[index]
    assert status == ("DECLINED" if expected == [] else "SUBMITTED")
    assert len(events(market.client, "PROPOSAL_DECLINED")) == (1 if expected == [] else 0)


@pytest.mark.parametrize(
    ("role", "sees_comparison", "sees_node"),
    [
        ("anonymous", False, False),
        ("business_a", True, True),
        ("business_b", False, False),
        ("vendor_a", False, True),
        ("vendor_b", False, False),
        ("admin", True, True),
    ],
)
def test_reading_proposals(
    market: Market, role: str, sees_comparison: bool, sees_node: bool
) -> None:
    proposal = market.proposal()
    # Vendor B proposes too, on business B's request: nobody on A's side may see it.
    other_request = market.post(market.business_b)
    other = market.submit(
        token=market.vendor_b_owner.token, vendor=market.vendor_b, project=other_request
    )["proposal"]
    viewer = token(market, role)
    comparison = market.compare(token=viewer)
    if sees_comparison:
        assert comparison is not None
        assert [e["node"]["id"] for e in comparison["edges"]] == [proposal["id"]]
    else:
        assert comparison is None
    node = market.node(proposal["id"], viewer or None)
    assert (node is not None) == sees_node
    # myProposals: a vendor's own only.
    own = {"vendor_a": [proposal["id"]], "vendor_b": [other["id"]]}.get(role, [])
    assert [e["node"]["id"] for e in market.mine(viewer)["edges"]] == own
    # Vendor B's proposal: its owner, business B and admins only.
    assert (market.node(other["id"], viewer or None) is not None) == (
        role in {"vendor_b", "business_b", "admin"}
    )


def test_business_b_never_sees_a_proposal_on_business_as_request(market: Market) -> None:
    proposal = market.proposal()
    assert market.compare(token=market.business_b.token) is None
    assert market.node(proposal["id"], market.business_b.token) is None
    mine = market.mine(market.vendor_b_owner.token)
    assert mine["edges"] == []
