"""reviseProposal, withdrawProposal and declineProposal: who is told, what may follow what,
and concurrent edits that lose nothing."""

from __future__ import annotations

import pytest

from tests.api.proposals.market import Market, codes, days, events, fields_of, pk
from tests.graphql_client import GraphQLClient


@pytest.fixture
def market(client: GraphQLClient) -> Market:
    return Market(client)


def test_a_revision_changes_only_what_is_given_and_bumps_revision_and_version(
    market: Market,
) -> None:
    proposal = market.proposal()
    payload = market.revise(
        proposal["id"],
        expectedVersion=1,
        price={"pricing": "HOURLY", "amount": "55.00", "currency": "EUR"},
        estimatedHours=400,
    )
    assert payload["userErrors"] == []
    revised = payload["proposal"]
    assert revised["revision"] == 2 and revised["version"] == 2
    assert revised["pricing"] == "HOURLY"
    assert revised["totalEstimate"] == {"amount": "22000.00", "currency": "EUR"}
    assert revised["approach"] == proposal["approach"]
    assert revised["team"] == proposal["team"]
    assert events(market.client, "PROPOSAL_REVISED") == [
        (pk(market.business_a.id), "Proposal", pk(proposal["id"]))
    ]


def test_switching_to_hourly_without_hours_is_refused(market: Market) -> None:
    proposal = market.proposal()
    payload = market.revise(
        proposal["id"], price={"pricing": "HOURLY", "amount": "55.00", "currency": "EUR"}
    )
    assert fields_of(payload) == [["input", "estimatedHours"]]


def test_a_revision_must_change_something(market: Market) -> None:
    proposal = market.proposal()
    payload = market.revise(proposal["id"])
    assert fields_of(payload) == [["input"]]
    assert codes(payload) == ["REQUIRED"]
    assert events(market.client, "PROPOSAL_REVISED") == []


def test_a_stale_expected_version_is_a_conflict_and_writes_nothing(market: Market) -> None:
    proposal = market.proposal()
    assert market.revise(proposal["id"], approach="Faster plan.")["userErrors"] == []
    payload = market.revise(proposal["id"], expectedVersion=1, approach="Lost edit.")
    assert codes(payload) == ["CONFLICT"]
    assert fields_of(payload) == [["input", "expectedVersion"]]
    assert "version 2" in payload["userErrors"][0]["message"]
    assert market.node(proposal["id"], market.business_a.token)["approach"] == "Faster plan."  # type: ignore[index]


def test_bad_revision_input_names_the_field_and_writes_nothing(market: Market) -> None:
    proposal = market.proposal()
    payload = market.revise(
        proposal["id"], schedule={"startDate": days(40), "endDate": days(35)}, approach="New"
    )
    assert fields_of(payload) == [["input", "schedule", "endDate"]]
    after = market.node(proposal["id"], market.vendor_a_owner.token)
    assert after == {
        "__typename": "Proposal",
        "id": proposal["id"],
        "status": "SUBMITTED",
        "approach": proposal["approach"],
    }


def test_withdrawing_tells_the_business_and_ends_revisions(market: Market) -> None:
    proposal = market.proposal()
    payload = market.withdraw(proposal["id"], reason="Booked until spring")
    assert payload["userErrors"] == []
    assert payload["proposal"]["status"] == "WITHDRAWN"
    assert payload["proposal"]["reason"] == "Booked until spring"
    assert events(market.client, "PROPOSAL_WITHDRAWN") == [
        (pk(market.business_a.id), "Proposal", pk(proposal["id"]))
    ]
    payload = market.revise(proposal["id"], approach="Changed my mind")
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert "WITHDRAWN" in payload["userErrors"][0]["message"]
    assert codes(market.withdraw(proposal["id"])) == ["INVALID_TRANSITION"]
    assert codes(market.decline(proposal["id"])) == ["INVALID_TRANSITION"]


def test_declining_tells_the_vendor_why(market: Market) -> None:
    proposal = market.proposal()
    payload = market.decline(proposal["id"], reason="We chose a local team.")
    assert payload["userErrors"] == []
    assert payload["proposal"]["status"] == "DECLINED"
    assert payload["proposal"]["reason"] == "We chose a local team."
    assert events(market.client, "PROPOSAL_DECLINED") == [
        (pk(market.vendor_a_owner.id), "Proposal", pk(proposal["id"]))
    ]
    payload = market.withdraw(proposal["id"])
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert "DECLINED" in payload["userErrors"][0]["message"]


@pytest.mark.parametrize(("reason", "code"), [("  ", "REQUIRED"), ("x" * 1001, "TOO_LONG")])
def test_a_decline_needs_a_bounded_reason(market: Market, reason: str, code: str) -> None:
    proposal = market.proposal()
    payload = market.decline(proposal["id"], reason=reason)
    assert fields_of(payload) == [["input", "reason"]]
    assert codes(payload) == [code]
    assert events(market.client, "PROPOSAL_DECLINED") == []


def test_a_request_no_longer_open_takes_no_revisions(market: Market) -> None:
    proposal = market.proposal()
    market.update_project(status="CANCELLED")
    payload = market.revise(proposal["id"], approach="Still keen")
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert "CANCELLED" in payload["userErrors"][0]["message"]
    # Withdrawing stays possible: the vendor may always take its offer back.
    assert market.withdraw(proposal["id"])["userErrors"] == []
