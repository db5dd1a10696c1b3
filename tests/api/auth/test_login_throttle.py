"""Repeated failed sign-ins lock an email for a while, on every worker alike."""

from __future__ import annotations

from typing import Any

from api.auth.service import MAX_FAILURES
from tests.graphql_client import LOGIN, PASSWORD, GraphQLClient


def login(client: GraphQLClient, email: str, password: str) -> dict[str, Any]:
    variables = {"input": {"email": email, "password": password}}
    payload: dict[str, Any] = client.execute(LOGIN, variables)["login"]
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
