"""Vendors' free-text skills: the ones the taxonomy does not know yet, and turning them
into expertise once an admin maps one onto a tag."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.tags.catalog import NamedSkill, TagCatalog, tag_words
from api.tags.service import free_text_usage
from api.vendors.changes import mark_changed
from api.vendors.models import SEARCH_TEXT_LENGTH, Vendor, VendorExpertise, VendorFreeSkill

if TYPE_CHECKING:
    from api.tags.models import Tag


async def replace_free_skills(
    session: AsyncSession, vendor_id: int, skills: Sequence[tuple[str, str, float]]
) -> None:
    """The vendor's free-text skills become `skills` as (key, name, years)."""
    await session.execute(
        delete(VendorFreeSkill).where(col(VendorFreeSkill.vendor_id) == vendor_id)
    )
    if skills:
        await session.execute(
            insert(VendorFreeSkill),
            [
                {"vendor_id": vendor_id, "key": key, "name": name, "years": years}
                for key, name, years in skills
            ],
        )


async def free_skill_names(session: AsyncSession, vendor_id: int) -> list[str]:
    statement = select(col(VendorFreeSkill.name)).where(col(VendorFreeSkill.vendor_id) == vendor_id)
    return list((await session.execute(statement)).scalars())


async def adopt_free_skill(session: AsyncSession, key: str, tag: Tag) -> list[int]:
    """Every vendor's free-text skill with `key` becomes expertise in `tag` (keeping the
    most years when it claims the tag already); returns the vendors changed.

    Their `version` moves and the change is numbered, so every worker's match index
    re-reads them before its next match, with no rebuild; their search text gains the
    tag's words.
    """
    assert tag.id is not None
    tag_id = tag.id
    rows = (
        await session.execute(
            select(col(VendorFreeSkill.vendor_id), col(VendorFreeSkill.years)).where(
                col(VendorFreeSkill.key) == key
            )
        )
    ).all()
    if not rows:
        return []
    vendor_ids = [vendor_id for vendor_id, _ in rows]
    held = dict(
        (
            await session.execute(
                select(col(VendorExpertise.vendor_id), col(VendorExpertise.years)).where(
                    col(VendorExpertise.tag_id) == tag_id,
                    col(VendorExpertise.vendor_id).in_(vendor_ids),
                )
            )
        ).all()
    )
    for vendor_id, years in rows:
        if vendor_id in held and years > held[vendor_id]:
            await session.execute(
                update(VendorExpertise)
                .where(
                    col(VendorExpertise.vendor_id) == vendor_id,
                    col(VendorExpertise.tag_id) == tag_id,
                )
                .values(years=years)
                .execution_options(synchronize_session=False)
            )
    fresh = [
        {"vendor_id": vendor_id, "tag_id": tag_id, "years": years}
        for vendor_id, years in rows
        if vendor_id not in held
    ]
    if fresh:
        await session.execute(insert(VendorExpertise), fresh)
    await session.execute(
        delete(VendorFreeSkill)
        .where(col(VendorFreeSkill.key) == key)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(Vendor)
        .where(col(Vendor.id).in_(vendor_ids))
        .values(
            version=col(Vendor.version) + 1,
            updated_at=utcnow(),
            search_text=func.substr(
                col(Vendor.search_text) + " " + tag_words(tag), 1, SEARCH_TEXT_LENGTH
            ),
        )
        .execution_options(synchronize_session=False)
    )
    await mark_changed(session, vendor_ids)
    return vendor_ids


async def free_skill_counts(session: AsyncSession) -> dict[str, tuple[str, int]]:
    """For each free-text key: one name as typed, and how many vendors name it."""
    return await free_text_usage(session, col(VendorFreeSkill.key), col(VendorFreeSkill.name))


class HeldTag(Protocol):
    """A tag a vendor claims: an expertise row, as stored or as a plain row."""

    @property
    def tag_id(self) -> int: ...
    @property
    def years(self) -> float: ...


class HeldText(Protocol):
    """A free-text skill a vendor claims, as stored or as a plain row."""

    @property
    def name(self) -> str: ...
    @property
    def years(self) -> float: ...


def claimed_skills(
    expertise: Sequence[HeldTag], free: Sequence[HeldText], catalog: TagCatalog
) -> list[tuple[NamedSkill, float]]:
    """A vendor's skills with their years, as the catalog reads them now: its tags, then
    its free text (one the taxonomy has come to know since, say by a re-seed, reads as
    that tag; a skill claimed twice keeps the most years)."""
    claims: dict[tuple[str, str], tuple[NamedSkill, float]] = {}
    for row in expertise:
        if (skill := catalog.tag_skills.get(row.tag_id)) is not None:
            claims[skill.identity] = (skill, float(row.years))
    for free_row in free:
        skill = catalog.named(free_row.name)
        held = claims.get(skill.identity)
        if held is None or free_row.years > held[1]:
            claims[skill.identity] = (skill, float(free_row.years))
    return list(claims.values())
