"""GraphQL types for a request's audience and readiness: screening questions, the
completeness check, shortlist entries and invitations."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Self, TypeAlias

import strawberry
from strawberry import relay

from api.core import clock
from api.core.viewer import Role
from api.graphql.context import Info
from api.graphql.node import KeyedNode
from api.graphql.pagination import Connection
from api.projects.completeness import Gap
from api.projects.dataloaders import InvitationByIdLoader, ProjectByIdLoader
from api.projects.models import InvitationStatus, ProjectInvitation, ProjectShortlist, Visibility
from api.projects.rules import invitation_status
from api.vendors.dataloaders import VendorByIdLoader, VendorByOwnerIdLoader
from api.vendors.types import VendorType

if TYPE_CHECKING:
    from api.projects.types import ProjectRequestType

strawberry.enum(Visibility, name="Visibility")
VisibilityType: TypeAlias = Visibility
strawberry.enum(InvitationStatus, name="InvitationStatus")
InvitationStatusType: TypeAlias = InvitationStatus


async def viewer_vendor_id(info: Info) -> int | None:
    """The vendor profile the signed-in account owns (loaded once per request)."""
    viewer = info.context.viewer
    if viewer is None or viewer.role != Role.VENDOR:
        return None
    vendor = await VendorByOwnerIdLoader.of(info.context).load(viewer.account_id)
    return vendor.id if vendor is not None else None


@strawberry.type(name="ScreeningQuestion", description="A question vendors answer when proposing.")
class ScreeningQuestionType:
    position: int
    question: str
    required: bool


@strawberry.type(description="Something a scope lacks before it can be published.")
class MissingScopeItem:
    field: str = strawberry.field(description="The input field that would supply it.")
    message: str


@strawberry.type(
    description="Whether a scope says what is delivered, how it is accepted, by when, "
    "for how much, and how both sides communicate."
)
class ScopeCompleteness:
    complete: bool
    missing: list[MissingScopeItem]

    @classmethod
    def of(cls, gaps: list[Gap]) -> Self:
        return cls(
            complete=not gaps,
            missing=[MissingScopeItem(field=gap.field, message=gap.message) for gap in gaps],
        )


@strawberry.type(description="A vendor a business shortlisted for its request.")
class ShortlistEntry:
    note: str | None
    created_at: datetime
    _vendor_id: strawberry.Private[int]

    @classmethod
    def from_row(cls, row: ProjectShortlist) -> Self:
        return cls(note=row.note, created_at=row.created_at, _vendor_id=row.vendor_id)

    @strawberry.field
    async def vendor(self, info: Info) -> VendorType | None:
        row = await VendorByIdLoader.of(info.context).load(self._vendor_id)
        return VendorType.from_row(row) if row else None


@strawberry.type(
    name="ProjectInvitation",
    description="A vendor invited to a request; it may see the request even when "
    "INVITE_ONLY while the invitation is PENDING or ACCEPTED.",
)
class ProjectInvitationType(KeyedNode):
    id: relay.NodeID[int]
    message: str | None
    expires_at: datetime
    responded_at: datetime | None
    created_at: datetime
    _row: strawberry.Private[ProjectInvitation]

    @classmethod
    def from_row(cls, row: ProjectInvitation) -> Self:
        assert row.id is not None
        return cls(
            id=row.id,
            message=row.message,
            expires_at=row.expires_at,
            responded_at=row.responded_at,
            created_at=row.created_at,
            _row=row,
        )

    @strawberry.field(description="PENDING past its expiry reads as EXPIRED.")
    def status(self) -> InvitationStatusType:
        return InvitationStatus(invitation_status(self._row, clock.utcnow()))

    @strawberry.field
    async def vendor(self, info: Info) -> VendorType | None:
        row = await VendorByIdLoader.of(info.context).load(self._row.vendor_id)
        return VendorType.from_row(row) if row else None

    @strawberry.field(description="The request; null once the invitation no longer admits you.")
    async def project_request(
        self, info: Info
    ) -> Annotated[ProjectRequestType, strawberry.lazy("api.projects.types")] | None:
        # Through the node lookup: types.py imports this module, not the other way round.
        node = await relay.GlobalID("ProjectRequest", str(self._row.project_id)).resolve_node(
            info, required=False
        )
        return node  # type: ignore[return-value]  # the ID names a ProjectRequest

    @classmethod
    async def load_pks(cls, info: Info, pks: list[int]) -> list[Self | None]:
        """The business that invited, the invited vendor's owner and admins see one."""
        viewer = info.context.viewer
        if viewer is None:
            return [None for _ in pks]
        rows = await InvitationByIdLoader.of(info.context).load_many(pks)
        projects = await ProjectByIdLoader.of(info.context).load_many(
            [row.project_id if row else -1 for row in rows]
        )
        vendor_id = await viewer_vendor_id(info)
        result: list[Self | None] = []
        for row, project in zip(rows, projects, strict=True):
            allowed = row is not None and (
                viewer.role == Role.ADMIN
                or (project is not None and project.owner_id == viewer.account_id)
                or (vendor_id is not None and row.vendor_id == vendor_id)
            )
            result.append(cls.from_row(row) if allowed and row is not None else None)
        return result


@strawberry.type
class ProjectInvitationConnection(Connection[ProjectInvitationType]):
    pass
