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


AWARD = f"""
mutation ($input: AwardProjectRequestInput!) {{
  awardProjectRequest(input: $input) {{ {USER_ERRORS} }}
}}
"""
RESPOND = f"""
mutation ($input: RespondToAwardInput!) {{
  respondToAward(input: $input) {{
    engagement {{ currency proposal {{ id }} milestones {{ amount {{ amount currency }} }} }}
    {USER_ERRORS}
  }}
}}
"""


def hire_by_award(market: Market, vendor: dict[str, object], owner_token: str) -> dict[str, object]:
    project_id = market.project["id"]
    awarded = market.run(
        AWARD,
        "awardProjectRequest",
        market.business_a.token,
        id=project_id,
        vendorId=vendor["id"],
    )
    assert awarded["userErrors"] == []
    payload = market.run(
        RESPOND, "respondToAward", owner_token, projectRequestId=project_id, accept=True
    )
    assert payload["userErrors"] == []
    engagement: dict[str, object] = payload["engagement"]
    return engagement


def test_an_award_accepted_settles_the_proposals_as_the_hire_went(market: Market) -> None:
    """Hired through an award: the hired vendor's open proposal is its terms, every other
    vendor's proposal is declined and that vendor told, so nobody waits on a taken request."""
    own = market.proposal(price={"pricing": "FIXED", "amount": "28000.00", "currency": "EUR"})
    other = market.submit(token=market.vendor_b_owner.token, vendor=market.vendor_b)["proposal"]

    engagement = hire_by_award(market, market.vendor_a, market.vendor_a_owner.token)

    assert engagement["proposal"] == {"id": own["id"]}
    assert engagement["milestones"] == [{"amount": {"amount": "28000.00", "currency": "EUR"}}]
    assert market.get(own["id"])["status"] == "ACCEPTED"
    declined = market.get(other["id"])
    assert declined["status"] == "DECLINED"
    assert declined["reason"] == "Another proposal was accepted"
    assert events(market.client, "PROPOSAL_DECLINED") == [
        (pk(market.vendor_b_owner.id), "Proposal", pk(other["id"]))
    ]


def test_an_award_to_a_vendor_without_a_proposal_declines_every_proposal(market: Market) -> None:
    proposal = market.proposal()

    engagement = hire_by_award(market, market.vendor_b, market.vendor_b_owner.token)

    assert engagement["proposal"] is None
    declined = market.get(proposal["id"])
    assert (declined["status"], declined["reason"]) == (
        "DECLINED",
        "The request went to another vendor",
    )
