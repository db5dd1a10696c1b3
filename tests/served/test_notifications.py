"""Notifications against `vendormatch serve --workers 2`: an event committed through any
worker reaches subscribers on every worker within a second, and a registered webhook gets
it signed, once, though both workers run a dispatcher.

The database is the suite's (SQLite file or PostgreSQL), so this runs the SQLite poller
and the PostgreSQL LISTEN/NOTIFY path alike.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import psutil
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

from api.events.signing import verify
from tests.api.events.receiver import receiver
from tests.graphql_client import scope_input, vendor_input
from tests.served.accounts import Account, data, post, register
from tests.served.conftest import Server, fresh_database_url, start_server, stop_server

PROTOCOL = "graphql-transport-ws"
WORKERS = 2
# Opened until the kernel has spread them over every worker: a worker still warming up
# after the server answered its first request accepts none, so the test waits for it.
MAX_SUBSCRIBERS = 40
SPREAD_SECONDS = 20
WITHIN_SECONDS = 1.0
WAIT_SECONDS = 30
SUBSCRIBE = "subscription { notifications { id kind summary } }"
CREATE_VENDOR = """mutation ($input: CreateVendorProfileInput!) {
  createVendorProfile(input: $input) { vendor { id } userErrors { message } } }"""
POST = """mutation ($input: PostProjectRequestInput!) {
  postProjectRequest(input: $input) { projectRequest { id } userErrors { message } } }"""
AWARD = """mutation ($input: AwardProjectRequestInput!) {
  awardProjectRequest(input: $input) { userErrors { message } } }"""
REGISTER_WEBHOOK = """mutation ($input: RegisterWebhookInput!) {
  registerWebhook(input: $input) { secret userErrors { message } } }"""


@pytest.fixture(scope="module")
def own_database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database for these workers alone: another instance's dispatcher, with other
    settings, must not take their deliveries (`serve` migrates it on start)."""
    yield from fresh_database_url(tmp_path_factory, "workers")


@pytest.fixture(scope="module")
def workers(own_database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(
        tmp_path_factory.mktemp("two-workers"),
        own_database_url,
        # The receiver below listens on 127.0.0.1.
        extra_env={"WEBHOOK_ALLOW_PRIVATE": "true"},
        workers=WORKERS,
    )
    yield running
    stop_server(running)


def vendor_and_business(http: httpx.Client) -> tuple[Account, str, Account]:
    vendor = register(http, "VENDOR")
    made = data(post(http, CREATE_VENDOR, {"input": vendor_input()}, vendor.token))
    assert made["createVendorProfile"]["userErrors"] == []
    return vendor, made["createVendorProfile"]["vendor"]["id"], register(http, "BUSINESS")


async def award(server: Server, business: Account, vendor_id: str, title: str) -> None:
    """Post a request and award it to the vendor (AWARDED, to the vendor's owner), over
    connections of their own."""
    headers = {"authorization": f"Bearer {business.token}"}
    async with httpx.AsyncClient(base_url=server.url, timeout=30, headers=headers) as client:
        scope = scope_input(title=title, publish=True)
        posted = await client.post("/graphql", json={"query": POST, "variables": {"input": scope}})
        project = posted.json()["data"]["postProjectRequest"]
        assert project["userErrors"] == [], project
        answer = {"id": project["projectRequest"]["id"], "vendorId": vendor_id}
        awarded = await client.post(
            "/graphql", json={"query": AWARD, "variables": {"input": answer}}
        )
        assert awarded.json()["data"]["awardProjectRequest"]["userErrors"] == [], awarded.json()


async def subscribe(server: Server, token: str) -> ClientConnection:
    headers = {"authorization": f"Bearer {token}"}
    socket = await connect(
        server.websocket, subprotocols=[Subprotocol(PROTOCOL)], additional_headers=headers
    )
    await socket.send(json.dumps({"type": "connection_init"}))
    assert json.loads(await asyncio.wait_for(socket.recv(), WAIT_SECONDS))["type"] == (
        "connection_ack"
    )
    payload = {"query": SUBSCRIBE}
    await socket.send(json.dumps({"id": "1", "type": "subscribe", "payload": payload}))
    return socket


async def heard(socket: ClientConnection) -> tuple[dict[str, Any], float]:
    message = json.loads(await asyncio.wait_for(socket.recv(), WAIT_SECONDS))
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    return message["payload"]["data"]["notifications"], time.monotonic()


def worker_of(server: Server, socket: ClientConnection) -> int | None:
    """The pid of the worker process holding the other end of the socket."""
    port = socket.local_address[1]
    for worker in psutil.Process(server.process.pid).children(recursive=True):
        for connection in worker.net_connections(kind="tcp"):
            if connection.raddr and connection.raddr.port == port:
                return worker.pid
    return None


def test_an_event_reaches_subscribers_on_every_worker_within_a_second(workers: Server) -> None:
    with httpx.Client(base_url=workers.url, timeout=30) as http:
        vendor, vendor_id, business = vendor_and_business(http)
    title = f"Within a second {uuid.uuid4().hex[:8]}"

    async def scenario() -> tuple[set[int | None], list[tuple[dict[str, Any], float]]]:
        sockets: list[ClientConnection] = []
        held: set[int | None] = set()
        try:
            deadline = time.monotonic() + SPREAD_SECONDS
            while (
                len(held - {None}) < WORKERS
                and len(sockets) < MAX_SUBSCRIBERS
                and time.monotonic() < deadline
            ):
                sockets.append(await subscribe(workers, vendor.token))
                held.add(worker_of(workers, sockets[-1]))
                await asyncio.sleep(0.2)
            await asyncio.sleep(0.5)  # each worker registers its subscriptions
            await award(workers, business, vendor_id, title)
            committed = time.monotonic()
            answers = await asyncio.gather(*(heard(socket) for socket in sockets))
            return held, [(notification, at - committed) for notification, at in answers]
        finally:
            for socket in sockets:
                await socket.close()

    held, answers = asyncio.run(scenario())

    assert len(held - {None}) == WORKERS, "the subscriptions never reached every worker"
    for notification, delay in answers:
        assert notification["kind"] == "AWARDED"
        assert title in notification["summary"]
        assert delay < WITHIN_SECONDS, f"arrived after {delay:.2f} s"
    assert len({notification["id"] for notification, _ in answers}) == 1


def test_a_webhook_gets_each_event_signed_and_once_from_two_workers(workers: Server) -> None:
    with httpx.Client(base_url=workers.url, timeout=30) as http:
        vendor, vendor_id, business = vendor_and_business(http)
        with receiver([200]) as endpoint:
            made = data(
                post(http, REGISTER_WEBHOOK, {"input": {"url": endpoint.url}}, vendor.token)
            )
            secret = made["registerWebhook"]["secret"]
            assert made["registerWebhook"]["userErrors"] == []

            async def three_awards() -> None:
                for n in range(3):
                    await award(workers, business, vendor_id, f"Hooked {n}")

            asyncio.run(three_awards())
            requests = endpoint.wait_for(3, timeout=WAIT_SECONDS)
            time.sleep(1.5)  # a second dispatcher sending the same attempt would show now
            requests = list(endpoint.requests)

    assert len(requests) == 3
    assert len({r.headers["x-vendormatch-delivery"] for r in requests}) == 3
    for request in requests:
        timestamp = request.headers["x-vendormatch-timestamp"]
        assert verify(secret, timestamp, request.body, request.headers["x-vendormatch-signature"])
        assert json.loads(request.body)["kind"] == "AWARDED"
