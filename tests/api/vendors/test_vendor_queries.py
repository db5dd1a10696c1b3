"""Vendor reads: filters, search, order, pagination, lookups, reference data, and no N+1."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.api.reviews.hiring import Hiring
from tests.graphql_client import Account, GraphQLClient

VENDOR_NAMES = """
query ($filter: VendorFilter, $search: String, $orderBy: VendorOrder, $first: Int, $after: String) {
  vendors(filter: $filter, search: $search, orderBy: $orderBy, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name createdAt } }
  }
}
"""
VERIFY = (
    "mutation ($input: VerifyVendorInput!) { verifyVendor(input: $input) { userErrors { code } } }"
)
BY_SLUG = "query ($slug: String) { vendor(slug: $slug) { name slug country { code } } }"
TAGS = "query ($search: String) { tags(search: $search) { slug name } }"
REGIONS = "{ regions { name continent countries { code } } }"
COUNTRIES = "{ countries { code name region continent } }"
PAGE = """
query ($first: Int) {
  vendors(first: $first, orderBy: {field: NAME, direction: DESC}) {
    totalCount
    edges { node {
      id name
      expertise { tag { slug name } years }
      languages { code proficiency }
      certifications
      rating { average bayesianAverage count }
      reviews(first: 3) { totalCount edges { node { overall comment } } }
    } }
  }
}
"""


def vendor_fields(
    name: str,
    country: str,
    timezone: str,
    rate: tuple[str, str, str],
    tags: list[str],
    languages: list[str],
    **extra: Any,
) -> dict[str, Any]:
    return {
        "name": name,
        "country": country,
        "timezone": timezone,
        "hourlyRate": {"min": rate[0], "max": rate[1], "currency": rate[2]},
        "expertise": [{"tag": tag, "years": 4} for tag in tags],
        "languages": [{"code": code, "proficiency": "FLUENT"} for code in languages],
        **extra,
    }


MARKET = [
    vendor_fields(
        "Vistula Software", "PL", "Europe/Warsaw", ("45", "60", "EUR"), ["reactjs", "django"],
        ["pl", "en"], certifications=["ISO_27001"],
        description="We build web platforms for European fintechs.",
    ),
    vendor_fields(
        "Kube Crafters", "DE", "Europe/Berlin", ("90", "120", "EUR"), ["kubernetes", "go"],
        ["de", "en"], certifications=["SOC_2", "ISO_27001"], headline="Platform engineering",
        description="Clusters, pipelines and on-call for scale-ups.",
    ),
    vendor_fields(
        "Bangalore Apps", "IN", "Asia/Kolkata", ("1500", "2500", "INR"), ["react", "node-js"],
        ["hi", "en"], kind="FREELANCER", certifications=[], headline="Mobile and web apps",
        description="A freelancer shipping React front ends.",
    ),
    vendor_fields(
        "Lima Data", "PE", "America/Lima", ("30", "40", "USD"), ["python", "postgresql"],
        ["es"], kind="FREELANCER", certifications=[], headline="Data pipelines",
        description="Analytics engineering in Spanish.",
    ),
]  # fmt: skip


def award_and_review(
    client: GraphQLClient,
    business: Account,
    vendor_id: str,
    vendor_owner: Account,
    score: int,
    comment: str = "",
) -> None:
    """The business hires the vendor through an award its owner accepts, approves every
    milestone, and reviews the completed engagement."""
    hiring = Hiring(client, business)
    hiring.owners[vendor_id] = vendor_owner
    scores = dict.fromkeys(("quality", "communication", "timeliness", "value"), score)
    review = hiring.hire_and_review({"id": vendor_id}, comment=comment, **scores)
    assert review["counted"] is True


@pytest.fixture
def market(client: GraphQLClient) -> dict[str, dict[str, Any]]:
    """Four vendors on three continents; Vistula verified and rated 5, Kube Crafters rated 2."""
    owners = {fields["name"]: client.register("VENDOR") for fields in MARKET}
    vendors = {
        fields["name"]: client.create_vendor(owners[fields["name"]], **fields) for fields in MARKET
    }
    admin = client.admin()
    vistula = vendors["Vistula Software"]
    client.execute(VERIFY, {"input": {"id": vistula["id"]}}, token=admin.token)
    business = client.register("BUSINESS")
    award_and_review(client, business, vistula["id"], owners["Vistula Software"], 5)
    kube = "Kube Crafters"
    award_and_review(client, business, vendors[kube]["id"], owners[kube], 2)
    return vendors


def names(client: GraphQLClient, **variables: Any) -> list[str]:
    connection = client.execute(VENDOR_NAMES, variables)["vendors"]
    assert connection["totalCount"] >= len(connection["edges"])
    return [edge["node"]["name"] for edge in connection["edges"]]


BY_NAME = {"field": "NAME"}


FILTER_CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({"tagsAny": ["ReactJS"]}, ["Bangalore Apps", "Vistula Software"]),
    ({"tagsAny": ["k8s", "django"]}, ["Kube Crafters", "Vistula Software"]),
    ({"tagsAll": ["react", "Django"]}, ["Vistula Software"]),
    ({"tagsAll": ["react", "kubernetes"]}, []),
    ({"country": "pl"}, ["Vistula Software"]),
    ({"region": "Eastern Europe"}, ["Vistula Software"]),
    ({"region": "Europe"}, ["Kube Crafters", "Vistula Software"]),
    ({"region": "Southern Asia"}, ["Bangalore Apps"]),
    ({"language": "es"}, ["Lima Data"]),
    ({"language": "EN"}, ["Bangalore Apps", "Kube Crafters", "Vistula Software"]),
    # 30 USD/h: INR 1500 (~17 USD) and USD 30 start at or below it; EUR 45 (~52 USD) does not.
    ({"hourlyRate": {"max": "30", "currency": "USD"}}, ["Bangalore Apps", "Lima Data"]),
    # 100 GBP/h (~132 USD) or more: only EUR 120 (~139 USD) reaches it.
    ({"hourlyRate": {"min": "100", "currency": "GBP"}}, ["Kube Crafters"]),
    ({"minRating": "4"}, ["Vistula Software"]),
    ({"minRating": "1.5"}, ["Kube Crafters", "Vistula Software"]),
    ({"certifications": ["SOC_2"]}, ["Kube Crafters"]),
    ({"certifications": ["iso 27001"]}, ["Kube Crafters", "Vistula Software"]),
    ({"verified": True}, ["Vistula Software"]),
    ({"verified": False}, ["Bangalore Apps", "Kube Crafters", "Lima Data"]),
    ({"kind": "FREELANCER"}, ["Bangalore Apps", "Lima Data"]),
    ({"kind": "AGENCY", "region": "Europe", "tagsAny": ["go"]}, ["Kube Crafters"]),
]


def test_vendors_filter(client: GraphQLClient, market: dict[str, Any]) -> None:
    # One market for every case: building it is the slow part.
    for filter, expected in FILTER_CASES:
        assert names(client, filter=filter, orderBy=BY_NAME) == expected, filter


@pytest.mark.parametrize(
    ("filter", "path", "fragment"),
    [
        ({"tagsAny": ["r" * 81]}, ["filter", "tagsAny", "0"], "80 characters"),
        ({"country": "XX"}, ["filter", "country"], "ISO 3166"),
        ({"region": "Atlantis"}, ["filter", "region"], "Atlantis"),
        ({"language": "english"}, ["filter", "language"], "ISO 639-1"),
        ({"hourlyRate": {"min": "50", "max": "10", "currency": "EUR"}},
         ["filter", "hourlyRate", "min"], "minimum"),
        ({"hourlyRate": {"max": "10", "currency": "ABC"}},
         ["filter", "hourlyRate", "currency"], "ISO 4217"),
        ({"minRating": "6"}, ["filter", "minRating"], "0 to 5"),
        ({"certifications": ["ISO_1"]}, ["filter", "certifications", "0"], "ISO_1"),
    ],
)  # fmt: skip
def test_a_bad_filter_is_an_error_naming_its_field(
    client: GraphQLClient, filter: dict[str, Any], path: list[str], fragment: str
) -> None:
    response = client.post(VENDOR_NAMES, {"filter": filter})

    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": path}
    assert fragment in error["message"]


SEARCH_CASES: list[tuple[str, list[str]]] = [
    ("k8s", ["Kube Crafters"]),
    ("KUBERNETES", ["Kube Crafters"]),
    ("clusters", ["Kube Crafters"]),
    ("fintechs", ["Vistula Software"]),
    ("reactjs", ["Bangalore Apps", "Vistula Software"]),
    ("react django", ["Vistula Software"]),
    ("lima", ["Lima Data"]),
    ("postgres", ["Lima Data"]),
    ("100%_", []),
    ("cobol", []),
]


def test_vendors_search(client: GraphQLClient, market: dict[str, Any]) -> None:
    for search, expected in SEARCH_CASES:
        assert names(client, search=search, orderBy=BY_NAME) == expected, search


def test_search_refuses_control_characters_and_long_input(client: GraphQLClient) -> None:
    for search in ["react\u0000", "a " * 11]:
        [error] = client.post(VENDOR_NAMES, {"search": search}).json()["errors"]
        assert error["extensions"]["field"] == ["filter", "search"]


ORDER_CASES: list[tuple[dict[str, str], list[str]]] = [
    ({"field": "NAME"}, ["Bangalore Apps", "Kube Crafters", "Lima Data", "Vistula Software"]),
    (
        {"field": "NAME", "direction": "DESC"},
        ["Vistula Software", "Lima Data", "Kube Crafters", "Bangalore Apps"],
    ),
    # Compared in one currency: INR 1500 < USD 30 < EUR 45 < EUR 90.
    ({"field": "RATE"}, ["Bangalore Apps", "Lima Data", "Vistula Software", "Kube Crafters"]),
    (
        {"field": "RATE", "direction": "DESC"},
        ["Kube Crafters", "Vistula Software", "Lima Data", "Bangalore Apps"],
    ),
]


def test_vendors_order(client: GraphQLClient, market: dict[str, Any]) -> None:
    for order, expected in ORDER_CASES:
        assert names(client, orderBy=order) == expected, order


def test_order_by_rating_uses_the_bayesian_average(
    client: GraphQLClient, market: dict[str, Any]
) -> None:
    ranked = names(client, orderBy={"field": "RATING"})

    # Unreviewed vendors sit at the marketplace mean, between a 5 and a 2.
    assert ranked[0] == "Vistula Software"
    assert ranked[-1] == "Kube Crafters"
    assert names(client) == ranked  # RATING is the default


def test_order_by_newest(client: GraphQLClient, market: dict[str, Any]) -> None:
    edges = client.execute(VENDOR_NAMES, {"orderBy": {"field": "NEWEST"}})["vendors"]["edges"]

    created = [edge["node"]["createdAt"] for edge in edges]
    assert created == sorted(created, reverse=True)
    assert len(created) == 4


def test_pagination_walks_every_vendor_once(client: GraphQLClient, market: dict[str, Any]) -> None:
    first = client.execute(VENDOR_NAMES, {"orderBy": BY_NAME, "first": 3})["vendors"]
    after = first["pageInfo"]["endCursor"]
    second = client.execute(VENDOR_NAMES, {"orderBy": BY_NAME, "first": 3, "after": after})[
        "vendors"
    ]

    assert first["totalCount"] == second["totalCount"] == 4
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    assert first["pageInfo"]["startCursor"] == first["edges"][0]["cursor"]
    assert second["pageInfo"]["hasNextPage"] is False
    assert second["pageInfo"]["hasPreviousPage"] is True
    walked = [edge["node"]["name"] for edge in first["edges"] + second["edges"]]
    assert walked == sorted(fields["name"] for fields in MARKET)
    empty = client.execute(VENDOR_NAMES, {"first": 0})["vendors"]
    assert empty["edges"] == []
    assert empty["pageInfo"]["endCursor"] is None
    assert empty["totalCount"] == 4


def test_vendor_by_slug(client: GraphQLClient, market: dict[str, Any]) -> None:
    slug = market["Kube Crafters"]["slug"]

    vendor = client.execute(BY_SLUG, {"slug": slug})["vendor"]

    assert vendor == {"name": "Kube Crafters", "slug": slug, "country": {"code": "DE"}}
    assert client.execute(BY_SLUG, {"slug": "no-such-vendor"})["vendor"] is None
    assert client.execute(BY_SLUG, {"slug": "nul\u0000"})["vendor"] is None


def test_vendor_needs_exactly_one_of_id_or_slug(client: GraphQLClient) -> None:
    [error] = client.post(BY_SLUG, {"slug": None}).json()["errors"]

    assert "exactly one" in error["message"]


def test_tags_resolve_aliases_first(client: GraphQLClient) -> None:
    tags = client.execute(TAGS, {"search": "reactjs"})["tags"]

    assert tags[0] == {"slug": "react", "name": "React"}
    assert client.execute(TAGS, {"search": "k8s"})["tags"][0]["slug"] == "kubernetes"


def test_regions_and_countries(client: GraphQLClient) -> None:
    regions = {region["name"]: region for region in client.execute(REGIONS)["regions"]}
    countries = {country["code"]: country for country in client.execute(COUNTRIES)["countries"]}

    assert regions["Eastern Europe"]["continent"] == "Europe"
    assert {"code": "PL"} in regions["Eastern Europe"]["countries"]
    assert countries["PL"] == {
        "code": "PL",
        "name": "Poland",
        "region": "Eastern Europe",
        "continent": "Europe",
    }
    assert len(countries) >= 240


# --- no N+1 -----------------------------------------------------------------------------

CROWD = 60


def add_vendors(client: GraphQLClient, count: int) -> None:
    """Many vendors at once, through the same services the API calls (fast: one transaction)."""
    from api.auth.rules import Credentials
    from api.auth.service import register
    from api.core.viewer import Role, Viewer
    from api.tags.service import tag_catalog
    from api.values.hours import HoursEntry
    from api.values.money import MoneyRangeEntry as RateEntry
    from api.vendors.fields import ExpertiseEntry, LanguageEntry, VendorDraft
    from api.vendors.service import create_vendor

    state = client.http.app.state.vendormatch  # type: ignore[attr-defined]
    tags = ["react", "django", "kubernetes", "go", "python", "postgresql", "node-js"]

    async def create() -> None:
        catalog = await tag_catalog(state)
        async with state.sessions() as session, session.begin():
            for index in range(count):
                account = await register(
                    session=session,
                    credentials=Credentials(f"crowd-{index}@example.com", "long enough password"),
                    role=Role.VENDOR,
                )
                assert account.id is not None
                draft = VendorDraft(
                    kind="AGENCY" if index % 2 else "FREELANCER",
                    name=f"Crowd Vendor {index:02d}",
                    headline="Software delivery",
                    description="Full-stack teams.",
                    country=["PL", "DE", "IN", "PE", "US"][index % 5],
                    timezone="Europe/Warsaw",
                    working_hours=HoursEntry("09:00", "17:00"),
                    languages=[LanguageEntry("en", "FLUENT"), LanguageEntry("pl", "NATIVE")],
                    hourly_rate=RateEntry(Decimal(30 + index), Decimal(60 + index), "EUR"),
                    expertise=[
                        ExpertiseEntry(tags[index % 7], 3),
                        ExpertiseEntry(tags[(index + 3) % 7], 5),
                    ],
                    certifications=["ISO_27001"] if index % 3 else [],
                )
                await create_vendor(
                    session=session,
                    viewer=Viewer(account_id=account.id, role=Role.VENDOR),
                    draft=draft,
                    catalog=catalog,
                )

    client.http.portal.call(create)  # type: ignore[union-attr]


def test_a_vendors_page_runs_the_same_statements_whatever_its_size(
    client: GraphQLClient, statements: list[str]
) -> None:
    add_vendors(client, CROWD - 2)
    business = client.register("BUSINESS")
    for name in ("Reviewed One", "Reviewed Two"):
        owner = client.register("VENDOR")
        vendor = client.create_vendor(owner, name=name)
        for score in (5, 4, 3, 4):
            comment = f"{name} {score}"
            award_and_review(client, business, vendor["id"], owner, score, comment=comment)
    client.execute(TAGS, {"search": "react"})  # warm the tag catalog

    counts = {}
    for size in (10, 50):
        statements.clear()
        page = client.execute(PAGE, {"first": size})["vendors"]
        counts[size] = len(statements)
        assert page["totalCount"] == CROWD
        assert len(page["edges"]) == size
    reviewed = [
        edge["node"] for edge in page["edges"] if edge["node"]["name"].startswith("Reviewed")
    ]

    print(f"SQL statements per vendors page: first=10 -> {counts[10]}, first=50 -> {counts[50]}")
    assert counts[10] == counts[50]
    assert counts[50] <= 10
    assert len(reviewed) == 2
    for node in reviewed:
        assert node["rating"]["count"] == 4
        assert node["reviews"]["totalCount"] == 4
        assert len(node["reviews"]["edges"]) == 3
        assert node["expertise"] and node["languages"]


@pytest.mark.parametrize(
    ("filter", "path"),
    [
        ({"hourlyRate": {"min": "NaN", "max": "10"}}, ["filter", "hourlyRate", "min"]),
        ({"minRating": "sNaN"}, ["filter", "minRating"]),
    ],
)
def test_not_a_number_in_a_filter_is_named_not_masked(
    client: GraphQLClient, filter: dict[str, Any], path: list[str]
) -> None:
    [error] = client.post(VENDOR_NAMES, {"filter": filter}).json()["errors"]

    assert error["extensions"]["field"] == path
