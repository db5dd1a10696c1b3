"""New vendor rows: one profile through the API, or a batch of them from a bulk load.

Both build the row with its search text already written (from the checked values, with no
read back) and insert the child rows with one statement per table, so creating a profile
costs the same few indexed statements however many vendors are stored.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from api.tags.catalog import TagCatalog
from api.vendors.changes import mark_changed
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorExpertise,
    VendorFreeSkill,
    VendorLanguage,
)
from api.vendors.rules import VendorValues
from api.vendors.search_text import search_text
from api.vendors.slugs import free_slugs


def new_vendor(owner_id: int, values: VendorValues, catalog: TagCatalog) -> Vendor:
    """The row for a new profile, slug still to be chosen, search text filled in."""
    vendor = Vendor(owner_id=owner_id, slug="", **values.columns)
    tag_ids = [tag_id for tag_id, _ in values.expertise or ()]
    free_names = [name for _, name, _ in values.free_skills or ()]
    vendor.search_text = search_text(vendor, catalog, tag_ids, free_names)
    return vendor


async def insert_children(
    session: AsyncSession, created: Sequence[tuple[int, VendorValues]]
) -> None:
    """The languages, certifications, expertise and free-text skills of new vendors, given
    as (vendor id, values): one INSERT per table for the lot."""
    languages = [
        {"vendor_id": vendor_id, "code": code, "proficiency": level}
        for vendor_id, values in created
        for code, level in values.languages or ()
    ]
    certifications = [
        {"vendor_id": vendor_id, "code": code}
        for vendor_id, values in created
        for code in values.certifications or ()
    ]
    expertise = [
        {"vendor_id": vendor_id, "tag_id": tag_id, "years": years}
        for vendor_id, values in created
        for tag_id, years in values.expertise or ()
    ]
    free_skills = [
        {"vendor_id": vendor_id, "key": key, "name": name, "years": years}
        for vendor_id, values in created
        for key, name, years in values.free_skills or ()
    ]
    for table, rows in (
        (VendorLanguage, languages),
        (VendorCertification, certifications),
        (VendorExpertise, expertise),
        (VendorFreeSkill, free_skills),
    ):
        if rows:
            await session.execute(insert(table), rows)


@dataclass(frozen=True, slots=True)
class NewProfile:
    """One profile of a bulk load: its new owner (an account with no profile yet), its
    checked values, the slug it asks for (kept when free; None derives one from the name)
    and its vetting."""

    owner_id: int
    values: VendorValues
    slug: str | None = None
    verified: bool = False


async def create_profiles(
    session: AsyncSession,
    catalog: TagCatalog,
    profiles: Sequence[NewProfile],
    reserved_slugs: Collection[str] = (),
) -> list[Vendor]:
    """Insert a batch of profiles with a few statements for the whole batch: slugs checked
    in one read of the unique index, the rows in one multi-row INSERT, children likewise.

    Derived slugs avoid `reserved_slugs` (slugs asked for later in the same load). A slug or
    owner taken concurrently fails the flush with an IntegrityError: the caller's
    transaction is then spoilt, and the batch can be retried whole.
    """
    slugs = await free_slugs(
        session,
        [profile.values.columns["name"] for profile in profiles],
        preferred=[profile.slug for profile in profiles],
        reserved=reserved_slugs,
    )
    vendors = []
    for profile, slug in zip(profiles, slugs, strict=True):
        vendor = new_vendor(profile.owner_id, profile.values, catalog)
        vendor.slug = slug
        vendor.verified = profile.verified
        vendors.append(vendor)
    session.add_all(vendors)
    await session.flush()
    created = []
    for vendor, profile in zip(vendors, profiles, strict=True):
        assert vendor.id is not None  # flushed
        created.append((vendor.id, profile.values))
    await insert_children(session, created)
    # One change number for the batch: every worker's match index reads the new vendors.
    await mark_changed(session, [vendor_id for vendor_id, _ in created])
    return vendors
