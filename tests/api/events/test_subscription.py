"""The `notifications` subscription over graphql-transport-ws, and the per-worker
broadcaster behind it (its cursor over event ids, its bounded inboxes)."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from api.events.broadcast import INBOX_SIZE, EventCursor, Inbox, InboxOverflow
from api.events.models import Event
from tests.api.events.parties import Parties, award, parties
from tests.api.events.sockets import RECEIVE_TIMEOUT_S, SUBSCRIBE, socket, wait_subscribed
from tests.graphql_client import GraphQLClient

LOGOUT = "mutation { logout { userErrors { code } } }"


@pytest.fixture
def people(client: GraphQLClient) -> Parties:
    return parties(client)


def test_each_subscriber_hears_of_its_own_events_and_no_one_elses(
    client: GraphQLClient, app_client: TestClient, people: Parties
) -> None:
    with (
        socket(app_client, people.vendor_a.token) as vendor_a,
        socket(app_client, people.vendor_b.token) as vendor_b,
    ):
        vendor_a.subscribe()
        vendor_b.subscribe()
        wait_subscribed(app_client, people.vendor_a, people.vendor_b)

        award(client, people.business_a, people.vendor_a_id, "For A")
        award(client, people.business_a, people.vendor_b_id, "For B")

        heard_a, heard_b = vendor_a.notification(), vendor_b.notification()

    assert heard_a["kind"] == "AWARDED"
    assert "For A" in heard_a["summary"]
    assert heard_a["subject"] == {"__typename": "ProjectRequest"}
    # B's first notification is its own: A's, emitted before, never reached it.
    assert "For B" in heard_b["summary"]


def test_since_replays_what_was_missed_then_goes_on_live(
    client: GraphQLClient, app_client: TestClient, people: Parties
) -> None:
    before = (datetime.now(UTC) - timedelta(seconds=5)).isoformat()
    award(client, people.business_a, people.vendor_a_id, "While away")

    with socket(app_client, people.vendor_a.token) as vendor_a:
        vendor_a.subscribe({"since": before})
        replayed = vendor_a.notification()
        award(client, people.business_a, people.vendor_a_id, "Back again")
        live = vendor_a.notification()

    assert "While away" in replayed["summary"]
    assert "Back again" in live["summary"]
    assert live["id"] != replayed["id"]


def test_an_anonymous_subscription_is_refused_clearly(app_client: TestClient) -> None:
    with socket(app_client, None) as anonymous:
        anonymous.subscribe()
        message = anonymous.receive()

    assert message["type"] == "next"
    [error] = message["payload"]["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Sign in" in error["message"]


def test_a_signed_out_subscriber_hears_nothing_more(
    client: GraphQLClient, app_client: TestClient, people: Parties
) -> None:
    with socket(app_client, people.vendor_a.token) as vendor_a:
        vendor_a.subscribe()
        wait_subscribed(app_client, people.vendor_a)
        client.execute(LOGOUT, token=people.vendor_a.token)
        award(client, people.business_a, people.vendor_a_id, "After logout")
        message = vendor_a.receive()

    [error] = message["payload"]["errors"]
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert "After logout" not in str(message)


def event(pk: int, account: int = 1, created: datetime | None = None) -> Event:
    moment = created or datetime(2030, 1, 1, tzinfo=UTC) + timedelta(seconds=pk)
    return Event(
        id=pk,
        account_id=account,
        kind="AWARDED",
        subject_type="ProjectRequest",
        subject_id=1,
        summary="s",
        created_at=moment,
    )


def test_the_cursor_waits_a_while_for_ids_a_later_commit_skipped() -> None:
    # given a worker that has read up to event 3
    cursor = EventCursor(last=3)

    # when event 6 commits before 4 and 5 (PostgreSQL hands out ids at insert)
    assert [e.id for e in cursor.advance([event(6)], now=0.0)] == [6]

    # then 4 and 5 are looked for again, and sent once they commit
    assert set(cursor.gaps) == {4, 5}
    assert [e.id for e in cursor.advance([event(5), event(6)], now=1.0)] == [5]
    assert set(cursor.gaps) == {4}
    # and one never committed (rolled back) is given up after a minute
    cursor.advance([], now=120.0)
    assert cursor.gaps == {}


def test_after_events_are_deleted_under_it_the_cursor_sends_only_newer_ones() -> None:
    cursor = EventCursor(last=0)
    cursor.advance([event(1), event(2)], now=0.0)

    # the table is emptied and ids start again from 1 (SQLite reuses them)
    cursor.restart()
    older = event(1, created=datetime(2029, 1, 1, tzinfo=UTC))
    newer = event(2, created=datetime(2031, 1, 1, tzinfo=UTC))

    assert [e.id for e in cursor.advance([older, newer], now=0.0)] == [2]
    assert cursor.last == 2


def test_a_subscriber_that_falls_behind_is_ended_not_left_to_grow() -> None:
    async def scenario() -> None:
        inbox = Inbox(account_id=1)
        for pk in range(1, INBOX_SIZE + 1):
            inbox.offer(event(pk))
        assert not inbox.overflowed
        inbox.offer(event(INBOX_SIZE + 1))
        assert inbox.overflowed
        assert inbox.queue.qsize() == INBOX_SIZE
        with pytest.raises(InboxOverflow):
            await inbox.next()

    asyncio.run(scenario())


TERMINATE_LISTENER = """SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
WHERE application_name = :name AND datname = current_database()"""


def test_a_dropped_listen_connection_is_reopened_and_nothing_is_lost(
    client: GraphQLClient, app_client: TestClient, people: Parties
) -> None:
    from sqlalchemy import text

    from api.events.broadcast import LISTENER_NAME

    runtime = app_client.app.state.vendormatch  # type: ignore[attr-defined]
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no connection to drop: each worker polls its file")

    async def terminate() -> int:
        async with runtime.sessions() as session:
            killed = await session.scalar(text(TERMINATE_LISTENER), {"name": LISTENER_NAME})
            await session.commit()
        return int(killed or 0)

    with socket(app_client, people.vendor_a.token) as vendor_a:
        vendor_a.subscribe()
        wait_subscribed(app_client, people.vendor_a)
        # when the database drops the worker's LISTEN connection
        assert app_client.portal.call(terminate) == 1  # type: ignore[union-attr]
        # then an event committed right after still arrives, once it has reconnected
        award(client, people.business_a, people.vendor_a_id, "After the drop")
        heard = vendor_a.notification()

    assert "After the drop" in heard["summary"]


def test_notification_subscriptions_take_the_clients_subscription_slots(
    app_client: TestClient, people: Parties, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.graphql.subscription_slots import SubscriptionSlots

    runtime = app_client.app.state.vendormatch  # type: ignore[attr-defined]
    monkeypatch.setattr(runtime.settings, "max_subscriptions_per_client", 1)
    # Earlier tests' subscriptions free their slots as the server winds them down.
    slots = runtime.resource(SubscriptionSlots)
    deadline = time.monotonic() + RECEIVE_TIMEOUT_S
    while slots.total and time.monotonic() < deadline:
        time.sleep(0.05)

    with socket(app_client, people.vendor_a.token) as vendor_a:
        vendor_a.subscribe()
        # the first holds its slot before the second asks (the server starts them apart)
        deadline = time.monotonic() + RECEIVE_TIMEOUT_S
        while slots.total < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        payload = {"query": SUBSCRIBE, "variables": {}}
        vendor_a.websocket.send_json({"id": "2", "type": "subscribe", "payload": payload})
        refusal = vendor_a.receive()
        vendor_a.websocket.send_json({"id": "2", "type": "complete"})

    assert refusal["id"] == "2", refusal
    [error] = refusal["payload"]["errors"]
    assert error["extensions"]["code"] == "RATE_LIMITED"
    assert "subscriptions per client" in error["message"]
