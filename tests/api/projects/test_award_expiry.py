"""An award is an offer that lapses: unanswered past awardExpiresAt, the request reads as
OPEN again with nobody awarded, the vendor is told it expired, and the owner may award
again. The owner may also withdraw a pending award, never an accepted one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from tests.api.projects.conftest import ACTORS, Cast, Clock
from tests.graphql_client import RESPOND_TO_AWARD

AWARD = """
mutation ($input: AwardProjectRequestInput!) {
  awardProjectRequest(input: $input) {
    projectRequest { status awardExpiresAt awardedVendor { id } }
    userErrors { field message code }
  }
}
"""
WITHDRAW = """
mutation ($input: WithdrawAwardInput!) {
  withdrawAward(input: $input) {
    projectRequest { status awardExpiresAt awardedVendor { id } }
    userErrors { field message code }
  }
}
"""
STATE = """
query ($id: ID!) {
  projectRequest(id: $id) { status awardExpiresAt awardedVendor { id } }
}
"""
OPEN_IDS = """
query ($status: ProjectStatus) {
  projectRequests(first: 50, status: $status) { edges { node { id } } }
}
"""
MAY_WITHDRAW = {
    "anonymous": "UNAUTHENTICATED",
    "business_a": None,
    "business_b": "FORBIDDEN",
    "vendor_a": "FORBIDDEN",
    "vendor_b": "FORBIDDEN",
    "admin": "FORBIDDEN",
}


def award(cast: Cast, project_id: str, vendor: str = "vendor_a") -> Any:
    payload = cast.mutate(
        "business_a",
        AWARD,
        "awardProjectRequest",
        id=project_id,
        vendorId=cast.vendors[vendor]["id"],
    )
    assert payload["userErrors"] == [], payload["userErrors"]
    return payload["projectRequest"]


def respond(cast: Cast, project_id: str, accept: bool = True) -> Any:
    return cast.mutate(
        "vendor_a", RESPOND_TO_AWARD, "respondToAward", projectRequestId=project_id, accept=accept
    )


def state(cast: Cast, project_id: str) -> Any:
    return cast.run("business_a", STATE, id=project_id)["projectRequest"]


def ids(cast: Cast, status: str) -> set[str]:
    edges = cast.run("business_a", OPEN_IDS, status=status)["projectRequests"]["edges"]
    return {edge["node"]["id"] for edge in edges}


def test_an_award_expires_after_its_lifetime(cast: Cast) -> None:
    project_id = cast.post()
    before = datetime.fromisoformat(award(cast, project_id)["awardExpiresAt"])

    # AWARD_TTL_HOURS is a week by default.
    assert timedelta(days=6, hours=23) < before - datetime.now(before.tzinfo) <= timedelta(days=7)


def test_an_unanswered_award_lapses_and_the_request_reopens(cast: Cast, moved_clock: Clock) -> None:
    project_id = cast.post()
    award(cast, project_id)
    assert project_id in ids(cast, "AWARDED")

    moved_clock.advance(days=7, minutes=1)
    answer = respond(cast, project_id)

    assert state(cast, project_id) == {
        "status": "OPEN",
        "awardExpiresAt": None,
        "awardedVendor": None,
    }
    assert project_id in ids(cast, "OPEN") and project_id not in ids(cast, "AWARDED")
    assert answer["userErrors"][0]["code"] == "INVALID_TRANSITION"
    assert "expired" in answer["userErrors"][0]["message"]
    # The owner awards again, to someone else.
    again = award(cast, project_id, vendor="vendor_b")
    assert again["status"] == "AWARDED"
    assert again["awardedVendor"] == {"id": cast.vendors["vendor_b"]["id"]}


def test_an_award_answered_in_time_does_not_lapse(cast: Cast, moved_clock: Clock) -> None:
    project_id = cast.post()
    award(cast, project_id)
    moved_clock.advance(days=6)

    accepted = respond(cast, project_id)
    moved_clock.advance(days=30)

    assert accepted["userErrors"] == []
    assert state(cast, project_id)["status"] == "AWARDED"
    assert state(cast, project_id)["awardedVendor"] == {"id": cast.vendors["vendor_a"]["id"]}


@pytest.mark.parametrize("actor", ACTORS)
def test_withdraw_award_authorisation(cast: Cast, actor: str) -> None:
    project_id = cast.post()
    award(cast, project_id)

    payload = cast.mutate(
        actor, WITHDRAW, "withdrawAward", projectRequestId=project_id, reason="Budget cut"
    )

    expected = MAY_WITHDRAW[actor]
    if expected is None:
        assert payload["userErrors"] == []
        assert payload["projectRequest"] == {
            "status": "OPEN",
            "awardExpiresAt": None,
            "awardedVendor": None,
        }
        withdrawn = [e for e in cast.events() if e.kind == "AWARD_WITHDRAWN"]
        assert [(e.account_id, e.subject_type) for e in withdrawn] == [
            (cast.account_id("vendor_a"), "ProjectRequest")
        ]
        assert "Budget cut" in withdrawn[0].summary
    else:
        assert [e["code"] for e in payload["userErrors"]] == [expected]
        assert state(cast, project_id)["status"] == "AWARDED"


def test_an_accepted_award_cannot_be_withdrawn(cast: Cast) -> None:
    project_id = cast.post()
    award(cast, project_id)
    assert respond(cast, project_id)["userErrors"] == []

    payload = cast.mutate("business_a", WITHDRAW, "withdrawAward", projectRequestId=project_id)

    assert payload["userErrors"] == [
        {
            "field": ["input", "projectRequestId"],
            "message": "The vendor already accepted this award; it can no longer be withdrawn.",
            "code": "INVALID_TRANSITION",
        }
    ]


def test_withdrawing_without_an_award_says_why(cast: Cast) -> None:
    project_id = cast.post()

    payload = cast.mutate("business_a", WITHDRAW, "withdrawAward", projectRequestId=project_id)

    assert payload["userErrors"][0]["message"] == (
        "There is no pending award to withdraw; this request is OPEN."
    )


def test_a_withdrawn_award_can_no_longer_be_accepted(cast: Cast) -> None:
    project_id = cast.post()
    award(cast, project_id)
    cast.mutate("business_a", WITHDRAW, "withdrawAward", projectRequestId=project_id)

    answer = respond(cast, project_id)

    assert [e["code"] for e in answer["userErrors"]] == ["FORBIDDEN"]
    assert state(cast, project_id)["status"] == "OPEN"


def test_a_withdrawal_reason_is_bounded_and_nothing_is_written(cast: Cast) -> None:
    project_id = cast.post()
    award(cast, project_id)

    payload = cast.mutate(
        "business_a", WITHDRAW, "withdrawAward", projectRequestId=project_id, reason="x" * 501
    )

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "reason"], "TOO_LONG")
    ]
    assert state(cast, project_id)["status"] == "AWARDED"


def test_awarding_and_answering_notify_the_other_side(cast: Cast) -> None:
    project_id = cast.post()
    award(cast, project_id)
    respond(cast, project_id, accept=False)

    events = [(e.account_id, e.kind) for e in cast.events() if e.subject_type == "ProjectRequest"]

    assert events == [
        (cast.account_id("vendor_a"), "AWARDED"),
        (cast.account_id("business_a"), "AWARD_DECLINED"),
    ]


def test_the_awarded_vendor_sees_an_invite_only_request_until_the_award_is_withdrawn(
    cast: Cast,
) -> None:
    project_id = cast.post(visibility="INVITE_ONLY")
    assert cast.request("vendor_b", project_id) is None

    award(cast, project_id, vendor="vendor_b")
    seen = cast.request("vendor_b", project_id)
    cast.mutate("business_a", WITHDRAW, "withdrawAward", projectRequestId=project_id)

    assert seen is not None and seen["status"] == "AWARDED"
    assert cast.request("vendor_b", project_id) is None
