"""The demo's live marketplace: one business and one vendor a new user can sign in as,
with requests in every state and the work that follows a hire, written through the same
services the API calls, dated from today.

The business (Lindqvist Home & Garden, Berlin) outsources its customer support desk, its
bookkeeping, a brand refresh, a shop rebuild, translation, data entry and a marketing
campaign; the vendor (Swift Labs, Budapest) is invited, proposes, is awarded, delivers and
is reviewed. `vendormatch seed --demo` prints both sign-ins."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlmodel import col

from api.auth import service as auth
from api.auth.models import Account
from api.auth.passwords import hash_password
from api.auth.rules import Credentials
from api.core.clock import today
from api.core.viewer import Role, Viewer
from api.engagements import changes, checkins, disputes, hiring, milestones
from api.engagements import reviews as engagement_reviews
from api.engagements.fields import ChangeDraft, DisputeDraft, MilestoneDraft, PlanDraft
from api.engagements.models import EngagementMilestone
from api.engagements.rules import APPROVE, START, SUBMIT
from api.messaging import service as messaging
from api.projects import audience, awards, invitations
from api.projects import service as projects
from api.projects.fields import QuestionEntry, TermsDraft
from api.projects.models import ProjectStatus
from api.proposals import service as proposals
from api.proposals.fields import PriceEntry, Pricing, ProposalDraft, ScheduleEntry, TeamEntry
from api.reviews.fields import ReviewDraft
from api.scopes.fields import BudgetEntry, ScopeDraft, SkillEntry
from api.tags.catalog import TagCatalog
from api.values.hours import HoursEntry
from api.vendors.models import Vendor

BUSINESS_EMAIL = "demo-business@demo.vendormatch.dev"
BUSINESS_NAME = "Lindqvist Home & Garden GmbH"
# The demo vendor a new user signs in as, and the others that take part.
VENDOR_SLUG = "swift-labs"
OTHER_SLUGS = ("echohexa-code", "nis-solid-factory", "logic-solutions", "deltagranite-works")
PASSWORD_ENV = "VENDORMATCH_DEMO_PASSWORD"
COMPLETE_TERMS = TermsDraft(
    acceptance_criteria=[
        "Every deliverable reviewed and accepted in writing by our operations lead"
    ],
    communication_plan="Weekly video call on Tuesdays at 10:00 Berlin time; questions "
    "answered within one working day in the shared channel.",
)


@dataclass(frozen=True)
class DemoSignIn:
    business_email: str
    vendor_email: str
    password: str


@dataclass(frozen=True)
class Party:
    vendor_id: int
    viewer: Viewer


async def load_showcase(
    sessions: async_sessionmaker[AsyncSession], catalog: TagCatalog
) -> DemoSignIn | None:
    """Create the showcase once (None if the demo vendors are missing), and (re)set both
    sign-ins' password: VENDORMATCH_DEMO_PASSWORD, or a new random one each run."""
    password = os.environ.get(PASSWORD_ENV) or secrets.token_urlsafe(12)
    password_hash = await asyncio.to_thread(hash_password, password)
    async with sessions() as session, session.begin():
        parties = await _parties(session)
        if parties is None:
            return None
        vendor, others = parties
        business = await auth.account_by_email(session, BUSINESS_EMAIL)
        if business is None:
            business = await auth.register(
                session=session,
                credentials=Credentials(BUSINESS_EMAIL, password),
                role=Role.BUSINESS,
            )
            business.display_name = BUSINESS_NAME
            assert business.id is not None
            await Showcase(
                session, catalog, Viewer(business.id, Role.BUSINESS), vendor, others
            ).run()
        vendor_account = await session.get(Account, vendor.viewer.account_id)
        assert vendor_account is not None
        await session.execute(
            update(Account)
            .where(col(Account.id).in_([business.id, vendor_account.id]))
            .values(password_hash=password_hash)
        )
        return DemoSignIn(BUSINESS_EMAIL, vendor_account.email, password)


async def _parties(session: AsyncSession) -> tuple[Party, list[Party]] | None:
    slugs = (VENDOR_SLUG, *OTHER_SLUGS)
    rows = await session.execute(
        select(col(Vendor.slug), col(Vendor.id), col(Vendor.owner_id)).where(
            col(Vendor.slug).in_(slugs)
        )
    )
    found = {
        slug: Party(vendor_id, Viewer(owner, Role.VENDOR))
        for slug, vendor_id, owner in rows
        if vendor_id is not None
    }
    if set(found) != set(slugs):
        return None
    return found[VENDOR_SLUG], [found[slug] for slug in OTHER_SLUGS]


class Showcase:
    """The requests and the work on them, each step a service call as a client makes it."""

    def __init__(
        self,
        session: AsyncSession,
        catalog: TagCatalog,
        business: Viewer,
        vendor: Party,
        others: Sequence[Party],
    ) -> None:
        self.session = session
        self.catalog = catalog
        self.business = business
        self.vendor = vendor
        self.others = others
        self.today = today()

    async def run(self) -> None:
        await self.draft_with_gaps()
        await self.open_support_desk()
        await self.confidential_bookkeeping()
        await self.pending_award()
        await self.engagement_in_progress()
        await self.completed_translation()
        await self.disputed_data_entry()
        await self.cancelled_campaign()

    # -- requests in each state ----------------------------------------------------------

    async def draft_with_gaps(self) -> None:
        """A DRAFT with no acceptance criteria or communication plan: its completeness
        check lists what is missing before it can be published."""
        await self.post(
            "Quarterly marketing report design",
            ["graphic-design", "data-visualization"],
            publish=False,
            terms=TermsDraft(),
        )

    async def open_support_desk(self) -> None:
        """OPEN and PUBLIC, with screening questions, three proposals and a conversation."""
        project_id = await self.post(
            "Customer support desk for our web shop, weekdays in English and German",
            ["it-support", "microsoft-365"],
            description=(
                "Answer email and chat for our garden-furniture web shop, Monday to Friday "
                "08:00-18:00 Berlin time, in English and German: about 400 tickets a week, "
                "escalating delivery and warranty cases to our team."
            ),
            budget=("25", "45", "EUR", "HOURLY"),
            hours=520,
            questions=[
                "How do you staff German-language tickets?",
                "Which help-desk tools does your team use today?",
            ],
        )
        for party, amount in zip([self.vendor, *self.others[:2]], ["38", "31", "42"], strict=True):
            await self.propose(project_id, party, amount, "EUR", hourly=True)
        thread = await messaging.request_thread_for(
            self.session, self.business, project_id=project_id, vendor_id=self.vendor.vendor_id
        )
        await messaging.send_message(
            self.session,
            self.business,
            thread=thread,
            body="Thanks for the proposal. Could two of your agents start with a one-week trial?",
        )
        await messaging.send_message(
            self.session,
            self.vendor.viewer,
            thread=thread,
            body="Yes: we can staff a trial week from next Monday, with a daily written summary.",
        )

    async def confidential_bookkeeping(self) -> None:
        """OPEN, INVITE_ONLY and under an NDA: invited vendors see the summary until they
        accept the NDA; one accepted, signed and proposed, the demo vendor's invitation
        waits for its answer."""
        project_id = await self.post(
            "Monthly bookkeeping and VAT returns for a German GmbH",
            ["power-bi", "microsoft-excel"],
            description=(
                "Book our bank and card transactions monthly, reconcile Stripe payouts, "
                "prepare the monthly VAT pre-return (Umsatzsteuervoranmeldung) for our tax "
                "adviser, and a management report in Power BI."
            ),
            budget=("1500", "2500", "EUR", "FIXED"),
            terms=replace(
                COMPLETE_TERMS,
                visibility="INVITE_ONLY",
                nda_required=True,
                nda_text="The recipient keeps every figure and document of the business "
                "confidential and uses them only to perform the services.",
                summary="Monthly bookkeeping and VAT pre-returns for a German online retailer.",
                attachment_names=["chart-of-accounts.xlsx", "2025-trial-balance.pdf"],
            ),
        )
        accepting = self.others[2]
        invited = [
            await invitations.invite_vendor(
                session=self.session,
                viewer=self.business,
                project_id=project_id,
                vendor_id=party.vendor_id,
                message="We would value your proposal for our bookkeeping.",
                ttl_hours=14 * 24,
            )
            for party in (self.vendor, accepting)
        ]
        assert invited[1].id is not None
        await invitations.respond_to_invitation(
            session=self.session, viewer=accepting.viewer, invitation_id=invited[1].id, accept=True
        )
        await audience.accept_nda(
            session=self.session,
            viewer=accepting.viewer,
            project_id=project_id,
            vendor_id=accepting.vendor_id,
        )
        await self.propose(project_id, accepting, "1900", "EUR", hourly=False)

    async def pending_award(self) -> None:
        """AWARDED to the demo vendor, who has a week to accept or decline."""
        project_id = await self.post(
            "Brand refresh and packaging design for a garden-tools range",
            ["branding", "graphic-design", "adobe-illustrator"],
            budget=("6000", "9000", "EUR", "FIXED"),
        )
        await audience.shortlist_vendor(
            session=self.session,
            viewer=self.business,
            project_id=project_id,
            vendor_id=self.vendor.vendor_id,
            note="Strong packaging portfolio",
        )
        await awards.award_project_request(
            session=self.session,
            viewer=self.business,
            project_id=project_id,
            vendor_id=self.vendor.vendor_id,
        )

    # -- the work after a hire -----------------------------------------------------------

    async def engagement_in_progress(self) -> None:
        """A proposal accepted: three milestones (approved, submitted, pending), a check-in,
        messages and a change request the business has yet to answer."""
        project_id = await self.post(
            "Product photography retouching and web shop banners",
            ["adobe-photoshop", "figma", "motion-design"],
            budget=("4000", "7000", "EUR", "FIXED"),
        )
        proposal_id = await self.propose(project_id, self.vendor, "5400", "EUR", hourly=False)
        engagement = await hiring.accept_proposal(
            session=self.session,
            viewer=self.business,
            proposal_id=proposal_id,
            plan=PlanDraft(
                cadence="WEEKLY",
                weekday=1,
                time="10:00",
                response_time_hours=24,
                channel="Slack #lindqvist-creative",
                working_language="en",
            ),
            milestones=[
                self.milestone("Retouching style guide and 20 sample photos", "1200", 7),
                self.milestone("All 300 product photos retouched", "2700", 30),
                self.milestone("Six animated web shop banners", "1500", 45),
            ],
        )
        assert engagement.id is not None
        first, second, _ = await self.milestone_ids(engagement.id)
        for move, viewer in ((START, self.vendor.viewer), (SUBMIT, self.vendor.viewer)):
            await milestones.move_milestone(
                self.session,
                viewer,
                first,
                move,
                note="Style guide and samples in the shared drive.",
            )
        await milestones.move_milestone(self.session, self.business, first, APPROVE)
        await milestones.move_milestone(self.session, self.vendor.viewer, second, START)
        await milestones.move_milestone(
            self.session, self.vendor.viewer, second, SUBMIT, note="All 300 photos uploaded."
        )
        await checkins.record_check_in(
            self.session,
            self.vendor.viewer,
            engagement_id=engagement.id,
            summary="Batch two delivered; banners start next week once the copy is final.",
        )
        thread = await messaging.thread_of(
            self.session, "ENGAGEMENT", project_id, self.vendor.vendor_id
        )
        assert thread is not None
        await messaging.send_message(
            self.session, self.business, thread=thread, body="Can the banners also come in 4:5?"
        )
        await messaging.send_message(
            self.session,
            self.vendor.viewer,
            thread=thread,
            body="They can; I have proposed a change to the banner milestone for the extra sizes.",
        )
        await changes.propose_change(
            self.session,
            self.vendor.viewer,
            engagement_id=engagement.id,
            milestone_id=(await self.milestone_ids(engagement.id))[2],
            reason="Banners in 4:5 as well as 16:9 double the export and QA work.",
            draft=ChangeDraft(amount="1800", due_date=self.today + timedelta(days=50)),
        )

    async def completed_translation(self) -> None:
        """Awarded, accepted, delivered and approved: COMPLETED, reviewed both ways, and
        the vendor has replied to the business's review."""
        project_id = await self.post(
            "Translate our product catalogue and help centre into Hungarian",
            ["technical-writing", "web-design"],
            budget=("2000", "3000", "EUR", "FIXED"),
        )
        await awards.award_project_request(
            session=self.session,
            viewer=self.business,
            project_id=project_id,
            vendor_id=self.vendor.vendor_id,
        )
        _, engagement = await hiring.respond_to_award(
            session=self.session, viewer=self.vendor.viewer, project_id=project_id, accept=True
        )
        assert engagement is not None and engagement.id is not None
        (milestone,) = await self.milestone_ids(engagement.id)
        await milestones.move_milestone(self.session, self.vendor.viewer, milestone, START)
        await milestones.move_milestone(
            self.session, self.vendor.viewer, milestone, SUBMIT, note="Catalogue and 42 articles."
        )
        await milestones.move_milestone(self.session, self.business, milestone, APPROVE)
        review = await engagement_reviews.submit_review(
            session=self.session,
            viewer=self.business,
            engagement_id=engagement.id,
            draft=ReviewDraft(5, 5, 4, 5, "Careful, consistent terminology; one day late."),
        )
        assert review.id is not None
        await engagement_reviews.reply_to_review(
            session=self.session,
            viewer=self.vendor.viewer,
            review_id=review.id,
            reply="Thank you! The extra day went on a terminology pass with your team.",
        )
        await engagement_reviews.submit_review(
            session=self.session,
            viewer=self.vendor.viewer,
            engagement_id=engagement.id,
            draft=ReviewDraft(5, 5, 5, 5, "Clear brief, quick answers, paid on time."),
        )
        await projects.update_project_request(
            session=self.session,
            viewer=self.business,
            project_id=project_id,
            draft=ScopeDraft(),
            status=ProjectStatus.CLOSED,
            expected_version=None,
            catalog=self.catalog,
        )

    async def disputed_data_entry(self) -> None:
        """Another vendor's engagement with a milestone in dispute, for an admin to resolve."""
        vendor = self.others[3]
        project_id = await self.post(
            "Data entry: 12,000 supplier invoices into our ERP",
            ["data-analysis", "microsoft-excel"],
            budget=("3000", "4500", "EUR", "FIXED"),
        )
        await awards.award_project_request(
            session=self.session,
            viewer=self.business,
            project_id=project_id,
            vendor_id=vendor.vendor_id,
        )
        _, engagement = await hiring.respond_to_award(
            session=self.session, viewer=vendor.viewer, project_id=project_id, accept=True
        )
        assert engagement is not None and engagement.id is not None
        (milestone,) = await self.milestone_ids(engagement.id)
        await milestones.move_milestone(self.session, vendor.viewer, milestone, START)
        await milestones.move_milestone(
            self.session, vendor.viewer, milestone, SUBMIT, note="All invoices entered."
        )
        await disputes.open_dispute(
            self.session,
            self.business,
            engagement_id=engagement.id,
            milestone_id=milestone,
            draft=DisputeDraft(
                reason="About 9% of the invoices carry the wrong VAT rate.",
                evidence=["Sample of 200 invoices checked: 18 wrong VAT codes"],
            ),
        )

    async def cancelled_campaign(self) -> None:
        project_id = await self.post(
            "Spring social media campaign",
            ["graphic-design", "motion-design"],
            budget=("2000", "4000", "EUR", "FIXED"),
        )
        await projects.update_project_request(
            session=self.session,
            viewer=self.business,
            project_id=project_id,
            draft=ScopeDraft(),
            status=ProjectStatus.CANCELLED,
            expected_version=None,
            catalog=self.catalog,
        )

    # -- helpers -------------------------------------------------------------------------

    async def post(
        self,
        title: str,
        tags: Sequence[str],
        *,
        description: str | None = None,
        budget: tuple[str, str, str, str] = ("3000", "6000", "EUR", "FIXED"),
        hours: float | None = None,
        questions: Sequence[str] = (),
        publish: bool = True,
        terms: TermsDraft | None = None,
    ) -> int:
        low, high, currency, pricing = budget
        draft = ScopeDraft(
            title=title,
            description=description or f"{title}. Details in the deliverables below.",
            skills=[SkillEntry(tag, must_have=index == 0) for index, tag in enumerate(tags)],
            deliverables=[title],
            budget=BudgetEntry(Decimal(low), Decimal(high), currency, pricing),
            estimated_hours=hours,
            timezone="Europe/Berlin",
            working_hours=HoursEntry("09:00", "17:00"),
            min_overlap_hours=3,
            languages=["en", "de"],
            start_date=self.today + timedelta(days=14),
            deadline=self.today + timedelta(days=90),
        )
        if terms is None:
            terms = replace(
                COMPLETE_TERMS, screening_questions=[QuestionEntry(q) for q in questions] or None
            )
        project = await projects.post_project_request(
            session=self.session,
            viewer=self.business,
            draft=draft,
            publish=publish,
            catalog=self.catalog,
            terms=terms,
        )
        assert project.id is not None
        return project.id

    async def propose(
        self, project_id: int, party: Party, amount: str, currency: str, *, hourly: bool
    ) -> int:
        questions = await projects.screening_questions(self.session, project_id)
        proposal = await proposals.submit_proposal(
            session=self.session,
            viewer=party.viewer,
            project_id=project_id,
            vendor_id=party.vendor_id,
            draft=ProposalDraft(
                price=PriceEntry(
                    Pricing.HOURLY if hourly else Pricing.FIXED, Decimal(amount), currency
                ),
                estimated_hours=520 if hourly else None,
                schedule=ScheduleEntry(
                    self.today + timedelta(days=14), self.today + timedelta(days=80)
                ),
                team=TeamEntry(3, ["Lead", "Specialist", "Reviewer"]),
                approach="A pilot week to agree quality criteria, then weekly deliveries "
                "reviewed by a second specialist before they reach you.",
                answers=[f"Answer to: {q.question}" for q in questions],
            ),
        )
        assert proposal.id is not None
        return proposal.id

    def milestone(self, title: str, amount: str, days: int) -> MilestoneDraft:
        return MilestoneDraft(
            title=title,
            amount=amount,
            due_date=self.today + timedelta(days=days),
            acceptance_criteria=f"{title}, approved by our brand lead.",
        )

    async def milestone_ids(self, engagement_id: int) -> list[int]:
        rows = await self.session.execute(
            select(col(EngagementMilestone.id))
            .where(col(EngagementMilestone.engagement_id) == engagement_id)
            .order_by(col(EngagementMilestone.position))
        )
        return [milestone_id for milestone_id in rows.scalars() if milestone_id is not None]
