"""A project request's lifecycle: DRAFT -> OPEN -> AWARDED -> CLOSED, or CANCELLED on the way."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.relay import GlobalID

from tests.graphql_client import UPDATE_PROJECT, Account, GraphQLClient

AWARD = """
mutation ($input: AwardProjectRequestInput!) {
  awardProjectRequest(input: $input) {
    projectRequest { id status version awardedVendor { id } }
    userErrors { field message code }
  }
}
"""
PROJECT_STATE = """
query ($id: ID!) {
  projectRequest(id: $id) { title status version publishedAt awardedVendor { id } }
}
"""


class Marketplace:
    """One business, one vendor, and helpers to bring a request to any status."""

    def __init__(self, client: GraphQLClient) -> None:
        self.client = client
        self.business: Account = client.register("BUSINESS")
        self.vendor = client.create_vendor(client.register("VENDOR"))

    def update(self, project_id: str, **fields: Any) -> dict[str, Any]:
        variables = {"input": {"id": project_id, **fields}}
        data = self.client.execute(UPDATE_PROJECT, variables, token=self.business.token)
        return data["updateProjectRequest"]

    def award(self, project_id: str, vendor_id: str | None = None) -> dict[str, Any]:
        variables = {"input": {"id": project_id, "vendorId": vendor_id or self.vendor["id"]}}
        data = self.client.execute(AWARD, variables, token=self.business.token)
        return data["awardProjectRequest"]

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
            "CLOSED": ["OPEN", "award", "CLOSED"],
            "CANCELLED": ["CANCELLED"],
        }[status]
        for step in steps:
            payload = (
                self.award(project_id) if step == "award" else self.update(project_id, status=step)
            )
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

    # when / then: close
    closed = market.update(draft["id"], status="CLOSED")
    assert closed["userErrors"] == []
    state = market.state(draft["id"])
    assert (state["status"], state["version"]) == ("CLOSED", 4)
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
