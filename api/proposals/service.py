"""Proposals: a vendor submits, revises or withdraws one; the request's owner declines or
(through engagements) accepts one. Reads are authorised here too: a proposal is for the
request's owner, the proposing vendor's owner and admins only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from api.core.clock import utcnow
from api.core.errors import ErrorCode, InputError, Problems, forbidden, unauthenticated
from api.core.viewer import Role, Viewer
from api.events.kinds import EventKind
from api.events.service import emit
from api.projects import service as projects
from api.projects.dataloaders import ProjectByIdLoader
from api.projects.rules import effective_status
from api.proposals.fields import ProposalDraft
from api.proposals.models import Proposal, ProposalStatus
from api.proposals.reads import may_read
from api.proposals.rules import (
    MAX_PROPOSALS_PER_REQUEST,
    check_proposal_draft,
    reason,
    require_transition,
)
from api.vendors import service as vendors
from api.vendors.dataloaders import VendorByIdLoader

if TYPE_CHECKING:
    from api.projects.models import ProjectRequest

OPEN = "OPEN"  # the one request status that takes proposals (projects.models.ProjectStatus)
HIRED_ELSEWHERE = "The request went to another vendor"
ACCEPTED_ELSEWHERE = "Another proposal was accepted"
# Revisions that did not name a version retry a lost race this many times.
RETRIES_WITHOUT_EXPECTED_VERSION = 5
SUBJECT = "Proposal"


async def submit_proposal(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    project_id: int,
    vendor_id: int,
    draft: ProposalDraft,
) -> Proposal:
    """The vendor's owner proposes on a request the vendor may propose on.

    A vendor has one proposal per request: a SUBMITTED one is revised instead, and a
    WITHDRAWN one is submitted again in place (a new revision).
    """
    await _require_vendor_owner(session, viewer, vendor_id)
    project = await projects.viewable_project(
        session, viewer, project_id, field=("input", "projectRequestId")
    )
    _require_open(project, "take new proposals")
    if not await projects.vendor_may_propose(session, project_id=project_id, vendor_id=vendor_id):
        raise forbidden("This request is by invitation only, and this vendor is not invited.")
    if not await projects.nda_cleared(session, project_id=project_id, vendor_id=vendor_id):
        raise forbidden("Accept this request's NDA before proposing on it.")
    problems = Problems()
    questions = await projects.screening_questions(session, project_id)
    columns = check_proposal_draft(draft, questions=questions, problems=problems)
    problems.raise_if_any()
    existing = await _existing(session, project_id, vendor_id)
    if existing is not None and existing.status != ProposalStatus.WITHDRAWN:
        hint = (
            "revise it with reviseProposal instead."
            if existing.status == ProposalStatus.SUBMITTED
            else f"it was {existing.status}."
        )
        raise InputError.single(
            ["input", "vendorId"],
            f"This vendor already has a proposal on this request; {hint}",
            ErrorCode.TAKEN,
        )
    if existing is not None:
        proposal = await _guarded_update(
            session,
            existing,
            {
                **_resubmitted(columns),
                "status": ProposalStatus.SUBMITTED,
                "decline_reason": None,
                "revision": existing.revision + 1,
            },
            expected_version=None,
        )
    else:
        await _require_room(session, project_id)
        proposal = Proposal(project_id=project_id, vendor_id=vendor_id, **columns)
        session.add(proposal)
        await session.flush()
    name = await _vendor_name(session, vendor_id)
    await _notify(
        session,
        proposal,
        EventKind.PROPOSAL_RECEIVED,
        [project.owner_id],
        f"New proposal from {name} on '{project.title}'",
    )
    return proposal


async def revise_proposal(
    *,
    session: AsyncSession,
    viewer: Viewer | None,
    proposal_id: int,
    draft: ProposalDraft,
    expected_version: int | None,
) -> Proposal:
    """The vendor's owner changes a SUBMITTED proposal on an OPEN request. Without an
    expected version, a revision that loses a race to another is re-checked and retried
    against the winner's state, so neither change is lost."""
    for _attempt in range(RETRIES_WITHOUT_EXPECTED_VERSION):
        proposal, project = await _proposal_as_vendor(session, viewer, proposal_id)
        require_transition(proposal, ProposalStatus.SUBMITTED, ["input", "id"])
        _require_open(project, "take revised proposals")
        problems = Problems()
        questions = await projects.screening_questions(session, proposal.project_id)
        columns = check_proposal_draft(
            draft, questions=questions, problems=problems, stored=proposal
        )
        if not columns and not problems:
            problems.add([], "Give at least one field to change.", ErrorCode.REQUIRED)
        problems.raise_if_any()
        if expected_version is not None and expected_version != proposal.version:
            raise _conflict(proposal.version)
        revised = await _try_update(
            session, proposal, {**columns, "revision": proposal.revision + 1}
        )
        if revised is not None:
            break
        if expected_version is not None:
            raise _conflict(proposal.version + 1)
    else:
        raise _conflict(None)
    name = await _vendor_name(session, proposal.vendor_id)
    await _notify(
        session,
        revised,
        EventKind.PROPOSAL_REVISED,
        [project.owner_id],
        f"{name} revised its proposal on '{project.title}' (revision {revised.revision})",
    )
    return revised


async def withdraw_proposal(
    *, session: AsyncSession, viewer: Viewer | None, proposal_id: int, reason_text: str | None
) -> Proposal:
    """The vendor's owner takes a SUBMITTED proposal back."""
    proposal, project = await _proposal_as_vendor(session, viewer, proposal_id)
    problems = Problems()
    why = reason(problems, reason_text, required=False)
    problems.raise_if_any()
    require_transition(proposal, ProposalStatus.WITHDRAWN, ["input", "id"])
    withdrawn = await _guarded_update(
        session,
        proposal,
        {"status": ProposalStatus.WITHDRAWN, "decline_reason": why},
        expected_version=None,
    )
    name = await _vendor_name(session, proposal.vendor_id)
    await _notify(
        session,
        withdrawn,
        EventKind.PROPOSAL_WITHDRAWN,
        [project.owner_id],
        f"{name} withdrew its proposal on '{project.title}'",
    )
    return withdrawn


async def decline_proposal(
    *, session: AsyncSession, viewer: Viewer | None, proposal_id: int, reason_text: str | None
) -> Proposal:
    """The request's owner turns a SUBMITTED proposal down, saying why."""
    proposal, project = await _proposal_as_owner(session, viewer, proposal_id, ("input", "id"))
    problems = Problems()
    why = reason(problems, reason_text, required=True)
    problems.raise_if_any()
    require_transition(proposal, ProposalStatus.DECLINED, ["input", "id"])
    declined = await _guarded_update(
        session,
        proposal,
        {"status": ProposalStatus.DECLINED, "decline_reason": why},
        expected_version=None,
    )
    await _notify(
        session,
        declined,
        EventKind.PROPOSAL_DECLINED,
        [await vendors.owner_of(session, proposal.vendor_id)],
        f"Your proposal on '{project.title}' was declined",
    )
    return declined


async def proposal_for_acceptance(
    session: AsyncSession,
    viewer: Viewer | None,
    proposal_id: int,
    *,
    field: Sequence[str] = ("input", "proposalId"),
) -> Proposal:
    """A SUBMITTED proposal on an OPEN request, if the viewer owns the request; else an
    InputError saying why (acceptProposal calls this, then `mark_accepted`)."""
    proposal, project = await _proposal_as_owner(session, viewer, proposal_id, field)
    require_transition(proposal, ProposalStatus.ACCEPTED, field)
    _require_open(project, "accept proposals", field)
    return proposal


async def mark_accepted(session: AsyncSession, proposal: Proposal) -> None:
    """ACCEPTED; every other SUBMITTED proposal on the request DECLINED, each vendor told."""
    await _guarded_update(
        session, proposal, {"status": ProposalStatus.ACCEPTED}, expected_version=None
    )
    assert proposal.id is not None
    await _decline_open(session, proposal.project_id, ACCEPTED_ELSEWHERE, keep=proposal.id)


async def settle_on_hire(
    session: AsyncSession, *, project_id: int, vendor_id: int
) -> Proposal | None:
    """A vendor hired through an award: its own open proposal (if any) is accepted and
    returned, and every other one declined, so no vendor waits on a request that is taken."""
    own = await _existing(session, project_id, vendor_id)
    if own is not None and own.status == ProposalStatus.SUBMITTED:
        await mark_accepted(session, own)
        return own
    await _decline_open(session, project_id, HIRED_ELSEWHERE, keep=None)
    return None


async def _decline_open(
    session: AsyncSession, project_id: int, reason: str, *, keep: int | None
) -> None:
    others = (
        (
            await session.execute(
                select(Proposal).where(
                    col(Proposal.project_id) == project_id,
                    col(Proposal.id) != (keep or 0),
                    col(Proposal.status) == ProposalStatus.SUBMITTED,
                )
            )
        )
        .scalars()
        .all()
    )
    if not others:
        return
    await session.execute(
        update(Proposal)
        .where(
            col(Proposal.id).in_([other.id for other in others]),
            col(Proposal.status) == ProposalStatus.SUBMITTED,
        )
        .values(
            status=ProposalStatus.DECLINED,
            decline_reason=reason,
            version=col(Proposal.version) + 1,
            updated_at=utcnow(),
        )
        .execution_options(synchronize_session=False)
    )
    project = await _project(session, project_id)
    for other in others:
        await _notify(
            session,
            other,
            EventKind.PROPOSAL_DECLINED,
            [await vendors.owner_of(session, other.vendor_id)],
            f"Your proposal on '{project.title}' was declined: {reason.lower()}",
        )


# Helpers ----------------------------------------------------------------------------


async def _require_vendor_owner(
    session: AsyncSession, viewer: Viewer | None, vendor_id: int
) -> None:
    if viewer is None:
        raise unauthenticated()
    if viewer.role != Role.VENDOR:
        raise forbidden("Only a vendor's owner can propose for it.")
    owner = await vendors.owner_of(session, vendor_id)
    if owner is None:
        raise InputError.single(["input", "vendorId"], "No such vendor.", ErrorCode.NOT_FOUND)
    if owner != viewer.account_id:
        raise forbidden("You can only propose for your own vendor profile.")


def _require_open(
    project: ProjectRequest, doing: str, field: Sequence[str] = ("input", "projectRequestId")
) -> None:
    status = effective_status(project, utcnow())  # a lapsed award counts as OPEN
    if status != OPEN:
        raise InputError.single(
            list(field),
            f"This request is {status}; only an OPEN request can {doing}.",
            ErrorCode.INVALID_TRANSITION,
        )


async def _proposal_as_vendor(
    session: AsyncSession, viewer: Viewer | None, proposal_id: int
) -> tuple[Proposal, ProjectRequest]:
    proposal, project, vendor_owner = await _readable(session, viewer, proposal_id, ("input", "id"))
    assert viewer is not None
    if vendor_owner != viewer.account_id:
        raise forbidden("Only the proposing vendor's owner can change or withdraw a proposal.")
    return proposal, project


async def _proposal_as_owner(
    session: AsyncSession, viewer: Viewer | None, proposal_id: int, field: Sequence[str]
) -> tuple[Proposal, ProjectRequest]:
    proposal, project, _vendor_owner = await _readable(session, viewer, proposal_id, field)
    assert viewer is not None
    if project.owner_id != viewer.account_id:
        raise forbidden("Only the request's owner can decline or accept its proposals.")
    return proposal, project


async def _readable(
    session: AsyncSession, viewer: Viewer | None, proposal_id: int, field: Sequence[str]
) -> tuple[Proposal, ProjectRequest, int | None]:
    """The proposal, its request and its vendor's owner, if the viewer may see it;
    NOT_FOUND otherwise, so nobody learns another's proposal exists."""
    if viewer is None:
        raise unauthenticated()
    proposal = await session.get(Proposal, proposal_id, populate_existing=True)
    project = await _project_or_none(session, proposal.project_id) if proposal else None
    vendor_owner = await vendors.owner_of(session, proposal.vendor_id) if proposal else None
    if (
        proposal is None
        or project is None
        or not may_read(viewer, project_owner=project.owner_id, vendor_owner=vendor_owner)
    ):
        raise InputError.single(list(field), "No such proposal.", ErrorCode.NOT_FOUND)
    return proposal, project, vendor_owner


async def _existing(session: AsyncSession, project_id: int, vendor_id: int) -> Proposal | None:
    return (
        await session.execute(
            select(Proposal).where(
                col(Proposal.project_id) == project_id, col(Proposal.vendor_id) == vendor_id
            )
        )
    ).scalar_one_or_none()


async def _require_room(session: AsyncSession, project_id: int) -> None:
    count = await session.scalar(
        select(func.count()).select_from(Proposal).where(col(Proposal.project_id) == project_id)
    )
    if (count or 0) >= MAX_PROPOSALS_PER_REQUEST:
        raise InputError.single(
            ["input", "projectRequestId"],
            f"This request already has {MAX_PROPOSALS_PER_REQUEST} proposals.",
            ErrorCode.TOO_MANY,
        )


def _resubmitted(columns: dict[str, Any]) -> dict[str, Any]:
    """A resubmission replaces every field; hours and start left out are cleared."""
    return {"estimated_hours": None, "start_date": None, **columns}


async def _guarded_update(
    session: AsyncSession,
    proposal: Proposal,
    changes: dict[str, Any],
    *,
    expected_version: int | None,
) -> Proposal:
    """Write only if nobody changed the proposal since we read it; otherwise CONFLICT."""
    fresh = await _try_update(session, proposal, changes)
    if fresh is None:
        raise _conflict(None if expected_version is None else proposal.version + 1)
    return fresh


async def _try_update(
    session: AsyncSession, proposal: Proposal, changes: dict[str, Any]
) -> Proposal | None:
    """The proposal with `changes` (and the next version), or None if another write got
    there first (its version or status moved on since we read it)."""
    assert proposal.id is not None
    result = cast(
        CursorResult[Any],
        await session.execute(
            update(Proposal)
            .where(
                col(Proposal.id) == proposal.id,
                col(Proposal.version) == proposal.version,
                col(Proposal.status) == proposal.status,
            )
            .values(**changes, version=proposal.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        ),
    )
    if result.rowcount != 1:
        return None
    return await session.get(Proposal, proposal.id, populate_existing=True)


def _conflict(version: int | None) -> InputError:
    now = f" (now version {version})" if version is not None else ""
    return InputError.single(
        ["input", "expectedVersion"],
        f"The proposal changed since you loaded it{now}; reload and try again.",
        ErrorCode.CONFLICT,
    )


async def _project_or_none(session: AsyncSession, project_id: int) -> ProjectRequest | None:
    # Authorisation here is about the proposal, not the request's audience: its owner and
    # the proposing vendor keep seeing their proposal whatever the request's visibility.
    return await ProjectByIdLoader(session).load(project_id)


async def _project(session: AsyncSession, project_id: int) -> ProjectRequest:
    project = await _project_or_none(session, project_id)
    assert project is not None
    return project


async def _vendor_name(session: AsyncSession, vendor_id: int) -> str:
    vendor = await VendorByIdLoader(session).load(vendor_id)
    return vendor.name if vendor is not None else "A vendor"


async def _notify(
    session: AsyncSession,
    proposal: Proposal,
    kind: EventKind,
    recipients: list[int | None],
    summary: str,
) -> None:
    assert proposal.id is not None
    await emit(
        session,
        kind=kind,
        recipients=recipients,
        subject_type=SUBJECT,
        subject_id=proposal.id,
        summary=summary,
        payload={
            "projectRequestId": proposal.project_id,
            "vendorId": proposal.vendor_id,
            "status": proposal.status,
            "revision": proposal.revision,
        },
    )
