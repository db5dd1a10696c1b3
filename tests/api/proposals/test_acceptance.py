"""What accepting a proposal (engagements' acceptProposal) asks of proposals: only the
request's owner, only a SUBMITTED proposal on an OPEN request; the others are declined,
each vendor told why."""

from __future__ import annotations

import pytest

from tests.api.proposals.market import Market, codes, events, pk
from tests.graphql_client import USER_ERRORS, GraphQLClient

ACCEPT = f"""
mutation ($input: AcceptProposalInput!) {{
  acceptProposal(input: $input) {{ engagement {{ id }} {USER_ERRORS} }}
}}
"""


@pytest.fixture
def market(client: GraphQLClient) -> Market:
    return Market(client)


def accept(market: Market, proposal_id: str, token: str | None = None) -> dict[str, object]:
    token = market.business_a.token if token is None else token
    return market.run(ACCEPT, "acceptProposal", token or None, proposalId=proposal_id)


def test_accepting_one_declines_the_others_and_tells_their_vendors(market: Market) -> None:
    chosen = market.proposal()
    other = market.submit(token=market.vendor_b_owner.token, vendor=market.vendor_b)["proposal"]
    assert accept(market, chosen["id"])["userErrors"] == []
    statuses = {
        edge["node"]["id"]: edge["node"]["status"]
        for edge in market.compare()["edges"]  # type: ignore[index]
    }
    assert statuses == {chosen["id"]: "ACCEPTED", other["id"]: "DECLINED"}
    declined = market.node(other["id"], market.vendor_b_owner.token)
    assert declined is not None and declined["status"] == "DECLINED"
    assert events(market.client, "PROPOSAL_DECLINED") == [
        (pk(market.vendor_b_owner.id), "Proposal", pk(other["id"]))
    ]
    # Nothing more can happen to either.
    assert codes(market.withdraw(chosen["id"])) == ["INVALID_TRANSITION"]
    assert codes(market.revise(other["id"], token=market.vendor_b_owner.token, approach="x")) == [
        "INVALID_TRANSITION"
    ]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", ["UNAUTHENTICATED"]),
        ("business_b", ["NOT_FOUND"]),
        ("vendor_a", ["FORBIDDEN"]),
        ("vendor_b", ["NOT_FOUND"]),
        ("admin", ["FORBIDDEN"]),
    ],
)
def test_only_the_requests_owner_accepts(market: Market, role: str, expected: list[str]) -> None:
    proposal = market.proposal()
    account = market.role(role)
    payload = accept(market, proposal["id"], token=account.token if account else "")
    assert codes(payload) == expected
    node = market.node(proposal["id"], market.admin.token)
    assert node is not None and node["status"] == "SUBMITTED"


def test_a_withdrawn_proposal_cannot_be_accepted(market: Market) -> None:
    proposal = market.proposal()
    market.withdraw(proposal["id"])
    payload = accept(market, proposal["id"])
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert "WITHDRAWN" in payload["userErrors"][0]["message"]  # type: ignore[index]
