"""Vendor profiles: create, update (owner or admin, optimistic concurrency), verify."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, case, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError, Problems, forbidden, unauthenticated
from api.core.viewer import Role, Viewer, require_admin
from api.reviews.rating import overall
from api.tags.catalog import TagCatalog
from api.vendors import scores
from api.vendors.changes import mark_changed
from api.vendors.creation import insert_children, new_vendor
from api.vendors.fields import VendorDraft
from api.vendors.free_skills import free_skill_names, replace_free_skills
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorExpertise,
    VendorLanguage,
)
from api.vendors.rules import (
    VendorValues,
    check_capacity_fits_team,
    check_vendor_draft,
    verification_lapse,
)
from api.vendors.search_text import search_text
from api.vendors.slugs import insert_with_unique_slug

# Writers that did not name a version retry a lost race this many times before giving up.
RETRIES_WITHOUT_EXPECTED_VERSION = 5


async def create_vendor(
    *, session: AsyncSession, viewer: Viewer | None, draft: VendorDraft, catalog: TagCatalog
) -> Vendor:
    """A VENDOR account's one profile."""
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.VENDOR:
        raise forbidden("Only vendor accounts can create a vendor profile.")
    problems = Problems()
    values = check_vendor_draft(draft, catalog=catalog, creating=True, problems=problems)
    problems.raise_if_any()
    existing = await session.execute(
        select(col(Vendor.id)).where(col(Vendor.owner_id) == viewer.account_id)
    )
    if existing.first() is not None:
        raise InputError.single(None, "This account already has a vendor profile.", ErrorCode.TAKEN)
    vendor = new_vendor(viewer.account_id, values, catalog)
    await insert_with_unique_slug(session, vendor)
    assert vendor.id is not None  # inserted
    await insert_children(session, [(vendor.id, values)])
    await mark_changed(session, [vendor.id])
    return vendor


async def update_vendor(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    vendor_id: int,
    expected_version: int | None,
    draft: VendorDraft,
    catalog: TagCatalog,
) -> Vendor:
    """Change the given fields; a stale `expected_version` writes nothing (CONFLICT)."""
    if viewer is None:
        raise unauthenticated()
    problems = Problems()
    values = check_vendor_draft(draft, catalog=catalog, creating=False, problems=problems)
    for _attempt in range(RETRIES_WITHOUT_EXPECTED_VERSION):
        vendor = await _vendor_for_edit(session, viewer, vendor_id)
        check_capacity_fits_team(
            problems,
            values.columns,
            stored_hours=vendor.hours_per_week,
            stored_team=vendor.team_size,
        )
        problems.raise_if_any()
        if expected_version is not None and expected_version != vendor.version:
            raise _conflict(vendor.version)
        columns = dict(values.columns)
        if vendor.verified:
            columns |= await _revoked_verification(session, vendor, values)
        # An UPDATE's result is a CursorResult (with rowcount); the stubs type it as Result.
        changed = cast(
            CursorResult[Any],
            await session.execute(
                update(Vendor)
                .where(col(Vendor.id) == vendor_id, col(Vendor.version) == vendor.version)
                .values(**columns, version=vendor.version + 1, updated_at=utcnow())
                .execution_options(synchronize_session=False)
            ),
        )
        if changed.rowcount == 1:
            fresh = await session.get(Vendor, vendor_id, populate_existing=True)
            assert fresh is not None
            await _replace_children(session, fresh, values, catalog)
            await mark_changed(session, [vendor_id])
            return fresh
        if expected_version is not None:
            current = await session.scalar(
                select(col(Vendor.version)).where(col(Vendor.id) == vendor_id)
            )
            raise _conflict(current or vendor.version)
    raise InputError.single(
        None, "The profile is changing too often right now; try again.", ErrorCode.CONFLICT
    )


async def set_verified(
    *, session: AsyncSession, viewer: Viewer | None, vendor_id: int, verified: bool
) -> Vendor:
    """An admin vets (or un-vets) a vendor."""
    require_admin(viewer, "Only admins can verify vendors.")
    vendor = await session.get(Vendor, vendor_id)
    if vendor is None:
        raise InputError.single(["input", "id"], "No such vendor.", ErrorCode.NOT_FOUND)
    await session.execute(
        update(Vendor)
        .where(col(Vendor.id) == vendor_id)
        .values(
            verified=verified,
            verified_at=utcnow() if verified else None,
            # An admin has looked: whatever lifted the verification is settled.
            verification_note=None,
            version=col(Vendor.version) + 1,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    await mark_changed(session, [vendor_id])
    fresh = await session.get(Vendor, vendor_id, populate_existing=True)
    assert fresh is not None
    return fresh


async def _revoked_verification(
    session: AsyncSession, vendor: Vendor, values: VendorValues
) -> dict[str, object]:
    """The columns that lift a verified vendor's verification, when the change touches
    what vetting checked (country, certifications); nothing otherwise."""
    held = set(
        (
            await session.execute(
                select(col(VendorCertification.code)).where(
                    col(VendorCertification.vendor_id) == vendor.id
                )
            )
        ).scalars()
    )
    note = verification_lapse(vendor.country, held, values)
    if note is None:
        return {}
    return {"verified": False, "verified_at": None, "verification_note": note}


async def _vendor_for_edit(session: AsyncSession, viewer: Viewer, vendor_id: int) -> Vendor:
    """The vendor, if the viewer may edit it: its owner, or an admin."""
    vendor = await session.get(Vendor, vendor_id, populate_existing=True)
    if vendor is None:
        raise InputError.single(["input", "id"], "No such vendor.", ErrorCode.NOT_FOUND)
    # Profiles are public, so refusing openly reveals nothing.
    if viewer.role != Role.ADMIN and vendor.owner_id != viewer.account_id:
        raise forbidden("You can only edit your own vendor profile.")
    return vendor


def _conflict(current_version: int) -> InputError:
    return InputError.single(
        ["input", "expectedVersion"],
        f"The profile changed since you loaded it (now version {current_version}); "
        "reload and apply your change again.",
        ErrorCode.CONFLICT,
    )


async def _replace_children(
    session: AsyncSession, vendor: Vendor, values: VendorValues, catalog: TagCatalog
) -> None:
    """Replace the child rows the draft named, and refresh the search text."""
    assert vendor.id is not None
    if values.languages is not None:
        await session.execute(
            delete(VendorLanguage).where(col(VendorLanguage.vendor_id) == vendor.id)
        )
        if values.languages:
            await session.execute(
                insert(VendorLanguage),
                [
                    {"vendor_id": vendor.id, "code": code, "proficiency": level}
                    for code, level in values.languages
                ],
            )
    if values.certifications is not None:
        await session.execute(
            delete(VendorCertification).where(col(VendorCertification.vendor_id) == vendor.id)
        )
        if values.certifications:
            await session.execute(
                insert(VendorCertification),
                [{"vendor_id": vendor.id, "code": code} for code in values.certifications],
            )
    if values.expertise is not None:
        await session.execute(
            delete(VendorExpertise).where(col(VendorExpertise.vendor_id) == vendor.id)
        )
        if values.expertise:
            await session.execute(
                insert(VendorExpertise),
                [
                    {"vendor_id": vendor.id, "tag_id": tag_id, "years": years}
                    for tag_id, years in values.expertise
                ],
            )
    if values.free_skills is not None:
        await replace_free_skills(session, vendor.id, values.free_skills)
    tag_ids = list(
        (
            await session.execute(
                select(col(VendorExpertise.tag_id)).where(
                    col(VendorExpertise.vendor_id) == vendor.id
                )
            )
        ).scalars()
    )
    text = search_text(vendor, catalog, tag_ids, await free_skill_names(session, vendor.id))
    if text != vendor.search_text:
        await session.execute(
            update(Vendor)
            .where(col(Vendor.id) == vendor.id)
            .values(search_text=text)
            .execution_options(synchronize_session=False)
        )
        vendor.search_text = text


async def vendor_by_slug(session: AsyncSession, slug: str) -> Vendor | None:
    if "\x00" in slug:  # no slug holds NUL, and PostgreSQL refuses it in a query
        return None
    return (
        await session.execute(select(Vendor).where(col(Vendor.slug) == slug))
    ).scalar_one_or_none()


async def vendor_exists(session: AsyncSession, vendor_id: int) -> bool:
    return await session.get(Vendor, vendor_id) is not None


async def owner_of(session: AsyncSession, vendor_id: int) -> int | None:
    """The account that owns a vendor profile (None when there is no such vendor)."""
    return await session.scalar(select(col(Vendor.owner_id)).where(col(Vendor.id) == vendor_id))


class ReviewScores(Protocol):
    """What a review contributes to its vendor's rating."""

    vendor_id: int
    quality: int
    communication: int
    timeliness: int
    value: int
    on_time: bool
    created_at: datetime


async def add_to_rating(session: AsyncSession, review: ReviewScores) -> None:
    """Fold a review into its vendor's running totals and score in one atomic UPDATE,
    after counting it in the marketplace prior (which may rescore every vendor)."""
    reviewed_at = review.created_at or utcnow()
    score = overall(review)
    prior = await scores.prior_for_review(session, int(score * 4))
    await session.execute(
        update(Vendor)
        .where(col(Vendor.id) == review.vendor_id)
        .values(
            review_count=col(Vendor.review_count) + 1,
            rating_sum=col(Vendor.rating_sum) + score,
            rating_lift=scores.lift_after_review(prior, score),
            quality_sum=col(Vendor.quality_sum) + review.quality,
            communication_sum=col(Vendor.communication_sum) + review.communication,
            timeliness_sum=col(Vendor.timeliness_sum) + review.timeliness,
            value_sum=col(Vendor.value_sum) + review.value,
            on_time_count=col(Vendor.on_time_count) + int(review.on_time),
            # Seeds may fold reviews in any order: keep the latest date.
            last_review_at=case(
                (
                    col(Vendor.last_review_at).is_(None)
                    | (col(Vendor.last_review_at) < reviewed_at),
                    reviewed_at,
                ),
                else_=col(Vendor.last_review_at),
            ),
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    await mark_changed(session, [review.vendor_id])


async def vendor_of_owner(session: AsyncSession, account_id: int) -> int | None:
    """The id of the vendor profile an account owns (None when it owns none)."""
    return await session.scalar(select(col(Vendor.id)).where(col(Vendor.owner_id) == account_id))


async def record_response_time(
    session: AsyncSession,
    *,
    vendor_id: int,
    median_hours: float | None,
    p90_hours: float | None,
    samples: int,
) -> None:
    """Store a vendor's measured response time (from its replies in message threads);
    the change is numbered, so every worker's match index re-reads the vendor."""
    await session.execute(
        update(Vendor)
        .where(col(Vendor.id) == vendor_id)
        .values(
            response_median_hours=median_hours,
            response_p90_hours=p90_hours,
            response_samples=samples,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    await mark_changed(session, [vendor_id])


async def vendor_name(session: AsyncSession, vendor_id: int) -> str | None:
    return await session.scalar(select(col(Vendor.name)).where(col(Vendor.id) == vendor_id))
