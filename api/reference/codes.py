"""ISO reference data from pycountry and zoneinfo: countries, languages, currencies, zones."""

from __future__ import annotations

import zoneinfo
from functools import cache

import pycountry


@cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English short name."""
    return {country.alpha_2: country.name for country in pycountry.countries}


@cache
def language_names() -> dict[str, str]:
    """ISO 639-1 code -> English name (only languages that have a two-letter code)."""
    return {
        language.alpha_2: language.name
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
    }


@cache
def currency_names() -> dict[str, str]:
    """ISO 4217 code -> English name."""
    return {currency.alpha_3: currency.name for currency in pycountry.currencies}


# Names the system database lists that are not places: "localtime" follows each host's
# /etc/localtime, and "Factory" is a placeholder zone.
NOT_PLACES = frozenset({"localtime", "Factory", "posixrules"})


@cache
def timezone_names() -> frozenset[str]:
    """Every IANA time zone name the tz database (tzdata) knows."""
    return frozenset(zoneinfo.available_timezones()) - NOT_PLACES


def normalise_code(value: str) -> str:
    """Codes arrive in any case and with stray spaces."""
    return value.strip().upper()


def is_timezone(name: str) -> bool:
    return name in timezone_names()
