"""New vendor rows: one profile through the API, or a batch of them from a bulk load.

Both build the row with its search text already written (from the checked values, with no
read back) and insert the child rows with one statement per table, so creating a profile
costs the same few indexed statements however many vendors are stored.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.tags.catalog import TagCatalog
from api.vendors.bulk_rows import insert_rows
from api.vendors.changes import next_change
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorExpertise,
    VendorFreeSkill,
    VendorLanguage,
)
from api.vendors.rules import VendorValues
from api.vendors.search_text import profile_text
from api.vendors.slugs import free_slugs


def new_vendor(owner_id: int, values: VendorValues, catalog: TagCatalog) -> Vendor:
    """The row for a new profile, slug still to be chosen, search text filled in."""
    return Vendor(
        owner_id=owner_id, slug="", search_text=new_search_text(values, catalog), **values.columns
    )


def new_search_text(values: VendorValues, catalog: TagCatalog) -> str:
    """A new profile's search text, from its checked values."""
    cols = values.columns
    return profile_text(
        (cols["name"], cols["headline"], cols["description"]),
        catalog,
        # In tag id order, as an edit's text reads them back (the table's key order).
        sorted(tag_id for tag_id, _ in values.expertise or ()),
        [name for _, name, _ in values.free_skills or ()],
    )


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
        await insert_rows(session, table, rows)


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
) -> list[int]:
    """Insert a batch of profiles with a few statements for the whole batch: slugs checked
    in one read of the unique index, the rows in multi-row INSERTs, children likewise;
    returns the new vendors' ids in the order of `profiles`.

    Rows are plain column values, not model objects: a model's construction costs more
    than its insert. Columns left out take the table's defaults, as a model's would.
    Derived slugs avoid `reserved_slugs` (slugs asked for later in the same load). A slug
    or owner taken concurrently fails the insert with an IntegrityError: the caller's
    transaction is then spoilt, and the batch can be retried whole.
    """
    slugs = await free_slugs(
        session,
        [profile.values.columns["name"] for profile in profiles],
        preferred=[profile.slug for profile in profiles],
        reserved=reserved_slugs,
    )
    rows = [
        {
            **profile.values.columns,
            "owner_id": profile.owner_id,
            "slug": slug,
            "verified": profile.verified,
            "search_text": new_search_text(profile.values, catalog),
        }
        for profile, slug in zip(profiles, slugs, strict=True)
    ]
    # The batch's change number goes in with the rows: marking them after the insert would
    # write every new row twice (and every index on it, change_seq being one of them). The
    # counter stays locked from here to the commit, as mark_changed's would.
    number = await next_change(session)
    for row in rows:
        row["change_seq"] = number
    # One INSERT for the batch (no RETURNING), then the ids by owner through its unique
    # index.
    await insert_rows(session, Vendor, rows)
    owners = [profile.owner_id for profile in profiles]
    inserted = await session.execute(
        select(col(Vendor.owner_id), col(Vendor.id)).where(col(Vendor.owner_id).in_(owners))
    )
    vendor_of_owner: dict[int, int] = {}
    for owner_id, vendor_id in inserted:
        assert vendor_id is not None  # a stored row has its primary key
        vendor_of_owner[owner_id] = vendor_id
    created = [(vendor_of_owner[profile.owner_id], profile.values) for profile in profiles]
    await insert_children(session, created)
    return [vendor_id for vendor_id, _ in created]
