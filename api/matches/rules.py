"""The rules for a request's factor weights: each in range, not all zero."""

from __future__ import annotations

from api.core.errors import ErrorCode, Problems
from api.matches.inputs import MatchWeightsInput
from matching import FACTORS, MatchWeights

MAX_WEIGHT = 100.0


def resolve_weights(
    base: MatchWeights, requested: MatchWeightsInput | None, problems: Problems
) -> tuple[MatchWeights, str]:
    """The request's weights over the fitted (or default) ones, normalised to sum to 1."""
    source = "DEFAULT" if base == MatchWeights().normalised() else "FITTED"
    if requested is None:
        return base, source
    overrides = {name: getattr(requested, name) for name in FACTORS}
    given = {name: value for name, value in overrides.items() if value is not None}
    for name, value in given.items():
        if not 0 <= value <= MAX_WEIGHT:
            problems.add([name], f"Use a weight from 0 to {MAX_WEIGHT:g}.", ErrorCode.OUT_OF_RANGE)
    merged = {**dict(zip(FACTORS, base.as_tuple(), strict=True)), **given}
    if not problems and sum(merged.values()) <= 0:
        problems.add([], "At least one weight must be above zero.", ErrorCode.INVALID)
    if problems:
        return base, source
    return MatchWeights(**merged).normalised(), "REQUEST"
