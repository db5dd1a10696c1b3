"""Reference data queries: countries, regions, languages, currencies."""

from __future__ import annotations

import strawberry

from api.reference.codes import country_names, currency_names, language_names
from api.reference.fx import fx_table
from api.reference.regions import regions
from api.reference.types import Country, Currency, Language, Region


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
