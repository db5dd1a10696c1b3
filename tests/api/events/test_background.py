"""The events' background tasks: they outlive a failing database, and end with the app."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from api.app import create_app
from api.core.settings import Settings
from api.events import reads
from api.events.broadcast import EventBroadcaster
from api.events.webhooks import WebhookDispatcher
from tests.api.events.parties import Parties, award, parties
from tests.api.events.sockets import socket, wait_subscribed
from tests.graphql_client import GraphQLClient


@pytest.fixture
def people(client: GraphQLClient) -> Parties:
    return parties(client)


def test_a_failed_read_is_retried_and_nothing_is_lost(
    client: GraphQLClient,
    app_client: TestClient,
    people: Parties,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = reads.events_after
    failures: list[int] = []

    async def failing_once(*args: object, **kwargs: object) -> object:
        if not failures:
            failures.append(1)
            raise OSError("the database went away")
        return await real(*args, **kwargs)  # type: ignore[arg-type]

    with socket(app_client, people.vendor_a.token) as vendor_a:
        vendor_a.subscribe()
        wait_subscribed(app_client, people.vendor_a)
        # when the broadcaster's next read fails (on PostgreSQL, its LISTEN is reopened)
        monkeypatch.setattr(reads, "events_after", failing_once)
        award(client, people.business_a, people.vendor_a_id, "Through an outage")
        # then it reads again after a pause, and the event still arrives
        heard = vendor_a.notification()

    assert failures == [1]
    assert "Through an outage" in heard["summary"]


def test_the_background_tasks_end_with_the_app(settings: Settings) -> None:
    app = create_app(settings)
    runtime = app.state.vendormatch
    broadcaster = runtime.resource(EventBroadcaster)
    dispatcher = runtime.resource(WebhookDispatcher)

    with TestClient(app):
        assert broadcaster.running
        tasks = [broadcaster._task, dispatcher._task]
        assert all(task is not None and not task.done() for task in tasks)

    assert not broadcaster.running
    assert all(task is not None and task.done() for task in tasks)
    assert dispatcher._task is None
