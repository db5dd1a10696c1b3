"""Each worker's webhook dispatcher: claim due deliveries, POST them signed, log outcomes.

Any worker may send any delivery, so each one is first claimed with a guarded UPDATE
(`claimed_until` in the future, only if nobody holds it), which one worker wins: two
workers never send the same attempt. A worker that dies mid-send leaves a claim that
lapses, and the attempt is made again (receivers drop duplicates by
X-Vendormatch-Delivery). A 2xx answer delivers it; anything else (an error status, a
redirect, a timeout, an address that now resolves somewhere private) is retried after
WEBHOOK_RETRY_BASE_SECONDS * 2**(attempts-1), jittered, until WEBHOOK_MAX_ATTEMPTS.

The dispatcher wakes when the worker's event broadcaster reads new events, and
otherwise when the next retry falls due.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx2 as httpx
from sqlalchemy import case, func, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlmodel import col

from api.core.clock import utcnow
from api.core.runtime import Runtime
from api.core.settings import Settings
from api.events import signing
from api.events.addresses import RefusedAddress, check_url
from api.events.models import DeliveryStatus, Event, Webhook, WebhookDelivery

log = logging.getLogger(__name__)
# httpx logs every request at INFO: one line per delivery, with a URL that may hold a
# receiver's token. The delivery log in the database is the record.
logging.getLogger("httpx2").setLevel(logging.WARNING)

BATCH = 50
CONCURRENCY = 8
# The longest the dispatcher sleeps with nothing due (a wake-up comes with new events).
IDLE_SECONDS = 10.0
# A claim outlives the attempt's timeout by this much: time to record the outcome.
CLAIM_MARGIN = timedelta(seconds=30)
MAX_RETRY_DELAY = timedelta(days=1)
MAX_ERROR = 500
USER_AGENT = "Vendormatch-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def retry_delay(settings: Settings, attempts: int, jitter: float) -> timedelta:
    """How long after its `attempts`-th failure a delivery is tried again."""
    seconds = settings.webhook_retry_base_seconds * 2 ** min(attempts - 1, 40) * jitter
    return min(timedelta(seconds=seconds), MAX_RETRY_DELAY)


class WebhookDispatcher:
    """The worker's one webhook sender (`runtime.resource(WebhookDispatcher)`)."""

    def __init__(self) -> None:
        self.wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self, runtime: Runtime) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(
                self._run(runtime), name="vendormatch-webhook-dispatcher"
            )

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self, runtime: Runtime) -> None:
        backoff = 0.0
        while True:
            self.wake.clear()
            try:
                wait = await self.deliver_due(runtime)
                backoff = 0.0
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database is away: retry, never give up
                backoff = min(max(backoff * 2, 0.5), 30.0)
                log.warning(
                    "webhook dispatcher: %s; retrying in %.1f s", type(error).__name__, backoff
                )
                wait = backoff
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.wake.wait(), wait)

    async def deliver_due(self, runtime: Runtime) -> float:
        """Send every delivery due now (in batches); seconds until the next falls due."""
        limit = asyncio.Semaphore(CONCURRENCY)

        async def one(delivery_id: int, before: int) -> None:
            async with limit:
                await self.attempt(runtime, delivery_id, before)

        while True:
            claimed = await self._claim_due(runtime)
            await asyncio.gather(*(one(pk, before) for pk, before in claimed))
            if len(claimed) < BATCH:
                return await self._seconds_to_next(runtime)

    async def _claim_due(self, runtime: Runtime) -> list[tuple[int, int]]:
        """Due deliveries this worker won, each with its attempts so far."""
        now = utcnow()
        until = now + timedelta(seconds=runtime.settings.webhook_timeout_seconds) + CLAIM_MARGIN
        unclaimed = or_(
            col(WebhookDelivery.claimed_until).is_(None), col(WebhookDelivery.claimed_until) < now
        )
        due = (
            col(WebhookDelivery.status) == DeliveryStatus.PENDING,
            col(WebhookDelivery.next_attempt_at) <= now,
            unclaimed,
        )
        won: list[tuple[int, int]] = []
        async with runtime.sessions() as session:
            candidates = (
                await session.execute(
                    select(col(WebhookDelivery.id), col(WebhookDelivery.attempts))
                    .where(*due)
                    .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
                    .limit(BATCH)
                )
            ).all()
            for delivery_id, attempts in candidates:
                result = await session.execute(
                    update(WebhookDelivery)
                    .where(col(WebhookDelivery.id) == delivery_id, *due)
                    .values(claimed_until=until)
                )
                await session.commit()
                won_it = isinstance(result, CursorResult) and result.rowcount == 1
                if won_it and delivery_id is not None:
                    won.append((delivery_id, attempts))
        return won

    async def _seconds_to_next(self, runtime: Runtime) -> float:
        """Until the next pending delivery is due, or its claim by another worker lapses
        (a claimed one is not due here before then)."""
        now = utcnow()
        claimed_until = col(WebhookDelivery.claimed_until)
        due_here = case(
            (claimed_until > now, claimed_until), else_=col(WebhookDelivery.next_attempt_at)
        )
        async with runtime.sessions() as session:
            due: datetime | None = await session.scalar(
                select(func.min(due_here)).where(
                    col(WebhookDelivery.status) == DeliveryStatus.PENDING
                )
            )
        if due is None:
            return IDLE_SECONDS
        return min(max((due - now).total_seconds(), 0.05), IDLE_SECONDS)

    async def attempt(self, runtime: Runtime, delivery_id: int, before: int) -> None:
        """Send one claimed delivery and record how it went."""
        async with runtime.sessions() as session:
            found = (
                await session.execute(
                    select(Webhook, Event)
                    .join(WebhookDelivery, col(WebhookDelivery.webhook_id) == col(Webhook.id))
                    .join(Event, col(Event.id) == col(WebhookDelivery.event_id))
                    .where(col(WebhookDelivery.id) == delivery_id)
                )
            ).first()
        if found is None:
            return  # the webhook was deleted meanwhile, and its log with it
        webhook, event = found
        outcome = await send(runtime.settings, webhook, event, delivery_id)
        await record(runtime, delivery_id, before, outcome)


async def send(settings: Settings, webhook: Webhook, event: Event, delivery_id: int) -> Outcome:
    """POST one event to one webhook, at an address checked just now."""
    try:
        async with asyncio.timeout(settings.webhook_timeout_seconds):
            target = await check_url(webhook.url, allow_private=settings.webhook_allow_private)
            content = signing.body(event)
            timestamp = str(int(utcnow().timestamp()))
            headers = {
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "X-Vendormatch-Event": event.kind,
                "X-Vendormatch-Delivery": str(delivery_id),
                "X-Vendormatch-Timestamp": timestamp,
                "X-Vendormatch-Signature": signing.signature(webhook.secret, timestamp, content),
            }
            extensions = {}
            if target.address is not None:
                # Connect to the address checked above; name the host for HTTP and TLS.
                headers["Host"] = _host_header(target.host, target.port, target.scheme)
                extensions["sni_hostname"] = target.host
            # A client per attempt: no pooled connection is reused for another host that
            # shares an address, no proxy from the environment, no redirects followed.
            async with (
                httpx.AsyncClient(
                    timeout=settings.webhook_timeout_seconds,
                    follow_redirects=False,
                    trust_env=False,
                ) as client,
                client.stream(
                    "POST",
                    target.connect_url(),
                    content=content,
                    headers=headers,
                    extensions=extensions,
                ) as response,
            ):
                # The answer's body is never read: a receiver cannot make us download much.
                code = response.status_code
    except RefusedAddress as refused:
        return Outcome(status_code=None, error=f"Refused: {refused}"[:MAX_ERROR])
    except TimeoutError:
        return Outcome(status_code=None, error="Timed out.")
    except (httpx.HTTPError, OSError, ValueError) as error:
        # Connection refused, TLS failures, a malformed answer: a failed attempt, retried.
        return Outcome(status_code=None, error=f"{type(error).__name__}: {error}"[:MAX_ERROR])
    if 200 <= code < 300:
        return Outcome(status_code=code, error=None)
    return Outcome(status_code=code, error=f"The endpoint answered HTTP {code}.")


def _host_header(host: str, port: int, scheme: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    default = 443 if scheme == "https" else 80
    return shown if port == default else f"{shown}:{port}"


async def record(runtime: Runtime, delivery_id: int, before: int, outcome: Outcome) -> None:
    """Log the attempt; only the worker that made attempt `before + 1` may (the guard)."""
    settings = runtime.settings
    now = utcnow()
    attempts = before + 1
    values: dict[str, object] = {
        "attempts": attempts,
        "last_status_code": outcome.status_code,
        "last_error": outcome.error,
        "claimed_until": None,
    }
    if outcome.delivered:
        values |= {"status": DeliveryStatus.DELIVERED, "delivered_at": now}
    elif attempts >= settings.webhook_max_attempts:
        values |= {"status": DeliveryStatus.FAILED}
    else:
        delay = retry_delay(settings, attempts, random.uniform(0.8, 1.2))
        values |= {"next_attempt_at": now + delay}
    async with runtime.sessions() as session:
        await session.execute(
            update(WebhookDelivery)
            .where(
                col(WebhookDelivery.id) == delivery_id,
                col(WebhookDelivery.attempts) == before,
                col(WebhookDelivery.status) == DeliveryStatus.PENDING,
            )
            .values(**values)
        )
        await session.commit()
