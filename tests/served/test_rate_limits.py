"""Rate limits per IP and per account on a served instance of their own, with tiny limits:
sign-in, registration, posting, reviewing and matching. A refusal is RATE_LIMITED (a
userError for mutations, a GraphQL error for matching) with a Retry-After header, and
writes nothing.

The instance trusts X-Forwarded-For from 127.0.0.1 (TRUSTED_PROXIES), so each test plays
clients at addresses of its own. The counters live in Redis when it answers (shared by
every worker), else in the worker; a third instance points at a Redis that is down."""

from __future__ import annotations

import random
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pytest

from tests.graphql_client import scope_input
from tests.served.accounts import LOGIN, PASSWORD, REGISTER, USER_ERRORS
from tests.served.conftest import Server, free_port, start_server, stop_server

REDIS_URL = "redis://127.0.0.1:6379/0"
LIMITS = {
    "RATE_LIMITS_ENABLED": "true",
    "TRUSTED_PROXIES": "127.0.0.1",
    "RATE_LIMIT_LOGIN_IP": "3/minute",
    "RATE_LIMIT_REGISTER_IP": "3/hour",
    "RATE_LIMIT_POST_IP": "100/hour",
    "RATE_LIMIT_POST_ACCOUNT": "2/hour",
    "RATE_LIMIT_REVIEW_IP": "100/hour",
    "RATE_LIMIT_REVIEW_ACCOUNT": "2/hour",
    "RATE_LIMIT_MATCH_IP": "2/minute",
    "RATE_LIMIT_MATCH_ACCOUNT": "3/minute",
}
POST = f"""mutation ($input: PostProjectRequestInput!) {{
  postProjectRequest(input: $input) {{ projectRequest {{ id }} {USER_ERRORS} }} }}"""
REVIEW = f"""mutation ($input: SubmitReviewInput!) {{
  submitReview(input: $input) {{ review {{ id }} {USER_ERRORS} }} }}"""
MATCH = """query ($scope: ScopeInput!) {
  matchVendors(scope: $scope, first: 3) {
    edges { node { rank } } userErrors { field message code } } }"""
MY_REQUESTS = "{ projectRequests(mine: true) { totalCount } }"
REQUEST_MATCHES = """query ($id: ID!) {
  projectRequest(id: $id) { matches(first: 3) { edges { node { rank } } } } }"""


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


def closed_port() -> int:
    """A port nothing listens on: a free one, released at once."""
    return free_port()


def launch(tmp: Path, extra: dict[str, str]) -> Server:
    # Test runs sharing one Redis must not share counters (account ids repeat per database).
    prefix = f"vendormatch-test-{uuid.uuid4().hex}:"
    env = {**LIMITS, "RATE_LIMIT_REDIS_PREFIX": prefix, **extra}
    return start_server(tmp, f"sqlite:///{tmp}/limits.db", extra_env=env)


@pytest.fixture(scope="module", params=["redis", "memory", "redis-down"])
def limited(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    backend = str(request.param)
    if backend == "redis" and not redis_is_up():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    redis_url = {
        "redis": REDIS_URL,
        "memory": "",
        "redis-down": f"redis://127.0.0.1:{closed_port()}/0",
    }[backend]
    server = launch(tmp_path_factory.mktemp(f"limits-{backend}"), {"REDIS_URL": redis_url})
    yield server
    stop_server(server)


class Client:
    """One client at an address of its own (as the trusted proxy reports it)."""

    def __init__(self, server: Server, token: str = "") -> None:
        self.ip = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        self.url = server.graphql
        self.token = token

    def post(self, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
        headers = {"x-forwarded-for": self.ip}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        body = {"query": query, "variables": variables}
        return httpx.post(self.url, json=body, headers=headers, timeout=30)

    def payload(self, query: str, variables: dict[str, Any], field: str) -> dict[str, Any]:
        response = self.post(query, variables)
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, body
        return dict(body["data"][field])

    def register(self, role: str) -> tuple[str, str]:
        email = f"{uuid.uuid4().hex}@example.com"
        variables = {"input": {"email": email, "password": PASSWORD, "role": role}}
        payload = self.payload(REGISTER, variables, "register")
        assert payload["userErrors"] == [], payload
        return email, str(payload["token"])


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def assert_refused_mutation(
    client: Client, query: str, variables: dict[str, Any], field: str
) -> None:
    response = client.post(query, variables)
    payload = response.json()["data"][field]
    assert codes(payload) == ["RATE_LIMITED"], payload
    assert "try again in" in payload["userErrors"][0]["message"]
    assert int(response.headers["retry-after"]) > 0


def test_registration_is_limited_per_ip_and_a_refusal_creates_nothing(limited: Server) -> None:
    client = Client(limited)
    for _ in range(3):
        client.register("BUSINESS")
    email = f"{uuid.uuid4().hex}@example.com"
    variables = {"input": {"email": email, "password": PASSWORD, "role": "VENDOR"}}

    assert_refused_mutation(client, REGISTER, variables, "register")

    elsewhere = Client(limited)
    signed_in = elsewhere.payload(LOGIN, {"input": {"email": email, "password": PASSWORD}}, "login")
    assert codes(signed_in) == ["INVALID_CREDENTIALS"]  # no account was created
    elsewhere.register("VENDOR")  # another address still may


def test_sign_in_is_limited_per_ip(limited: Server) -> None:
    email, _ = Client(limited).register("VENDOR")
    client = Client(limited)
    variables = {"input": {"email": email, "password": PASSWORD}}
    for _ in range(3):
        assert codes(client.payload(LOGIN, variables, "login")) == []

    assert_refused_mutation(client, LOGIN, variables, "login")


def test_posting_is_limited_per_account_from_any_address(limited: Server) -> None:
    _, token = Client(limited).register("BUSINESS")
    variables = {"input": {**scope_input(), "publish": True}}
    for _ in range(2):
        payload = Client(limited, token).payload(POST, variables, "postProjectRequest")
        assert payload["userErrors"] == [], payload

    assert_refused_mutation(Client(limited, token), POST, variables, "postProjectRequest")

    mine = Client(limited, token).payload(MY_REQUESTS, {}, "projectRequests")
    assert mine["totalCount"] == 2  # the refused post wrote nothing


def test_reviewing_is_limited_per_account(limited: Server) -> None:
    _, token = Client(limited).register("BUSINESS")
    # Each attempt counts, allowed or not: a review of an engagement that does not exist.
    variables = {
        "input": {
            "engagementId": "RW5nYWdlbWVudDo5OTk5OTk=",
            "quality": 5,
            "communication": 5,
            "timeliness": 5,
            "value": 5,
            "comment": "Great work.",
        }
    }
    for _ in range(2):
        payload = Client(limited, token).payload(REVIEW, variables, "submitReview")
        assert payload["userErrors"] and codes(payload) != ["RATE_LIMITED"], payload

    assert_refused_mutation(Client(limited, token), REVIEW, variables, "submitReview")


def test_matching_is_limited_per_ip(limited: Server) -> None:
    client = Client(limited)
    variables = {"scope": scope_input()}
    for _ in range(2):
        client.payload(MATCH, variables, "matchVendors")

    response = client.post(MATCH, variables)

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["extensions"]["retryAfter"] > 0
    assert response.headers["retry-after"] == str(error["extensions"]["retryAfter"])
    Client(limited).payload(MATCH, variables, "matchVendors")  # another client still may


def test_matching_a_request_is_limited_per_account(limited: Server) -> None:
    _, token = Client(limited).register("BUSINESS")
    variables = {"input": {**scope_input(), "publish": True}}
    posted = Client(limited, token).payload(POST, variables, "postProjectRequest")
    request_id = {"id": posted["projectRequest"]["id"]}
    for _ in range(3):  # from three addresses: the account's limit, not an address's
        Client(limited, token).payload(REQUEST_MATCHES, request_id, "projectRequest")

    response = Client(limited, token).post(REQUEST_MATCHES, request_id)

    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert error["path"] == ["projectRequest", "matches"]


def test_forwarded_for_is_ignored_from_an_untrusted_peer(limited: Server, tmp_path: Path) -> None:
    if limited.env["REDIS_URL"]:
        pytest.skip("starts an instance of its own; once is enough")
    server = launch(tmp_path, {"TRUSTED_PROXIES": "", "RATE_LIMIT_MATCH_IP": "1/minute"})
    try:
        with httpx.Client(base_url=server.url, timeout=30) as http:
            variables = {"scope": scope_input()}
            answers = [
                http.post(
                    "/graphql",
                    json={"query": MATCH, "variables": variables},
                    headers={"x-forwarded-for": f"10.9.9.{i}"},
                ).json()
                for i in range(2)
            ]
    finally:
        stop_server(server)

    assert "errors" not in answers[0]
    assert answers[1]["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def test_an_unreachable_redis_is_logged_once_and_limits_hold_per_worker(limited: Server) -> None:
    if "127.0.0.1:6379" in limited.env["REDIS_URL"] or not limited.env["REDIS_URL"]:
        pytest.skip("only for the instance whose Redis is down")
    client = Client(limited)
    for _ in range(2):
        client.payload(MATCH, {"scope": scope_input()}, "matchVendors")

    assert client.post(MATCH, {"scope": scope_input()}).json()["errors"]
    assert limited.logs().count("Redis is unreachable") == 1


def test_an_ipv6_client_is_one_client_across_its_64(limited: Server) -> None:
    # given one subscriber's /64, and addresses in it the proxy reports one after another
    prefix = f"2001:db8:{random.randrange(1 << 16):x}:{random.randrange(1 << 16):x}"
    addresses = [f"{prefix}:{random.randrange(1, 1 << 16):x}::{n + 1:x}" for n in range(3)]
    clients = [Client(limited) for _ in addresses]
    for client, address in zip(clients, addresses, strict=True):
        client.ip = address
    variables = {"scope": scope_input()}
    for client in clients[:2]:
        client.payload(MATCH, variables, "matchVendors")

    # when a third address of the same /64 asks
    response = clients[2].post(MATCH, variables)

    # then it shares the /64's allowance; an IPv4-mapped address counts as its IPv4 one
    assert response.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    ipv4 = Client(limited)
    mapped = Client(limited)
    mapped.ip = f"::ffff:{ipv4.ip}"
    ipv4.payload(MATCH, variables, "matchVendors")
    mapped.payload(MATCH, variables, "matchVendors")
    assert ipv4.post(MATCH, variables).json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
