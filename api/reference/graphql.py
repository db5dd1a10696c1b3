"""Reference data queries: countries, regions, languages, currencies, tags."""

from __future__ import annotations

import strawberry

from api.context import Info
from api.graphql.common import Country, Language
from api.reference.codes import country_names, currency_names, language_names
from api.reference.fx import fx_table
from api.reference.regions import regions
from api.tags.types import TagType

MAX_TAG_RESULTS = 100


@strawberry.type(description="A UN geoscheme sub-region and its countries.")
class Region:
    name: str
    continent: str
    country_codes: list[str]

    @strawberry.field
    def countries(self) -> list[Country]:
        return [Country.from_code(code) for code in self.country_codes]


@strawberry.type
class Currency:
    code: str
    name: str


@strawberry.type
class ReferenceQueries:
    @strawberry.field(description="Every ISO 3166-1 country with its region.")
    def countries(self) -> list[Country]:
        return [Country.from_code(code) for code in sorted(country_names())]

    @strawberry.field(description="UN sub-regions; use their names in filters and scopes.")
    def regions(self) -> list[Region]:
        return [
            Region(name=name, continent=continent, country_codes=codes)
            for name, (continent, codes) in sorted(regions().items())
        ]

    @strawberry.field(description="ISO 639-1 languages.")
    def languages(self) -> list[Language]:
        return [Language.from_code(code) for code in sorted(language_names())]

    @strawberry.field(description="ISO 4217 currencies the marketplace can convert.")
    def currencies(self) -> list[Currency]:
        fx = fx_table()
        return [Currency(code=c, name=n) for c, n in sorted(currency_names().items()) if c in fx]

    @strawberry.field(
        description="Skills matching `search` by slug, name or alias (aliases resolve), "
        "optionally within a category."
    )
    async def tags(
        self,
        info: Info,
        search: str | None = None,
        category: str | None = None,
        first: int = 50,
    ) -> list[TagType]:
        catalog = await info.context.catalog()
        limit = max(0, min(first, MAX_TAG_RESULTS))
        rows = sorted(catalog.by_id.values(), key=lambda tag: tag.name.lower())
        if category:
            rows = [tag for tag in rows if tag.category == category]
        if search and search.strip():
            exact = catalog.resolve(search)
            needle = search.strip().lower()
            matched = [
                tag
                for tag in rows
                if needle in tag.name.lower()
                or needle in tag.slug
                or any(needle in alias for alias in catalog.aliases.get(tag.id or 0, []))
            ]
            rows = ([exact] if exact else []) + [tag for tag in matched if tag is not exact]
        return [TagType.from_row(tag) for tag in rows[:limit]]
