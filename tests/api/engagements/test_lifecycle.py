"""The work after a hire, over GraphQL: milestones from PENDING to APPROVED (and back for
changes), change requests both sides must accept, disputes an admin resolves, check-ins,
and how an engagement ends."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.engagements.world import (
    CHECK_IN,
    END,
    NODE,
    OPEN_DISPUTE,
    PROPOSE_CHANGE,
    RESOLVE_DISPUTE,
    RESPOND_TO_CHANGE,
    World,
    codes,
    days,
)
from tests.graphql_client import GraphQLClient


@pytest.fixture
def world(client: GraphQLClient) -> World:
    return World(client)


def statuses(world: World, engagement_id: str) -> list[str]:
    engagement = world.engagement(engagement_id)
    assert engagement is not None
    return [m["status"] for m in engagement["milestones"]]


def test_milestones_run_to_approval_and_the_engagement_completes(world: World) -> None:
    engagement = world.hire()
    first, second = (m["id"] for m in engagement["milestones"])

    started = world.move("startMilestone", "vendor_a", first)["milestone"]
    assert started["status"] == "IN_PROGRESS"
    submitted = world.move("submitMilestone", "vendor_a", first, note="On staging: link.")
    assert submitted["milestone"]["status"] == "SUBMITTED"
    assert submitted["milestone"]["submissionNote"] == "On staging: link."
    back = world.move("requestMilestoneChanges", "business_a", first, feedback="Add CSV export.")
    assert back["milestone"]["status"] == "CHANGES_REQUESTED"
    assert back["milestone"]["feedback"] == "Add CSV export."
    again = world.move("submitMilestone", "vendor_a", first, note="CSV export added.")
    assert again["milestone"]["status"] == "SUBMITTED"
    approved = world.move("approveMilestone", "business_a", first)["milestone"]
    assert approved["status"] == "APPROVED" and approved["approvedAt"] is not None
    assert world.engagement(engagement["id"])["status"] == "ACTIVE"  # type: ignore[index]

    world.deliver(second)

    done = world.engagement(engagement["id"])
    assert done is not None
    assert done["status"] == "COMPLETED" and done["endedAt"] is not None
    assert statuses(world, engagement["id"]) == ["APPROVED", "APPROVED"]
    business, vendor = world.kinds("business_a"), world.kinds("vendor_a")
    assert business.count("MILESTONE_STARTED") == 2
    assert business.count("MILESTONE_SUBMITTED") == 3
    assert vendor.count("MILESTONE_CHANGES_REQUESTED") == 1
    assert vendor.count("MILESTONE_APPROVED") == 2
    assert "MILESTONE_APPROVED" not in business
    # A completed engagement takes no more writes, and says why.
    late = world.run(
        CHECK_IN, "recordCheckIn", "vendor_a", engagementId=engagement["id"], summary="Hi"
    )
    assert codes(late) == ["INVALID_TRANSITION"]
    assert "COMPLETED" in late["userErrors"][0]["message"]


def test_a_change_applies_only_when_the_other_party_accepts(world: World) -> None:
    engagement = world.hire()
    first = engagement["milestones"][0]["id"]

    proposed = world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "vendor_a",
        engagementId=engagement["id"],
        milestoneId=first,
        reason="The payment API arrives late.",
        changes={"dueDate": days(45), "amount": "13500.00"},
    )["changeRequest"]
    assert proposed["status"] == "PROPOSED" and proposed["proposedBy"] == "VENDOR"
    assert proposed["changes"] == {
        "title": None,
        "acceptanceCriteria": None,
        "amount": {"amount": "13500.00", "currency": "EUR"},
        "dueDate": days(45),
    }
    assert "CHANGE_REQUESTED" in world.kinds("business_a")
    # Nothing changed yet; one open change per milestone; the proposer cannot accept it.
    unchanged = world.engagement(engagement["id"])["milestones"][0]  # type: ignore[index]
    assert unchanged["dueDate"] == days(30)
    second = world.run(
        PROPOSE_CHANGE,
        "proposeChange",
        "business_a",
        engagementId=engagement["id"],
        milestoneId=first,
        reason="Also rename it.",
        changes={"title": "MVP"},
    )
    assert codes(second) == ["INVALID_TRANSITION"]
    own = world.run(
        RESPOND_TO_CHANGE,
        "respondToChange",
        "vendor_a",
        changeRequestId=proposed["id"],
        accept=True,
    )
    assert codes(own) == ["FORBIDDEN"]

    accepted = world.ok(
        RESPOND_TO_CHANGE,
        "respondToChange",
        "business_a",
        changeRequestId=proposed["id"],
        accept=True,
    )["changeRequest"]

    assert accepted["status"] == "ACCEPTED" and accepted["respondedAt"] is not None
    changed = world.engagement(engagement["id"])["milestones"][0]  # type: ignore[index]
    assert changed["dueDate"] == days(45)
    assert changed["amount"] == {"amount": "13500.00", "currency": "EUR"}
    assert changed["version"] == 2
    assert "CHANGE_ACCEPTED" in world.kinds("vendor_a")


def test_a_new_milestone_by_change_request_and_a_rejected_change(world: World) -> None:
    engagement = world.hire()
    new = world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "business_a",
        engagementId=engagement["id"],
        reason="We also need an admin panel.",
        changes={
            "title": "Admin panel",
            "acceptanceCriteria": "Admins can refund payments.",
            "amount": "5000.00",
            "dueDate": days(75),
        },
    )["changeRequest"]
    assert new["milestone"] is None
    world.ok(
        RESPOND_TO_CHANGE, "respondToChange", "vendor_a", changeRequestId=new["id"], accept=True
    )
    milestones = world.engagement(engagement["id"])["milestones"]  # type: ignore[index]
    assert [m["title"] for m in milestones] == ["Dashboard MVP", "Handover", "Admin panel"]
    assert milestones[2]["status"] == "PENDING" and milestones[2]["position"] == 2

    rejected_change = world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "vendor_a",
        engagementId=engagement["id"],
        milestoneId=milestones[1]["id"],
        reason="More work than planned.",
        changes={"amount": "9000.00"},
    )["changeRequest"]
    rejected = world.ok(
        RESPOND_TO_CHANGE,
        "respondToChange",
        "business_a",
        changeRequestId=rejected_change["id"],
        accept=False,
    )["changeRequest"]
    assert rejected["status"] == "REJECTED"
    assert world.engagement(engagement["id"])["milestones"][1]["amount"]["amount"] == "8000.00"  # type: ignore[index]
    assert "CHANGE_REJECTED" in world.kinds("vendor_a")
    listed = world.engagement(engagement["id"])["changeRequests"]  # type: ignore[index]
    assert listed["totalCount"] == 2
    assert [e["node"]["id"] for e in listed["edges"]] == [rejected["id"], new["id"]]


def test_an_approved_milestone_cannot_change(world: World) -> None:
    engagement = world.hire()
    first = engagement["milestones"][0]["id"]
    world.deliver(first)
    payload = world.run(
        PROPOSE_CHANGE,
        "proposeChange",
        "business_a",
        engagementId=engagement["id"],
        milestoneId=first,
        reason="Rename.",
        changes={"title": "Renamed"},
    )
    assert codes(payload) == ["INVALID_TRANSITION"]
    assert "APPROVED" in payload["userErrors"][0]["message"]


def submitted(world: World) -> tuple[dict[str, Any], str]:
    engagement = world.hire()
    first = engagement["milestones"][0]["id"]
    world.move("startMilestone", "vendor_a", first)
    world.move("submitMilestone", "vendor_a", first, note="Done.")
    return engagement, first


def test_an_open_dispute_blocks_approval_until_an_admin_resolves_it(world: World) -> None:
    engagement, first = submitted(world)
    dispute = world.ok(
        OPEN_DISPUTE,
        "openDispute",
        "vendor_a",
        engagementId=engagement["id"],
        milestoneId=first,
        reason="The business moved the goalposts.",
        evidence=["https://example.com/spec-v1.pdf", "Call notes, 3 March"],
    )["dispute"]
    assert dispute["status"] == "OPEN" and dispute["openedBy"] == "VENDOR"
    assert dispute["evidence"] == ["https://example.com/spec-v1.pdf", "Call notes, 3 March"]
    assert "DISPUTE_OPENED" in world.kinds("business_a")

    blocked = world.move("approveMilestone", "business_a", first)
    assert codes(blocked) == ["INVALID_TRANSITION"]
    assert "dispute" in blocked["userErrors"][0]["message"]
    health = world.engagement(engagement["id"])["health"]  # type: ignore[index]
    assert health["status"] == "OFF_TRACK" and health["openDisputes"] == 1

    resolved = world.ok(
        RESOLVE_DISPUTE,
        "resolveDispute",
        "admin",
        disputeId=dispute["id"],
        resolution="The original spec stands; the work meets it.",
        outcome="APPROVE_MILESTONE",
    )["dispute"]

    assert resolved["status"] == "RESOLVED" and resolved["resolvedAt"] is not None
    assert statuses(world, engagement["id"]) == ["APPROVED", "PENDING"]
    assert "DISPUTE_RESOLVED" in world.kinds("business_a")
    assert "DISPUTE_RESOLVED" in world.kinds("vendor_a")
    twice = world.run(
        RESOLVE_DISPUTE, "resolveDispute", "admin", disputeId=dispute["id"], resolution="Again."
    )
    assert codes(twice) == ["INVALID_TRANSITION"]
    assert "RESOLVED" in twice["userErrors"][0]["message"]


def test_a_resolved_dispute_without_outcome_lets_the_business_approve(world: World) -> None:
    engagement, first = submitted(world)
    dispute = world.ok(
        OPEN_DISPUTE,
        "openDispute",
        "business_a",
        engagementId=engagement["id"],
        milestoneId=first,
        reason="Missing tests.",
    )["dispute"]
    world.ok(
        RESOLVE_DISPUTE, "resolveDispute", "admin", disputeId=dispute["id"], resolution="Talk."
    )
    assert world.move("approveMilestone", "business_a", first)["userErrors"] == []
    listed = world.engagement(engagement["id"], "vendor_a")["disputes"]  # type: ignore[index]
    assert listed["totalCount"] == 1
    assert listed["edges"][0]["node"]["openedBy"] == "BUSINESS"


def test_ending_by_agreement_needs_both_sides(world: World) -> None:
    engagement = world.hire()
    asked = world.ok(
        END, "endEngagement", "business_a", engagementId=engagement["id"], reason="Funding ended."
    )["engagement"]
    assert asked["status"] == "ACTIVE"
    assert asked["endRequest"] == {"requestedBy": "BUSINESS", "reason": "Funding ended."}
    seen = world.engagement(engagement["id"], "vendor_a")
    assert seen is not None and seen["endRequest"]["requestedBy"] == "BUSINESS"
    assert "ENGAGEMENT_ENDED" in world.kinds("vendor_a")
    twice = world.run(
        END, "endEngagement", "business_a", engagementId=engagement["id"], reason="Again."
    )
    assert codes(twice) == ["INVALID_TRANSITION"]

    agreed = world.ok(
        END, "endEngagement", "vendor_a", engagementId=engagement["id"], reason="Agreed."
    )["engagement"]

    assert agreed["status"] == "ENDED" and agreed["endedByAgreement"] is True
    assert agreed["endReason"] == "Agreed." and agreed["endedAt"] is not None
    assert agreed["endRequest"] is None
    after = world.move("startMilestone", "vendor_a", engagement["milestones"][0]["id"])
    assert codes(after) == ["INVALID_TRANSITION"]
    assert "ENDED" in after["userErrors"][0]["message"]


def test_either_side_can_end_unilaterally(world: World) -> None:
    engagement = world.hire()
    world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "business_a",
        engagementId=engagement["id"],
        milestoneId=engagement["milestones"][0]["id"],
        reason="Sooner.",
        changes={"dueDate": days(20)},
    )
    ended = world.ok(
        END,
        "endEngagement",
        "vendor_a",
        engagementId=engagement["id"],
        reason="The client stopped answering.",
        byAgreement=False,
    )["engagement"]
    assert ended["status"] == "ENDED" and ended["endedByAgreement"] is False
    # A change nobody answered is withdrawn with the engagement.
    changes = world.engagement(engagement["id"])["changeRequests"]  # type: ignore[index]
    assert [e["node"]["status"] for e in changes["edges"]] == ["WITHDRAWN"]
    assert "ENGAGEMENT_ENDED" in world.kinds("business_a")
    assert "ENGAGEMENT_ENDED" not in world.kinds("vendor_a")


def test_check_ins_are_listed_and_reach_the_other_party(world: World) -> None:
    engagement = world.hire()
    payload = world.ok(
        CHECK_IN,
        "recordCheckIn",
        "vendor_a",
        engagementId=engagement["id"],
        summary="Sprint 1 demo done; blocked on API keys.",
    )
    assert payload["checkIn"]["author"] == "VENDOR"
    world.ok(
        CHECK_IN, "recordCheckIn", "business_a", engagementId=engagement["id"], summary="Keys sent."
    )
    read = world.engagement(engagement["id"])
    assert read is not None
    assert read["checkIns"]["totalCount"] == 2
    assert [e["node"]["author"] for e in read["checkIns"]["edges"]] == ["BUSINESS", "VENDOR"]
    assert read["health"]["lastCheckInAt"] is not None
    assert "CHECK_IN" in world.kinds("business_a") and "CHECK_IN" in world.kinds("vendor_a")


def test_notifications_name_nodes_the_parties_can_open(world: World) -> None:
    engagement, first = submitted(world)
    proposed = world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "business_a",
        engagementId=engagement["id"],
        milestoneId=engagement["milestones"][1]["id"],
        reason="Rename.",
        changes={"title": "Launch"},
    )
    assert proposed["changeRequest"]["status"] == "PROPOSED"
    world.ok(
        OPEN_DISPUTE, "openDispute", "business_a", engagementId=engagement["id"], reason="Late."
    )
    ours = {"Engagement", "EngagementMilestone", "ChangeRequest", "Dispute"}
    seen = set()
    for role in ("business_a", "vendor_a"):
        for note in world.notifications(role):
            if note["subjectType"] in ours:
                # The recipient can open what the notification is about.
                assert note["subject"] == {"__typename": note["subjectType"]}, note
                seen.add(note["subjectType"])
    assert seen == ours
    node = world.client.execute(NODE, {"id": first}, token=world.business_a.token)["node"]
    assert node == {
        "__typename": "EngagementMilestone",
        "id": first,
        "milestoneStatus": "SUBMITTED",
    }
    hidden = world.client.execute(NODE, {"id": first}, token=world.business_b.token)["node"]
    assert hidden is None


def test_nested_lists_page_by_cursor_and_load_once_for_a_whole_list(
    world: World, statements: list[str]
) -> None:
    engagements = [world.hire() for _ in range(3)]
    for engagement in engagements:
        for summary in ("One", "Two", "Three"):
            world.ok(
                CHECK_IN,
                "recordCheckIn",
                "vendor_a",
                engagementId=engagement["id"],
                summary=summary,
            )
    query = """
    query ($after: String) {
      engagements(first: 10) { edges { node { id
        checkIns(first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { summary } }
        }
      } } }
    }
    """
    statements.clear()
    data = world.client.execute(query, token=world.business_a.token)["engagements"]["edges"]

    reads = [s for s in statements if "FROM check_in" in s]
    assert len(reads) == 2  # one page statement and one count for all three engagements
    for edge in data:
        page = edge["node"]["checkIns"]
        assert page["totalCount"] == 3 and page["pageInfo"]["hasNextPage"]
        assert [e["node"]["summary"] for e in page["edges"]] == ["Three", "Two"]
    one = world.engagement(engagements[0]["id"])
    assert one is not None
    cursor = world.client.execute(
        """query ($id: ID!) { engagement(id: $id) { checkIns(first: 2) {
             pageInfo { endCursor } } } }""",
        {"id": engagements[0]["id"]},
        token=world.business_a.token,
    )["engagement"]["checkIns"]["pageInfo"]["endCursor"]
    rest = world.client.execute(
        """query ($id: ID!, $after: String) { engagement(id: $id) {
             checkIns(first: 2, after: $after) { pageInfo { hasNextPage }
             edges { node { summary } } } } }""",
        {"id": engagements[0]["id"], "after": cursor},
        token=world.business_a.token,
    )["engagement"]["checkIns"]
    assert [e["node"]["summary"] for e in rest["edges"]] == ["One"]
    assert rest["pageInfo"]["hasNextPage"] is False
