"""A project request's lifecycle: DRAFT -> OPEN -> AWARDED -> CLOSED, or CANCELLED on the way.

An award is an offer: the vendor's owner accepts it (`awardAcceptedAt` is set) or declines it,
which puts the request back to OPEN for the business to award someone else.
"""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.relay import GlobalID

from tests.graphql_client import RESPOND_TO_AWARD, UPDATE_PROJECT, Account, GraphQLClient

AWARD = """
mutation ($input: AwardProjectRequestInput!) {
  awardProjectRequest(input: $input) {
    projectRequest { id status version awardAcceptedAt awardedVendor { id } }
    userErrors { field message code }
  }
}
"""
PROJECT_STATE = """
query ($id: ID!) {
  projectRequest(id: $id) {
    title status version publishedAt awardAcceptedAt awardedVendor { id }
  }
}
"""


class Marketplace:
    """One business, one vendor, and helpers to bring a request to any status."""

    def __init__(self, client: GraphQLClient) -> None:
        self.client = client
        self.business: Account = client.register("BUSINESS")
        self.vendor_owner: Account = client.register("VENDOR")
        self.vendor = client.create_vendor(self.vendor_owner)

    def update(self, project_id: str, **fields: Any) -> dict[str, Any]:
        variables = {"input": {"id": project_id, **fields}}
        data = self.client.execute(UPDATE_PROJECT, variables, token=self.business.token)
        return data["updateProjectRequest"]

    def award(self, project_id: str, vendor_id: str | None = None) -> dict[str, Any]:
        variables = {"input": {"id": project_id, "vendorId": vendor_id or self.vendor["id"]}}
        data = self.client.execute(AWARD, variables, token=self.business.token)
        return data["awardProjectRequest"]

    def respond(
        self, project_id: str, *, accept: bool = True, token: str | None = None
    ) -> dict[str, Any]:
        """The award answered, by the vendor's owner unless `token` says otherwise."""
        variables = {"input": {"projectRequestId": project_id, "accept": accept}}
        data = self.client.execute(
            RESPOND_TO_AWARD, variables, token=token or self.vendor_owner.token
        )
        return data["respondToAward"]

    def state(self, project_id: str) -> dict[str, Any]:
        data = self.client.execute(PROJECT_STATE, {"id": project_id}, token=self.business.token)
        return data["projectRequest"]

    def request_in(self, status: str) -> str:
        """The ID of a new request brought to `status` through the API."""
        project_id = self.client.post_project(self.business)["id"]
        steps = {
            "DRAFT": [],
            "OPEN": ["OPEN"],
            "AWARDED": ["OPEN", "award"],
            "CLOSED": ["OPEN", "award", "accept", "CLOSED"],
            "CANCELLED": ["CANCELLED"],
        }[status]
        for step in steps:
            if step == "award":
                payload = self.award(project_id)
            elif step == "accept":
                payload = self.respond(project_id)
            else:
                payload = self.update(project_id, status=step)
            assert payload["userErrors"] == [], payload
        assert self.state(project_id)["status"] == status
        return project_id


@pytest.fixture
def market(client: GraphQLClient) -> Marketplace:
    return Marketplace(client)


def test_draft_is_published_awarded_and_closed(market: Marketplace) -> None:
    # given
    draft = market.client.post_project(market.business)
    assert (draft["status"], draft["version"]) == ("DRAFT", 1)

    # when / then: publish
    opened = market.update(draft["id"], status="OPEN", expectedVersion=1)
    assert opened["userErrors"] == []
    assert (opened["projectRequest"]["status"], opened["projectRequest"]["version"]) == ("OPEN", 2)
    assert market.state(draft["id"])["publishedAt"] is not None

    # when / then: award
    awarded = market.award(draft["id"])
    assert awarded["userErrors"] == []
    assert awarded["projectRequest"]["status"] == "AWARDED"
    assert awarded["projectRequest"]["awardedVendor"] == {"id": market.vendor["id"]}
    assert awarded["projectRequest"]["awardAcceptedAt"] is None

    # when / then: the vendor accepts
    accepted = market.respond(draft["id"])
    assert accepted["userErrors"] == []
    assert accepted["projectRequest"]["status"] == "AWARDED"
    assert accepted["projectRequest"]["awardAcceptedAt"] is not None

    # when / then: close
    closed = market.update(draft["id"], status="CLOSED")
    assert closed["userErrors"] == []
    state = market.state(draft["id"])
    assert (state["status"], state["version"]) == ("CLOSED", 5)
    assert state["awardAcceptedAt"] == accepted["projectRequest"]["awardAcceptedAt"]
    assert state["awardedVendor"] == {"id": market.vendor["id"]}


def test_publishing_on_post_opens_the_request(market: Marketplace) -> None:
    posted = market.client.post_project(market.business, publish=True)

    assert posted["status"] == "OPEN"
    assert market.state(posted["id"])["publishedAt"] is not None


@pytest.mark.parametrize("status", ["DRAFT", "OPEN", "AWARDED"])
def test_request_can_be_cancelled(market: Marketplace, status: str) -> None:
    # given
    project_id = market.request_in(status)

    # when
    payload = market.update(project_id, status="CANCELLED")

    # then
    assert payload["userErrors"] == []
    assert market.state(project_id)["status"] == "CANCELLED"


INVALID_TRANSITIONS = [
    ("DRAFT", "AWARDED"),
    ("DRAFT", "CLOSED"),
    ("OPEN", "DRAFT"),
    ("OPEN", "AWARDED"),
    ("OPEN", "CLOSED"),
    ("AWARDED", "DRAFT"),
    ("AWARDED", "OPEN"),
    ("CLOSED", "OPEN"),
    ("CLOSED", "CANCELLED"),
    ("CANCELLED", "OPEN"),
    ("CANCELLED", "DRAFT"),
]


@pytest.mark.parametrize(("start", "target"), INVALID_TRANSITIONS)
def test_invalid_transition_is_refused(market: Marketplace, start: str, target: str) -> None:
    # given
    project_id = market.request_in(start)
    before = market.state(project_id)

    # when
    payload = market.update(project_id, status=target)

    # then
    assert payload["projectRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "status"], "INVALID_TRANSITION")
    ]
    assert market.state(project_id) == before


@pytest.mark.parametrize("status", ["DRAFT", "AWARDED", "CLOSED", "CANCELLED"])
def test_only_open_requests_can_be_awarded(market: Marketplace, status: str) -> None:
    # given
    project_id = market.request_in(status)
    before = market.state(project_id)

    # when
    payload = market.award(project_id)

    # then
    assert payload["projectRequest"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_TRANSITION"]
    assert market.state(project_id) == before


@pytest.mark.parametrize(
    "vendor_id",
    [str(GlobalID("Vendor", "999999")), str(GlobalID("ProjectRequest", "1"))],
    ids=["missing", "wrong-type"],
)
def test_award_to_an_unknown_vendor_is_not_found(market: Marketplace, vendor_id: str) -> None:
    # given
    project_id = market.request_in("OPEN")
    before = market.state(project_id)

    # when
    payload = market.award(project_id, vendor_id=vendor_id)

    # then
    assert payload["projectRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "vendorId"], "NOT_FOUND")
    ]
    assert market.state(project_id) == before


def test_editing_an_awarded_request_is_refused(market: Marketplace) -> None:
    # given
    project_id = market.request_in("AWARDED")
    before = market.state(project_id)

    # when
    payload = market.update(project_id, title="A bigger scope for the same price")

    # then
    assert payload["projectRequest"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_TRANSITION"]
    assert market.state(project_id) == before


def test_open_request_can_still_be_edited(market: Marketplace) -> None:
    project_id = market.request_in("OPEN")

    payload = market.update(project_id, title="Payments dashboard v2", expectedVersion=2)

    assert payload["userErrors"] == []
    state = market.state(project_id)
    assert (state["title"], state["status"], state["version"]) == (
        "Payments dashboard v2",
        "OPEN",
        3,
    )


def test_stale_expected_version_is_a_conflict_and_writes_nothing(market: Marketplace) -> None:
    # given a draft someone already edited (version 2)
    project_id = market.request_in("DRAFT")
    assert market.update(project_id, title="First edit", expectedVersion=1)["userErrors"] == []

    # when
    payload = market.update(project_id, title="Lost update", expectedVersion=1)

    # then
    assert payload["projectRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "expectedVersion"], "CONFLICT")
    ]
    state = market.state(project_id)
    assert (state["title"], state["version"]) == ("First edit", 2)


def test_declining_an_award_reopens_the_request_for_another_award(
    market: Marketplace, client: GraphQLClient
) -> None:
    # given
    project_id = market.request_in("AWARDED")

    # when
    declined = market.respond(project_id, accept=False)

    # then
    assert declined["userErrors"] == []
    assert declined["projectRequest"]["status"] == "OPEN"
    assert declined["projectRequest"]["awardedVendor"] is None
    state = market.state(project_id)
    assert (state["status"], state["awardedVendor"], state["awardAcceptedAt"]) == (
        "OPEN",
        None,
        None,
    )

    # and the business can award another vendor, who can accept
    other_owner = client.register("VENDOR")
    other = client.create_vendor(other_owner)
    awarded = market.award(project_id, vendor_id=other["id"])
    assert awarded["userErrors"] == []
    assert awarded["projectRequest"]["awardedVendor"] == {"id": other["id"]}
    # the vendor that declined no longer has a say
    late = market.respond(project_id)
    assert [e["code"] for e in late["userErrors"]] == ["FORBIDDEN"]
    accepted = market.respond(project_id, token=other_owner.token)
    assert accepted["userErrors"] == []
    assert accepted["projectRequest"]["awardAcceptedAt"] is not None


@pytest.mark.parametrize("accept", [True, False], ids=["accept", "decline"])
def test_an_accepted_award_cannot_be_answered_again(market: Marketplace, accept: bool) -> None:
    # given
    project_id = market.request_in("AWARDED")
    assert market.respond(project_id)["userErrors"] == []
    before = market.state(project_id)

    # when
    payload = market.respond(project_id, accept=accept)

    # then
    assert payload["projectRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "projectRequestId"], "INVALID_TRANSITION")
    ]
    assert market.state(project_id) == before


def test_an_unaccepted_award_cannot_be_closed_only_cancelled(market: Marketplace) -> None:
    # given an award the vendor has not answered
    project_id = market.request_in("AWARDED")
    before = market.state(project_id)

    # when
    payload = market.update(project_id, status="CLOSED")

    # then
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "status"], "INVALID_TRANSITION")
    ]
    assert market.state(project_id) == before


@pytest.mark.parametrize("accept", [True, False], ids=["accept", "decline"])
def test_an_award_that_ended_before_an_answer_cannot_be_answered(
    market: Marketplace, accept: bool
) -> None:
    # given the business cancelled the request before the vendor answered
    project_id = market.request_in("AWARDED")
    assert market.update(project_id, status="CANCELLED")["userErrors"] == []
    before = market.state(project_id)

    # when
    payload = market.respond(project_id, accept=accept)

    # then
    assert payload["projectRequest"] is None
    assert [e["code"] for e in payload["userErrors"]] == ["INVALID_TRANSITION"]
    assert market.state(project_id) == before


def test_responding_to_an_unknown_request_is_not_found(market: Marketplace) -> None:
    payload = market.respond(str(GlobalID("ProjectRequest", "999999")))

    assert payload["projectRequest"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "projectRequestId"], "NOT_FOUND")
    ]
