"""Vendormatch matching library: rank vendors for a scope of work, and say why.

Pure numpy, scipy and scikit-learn; no I/O and nothing from ``api/``.

Build a :class:`MatchIndex` from :class:`VendorRecord` values with a
:class:`Taxonomy` and :class:`FxRates`, then call :meth:`MatchIndex.match`
with a :class:`Scope`. Each :class:`Match` carries a score in [0, 1], one
score per factor (:class:`FactorScores`), the reasons a buyer reads and the
outsourcing :class:`Risk` values with mitigations. :class:`MatchWeights`
holds the factor weights; :class:`WeightLearner` learns them from past
outcomes (see :func:`training_data`, :func:`ndcg_at_k`, :func:`compare_weights`).

Examples
--------
>>> index = MatchIndex(Taxonomy.from_records(tags), FxRates("USD", rates))  # doctest: +SKIP
>>> index.build(vendors).match(scope, k=10)  # doctest: +SKIP
"""

from .fx import FxRates
from .index import MatchIndex
from .learn import WeightLearner
from .outcomes import Outcome, compare_weights, ndcg_at_k, training_data
from .taxonomy import Taxonomy
from .types import (
    FACTORS,
    FactorScores,
    Match,
    MatchResult,
    MatchWeights,
    Pricing,
    Proficiency,
    Risk,
    RiskKind,
    RiskLevel,
    Scope,
    Sensitivity,
    SkillRequirement,
    VendorKind,
    VendorRecord,
)

__all__ = [
    "FACTORS",
    "FactorScores",
    "FxRates",
    "Match",
    "MatchIndex",
    "MatchResult",
    "MatchWeights",
    "Outcome",
    "Pricing",
    "Proficiency",
    "Risk",
    "RiskKind",
    "RiskLevel",
    "Scope",
    "Sensitivity",
    "SkillRequirement",
    "Taxonomy",
    "VendorKind",
    "VendorRecord",
    "WeightLearner",
    "compare_weights",
    "ndcg_at_k",
    "training_data",
]
