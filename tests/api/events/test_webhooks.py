"""Webhooks: registration (checked URLs, a cap per account, the secret shown once), who
may see and delete them, and signed deliveries with retries and a delivery log."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from starlette.testclient import TestClient

from api.core.settings import Settings
from api.events.signing import verify
from tests.api.events.parties import ROLES, Parties, award, parties
from tests.api.events.receiver import receiver
from tests.graphql_client import Account, GraphQLClient

ERRORS = "userErrors { field message code }"
REGISTER = f"""mutation ($input: RegisterWebhookInput!) {{
  registerWebhook(input: $input) {{ webhook {{ id url description active }} secret {ERRORS} }} }}"""
DELETE = f"""mutation ($input: DeleteWebhookInput!) {{
  deleteWebhook(input: $input) {{ deletedWebhookId {ERRORS} }} }}"""
WEBHOOKS = """{ webhooks(first: 10) { totalCount edges { node { id url
  deliveries(first: 10) { totalCount edges { node {
    id kind status attempts lastStatusCode lastError deliveredAt nextAttemptAt
    notification { id kind } } } } } } } }"""
NODE = "query ($id: ID!) { node(id: $id) { __typename ... on Webhook { url } } }"
PUBLIC_URL = "https://93.184.216.34/hooks"  # a literal public address: no DNS needed


@pytest.fixture
def people(client: GraphQLClient) -> Parties:
    return parties(client)


@pytest.fixture
def settings_now(app_client: TestClient) -> Settings:
    """The running app's settings, for a test to change with monkeypatch."""
    settings: Settings = app_client.app.state.vendormatch.settings  # type: ignore[attr-defined]
    return settings


@pytest.fixture
def local_endpoints(settings_now: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Deliveries to 127.0.0.1 allowed, and retries in fractions of a second."""
    monkeypatch.setattr(settings_now, "webhook_allow_private", True)
    monkeypatch.setattr(settings_now, "webhook_retry_base_seconds", 0.2)
    monkeypatch.setattr(settings_now, "webhook_timeout_seconds", 2.0)
    yield


def register(
    client: GraphQLClient, account: Account | None, url: str, **extra: Any
) -> dict[str, Any]:
    token = account.token if account else None
    answer = client.execute(REGISTER, {"input": {"url": url, **extra}}, token=token)
    payload: dict[str, Any] = answer["registerWebhook"]
    return payload


def codes(payload: dict[str, Any]) -> list[tuple[list[str] | None, str]]:
    return [(error["field"], error["code"]) for error in payload["userErrors"]]


def deliveries(client: GraphQLClient, account: Account) -> list[dict[str, Any]]:
    [webhook] = client.execute(WEBHOOKS, token=account.token)["webhooks"]["edges"]
    return [edge["node"] for edge in webhook["node"]["deliveries"]["edges"]]


def wait_for_log(
    client: GraphQLClient, account: Account, done: Any, timeout: float = 15.0
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        logged = deliveries(client, account)
        if logged and done(logged[0]):
            return logged[0]
        time.sleep(0.05)
    raise AssertionError(f"the delivery log never got there: {deliveries(client, account)}")


# Registration


def test_a_webhook_is_registered_with_a_secret_shown_once(
    client: GraphQLClient, people: Parties
) -> None:
    made = register(client, people.vendor_a, PUBLIC_URL, description="Our ticketing system")

    assert made["userErrors"] == []
    assert made["webhook"]["url"] == PUBLIC_URL
    assert made["webhook"]["description"] == "Our ticketing system"
    assert made["webhook"]["active"] is True
    assert made["secret"].startswith("whsec_")
    assert len(made["secret"]) > 40
    fields = client.execute('{ __type(name: "Webhook") { fields { name } } }')["__type"]
    assert "secret" not in {field["name"] for field in fields["fields"]}


@pytest.mark.parametrize(
    ("url", "code", "words"),
    [
        ("", "REQUIRED", "URL"),
        ("ftp://files.example.com/drop", "INVALID", "http"),
        ("https://user:pass@93.184.216.34/", "INVALID", "credentials"),
        ("https://93.184.216.34/" + "a" * 2000, "TOO_LONG", "2000"),
        ("http://127.0.0.1:8080/hook", "INVALID", "loopback"),
        ("http://localhost/hook", "INVALID", "loopback"),
        ("http://[::1]/hook", "INVALID", "loopback"),
        ("http://[::ffff:10.0.0.1]/hook", "INVALID", "private"),
        ("http://10.1.2.3/hook", "INVALID", "private"),
        ("http://192.168.0.10/hook", "INVALID", "private"),
        ("http://169.254.169.254/latest/meta-data", "INVALID", "link-local"),
        ("http://224.0.0.1/hook", "INVALID", "multicast"),
        ("http://0.0.0.0/hook", "INVALID", "unspecified"),
        ("http://100.64.1.1/hook", "INVALID", "not globally routable"),
    ],
)
def test_a_url_that_is_not_a_public_http_endpoint_is_refused(
    client: GraphQLClient, people: Parties, url: str, code: str, words: str
) -> None:
    made = register(client, people.business_a, url)

    assert made["webhook"] is None
    assert codes(made) == [(["input", "url"], code)]
    assert words in made["userErrors"][0]["message"]
    assert client.execute(WEBHOOKS, token=people.business_a.token)["webhooks"]["edges"] == []


def test_a_description_is_bounded(client: GraphQLClient, people: Parties) -> None:
    made = register(client, people.business_a, PUBLIC_URL, description="x" * 201)

    assert codes(made) == [(["input", "description"], "TOO_LONG")]


def test_an_account_holds_at_most_its_webhooks(
    client: GraphQLClient,
    people: Parties,
    settings_now: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings_now, "max_webhooks_per_account", 2)
    first = register(client, people.business_a, PUBLIC_URL)
    register(client, people.business_a, PUBLIC_URL + "/2")

    third = register(client, people.business_a, PUBLIC_URL + "/3")
    assert codes(third) == [(None, "TOO_MANY")]
    assert "At most 2 webhooks" in third["userErrors"][0]["message"]
    # another account has its own allowance
    assert register(client, people.business_b, PUBLIC_URL)["userErrors"] == []

    deleted = client.execute(
        DELETE, {"input": {"id": first["webhook"]["id"]}}, token=people.business_a.token
    )
    assert deleted["deleteWebhook"]["deletedWebhookId"] == first["webhook"]["id"]
    assert register(client, people.business_a, PUBLIC_URL + "/3")["userErrors"] == []


# Who may do what


@pytest.mark.parametrize("role", ROLES)
def test_any_account_registers_its_own_webhooks_and_sees_only_them(
    client: GraphQLClient, people: Parties, role: str
) -> None:
    register(client, people.business_a, PUBLIC_URL + "/business-a")
    account: Account | None = getattr(people, role, None)

    made = register(client, account, PUBLIC_URL + f"/{role}")

    if account is None:
        assert codes(made) == [(None, "UNAUTHENTICATED")]
        body = client.post(WEBHOOKS).json()
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        return
    assert made["userErrors"] == []
    listed = client.execute(WEBHOOKS, token=account.token)["webhooks"]
    urls = [edge["node"]["url"] for edge in listed["edges"]]
    expected = [PUBLIC_URL + "/business-a"] if role == "business_a" else []
    assert urls == [*expected, PUBLIC_URL + f"/{role}"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_owner_deletes_or_fetches_a_webhook(
    client: GraphQLClient, people: Parties, role: str
) -> None:
    webhook = register(client, people.business_a, PUBLIC_URL)["webhook"]
    token = people.token(role)

    fetched = client.execute(NODE, {"id": webhook["id"]}, token=token)["node"]
    deleted = client.execute(DELETE, {"input": {"id": webhook["id"]}}, token=token)

    payload = deleted["deleteWebhook"]
    if role == "business_a":
        assert fetched == {"__typename": "Webhook", "url": PUBLIC_URL}
        assert payload == {"deletedWebhookId": webhook["id"], "userErrors": []}
        remaining = client.execute(WEBHOOKS, token=token)["webhooks"]["edges"]
        assert remaining == []
        return
    assert fetched is None
    expected = "UNAUTHENTICATED" if role == "anonymous" else "NOT_FOUND"
    assert [error["code"] for error in payload["userErrors"]] == [expected]
    still = client.execute(WEBHOOKS, token=people.business_a.token)["webhooks"]["edges"]
    assert [edge["node"]["id"] for edge in still] == [webhook["id"]]


# Deliveries


def test_each_event_is_posted_signed_and_logged(
    client: GraphQLClient, people: Parties, local_endpoints: None
) -> None:
    with receiver([200]) as endpoint:
        made = register(client, people.vendor_a, endpoint.url)
        project_id = award(client, people.business_a, people.vendor_a_id, "Signed work")
        [request] = endpoint.wait_for(1)
        logged = wait_for_log(client, people.vendor_a, lambda d: d["status"] == "DELIVERED")

    headers = request.headers
    timestamp = headers["x-vendormatch-timestamp"]
    assert verify(made["secret"], timestamp, request.body, headers["x-vendormatch-signature"])
    assert not verify("whsec_another", timestamp, request.body, headers["x-vendormatch-signature"])
    assert abs(int(timestamp) - time.time()) < 60
    assert headers["x-vendormatch-event"] == "AWARDED"
    assert headers["content-type"] == "application/json"
    body = json.loads(request.body)
    assert body["kind"] == "AWARDED"
    assert body["subject"] == {"type": "ProjectRequest", "id": project_id}
    assert "Signed work" in body["summary"]
    assert body["payload"]["projectRequestId"]
    assert body["id"] == logged["notification"]["id"]
    assert set(body) == {"id", "kind", "createdAt", "subject", "summary", "payload"}
    assert headers["x-vendormatch-delivery"] == logged["id"]
    assert logged["attempts"] == 1
    assert logged["lastStatusCode"] == 200
    assert logged["lastError"] is None
    assert logged["deliveredAt"] is not None
    assert logged["nextAttemptAt"] is None
    assert logged["kind"] == "AWARDED"


def test_a_failing_endpoint_is_retried_with_growing_waits_until_it_answers(
    client: GraphQLClient, people: Parties, local_endpoints: None
) -> None:
    with receiver([500, 503, 200]) as endpoint:
        register(client, people.vendor_a, endpoint.url)
        award(client, people.business_a, people.vendor_a_id, "Flaky endpoint")
        first = endpoint.wait_for(1)[0]
        requests = endpoint.wait_for(3)
        logged = wait_for_log(client, people.vendor_a, lambda d: d["status"] == "DELIVERED")

    assert first.headers["x-vendormatch-delivery"] == logged["id"]
    # the same delivery, three attempts, each wait about twice the one before (0.2 s base)
    assert {r.headers["x-vendormatch-delivery"] for r in requests} == {logged["id"]}
    first_wait = requests[1].at - requests[0].at
    second_wait = requests[2].at - requests[1].at
    assert first_wait >= 0.2 * 0.8
    assert second_wait >= 0.2 * 2 * 0.8
    assert logged["attempts"] == 3
    assert logged["lastStatusCode"] == 200
    assert logged["lastError"] is None


def test_a_failed_attempt_is_logged_with_its_reason_and_the_next_try(
    client: GraphQLClient,
    people: Parties,
    local_endpoints: None,
    settings_now: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings_now, "webhook_retry_base_seconds", 60.0)
    with receiver([500]) as endpoint:
        register(client, people.vendor_a, endpoint.url)
        award(client, people.business_a, people.vendor_a_id, "Failing endpoint")
        logged = wait_for_log(client, people.vendor_a, lambda d: d["attempts"] == 1)

    assert logged["status"] == "PENDING"
    assert logged["lastStatusCode"] == 500
    assert logged["lastError"] == "The endpoint answered HTTP 500."
    retry_in = datetime.fromisoformat(logged["nextAttemptAt"]) - datetime.now(UTC)
    # 60 s for the first retry, jittered by up to a fifth either way
    assert timedelta(seconds=45) < retry_in <= timedelta(seconds=72)


def test_a_delivery_fails_for_good_after_its_last_attempt(
    client: GraphQLClient,
    people: Parties,
    local_endpoints: None,
    settings_now: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings_now, "webhook_max_attempts", 2)
    with receiver([500]) as endpoint:
        register(client, people.vendor_a, endpoint.url)
        award(client, people.business_a, people.vendor_a_id, "Dead endpoint")
        logged = wait_for_log(client, people.vendor_a, lambda d: d["status"] == "FAILED")
        time.sleep(0.6)  # no third attempt follows
        assert len(endpoint.requests) == 2

    assert logged["attempts"] == 2
    assert logged["lastStatusCode"] == 500
    assert logged["nextAttemptAt"] is None
    assert logged["deliveredAt"] is None


def test_the_address_is_checked_again_at_delivery(
    client: GraphQLClient,
    people: Parties,
    local_endpoints: None,
    settings_now: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with receiver([200]) as endpoint:
        register(client, people.vendor_a, endpoint.url)
        # the endpoint was acceptable when registered, and is not any more
        monkeypatch.setattr(settings_now, "webhook_allow_private", False)
        award(client, people.business_a, people.vendor_a_id, "Rebound")
        logged = wait_for_log(client, people.vendor_a, lambda d: d["attempts"] >= 1)
        assert endpoint.requests == []

    assert logged["lastStatusCode"] is None
    assert "loopback" in logged["lastError"]


def test_two_dispatchers_never_claim_the_same_attempt(
    client: GraphQLClient, people: Parties, app_client: TestClient
) -> None:
    from api.core.runtime import Runtime
    from api.events import background
    from api.events.webhooks import WebhookDispatcher

    runtime: Runtime = app_client.app.state.vendormatch  # type: ignore[attr-defined]
    portal = app_client.portal
    assert portal is not None
    # the app's own dispatcher stands aside, so the delivery stays due
    portal.call(runtime.resource(WebhookDispatcher).stop)
    try:
        register(client, people.vendor_a, PUBLIC_URL)
        award(client, people.business_a, people.vendor_a_id, "Claimed once")

        async def race() -> list[list[tuple[int, int]]]:
            workers = [WebhookDispatcher() for _ in range(4)]
            return list(await asyncio.gather(*(w._claim_due(runtime) for w in workers)))

        claims = portal.call(race)
    finally:
        portal.call(background.start, runtime)

    won = [claim for claimed in claims for claim in claimed]
    assert len(won) == 1
    assert won[0][1] == 0  # its first attempt
