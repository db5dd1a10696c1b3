"""Plain records out of the matcher: ranked matches, their risks and the result."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .factor import FactorScores


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
