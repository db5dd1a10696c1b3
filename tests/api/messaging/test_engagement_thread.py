"""The engagement's thread: opened when the hire starts, shared by the two parties, and
the measure of the engagement's response-time promise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.api.engagements.world import ENGAGEMENT
from tests.api.messaging.conversation import Clock, reply, threads
from tests.api.reviews.hiring import Hiring
from tests.graphql_client import GraphQLClient

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def test_a_hire_opens_the_engagement_thread_for_both_parties(client: GraphQLClient) -> None:
    hiring = Hiring(client)
    vendor = hiring.vendor()
    engagement = hiring.hire(vendor)
    thread = engagement["thread"]
    assert thread["kind"] == "ENGAGEMENT"

    for account in (hiring.business, hiring.owner(vendor)):
        (edge,) = threads(client, account)["edges"]
        assert edge["node"]["id"] == thread["id"] and edge["node"]["kind"] == "ENGAGEMENT"
    reply(client, hiring.business, thread["id"], "Kick-off on Monday?")
    answer = reply(client, hiring.owner(vendor), thread["id"], "Monday works.")
    assert answer["side"] == "VENDOR"
    stranger = client.register("VENDOR")
    assert threads(client, stranger)["totalCount"] == 0


def test_slow_and_missing_answers_break_the_response_promise(
    client: GraphQLClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    hiring = Hiring(client)
    vendor = hiring.vendor()
    engagement = hiring.hire(vendor)  # the default plan promises answers within 24 h
    clock = Clock(monkeypatch, START)
    thread_id = engagement["thread"]["id"]
    reply(client, hiring.business, thread_id, "Where is the staging link?")
    clock.set(START + timedelta(hours=30))
    reply(client, hiring.owner(vendor), thread_id, "Sorry, here it is.")  # 30 h: late
    clock.set(START + timedelta(hours=31))
    reply(client, hiring.owner(vendor), thread_id, "Can you review it today?")
    # Nobody answers that one; the health is judged now, weeks later.

    data = client.execute(ENGAGEMENT, {"id": engagement["id"]}, token=hiring.business.token)
    promise = data["engagement"]["health"]["responsePromise"]
    assert promise == {"vendorLate": 1, "businessLate": 1}
