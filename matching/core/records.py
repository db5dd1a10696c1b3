"""Plain records into the matcher: vendor and scope records and their enums."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, time


class Proficiency(enum.StrEnum):
    """How well a vendor speaks a language."""

    NATIVE = "NATIVE"
    FLUENT = "FLUENT"
    CONVERSATIONAL = "CONVERSATIONAL"
    BASIC = "BASIC"


class VendorKind(enum.StrEnum):
    """An agency or a freelancer."""

    AGENCY = "AGENCY"
    FREELANCER = "FREELANCER"


class Pricing(enum.StrEnum):
    """How the budget is meant: a fixed total or a rate per hour."""

    FIXED = "FIXED"
    HOURLY = "HOURLY"


class Availability(enum.StrEnum):
    """Whether a vendor takes new work: UNAVAILABLE vendors are left out unless asked for."""

    AVAILABLE = "AVAILABLE"
    LIMITED = "LIMITED"
    UNAVAILABLE = "UNAVAILABLE"


class Coverage(enum.StrEnum):
    """The hours a scope needs staffed.

    ``BUSINESS_HOURS`` is the buyer's working day (the time-zone factor covers it);
    ``EXTENDED`` asks for at least 12 staffed hours a day on weekdays;
    ``FOLLOW_THE_SUN`` for 24 hours on weekdays; ``ROUND_THE_CLOCK`` for 24/7.
    """

    BUSINESS_HOURS = "BUSINESS_HOURS"
    EXTENDED = "EXTENDED"
    FOLLOW_THE_SUN = "FOLLOW_THE_SUN"
    ROUND_THE_CLOCK = "ROUND_THE_CLOCK"


class Sensitivity(enum.StrEnum):
    """How sensitive the data shared with the vendor is."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


@dataclass(frozen=True, slots=True)
class VendorRecord:
    """A vendor profile as plain values; tags are canonical taxonomy slugs.

    ``work_end < work_start`` means an overnight shift; ``languages`` holds
    ``(iso639-1 code, Proficiency)`` pairs and ``expertise`` ``(skill, years)``
    pairs, where a skill is a taxonomy slug or, when the taxonomy does not know
    it, free text (kept and matched by text). Money is in ``currency``.

    Capacity is ``hours_per_week`` when declared, else about 35 hours per head
    of ``team_size``. Staffed coverage is ``coverage_hours`` a day (default: the
    span of the working hours) on ``coverage_days`` days a week.
    """

    id: int
    name: str
    description: str = ""
    kind: VendorKind = VendorKind.AGENCY
    country: str = "US"
    region: str = ""
    continent: str = ""
    timezone: str = "UTC"
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)
    languages: tuple[tuple[str, Proficiency], ...] = ()
    rate_min: float = 0.0
    rate_max: float = 0.0
    currency: str = "USD"
    min_project_budget: float = 0.0
    team_size: int = 1
    expertise: tuple[tuple[str, float], ...] = ()
    certifications: frozenset[str] = frozenset()
    verified: bool = False
    review_count: int = 0
    review_mean: float = 0.0
    on_time_rate: float | None = None
    last_review_days: float | None = None
    median_response_hours: float | None = None
    availability: Availability = Availability.AVAILABLE
    hours_per_week: float | None = None
    coverage_hours: float | None = None
    coverage_days: int = 5


@dataclass(frozen=True, slots=True)
class SkillRequirement:
    """One skill a scope asks for.

    ``tag`` is a taxonomy slug or, when the taxonomy does not know it, free text
    (matched by text and character similarity, never refused). A must-have is
    met only by the skill itself (aliases resolve to it) or by one of the
    alternatives in ``any_of`` (slugs or free text); related skills earn partial
    credit for nice-to-haves only.
    """

    tag: str
    must_have: bool = False
    weight: float = 1.0
    any_of: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scope:
    """A scope of work to match vendors against.

    ``budget_max == 0`` means no budget was given. With ``Pricing.HOURLY`` the
    budget is per hour; with ``Pricing.FIXED`` it is the total. ``country`` is
    the buyer's country for the working calendar; when empty it is derived
    from ``timezone``. Without ``start_date`` (or ``deadline``) the project window starts
    on the ``today`` the caller passes to the match.
    """

    title: str
    description: str = ""
    skills: tuple[SkillRequirement, ...] = ()
    budget_min: float = 0.0
    budget_max: float = 0.0
    currency: str = "USD"
    pricing: Pricing = Pricing.HOURLY
    estimated_hours: float | None = None
    timezone: str = "UTC"
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)
    min_overlap_hours: float = 0.0
    languages: tuple[str, ...] = ()
    preferred_regions: tuple[str, ...] = ()
    required_certifications: tuple[str, ...] = ()
    data_sensitivity: Sensitivity = Sensitivity.LOW
    start_date: date | None = None
    deadline: date | None = None
    country: str = ""
    coverage: Coverage = Coverage.BUSINESS_HOURS
    max_response_hours: float | None = None
    include_unavailable: bool = False
