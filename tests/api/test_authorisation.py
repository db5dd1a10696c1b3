"""Who may do what: every mutation and private read, for every kind of caller.

The actors: `anonymous`; `owner`, the business that posted the requests; `business`, another
business; `vendor_a` and `vendor_b`, each with a profile; `admin`. A refused mutation answers
with a user error and writes nothing, which a follow-up read (as the admin) confirms.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import jwt
import pytest
from strawberry.relay import GlobalID

from api.core.clock import utcnow
from api.core.settings import Settings
from tests.api.reviews.hiring import Hiring
from tests.graphql_client import (
    CREATE_VENDOR,
    PASSWORD,
    POST_PROJECT,
    REGISTER,
    RESPOND_TO_AWARD,
    UPDATE_PROJECT,
    UPDATE_VENDOR,
    Account,
    GraphQLClient,
    scope_input,
    vendor_input,
)

OK = "OK"
ACTORS = ("anonymous", "owner", "business", "vendor_a", "vendor_b", "admin")

VERIFY_VENDOR = """
mutation ($input: VerifyVendorInput!) {
  verifyVendor(input: $input) { vendor { id verified } userErrors { field message code } }
}
"""
AWARD = """
mutation ($input: AwardProjectRequestInput!) {
  awardProjectRequest(input: $input) {
    projectRequest { id status } userErrors { field message code }
  }
}
"""
SUBMIT_REVIEW = """
mutation ($input: SubmitReviewInput!) {
  submitReview(input: $input) { review { id } userErrors { field message code } }
}
"""
LOGIN = """
mutation ($input: LoginInput!) {
  login(input: $input) { token userErrors { code } }
}
"""

VENDOR_STATE = """
query ($id: ID!) {
  vendor(id: $id) { name version verified rating { count } reviews { totalCount } }
}
"""
PROJECT_STATE = """
query ($id: ID!) {
  projectRequest(id: $id) { title status version awardAcceptedAt awardedVendor { id } }
}
"""
CLIENT_STATE = """
query ($id: ID!) { projectRequest(id: $id) { client { reviews { totalCount } } } }
"""
COUNTS = "{ vendors { totalCount } projectRequests { totalCount } }"

PROJECT_REQUEST = "query ($id: ID!) { projectRequest(id: $id) { id } }"
PROJECT_REQUESTS = "{ projectRequests(first: 50) { edges { node { id } } } }"
NODE = "query ($id: ID!) { node(id: $id) { id } }"
VIEWER = "{ viewer { id email role } }"


@dataclass(frozen=True)
class World:
    accounts: dict[str, Account | None]
    vendor_a: dict[str, Any]
    vendor_b: dict[str, Any]
    draft: dict[str, Any]
    open_request: dict[str, Any]
    # Ids a `given` step made (an engagement to review), for the operation's input.
    made: dict[str, str] = field(default_factory=dict)

    def token(self, actor: str) -> str | None:
        account = self.accounts[actor]
        return account.token if account else None


@pytest.fixture
def world(client: GraphQLClient) -> World:
    owner, business = client.register("BUSINESS"), client.register("BUSINESS")
    vendor_a, vendor_b = client.register("VENDOR"), client.register("VENDOR")
    return World(
        accounts={
            "anonymous": None,
            "owner": owner,
            "business": business,
            "vendor_a": vendor_a,
            "vendor_b": vendor_b,
            "admin": client.admin(),
        },
        vendor_a=client.create_vendor(vendor_a, name="Vendor A"),
        vendor_b=client.create_vendor(vendor_b, name="Vendor B"),
        draft=client.post_project(owner, title="Private draft"),
        open_request=client.post_project(owner, title="Open request", publish=True),
    )


def as_admin(client: GraphQLClient, world: World, query: str, **variables: Any) -> Any:
    """A follow-up read that sees everything, so refusals can be checked for side effects."""
    return client.execute(query, variables, token=world.token("admin"))


def award_open_request(client: GraphQLClient, world: World) -> None:
    """Given the owner hired vendor A for its open request."""
    variables = {"input": {"id": world.open_request["id"], "vendorId": world.vendor_a["id"]}}
    payload = client.execute(AWARD, variables, token=world.token("owner"))["awardProjectRequest"]
    assert payload["userErrors"] == []


def award_and_accept(client: GraphQLClient, world: World) -> None:
    """Given the owner hired vendor A for its open request, and vendor A accepted."""
    award_open_request(client, world)
    variables = {"input": {"projectRequestId": world.open_request["id"], "accept": True}}
    payload = client.execute(RESPOND_TO_AWARD, variables, token=world.token("vendor_a"))
    assert payload["respondToAward"]["userErrors"] == []


def engagement_with_vendor_a(client: GraphQLClient, world: World, *, complete: bool) -> None:
    """Given the owner hired vendor A (an award vendor A accepted), and, if `complete`,
    approved every milestone."""
    owner, vendor_owner = world.accounts["owner"], world.accounts["vendor_a"]
    assert owner is not None and vendor_owner is not None
    hiring = Hiring(client, owner)
    hiring.owners[world.vendor_a["id"]] = vendor_owner
    if complete:
        engagement_id = hiring.completed(world.vendor_a)
    else:
        engagement_id = hiring.hire(world.vendor_a)["id"]
    world.made.update(engagement=engagement_id, project=hiring.projects[engagement_id])


def review_input(score: int) -> Callable[[World], dict[str, Any]]:
    return lambda w: {
        "engagementId": w.made["engagement"],
        "quality": score,
        "communication": score,
        "timeliness": score,
        "value": score,
    }


def reviews_state(client: GraphQLClient, world: World) -> Any:
    """Vendor A's rating and reviews, and the reviews of the owner as a client."""
    client_reviews = as_admin(client, world, CLIENT_STATE, id=world.made["project"])
    return vendor_a_state(client, world), client_reviews


@dataclass(frozen=True)
class Operation:
    """A mutation, its input against the world, and the state it would change."""

    document: str
    field: str
    input: Callable[[World], dict[str, Any]]
    state: Callable[[GraphQLClient, World], Any]
    given: Callable[[GraphQLClient, World], None] = lambda _client, _world: None


def vendor_a_state(client: GraphQLClient, world: World) -> Any:
    return as_admin(client, world, VENDOR_STATE, id=world.vendor_a["id"])


def counts(client: GraphQLClient, world: World) -> Any:
    return as_admin(client, world, COUNTS)


def draft_state(client: GraphQLClient, world: World) -> Any:
    return as_admin(client, world, PROJECT_STATE, id=world.draft["id"])


def open_request_state(client: GraphQLClient, world: World) -> Any:
    return as_admin(client, world, PROJECT_STATE, id=world.open_request["id"])


def admin_login(client: GraphQLClient, _world: World) -> Any:
    """Whether the account a refused `register` would have made can sign in."""
    variables = {"input": {"email": "would-be-admin@example.com", "password": PASSWORD}}
    return client.execute(LOGIN, variables)["login"]


OPERATIONS: dict[str, Operation] = {
    "createVendorProfile": Operation(
        CREATE_VENDOR, "createVendorProfile", lambda _w: vendor_input(name="Another"), counts
    ),
    "updateVendorProfile": Operation(
        UPDATE_VENDOR,
        "updateVendorProfile",
        lambda w: {"id": w.vendor_a["id"], "expectedVersion": 1, "name": "Renamed"},
        vendor_a_state,
    ),
    "verifyVendor": Operation(
        VERIFY_VENDOR, "verifyVendor", lambda w: {"id": w.vendor_a["id"]}, vendor_a_state
    ),
    "register(role: ADMIN)": Operation(
        REGISTER,
        "register",
        lambda _w: {"email": "would-be-admin@example.com", "password": PASSWORD, "role": "ADMIN"},
        admin_login,
    ),
    "postProjectRequest": Operation(
        POST_PROJECT, "postProjectRequest", lambda _w: scope_input(), counts
    ),
    "updateProjectRequest(draft)": Operation(
        UPDATE_PROJECT,
        "updateProjectRequest",
        lambda w: {"id": w.draft["id"], "title": "Hijacked"},
        draft_state,
    ),
    "updateProjectRequest(open)": Operation(
        UPDATE_PROJECT,
        "updateProjectRequest",
        lambda w: {"id": w.open_request["id"], "status": "CANCELLED"},
        open_request_state,
    ),
    "awardProjectRequest": Operation(
        AWARD,
        "awardProjectRequest",
        lambda w: {"id": w.open_request["id"], "vendorId": w.vendor_a["id"]},
        open_request_state,
    ),
    "respondToAward(accept)": Operation(
        RESPOND_TO_AWARD,
        "respondToAward",
        lambda w: {"projectRequestId": w.open_request["id"], "accept": True},
        open_request_state,
        given=award_open_request,
    ),
    "respondToAward(decline)": Operation(
        RESPOND_TO_AWARD,
        "respondToAward",
        lambda w: {"projectRequestId": w.open_request["id"], "accept": False},
        open_request_state,
        given=award_open_request,
    ),
    "respondToAward(draft)": Operation(
        RESPOND_TO_AWARD,
        "respondToAward",
        lambda w: {"projectRequestId": w.draft["id"], "accept": True},
        draft_state,
    ),
    "submitReview": Operation(
        SUBMIT_REVIEW,
        "submitReview",
        review_input(5),
        reviews_state,
        given=lambda c, w: engagement_with_vendor_a(c, w, complete=True),
    ),
    "submitReview(not completed)": Operation(
        SUBMIT_REVIEW,
        "submitReview",
        review_input(1),
        reviews_state,
        given=lambda c, w: engagement_with_vendor_a(c, w, complete=False),
    ),
}

U, F, N = "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"
# operation -> expected outcome for anonymous, owner, business, vendor_a, vendor_b, admin.
MUTATION_MATRIX: dict[str, tuple[str, ...]] = {
    "createVendorProfile": (U, F, F, "TAKEN", "TAKEN", F),
    "updateVendorProfile": (U, F, F, OK, F, OK),
    "verifyVendor": (U, F, F, F, F, OK),
    "register(role: ADMIN)": ("INVALID",) * 6,
    "postProjectRequest": (U, OK, OK, F, F, F),
    "updateProjectRequest(draft)": (U, OK, N, F, F, F),
    "updateProjectRequest(open)": (U, OK, F, F, F, F),
    "awardProjectRequest": (U, OK, F, F, F, F),
    # Only the awarded vendor's owner answers an award; admins do not act for vendors.
    "respondToAward(accept)": (U, F, F, OK, F, F),
    "respondToAward(decline)": (U, F, F, OK, F, F),
    "respondToAward(draft)": (U, F, F, N, N, F),
    # Each party reviews the other; strangers do not learn the engagement exists.
    "submitReview": (U, OK, N, OK, N, F),
    "submitReview(not completed)": (U, "INVALID_TRANSITION", N, "INVALID_TRANSITION", N, F),
}
MUTATION_CASES = [
    pytest.param(operation, actor, expected, id=f"{operation}-{actor}")
    for operation, outcomes in MUTATION_MATRIX.items()
    for actor, expected in zip(ACTORS, outcomes, strict=True)
]


@pytest.mark.parametrize(("operation", "actor", "expected"), MUTATION_CASES)
def test_mutation_authorisation(
    client: GraphQLClient, world: World, operation: str, actor: str, expected: str
) -> None:
    # given
    op = OPERATIONS[operation]
    op.given(client, world)
    before = op.state(client, world)

    # when
    data = client.execute(op.document, {"input": op.input(world)}, token=world.token(actor))

    # then
    payload = data[op.field]
    after = op.state(client, world)
    if expected == OK:
        assert payload["userErrors"] == []
        assert after != before
    else:
        assert [error["code"] for error in payload["userErrors"]] == [expected], payload
        assert all(value is None for key, value in payload.items() if key != "userErrors")
        assert after == before


def test_refusals_keep_the_old_profile_name_and_version(
    client: GraphQLClient, world: World
) -> None:
    # given vendor B tries to rename vendor A's profile
    variables = {"input": {"id": world.vendor_a["id"], "name": "Taken over"}}

    # when
    data = client.execute(UPDATE_VENDOR, variables, token=world.token("vendor_b"))

    # then
    assert data["updateVendorProfile"]["vendor"] is None
    after = client.execute(VENDOR_STATE, {"id": world.vendor_a["id"]})["vendor"]
    assert (after["name"], after["version"]) == ("Vendor A", 1)


def test_register_refuses_admin_naming_the_role_field(client: GraphQLClient) -> None:
    variables = {"input": {"email": "root@example.com", "password": PASSWORD, "role": "ADMIN"}}

    payload = client.execute(REGISTER, variables)["register"]

    assert payload["account"] is None
    assert payload["token"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "role"], "INVALID")
    ]


def sees_draft_by_id(client: GraphQLClient, world: World, token: str | None) -> bool:
    data = client.execute(PROJECT_REQUEST, {"id": world.draft["id"]}, token=token)
    return data["projectRequest"] is not None


def sees_draft_in_list(client: GraphQLClient, world: World, token: str | None) -> bool:
    edges = client.execute(PROJECT_REQUESTS, token=token)["projectRequests"]["edges"]
    return world.draft["id"] in {edge["node"]["id"] for edge in edges}


def sees_draft_node(client: GraphQLClient, world: World, token: str | None) -> bool:
    return client.execute(NODE, {"id": world.draft["id"]}, token=token)["node"] is not None


def sees_owner_account_node(client: GraphQLClient, world: World, token: str | None) -> bool:
    owner = world.accounts["owner"]
    assert owner is not None
    return client.execute(NODE, {"id": owner.id}, token=token)["node"] is not None


def sees_open_request(client: GraphQLClient, world: World, token: str | None) -> bool:
    data = client.execute(PROJECT_REQUEST, {"id": world.open_request["id"]}, token=token)
    return data["projectRequest"] is not None


def viewer_is_self(client: GraphQLClient, world: World, token: str | None) -> bool:
    """`viewer` is the token's own account, and null without a token."""
    viewer = client.execute(VIEWER, token=token)["viewer"]
    account = next(a for a in world.accounts.values() if (a.token if a else None) == token)
    expected = account and {"id": account.id, "email": account.email, "role": account.role}
    return viewer == expected


READS: dict[str, Callable[[GraphQLClient, World, str | None], bool]] = {
    "projectRequest(draft)": sees_draft_by_id,
    "projectRequests(draft)": sees_draft_in_list,
    "node(draft)": sees_draft_node,
    "node(owner account)": sees_owner_account_node,
    "projectRequest(open)": sees_open_request,
    "viewer is self": viewer_is_self,
}
# read -> outcome for anonymous, owner, business, vendor_a, vendor_b, admin.
ONLY_OWNER_AND_ADMIN = (False, True, False, False, False, True)
EVERYONE = (True,) * 6
READ_MATRIX: dict[str, tuple[bool, ...]] = {
    "projectRequest(draft)": ONLY_OWNER_AND_ADMIN,
    "projectRequests(draft)": ONLY_OWNER_AND_ADMIN,
    "node(draft)": ONLY_OWNER_AND_ADMIN,
    "node(owner account)": ONLY_OWNER_AND_ADMIN,
    "projectRequest(open)": EVERYONE,
    "viewer is self": EVERYONE,
}


@pytest.mark.parametrize("actor", ACTORS)
def test_private_read_authorisation(client: GraphQLClient, world: World, actor: str) -> None:
    """One row of the read matrix per actor (reads write nothing, so they share one world)."""
    column = ACTORS.index(actor)
    expected = {read: outcomes[column] for read, outcomes in READ_MATRIX.items()}

    seen = {read: READS[read](client, world, world.token(actor)) for read in READ_MATRIX}

    assert seen == expected


def _token(
    settings: Settings, account: Account, *, key: str | None = None, expires_in: int = 3600
) -> str:
    """The claims of `account`'s real token (its id, token version and key), signed with
    `key` (default: the server's) and expiring as asked."""
    now = utcnow()
    claims = {
        **jwt.decode(account.token, options={"verify_signature": False}),
        "sub": GlobalID.from_id(account.id).node_id,
        "iat": now,
        "exp": now + timedelta(seconds=expires_in),
    }
    return jwt.encode(claims, key or settings.resolved_secret_key(), algorithm="HS256")


BAD_TOKENS: dict[str, Callable[[Settings, Account], str]] = {
    "malformed": lambda _settings, _account: "not-a-jwt",
    "forged": lambda settings, account: _token(
        settings, account, key="another-secret-key-that-is-long-enough-for-hs256"
    ),
    "expired": lambda settings, account: _token(settings, account, expires_in=-60),
}


@pytest.mark.parametrize("kind", BAD_TOKENS)
def test_bad_bearer_token_is_http_401_with_graphql_error(
    client: GraphQLClient, settings: Settings, kind: str
) -> None:
    # given a token naming a real business, but not one the server would accept
    owner = client.register("BUSINESS")
    token = BAD_TOKENS[kind](settings, owner)

    # when
    response = client.post(POST_PROJECT, {"input": scope_input()}, token=token)

    # then
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/graphql-response+json")
    assert response.headers["www-authenticate"].startswith("Bearer")
    body = response.json()
    assert set(body) == {"errors"}
    assert body["errors"][0]["message"]
    assert client.execute(VIEWER, token=_token(settings, owner))["viewer"]["email"] == owner.email
    mine = client.execute("{ projectRequests(mine: true) { totalCount } }", token=owner.token)
    assert mine["projectRequests"]["totalCount"] == 0
