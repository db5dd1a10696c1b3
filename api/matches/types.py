"""GraphQL types for ranked matches: factors, reasons and outsourcing risks."""

from __future__ import annotations

from typing import TypeAlias

import strawberry

from api.graphql.cost import cost_hint
from api.graphql.pagination import Connection
from api.graphql.user_errors import UserError
from api.matches.factors import by_factor, per_factor
from api.scopes.rules import MAX_CODES, MAX_SKILLS
from api.tags.types import SkillNoteType
from api.vendors.types import VendorType
from matching import Match, Relaxation, Risk, RiskKind, RiskLevel

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


# One relaxation at most per requirement a scope can state: each skill, language and
# certification, availability and the minimum project size.
MAX_RELAXATIONS = MAX_SKILLS + 2 * MAX_CODES + 2
# The hard requirements a ranking applies, as `constraint` names them.
CONSTRAINTS = (
    "mustHaveSkills, languages, requiredCertifications, minProjectSize (the vendor's "
    "minimum project is above the budget's maximum) or availability (UNAVAILABLE vendors, "
    "unless includeUnavailable)"
)


@strawberry.type(description="How many vendors a hard requirement removed.")
class ConstraintExclusion:
    constraint: str = strawberry.field(description=f"One of {CONSTRAINTS}.")
    count: int


@strawberry.type(
    description="What dropping one hard requirement would bring back, when fewer vendors "
    "passed them all than were asked for."
)
class MatchRelaxation:
    constraint: str = strawberry.field(description=f"The kind of requirement: {CONSTRAINTS}.")
    value: str = strawberry.field(
        description="The requirement itself: a certification code, a language, a skill, "
        "UNAVAILABLE or 'minimum project size'."
    )
    detail: str = strawberry.field(description="For the buyer, e.g. 'without ISO_27001: 14 more'.")
    more: int = strawberry.field(
        description="Vendors that fail this requirement and no other: dropping it adds them."
    )

    @classmethod
    def from_relaxation(cls, relaxation: Relaxation) -> MatchRelaxation:
        return cls(
            constraint=relaxation.constraint,
            value=relaxation.value,
            detail=relaxation.detail,
            more=relaxation.more,
        )


@strawberry.type(description="The weights a ranking used (they sum to 1).")
@per_factor(float)
class AppliedWeights:
    source: str = strawberry.field(description="DEFAULT, FITTED or REQUEST.")


@strawberry.type
class VendorMatchConnection(Connection[VendorMatch]):
    considered: int = strawberry.field(description="Vendors scored after hard constraints.")
    excluded: list[ConstraintExclusion]
    relaxations: list[MatchRelaxation] = strawberry.field(
        description="When fewer vendors passed the hard requirements than asked for, which "
        "requirement to drop for how many more, most first; empty otherwise.",
        metadata=cost_hint(list_size=MAX_RELAXATIONS),
    )
    weights: AppliedWeights | None
    user_errors: list[UserError] = strawberry.field(
        description="Why the scope was refused; empty when it was ranked."
    )
    notes: list[SkillNoteType] = strawberry.field(
        default_factory=list,
        description="Skills the scope names that the taxonomy does not know: matched as free "
        "text (never refused), with suggestions.",
    )
