"""Vendor loaders: profiles by id or owner, and the rows that hang off a profile."""

from __future__ import annotations

from sqlmodel import col

from api.graphql.dataloaders import RowByKeyLoader, RowsByKeyLoader
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorExpertise,
    VendorFreeSkill,
    VendorLanguage,
)


class VendorByIdLoader(RowByKeyLoader[int, Vendor]):
    model = Vendor
    key = Vendor.id


class VendorByOwnerIdLoader(RowByKeyLoader[int, Vendor]):
    model = Vendor
    key = Vendor.owner_id


class LanguagesByVendorIdLoader(RowsByKeyLoader[int, VendorLanguage]):
    model = VendorLanguage
    key = VendorLanguage.vendor_id
    order_by = (VendorLanguage.code,)


class ExpertiseByVendorIdLoader(RowsByKeyLoader[int, VendorExpertise]):
    model = VendorExpertise
    key = VendorExpertise.vendor_id
    order_by = (col(VendorExpertise.years).desc(), VendorExpertise.tag_id)


class CertificationsByVendorIdLoader(RowsByKeyLoader[int, VendorCertification]):
    model = VendorCertification
    key = VendorCertification.vendor_id
    order_by = (VendorCertification.code,)


class FreeSkillsByVendorIdLoader(RowsByKeyLoader[int, VendorFreeSkill]):
    model = VendorFreeSkill
    key = VendorFreeSkill.vendor_id
    order_by = (col(VendorFreeSkill.years).desc(), VendorFreeSkill.key)
