"""Where webhooks may point: every address a host resolves to is checked, and a delivery
connects to the address that was checked (no second lookup an attacker could answer)."""

from __future__ import annotations

import asyncio
import ipaddress
from datetime import UTC, datetime

import pytest

from api.core.settings import Settings
from api.events import addresses
from api.events.addresses import IPAddress, RefusedAddress, Target, check_url
from api.events.models import Event, Webhook
from api.events.signing import verify
from api.events.webhooks import send
from tests.api.events.receiver import receiver


def resolving_to(*answers: str) -> object:
    async def resolve(host: str, port: int) -> list[IPAddress]:
        return [ipaddress.ip_address(answer) for answer in answers]

    return resolve


def test_one_private_answer_among_public_ones_refuses_the_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(addresses, "resolve", resolving_to("93.184.216.34", "10.0.0.7"))

    with pytest.raises(RefusedAddress, match=r"10\.0\.0\.7 \(private\)"):
        asyncio.run(check_url("https://hooks.example.com/in", allow_private=False))


def test_a_public_host_is_reached_at_the_address_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(addresses, "resolve", resolving_to("2606:2800:220:1::248"))

    target = asyncio.run(check_url("https://hooks.example.com/in?x=1", allow_private=False))

    assert target == Target(
        url="https://hooks.example.com/in?x=1",
        host="hooks.example.com",
        port=443,
        scheme="https",
        address="2606:2800:220:1::248",
    )
    assert target.connect_url() == "https://[2606:2800:220:1::248]:443/in?x=1"


def test_a_delivery_connects_to_the_checked_address_and_names_the_host(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a name that resolves (once) to where the test's receiver listens, and a check
    # that lets that address through
    monkeypatch.setattr(addresses, "resolve", resolving_to("127.0.0.1"))
    monkeypatch.setattr(addresses, "refused_reason", lambda address: None)
    settings = Settings(WEBHOOK_TIMEOUT_SECONDS=5)
    event = Event(
        id=7,
        account_id=1,
        kind="INVITED",
        subject_type="ProjectInvitation",
        subject_id=3,
        summary="You were invited",
        payload={"projectRequestId": 2},
        created_at=datetime(2030, 1, 1, tzinfo=UTC),
    )

    with receiver([202]) as endpoint:
        port = endpoint.server.server_address[1]
        webhook = Webhook(account_id=1, url=f"http://hooks.example.test:{port}/in", secret="s3")
        outcome = asyncio.run(send(settings, webhook, event, delivery_id=11))
        [request] = endpoint.wait_for(1)

    assert outcome.delivered
    assert outcome.status_code == 202
    # the request went to the checked address, naming the host it was registered with
    assert request.headers["host"] == f"hooks.example.test:{port}"
    assert request.headers["x-vendormatch-delivery"] == "11"
    assert request.headers["x-vendormatch-event"] == "INVITED"
    timestamp = request.headers["x-vendormatch-timestamp"]
    assert verify("s3", timestamp, request.body, request.headers["x-vendormatch-signature"])


def test_an_unresolvable_host_is_refused() -> None:
    with pytest.raises(RefusedAddress, match="does not resolve"):
        asyncio.run(check_url("https://no-such-host.invalid/hook", allow_private=False))
