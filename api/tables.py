"""Every table, imported once so SQLModel.metadata (and Alembic) sees them all.

The one module that imports every domain's models: Alembic's environment and the tests
read `metadata` from here."""

from __future__ import annotations

from sqlmodel import SQLModel

from api.auth.models import Account
from api.matches.models import MatchModel
from api.projects.models import (
    Deliverable,
    Milestone,
    ProjectRequest,
    ProjectShortlist,
    ProjectSkill,
)
from api.reviews.models import Review
from api.tags.models import Tag, TagAlias, TagRelation
from api.vendors.models import Vendor, VendorCertification, VendorExpertise, VendorLanguage

metadata = SQLModel.metadata

__all__ = [
    "Account",
    "Deliverable",
    "MatchModel",
    "Milestone",
    "ProjectRequest",
    "ProjectShortlist",
    "ProjectSkill",
    "Review",
    "Tag",
    "TagAlias",
    "TagRelation",
    "Vendor",
    "VendorCertification",
    "VendorExpertise",
    "VendorLanguage",
    "metadata",
]
