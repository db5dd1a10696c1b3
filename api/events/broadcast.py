"""Each worker's one reader of new events, fanning them out to its subscriptions.

However many subscriptions a worker holds, it reads new events once: on PostgreSQL a
dedicated connection LISTENs on the channel `emit` notifies at commit, and reads the
events past the last one seen when woken; on SQLite (which cannot notify) it looks every
EVENT_POLL_SECONDS. Every worker reads every event, so a subscriber hears of an event
whichever worker committed it. Each subscription registers an `Inbox` (a bounded queue)
for its account; the broadcaster puts each new event in its account's inboxes, and wakes
the worker's webhook dispatcher.

A lost connection (a database restart, a dropped socket) is retried with backoff, and
the reader catches up on what committed meanwhile when it is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import asyncpg
from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.runtime import Runtime
from api.events import reads
from api.events.models import Event
from api.events.service import CHANNEL

log = logging.getLogger(__name__)

INBOX_SIZE = 100
BATCH = 500
# On PostgreSQL ids are handed out at insert, not at commit: an id below the newest seen
# may still commit. Such skipped ids are looked for again for this long, then given up
# (a rolled-back transaction leaves its id unused for ever).
GAP_SECONDS = 60.0
MAX_GAPS = 1000
# Even when listening, look this often: a notification lost with a connection is not lost.
LISTEN_POLL_SECONDS = 5.0
PING_SECONDS = 5.0
MAX_BACKOFF_SECONDS = 30.0
LISTENER_NAME = "vendormatch-events"


class InboxOverflow(Exception):
    """A subscriber fell more than INBOX_SIZE events behind."""


@dataclass(eq=False)
class Inbox:
    """One subscription's queue of new events for one account."""

    account_id: int
    queue: asyncio.Queue[Event] = field(default_factory=lambda: asyncio.Queue(INBOX_SIZE))
    overflowed: bool = False

    def offer(self, event: Event) -> None:
        """Queue the event; a full queue marks the subscriber as fallen behind (it ends
        rather than grow without bound or silently skip events)."""
        if self.overflowed:
            return
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.overflowed = True

    async def next(self) -> Event:
        event = await self.queue.get()
        if self.overflowed:
            raise InboxOverflow
        return event


@dataclass
class EventCursor:
    """How far this worker has read: the newest id seen, and ids below it not seen yet."""

    last: int | None = None
    last_created: datetime | None = None
    gaps: dict[int, float] = field(default_factory=dict)
    # After the events were deleted under it (a wiped test database), only events from
    # after the last one seen are new.
    not_before: datetime | None = None

    def advance(self, rows: Iterable[Event], now: float) -> list[Event]:
        """The rows (in id order) not seen before; the cursor moves past them."""
        assert self.last is not None
        fresh = []
        for row in rows:
            assert row.id is not None
            if row.id in self.gaps:
                del self.gaps[row.id]
            elif row.id > self.last:
                for missing in range(max(self.last + 1, row.id - MAX_GAPS), row.id):
                    self.gaps[missing] = now
                self.last, self.last_created = row.id, row.created_at
            else:
                continue
            if self.not_before is None or row.created_at >= self.not_before:
                fresh.append(row)
        expired = [pk for pk, since in self.gaps.items() if now - since > GAP_SECONDS]
        for pk in expired:
            del self.gaps[pk]
        for pk in sorted(self.gaps)[: max(len(self.gaps) - MAX_GAPS, 0)]:
            del self.gaps[pk]
        return fresh

    def restart(self) -> None:
        """Read from the first id again, keeping only what is newer than the last seen."""
        self.not_before = self.last_created
        self.last, self.gaps = 0, {}


def asyncpg_dsn(sqlalchemy_url: str) -> str:
    """The URL asyncpg takes for the one SQLAlchemy's asyncpg dialect takes."""
    return (
        make_url(sqlalchemy_url).set(drivername="postgresql").render_as_string(hide_password=False)
    )


class EventBroadcaster:
    """The worker's one event reader (`runtime.resource(EventBroadcaster)`)."""

    def __init__(self) -> None:
        self.inboxes: dict[int, set[Inbox]] = {}
        self.cursor = EventCursor()
        # Set whenever new events arrive (the webhook dispatcher waits on one).
        self.wakers: list[asyncio.Event] = []
        self.backoff = 0.0
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self, runtime: Runtime) -> None:
        """Start reading (once; later calls do nothing while it runs)."""
        if not self.running:
            self._task = asyncio.get_running_loop().create_task(
                self._run(runtime), name="vendormatch-event-broadcaster"
            )

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def subscribe(self, account_id: int) -> Inbox:
        inbox = Inbox(account_id)
        self.inboxes.setdefault(account_id, set()).add(inbox)
        return inbox

    def unsubscribe(self, inbox: Inbox) -> None:
        held = self.inboxes.get(inbox.account_id)
        if held is not None:
            held.discard(inbox)
            if not held:
                del self.inboxes[inbox.account_id]

    def fan_out(self, events: Iterable[Event]) -> None:
        woke = False
        for event in events:
            woke = True
            for inbox in list(self.inboxes.get(event.account_id, ())):
                inbox.offer(event)
        if woke:
            for waker in self.wakers:
                waker.set()

    async def read_new(self, runtime: Runtime) -> None:
        """Read every event committed since the last read, and hand them out."""
        async with runtime.sessions() as session:
            if self.cursor.last is None:
                # A worker starting up broadcasts what commits from now on.
                newest = (
                    await session.execute(
                        select(col(Event.id), col(Event.created_at))
                        .order_by(col(Event.id).desc())
                        .limit(1)
                    )
                ).first()
                self.cursor.last, self.cursor.last_created = newest or (0, None)
                return
            if not await self._last_still_there(session):
                self.cursor.restart()
            while True:
                rows = await reads.events_after(
                    session, last_id=self.cursor.last or 0, also=self.cursor.gaps, limit=BATCH
                )
                self.fan_out(self.cursor.advance(rows, time.monotonic()))
                if len(rows) < BATCH:
                    break
        self.backoff = 0.0

    async def _last_still_there(self, session: AsyncSession) -> bool:
        if not self.cursor.last or self.cursor.last_created is None:
            return True
        created = await session.scalar(
            select(col(Event.created_at)).where(col(Event.id) == self.cursor.last)
        )
        return created == self.cursor.last_created

    async def _run(self, runtime: Runtime) -> None:
        postgres = runtime.engine.dialect.name == "postgresql"
        while True:
            try:
                if postgres:
                    await self._listen(runtime)
                else:
                    await self._poll(runtime)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the database is away: retry, never give up
                self.backoff = min(max(self.backoff * 2, 0.5), MAX_BACKOFF_SECONDS)
                log.warning(
                    "event broadcaster: %s; retrying in %.1f s",
                    type(error).__name__,
                    self.backoff,
                )
                await asyncio.sleep(self.backoff)

    async def _poll(self, runtime: Runtime) -> None:
        while True:
            await self.read_new(runtime)
            await asyncio.sleep(runtime.settings.event_poll_seconds)

    async def _listen(self, runtime: Runtime) -> None:
        dsn = asyncpg_dsn(runtime.settings.resolved_database_url())
        connection = await asyncpg.connect(
            dsn, timeout=10, server_settings={"application_name": LISTENER_NAME}
        )
        woken = asyncio.Event()
        lost = asyncio.Event()

        def notified(*_args: object) -> None:
            woken.set()

        def terminated(*_args: object) -> None:
            lost.set()
            woken.set()

        try:
            await connection.add_listener(CHANNEL, notified)
            connection.add_termination_listener(terminated)
            await self.read_new(runtime)  # what committed while nobody listened
            while True:
                try:
                    await asyncio.wait_for(woken.wait(), LISTEN_POLL_SECONDS)
                except TimeoutError:
                    # Quiet for a while: make sure the connection is still there.
                    await asyncio.wait_for(connection.execute("SELECT 1"), PING_SECONDS)
                woken.clear()
                if lost.is_set() or connection.is_closed():
                    raise ConnectionError("the LISTEN connection was closed")
                await self.read_new(runtime)
        finally:
            await _close(connection)


async def _close(connection: asyncpg.Connection) -> None:
    """Close politely if the server answers in time; otherwise drop the socket."""
    if connection.is_closed():
        return
    try:
        await asyncio.wait_for(connection.close(), PING_SECONDS)
    except asyncio.CancelledError:
        connection.terminate()
        raise
    except Exception:
        connection.terminate()
