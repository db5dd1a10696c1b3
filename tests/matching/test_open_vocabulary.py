"""Open vocabulary: free-text skills are kept and matched, must-haves are strict, and
"did you mean" offers only close tags."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest

from matching import FxRates, MatchIndex, SkillRequirement, Taxonomy
from matching.factors.skill import skill_fit

from .conftest import TAGS, TODAY, index_of, scope, vendor

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "taxonomy"
MORE_TAGS: list[dict[str, Any]] = [
    {
        "slug": "react-native",
        "name": "React Native",
        "category": "mobile",
        "related": ["react", "javascript"],
    },
    {"slug": "sap-ecc", "name": "SAP ECC", "category": "erp", "related": ["sap-s4hana"]},
    {"slug": "sap-s4hana", "name": "SAP S/4HANA", "category": "erp", "aliases": ["s4hana"]},
]


@pytest.fixture
def wide() -> Taxonomy:
    return Taxonomy.from_records([*cast(list[dict[str, Any]], TAGS), *MORE_TAGS])


@pytest.fixture(scope="module")
def software() -> Taxonomy:
    return Taxonomy.from_records(json.loads((SEEDS / "software.json").read_text())["tags"])


def ranked(index: MatchIndex, *skills: SkillRequirement, description: str = "") -> list[int]:
    result = index.match(scope(skills=skills, description=description), today=TODAY)
    return [m.vendor_id for m in result.matches]


@pytest.mark.parametrize(
    "name", ["WebRTC", "HealthKit", "Rasa", "SAP FI/CO", "Packaging Design", "Chatbots"]
)
def test_an_unknown_nice_to_have_never_empties_the_result(
    taxonomy: Taxonomy, fx: FxRates, name: str
) -> None:
    index = index_of(taxonomy, fx, vendor(1), vendor(2, expertise=(("django", 3.0),)))

    found = ranked(index, SkillRequirement("python"), SkillRequirement(name))

    assert found == [1, 2]


def test_a_vendor_with_only_free_text_skills_is_indexed_and_matched(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, description="Conversational assistants", expertise=(("Rasa", 4.0),)),
        vendor(2, expertise=(("python", 5.0),)),
    )

    result = index.match(
        scope(skills=(SkillRequirement("rasa"), SkillRequirement("HealthKit"))), today=TODAY
    )

    assert 1 in index and [m.vendor_id for m in result.matches] == [1, 2]
    assert "Covers 1 of 2 required skills (rasa as listed); missing HealthKit" in (
        result.matches[0].reasons
    )


def test_a_free_text_must_have_is_met_by_the_same_skill_however_it_is_spelt(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, expertise=(("sap fi-co", 3.0),)),
        vendor(2, expertise=(("SAP FI/CO consulting", 3.0),)),  # alike, not the same
        vendor(3, expertise=(("Chatbot", 2.0),)),
        vendor(4),
    )

    must = SkillRequirement("SAP FI/CO", must_have=True)
    result = index.match(scope(skills=(must,)), today=TODAY)

    assert [m.vendor_id for m in result.matches] == [1]
    assert result.excluded["mustHaveSkills"] == 3
    # A plural or a typo is the same skill.
    chatbots = index.match(
        scope(skills=(SkillRequirement("Chatbots", must_have=True),)), today=TODAY
    )
    assert [m.vendor_id for m in chatbots.matches] == [3]
    assert 'Covers 1 of 1 required skills (Chatbots as "Chatbot")' in chatbots.matches[0].reasons


def test_a_free_text_nice_to_have_credits_skills_spelt_alike(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, expertise=(("python", 5.0), ("Packaging design services", 5.0))),
        vendor(2, expertise=(("python", 5.0), ("Packaging Design", 5.0))),
        vendor(3, expertise=(("python", 5.0), ("Label printing", 5.0))),
    )

    result = index.match(scope(skills=(SkillRequirement("Packaging Design"),)), today=TODAY)

    assert [m.vendor_id for m in result.matches] == [2, 1, 3]
    reasons = {m.vendor_id: m.reasons for m in result.matches}
    assert "Covers 1 of 1 required skills (Packaging Design as listed)" in reasons[2]
    assert "Covers 0 of 1 required skills; related experience for Packaging Design" in reasons[1]
    assert "Covers 0 of 1 required skills; missing Packaging Design" in reasons[3]


def test_free_text_requirements_join_the_description_query(taxonomy: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        taxonomy,
        fx,
        vendor(1, description="Video calling with WebRTC and TURN servers"),
        vendor(2, description="Video editing for social media"),
    )

    result = index.match(scope(skills=(SkillRequirement("WebRTC"),)), today=TODAY)

    assert [m.vendor_id for m in result.matches] == [1, 2]
    assert result.matches[0].factors.skill > result.matches[1].factors.skill


def test_a_javascript_only_shop_fails_a_react_native_must_have(wide: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        wide,
        fx,
        vendor(1, expertise=(("javascript", 8.0), ("react", 6.0))),
        vendor(2, expertise=(("react-native", 2.0),)),
    )

    must = SkillRequirement("React Native", must_have=True)
    result = index.match(scope(skills=(must,)), today=TODAY)

    assert [m.vendor_id for m in result.matches] == [2]
    assert result.excluded["mustHaveSkills"] == 1
    # As a nice-to-have the related skills still earn partial credit.
    assert ranked(index, SkillRequirement("react-native")) == [2, 1]


def test_sap_ecc_does_not_pass_an_s4hana_must_have_but_its_alias_does(
    wide: Taxonomy, fx: FxRates
) -> None:
    index = index_of(
        wide,
        fx,
        vendor(1, expertise=(("sap-ecc", 10.0),)),
        vendor(2, expertise=(("S4HANA", 1.0),)),  # an alias resolves to the tag
    )

    assert ranked(index, SkillRequirement("sap-s4hana", must_have=True)) == [2]


def test_any_of_accepts_each_alternative_and_says_which(wide: Taxonomy, fx: FxRates) -> None:
    index = index_of(
        wide,
        fx,
        vendor(1, expertise=(("react-native", 3.0),)),
        vendor(2, expertise=(("Flutter", 3.0),)),
        vendor(3, expertise=(("kubernetes", 3.0),)),
        vendor(4, expertise=(("javascript", 3.0),)),
        vendor(5, expertise=(("csharp", 3.0),)),
    )

    must = SkillRequirement("react-native", must_have=True, any_of=("Flutter", "c-sharp"))
    result = index.match(scope(skills=(must,)), today=TODAY)

    assert sorted(m.vendor_id for m in result.matches) == [1, 2, 5]
    reasons = {m.vendor_id: m.reasons for m in result.matches}
    assert "Covers 1 of 1 required skills" in reasons[1]
    assert "Covers 1 of 1 required skills (Flutter as listed)" in reasons[2]
    assert "Covers 1 of 1 required skills (C# for React Native or Flutter or C#)" in reasons[5]


def test_each_must_have_reports_who_lacks_it(wide: Taxonomy) -> None:
    # Tag columns: vendor slots 0 and 1 hold react-native, slot 2 holds sap-ecc.
    holders = {wide.index("react-native"): [0, 1], wide.index("sap-ecc"): [2]}

    def column(col: int) -> tuple[np.ndarray, np.ndarray]:
        slots = holders.get(col, [])
        return np.array(slots, dtype=np.intp), np.ones(len(slots), dtype=np.float32)

    fit = skill_fit(
        (
            SkillRequirement("React Native", must_have=True, any_of=("SwiftUI",)),
            SkillRequirement("sap-ecc", must_have=True),
            SkillRequirement("python"),
        ),
        wide,
        column,
        np.ones(len(wide)),
        3,
    )

    labels = [label for label, _ in fit.missing_by_requirement]
    masks = [mask.tolist() for _, mask in fit.missing_by_requirement]
    assert labels == ["React Native or SwiftUI", "SAP ECC"]
    assert masks == [[False, False, True], [True, True, False]]
    assert fit.missing_must.tolist() == [True, True, True]


def test_suggestions_are_close_in_spelling_or_meaning(software: Taxonomy) -> None:
    assert software.suggest("Kubernets")[0] == "kubernetes"
    assert software.suggest("Pyhton")[0] == "python"
    assert software.suggest("react native developer")[0] == "react-native"
    assert software.suggest("Postgres database")[0] == "postgresql"
    # Better no suggestion than an unrelated one.
    assert software.suggest("Xero") == []
    assert software.suggest("Packaging Design") == []
    assert software.suggest("Bookkeeping") == []
    assert len(software.suggest("design", n=2)) <= 2


def test_suggestions_over_every_line_of_work_stay_on_topic() -> None:
    tags = [t for f in sorted(SEEDS.glob("*.json")) for t in json.loads(f.read_text())["tags"]]
    everything = Taxonomy.from_records(tags)

    assert "heroku" not in everything.suggest("Xero")
    assert "pcb-design" not in everything.suggest("Packaging Design")
    assert everything.suggest("Kubernets")[0] == "kubernetes"
    # Shared words alone are not shared meaning, nor is a different number.
    assert "identity-access-management" not in everything.suggest("Brand identity")
    assert "tier-2-support" not in everything.suggest("Tier 1 support")


def test_upserted_and_removed_vendors_keep_their_free_skills_in_step(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(taxonomy, fx, vendor(1))
    must = SkillRequirement("HealthKit", must_have=True)

    index.upsert(vendor(2, expertise=(("HealthKit", 2.0),)))
    assert ranked(index, must) == [2]

    index.upsert(vendor(2, expertise=(("python", 2.0),)))
    assert ranked(index, must) == []

    index.upsert(vendor(3, expertise=(("healthkit", 1.0),)))
    assert index.remove(3)
    assert ranked(index, must) == []

    # Hundreds of new free skills widen the store and fold into it on compaction.
    for i in range(10, 700):
        index.upsert(vendor(i, expertise=((f"Niche skill {i}", 1.0),)))
    assert ranked(index, SkillRequirement("Niche skill 650", must_have=True)) == [650]
    assert ranked(index, SkillRequirement("Niche skill 12", must_have=True)) == [12]


def test_many_free_texts_still_meet_must_haves_by_their_key(
    taxonomy: Taxonomy, fx: FxRates
) -> None:
    index = index_of(taxonomy, fx, vendor(1, expertise=(("healthkit", 2.0),)), vendor(2))
    # Only the first texts of a scope are compared by spelling; the rest still match a
    # free skill with the same key.
    many = tuple(SkillRequirement(f"Unheard-of tool {i}") for i in range(40))

    found = ranked(index, *many, SkillRequirement("Health Kit", must_have=True))

    assert found == [1]
