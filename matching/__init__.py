"""Vendormatch matching library: rank vendors for a scope of work, and say why.

Pure numpy, scipy and scikit-learn; no I/O, no clock and nothing from ``api/``.

Build a :class:`MatchIndex` from :class:`VendorRecord` values with a
:class:`Taxonomy` and :class:`FxRates`, then call :meth:`MatchIndex.match`
with a :class:`Scope` and the day to plan from. Each :class:`Match` carries a
score in [0, 1], one score per :class:`Factor` (:class:`FactorScores`), the
reasons a buyer reads and the outsourcing :class:`Risk` values with
mitigations. :class:`MatchWeights` holds the factor weights;
:class:`WeightLearner` learns them from past outcomes (see
:func:`training_data`, :func:`ndcg_at_k`, :func:`compare_weights`).
:class:`RatingPrior` is what the quality factor shrinks ratings towards.

Examples
--------
>>> index = MatchIndex(Taxonomy.from_records(tags), FxRates("USD", rates))  # doctest: +SKIP
>>> index.build(vendors).match(scope, k=10, today=date(2026, 3, 2))  # doctest: +SKIP
"""

import importlib
from typing import TYPE_CHECKING, Any

from .core.factor import FACTORS, Factor, FactorScores, MatchWeights
from .core.fx import FxRates
from .core.records import (
    Availability,
    Coverage,
    Pricing,
    Proficiency,
    Scope,
    Sensitivity,
    SkillRequirement,
    VendorKind,
    VendorRecord,
)
from .core.results import Match, MatchResult, Relaxation, Risk, RiskKind, RiskLevel
from .core.taxonomy import Taxonomy, normalise_skill, skill_key
from .factors.quality import RatingPrior
from .learn.ndcg import ndcg_at_k
from .learn.outcomes import Outcome, training_data
from .rank.index import MatchIndex

if TYPE_CHECKING:
    from .learn.comparison import WeightComparison, compare_weights
    from .learn.learner import WeightLearner

# Learning weights needs scikit-learn's and SciPy's optimisers, which take seconds to
# import: they load when one of these names is first used, not with the library.
_LEARNING = {
    "WeightComparison": "comparison",
    "compare_weights": "comparison",
    "WeightLearner": "learner",
}


def __getattr__(name: str) -> Any:
    if name in _LEARNING:
        module = importlib.import_module(f".learn.{_LEARNING[name]}", __name__)
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FACTORS",
    "Availability",
    "Coverage",
    "Factor",
    "FactorScores",
    "FxRates",
    "Match",
    "MatchIndex",
    "MatchResult",
    "MatchWeights",
    "Outcome",
    "Pricing",
    "Proficiency",
    "RatingPrior",
    "Relaxation",
    "Risk",
    "RiskKind",
    "RiskLevel",
    "Scope",
    "Sensitivity",
    "SkillRequirement",
    "Taxonomy",
    "VendorKind",
    "VendorRecord",
    "WeightComparison",
    "WeightLearner",
    "compare_weights",
    "ndcg_at_k",
    "normalise_skill",
    "skill_key",
    "training_data",
]
