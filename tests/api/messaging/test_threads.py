"""Threads: one per request and vendor, written by the two parties, with read state."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from tests.api.engagements.world import NOTIFICATIONS
from tests.api.messaging.conversation import (
    MARK_READ,
    THREAD,
    contact,
    parties,
    reply,
    send,
    threads,
)
from tests.graphql_client import GraphQLClient


def events(client: GraphQLClient, kind: str) -> list[Any]:
    """The stored events of one kind (what notifications and webhooks deliver)."""
    from api.events.models import Event

    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]

    async def read() -> list[Any]:
        async with state.sessions() as session:
            rows = await session.execute(select(Event).where(Event.kind == kind))
            return list(rows.scalars())

    return client.http.portal.call(read)  # type: ignore[union-attr,no-any-return]


def test_a_business_contacts_a_vendor_and_the_vendor_answers(client: GraphQLClient) -> None:
    p = parties(client)
    first = send(
        client,
        p.business,
        "  Could you start in January?  ",
        projectRequestId=p.project["id"],
        vendorId=p.vendor["id"],
    )
    assert first["userErrors"] == []
    assert first["message"]["body"] == "Could you start in January?"
    assert first["message"]["side"] == "BUSINESS" and first["message"]["isMine"]
    assert first["message"]["responseSeconds"] is None
    assert first["thread"]["kind"] == "REQUEST"
    thread_id = first["thread"]["id"]

    inbox = threads(client, p.vendor_owner)
    assert inbox["totalCount"] == 1
    (edge,) = inbox["edges"]
    assert edge["node"]["id"] == thread_id
    assert edge["node"]["unreadCount"] == 1
    assert edge["node"]["mySide"] == "VENDOR"
    assert edge["node"]["vendor"]["id"] == p.vendor["id"]
    assert edge["node"]["projectRequest"]["id"] == p.project["id"]
    assert edge["node"]["client"] == {"reviewCount": 0, "averageRating": None}

    answer = reply(client, p.vendor_owner, thread_id, "Yes, the first week.")
    assert answer["side"] == "VENDOR" and answer["responseSeconds"] is not None
    # Writing marks the thread read up to one's own message; the business has one unread.
    assert threads(client, p.vendor_owner)["edges"][0]["node"]["unreadCount"] == 0
    assert threads(client, p.business)["edges"][0]["node"]["unreadCount"] == 1

    page = client.execute(THREAD, {"id": thread_id}, token=p.business.token)["node"]
    bodies = [e["node"]["body"] for e in page["messages"]["edges"]]
    assert bodies == ["Could you start in January?", "Yes, the first week."]
    assert [e["node"]["isMine"] for e in page["messages"]["edges"]] == [True, False]


def test_one_request_thread_per_request_and_vendor(client: GraphQLClient) -> None:
    p = parties(client)
    thread_id = contact(client, p, p.business, "First")
    assert contact(client, p, p.business, "Second") == thread_id
    # The vendor writing about the same request joins the same thread.
    assert contact(client, p, p.vendor_owner, "Third") == thread_id
    # Another vendor on the same request is another thread.
    other = send(
        client, p.business, "Hi", projectRequestId=p.project["id"], vendorId=p.other_vendor["id"]
    )
    assert other["userErrors"] == [] and other["thread"]["id"] != thread_id
    assert threads(client, p.business)["totalCount"] == 2
    assert threads(client, p.vendor_owner)["totalCount"] == 1


def test_a_vendor_writes_first_about_a_request_it_can_see(client: GraphQLClient) -> None:
    p = parties(client)
    thread_id = contact(client, p, p.vendor_owner, "Is the API documented?")
    assert threads(client, p.business)["edges"][0]["node"]["id"] == thread_id
    assert threads(client, p.business)["edges"][0]["node"]["unreadCount"] == 1


def test_bodies_are_trimmed_bounded_and_required(client: GraphQLClient) -> None:
    p = parties(client)
    target = {"projectRequestId": p.project["id"], "vendorId": p.vendor["id"]}
    for body, code in [("   ", "REQUIRED"), ("x" * 10001, "TOO_LONG"), ("a\x00b", "INVALID")]:
        payload = send(client, p.business, body, **target)
        assert payload["message"] is None
        assert payload["userErrors"][0]["field"] == ["input", "body"]
        assert payload["userErrors"][0]["code"] == code
    # Nothing was written: not even the thread.
    assert threads(client, p.business)["totalCount"] == 0
    assert send(client, p.business, "x" * 10000, **target)["userErrors"] == []


def test_a_message_names_either_a_thread_or_a_request_and_vendor(client: GraphQLClient) -> None:
    p = parties(client)
    thread_id = contact(client, p, p.business)
    both = send(
        client,
        p.business,
        "Hi",
        threadId=thread_id,
        projectRequestId=p.project["id"],
        vendorId=p.vendor["id"],
    )
    neither = send(client, p.business, "Hi")
    half = send(client, p.business, "Hi", projectRequestId=p.project["id"])
    assert both["userErrors"][0]["code"] == "INVALID"
    assert neither["userErrors"][0]["code"] == "INVALID"
    assert half["userErrors"][0] == {
        "field": ["input", "vendorId"],
        "message": "Give both projectRequestId and vendorId.",
        "code": "REQUIRED",
    }
    wrong_type = send(client, p.business, "Hi", threadId=p.vendor["id"])
    assert wrong_type["userErrors"][0]["field"] == ["input", "threadId"]
    assert wrong_type["userErrors"][0]["code"] == "NOT_FOUND"


def test_a_draft_request_is_no_reason_to_contact_anyone(client: GraphQLClient) -> None:
    p = parties(client)
    draft = client.post_project(p.business)
    payload = send(client, p.business, "Hi", projectRequestId=draft["id"], vendorId=p.vendor["id"])
    assert payload["userErrors"][0]["code"] == "INVALID_TRANSITION"
    assert "DRAFT" in payload["userErrors"][0]["message"]
    # A vendor cannot see the draft at all.
    payload = send(
        client, p.vendor_owner, "Hi", projectRequestId=draft["id"], vendorId=p.vendor["id"]
    )
    assert payload["userErrors"][0]["code"] == "NOT_FOUND"
    unknown = send(
        client, p.business, "Hi", projectRequestId=p.project["id"], vendorId="VmVuZG9yOjk5OTk5"
    )
    assert unknown["userErrors"][0]["field"] == ["input", "vendorId"]


def test_read_state_and_unread_counts(client: GraphQLClient) -> None:
    p = parties(client)
    thread_id = contact(client, p, p.business, "one")
    second = reply(client, p.business, thread_id, "two")
    reply(client, p.business, thread_id, "three")
    assert threads(client, p.vendor_owner)["edges"][0]["node"]["unreadCount"] == 3
    assert threads(client, p.vendor_owner, unreadOnly=True)["totalCount"] == 1
    assert threads(client, p.business, unreadOnly=True)["totalCount"] == 0

    marked = client.execute(
        MARK_READ,
        {"input": {"threadId": thread_id, "upToMessageId": second["id"]}},
        token=p.vendor_owner.token,
    )["markThreadRead"]
    assert marked["userErrors"] == [] and marked["thread"]["unreadCount"] == 1
    # Marking an earlier message read never moves the position back.
    page = client.execute(THREAD, {"id": thread_id}, token=p.vendor_owner.token)["node"]
    first_id = page["messages"]["edges"][0]["node"]["id"]
    again = client.execute(
        MARK_READ,
        {"input": {"threadId": thread_id, "upToMessageId": first_id}},
        token=p.vendor_owner.token,
    )["markThreadRead"]
    assert again["thread"]["unreadCount"] == 1
    everything = client.execute(
        MARK_READ, {"input": {"threadId": thread_id}}, token=p.vendor_owner.token
    )["markThreadRead"]
    assert everything["thread"]["unreadCount"] == 0
    assert threads(client, p.vendor_owner, unreadOnly=True)["totalCount"] == 0

    elsewhere = contact(client, p, p.vendor_owner, "another thread's message")
    assert elsewhere == thread_id  # the same pair: still one thread
    other = send(
        client, p.business, "x", projectRequestId=p.project["id"], vendorId=p.other_vendor["id"]
    )
    foreign = client.execute(
        MARK_READ,
        {"input": {"threadId": thread_id, "upToMessageId": other["message"]["id"]}},
        token=p.vendor_owner.token,
    )["markThreadRead"]
    assert foreign["userErrors"][0]["field"] == ["input", "upToMessageId"]
    assert foreign["userErrors"][0]["code"] == "NOT_FOUND"


def test_messages_and_threads_page_by_keyset(client: GraphQLClient) -> None:
    p = parties(client)
    thread_id = contact(client, p, p.business, "m0")
    for n in range(1, 5):
        reply(client, p.business, thread_id, f"m{n}")
    seen: list[str] = []
    after = None
    while True:
        page = client.execute(
            THREAD, {"id": thread_id, "first": 2, "after": after}, token=p.vendor_owner.token
        )["node"]["messages"]
        assert page["totalCount"] == 5
        seen += [e["node"]["body"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["m0", "m1", "m2", "m3", "m4"]

    send(client, p.business, "x", projectRequestId=p.project["id"], vendorId=p.other_vendor["id"])
    first = threads(client, p.business, first=1)
    # The thread written in last comes first.
    assert first["edges"][0]["node"]["vendor"]["id"] == p.other_vendor["id"]
    rest = threads(client, p.business, first=1, after=first["pageInfo"]["endCursor"])
    assert rest["edges"][0]["node"]["id"] == thread_id
    assert rest["pageInfo"]["hasNextPage"] is False


def test_the_other_party_is_notified_without_the_body(client: GraphQLClient) -> None:
    p = parties(client)
    thread_id = contact(client, p, p.business, "Our secret roadmap")
    reply(client, p.vendor_owner, thread_id, "Noted")
    to_vendor, to_business = sorted(events(client, "MESSAGE"), key=lambda e: e.id)
    assert to_vendor.subject_type == "Message" and to_business.subject_type == "Message"
    assert to_vendor.account_id != to_business.account_id
    assert "secret" not in to_vendor.summary and "Noted" not in to_business.summary
    assert to_vendor.summary == "New message from the client on 'Payments dashboard'"
    assert to_business.summary == f"New message from {p.vendor['name']} on 'Payments dashboard'"
    # The notification's subject is the message, readable by its recipient.
    edges = client.execute(NOTIFICATIONS, token=p.vendor_owner.token)["notifications"]["edges"]
    (note,) = [e["node"] for e in edges if e["node"]["kind"] == "MESSAGE"]
    assert note["subject"] == {"__typename": "Message"}


def test_a_message_on_an_nda_request_says_only_who_wrote(client: GraphQLClient) -> None:
    p = parties(
        client,
        ndaRequired=True,
        ndaText="Keep our plans to yourself.",
        summary="A confidential payments project.",
    )
    contact(client, p, p.business, "The details you asked for")
    (event,) = events(client, "MESSAGE")
    assert event.summary == "New message from the client"


def test_a_page_of_threads_runs_the_same_statements_whatever_its_size(
    client: GraphQLClient, statements: list[str]
) -> None:
    p = parties(client)
    for n in range(6):
        vendor = client.create_vendor(client.register("VENDOR"))
        sent = send(
            client, p.business, f"Hi {n}", projectRequestId=p.project["id"], vendorId=vendor["id"]
        )
        assert sent["userErrors"] == []
    query = """
    query ($first: Int) {
      threads(first: $first) {
        edges { node {
          id unreadCount mySide vendor { name } projectRequest { title }
          messages(first: 5) { totalCount edges { node { body isMine } } }
        } }
      }
    }
    """
    client.execute(query, {"first": 1}, token=p.business.token)  # warm the connection
    counts = {}
    for size in (2, 6):
        statements.clear()
        data = client.execute(query, {"first": size}, token=p.business.token)
        assert len(data["threads"]["edges"]) == size
        # Background workers (event delivery) share the engine: count only this page's.
        counts[size] = len([s for s in statements if "event" not in s and "webhook" not in s])
    assert counts[2] == counts[6], counts
