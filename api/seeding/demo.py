"""Load the demo vendors and hiring history through the same services the API uses.

Idempotent: a vendor is skipped when its owner account exists; a business's projects are
loaded in the same transaction as the business, so an existing business means done.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator, Callable, Iterator
from contextlib import aclosing
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from api.auth.models import Account
from api.core.errors import InputError, Problems
from api.core.viewer import Role, Viewer
from api.engagements import reviews as engagement_reviews
from api.projects import awards
from api.projects import service as projects
from api.projects.fields import TermsDraft
from api.projects.models import ProjectRequest, ProjectShortlist, ProjectStatus
from api.reviews.fields import ReviewDraft
from api.scopes.fields import BudgetEntry, ScopeDraft, SkillEntry
from api.seeding.engagements import HiredVendor, past_engagement
from api.seeding.statistics import (
    StatisticsSchedule,
    analyze_after_load,
    analyze_looked_up_tables,
)
from api.tags.catalog import TagCatalog
from api.values.hours import HoursEntry
from api.values.money import MoneyEntry, MoneyRangeEntry
from api.vendors.bulk_rows import insert_rows
from api.vendors.creation import NewProfile, create_profiles
from api.vendors.fields import ExpertiseEntry, LanguageEntry, StaffedHoursEntry, VendorDraft
from api.vendors.models import Vendor
from api.vendors.rules import VendorValues, check_vendor_draft

Progress = Callable[[str, int, int], None]
BATCH = 1000
# A batch that loses an owner or a slug to a concurrent writer is read and written again.
BATCH_ATTEMPTS = 3


def vendor_draft(record: dict[str, Any]) -> VendorDraft:
    rate, budget, hours = (
        record["hourly_rate"],
        record.get("min_project_budget"),
        record["working_hours"],
    )
    return VendorDraft(
        kind=record["kind"],
        name=record["name"],
        headline=record["headline"],
        description=record["description"],
        country=record["country"],
        timezone=record["timezone"],
        working_hours=HoursEntry(hours["start"], hours["end"]),
        languages=[LanguageEntry(x["code"], x["proficiency"]) for x in record["languages"]],
        hourly_rate=MoneyRangeEntry(Decimal(rate["min"]), Decimal(rate["max"]), rate["currency"]),
        min_project_budget=MoneyEntry(Decimal(budget["amount"]), budget["currency"])
        if budget
        else None,
        team_size=record["team_size"],
        expertise=[ExpertiseEntry(x["tag"], float(x["years"])) for x in record["expertise"]],
        certifications=record.get("certifications", []),
        availability=record.get("availability"),
        founded_year=record.get("founded_year"),
        median_response_hours=record.get("median_response_hours"),
        hours_per_week=record.get("hours_per_week"),
        staffed_hours=StaffedHoursEntry(staffed["hours_per_day"], staffed["days_per_week"])
        if (staffed := record.get("staffed_hours"))
        else None,
    )


def scope_draft(record: dict[str, Any]) -> ScopeDraft:
    budget, hours = record["budget"], record["working_hours"]
    return ScopeDraft(
        title=record["title"],
        description=record["description"],
        skills=[SkillEntry(s["tag"], s["must_have"], s["weight"]) for s in record["skills"]],
        deliverables=record.get("deliverables", []),
        budget=BudgetEntry(
            Decimal(budget["min"]), Decimal(budget["max"]), budget["currency"], budget["pricing"]
        ),
        estimated_hours=record.get("estimated_hours"),
        timezone=record["timezone"],
        working_hours=HoursEntry(hours["start"], hours["end"]),
        min_overlap_hours=record.get("min_overlap_hours"),
        languages=record.get("languages", []),
        preferred_regions=record.get("preferred_regions", []),
        required_certifications=record.get("required_certifications", []),
        data_sensitivity=record.get("data_sensitivity"),
        start_date=date.fromisoformat(record["start_date"]) if record.get("start_date") else None,
        deadline=date.fromisoformat(record["deadline"]) if record.get("deadline") else None,
        coverage=record.get("coverage"),
        max_response_hours=record.get("max_response_hours"),
    )


async def load_vendors(
    sessions: async_sessionmaker[AsyncSession],
    catalog: TagCatalog,
    records: list[dict[str, Any]],
    progress: Progress,
) -> int:
    """Create the vendors whose owners do not exist yet; returns how many were created.

    A batch is one transaction of a few statements (owners, slugs, vendors, each child
    table), so the load's cost per vendor does not grow with the table. Every record is
    checked as the API checks a profile; a bad one stops the load before its batch writes.
    """
    # Derived slugs must not take a fixed slug that a later record of the file claims.
    fixed_slugs = {r["slug"] for r in records if r.get("slug")}
    batches = _distinct_owner_batches(records)
    checks = _checked_in_thread if await _server_database(sessions) else _checked_in_turn
    created = done = 0
    statistics = StatisticsSchedule()
    async with aclosing(checks(batches, catalog)) as checked_batches:
        async for checked in checked_batches:
            created += await _load_vendor_batch(sessions, checked, catalog, fixed_slugs)
            if statistics.due(created):
                await analyze_looked_up_tables(sessions)
            done = min(done + BATCH, len(records))
            progress("vendors", done, len(records))
    if created:
        await analyze_after_load(sessions)
    return created


def _distinct_owner_batches(records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The records in batches of BATCH (by position in the file), each owner's first only:
    a repeated owner is an existing one."""
    seen: set[str] = set()
    batches = []
    for start in range(0, len(records), BATCH):
        batch = []
        for record in records[start : start + BATCH]:
            if record["owner_email"] not in seen:
                seen.add(record["owner_email"])
                batch.append(record)
        batches.append(batch)
    return batches


Checked = list[tuple[dict[str, Any], VendorValues]]


async def _server_database(sessions: async_sessionmaker[AsyncSession]) -> bool:
    async with sessions() as session:
        return session.get_bind().dialect.name == "postgresql"


async def _checked_in_turn(
    batches: list[list[dict[str, Any]]], catalog: TagCatalog
) -> AsyncGenerator[Checked, None]:
    """Each batch checked when its turn comes (SQLite: its driver's thread needs the GIL
    for every row it writes, and a checking thread holding it would stall the writes)."""
    for batch in batches:
        yield _checked_batch(batch, catalog)


async def _checked_in_thread(
    batches: list[list[dict[str, Any]]], catalog: TagCatalog
) -> AsyncGenerator[Checked, None]:
    """Each batch checked, the next one in a thread while the caller writes this one: the
    checks are most of the loader's own work, and a database server writes meanwhile."""
    remaining = iter(batches)
    checking = _check_next(remaining, catalog)
    try:
        while checking is not None:
            checked = await checking
            checking = _check_next(remaining, catalog)
            yield checked
    finally:
        # The load stopped: the next batch's check is not wanted, nor its own failure.
        if checking is not None and not checking.cancel():
            checking.exception()


def _check_next(
    batches: Iterator[list[dict[str, Any]]], catalog: TagCatalog
) -> asyncio.Task[Checked] | None:
    """The next batch's records checked in a thread, or None when there is none left."""
    batch = next(batches, None)
    if batch is None:
        return None
    return asyncio.create_task(asyncio.to_thread(_checked_batch, batch, catalog))


def _checked_batch(batch: list[dict[str, Any]], catalog: TagCatalog) -> Checked:
    return [(record, _checked_vendor(record, catalog)) for record in batch]


async def _load_vendor_batch(
    sessions: async_sessionmaker[AsyncSession],
    checked: Checked,
    catalog: TagCatalog,
    fixed_slugs: set[str],
) -> int:
    for attempt in range(BATCH_ATTEMPTS):
        try:
            async with sessions() as session, session.begin():
                return await _insert_vendor_batch(session, catalog, checked, fixed_slugs)
        except IntegrityError:
            # An owner or a slug taken by a concurrent writer since this batch read them:
            # the transaction wrote nothing, and a fresh read skips or avoids it.
            if attempt == BATCH_ATTEMPTS - 1:
                raise
    return 0


async def _insert_vendor_batch(
    session: AsyncSession,
    catalog: TagCatalog,
    checked: Checked,
    fixed_slugs: set[str],
) -> int:
    emails = [record["owner_email"] for record, _ in checked]
    known = set(
        (
            await session.execute(select(col(Account.email)).where(col(Account.email).in_(emails)))
        ).scalars()
    )
    new = [(record, values) for record, values in checked if record["owner_email"] not in known]
    if not new:
        return 0
    # Demo owners get no password (None): nobody can sign in as one.
    rows = [
        {"email": record["owner_email"], "role": Role.VENDOR, "display_name": record["name"]}
        for record, _ in new
    ]
    await insert_rows(session, Account, rows)  # one statement, no RETURNING
    owners = await session.execute(
        select(col(Account.email), col(Account.id)).where(
            col(Account.email).in_([row["email"] for row in rows])
        )
    )
    owner_of: dict[str, int] = {}
    for email, owner_id in owners:
        assert owner_id is not None  # a stored row has its primary key
        owner_of[email] = owner_id
    profiles = [
        # Demo slugs are fixed so links in docs stay valid; vetting is the admin's act.
        NewProfile(
            owner_id=owner_of[record["owner_email"]],
            values=values,
            slug=record.get("slug") or None,
            verified=record.get("verified", False),
        )
        for record, values in new
    ]
    return len(await create_profiles(session, catalog, profiles, fixed_slugs))


def _checked_vendor(record: dict[str, Any], catalog: TagCatalog) -> VendorValues:
    """The record's values, checked by the rules every new profile passes."""
    problems = Problems()
    values = check_vendor_draft(
        vendor_draft(record), catalog=catalog, creating=True, problems=problems
    )
    try:
        problems.raise_if_any()
    except InputError as error:
        error.add_note(f"in the vendor record of {record['owner_email']}")
        raise
    return values


async def load_history(
    sessions: async_sessionmaker[AsyncSession],
    catalog: TagCatalog,
    history: dict[str, Any],
    progress: Progress,
) -> int:
    """Businesses with their posted, awarded and reviewed projects; returns projects created."""
    by_business: dict[str, list[dict[str, Any]]] = {}
    for project in history["projects"]:
        by_business.setdefault(project["business_email"], []).append(project)
    created = 0
    done = 0
    total = len(history["projects"])
    for business in history["businesses"]:
        records = by_business.get(business["email"], [])
        async with sessions() as session, session.begin():
            exists = await session.scalar(
                select(col(Account.id)).where(col(Account.email) == business["email"])
            )
            if exists is None:
                account = Account(
                    email=business["email"], role=Role.BUSINESS, display_name=business["name"]
                )
                session.add(account)
                await session.flush()
                assert account.id is not None
                viewer = Viewer(account_id=account.id, role=Role.BUSINESS)
                slugs = {slug for r in records for slug in r["shortlisted"]}
                rows = await session.execute(
                    select(
                        col(Vendor.slug), col(Vendor.id), col(Vendor.owner_id), col(Vendor.timezone)
                    ).where(col(Vendor.slug).in_(slugs))
                )
                hired: dict[str, HiredVendor] = {}
                for slug, vendor_id, owner_id, timezone in rows:
                    assert vendor_id is not None  # a stored row has its primary key
                    hired[slug] = HiredVendor(vendor_id, owner_id, timezone)
                for record in records:
                    await _load_project(session, catalog, viewer, record, hired)
                    created += 1
        done += len(records)
        progress("projects", done, total)
    return created


async def _load_project(
    session: AsyncSession,
    catalog: TagCatalog,
    viewer: Viewer,
    record: dict[str, Any],
    vendors_by_slug: dict[str, HiredVendor],
) -> None:
    terms = TermsDraft(
        acceptance_criteria=record["acceptance_criteria"],
        communication_plan=record["communication_plan"],
    )
    project = await projects.post_project_request(
        session=session,
        viewer=viewer,
        draft=scope_draft(record),
        publish=True,
        catalog=catalog,
        terms=terms,
    )
    assert project.id is not None
    posted = datetime.combine(date.fromisoformat(record["start_date"]), datetime.min.time(), UTC)
    posted -= timedelta(days=21)
    await session.execute(
        update(ProjectRequest)
        .where(col(ProjectRequest.id) == project.id)
        .values(created_at=posted, published_at=posted)
        .execution_options(synchronize_session=False)
    )
    # Ten thousand shortlist entries through the service (a visibility check and a count
    # each) would double the seed's time; history needs no checks, one insert does.
    shortlisted = [
        vendors_by_slug[slug].id for slug in record["shortlisted"] if slug in vendors_by_slug
    ]
    if shortlisted:
        await session.execute(
            insert(ProjectShortlist),
            [
                {"project_id": project.id, "vendor_id": vendor_id, "created_at": posted}
                for vendor_id in shortlisted
            ],
        )
    hired = vendors_by_slug.get(record.get("hired") or "")
    if hired is None:
        return
    await awards.award_project_request(
        session=session, viewer=viewer, project_id=project.id, vendor_id=hired.id
    )
    # An award is an offer: the vendor's owner accepts it (a week after posting), and the
    # work runs as an engagement; only a finished one can be reviewed.
    accepted = posted + timedelta(days=7)
    project = await awards.respond_to_award(
        session=session,
        viewer=Viewer(account_id=hired.owner_id, role=Role.VENDOR),
        project_id=project.id,
        accept=True,
        responded_at=accepted,
    )
    assert project.id is not None
    review = record.get("review")
    reviewed_at = (
        datetime.combine(date.fromisoformat(review["created_at"]), datetime.min.time(), UTC)
        if review
        else None
    )
    engagement_id = await past_engagement(
        session,
        project=project,
        vendor=hired,
        started_at=accepted,
        completed_at=reviewed_at - timedelta(days=1) if reviewed_at else None,
    )
    if review:
        await engagement_reviews.submit_review(
            session=session,
            viewer=viewer,
            engagement_id=engagement_id,
            draft=ReviewDraft(
                quality=review["quality"],
                communication=review["communication"],
                timeliness=review["timeliness"],
                value=review["value"],
                comment=review.get("comment", ""),
                on_time=review.get("on_time", True),
            ),
            reviewed_at=reviewed_at,
        )
    if record.get("status") == ProjectStatus.CLOSED:
        await projects.update_project_request(
            session=session,
            viewer=viewer,
            project_id=project.id,
            draft=ScopeDraft(),
            status=ProjectStatus.CLOSED,
            expected_version=None,
            catalog=catalog,
        )


def read_json(path: Path) -> Any:
    return json.loads(path.read_text())
