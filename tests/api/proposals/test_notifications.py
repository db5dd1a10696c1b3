"""Proposal events reach the right account as notifications whose subject is the
Proposal node, and carry no confidential text."""

from __future__ import annotations

from typing import Any

from tests.api.proposals.market import Market
from tests.graphql_client import Account, GraphQLClient

NOTIFICATIONS = """
{ notifications(first: 10) { edges { node {
  kind summary subjectType subject { __typename ... on Proposal { id status } }
} } } }
"""
SECRET = "Acquisition of Contoso, announced in May."


def notifications(market: Market, account: Account) -> list[dict[str, Any]]:
    data = market.client.execute(NOTIFICATIONS, token=account.token)
    return [edge["node"] for edge in data["notifications"]["edges"]]


def test_each_party_is_told_with_the_proposal_as_subject(client: GraphQLClient) -> None:
    market = Market(
        client,
        description=SECRET,
        ndaRequired=True,
        ndaText="Keep it to yourselves.",
        summary="A dashboard for a payments company.",
    )
    market.run(
        "mutation ($input: AcceptNdaInput!) { acceptNda(input: $input) { userErrors { code } } }",
        "acceptNda",
        market.vendor_a_owner.token,
        projectRequestId=market.project["id"],
    )
    proposal = market.proposal()
    market.revise(proposal["id"], approach="Sharper plan.")
    market.decline(proposal["id"], reason="We went another way.")

    business = notifications(market, market.business_a)
    assert [n["kind"] for n in business] == ["PROPOSAL_REVISED", "PROPOSAL_RECEIVED"]
    vendor = notifications(market, market.vendor_a_owner)
    assert [n["kind"] for n in vendor] == ["PROPOSAL_DECLINED"]
    for note in business + vendor:
        assert note["subjectType"] == "Proposal"
        assert note["subject"]["id"] == proposal["id"]
        assert SECRET not in note["summary"]
    assert notifications(market, market.business_b) == []
    assert notifications(market, market.vendor_b_owner) == []
