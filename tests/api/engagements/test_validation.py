"""Bad input is refused naming each field, and writes nothing; a transition that is not
allowed says why, with the current state."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.api.engagements.world import (
    CHECK_IN,
    END,
    ENGAGEMENT,
    OPEN_DISPUTE,
    PROPOSE_CHANGE,
    RESOLVE_DISPUTE,
    RESPOND,
    RESPOND_TO_CHANGE,
    World,
    codes,
    days,
    fields_of,
    milestone,
)
from tests.graphql_client import GraphQLClient

PROJECT = "query ($id: ID!) { projectRequest(id: $id) { status awardAcceptedAt } }"


@pytest.fixture
def world(client: GraphQLClient) -> World:
    return World(client)


def engagements(world: World) -> int:
    data = world.client.execute("{ engagements(first: 5) { totalCount } }", token=world.admin.token)
    count: int = data["engagements"]["totalCount"]
    return count


def test_a_bad_plan_and_bad_milestones_name_every_field_and_hire_nobody(world: World) -> None:
    project_id = world.awarded()
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    payload = world.run(
        RESPOND,
        "respondToAward",
        "vendor_a",
        projectRequestId=project_id,
        accept=True,
        plan={
            "weekday": 9,
            "time": "25:00",
            "responseTimeHours": 0,
            "channel": "x" * 61,
            "workingLanguage": "xx",
        },
        milestones=[
            {"title": " ", "amount": "-5", "dueDate": yesterday, "acceptanceCriteria": ""},
            milestone(amount="10.001"),
        ],
    )

    assert sorted(fields_of(payload)) == sorted(
        [
            "input.plan.weekday",
            "input.plan.time",
            "input.plan.responseTimeHours",
            "input.plan.channel",
            "input.plan.workingLanguage",
            "input.milestones.0.title",
            "input.milestones.0.amount",
            "input.milestones.0.dueDate",
            "input.milestones.0.acceptanceCriteria",
            "input.milestones.1.amount",
        ]
    )
    assert payload["engagement"] is None
    project = world.client.execute(PROJECT, {"id": project_id}, token=world.business_a.token)
    assert project["projectRequest"] == {"status": "AWARDED", "awardAcceptedAt": None}
    assert engagements(world) == 0


def test_an_empty_milestone_list_is_refused(world: World) -> None:
    project_id = world.awarded()
    payload = world.run(
        RESPOND,
        "respondToAward",
        "vendor_a",
        projectRequestId=project_id,
        accept=True,
        milestones=[],
    )
    assert fields_of(payload) == ["input.milestones"]
    assert codes(payload) == ["REQUIRED"]
    assert engagements(world) == 0


def test_a_response_promise_is_an_hour_to_a_week(world: World) -> None:
    project_id = world.awarded()
    payload = world.run(
        RESPOND,
        "respondToAward",
        "vendor_a",
        projectRequestId=project_id,
        accept=True,
        plan={"responseTimeHours": 169},
    )
    assert fields_of(payload) == ["input.plan.responseTimeHours"]
    assert codes(payload) == ["OUT_OF_RANGE"]


def test_bad_changes_name_their_fields(world: World) -> None:
    engagement = world.hire()
    base = {"engagementId": engagement["id"], "reason": "Because."}
    first = engagement["milestones"][0]["id"]
    nothing = world.run(
        PROPOSE_CHANGE, "proposeChange", "vendor_a", **base, milestoneId=first, changes={}
    )
    assert fields_of(nothing) == ["input.changes"]
    # Without a milestone it is a new milestone: every field is needed.
    incomplete = world.run(
        PROPOSE_CHANGE, "proposeChange", "vendor_a", **base, changes={"title": "New"}
    )
    assert sorted(fields_of(incomplete)) == [
        "input.changes.acceptanceCriteria",
        "input.changes.amount",
        "input.changes.dueDate",
    ]
    wrong = world.run(
        PROPOSE_CHANGE,
        "proposeChange",
        "vendor_a",
        engagementId=engagement["id"],
        milestoneId=engagement["milestones"][0]["id"],
        reason="",
        changes={"amount": "0", "dueDate": "2001-01-01", "title": "t" * 161},
    )
    assert sorted(fields_of(wrong)) == [
        "input.changes.amount",
        "input.changes.dueDate",
        "input.changes.title",
        "input.reason",
    ]
    assert world.engagement(engagement["id"])["changeRequests"]["totalCount"] == 0  # type: ignore[index]


def test_bad_disputes_check_ins_and_endings_name_their_fields(world: World) -> None:
    engagement = world.hire()
    target = {"engagementId": engagement["id"]}
    dispute = world.run(
        OPEN_DISPUTE,
        "openDispute",
        "vendor_a",
        **target,
        reason=" ",
        evidence=["ok", "x" * 501],
    )
    assert sorted(fields_of(dispute)) == ["input.evidence.1", "input.reason"]
    many = world.run(
        OPEN_DISPUTE, "openDispute", "vendor_a", **target, reason="Late.", evidence=["a"] * 11
    )
    assert fields_of(many) == ["input.evidence"] and codes(many) == ["TOO_MANY"]
    check_in = world.run(CHECK_IN, "recordCheckIn", "vendor_a", **target, summary="")
    assert fields_of(check_in) == ["input.summary"]
    end = world.run(END, "endEngagement", "vendor_a", **target, reason="\x00")
    assert fields_of(end) == ["input.reason"]
    read = world.engagement(engagement["id"])
    assert read is not None
    assert read["status"] == "ACTIVE" and read["endRequest"] is None
    assert read["disputes"]["totalCount"] == 0 and read["checkIns"]["totalCount"] == 0


def test_notes_and_feedback_are_required(world: World) -> None:
    engagement = world.hire()
    first = engagement["milestones"][0]["id"]
    world.move("startMilestone", "vendor_a", first)
    blank = world.move("submitMilestone", "vendor_a", first, note="  ")
    assert fields_of(blank) == ["input.note"] and codes(blank) == ["REQUIRED"]
    world.move("submitMilestone", "vendor_a", first, note="Done.")
    empty = world.move("requestMilestoneChanges", "business_a", first, feedback="")
    assert fields_of(empty) == ["input.feedback"]
    read = world.engagement(engagement["id"])["milestones"][0]  # type: ignore[index]
    assert read["status"] == "SUBMITTED" and read["feedback"] is None


@pytest.mark.parametrize(
    ("field", "query", "name", "fields"),
    [
        (
            "milestoneId",
            PROPOSE_CHANGE,
            "proposeChange",
            {"reason": "x", "changes": {"title": "t"}},
        ),
        ("changeRequestId", RESPOND_TO_CHANGE, "respondToChange", {"accept": True}),
        ("disputeId", RESOLVE_DISPUTE, "resolveDispute", {"resolution": "x"}),
    ],
)
def test_ids_of_another_type_are_not_found_at_their_field(
    world: World, field: str, query: str, name: str, fields: dict[str, Any]
) -> None:
    engagement = world.hire()
    if field == "milestoneId":
        fields = {**fields, "engagementId": engagement["id"]}
    role = "admin" if name == "resolveDispute" else "vendor_a"
    payload = world.run(query, name, role, **{field: engagement["id"]}, **fields)
    assert fields_of(payload) == [f"input.{field}"]
    assert codes(payload) == ["NOT_FOUND"]


def test_a_milestone_of_another_engagement_is_not_found(world: World) -> None:
    one, other = world.hire(), world.hire()
    payload = world.run(
        OPEN_DISPUTE,
        "openDispute",
        "vendor_a",
        engagementId=one["id"],
        milestoneId=other["milestones"][0]["id"],
        reason="Mixed up.",
    )
    assert fields_of(payload) == ["input.milestoneId"] and codes(payload) == ["NOT_FOUND"]


# (moves before, the move, its role) -> the state the refusal must name.
TRANSITIONS = [
    ([], "submitMilestone", "vendor_a", "PENDING"),
    ([], "approveMilestone", "business_a", "PENDING"),
    ([], "requestMilestoneChanges", "business_a", "PENDING"),
    (["startMilestone"], "startMilestone", "vendor_a", "IN_PROGRESS"),
    (["startMilestone"], "approveMilestone", "business_a", "IN_PROGRESS"),
    (["startMilestone", "submitMilestone"], "submitMilestone", "vendor_a", "SUBMITTED"),
    (["startMilestone", "submitMilestone"], "startMilestone", "vendor_a", "SUBMITTED"),
    (
        ["startMilestone", "submitMilestone", "approveMilestone"],
        "requestMilestoneChanges",
        "business_a",
        "APPROVED",
    ),
    (
        ["startMilestone", "submitMilestone", "approveMilestone"],
        "submitMilestone",
        "vendor_a",
        "APPROVED",
    ),
]
EXTRA = {
    "submitMilestone": {"note": "Done."},
    "requestMilestoneChanges": {"feedback": "Again."},
}


@pytest.mark.parametrize(("before", "move", "role", "state"), TRANSITIONS)
def test_a_transition_not_allowed_says_why(
    world: World, before: list[str], move: str, role: str, state: str
) -> None:
    engagement = world.hire()
    first = engagement["milestones"][0]["id"]
    for step in before:
        by = "vendor_a" if step in {"startMilestone", "submitMilestone"} else "business_a"
        assert world.move(step, by, first, **EXTRA.get(step, {}))["userErrors"] == []
    version = world.engagement(engagement["id"])["milestones"][0]["version"]  # type: ignore[index]

    payload = world.move(move, role, first, **EXTRA.get(move, {}))

    assert codes(payload) == ["INVALID_TRANSITION"]
    assert fields_of(payload) == ["input.milestoneId"]
    assert f"This milestone is {state}" in payload["userErrors"][0]["message"]
    after = world.engagement(engagement["id"])["milestones"][0]  # type: ignore[index]
    assert (after["status"], after["version"]) == (state, version)


def test_an_answered_change_cannot_be_answered_again(world: World) -> None:
    engagement = world.hire()
    proposed = world.ok(
        PROPOSE_CHANGE,
        "proposeChange",
        "vendor_a",
        engagementId=engagement["id"],
        milestoneId=engagement["milestones"][0]["id"],
        reason="Later.",
        changes={"dueDate": days(40)},
    )["changeRequest"]
    world.ok(
        RESPOND_TO_CHANGE,
        "respondToChange",
        "business_a",
        changeRequestId=proposed["id"],
        accept=False,
    )
    again = world.run(
        RESPOND_TO_CHANGE,
        "respondToChange",
        "business_a",
        changeRequestId=proposed["id"],
        accept=True,
    )
    assert codes(again) == ["INVALID_TRANSITION"]
    assert "REJECTED" in again["userErrors"][0]["message"]
    assert world.engagement(engagement["id"])["milestones"][0]["dueDate"] == days(30)  # type: ignore[index]


def test_an_engagement_that_ended_refuses_every_write_saying_why(world: World) -> None:
    engagement = world.hire()
    world.ok(
        END,
        "endEngagement",
        "business_a",
        engagementId=engagement["id"],
        reason="Stop.",
        byAgreement=False,
    )
    target = {"engagementId": engagement["id"]}
    refusals = [
        world.run(CHECK_IN, "recordCheckIn", "vendor_a", **target, summary="Hi."),
        world.run(OPEN_DISPUTE, "openDispute", "vendor_a", **target, reason="Unfair."),
        world.run(END, "endEngagement", "vendor_a", **target, reason="Also."),
        world.run(
            PROPOSE_CHANGE,
            "proposeChange",
            "vendor_a",
            **target,
            reason="x",
            changes={"title": "New", "acceptanceCriteria": "x", "amount": "1", "dueDate": days(9)},
        ),
        world.move("startMilestone", "vendor_a", engagement["milestones"][0]["id"]),
    ]
    for payload in refusals:
        assert codes(payload) == ["INVALID_TRANSITION"]
        assert "ENDED" in payload["userErrors"][0]["message"]
    data = world.client.execute(ENGAGEMENT, {"id": engagement["id"]}, token=world.admin.token)
    assert data["engagement"]["checkIns"]["totalCount"] == 0


def test_an_engagement_has_at_most_fifty_milestones(world: World) -> None:
    too_many = [milestone(f"Part {n}", "100.00") for n in range(51)]
    refused = world.run(
        RESPOND,
        "respondToAward",
        "vendor_a",
        projectRequestId=world.awarded(),
        accept=True,
        milestones=too_many,
    )
    assert fields_of(refused) == ["input.milestones"] and codes(refused) == ["TOO_MANY"]

    engagement = world.hire(milestones=too_many[:50])
    assert len(engagement["milestones"]) == 50
    extra = world.run(
        PROPOSE_CHANGE,
        "proposeChange",
        "business_a",
        engagementId=engagement["id"],
        reason="One more.",
        changes={"title": "More", "acceptanceCriteria": "x", "amount": "1", "dueDate": days(9)},
    )
    assert fields_of(extra) == ["input.changes"] and codes(extra) == ["TOO_MANY"]
