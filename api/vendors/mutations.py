"""Vendor writes: a vendor creates and edits its own profile; an admin verifies."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.graphql.ids import node_pk
from api.graphql.user_errors import MutationPayload, run_mutation
from api.vendors import service
from api.vendors.inputs import CreateVendorProfileInput, UpdateVendorProfileInput, VerifyVendorInput
from api.vendors.types import VendorType


@strawberry.type
class CreateVendorProfilePayload(MutationPayload):
    vendor: VendorType | None = None


@strawberry.type
class UpdateVendorProfilePayload(MutationPayload):
    vendor: VendorType | None = None


@strawberry.type
class VerifyVendorPayload(MutationPayload):
    vendor: VendorType | None = None


@strawberry.type
class VendorMutations:
    @strawberry.mutation(description="Create the signed-in VENDOR account's profile.")
    async def create_vendor_profile(
        self, info: Info, input: CreateVendorProfileInput
    ) -> CreateVendorProfilePayload:
        async def work() -> CreateVendorProfilePayload:
            row = await service.create_vendor(
                session=info.context.session,
                viewer=info.context.viewer,
                draft=input.to_draft(),
                catalog=await info.context.catalog(),
            )
            return CreateVendorProfilePayload(vendor=VendorType.from_row(row))

        return await run_mutation(info, work, lambda e: CreateVendorProfilePayload(user_errors=e))

    @strawberry.mutation(description="Change your own profile (admins may change any).")
    async def update_vendor_profile(
        self, info: Info, input: UpdateVendorProfileInput
    ) -> UpdateVendorProfilePayload:
        async def work() -> UpdateVendorProfilePayload:
            row = await service.update_vendor(
                session=info.context.session,
                viewer=info.context.viewer,
                vendor_id=node_pk(input.id, "Vendor", ["input", "id"]),
                expected_version=input.expected_version,
                draft=input.to_draft(),
                catalog=await info.context.catalog(),
            )
            return UpdateVendorProfilePayload(vendor=VendorType.from_row(row))

        return await run_mutation(info, work, lambda e: UpdateVendorProfilePayload(user_errors=e))

    @strawberry.mutation(description="Admins only: mark a vendor vetted (or not).")
    async def verify_vendor(self, info: Info, input: VerifyVendorInput) -> VerifyVendorPayload:
        async def work() -> VerifyVendorPayload:
            row = await service.set_verified(
                session=info.context.session,
                viewer=info.context.viewer,
                vendor_id=node_pk(input.id, "Vendor", ["input", "id"]),
                verified=input.verified,
            )
            return VerifyVendorPayload(vendor=VendorType.from_row(row))

        return await run_mutation(info, work, lambda e: VerifyVendorPayload(user_errors=e))
