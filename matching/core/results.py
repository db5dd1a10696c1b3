"""Plain records out of the matcher: ranked matches, their risks and the result."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from .factor import FactorScores, MatchWeights


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
class Relaxation:
    """What dropping one hard requirement would bring back.

    ``constraint`` names the kind (as in ``MatchResult.excluded``), ``value`` the
    requirement itself (a certification code, a language, a skill, ...),
    ``detail`` says it for a buyer ("without ISO_27001: 14 more") and ``more``
    counts the vendors that fail this requirement and nothing else.
    """

    constraint: str
    value: str
    detail: str
    more: int


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The top matches, vendors removed per hard constraint, vendors that passed them all,
    and, when fewer than asked passed, which requirement to relax for how many more;
    ``weights`` are the ones the scores were summed with (normalised)."""

    matches: list[Match] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)
    considered: int = 0
    relaxations: list[Relaxation] = field(default_factory=list)
    weights: MatchWeights = field(default_factory=lambda: MatchWeights().normalised())
