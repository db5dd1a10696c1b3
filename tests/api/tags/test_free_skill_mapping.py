"""Admins map a free-text skill onto a tag (mapFreeSkill) and see which free-text skills are
named most (unmappedSkills). Profiles and requests that named the skill follow, and every
worker's catalog and match index pick the change up without a restart."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.relay import GlobalID

from tests.graphql_client import Account, GraphQLClient, scope_input, vendor_input

ERRORS = "userErrors { field message code }"
MAP = f"""
mutation ($input: MapFreeSkillInput!) {{
  mapFreeSkill(input: $input) {{
    text tag {{ slug aliases }} vendorsUpdated projectRequestsUpdated {ERRORS}
  }}
}}
"""
UNMAPPED = """
query ($first: Int, $after: String) {
  unmappedSkills(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { text vendors projectRequests suggestions { slug } } }
  }
}
"""
CREATE = f"""
mutation ($input: CreateVendorProfileInput!) {{
  createVendorProfile(input: $input) {{
    vendor {{ id }} notes {{ text }} {ERRORS}
  }}
}}
"""
VENDOR = """
query ($id: ID!) {
  vendor(id: $id) { version expertise { tag { slug } years } otherSkills { name years } }
}
"""
REQUEST = """
query ($id: ID!) {
  projectRequest(id: $id) {
    version skills { tag { slug } mustHave weight } otherSkills { name }
  }
}
"""
MATCH = """
query ($scope: ScopeInput!) {
  matchVendors(scope: $scope, first: 20) { edges { node { vendor { id } } } notes { text } }
}
"""

SEARCH = "query ($q: String!) { vendors(search: $q) { edges { node { id } } } }"

NLP = "natural-language-processing"


def vendor_with(client: GraphQLClient, *skills: tuple[str, float]) -> str:
    owner = client.register("VENDOR")
    expertise = [{"tag": name, "years": years} for name, years in skills]
    variables = {"input": vendor_input(expertise=expertise)}
    payload = client.execute(CREATE, variables, token=owner.token)["createVendorProfile"]
    assert payload["userErrors"] == []
    vendor_id: str = payload["vendor"]["id"]
    return vendor_id


def map_skill(client: GraphQLClient, token: str | None, text: str, tag: str) -> dict[str, Any]:
    variables = {"input": {"text": text, "tag": tag}}
    payload: dict[str, Any] = client.execute(MAP, variables, token=token)["mapFreeSkill"]
    return payload


def matched(client: GraphQLClient, tag: str) -> dict[str, Any]:
    scope = scope_input(skills=[{"tag": tag, "mustHave": True}])
    result: dict[str, Any] = client.execute(MATCH, {"scope": scope})["matchVendors"]
    return result


def ids(result: dict[str, Any]) -> set[str]:
    return {edge["node"]["vendor"]["id"] for edge in result["edges"]}


def unmapped(client: GraphQLClient, admin: Account, **page: Any) -> dict[str, Any]:
    data: dict[str, Any] = client.execute(UNMAPPED, page, token=admin.token)["unmappedSkills"]
    return data


def test_an_admin_maps_a_free_skill_and_matching_follows_at_once(client: GraphQLClient) -> None:
    newcomer = vendor_with(client, ("Plinthwave Bots", 6))
    veteran = vendor_with(client, ("Natural Language Processing", 2), ("plinthwave-bots", 8))
    vendor_with(client, ("React", 5))
    business = client.register("BUSINESS")
    skills = [{"tag": "Plinthwave Bots", "mustHave": True, "weight": 2}]
    request = client.post_project(business, skills=skills)
    assert ids(matched(client, NLP)) == {veteran}  # the worker's index is warm
    before = client.execute(VENDOR, {"id": newcomer})["vendor"]

    payload = map_skill(
        client, client.admin().token, "Plinthwave  Bots", "Natural Language Processing"
    )

    assert payload["userErrors"] == []
    assert payload["text"] == "Plinthwave Bots"
    assert payload["tag"]["slug"] == NLP
    assert "Plinthwave Bots" in payload["tag"]["aliases"]
    assert (payload["vendorsUpdated"], payload["projectRequestsUpdated"]) == (2, 1)
    assert ids(matched(client, NLP)) == {newcomer, veteran}
    after = client.execute(VENDOR, {"id": newcomer})["vendor"]
    assert after == {
        "version": before["version"] + 1,
        "expertise": [{"tag": {"slug": NLP}, "years": 6.0}],
        "otherSkills": [],
    }
    assert client.execute(VENDOR, {"id": veteran})["vendor"]["expertise"] == [
        {"tag": {"slug": NLP}, "years": 8.0}
    ]
    shown = client.execute(REQUEST, {"id": request["id"]}, token=business.token)
    assert shown["projectRequest"]["skills"] == [
        {"tag": {"slug": NLP}, "mustHave": True, "weight": 2.0}
    ]
    assert shown["projectRequest"]["otherSkills"] == []
    found = client.execute(SEARCH, {"q": "natural language processing"})["vendors"]["edges"]
    assert {edge["node"]["id"] for edge in found} == {newcomer, veteran}
    # The text now names the tag for everyone: no note, and a match by it finds both.
    by_text = matched(client, "plinthwave bots")
    assert by_text["notes"] == [] and ids(by_text) == {newcomer, veteran}


def test_mapping_text_that_already_names_the_tag_converts_rows_left_behind(
    client: GraphQLClient,
) -> None:
    admin = client.admin()
    first = vendor_with(client, ("Tessaract Flows", 3))
    assert map_skill(client, admin.token, "Tessaract Flows", NLP)["vendorsUpdated"] == 1

    again = map_skill(client, admin.token, "tessaract-flows", NLP)

    assert again["userErrors"] == [] and again["vendorsUpdated"] == 0
    assert client.execute(VENDOR, {"id": first})["vendor"]["otherSkills"] == []


def test_unmapped_skills_lists_the_most_named_first(client: GraphQLClient) -> None:
    vendor_with(client, ("Gorsefield Payroll", 2), ("Yarrowby Ledger", 1))
    vendor_with(client, ("gorsefield payroll", 4))
    vendor_with(client, ("Djangoo", 4))
    business = client.register("BUSINESS")
    client.post_project(business, skills=[{"tag": "Gorsefield Payroll", "mustHave": True}])
    admin = client.admin()

    first = unmapped(client, admin, first=1)
    rest = unmapped(client, admin, first=10, after=first["pageInfo"]["endCursor"])

    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    [top] = [edge["node"] for edge in first["edges"]]
    assert (top["vendors"], top["projectRequests"]) == (2, 1)
    assert top["text"].casefold() == "gorsefield payroll"
    others = {edge["node"]["text"]: edge["node"] for edge in rest["edges"]}
    assert set(others) == {"Djangoo", "Yarrowby Ledger"}
    assert "django" in [tag["slug"] for tag in others["Djangoo"]["suggestions"]]


@pytest.mark.parametrize(
    ("actor", "code"),
    [("anonymous", "UNAUTHENTICATED"), ("VENDOR", "FORBIDDEN"), ("BUSINESS", "FORBIDDEN")],
)
def test_only_admins_map_skills_or_list_them(client: GraphQLClient, actor: str, code: str) -> None:
    vendor = vendor_with(client, ("Quenneth Sync", 3))
    token = None if actor == "anonymous" else client.register(actor).token

    payload = map_skill(client, token, "Quenneth Sync", NLP)
    listing = client.post(UNMAPPED, {"first": 5}, token=token).json()

    assert payload["tag"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(None, code)]
    assert listing["data"] is None
    assert listing["errors"][0]["extensions"]["code"] == code
    # Nothing was mapped: the vendor keeps its free-text skill and the name is still unknown.
    assert client.execute(VENDOR, {"id": vendor})["vendor"]["otherSkills"] == [
        {"name": "Quenneth Sync", "years": 3.0}
    ]
    assert [n["text"] for n in matched(client, "Quenneth Sync")["notes"]] == ["Quenneth Sync"]


@pytest.mark.parametrize(
    ("text", "tag", "field", "code"),
    [
        ("", NLP, "text", "REQUIRED"),
        ("w" * 81, NLP, "text", "TOO_LONG"),
        ("--", NLP, "text", "INVALID"),
        ("Wexley Stack", "no such skill at all", "tag", "NOT_FOUND"),
        ("Wexley Stack", " ", "tag", "REQUIRED"),
        ("ReactJS", "django", "text", "TAKEN"),
    ],
)
def test_bad_mappings_are_refused_by_field_and_write_nothing(
    client: GraphQLClient, text: str, tag: str, field: str, code: str
) -> None:
    vendor_with(client, ("Wexley Stack", 3))
    admin = client.admin()
    before = unmapped(client, admin, first=10)

    payload = map_skill(client, admin.token, text, tag)

    assert payload["tag"] is None
    assert [(e["field"], e["code"]) for e in payload["userErrors"]] == [(["input", field], code)]
    assert unmapped(client, admin, first=10) == before
    assert [n["text"] for n in matched(client, "Wexley Stack")["notes"]] == ["Wexley Stack"]


def test_other_workers_see_a_mapping_through_the_taxonomy_stamp(client: GraphQLClient) -> None:
    """A second worker's catalog and index, each built before the mapping, follow it: the
    catalog when it next looks at the stamp, the index by the vendors' changed stamps."""
    from api.matches.index_cache import IndexCache
    from api.tags.service import CatalogCache
    from matching import Scope, SkillRequirement

    runtime = client.http.app.state.vendormatch  # type: ignore[attr-defined]
    vendor = vendor_with(client, ("Ostrander Voicebots", 5))
    watching, sleeping, index_cache = CatalogCache(0), CatalogCache(3600), IndexCache()
    scope = Scope(title="Voice bots", skills=(SkillRequirement(tag=NLP, must_have=True),))

    async def catalogs() -> list[str | None]:
        tags = [(await c.get(runtime)).resolve("Ostrander Voicebots") for c in (watching, sleeping)]
        return [tag.slug if tag else None for tag in tags]

    async def ranked() -> list[int]:
        catalog = await watching.get(runtime)
        session: AsyncSession
        async with runtime.sessions() as session:
            index = await index_cache.index(session, catalog)
        return [m.vendor_id for m in index.match(scope, k=10, today=date(2027, 1, 4)).matches]

    assert client.http.portal.call(catalogs) == [None, None]  # type: ignore[union-attr]
    assert client.http.portal.call(ranked) == []  # type: ignore[union-attr]

    assert map_skill(client, client.admin().token, "Ostrander Voicebots", NLP)["userErrors"] == []

    assert client.http.portal.call(catalogs) == [NLP, None]  # type: ignore[union-attr]
    assert client.http.portal.call(ranked) == [int(GlobalID.from_id(vendor).node_id)]  # type: ignore[union-attr]
