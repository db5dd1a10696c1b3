"""Checks for reference codes: ISO countries, languages and currencies, IANA zones,
UN regions and the certifications the marketplace knows."""

from __future__ import annotations

from api.core.errors import ErrorCode, FieldPath, Problems
from api.reference import codes
from api.reference.certifications import CERTIFICATIONS
from api.reference.fx import fx_table
from api.reference.regions import canonical_region


def country(problems: Problems, path: FieldPath, value: str) -> str | None:
    code = codes.normalise_code(value)
    if code not in codes.country_names():
        problems.add(
            path, f"'{value}' is not an ISO 3166-1 alpha-2 country code.", ErrorCode.INVALID
        )
        return None
    return code


def language(problems: Problems, path: FieldPath, value: str) -> str | None:
    code = value.strip().lower()
    if code not in codes.language_names():
        problems.add(path, f"'{value}' is not an ISO 639-1 language code.", ErrorCode.INVALID)
        return None
    return code


def currency(problems: Problems, path: FieldPath, value: str) -> str | None:
    code = codes.normalise_code(value)
    if code not in codes.currency_names():
        problems.add(path, f"'{value}' is not an ISO 4217 currency code.", ErrorCode.INVALID)
        return None
    if code not in fx_table():
        problems.add(path, f"{code} is not a currency we can convert yet.", ErrorCode.INVALID)
        return None
    return code


def timezone(problems: Problems, path: FieldPath, value: str) -> str | None:
    name = value.strip()
    if not codes.is_timezone(name):
        problems.add(
            path, f"'{value}' is not an IANA time zone such as Europe/Warsaw.", ErrorCode.INVALID
        )
        return None
    return name


def region(problems: Problems, path: FieldPath, value: str) -> str | None:
    """A UN sub-region, continent or country code, spelled canonically."""
    canonical = canonical_region(value)
    if canonical is None:
        problems.add(
            path,
            f"'{value}' is not a region, continent or country code (see the regions query).",
            ErrorCode.INVALID,
        )
    return canonical


def certification(problems: Problems, path: FieldPath, value: str) -> str | None:
    code = value.strip().upper().replace(" ", "_").replace("-", "_")
    if code not in CERTIFICATIONS:
        known = ", ".join(CERTIFICATIONS)
        problems.add(
            path, f"Unknown certification '{value}'; use one of {known}.", ErrorCode.INVALID
        )
        return None
    return code
