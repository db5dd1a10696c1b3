"""GraphQL types for ranked matches: factors, reasons and outsourcing risks."""

from __future__ import annotations

from typing import TypeAlias

import strawberry

from api.graphql.pagination import Connection
from api.graphql.user_errors import UserError
from api.matches.factors import by_factor, per_factor
from api.vendors.types import VendorType
from matching import Match, Risk, RiskKind, RiskLevel

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(RiskKind, name="RiskKind")
strawberry.enum(RiskLevel, name="RiskLevel")
RiskKindType: TypeAlias = RiskKind
RiskLevelType: TypeAlias = RiskLevel


@strawberry.type(description="Each factor's score in [0, 1].")
@per_factor(float)
class MatchFactors:
    pass


@strawberry.type(description="An outsourcing risk this match carries, and how to lower it.")
class MatchRisk:
    kind: RiskKindType
    level: RiskLevelType
    detail: str
    mitigation: str

    @classmethod
    def from_risk(cls, risk: Risk) -> MatchRisk:
        return cls(kind=risk.kind, level=risk.level, detail=risk.detail, mitigation=risk.mitigation)


@strawberry.type(description="A vendor ranked for a scope, with why and what to watch.")
class VendorMatch:
    rank: int
    score: float = strawberry.field(description="The weighted combination of the factors, 0-1.")
    vendor: VendorType
    factors: MatchFactors
    reasons: list[str]
    risks: list[MatchRisk]

    @classmethod
    def from_match(cls, match: Match, vendor: VendorType) -> VendorMatch:
        return cls(
            rank=match.rank,
            score=match.score,
            vendor=vendor,
            factors=MatchFactors(**by_factor(match.factors)),
            reasons=list(match.reasons),
            risks=[MatchRisk.from_risk(risk) for risk in match.risks],
        )


@strawberry.type(description="How many vendors a hard requirement removed.")
class ConstraintExclusion:
    constraint: str = strawberry.field(
        description="mustHaveSkills, languages or requiredCertifications."
    )
    count: int


@strawberry.type(description="The weights a ranking used (they sum to 1).")
@per_factor(float)
class AppliedWeights:
    source: str = strawberry.field(description="DEFAULT, FITTED or REQUEST.")


@strawberry.type
class VendorMatchConnection(Connection[VendorMatch]):
    considered: int = strawberry.field(description="Vendors scored after hard constraints.")
    excluded: list[ConstraintExclusion]
    weights: AppliedWeights | None
    user_errors: list[UserError] = strawberry.field(
        description="Why the scope was refused; empty when it was ranked."
    )
