"""Vendor profiles and the rows that hang off them."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import BigInteger, Index
from sqlmodel import Field, SQLModel, col

from api.core.clock import utcnow
from api.values.money import MONEY_DIGITS, MONEY_PLACES
from matching import Availability, Proficiency, VendorKind

__all__ = [
    "SEARCH_TEXT_LENGTH",
    "Availability",
    "Proficiency",
    "Vendor",
    "VendorCertification",
    "VendorChangeCounter",
    "VendorExpertise",
    "VendorFreeSkill",
    "VendorKind",
    "VendorLanguage",
]


# `vendors(search:)` reads this much of a profile's text; longer text is cut, not refused.
SEARCH_TEXT_LENGTH = 20000


class Vendor(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    owner_id: int = Field(foreign_key="account.id", unique=True, index=True)
    kind: str = Field(max_length=16)
    name: str = Field(max_length=120)
    slug: str = Field(max_length=140, unique=True, index=True)
    headline: str = Field(max_length=160)
    description: str = Field(max_length=5000)
    country: str = Field(max_length=2, index=True)
    region: str = Field(max_length=60, index=True)
    continent: str = Field(max_length=30)
    timezone: str = Field(max_length=64)
    work_start: time
    work_end: time
    rate_min: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    rate_max: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    currency: str = Field(max_length=3)
    # Rates in the FX base currency, kept so filters and sorting stay in SQL.
    rate_min_base: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, index=True)
    rate_max_base: Decimal = Field(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    min_budget_amount: Decimal | None = Field(
        default=None, max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES
    )
    min_budget_currency: str | None = Field(default=None, max_length=3)
    team_size: int
    availability: str = Field(default=Availability.AVAILABLE, max_length=16)
    # Declared capacity and staffed coverage; None lets the matcher estimate them from
    # the team size and the working hours.
    hours_per_week: float | None = None
    coverage_hours: float | None = None
    coverage_days: int = 5
    founded_year: int | None = None
    median_response_hours: float | None = None
    # Measured from messages over the last 90 days; shown (and matched on) instead of
    # the self-declared figure once there are any.
    response_median_hours: float | None = None
    response_p90_hours: float | None = None
    response_samples: int = 0
    verified: bool = Field(default=False, index=True)
    verified_at: datetime | None = None
    # Why verification was lifted (a changed country or certifications), until re-vetted.
    verification_note: str | None = Field(default=None, max_length=200)
    # Lower-cased name, headline, description and tag names for `search`.
    search_text: str = Field(default="", max_length=SEARCH_TEXT_LENGTH)
    review_count: int = Field(default=0)
    rating_sum: Decimal = Field(default=Decimal(0), max_digits=12, decimal_places=2)
    quality_sum: int = 0
    communication_sum: int = 0
    timeliness_sum: int = 0
    value_sum: int = 0
    on_time_count: int = 0
    # The Bayesian average under the published prior, less its mean (api.vendors.scores):
    # the RATING order's key, read through ix_vendor_rating_order; 0 without reviews.
    rating_lift: float = 0.0
    last_review_at: datetime | None = None
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
    # The vendor change counter's value when this profile (or what the matcher reads of
    # it) last changed: each worker's match index re-reads the vendors above the highest
    # it has seen, however long ago or recently the change was.
    change_seq: int = Field(default=0, sa_type=BigInteger, index=True)


# Best rated first, ties oldest first: the default `vendors` order, as an index walks it.
Index(
    "ix_vendor_rating_order",
    col(Vendor.rating_lift).desc(),
    col(Vendor.id),
)


class VendorChangeCounter(SQLModel, table=True):
    """One row counting vendor changes. A write takes the next value with an UPDATE, which
    holds the row until its transaction ends, so values become visible in order: a reader
    that sees value n has seen every change numbered below n."""

    __tablename__ = "vendor_change_counter"

    id: int = Field(default=1, primary_key=True)
    value: int = Field(default=0, sa_type=BigInteger)


class VendorLanguage(SQLModel, table=True):
    __tablename__ = "vendor_language"

    vendor_id: int = Field(foreign_key="vendor.id", primary_key=True, ondelete="CASCADE")
    code: str = Field(max_length=3, primary_key=True)
    proficiency: str = Field(max_length=16)


class VendorExpertise(SQLModel, table=True):
    __tablename__ = "vendor_expertise"

    vendor_id: int = Field(foreign_key="vendor.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, index=True)
    years: float


class VendorCertification(SQLModel, table=True):
    __tablename__ = "vendor_certification"

    vendor_id: int = Field(foreign_key="vendor.id", primary_key=True, ondelete="CASCADE")
    code: str = Field(max_length=32, primary_key=True, index=True)


class VendorFreeSkill(SQLModel, table=True):
    """A skill the vendor named that the taxonomy does not know (yet): kept as typed
    (normalised), keyed by `matching.skill_key`."""

    __tablename__ = "vendor_free_skill"

    vendor_id: int = Field(foreign_key="vendor.id", primary_key=True, ondelete="CASCADE")
    key: str = Field(max_length=80, primary_key=True, index=True)
    name: str = Field(max_length=80)
    years: float
