"""INVITE_ONLY requests are seen by their owner, admins and the owners of vendors holding
a PENDING (unexpired) or ACCEPTED invitation, wherever requests are read."""

from __future__ import annotations

import pytest

from tests.api.projects.conftest import ACTORS, Cast, Clock
from tests.graphql_client import UPDATE_PROJECT

LIST = """
query { projectRequests(first: 50) { totalCount edges { node { id } } } }
"""
NODE = """
query ($id: ID!) { node(id: $id) { id ... on ProjectRequest { title } } }
"""
OPEN_LIST = """
query { projectRequests(first: 50, status: OPEN) { edges { node { id } } } }
"""
REVOKE = """
mutation ($input: RevokeInvitationInput!) {
  revokeInvitation(input: $input) { invitation { status } userErrors { field message code } }
}
"""
SEES_INVITE_ONLY = {
    "anonymous": False,
    "business_a": True,
    "business_b": False,
    "vendor_a": True,
    "vendor_b": False,
    "admin": True,
}


def listed(cast: Cast, actor: str, project_id: str, query: str = LIST) -> bool:
    edges = cast.run(actor, query)["projectRequests"]["edges"]
    return project_id in {edge["node"]["id"] for edge in edges}


@pytest.mark.parametrize("actor", ACTORS)
def test_an_invite_only_request_is_seen_only_by_those_it_admits(cast: Cast, actor: str) -> None:
    project_id = cast.post(visibility="INVITE_ONLY")
    cast.invite(project_id)
    expected = SEES_INVITE_ONLY[actor]

    by_id = cast.request(actor, project_id)
    node = cast.run(actor, NODE, id=project_id)["node"]

    assert (by_id is not None) is expected
    assert (node is not None) is expected
    assert listed(cast, actor, project_id) is expected
    assert listed(cast, actor, project_id, OPEN_LIST) is expected
    if expected:
        assert by_id["visibility"] == "INVITE_ONLY"


@pytest.mark.parametrize("actor", ACTORS)
def test_a_public_request_is_seen_by_everyone(cast: Cast, actor: str) -> None:
    project_id = cast.post()

    assert cast.request(actor, project_id)["visibility"] == "PUBLIC"
    assert listed(cast, actor, project_id)


def test_a_revoked_invitation_no_longer_admits(cast: Cast) -> None:
    project_id = cast.post(visibility="INVITE_ONLY")
    invitation = cast.invite(project_id)

    payload = cast.mutate("business_a", REVOKE, "revokeInvitation", invitationId=invitation["id"])

    assert payload == {"invitation": {"status": "REVOKED"}, "userErrors": []}
    assert cast.request("vendor_a", project_id) is None
    assert not listed(cast, "vendor_a", project_id)


def test_an_expired_invitation_no_longer_admits(cast: Cast, moved_clock: Clock) -> None:
    project_id = cast.post(visibility="INVITE_ONLY")
    cast.invite(project_id)
    assert cast.request("vendor_a", project_id) is not None

    moved_clock.advance(days=15)  # past INVITATION_TTL_HOURS (14 days by default)

    assert cast.request("vendor_a", project_id) is None
    assert cast.run("vendor_a", NODE, id=project_id)["node"] is None


def test_making_a_request_invite_only_hides_it_from_the_uninvited(cast: Cast) -> None:
    project_id = cast.post()
    assert cast.request("vendor_b", project_id) is not None

    data = cast.run(
        "business_a", UPDATE_PROJECT, input={"id": project_id, "visibility": "INVITE_ONLY"}
    )

    assert data["updateProjectRequest"]["userErrors"] == []
    assert cast.request("vendor_b", project_id) is None
    assert cast.request("business_a", project_id)["visibility"] == "INVITE_ONLY"


def test_the_uninvited_cannot_act_on_an_invite_only_request(cast: Cast) -> None:
    """Accepting its NDA (an action on the request) reads as NOT_FOUND to a stranger."""
    project_id = cast.post(
        visibility="INVITE_ONLY", ndaRequired=True, ndaText="Keep it secret.", summary="A rebuild"
    )
    accept = """
    mutation ($input: AcceptNdaInput!) {
      acceptNda(input: $input) { projectRequest { id } userErrors { field message code } }
    }
    """
    payload = cast.mutate("vendor_b", accept, "acceptNda", projectRequestId=project_id)

    assert payload["userErrors"] == [
        {
            "field": ["input", "projectRequestId"],
            "message": "No such project request.",
            "code": "NOT_FOUND",
        }
    ]
