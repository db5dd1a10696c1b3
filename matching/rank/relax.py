"""Which hard requirement to relax, and how many vendors dropping each one would bring back.

Each requirement on its own (every required certification, every required language,
every must-have skill, availability, the minimum project size) gets a mask of the
vendors failing it; a per-slot count of failures then tells, for each requirement,
how many vendors fail it and nothing else.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ..core.results import Relaxation
from ..factors.capacity import UNAVAILABLE
from ..factors.culture import MIN_REQUIRED_LEVEL
from ..factors.evaluation import Evaluation
from ..factors.security import holds_all
from ..store.vendors import VendorStore

Mask = NDArray[np.bool_]
Failure = tuple[str, str, str, Mask]  # constraint key, requirement, detail prefix, fails


def failures(store: VendorStore, ev: Evaluation) -> list[Failure]:
    """Every individual hard requirement of the scope with the slots failing it."""
    c, scope = store.cols, ev.scope
    out: list[Failure] = []
    for code in dict.fromkeys(code.upper() for code in scope.required_certifications):
        held = holds_all(c["certs"], (code,), store.certs.ids)
        out.append(("requiredCertifications", code, f"without {code}", ~held))
    first: dict[str, int] = {}  # each language once (levels has a row per one asked)
    for i, code in enumerate(scope.languages):
        first.setdefault(code.lower(), i)
    for code, i in first.items():
        lacks = ev.culture.levels[i] < MIN_REQUIRED_LEVEL
        out.append(("languages", code, f"without {code}", lacks[ev.geo]))
    for label, missing in ev.skill.missing_by_requirement:
        out.append(("mustHaveSkills", label, f"without {label}", missing))
    if not scope.include_unavailable:
        unavailable = c["availability"] == UNAVAILABLE
        out.append(("availability", "UNAVAILABLE", "including UNAVAILABLE vendors", unavailable))
    if ev.below_minimum is not None:
        below = ev.below_minimum
        out.append(("minProjectSize", "minimum project size", "without minimum sizes", below))
    return out


def relaxations(store: VendorStore, ev: Evaluation) -> list[Relaxation]:
    """Per requirement, the vendors failing only it (most first; requirements that would
    bring back nobody are left out)."""
    found = failures(store, ev)
    if not found:
        return []
    alive = store.cols["alive"]
    count = np.zeros(len(alive), dtype=np.uint16)
    for *_, fails in found:
        count += fails
    alone = alive & (count == 1)
    out = []
    for key, value, prefix, fails in found:
        more = int(np.count_nonzero(alone & fails))
        if more:
            out.append(Relaxation(key, value, f"{prefix}: {more} more", more))
    out.sort(key=lambda r: -r.more)
    return out
