"""Every table, imported once so SQLModel.metadata (and Alembic) sees them all.

The one module that imports every domain's models: Alembic's environment and the tests
read `metadata` from here."""

from __future__ import annotations

from sqlmodel import SQLModel

from api.auth.models import Account
from api.engagements.models import (
    ChangeRequest,
    CheckIn,
    Dispute,
    Engagement,
    EngagementMilestone,
)
from api.events.models import Event, Webhook, WebhookDelivery
from api.matches.models import MatchModel
from api.messaging.models import Message, Thread, ThreadRead
from api.projects.models import (
    Deliverable,
    Milestone,
    NdaAcceptance,
    ProjectFreeSkill,
    ProjectInvitation,
    ProjectRequest,
    ProjectShortlist,
    ProjectSkill,
    ScreeningQuestion,
)
from api.proposals.models import Proposal
from api.reviews.models import PublishedRatingPrior, Review
from api.tags.models import SkillMapping, Tag, TagAlias, TagRelation, TaxonomyStamp
from api.vendors.models import (
    Vendor,
    VendorCertification,
    VendorChangeCounter,
    VendorExpertise,
    VendorFreeSkill,
    VendorLanguage,
)

metadata = SQLModel.metadata

__all__ = [
    "Account",
    "ChangeRequest",
    "CheckIn",
    "Deliverable",
    "Dispute",
    "Engagement",
    "EngagementMilestone",
    "Event",
    "MatchModel",
    "Message",
    "Milestone",
    "NdaAcceptance",
    "ProjectFreeSkill",
    "ProjectInvitation",
    "ProjectRequest",
    "ProjectShortlist",
    "ProjectSkill",
    "Proposal",
    "PublishedRatingPrior",
    "Review",
    "ScreeningQuestion",
    "SkillMapping",
    "Tag",
    "TagAlias",
    "TagRelation",
    "TaxonomyStamp",
    "Thread",
    "ThreadRead",
    "Vendor",
    "VendorCertification",
    "VendorChangeCounter",
    "VendorExpertise",
    "VendorFreeSkill",
    "VendorLanguage",
    "Webhook",
    "WebhookDelivery",
    "metadata",
]
