"""Plain records in and out of the matcher: enums, vendor and scope records, results."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from datetime import date, time
from typing import Self


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


class Sensitivity(enum.StrEnum):
    """How sensitive the data shared with the vendor is."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class RiskKind(enum.StrEnum):
    """The four outsourcing risks."""

    COMMUNICATION = "COMMUNICATION"
    QUALITY = "QUALITY"
    SECURITY = "SECURITY"
    CULTURAL = "CULTURAL"


class RiskLevel(enum.StrEnum):
    """How serious a risk is."""

    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


@dataclass(frozen=True, slots=True)
class VendorRecord:
    """A vendor profile as plain values; tags are canonical taxonomy slugs.

    ``work_end < work_start`` means an overnight shift; ``languages`` holds
    ``(iso639-1 code, Proficiency)`` pairs and ``expertise`` ``(slug, years)``
    pairs. Money is in ``currency``.
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


@dataclass(frozen=True, slots=True)
class SkillRequirement:
    """One skill a scope asks for, by canonical slug."""

    tag: str
    must_have: bool = False
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Scope:
    """A scope of work to match vendors against.

    ``budget_max == 0`` means no budget was given. With ``Pricing.HOURLY`` the
    budget is per hour; with ``Pricing.FIXED`` it is the total. ``country`` is
    the buyer's country for the working calendar; when empty it is derived
    from ``timezone``. ``start_date`` defaults to today when the window is used.
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


FACTORS: tuple[str, ...] = ("skill", "cost", "timezone", "culture", "quality", "security")


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Weights of the six factors; they sum to 1 once ``normalised``."""

    skill: float = 0.40
    cost: float = 0.15
    timezone: float = 0.15
    culture: float = 0.10
    quality: float = 0.12
    security: float = 0.08

    @classmethod
    def from_partial(cls, overrides: dict[str, float] | None = None) -> Self:
        """Defaults with ``overrides`` applied, normalised to sum to 1.

        Parameters
        ----------
        overrides : dict of str to float, optional
            Factor name to a non-negative weight; other factors keep defaults.

        Raises
        ------
        ValueError
            On an unknown factor, a negative weight or an all-zero result.
        """
        values = {f.name: getattr(cls(), f.name) for f in fields(cls)}
        for name, value in (overrides or {}).items():
            if name not in values:
                raise ValueError(f"unknown factor {name!r}")
            if value < 0:
                raise ValueError(f"weight {name!r} must not be negative")
            values[name] = float(value)
        return cls(**values).normalised()

    def normalised(self) -> Self:
        """The same proportions scaled to sum to 1."""
        total = sum(self.as_tuple())
        if total <= 0:
            raise ValueError("weights must not all be zero")
        return type(self)(*(v / total for v in self.as_tuple()))

    def as_tuple(self) -> tuple[float, ...]:
        """Weights in ``FACTORS`` order."""
        return tuple(getattr(self, name) for name in FACTORS)


@dataclass(frozen=True, slots=True)
class FactorScores:
    """One score in [0, 1] per factor."""

    skill: float
    cost: float
    timezone: float
    culture: float
    quality: float
    security: float

    def as_tuple(self) -> tuple[float, ...]:
        """Scores in ``FACTORS`` order."""
        return tuple(getattr(self, name) for name in FACTORS)


@dataclass(frozen=True, slots=True)
class Risk:
    """An outsourcing risk a match carries and how to lower it."""

    kind: RiskKind
    level: RiskLevel
    detail: str
    mitigation: str


@dataclass(frozen=True, slots=True)
class Match:
    """One ranked vendor with its score, factor scores, reasons and risks."""

    rank: int
    vendor_id: int
    score: float
    factors: FactorScores
    reasons: tuple[str, ...] = ()
    risks: tuple[Risk, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The top matches, vendors removed per hard constraint, vendors that passed them all."""

    matches: list[Match] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)
    considered: int = 0
