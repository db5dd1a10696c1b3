"""Vendor slugs: transliterated from the name, and unique without scanning the table.

"Łódź Software House" becomes lodz-software-house; Cyrillic and Chinese names get real
slugs too (python-slugify transliterates). Uniqueness is left to the unique index: the
base is tried first, then a couple of numbered slugs, then short random suffixes, each
insert in a SAVEPOINT so that losing a race to a concurrent create costs one retry, not
the whole request.
"""

from __future__ import annotations

import secrets

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


def candidates(base: str) -> list[str]:
    numbered = [base] + [f"{base}-{n}" for n in range(2, NUMBERED + 1)]
    randoms = [f"{base}-{secrets.token_hex(SUFFIX_BYTES)}" for _ in range(ATTEMPTS - NUMBERED)]
    return numbered + randoms


async def slug_taken(session: AsyncSession, slug: str) -> bool:
    found = await session.execute(select(col(Vendor.id)).where(col(Vendor.slug) == slug))
    return found.first() is not None


async def insert_with_unique_slug(session: AsyncSession, vendor: Vendor) -> None:
    """Insert `vendor` under the first free slug for its name.

    Any other unique clash (the owner already has a profile) is raised as it came.
    """
    for slug in candidates(slugify(vendor.name)):
        # An indexed lookup skips slugs known to be taken without a failed insert.
        if await slug_taken(session, slug):
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
