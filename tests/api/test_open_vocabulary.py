"""Open vocabulary over GraphQL: a skill's name never refuses a profile, a request or a
match. Known names resolve to tags; any other is kept as free text, matched by its wording
and reported back as a note with the closest known tags."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.relay import GlobalID

from tests.graphql_client import Account, GraphQLClient, scope_input, vendor_input

NOTE = "notes { field text message suggestions { slug name } }"
ERRORS = "userErrors { field message code }"
PROFILE = "id version expertise { tag { slug } years } otherSkills { name years }"

CREATE = f"""
mutation ($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{ vendor {{ {PROFILE} }} {NOTE} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation ($input: UpdateVendorProfileInput!) {{
  updateVendorProfile(input: $input) {{ vendor {{ {PROFILE} }} {NOTE} {ERRORS} }}
}}
"""
REQUEST = """
id version
skills { tag { slug } mustHave weight anyOf { name tag { slug } } }
otherSkills { name mustHave weight anyOf { name tag { slug } } }
"""
POST = f"""
mutation ($input: PostProjectRequestInput!) {{
  postProjectRequest(input: $input) {{ projectRequest {{ {REQUEST} }} {NOTE} {ERRORS} }}
}}
"""
UPDATE_REQUEST = f"""
mutation ($input: UpdateProjectRequestInput!) {{
  updateProjectRequest(input: $input) {{ projectRequest {{ {REQUEST} }} {NOTE} {ERRORS} }}
}}
"""
MATCH = f"""
query ($scope: ScopeInput!) {{
  matchVendors(scope: $scope, first: 20) {{
    edges {{ node {{ vendor {{ id name }} reasons }} }}
    excluded {{ constraint count }}
    {NOTE} {ERRORS}
  }}
}}
"""
REQUEST_MATCHES = """
query ($id: ID!) {
  projectRequest(id: $id) { matches(first: 20) { edges { node { vendor { id } } } } }
}
"""
SEARCH = "query ($q: String!) { vendors(search: $q) { edges { node { id } } } }"
FILTER = "query ($tags: [String!]) { vendors(filter: {tagsAny: $tags}) { edges { node { id } } } }"
VENDOR = f"query ($id: ID!) {{ vendor(id: $id) {{ {PROFILE} }} }}"

# Names no taxonomy file will ever hold: the free-text path is what these tests are about.
INVENTED = "Quillmark CMS"
INVENTED_OTHER = "Brindlewood ERP"


def create(client: GraphQLClient, owner: Account, **fields: Any) -> dict[str, Any]:
    data = client.execute(CREATE, {"input": vendor_input(**fields)}, token=owner.token)
    return data["createVendorProfile"]


def vendor_with(client: GraphQLClient, *skills: tuple[str, float], **fields: Any) -> str:
    owner = client.register("VENDOR")
    expertise = [{"tag": name, "years": years} for name, years in skills]
    payload = create(client, owner, expertise=expertise, **fields)
    assert payload["userErrors"] == []
    vendor_id: str = payload["vendor"]["id"]
    return vendor_id


def match(client: GraphQLClient, skills: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.execute(MATCH, {"scope": scope_input(skills=skills, **fields)})[
        "matchVendors"
    ]
    assert result["userErrors"] == []
    return result


def found(result: dict[str, Any]) -> list[str]:
    return [edge["node"]["vendor"]["id"] for edge in result["edges"]]


def notes_by_text(payload: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {note["text"]: note for note in payload["notes"]}


# --- the issue's failures: each once emptied the search ------------------------------


def test_an_unknown_nice_to_have_no_longer_empties_the_search(client: GraphQLClient) -> None:
    react_shop = vendor_with(client, ("React", 6), ("Django", 4))

    result = match(
        client, [{"tag": "react", "mustHave": True}, {"tag": "WebRTC", "mustHave": False}]
    )

    assert react_shop in found(result)


@pytest.mark.parametrize(
    "skill", ["HealthKit", "Chatbots", "Rasa", "SAP FI/CO", "Packaging Design", "WebRTC"]
)
def test_a_must_have_from_the_issue_finds_the_vendor_who_lists_it(
    client: GraphQLClient, skill: str
) -> None:
    specialist = vendor_with(client, (skill, 5))
    vendor_with(client, ("React", 6))

    result = match(client, [{"tag": skill, "mustHave": True}])

    assert found(result) == [specialist]


# --- vendors ------------------------------------------------------------------------------


def test_a_vendor_with_only_unknown_skills_creates_a_profile(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    skills = [{"tag": f"  {INVENTED} ", "years": 4}, {"tag": INVENTED_OTHER, "years": 2}]

    payload = create(client, owner, expertise=skills)

    assert payload["userErrors"] == []
    vendor = payload["vendor"]
    assert vendor["expertise"] == []
    assert vendor["otherSkills"] == [
        {"name": INVENTED, "years": 4.0},
        {"name": INVENTED_OTHER, "years": 2.0},
    ]
    notes = notes_by_text(payload)
    assert set(notes) == {INVENTED, INVENTED_OTHER}
    assert notes[INVENTED]["field"] == ["input", "expertise", "0", "tag"]
    assert INVENTED in notes[INVENTED]["message"]
    # Shown back the same way to anyone who reads the profile.
    assert client.execute(VENDOR, {"id": vendor["id"]})["vendor"] == vendor


def test_a_free_text_must_have_finds_the_vendor_in_any_spelling(client: GraphQLClient) -> None:
    specialist = vendor_with(client, (INVENTED, 4))
    vendor_with(client, ("React", 6))

    result = match(client, [{"tag": "quillmark-cms", "mustHave": True}])

    assert found(result) == [specialist]
    assert [note["text"] for note in result["notes"]] == ["quillmark-cms"]
    assert result["notes"][0]["field"] == ["scope", "skills", "0", "tag"]


def test_a_skill_named_in_another_script_is_kept_and_matched(client: GraphQLClient) -> None:
    # Translation and DTP vendors name skills in the language they work in.
    specialist = vendor_with(client, ("日本語 DTP", 5))
    vendor_with(client, ("React", 6))

    result = match(client, [{"tag": "日本語 dtp", "mustHave": True}])

    assert found(result) == [specialist]
    assert [note["text"] for note in result["notes"]] == ["日本語 dtp"]


def test_free_text_skills_are_searchable_and_filterable(client: GraphQLClient) -> None:
    specialist = vendor_with(client, (INVENTED, 4), ("React", 3))
    vendor_with(client, ("React", 6))

    searched = client.execute(SEARCH, {"q": "quillmark"})["vendors"]["edges"]
    filtered = client.execute(FILTER, {"tags": ["quillmark cms"]})["vendors"]["edges"]

    assert [edge["node"]["id"] for edge in searched] == [specialist]
    assert [edge["node"]["id"] for edge in filtered] == [specialist]


def test_a_typo_is_kept_with_suggestions_of_what_was_meant(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")

    payload = create(client, owner, expertise=[{"tag": "Djangoo", "years": 3}])

    assert payload["userErrors"] == []
    [note] = payload["notes"]
    assert note["text"] == "Djangoo"
    assert "django" in [tag["slug"] for tag in note["suggestions"]]
    assert "Django" in note["message"]


def test_known_names_and_aliases_still_resolve_to_tags_without_notes(
    client: GraphQLClient,
) -> None:
    owner = client.register("VENDOR")

    payload = create(client, owner, expertise=[{"tag": "ReactJS", "years": 6}])

    assert payload["notes"] == []
    assert payload["vendor"]["expertise"] == [{"tag": {"slug": "react"}, "years": 6.0}]
    assert payload["vendor"]["otherSkills"] == []


def test_the_same_free_skill_twice_keeps_the_deeper_claim(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    skills = [{"tag": INVENTED, "years": 2}, {"tag": INVENTED.upper(), "years": 7}]

    payload = create(client, owner, expertise=skills)

    assert payload["vendor"]["otherSkills"] == [{"name": INVENTED.upper(), "years": 7.0}]


def test_updating_expertise_replaces_tags_and_free_text_together(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    vendor = create(client, owner, expertise=[{"tag": INVENTED, "years": 4}])["vendor"]

    changes = {"id": vendor["id"], "expertise": [{"tag": INVENTED_OTHER, "years": 1}]}
    payload = client.execute(UPDATE, {"input": changes}, token=owner.token)["updateVendorProfile"]

    assert payload["userErrors"] == []
    assert payload["vendor"]["otherSkills"] == [{"name": INVENTED_OTHER, "years": 1.0}]
    assert [note["field"] for note in payload["notes"]] == [["input", "expertise", "0", "tag"]]


def test_the_expertise_limit_counts_tags_and_free_text_together(client: GraphQLClient) -> None:
    owner = client.register("VENDOR")
    skills = [{"tag": "react", "years": 1}] + [
        {"tag": f"Invented skill {i}", "years": 1} for i in range(50)
    ]

    payload = create(client, owner, expertise=skills)

    assert payload["vendor"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [
        (["input", "expertise"], "TOO_MANY")
    ]
    assert (
        client.execute("{ viewer { vendor { id } } }", token=owner.token)["viewer"]["vendor"]
        is None
    )


# --- project requests ---------------------------------------------------------------------


def test_a_request_keeps_free_text_requirements_and_alternatives(client: GraphQLClient) -> None:
    business = client.register("BUSINESS")
    skills = [
        {"tag": "react", "mustHave": True, "anyOf": ["Vue.js", INVENTED_OTHER]},
        {"tag": INVENTED, "mustHave": True, "weight": 2, "anyOf": ["django"]},
    ]

    data = client.execute(POST, {"input": scope_input(skills=skills)}, token=business.token)
    payload = data["postProjectRequest"]

    assert payload["userErrors"] == []
    request = payload["projectRequest"]
    assert request["skills"] == [
        {
            "tag": {"slug": "react"},
            "mustHave": True,
            "weight": 1.0,
            "anyOf": [
                {"name": "Vue.js", "tag": {"slug": "vue-js"}},
                {"name": INVENTED_OTHER, "tag": None},
            ],
        }
    ]
    assert request["otherSkills"] == [
        {
            "name": INVENTED,
            "mustHave": True,
            "weight": 2.0,
            "anyOf": [{"name": "Django", "tag": {"slug": "django"}}],
        }
    ]
    assert {(n["text"], tuple(n["field"])) for n in payload["notes"]} == {
        (INVENTED_OTHER, ("input", "skills", "0", "anyOf", "1")),
        (INVENTED, ("input", "skills", "1", "tag")),
    }


def test_a_request_with_a_free_text_must_have_matches_its_vendor(client: GraphQLClient) -> None:
    specialist = vendor_with(client, (INVENTED, 4))
    vendor_with(client, ("React", 6))
    business = client.register("BUSINESS")
    request = client.post_project(business, skills=[{"tag": INVENTED, "mustHave": True}])

    data = client.execute(REQUEST_MATCHES, {"id": request["id"]}, token=business.token)
    edges = data["projectRequest"]["matches"]

    assert [edge["node"]["vendor"]["id"] for edge in edges["edges"]] == [specialist]


def test_an_alternative_meets_a_must_have(client: GraphQLClient) -> None:
    vue_shop = vendor_with(client, ("Vue.js", 5))
    free_text_shop = vendor_with(client, (INVENTED_OTHER, 5))
    vendor_with(client, ("Django", 6))

    result = match(client, [{"tag": "react", "mustHave": True, "anyOf": ["vue", INVENTED_OTHER]}])

    assert set(found(result)) == {vue_shop, free_text_shop}


def test_updating_a_request_reports_notes_and_keeps_the_new_skills(client: GraphQLClient) -> None:
    business = client.register("BUSINESS")
    request = client.post_project(business)
    changes = {"id": request["id"], "skills": [{"tag": INVENTED, "mustHave": True}]}

    data = client.execute(UPDATE_REQUEST, {"input": changes}, token=business.token)
    payload = data["updateProjectRequest"]

    assert payload["userErrors"] == []
    assert payload["projectRequest"]["skills"] == []
    assert [s["name"] for s in payload["projectRequest"]["otherSkills"]] == [INVENTED]
    assert [n["field"] for n in payload["notes"]] == [["input", "skills", "0", "tag"]]


@pytest.mark.parametrize(
    ("skills", "field", "code"),
    [
        ([{"tag": "q" * 81}], ["input", "skills", "0", "tag"], "TOO_LONG"),
        ([{"tag": " "}], ["input", "skills", "0", "tag"], "REQUIRED"),
        (
            [{"tag": "react", "anyOf": ["x" * 81]}],
            ["input", "skills", "0", "anyOf", "0"],
            "TOO_LONG",
        ),
        (
            [{"tag": "react", "anyOf": ["a", "b", "c", "d", "e", "f"]}],
            ["input", "skills", "0", "anyOf"],
            "TOO_MANY",
        ),
        ([{"tag": f"Invented {i}"} for i in range(31)], ["input", "skills"], "TOO_MANY"),
    ],
)
def test_bad_skills_are_refused_by_field_and_write_nothing(
    client: GraphQLClient, skills: list[dict[str, Any]], field: list[str], code: str
) -> None:
    business = client.register("BUSINESS")

    data = client.execute(POST, {"input": scope_input(skills=skills)}, token=business.token)
    payload = data["postProjectRequest"]

    assert payload["projectRequest"] is None
    assert payload["notes"] == []
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(field, code)]
    mine = client.execute("{ projectRequests(mine: true) { totalCount } }", token=business.token)
    assert mine["projectRequests"]["totalCount"] == 0


# Misspellings of known tags: each one alone would get suggestions.
TYPOS = ["Reactt", "Djangoo", "Angullar", "Pythonn", "Terraformm", "Flutterr", "Laravell"]
TYPOS += ["Symfonyy", "Elixirr", "Kotlinn", "Javascriptt", "Typescriptt"]


def test_suggestions_are_bounded_however_many_unknown_names(client: GraphQLClient) -> None:
    skills = [{"tag": typo, "anyOf": [f"Zyxquan alternative {i}"]} for i, typo in enumerate(TYPOS)]

    result = match(client, skills)

    assert len(result["notes"]) == 2 * len(TYPOS)
    suggested = [note["text"] for note in result["notes"] if note["suggestions"]]
    # The first ten distinct unknown names are looked up (alternatives come after their
    # skill): the alternatives among them find nothing close, and the rest go unsearched.
    assert suggested == TYPOS[:5]


def test_free_text_the_taxonomy_has_come_to_know_reads_as_its_tag(
    client: GraphQLClient,
) -> None:
    """A free-text skill stored before a re-seed added its tag counts as that tag."""
    from api.vendors.models import VendorFreeSkill

    vendor = vendor_with(client, ("React", 6), ("Django", 2))
    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]
    pk = int(GlobalID.from_id(vendor).node_id)

    async def store_as_before() -> None:
        async with runtime.sessions() as session, session.begin():
            session.add(VendorFreeSkill(vendor_id=pk, key="django", name="Django", years=9))

    client.http.portal.call(store_as_before)  # type: ignore[union-attr]

    profile = client.execute(VENDOR, {"id": vendor})["vendor"]
    assert profile["expertise"] == [
        {"tag": {"slug": "react"}, "years": 6.0},
        {"tag": {"slug": "django"}, "years": 9.0},
    ]
    assert profile["otherSkills"] == []
    assert found(match(client, [{"tag": "django", "mustHave": True}])) == [vendor]
