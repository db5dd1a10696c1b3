"""Reference data queries: countries, regions, languages, currencies."""

from __future__ import annotations

import strawberry

from api.graphql.cost import cost_hint
from api.reference.codes import country_names, currency_names, language_names
from api.reference.fx import fx_table
from api.reference.regions import regions
from api.reference.types import Country, Currency, Language, Region

# What each list returns at most, for the cost analysis (tests check them against the data).
COUNTRIES = 250  # ISO 3166-1: 249
LANGUAGES = 190  # ISO 639-1: 184
CURRENCIES = 180  # ISO 4217 names: 178, of which those with a rate
# 18 UN sub-regions. Their `countries` (249 in all) are priced at the default list size
# each, so the list is priced as 25 regions: 25 x 10 >= 249 countries.
REGIONS = 25


@strawberry.type
class ReferenceQueries:
    @strawberry.field(
        description="Every ISO 3166-1 country with its region.",
        metadata=cost_hint(list_size=COUNTRIES),
    )
    def countries(self) -> list[Country]:
        return [Country.from_code(code) for code in sorted(country_names())]

    @strawberry.field(
        description="UN sub-regions; use their names in filters and scopes.",
        metadata=cost_hint(list_size=REGIONS),
    )
    def regions(self) -> list[Region]:
        return [
            Region(name=name, continent=continent, country_codes=codes)
            for name, (continent, codes) in sorted(regions().items())
        ]

    @strawberry.field(description="ISO 639-1 languages.", metadata=cost_hint(list_size=LANGUAGES))
    def languages(self) -> list[Language]:
        return [Language.from_code(code) for code in sorted(language_names())]

    @strawberry.field(
        description="ISO 4217 currencies the marketplace can convert.",
        metadata=cost_hint(list_size=CURRENCIES),
    )
    def currencies(self) -> list[Currency]:
        fx = fx_table()
        return [Currency(code=c, name=n) for c, n in sorted(currency_names().items()) if c in fx]
