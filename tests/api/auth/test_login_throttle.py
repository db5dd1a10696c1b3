"""Repeated failed sign-ins lock an email for a while, except on the owner's known devices.

The served tier (tests/served/test_login_throttle.py) races attempts against a real server."""

from __future__ import annotations

from typing import Any

from api.core.ratelimit import Rate
from api.core.settings import Settings
from tests.graphql_client import PASSWORD, GraphQLClient

MAX_FAILURES = Rate.parse(Settings().rate_limit_login_email).count
LOGIN_WITH_DEVICE = """
mutation ($input: LoginInput!) {
  login(input: $input) { token deviceToken userErrors { field message code } }
}
"""


def login(
    client: GraphQLClient, email: str, password: str, device_token: str | None = None
) -> dict[str, Any]:
    variables = {"input": {"email": email, "password": password, "deviceToken": device_token}}
    payload: dict[str, Any] = client.execute(LOGIN_WITH_DEVICE, variables)["login"]
    return payload


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


def test_too_many_failures_lock_the_email_even_for_the_right_password(
    client: GraphQLClient,
) -> None:
    victim = client.register("BUSINESS")
    bystander = client.register("BUSINESS")
    for _ in range(MAX_FAILURES):
        assert codes(login(client, victim.email, "wrong password!")) == ["INVALID_CREDENTIALS"]

    locked = login(client, victim.email, PASSWORD)

    assert locked["token"] is None
    assert codes(locked) == ["RATE_LIMITED"]
    assert codes(login(client, bystander.email, PASSWORD)) == []


def test_unknown_emails_lock_the_same_way(client: GraphQLClient) -> None:
    for _ in range(MAX_FAILURES):
        login(client, "nobody@example.com", "wrong password!")

    assert codes(login(client, "nobody@example.com", "wrong password!")) == ["RATE_LIMITED"]


def test_a_successful_sign_in_clears_earlier_failures(client: GraphQLClient) -> None:
    account = client.register("VENDOR")
    for _ in range(MAX_FAILURES - 1):
        login(client, account.email, "wrong password!")

    assert codes(login(client, account.email, PASSWORD)) == []
    for _ in range(MAX_FAILURES - 1):
        login(client, account.email, "wrong password!")
    assert codes(login(client, account.email, PASSWORD)) == []


def test_the_owner_signs_in_from_a_known_device_while_the_email_is_locked(
    client: GraphQLClient,
) -> None:
    owner = client.register("BUSINESS")
    device = login(client, owner.email, PASSWORD)["deviceToken"]
    for _ in range(MAX_FAILURES + 3):
        login(client, owner.email, "wrong password!")
    assert codes(login(client, owner.email, PASSWORD)) == ["RATE_LIMITED"]

    signed_in = login(client, owner.email, PASSWORD, device)

    assert codes(signed_in) == []
    assert signed_in["token"]
    assert signed_in["deviceToken"] == device  # the device keeps its identity


def test_a_device_token_is_bound_to_its_account_and_cannot_be_forged(
    client: GraphQLClient,
) -> None:
    owner = client.register("BUSINESS")
    other = client.register("BUSINESS")
    others_device = login(client, other.email, PASSWORD)["deviceToken"]
    own_device = login(client, owner.email, PASSWORD)["deviceToken"]
    for _ in range(MAX_FAILURES):
        login(client, owner.email, "wrong password!")

    forged = own_device[:-2] + ("AA" if not own_device.endswith("AA") else "BB")
    for token in (others_device, forged, "d1.1.x.y", "x" * 5000):
        assert codes(login(client, owner.email, PASSWORD, token)) == ["RATE_LIMITED"]


def test_a_known_device_has_its_own_bounded_allowance(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    device = login(client, owner.email, PASSWORD)["deviceToken"]
    for _ in range(MAX_FAILURES):
        assert codes(login(client, owner.email, "wrong password!", device)) == [
            "INVALID_CREDENTIALS"
        ]

    assert codes(login(client, owner.email, PASSWORD, device)) == ["RATE_LIMITED"]
    # Guessing through the device left the email's own allowance alone.
    assert codes(login(client, owner.email, PASSWORD)) == []
