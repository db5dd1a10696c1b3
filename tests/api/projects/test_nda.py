"""An NDA'd request: vendors see the summary, not the description nor attachments' names,
until their owner accepts the NDA; the owner and admins always see everything."""

from __future__ import annotations

import pytest

from tests.api.projects.conftest import ACTORS, Cast
from tests.graphql_client import POST_PROJECT, UPDATE_PROJECT, scope_input

ACCEPT = """
mutation ($input: AcceptNdaInput!) {
  acceptNda(input: $input) {
    projectRequest { description confidential ndaAccepted attachmentNames }
    userErrors { field message code }
  }
}
"""
SECRET = "Rebuild the ledger behind Acme's card programme."
NDA = {
    "ndaRequired": True,
    "ndaText": "Nothing in this request may be shared.",
    "summary": "A ledger rebuild for a card issuer.",
    "attachmentNames": ["ledger-schema.pdf"],
    "description": SECRET,
}
# Who reads the full description of a published NDA'd request before anyone accepts.
SEES_DESCRIPTION = {
    "anonymous": False,
    "business_a": True,
    "business_b": False,
    "vendor_a": False,
    "vendor_b": False,
    "admin": True,
}
# Who may accept it: the owner of a vendor that can see the request.
MAY_ACCEPT = {
    "anonymous": "UNAUTHENTICATED",
    "business_a": "FORBIDDEN",
    "business_b": "FORBIDDEN",
    "vendor_a": None,
    "vendor_b": None,
    "admin": "FORBIDDEN",
}


def accept(cast: Cast, actor: str, project_id: str, **extra: str) -> dict:
    return cast.mutate(actor, ACCEPT, "acceptNda", projectRequestId=project_id, **extra)


@pytest.mark.parametrize("actor", ACTORS)
def test_the_description_is_withheld_until_the_nda_is_accepted(cast: Cast, actor: str) -> None:
    project_id = cast.post(**NDA)

    seen = cast.request(actor, project_id)

    if SEES_DESCRIPTION[actor]:
        assert seen["description"] == SECRET
        assert seen["attachmentNames"] == ["ledger-schema.pdf"]
        assert seen["confidential"] is False
    else:
        assert seen["description"] == NDA["summary"]
        assert seen["attachmentNames"] == []
        assert seen["confidential"] is True
    assert seen["ndaRequired"] is True
    assert seen["ndaText"] == NDA["ndaText"]
    assert seen["ndaAccepted"] is (False if actor.startswith("vendor") else None)


@pytest.mark.parametrize("actor", ACTORS)
def test_accept_nda_authorisation(cast: Cast, actor: str) -> None:
    project_id = cast.post(**NDA)

    payload = accept(cast, actor, project_id)

    expected = MAY_ACCEPT[actor]
    if expected is None:
        assert payload["userErrors"] == []
        assert payload["projectRequest"] == {
            "description": SECRET,
            "confidential": False,
            "ndaAccepted": True,
            "attachmentNames": ["ledger-schema.pdf"],
        }
        # Only this vendor's owner sees it: the other vendor still reads the summary.
        other = "vendor_b" if actor == "vendor_a" else "vendor_a"
        assert cast.request(other, project_id)["description"] == NDA["summary"]
    else:
        assert [e["code"] for e in payload["userErrors"]] == [expected]
        assert payload["projectRequest"] is None
        assert cast.request("vendor_a", project_id)["confidential"] is True


def test_a_vendor_cannot_accept_for_another_vendor(cast: Cast) -> None:
    project_id = cast.post(**NDA)

    payload = accept(cast, "vendor_b", project_id, vendorId=cast.vendors["vendor_a"]["id"])

    assert [e["code"] for e in payload["userErrors"]] == ["FORBIDDEN"]
    assert cast.request("vendor_a", project_id)["ndaAccepted"] is False


def test_a_request_without_nda_has_nothing_to_accept(cast: Cast) -> None:
    project_id = cast.post()

    payload = accept(cast, "vendor_a", project_id)

    assert payload["userErrors"][0]["code"] == "INVALID_TRANSITION"
    assert cast.request("vendor_a", project_id)["confidential"] is False


def test_a_new_nda_text_must_be_accepted_afresh(cast: Cast) -> None:
    project_id = cast.post(**NDA)
    assert accept(cast, "vendor_a", project_id)["userErrors"] == []

    data = cast.run(
        "business_a", UPDATE_PROJECT, input={"id": project_id, "ndaText": "New terms apply."}
    )

    assert data["updateProjectRequest"]["userErrors"] == []
    seen = cast.request("vendor_a", project_id)
    assert seen["ndaAccepted"] is False
    assert seen["description"] == NDA["summary"]


@pytest.mark.parametrize(
    ("fields", "path", "code"),
    [
        ({"ndaRequired": True, "summary": "Short"}, "ndaText", "REQUIRED"),
        ({"ndaRequired": True, "ndaText": "Terms"}, "summary", "REQUIRED"),
        ({"summary": "x" * 501}, "summary", "TOO_LONG"),
        ({"ndaText": "x" * 10001}, "ndaText", "TOO_LONG"),
        ({"attachmentNames": ["a.pdf"] * 21}, "attachmentNames", "TOO_MANY"),
        ({"attachmentNames": ["x" * 201]}, "attachmentNames.0", "TOO_LONG"),
    ],
)
def test_bad_nda_input_names_the_field_and_writes_nothing(
    cast: Cast, fields: dict, path: str, code: str
) -> None:
    token = cast.token("business_a")
    data = cast.client.execute(POST_PROJECT, {"input": scope_input(**fields)}, token=token)

    payload = data["postProjectRequest"]
    assert payload["projectRequest"] is None
    assert [(".".join(e["field"]), e["code"]) for e in payload["userErrors"]] == [
        (f"input.{path}", code)
    ]
    mine = cast.run("business_a", "query { projectRequests(mine: true) { totalCount } }")
    assert mine["projectRequests"]["totalCount"] == 0


def test_events_about_an_nda_request_never_carry_its_description(cast: Cast) -> None:
    project_id = cast.post(**NDA)
    cast.invite(project_id)

    rows = cast.events()
    assert [row.kind for row in rows] == ["INVITED"]
    assert all(SECRET not in row.summary and SECRET not in str(row.payload) for row in rows)
