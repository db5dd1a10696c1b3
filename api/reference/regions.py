"""UN geoscheme regions (continent and sub-region) per country, from countryinfo."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from countryinfo import all_countries

from api.reference.codes import country_names


class Geo(NamedTuple):
    continent: str
    region: str


@cache
def country_geo() -> dict[str, Geo]:
    """Alpha-2 code -> (continent, sub-region); countries the data lacks fall back to 'Other'."""
    geo: dict[str, Geo] = {}
    # The source spells a few names two ways ("South-eastern Asia"); keep the first.
    spelling: dict[str, str] = {}
    for info in all_countries():
        continent = info.region() or "Other"
        region = info.subregion() or continent
        region = spelling.setdefault(region.casefold(), region)
        geo[info.iso(2)] = Geo(continent=continent, region=region)
    return {code: geo.get(code, Geo("Other", "Other")) for code in country_names()}


@cache
def regions() -> dict[str, tuple[str, list[str]]]:
    """Sub-region name -> (continent, sorted member country codes)."""
    members: dict[str, tuple[str, list[str]]] = {}
    for code, (continent, region) in sorted(country_geo().items()):
        members.setdefault(region, (continent, []))[1].append(code)
    return members


@cache
def continents() -> frozenset[str]:
    return frozenset(geo.continent for geo in country_geo().values())


def canonical_region(value: str) -> str | None:
    """A region, continent or country code as typed -> its canonical spelling, or None."""
    wanted = value.strip().casefold()
    for name in (*regions(), *continents()):
        if name.casefold() == wanted:
            return name
    code = value.strip().upper()
    return code if code in country_names() else None
