"""README's Matching section stays true to the matcher: every factor with its default
weight, and every hard requirement the ranking can report in `excluded`."""

from __future__ import annotations

import re
from pathlib import Path

from matching import FACTORS, MatchWeights

README = Path(__file__).parents[3] / "README.md"


def matching_section() -> str:
    text = README.read_text()
    start = text.index("## Matching\n")
    return text[start : text.index("\n## ", start + 1)]


def test_every_factor_is_explained_with_its_default_weight() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| ([0-9.]+) \|", matching_section(), re.M))

    defaults = MatchWeights()
    assert {name: float(weight) for name, weight in rows.items()} == {
        name: getattr(defaults, name) for name in FACTORS
    }


def test_every_hard_requirement_is_explained() -> None:
    rows = set(re.findall(r"^\| `(\w+)` \| [a-z]", matching_section(), re.M))

    assert rows == {
        "mustHaveSkills",
        "languages",
        "requiredCertifications",
        "minProjectSize",
        "availability",
    }
