"""Who may write, mark and read a thread: only its two parties; admins read; strangers
learn nothing (NOT_FOUND), anonymous callers are asked to sign in."""

from __future__ import annotations

import pytest

from tests.api.messaging.conversation import (
    MARK_READ,
    THREAD,
    Parties,
    contact,
    parties,
    send,
    threads,
)
from tests.graphql_client import GraphQLClient

ROLES = ["anonymous", "business A", "business B", "vendor A", "vendor B", "admin"]


def outcome(payload: dict[str, object]) -> str:
    errors = payload["userErrors"]
    assert isinstance(errors, list)
    return "ok" if not errors else str(errors[0]["code"])


@pytest.fixture
def setting(client: GraphQLClient) -> tuple[Parties, str]:
    p = parties(client)
    return p, contact(client, p, p.business, "Opening line")


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("business A", "ok"),
        ("business B", "NOT_FOUND"),
        ("vendor A", "ok"),
        ("vendor B", "NOT_FOUND"),
        ("admin", "FORBIDDEN"),
    ],
)
def test_send_in_a_thread(
    client: GraphQLClient, setting: tuple[Parties, str], who: str, expected: str
) -> None:
    p, thread_id = setting
    payload = send(client, p.account(who), "Hi", threadId=thread_id)
    assert outcome(payload) == expected
    if expected != "ok":
        assert payload["message"] is None
        # Nothing was written: the vendor still has only the opening line unread.
        assert threads(client, p.vendor_owner)["edges"][0]["node"]["unreadCount"] == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("business A", "ok"),  # contacts vendor A about its own request
        ("business B", "FORBIDDEN"),  # may see the request, but it is not theirs
        ("vendor A", "ok"),  # writes for its own vendor
        ("vendor B", "FORBIDDEN"),  # cannot write as vendor A
        ("admin", "FORBIDDEN"),
    ],
)
def test_start_a_request_thread(
    client: GraphQLClient, setting: tuple[Parties, str], who: str, expected: str
) -> None:
    p, _thread_id = setting
    payload = send(
        client, p.account(who), "Hi", projectRequestId=p.project["id"], vendorId=p.vendor["id"]
    )
    assert outcome(payload) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("business A", "ok"),
        ("business B", "NOT_FOUND"),
        ("vendor A", "ok"),
        ("vendor B", "NOT_FOUND"),
        ("admin", "FORBIDDEN"),
    ],
)
def test_mark_a_thread_read(
    client: GraphQLClient, setting: tuple[Parties, str], who: str, expected: str
) -> None:
    p, thread_id = setting
    account = p.account(who)
    payload = client.execute(
        MARK_READ,
        {"input": {"threadId": thread_id}},
        token=account.token if account else None,
    )["markThreadRead"]
    assert outcome(payload) == expected


@pytest.mark.parametrize(
    ("who", "reads"),
    [
        ("anonymous", False),
        ("business A", True),
        ("business B", False),
        ("vendor A", True),
        ("vendor B", False),
        ("admin", True),
    ],
)
def test_read_a_thread_and_its_messages(
    client: GraphQLClient, setting: tuple[Parties, str], who: str, reads: bool
) -> None:
    p, thread_id = setting
    account = p.account(who)
    token = account.token if account else None
    node = client.execute(THREAD, {"id": thread_id}, token=token)["node"]
    if not reads:
        assert node is None
        return
    assert node["id"] == thread_id
    assert [e["node"]["body"] for e in node["messages"]["edges"]] == ["Opening line"]
    message_id = node["messages"]["edges"][0]["node"]["id"]
    message = client.execute(
        "query ($id: ID!) { node(id: $id) { ... on Message { id body } } }",
        {"id": message_id},
        token=token,
    )["node"]
    assert message == {"id": message_id, "body": "Opening line"}


@pytest.mark.parametrize("who", ROLES)
def test_a_message_is_hidden_from_strangers(
    client: GraphQLClient, setting: tuple[Parties, str], who: str
) -> None:
    p, thread_id = setting
    page = client.execute(THREAD, {"id": thread_id}, token=p.business.token)["node"]
    message_id = page["messages"]["edges"][0]["node"]["id"]
    account = p.account(who)
    node = client.execute(
        "query ($id: ID!) { node(id: $id) { ... on Message { body } } }",
        {"id": message_id},
        token=account.token if account else None,
    )["node"]
    visible = who in {"business A", "vendor A", "admin"}
    assert (node is not None) == visible


@pytest.mark.parametrize(
    ("who", "count"),
    [("business A", 1), ("business B", 0), ("vendor A", 1), ("vendor B", 0), ("admin", 1)],
)
def test_threads_lists_only_ones_own(
    client: GraphQLClient, setting: tuple[Parties, str], who: str, count: int
) -> None:
    p, _thread_id = setting
    account = p.account(who)
    assert account is not None
    assert threads(client, account)["totalCount"] == count


def test_threads_needs_a_signed_in_account(client: GraphQLClient) -> None:
    body = client.post("query { threads(first: 5) { totalCount } }").json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
