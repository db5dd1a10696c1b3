"""Vendor slugs: transliterated from the name, and unique without scanning the table.

"Łódź Software House" becomes lodz-software-house; Cyrillic and Chinese names get real
slugs too (python-slugify transliterates). Uniqueness is left to the unique index: the
base is tried first, then a couple of numbered slugs, then short random suffixes, each
insert in a SAVEPOINT so that losing a race to a concurrent create costs one retry, not
the whole request. A bulk load asks the index about a whole batch's candidates at once.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Sequence

from slugify import slugify as transliterate
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.errors import ErrorCode, InputError
from api.vendors.models import Vendor

MAX_BASE = 120  # the column holds 140: room for a suffix
FALLBACK = "vendor"  # a name with no letters or digits at all ("!!!")
NUMBERED = 3  # base, base-2, base-3; after that random suffixes
ATTEMPTS = 10
SUFFIX_BYTES = 3


def slugify(name: str) -> str:
    return transliterate(name, max_length=MAX_BASE, word_boundary=True) or FALLBACK


def random_slug(base: str) -> str:
    return f"{base}-{secrets.token_hex(SUFFIX_BYTES)}"


def numbered_slugs(base: str) -> list[str]:
    return [base] + [f"{base}-{n}" for n in range(2, NUMBERED + 1)]


def candidates(base: str) -> list[str]:
    return numbered_slugs(base) + [random_slug(base) for _ in range(ATTEMPTS - NUMBERED)]


async def slug_taken(session: AsyncSession, slug: str) -> bool:
    found = await session.execute(select(col(Vendor.id)).where(col(Vendor.slug) == slug))
    return found.first() is not None


async def insert_with_unique_slug(session: AsyncSession, vendor: Vendor) -> None:
    """Insert `vendor` under the first free slug for its name.

    Any other unique clash (the owner already has a profile) is raised as it came.
    """
    base = slugify(vendor.name)
    # One indexed read skips the numbered slugs already taken without a failed insert each;
    # a random suffix is tried straight away (a clash is one failed savepoint, and rare).
    taken = await taken_slugs(session, numbered_slugs(base))
    for slug in candidates(base):
        if slug in taken:
            continue
        vendor.slug = slug
        try:
            async with session.begin_nested():
                session.add(vendor)
                await session.flush()
            return
        except IntegrityError:
            # Only the savepoint is rolled back. Was it the slug (a concurrent create got
            # it first, and has committed by now) or something else?
            if not await slug_taken(session, slug):
                raise
    raise InputError.single(
        ["input", "name"], "Too many vendors share this name; choose another.", ErrorCode.TAKEN
    )


async def taken_slugs(session: AsyncSession, slugs: Collection[str]) -> set[str]:
    """Which of `slugs` are stored: one read of the unique index, however large the table."""
    if not slugs:
        return set()
    found = await session.execute(select(col(Vendor.slug)).where(col(Vendor.slug).in_(slugs)))
    return set(found.scalars())


async def free_slugs(
    session: AsyncSession,
    names: Sequence[str],
    *,
    preferred: Sequence[str | None] | None = None,
    reserved: Collection[str] = (),
) -> list[str]:
    """A distinct free slug for each of `names` (a bulk load's batch), in order, found with
    a read or two of the unique index rather than a read per vendor.

    A name's `preferred` slug (a demo vendor's fixed one) is taken when free, else one is
    derived from the name; derived slugs avoid `reserved` (fixed slugs to come). The slugs
    are free when read: a concurrent create may still take one first, which the batch's
    insert then fails on, to be retried.
    """
    wanted = list(preferred) if preferred is not None else [None] * len(names)
    bases = [slugify(name) for name in names]
    numbered = {slug for base in bases for slug in numbered_slugs(base)}
    stored = await taken_slugs(session, numbered | {fixed for fixed in wanted if fixed})
    unavailable = stored | set(reserved)
    picked: set[str] = set()
    chosen: list[str] = []
    drawn: list[int] = []  # positions given a random suffix, not yet checked with the index
    for base, fixed in zip(bases, wanted, strict=True):
        if fixed and fixed not in stored and fixed not in picked:
            slug = fixed
        else:
            slug = next((s for s in numbered_slugs(base) if s not in unavailable), "")
            if not slug:
                slug = _draw(base, unavailable)
                drawn.append(len(chosen))
        unavailable.add(slug)
        picked.add(slug)
        chosen.append(slug)
    # Random suffixes were only checked against this batch: ask the index about them, and
    # draw again for the rare one already stored.
    for _round in range(ATTEMPTS):
        clashes = await taken_slugs(session, {chosen[i] for i in drawn})
        if not clashes:
            return chosen
        drawn = [i for i in drawn if chosen[i] in clashes]
        for i in drawn:
            chosen[i] = _draw(bases[i], unavailable)
            unavailable.add(chosen[i])
    raise InputError.single(
        ["input", "name"], "Too many vendors share this name; choose another.", ErrorCode.TAKEN
    )


def _draw(base: str, unavailable: Collection[str]) -> str:
    slug = random_slug(base)
    while slug in unavailable:
        slug = random_slug(base)
    return slug
