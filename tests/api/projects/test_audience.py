"""Shortlists and invitations: the owner shortlists and invites vendors, the invited
vendor's owner answers, the owner revokes; invitations expire; each side is notified."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.projects.conftest import ACTORS, INVITE, Cast, Clock

SHORTLIST = """
mutation ($input: ShortlistVendorInput!) {
  shortlistVendor(input: $input) {
    projectRequest { shortlist { note vendor { id } } } userErrors { field message code }
  }
}
"""
UNSHORTLIST = """
mutation ($input: RemoveFromShortlistInput!) {
  removeFromShortlist(input: $input) {
    projectRequest { shortlist { vendor { id } } } userErrors { field message code }
  }
}
"""
RESPOND = """
mutation ($input: RespondToInvitationInput!) {
  respondToInvitation(input: $input) {
    invitation { id status respondedAt } userErrors { field message code }
  }
}
"""
REVOKE = """
mutation ($input: RevokeInvitationInput!) {
  revokeInvitation(input: $input) { invitation { status } userErrors { field message code } }
}
"""
AUDIENCE = """
query ($id: ID!) {
  projectRequest(id: $id) {
    shortlist { note vendor { id } }
    invitations { id status message vendor { id } }
  }
}
"""
MINE = """
query ($status: InvitationStatus) {
  myInvitations(first: 10, status: $status) {
    totalCount edges { node { id status projectRequest { id } } }
  }
}
"""
NODE = """
query ($id: ID!) { node(id: $id) { id ... on ProjectInvitation { status } } }
"""
# The owner alone manages its request's shortlist and invitations.
OWNER_ONLY = {
    "anonymous": "UNAUTHENTICATED",
    "business_a": None,
    "business_b": "FORBIDDEN",
    "vendor_a": "FORBIDDEN",
    "vendor_b": "FORBIDDEN",
    "admin": "FORBIDDEN",
}


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def audience(cast: Cast, project_id: str) -> dict[str, Any]:
    return cast.run("business_a", AUDIENCE, id=project_id)["projectRequest"]


def respond(cast: Cast, actor: str, invitation_id: str, accept: bool = True) -> Any:
    return cast.mutate(
        actor, RESPOND, "respondToInvitation", invitationId=invitation_id, accept=accept
    )


# --- shortlists -----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_shortlist_authorisation(cast: Cast, actor: str) -> None:
    project_id = cast.post()
    vendor_id = cast.vendors["vendor_b"]["id"]

    payload = cast.mutate(
        actor, SHORTLIST, "shortlistVendor", projectRequestId=project_id, vendorId=vendor_id
    )

    expected = OWNER_ONLY[actor]
    if expected is None:
        assert payload["userErrors"] == []
        assert payload["projectRequest"]["shortlist"] == [
            {"note": None, "vendor": {"id": vendor_id}}
        ]
    else:
        assert codes(payload) == [expected]
        assert audience(cast, project_id)["shortlist"] == []


@pytest.mark.parametrize("actor", ACTORS)
def test_remove_from_shortlist_authorisation(cast: Cast, actor: str) -> None:
    project_id = cast.post()
    vendor_id = cast.vendors["vendor_b"]["id"]
    cast.mutate(
        "business_a", SHORTLIST, "shortlistVendor", projectRequestId=project_id, vendorId=vendor_id
    )

    payload = cast.mutate(
        actor, UNSHORTLIST, "removeFromShortlist", projectRequestId=project_id, vendorId=vendor_id
    )

    expected = OWNER_ONLY[actor]
    remaining = audience(cast, project_id)["shortlist"]
    if expected is None:
        assert payload["userErrors"] == [] and remaining == []
    else:
        assert codes(payload) == [expected] and len(remaining) == 1


def test_shortlisting_again_replaces_the_note_and_removing_twice_is_not_found(cast: Cast) -> None:
    project_id = cast.post()
    ids = {"projectRequestId": project_id, "vendorId": cast.vendors["vendor_a"]["id"]}

    cast.mutate("business_a", SHORTLIST, "shortlistVendor", **ids, note="Strong on React")
    again = cast.mutate("business_a", SHORTLIST, "shortlistVendor", **ids, note="Call Monday")
    removed = cast.mutate("business_a", UNSHORTLIST, "removeFromShortlist", **ids)
    twice = cast.mutate("business_a", UNSHORTLIST, "removeFromShortlist", **ids)

    assert [entry["note"] for entry in again["projectRequest"]["shortlist"]] == ["Call Monday"]
    assert removed["userErrors"] == []
    assert twice["userErrors"] == [
        {
            "field": ["input", "vendorId"],
            "message": "This vendor is not on the shortlist.",
            "code": "NOT_FOUND",
        }
    ]


def test_a_shortlist_note_is_bounded_and_nothing_is_written(cast: Cast) -> None:
    project_id = cast.post()

    payload = cast.mutate(
        "business_a",
        SHORTLIST,
        "shortlistVendor",
        projectRequestId=project_id,
        vendorId=cast.vendors["vendor_a"]["id"],
        note="x" * 501,
    )

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "note"], "TOO_LONG")
    ]
    assert audience(cast, project_id)["shortlist"] == []


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_owner_and_admins_see_the_shortlist_and_invitations(
    cast: Cast, actor: str
) -> None:
    project_id = cast.post()
    cast.invite(project_id)

    seen = cast.run(actor, AUDIENCE, id=project_id)["projectRequest"]

    if actor in ("business_a", "admin"):
        assert [i["vendor"]["id"] for i in seen["invitations"]] == [cast.vendors["vendor_a"]["id"]]
        assert seen["shortlist"] == []
    else:
        assert seen == {"shortlist": None, "invitations": None}


# --- invitations ----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_invite_authorisation(cast: Cast, actor: str) -> None:
    project_id = cast.post(visibility="INVITE_ONLY")
    vendor_id = cast.vendors["vendor_a"]["id"]

    payload = cast.mutate(
        actor, INVITE, "inviteVendor", projectRequestId=project_id, vendorId=vendor_id
    )

    expected = OWNER_ONLY[actor]
    if expected is None:
        assert payload["userErrors"] == []
        assert payload["invitation"]["status"] == "PENDING"
    else:
        # business B does not even see an INVITE_ONLY request.
        expected = "NOT_FOUND" if actor == "business_b" else expected
        assert codes(payload) == [expected]
        assert audience(cast, project_id)["invitations"] == []


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("business_a", "FORBIDDEN"),
        ("business_b", "FORBIDDEN"),
        ("vendor_a", None),
        ("vendor_b", "NOT_FOUND"),
        ("admin", "FORBIDDEN"),
    ],
)
def test_respond_to_invitation_authorisation(cast: Cast, actor: str, expected: str | None) -> None:
    project_id = cast.post(visibility="INVITE_ONLY")
    invitation = cast.invite(project_id)

    payload = respond(cast, actor, invitation["id"])

    status = audience(cast, project_id)["invitations"][0]["status"]
    if expected is None:
        assert payload["userErrors"] == []
        assert payload["invitation"]["status"] == "ACCEPTED" == status
    else:
        assert codes(payload) == [expected]
        assert status == "PENDING"


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("business_a", None),
        ("business_b", "NOT_FOUND"),
        ("vendor_a", "FORBIDDEN"),
        ("vendor_b", "FORBIDDEN"),
        ("admin", "FORBIDDEN"),
    ],
)
def test_revoke_invitation_authorisation(cast: Cast, actor: str, expected: str | None) -> None:
    project_id = cast.post()
    invitation = cast.invite(project_id)

    payload = cast.mutate(actor, REVOKE, "revokeInvitation", invitationId=invitation["id"])

    status = audience(cast, project_id)["invitations"][0]["status"]
    if expected is None:
        assert payload["userErrors"] == [] and status == "REVOKED"
    else:
        assert codes(payload) == [expected] and status == "PENDING"


@pytest.mark.parametrize("actor", ACTORS)
def test_an_invitation_node_is_seen_by_both_parties_and_admins(cast: Cast, actor: str) -> None:
    invitation = cast.invite(cast.post())

    node = cast.run(actor, NODE, id=invitation["id"])["node"]

    assert (node is not None) is (actor in ("business_a", "vendor_a", "admin"))


def test_inviting_and_answering_notify_the_other_side(cast: Cast) -> None:
    project_id = cast.post(title="Ledger rebuild")
    invitation = cast.invite(project_id, message="We liked your fintech work.")

    respond(cast, "vendor_a", invitation["id"], accept=False)

    events = [(e.account_id, e.kind, e.subject_type) for e in cast.events()]
    assert events == [
        (cast.account_id("vendor_a"), "INVITED", "ProjectInvitation"),
        (cast.account_id("business_a"), "INVITATION_DECLINED", "ProjectInvitation"),
    ]
    assert audience(cast, project_id)["invitations"][0]["message"] == "We liked your fintech work."


def test_an_invitation_can_be_answered_once(cast: Cast) -> None:
    invitation = cast.invite(cast.post())
    respond(cast, "vendor_a", invitation["id"])

    again = respond(cast, "vendor_a", invitation["id"], accept=False)

    assert again["userErrors"] == [
        {
            "field": ["input", "invitationId"],
            "message": "Only a PENDING invitation can be answered; this one is ACCEPTED.",
            "code": "INVALID_TRANSITION",
        }
    ]


def test_an_expired_invitation_reads_expired_and_cannot_be_accepted(
    cast: Cast, moved_clock: Clock
) -> None:
    invitation = cast.invite(cast.post(visibility="INVITE_ONLY"))

    moved_clock.advance(days=14, minutes=1)
    answer = respond(cast, "vendor_a", invitation["id"])
    mine = cast.run("vendor_a", MINE, status="EXPIRED")["myInvitations"]

    assert codes(answer) == ["INVALID_TRANSITION"]
    assert "EXPIRED" in answer["userErrors"][0]["message"]
    assert mine["totalCount"] == 1
    # An expired invitation no longer admits the vendor to the INVITE_ONLY request.
    assert mine["edges"][0]["node"] == {
        "id": invitation["id"],
        "status": "EXPIRED",
        "projectRequest": None,
    }
    assert cast.run("vendor_a", MINE, status="PENDING")["myInvitations"]["totalCount"] == 0


def test_a_declined_invitation_can_be_renewed_but_a_pending_one_not_repeated(cast: Cast) -> None:
    project_id = cast.post()
    first = cast.invite(project_id)
    vendor_id = cast.vendors["vendor_a"]["id"]
    repeat = cast.mutate(
        "business_a", INVITE, "inviteVendor", projectRequestId=project_id, vendorId=vendor_id
    )
    respond(cast, "vendor_a", first["id"], accept=False)

    renewed = cast.invite(project_id)

    assert codes(repeat) == ["TAKEN"]
    assert renewed["id"] == first["id"] and renewed["status"] == "PENDING"


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        ({"message": "x" * 2001}, ["input", "message"], "TOO_LONG"),
        ({"vendorId": "VmVuZG9yOjk5OTk5"}, ["input", "vendorId"], "NOT_FOUND"),  # Vendor:99999
        ({"vendorId": "not-an-id"}, ["input", "vendorId"], "NOT_FOUND"),
    ],
)
def test_bad_invitations_name_the_field_and_write_nothing(
    cast: Cast, fields: dict[str, str], path: list[str], code: str
) -> None:
    project_id = cast.post()
    variables = {"projectRequestId": project_id, "vendorId": cast.vendors["vendor_a"]["id"]}

    payload = cast.mutate("business_a", INVITE, "inviteVendor", **{**variables, **fields})

    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(path, code)]
    assert audience(cast, project_id)["invitations"] == []
    assert cast.events() == []


def test_a_draft_takes_no_invitations_and_says_why(cast: Cast) -> None:
    project_id = cast.post(publish=False)

    payload = cast.mutate(
        "business_a",
        INVITE,
        "inviteVendor",
        projectRequestId=project_id,
        vendorId=cast.vendors["vendor_a"]["id"],
    )

    assert payload["userErrors"] == [
        {
            "field": ["input", "projectRequestId"],
            "message": "Only an OPEN request takes invitations; this one is DRAFT.",
            "code": "INVALID_TRANSITION",
        }
    ]


def test_my_invitations_lists_only_my_vendors(cast: Cast) -> None:
    first = cast.invite(cast.post(title="One"))
    second = cast.invite(cast.post(title="Two"))

    mine = cast.run("vendor_a", MINE)["myInvitations"]
    others = cast.run("vendor_b", MINE)["myInvitations"]
    business = cast.run("business_a", MINE)["myInvitations"]

    assert [edge["node"]["id"] for edge in mine["edges"]] == [second["id"], first["id"]]
    assert others["totalCount"] == 0 and business["totalCount"] == 0
