"""Threads and messages: who may read and write a conversation, the writes, read state,
and the response times measured from replies.

A thread has two parties: the request's business account (`Thread.business_id`) and the
owner of the vendor. Admins may read every thread but write in none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError, Problems, forbidden, unauthenticated
from api.core.viewer import Role, Viewer
from api.events.kinds import EventKind
from api.events.service import emit
from api.messaging.models import Message, Side, Thread, ThreadKind, ThreadRead
from api.messaging.rules import (
    MAX_RESPONSE_SAMPLES,
    RESPONSE_WINDOW_DAYS,
    check_body,
    percentile,
)
from api.projects import service as projects
from api.projects.reads import project_by_id
from api.vendors import service as vendors

if TYPE_CHECKING:
    from api.projects.models import ProjectRequest

# The server itself reading a request it already holds an id for (an engagement's, a
# thread's): not a client, so no visibility rule applies.
SYSTEM = Viewer(account_id=0, role=Role.ADMIN)
NOT_FOUND = "No such thread."


@dataclass(frozen=True)
class PromiseRecord:
    """How a thread kept the engagement's response-time promise: replies slower than the
    promise, plus messages still unanswered past it, per side that was expected to answer."""

    business_late: int
    vendor_late: int
    last_message_at: datetime | None


# ---- who is who ---------------------------------------------------------------------


async def side_of(session: AsyncSession, viewer: Viewer | None, thread: Thread) -> Side | None:
    """The side the viewer speaks for in the thread, or None when it is no party."""
    if viewer is None:
        return None
    if viewer.account_id == thread.business_id:
        return Side.BUSINESS
    if viewer.role == Role.VENDOR and await vendors.owner_of(session, thread.vendor_id) == (
        viewer.account_id
    ):
        return Side.VENDOR
    return None


async def readable_thread(
    session: AsyncSession,
    viewer: Viewer | None,
    thread_id: int,
    *,
    field: tuple[str, ...] = ("input", "threadId"),
) -> Thread:
    """The thread, if the viewer is a party or an admin; NOT_FOUND otherwise (a stranger
    learns nothing about which threads exist)."""
    if viewer is None:
        raise unauthenticated()
    thread = await session.get(Thread, thread_id)
    if thread is None or (not viewer.is_admin and await side_of(session, viewer, thread) is None):
        raise InputError.single(list(field), NOT_FOUND, ErrorCode.NOT_FOUND)
    return thread


async def thread_of(
    session: AsyncSession, kind: ThreadKind | str, project_id: int, vendor_id: int
) -> Thread | None:
    """The (one) thread of this kind between a request and a vendor, if it exists yet."""
    return (
        await session.execute(
            select(Thread).where(
                col(Thread.kind) == kind,
                col(Thread.project_id) == project_id,
                col(Thread.vendor_id) == vendor_id,
            )
        )
    ).scalar_one_or_none()


async def _request(session: AsyncSession, project_id: int) -> ProjectRequest:
    project = await project_by_id(session, SYSTEM, project_id)
    if project is None:
        raise InputError.single(
            ["input", "projectRequestId"], "No such project request.", ErrorCode.NOT_FOUND
        )
    return project


async def _get_or_create(
    session: AsyncSession, *, kind: ThreadKind, project_id: int, vendor_id: int, business_id: int
) -> Thread:
    """The thread, created on first use; when two requests create it at once, both get
    the one row that won."""
    existing = await thread_of(session, kind, project_id, vendor_id)
    if existing is not None:
        return existing
    await _insert_if_absent(
        session,
        Thread,
        {
            "kind": kind,
            "project_id": project_id,
            "vendor_id": vendor_id,
            "business_id": business_id,
            "created_at": utcnow(),
        },
    )
    created = await thread_of(session, kind, project_id, vendor_id)
    assert created is not None
    return created


async def _insert_if_absent(
    session: AsyncSession, model: type[Thread] | type[ThreadRead], values: dict[str, object]
) -> None:
    """INSERT ... ON CONFLICT DO NOTHING: no savepoint (which SQLite's driver would commit
    early), and a concurrent insert of the same key is no error."""
    dialect = session.get_bind().dialect.name
    statement = (
        postgresql_insert(model).values(values).on_conflict_do_nothing()
        if dialect == "postgresql"
        else sqlite_insert(model).values(values).on_conflict_do_nothing()
    )
    await session.execute(statement)


async def open_engagement_thread(
    session: AsyncSession, *, project_id: int, vendor_id: int, engagement_id: int
) -> Thread:
    """The engagement's thread between the request's business and its hired vendor."""
    project = await _request(session, project_id)
    thread = await _get_or_create(
        session,
        kind=ThreadKind.ENGAGEMENT,
        project_id=project_id,
        vendor_id=vendor_id,
        business_id=project.owner_id,
    )
    if thread.engagement_id != engagement_id:
        thread.engagement_id = engagement_id
        session.add(thread)
        await session.flush()
    return thread


# ---- writing ------------------------------------------------------------------------


async def request_thread_for(
    session: AsyncSession, viewer: Viewer | None, *, project_id: int, vendor_id: int
) -> Thread:
    """The REQUEST thread the viewer may write in about (request, vendor), created on
    first use. The request's owner may contact any vendor about its non-draft request; a
    vendor's owner may write about its own vendor on any request it can see."""
    if viewer is None:
        raise unauthenticated()
    if viewer.role == Role.ADMIN:
        raise forbidden("Admins read threads; only the business and the vendor write in them.")
    project = await projects.viewable_project(session, viewer, project_id)
    assert project.id is not None
    if viewer.role == Role.BUSINESS:
        if project.owner_id != viewer.account_id:
            raise forbidden("Only the business that posted this request can contact vendors.")
        if project.status == "DRAFT":
            raise InputError.single(
                ["input", "projectRequestId"],
                "Publish the request before contacting vendors about it (it is DRAFT).",
                ErrorCode.INVALID_TRANSITION,
            )
        if not await vendors.vendor_exists(session, vendor_id):
            raise InputError.single(["input", "vendorId"], "No such vendor.", ErrorCode.NOT_FOUND)
    elif await vendors.owner_of(session, vendor_id) != viewer.account_id:
        raise forbidden("You can only write for your own vendor profile.")
    return await _get_or_create(
        session,
        kind=ThreadKind.REQUEST,
        project_id=project.id,
        vendor_id=vendor_id,
        business_id=project.owner_id,
    )


async def writable_thread(session: AsyncSession, viewer: Viewer | None, thread_id: int) -> Thread:
    """An existing thread the viewer is a party of."""
    thread = await readable_thread(session, viewer, thread_id)
    assert viewer is not None
    if await side_of(session, viewer, thread) is None:
        raise forbidden("Admins read threads; only the business and the vendor write in them.")
    return thread


async def send_message(
    session: AsyncSession,
    viewer: Viewer | None,
    *,
    thread: Thread,
    body: str,
    sent_at: datetime | None = None,
) -> Message:
    """Post a message as the viewer's side: measure how long it took to answer the other
    side, refresh the vendor's figures when the vendor answered, and notify the other party.
    `sent_at` lets the seed loader keep history."""
    problems = Problems()
    text = check_body(problems, body)
    problems.raise_if_any()
    side = await side_of(session, viewer, thread)
    if viewer is None or side is None:
        raise forbidden("Only the business and the vendor write in a thread.")
    assert thread.id is not None
    now = sent_at or utcnow()
    answered = await _oldest_unanswered(session, thread.id, side)
    message = Message(
        thread_id=thread.id,
        author_id=viewer.account_id,
        side=side,
        body=text,
        response_seconds=(
            max(0, int((now - answered).total_seconds())) if answered is not None else None
        ),
        created_at=now,
    )
    session.add(message)
    await session.execute(
        update(Thread)
        .where(col(Thread.id) == thread.id)
        .values(last_message_at=now)
        .execution_options(synchronize_session=False)
    )
    thread.last_message_at = now
    await session.flush()
    assert message.id is not None
    # Writers have read their own thread up to what they wrote.
    await _advance_read(session, thread.id, viewer.account_id, message.id, now)
    if side == Side.VENDOR and message.response_seconds is not None:
        await refresh_response_time(session, vendor_id=thread.vendor_id, now=now)
    await _notify(session, thread, message, side)
    return message


async def _oldest_unanswered(session: AsyncSession, thread_id: int, side: Side) -> datetime | None:
    """When the other side's oldest message since `side` last wrote was sent (None when
    `side` owes no answer): a reply is measured from the first message it answers."""
    last_own = await session.scalar(
        select(func.max(col(Message.id))).where(
            col(Message.thread_id) == thread_id, col(Message.side) == side
        )
    )
    conditions = [col(Message.thread_id) == thread_id, col(Message.side) != side]
    if last_own is not None:
        conditions.append(col(Message.id) > last_own)
    return await session.scalar(
        select(col(Message.created_at)).where(*conditions).order_by(col(Message.id)).limit(1)
    )


async def _notify(session: AsyncSession, thread: Thread, message: Message, side: Side) -> None:
    assert message.id is not None
    project = await _request(session, thread.project_id)
    if side == Side.BUSINESS:
        recipient = await vendors.owner_of(session, thread.vendor_id)
        sender = "the client"
    else:
        recipient = thread.business_id
        vendor = await vendors.vendor_name(session, thread.vendor_id)
        sender = vendor or "the vendor"
    # Never the body: a thread on an NDA request may discuss what the NDA protects.
    summary = f"New message from {sender}"
    if not project.nda_required:
        summary = f"{summary} on '{project.title}'"
    await emit(
        session,
        kind=EventKind.MESSAGE,
        recipients=[recipient],
        subject_type="Message",
        subject_id=message.id,
        summary=summary,
        payload={"threadId": thread.id, "projectRequestId": thread.project_id},
    )


# ---- read state ---------------------------------------------------------------------


async def mark_read(
    session: AsyncSession, viewer: Viewer | None, *, thread_id: int, up_to_message_id: int | None
) -> Thread:
    """Move the viewer's read position forward to a message of the thread (its newest by
    default); it never moves back, so two tabs marking out of order lose nothing."""
    thread = await readable_thread(session, viewer, thread_id)
    assert viewer is not None
    if await side_of(session, viewer, thread) is None:
        raise forbidden("Only the thread's business and vendor keep read state.")
    if up_to_message_id is None:
        target = await session.scalar(
            select(func.max(col(Message.id))).where(col(Message.thread_id) == thread_id)
        )
    else:
        target = await session.scalar(
            select(col(Message.id)).where(
                col(Message.id) == up_to_message_id, col(Message.thread_id) == thread_id
            )
        )
        if target is None:
            raise InputError.single(
                ["input", "upToMessageId"], "No such message in this thread.", ErrorCode.NOT_FOUND
            )
    if target is not None:
        await _advance_read(session, thread_id, viewer.account_id, target, utcnow())
    return thread


async def _advance_read(
    session: AsyncSession, thread_id: int, account_id: int, message_id: int, now: datetime
) -> None:
    """Move one account's read position forward (never back), creating it on first read."""
    await _insert_if_absent(
        session,
        ThreadRead,
        {
            "thread_id": thread_id,
            "account_id": account_id,
            "last_read_message_id": message_id,
            "read_at": now,
        },
    )
    # Guarded, so a later position written concurrently is never overwritten by ours.
    await session.execute(
        update(ThreadRead)
        .where(
            col(ThreadRead.thread_id) == thread_id,
            col(ThreadRead.account_id) == account_id,
            col(ThreadRead.last_read_message_id) < message_id,
        )
        .values(last_read_message_id=message_id, read_at=now)
        .execution_options(synchronize_session=False)
    )


# ---- response times -----------------------------------------------------------------


async def refresh_response_time(session: AsyncSession, *, vendor_id: int, now: datetime) -> None:
    """Recompute the vendor's median and 90th-percentile reply time over the last
    RESPONSE_WINDOW_DAYS from its measured replies (the newest MAX_RESPONSE_SAMPLES)."""
    since = now - timedelta(days=RESPONSE_WINDOW_DAYS)
    seconds = list(
        (
            await session.execute(
                select(col(Message.response_seconds))
                .join(Thread, col(Thread.id) == col(Message.thread_id))
                .where(
                    col(Thread.vendor_id) == vendor_id,
                    col(Message.side) == Side.VENDOR,
                    col(Message.response_seconds).is_not(None),
                    col(Message.created_at) >= since,
                )
                .order_by(col(Message.created_at).desc())
                .limit(MAX_RESPONSE_SAMPLES)
            )
        ).scalars()
    )
    hours = [value / 3600 for value in seconds if value is not None]
    await vendors.record_response_time(
        session,
        vendor_id=vendor_id,
        median_hours=round(percentile(hours, 0.5), 2) if hours else None,
        p90_hours=round(percentile(hours, 0.9), 2) if hours else None,
        samples=len(hours),
    )


async def response_promises(
    session: AsyncSession, *, project_id: int, vendor_id: int, promise_hours: float, now: datetime
) -> PromiseRecord:
    """How the engagement thread kept a promise to answer within `promise_hours`."""
    thread = await thread_of(session, ThreadKind.ENGAGEMENT, project_id, vendor_id)
    if thread is None or thread.id is None:
        return PromiseRecord(business_late=0, vendor_late=0, last_message_at=None)
    limit = promise_hours * 3600
    late = {
        side: count
        for side, count in await session.execute(
            select(col(Message.side), func.count())
            .where(col(Message.thread_id) == thread.id, col(Message.response_seconds) > limit)
            .group_by(col(Message.side))
        )
    }
    last = (
        await session.execute(
            select(col(Message.side))
            .where(col(Message.thread_id) == thread.id)
            .order_by(col(Message.id).desc())
            .limit(1)
        )
    ).scalar_one_or_none()
    if last is not None:
        # The side that wrote last waits for an answer since its oldest unanswered message.
        owed_by = Side.VENDOR if last == Side.BUSINESS else Side.BUSINESS
        waiting_since = await _oldest_unanswered(session, thread.id, owed_by)
        if waiting_since is not None and (now - waiting_since).total_seconds() > limit:
            late[owed_by] = late.get(owed_by, 0) + 1
    return PromiseRecord(
        business_late=int(late.get(Side.BUSINESS, 0)),
        vendor_late=int(late.get(Side.VENDOR, 0)),
        last_message_at=thread.last_message_at,
    )
