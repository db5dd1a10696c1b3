"""Taxonomy lookups, currency conversion and weight normalisation."""

from __future__ import annotations

import pytest

from matching import FxRates, MatchWeights, Taxonomy


def test_resolve_is_case_space_and_punctuation_insensitive(taxonomy: Taxonomy) -> None:
    assert taxonomy.resolve("React.JS") == "react"
    assert taxonomy.resolve(" reactjs ") == "react"
    assert taxonomy.resolve("Next.js") == "next-js"
    assert taxonomy.resolve("C#") == "c-sharp"
    assert taxonomy.resolve("K8S") == "kubernetes"
    assert taxonomy.resolve("cobol") is None


def test_suggest_related_name_and_size(taxonomy: Taxonomy) -> None:
    assert taxonomy.suggest("reakt")[0] == "react"
    assert "react" in taxonomy.related("javascript")  # links are symmetric
    assert taxonomy.name("next-js") == "Next.js"
    assert "python" in taxonomy and "cobol" not in taxonomy
    assert len(taxonomy) == 9


def test_duplicate_slug_is_rejected() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        Taxonomy.from_records([{"slug": "a"}, {"slug": "a"}])


def test_fx_converts_through_the_base(fx: FxRates) -> None:
    assert fx.convert(100, "EUR", "USD") == pytest.approx(125.0)
    assert fx.convert(100, "EUR", "GBP") == pytest.approx(62.5)
    assert "PLN" in fx and "XYZ" not in fx
    with pytest.raises(KeyError):
        fx.convert(1, "XYZ", "USD")


def test_weights_override_and_normalise() -> None:
    w = MatchWeights.from_partial({"skill": 2.0, "cost": 0.0})
    assert sum(w.as_tuple()) == pytest.approx(1.0)
    d = MatchWeights()
    assert w.skill / w.timezone == pytest.approx(2.0 / d.timezone)
    assert w.cost == 0.0
    assert sum(MatchWeights().as_tuple()) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown"):
        MatchWeights.from_partial({"price": 1.0})
    with pytest.raises(ValueError, match="negative"):
        MatchWeights.from_partial({"cost": -1.0})
