"""The demo a new user signs in to: `seed --demo` ends with a business and a vendor whose
marketplace holds a request in every state and the work after a hire, made through the
same services as the API, and readable over GraphQL as those two accounts."""

from __future__ import annotations

from typing import Any

import pytest

from api.core.seeds import seeds_dir
from api.seeding.demo import load_vendors, read_json
from api.seeding.showcase import OTHER_SLUGS, PASSWORD_ENV, VENDOR_SLUG, load_showcase
from api.tags.service import tag_catalog
from tests.graphql_client import GraphQLClient

PASSWORD = "demo passphrase for the test"
LOGIN = "mutation ($input: LoginInput!) { login(input: $input) { token userErrors { message } } }"
BUSINESS_VIEW = """{
  projectRequests(first: 20, mine: true) { edges { node { title status visibility
    completeness { complete } } } }
  engagements(first: 10) { edges { node { status milestones { status }
    changeRequests(first: 5) { edges { node { status } } }
    disputes(first: 5) { edges { node { status } } } } } }
  threads(first: 10) { edges { node { kind messages(first: 10) { edges { node { body } } } } } }
}"""
VENDOR_VIEW = """{
  myInvitations(first: 10) { edges { node { status projectRequest { confidential } } } }
  myProposals(first: 10) { edges { node { status } } }
}"""


def sign_in(client: GraphQLClient, email: str) -> str:
    variables = {"input": {"email": email, "password": PASSWORD}}
    payload = client.execute(LOGIN, variables)["login"]
    assert payload["userErrors"] == []
    return str(payload["token"])


@pytest.fixture
def showcase(client: GraphQLClient, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]
    wanted = {VENDOR_SLUG, *OTHER_SLUGS}
    records = [
        r for r in read_json(seeds_dir() / "demo_vendors.json")["vendors"] if r["slug"] in wanted
    ]

    async def load() -> Any:
        catalog = await tag_catalog(runtime)
        await load_vendors(runtime.sessions, catalog, records, lambda *_: None)
        return await load_showcase(runtime.sessions, catalog)

    signin = client.http.portal.call(load)  # type: ignore[union-attr]
    assert signin is not None and signin.password == PASSWORD
    return {"business": signin.business_email, "vendor": signin.vendor_email}


def test_the_demo_business_sees_a_request_in_every_state_and_the_work(
    client: GraphQLClient, showcase: dict[str, str]
) -> None:
    data = client.execute(BUSINESS_VIEW, token=sign_in(client, showcase["business"]))

    requests = [edge["node"] for edge in data["projectRequests"]["edges"]]
    assert {r["status"] for r in requests} == {"DRAFT", "OPEN", "AWARDED", "CLOSED", "CANCELLED"}
    assert {r["visibility"] for r in requests} == {"PUBLIC", "INVITE_ONLY"}
    assert [r["completeness"]["complete"] for r in requests if r["status"] == "DRAFT"] == [False]
    engagements = [edge["node"] for edge in data["engagements"]["edges"]]
    assert sorted(e["status"] for e in engagements) == ["ACTIVE", "ACTIVE", "COMPLETED"]
    milestones = {m["status"] for e in engagements for m in e["milestones"]}
    assert {"APPROVED", "SUBMITTED", "PENDING"} <= milestones
    changes = [c for e in engagements for c in e["changeRequests"]["edges"]]
    disputes = [d for e in engagements for d in e["disputes"]["edges"]]
    assert [c["node"]["status"] for c in changes] == ["PROPOSED"]
    assert [d["node"]["status"] for d in disputes] == ["OPEN"]
    threads = [edge["node"] for edge in data["threads"]["edges"]]
    assert {t["kind"] for t in threads if t["messages"]["edges"]} == {"REQUEST", "ENGAGEMENT"}


def test_the_demo_vendor_has_an_invitation_waiting_and_its_proposals(
    client: GraphQLClient, showcase: dict[str, str]
) -> None:
    data = client.execute(VENDOR_VIEW, token=sign_in(client, showcase["vendor"]))

    invitations = [edge["node"] for edge in data["myInvitations"]["edges"]]
    assert [(i["status"], i["projectRequest"]["confidential"]) for i in invitations] == [
        ("PENDING", True)
    ]
    assert sorted(edge["node"]["status"] for edge in data["myProposals"]["edges"]) == [
        "ACCEPTED",
        "SUBMITTED",
    ]
