"""Vendor writes: a vendor creates and edits its own profile; an admin verifies."""

from __future__ import annotations

from collections.abc import Awaitable

import strawberry

from api.graphql.context import Info
from api.graphql.ids import node_pk
from api.graphql.user_errors import MutationPayload, run_mutation
from api.tags.service import tag_catalog
from api.tags.types import SkillNoteType
from api.vendors import service
from api.vendors.inputs import CreateVendorProfileInput, UpdateVendorProfileInput, VerifyVendorInput
from api.vendors.models import Vendor
from api.vendors.rules import named_skills
from api.vendors.types import VendorType
from api.vendors.views import VendorView, view_of

NOTES = "Skills named that the taxonomy does not know: kept as free text, with suggestions."


async def viewed(info: Info, write: Awaitable[Vendor]) -> VendorView:
    """The profile `write` made or changed, read back as the Vendor type shows it (with
    the published rating prior), inside the write's transaction."""
    vendor = await write
    assert vendor.id is not None
    return await view_of(info.context.session, vendor.id)


@strawberry.type
class CreateVendorProfilePayload(MutationPayload):
    vendor: VendorType | None = None
    notes: list[SkillNoteType] = strawberry.field(default_factory=list, description=NOTES)


@strawberry.type
class UpdateVendorProfilePayload(MutationPayload):
    vendor: VendorType | None = None
    notes: list[SkillNoteType] = strawberry.field(default_factory=list, description=NOTES)


@strawberry.type
class VerifyVendorPayload(MutationPayload):
    vendor: VendorType | None = None


@strawberry.type
class VendorMutations:
    @strawberry.mutation(description="Create the signed-in VENDOR account's profile.")
    async def create_vendor_profile(
        self, info: Info, input: CreateVendorProfileInput
    ) -> CreateVendorProfilePayload:
        catalog = await tag_catalog(info.context.runtime)
        draft = input.to_draft()

        return await run_mutation(
            info,
            CreateVendorProfilePayload,
            lambda: viewed(
                info,
                service.create_vendor(
                    session=info.context.session,
                    viewer=info.context.viewer,
                    draft=draft,
                    catalog=catalog,
                ),
            ),
            lambda row: CreateVendorProfilePayload(
                vendor=VendorType.from_row(row),
                notes=SkillNoteType.list_of(catalog, named_skills(draft), ("input",)),
            ),
        )

    @strawberry.mutation(description="Change your own profile (admins may change any).")
    async def update_vendor_profile(
        self, info: Info, input: UpdateVendorProfileInput
    ) -> UpdateVendorProfilePayload:
        catalog = await tag_catalog(info.context.runtime)
        draft = input.to_draft()

        return await run_mutation(
            info,
            UpdateVendorProfilePayload,
            lambda: viewed(
                info,
                service.update_vendor(
                    session=info.context.session,
                    viewer=info.context.viewer,
                    vendor_id=node_pk(input.id, "Vendor", ["input", "id"]),
                    expected_version=input.expected_version,
                    draft=draft,
                    catalog=catalog,
                ),
            ),
            lambda row: UpdateVendorProfilePayload(
                vendor=VendorType.from_row(row),
                notes=SkillNoteType.list_of(catalog, named_skills(draft), ("input",)),
            ),
        )

    @strawberry.mutation(description="Admins only: mark a vendor vetted (or not).")
    async def verify_vendor(self, info: Info, input: VerifyVendorInput) -> VerifyVendorPayload:
        return await run_mutation(
            info,
            VerifyVendorPayload,
            lambda: viewed(
                info,
                service.set_verified(
                    session=info.context.session,
                    viewer=info.context.viewer,
                    vendor_id=node_pk(input.id, "Vendor", ["input", "id"]),
                    verified=input.verified,
                ),
            ),
            lambda row: VerifyVendorPayload(vendor=VendorType.from_row(row)),
        )
