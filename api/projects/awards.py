"""Hiring through a project request: the business awards it (an offer that lapses after
AWARD_TTL_HOURS), the vendor accepts or declines, the business may withdraw a pending
award; `hire` records a hire made another way (an accepted proposal). Reviews follow the
engagement (api/engagements/reviews.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from api.core import clock
from api.core.errors import ErrorCode, InputError, Problems, forbidden
from api.core.settings import Settings
from api.core.viewer import Viewer
from api.events.kinds import EventKind
from api.events.service import emit
from api.projects.access import own_vendor, owned_project
from api.projects.models import ProjectRequest, ProjectStatus
from api.projects.reads import project_by_id
from api.projects.rules import award_lapsed
from api.projects.writes import guarded_update, settle
from api.scopes.rules import ScopeValues
from api.values import checks as check
from api.vendors import service as vendors
from api.vendors.dataloaders import VendorByIdLoader

DEFAULT_AWARD_TTL_HOURS: int = Settings.model_fields["award_ttl_hours"].default
MAX_REASON_CHARS = 500


async def award_project_request(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    vendor_id: int,
    ttl_hours: int = DEFAULT_AWARD_TTL_HOURS,
) -> ProjectRequest:
    """The owner offers an OPEN request to a vendor, until now + `ttl_hours`."""
    project = await owned_project(session, viewer, project_id)
    if project.status != ProjectStatus.OPEN:
        raise InputError.single(
            ["input", "id"],
            f"Only OPEN requests can be awarded; this one is {project.status}.",
            ErrorCode.INVALID_TRANSITION,
        )
    vendor_owner = await vendors.owner_of(session, vendor_id)
    if vendor_owner is None:
        raise InputError.single(["input", "vendorId"], "No such vendor.", ErrorCode.NOT_FOUND)
    changes = {
        "status": ProjectStatus.AWARDED,
        "awarded_vendor_id": vendor_id,
        "award_accepted_at": None,
        "award_expires_at": clock.utcnow() + timedelta(hours=ttl_hours),
    }
    awarded = await guarded_update(session, project, changes, ScopeValues(), None)
    await _notify(
        session,
        awarded,
        EventKind.AWARDED,
        vendor_owner,
        f"You were awarded '{awarded.title}'; accept or decline it.",
    )
    return awarded


async def respond_to_award(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    accept: bool,
    responded_at: datetime | None = None,
) -> ProjectRequest:
    """The awarded vendor's owner accepts the award, or declines it and the request reopens.

    An award is only an offer: until the vendor accepts, nobody has been hired and the
    business cannot review. An award past its expiry has lapsed. Admins do not act for
    vendors. `responded_at` lets the seed loader keep history.
    """
    vendor_id = await own_vendor(session, viewer)
    project = await project_by_id(session, viewer, project_id, vendor_id)
    if project is None:
        raise InputError.single(
            ["input", "projectRequestId"], "No such project request.", ErrorCode.NOT_FOUND
        )
    if project.awarded_vendor_id != vendor_id:
        raise forbidden("Only the vendor a request was awarded to can respond to the award.")
    if award_lapsed(project, responded_at or clock.utcnow()):
        assert project.award_expires_at is not None
        raise InputError.single(
            ["input", "projectRequestId"],
            f"This award expired at {project.award_expires_at.isoformat()}; "
            "the request is open again.",
            ErrorCode.INVALID_TRANSITION,
        )
    if project.status != ProjectStatus.AWARDED or project.award_accepted_at is not None:
        state = "already accepted" if project.award_accepted_at is not None else project.status
        raise InputError.single(
            ["input", "projectRequestId"],
            f"Only a pending award can be accepted or declined; this one is {state}.",
            ErrorCode.INVALID_TRANSITION,
        )
    changes: dict[str, object] = (
        {"award_accepted_at": responded_at or clock.utcnow(), "award_expires_at": None}
        if accept
        else {
            "status": ProjectStatus.OPEN,
            "awarded_vendor_id": None,
            "award_accepted_at": None,
            "award_expires_at": None,
        }
    )
    result = await guarded_update(session, project, changes, ScopeValues(), None)
    name = await _vendor_name(session, vendor_id)
    await _notify(
        session,
        result,
        EventKind.AWARD_ACCEPTED if accept else EventKind.AWARD_DECLINED,
        project.owner_id,
        f"{name} {'accepted' if accept else 'declined'} your award for '{project.title}'.",
        vendor_id=vendor_id,
    )
    return result


async def withdraw_award(
    *, session: AsyncSession, viewer: Viewer | None, project_id: int, reason: str | None
) -> ProjectRequest:
    """The owner takes back an award the vendor has not accepted; the request reopens."""
    problems = Problems()
    cleaned = check.text(problems, ["reason"], reason, max_length=MAX_REASON_CHARS, required=False)
    problems.raise_if_any()
    project = await owned_project(session, viewer, project_id, field=("input", "projectRequestId"))
    if project.status != ProjectStatus.AWARDED:
        raise InputError.single(
            ["input", "projectRequestId"],
            f"There is no pending award to withdraw; this request is {project.status}.",
            ErrorCode.INVALID_TRANSITION,
        )
    if project.award_accepted_at is not None:
        raise InputError.single(
            ["input", "projectRequestId"],
            "The vendor already accepted this award; it can no longer be withdrawn.",
            ErrorCode.INVALID_TRANSITION,
        )
    vendor_id = project.awarded_vendor_id
    changes = {"status": ProjectStatus.OPEN, "awarded_vendor_id": None, "award_expires_at": None}
    result = await guarded_update(session, project, changes, ScopeValues(), None)
    if vendor_id is not None:
        because = f" Reason: {cleaned}" if cleaned else ""
        await _notify(
            session,
            result,
            EventKind.AWARD_WITHDRAWN,
            await vendors.owner_of(session, vendor_id),
            f"The award of '{project.title}' was withdrawn.{because}",
            vendor_id=vendor_id,
        )
    return result


async def hire(
    session: AsyncSession, *, project: ProjectRequest, vendor_id: int, accepted_at: datetime
) -> ProjectRequest:
    """Record a hire made another way (an accepted proposal): the request is AWARDED to
    `vendor_id`, accepted at `accepted_at`. The request must be OPEN."""
    project = await settle(session, project, clock.utcnow())
    if project.status != ProjectStatus.OPEN:
        raise InputError.single(
            None,
            f"Only an OPEN request can be awarded; this one is {project.status}.",
            ErrorCode.INVALID_TRANSITION,
        )
    changes = {
        "status": ProjectStatus.AWARDED,
        "awarded_vendor_id": vendor_id,
        "award_accepted_at": accepted_at,
        "award_expires_at": None,
    }
    return await guarded_update(session, project, changes, ScopeValues(), None)


async def _vendor_name(session: AsyncSession, vendor_id: int) -> str:
    vendor = await VendorByIdLoader(session).load(vendor_id)
    return vendor.name if vendor is not None else "The vendor"


async def _notify(
    session: AsyncSession,
    project: ProjectRequest,
    kind: EventKind,
    recipient: int | None,
    summary: str,
    *,
    vendor_id: int | None = None,
) -> None:
    """An award event about the request (never its description: it may be under NDA)."""
    assert project.id is not None
    payload: dict[str, object] = {"projectRequestId": project.id}
    if vendor_id is not None or project.awarded_vendor_id is not None:
        payload["vendorId"] = vendor_id or project.awarded_vendor_id
    await emit(
        session,
        kind=kind,
        recipients=[recipient],
        subject_type="ProjectRequest",
        subject_id=project.id,
        summary=summary,
        payload=payload,
    )
