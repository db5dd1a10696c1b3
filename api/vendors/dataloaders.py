"""Vendor loaders: profiles by id or owner, and the rows that hang off a profile, read as
plain rows (api.vendors.views), one statement per batch."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, ClassVar, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute
from sqlmodel import col

from api.graphql.dataloaders import RequestLoader
from api.vendors.models import Vendor, VendorCertification, VendorLanguage
from api.vendors.views import KEYS, SkillClaims, VendorView, skill_claims, views_by

NO_CLAIMS = SkillClaims([], [])
# Built once (see api.vendors.views.KEYS).
LANGUAGES = (
    select(col(VendorLanguage.vendor_id), col(VendorLanguage.code), col(VendorLanguage.proficiency))
    .where(col(VendorLanguage.vendor_id).in_(KEYS))
    .order_by(col(VendorLanguage.code))
)
CERTIFICATIONS = (
    select(col(VendorCertification.vendor_id), col(VendorCertification.code))
    .where(col(VendorCertification.vendor_id).in_(KEYS))
    .order_by(col(VendorCertification.code))
)


class _ViewByKeyLoader(RequestLoader[int, VendorView | None]):
    key: ClassVar[InstrumentedAttribute[Any]]

    async def batch_load(self, keys: list[int]) -> list[VendorView | None]:
        found = await views_by(self.session, type(self).key, keys)
        return [found.get(key) for key in keys]


class VendorByIdLoader(_ViewByKeyLoader):
    key = col(Vendor.id)


class VendorByOwnerIdLoader(_ViewByKeyLoader):
    key = col(Vendor.owner_id)


class SpokenLanguageRow(NamedTuple):
    code: str
    proficiency: str


class LanguagesByVendorIdLoader(RequestLoader[int, list[SpokenLanguageRow]]):
    async def batch_load(self, keys: list[int]) -> list[list[SpokenLanguageRow]]:
        rows = await self.session.execute(LANGUAGES, {"keys": keys})
        spoken: dict[int, list[SpokenLanguageRow]] = defaultdict(list)
        for vendor_id, code, proficiency in rows:
            spoken[vendor_id].append(SpokenLanguageRow(code, proficiency))
        return [spoken.get(key, []) for key in keys]


class SkillClaimsByVendorIdLoader(RequestLoader[int, SkillClaims]):
    """Tags and free-text skills together: `expertise` and `otherSkills` read both."""

    async def batch_load(self, keys: list[int]) -> list[SkillClaims]:
        claims = await skill_claims(self.session, keys)
        return [claims.get(key, NO_CLAIMS) for key in keys]


class CertificationsByVendorIdLoader(RequestLoader[int, list[str]]):
    async def batch_load(self, keys: list[int]) -> list[list[str]]:
        rows = await self.session.execute(CERTIFICATIONS, {"keys": keys})
        held: dict[int, list[str]] = defaultdict(list)
        for vendor_id, code in rows:
            held[vendor_id].append(code)
        return [held.get(key, []) for key in keys]
