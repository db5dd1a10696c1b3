"""Hiring starts an engagement: an award the vendor accepts, or a proposal the business
accepts, with a communication plan shown in both zones and milestones."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.api.engagements.world import (
    ACCEPT_PROPOSAL,
    END,
    ENGAGEMENT,
    RESPOND,
    World,
    codes,
    days,
)
from tests.graphql_client import RESPOND_TO_AWARD, USER_ERRORS, GraphQLClient

SUBMIT_PROPOSAL = f"""
mutation ($input: SubmitProposalInput!) {{
  submitProposal(input: $input) {{ proposal {{ id status }} {USER_ERRORS} }}
}}
"""
PROPOSAL = "query ($id: ID!) { node(id: $id) { ... on Proposal { status } } }"


@pytest.fixture
def world(client: GraphQLClient) -> World:
    return World(client)


def test_accepting_an_award_starts_the_engagement_with_its_plan(world: World) -> None:
    engagement = world.hire()

    assert engagement["status"] == "ACTIVE"
    assert engagement["currency"] == "EUR"
    assert engagement["mySide"] == "VENDOR"
    plan = engagement["plan"]
    assert plan["cadence"] == "WEEKLY"
    assert (plan["weekday"], plan["time"]) == (2, "10:00")
    assert plan["businessTimezone"] == "Europe/Berlin"
    assert plan["vendorTimezone"] == "Asia/Manila"
    assert plan["responseTimeHours"] == 8
    assert plan["channel"] == "Slack #acme-payments"
    assert plan["workingLanguage"] == {"code": "en"}
    # The next check-in is a Wednesday at 10:00 in Berlin, the same instant in Manila.
    upcoming = plan["nextCheckIn"]
    utc = datetime.fromisoformat(upcoming["utc"])
    berlin = datetime.fromisoformat(upcoming["businessLocal"])
    manila = datetime.fromisoformat(upcoming["vendorLocal"])
    assert berlin == utc == manila
    assert berlin.utcoffset() == utc.astimezone(ZoneInfo("Europe/Berlin")).utcoffset()
    assert manila.utcoffset() == timedelta(hours=8)
    assert (berlin.weekday(), berlin.hour, berlin.minute) == (2, 10, 0)
    assert utc > datetime.now(ZoneInfo("UTC"))
    assert [m["title"] for m in engagement["milestones"]] == ["Dashboard MVP", "Handover"]
    assert [m["status"] for m in engagement["milestones"]] == ["PENDING", "PENDING"]
    assert engagement["milestones"][0]["amount"] == {"amount": "12000.00", "currency": "EUR"}
    assert engagement["thread"]["kind"] == "ENGAGEMENT"
    assert "ENGAGEMENT_STARTED" in world.kinds("business_a")
    assert "ENGAGEMENT_STARTED" in world.kinds("vendor_a")


def test_an_award_accepted_without_a_plan_takes_the_requests_defaults(world: World) -> None:
    project_id = world.awarded()
    payload = world.client.execute(
        RESPOND_TO_AWARD,
        {"input": {"projectRequestId": project_id, "accept": True}},
        token=world.vendor_a_owner.token,
    )["respondToAward"]
    assert payload["userErrors"] == []
    assert payload["projectRequest"]["awardAcceptedAt"] is not None

    engagement = world.client.execute(
        "{ engagements(first: 5) { edges { node { id } } } }", token=world.business_a.token
    )["engagements"]["edges"][0]["node"]
    full = world.engagement(engagement["id"])
    assert full is not None
    plan = full["plan"]
    assert (plan["cadence"], plan["weekday"], plan["time"]) == ("WEEKLY", 0, "09:00")
    assert (plan["businessTimezone"], plan["vendorTimezone"]) == ("Europe/Berlin", "Asia/Manila")
    assert (plan["responseTimeHours"], plan["workingLanguage"]) == (24, {"code": "en"})
    # One milestone for the whole budget, due at the request's deadline.
    (only,) = full["milestones"]
    assert only["amount"] == {"amount": "40000.00", "currency": "EUR"}
    assert only["dueDate"] == days(120)
    assert only["title"] == "Payments dashboard"


def test_declining_an_award_starts_nothing(world: World) -> None:
    project_id = world.awarded()
    payload = world.ok(
        RESPOND, "respondToAward", "vendor_a", projectRequestId=project_id, accept=False
    )
    assert payload["engagement"] is None
    assert payload["projectRequest"]["status"] == "OPEN"
    listed = world.client.execute(
        "{ engagements(first: 5) { totalCount } }", token=world.business_a.token
    )
    assert listed["engagements"]["totalCount"] == 0


def proposal_request(world: World) -> str:
    project = world.client.post_project(
        world.business_a,
        publish=True,
        startDate=days(20),
        deadline=days(150),
        acceptanceCriteria=["Dashboard passes the acceptance test suite"],
        communicationPlan="Weekly video check-in on Mondays.",
    )
    project_id: str = project["id"]
    return project_id


def propose(world: World, project_id: str, role: str, vendor: dict[str, Any], amount: str) -> str:
    payload = world.run(
        SUBMIT_PROPOSAL,
        "submitProposal",
        role,
        projectRequestId=project_id,
        vendorId=vendor["id"],
        price={"pricing": "FIXED", "amount": amount, "currency": "USD"},
        schedule={"startDate": days(30), "endDate": days(100)},
        team={"size": 3, "roles": ["Tech lead", "QA"]},
        approach="Two-week sprints with a demo at the end of each one.",
    )
    assert payload["userErrors"] == [], payload["userErrors"]
    proposal_id: str = payload["proposal"]["id"]
    return proposal_id


def test_accepting_a_proposal_hires_the_vendor_in_the_proposals_currency(world: World) -> None:
    project_id = proposal_request(world)
    chosen = propose(world, project_id, "vendor_a", world.vendor_a, "31000.00")
    other = propose(world, project_id, "vendor_b", world.vendor_b, "29000.00")

    payload = world.ok(ACCEPT_PROPOSAL, "acceptProposal", "business_a", proposalId=chosen)

    engagement = payload["engagement"]
    assert engagement["status"] == "ACTIVE"
    assert engagement["currency"] == "USD"
    assert engagement["proposal"] == {"id": chosen}
    assert engagement["vendor"] == {"id": world.vendor_a["id"]}
    (only,) = engagement["milestones"]
    assert only["amount"] == {"amount": "31000.00", "currency": "USD"}
    assert only["dueDate"] == days(100)
    status = "query ($id: ID!) { projectRequest(id: $id) { status awardAcceptedAt } }"
    project = world.client.execute(status, {"id": project_id}, token=world.business_a.token)
    assert project["projectRequest"]["status"] == "AWARDED"
    assert project["projectRequest"]["awardAcceptedAt"] is not None
    read = world.client.execute(PROPOSAL, {"id": other}, token=world.vendor_b_owner.token)
    assert read["node"] == {"status": "DECLINED"}
    assert "ENGAGEMENT_STARTED" in world.kinds("vendor_a")


def test_a_proposal_is_accepted_once(world: World) -> None:
    project_id = proposal_request(world)
    chosen = propose(world, project_id, "vendor_a", world.vendor_a, "31000.00")
    world.ok(ACCEPT_PROPOSAL, "acceptProposal", "business_a", proposalId=chosen)

    again = world.run(ACCEPT_PROPOSAL, "acceptProposal", "business_a", proposalId=chosen)

    assert codes(again) == ["INVALID_TRANSITION"]
    assert (
        world.client.execute(
            "{ engagements(first: 5) { totalCount } }", token=world.business_a.token
        )["engagements"]["totalCount"]
        == 1
    )


def test_engagement_lists_show_each_viewer_its_own(world: World) -> None:
    first = world.hire()
    second = world.hire()
    world.ok(
        END,
        "endEngagement",
        "business_a",
        engagementId=first["id"],
        reason="Budget cut.",
        byAgreement=False,
    )
    query = """
    query ($first: Int, $after: String, $status: EngagementStatus) {
      engagements(first: $first, after: $after, status: $status) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id status } }
      }
    }
    """

    def ids(role: str, **variables: Any) -> list[str]:
        data = world.client.execute(query, variables, token=world.token(role))["engagements"]
        return [edge["node"]["id"] for edge in data["edges"]]

    assert ids("business_a") == [second["id"], first["id"]]  # newest first
    assert ids("vendor_a") == [second["id"], first["id"]]
    assert ids("admin") == [second["id"], first["id"]]
    assert ids("business_b") == []
    assert ids("vendor_b") == []
    assert ids("anonymous") == []
    assert ids("business_a", status="ENDED") == [first["id"]]
    page = world.client.execute(query, {"first": 1}, token=world.business_a.token)["engagements"]
    assert page["totalCount"] == 2 and page["pageInfo"]["hasNextPage"]
    rest = ids("business_a", first=1, after=page["pageInfo"]["endCursor"])
    assert rest == [first["id"]]


def test_an_engagement_reads_as_null_to_everyone_but_its_parties_and_admins(
    world: World,
) -> None:
    engagement = world.hire()
    visible = {
        role: world.engagement(engagement["id"], role) is not None
        for role in ("anonymous", "business_a", "business_b", "vendor_a", "vendor_b", "admin")
    }
    assert visible == {
        "anonymous": False,
        "business_a": True,
        "business_b": False,
        "vendor_a": True,
        "vendor_b": False,
        "admin": True,
    }
    data = world.client.execute(ENGAGEMENT, {"id": engagement["id"]}, token=world.admin.token)
    assert data["engagement"]["mySide"] is None
