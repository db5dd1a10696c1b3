"""GraphQL types for reference data: countries, languages, regions, currencies."""

from __future__ import annotations

import strawberry

from api.reference.codes import country_names, language_names
from api.reference.regions import country_geo


@strawberry.type(description="A country (ISO 3166-1) with its UN region.")
class Country:
    code: str
    name: str
    region: str
    continent: str

    @classmethod
    def from_code(cls, code: str) -> Country:
        geo = country_geo()[code]
        return cls(
            code=code, name=country_names()[code], region=geo.region, continent=geo.continent
        )


@strawberry.type(description="A language (ISO 639-1).")
class Language:
    code: str
    name: str

    @classmethod
    def from_code(cls, code: str) -> Language:
        return cls(code=code, name=language_names().get(code, code))


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
