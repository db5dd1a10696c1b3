"""The rules for a vendor profile: checks a VendorDraft into column values and child rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.core.errors import ErrorCode, FieldPath, Problems
from api.reference import rules as reference
from api.reference.fx import fx_table
from api.reference.regions import country_geo
from api.tags.catalog import TagCatalog
from api.tags.rules import named_numbers
from api.values import checks as check
from api.values.hours import working_time_columns
from api.values.money import amount, amount_range
from api.vendors.fields import VendorDraft
from api.vendors.models import Availability, Proficiency, VendorKind

MAX_LANGUAGES = 20
MAX_EXPERTISE = 50
MAX_CERTIFICATIONS = 20
MAX_TEAM_SIZE = 100_000
# A week's hours one person can staff at most (a declared capacity above this per head
# of the team is a typo, and would let a solo vendor claim an agency's capacity).
MAX_HOURS_PER_HEAD = 80
REQUIRED_ON_CREATE = (
    "kind",
    "name",
    "headline",
    "description",
    "country",
    "timezone",
    "working_hours",
    "languages",
    "hourly_rate",
    "expertise",
)
CAMEL = {"working_hours": "workingHours", "hourly_rate": "hourlyRate"}


@dataclass
class VendorValues:
    """Checked values: `columns` for the vendor row; None children mean 'unchanged'."""

    columns: dict[str, Any] = field(default_factory=dict)
    languages: list[tuple[str, str]] | None = None
    expertise: list[tuple[int, float]] | None = None
    # Free-text skills as (key, name, years); given and replaced together with `expertise`.
    free_skills: list[tuple[str, str, float]] | None = None
    certifications: list[str] | None = None


def check_vendor_draft(
    draft: VendorDraft, *, catalog: TagCatalog, creating: bool, problems: Problems
) -> VendorValues:
    """Every problem in `draft` goes to `problems`; the values are only valid if none."""
    values = VendorValues()
    cols = values.columns
    if creating:
        for name in REQUIRED_ON_CREATE:
            if getattr(draft, name) is None:
                problems.add([CAMEL.get(name, name)], "This field is required.", ErrorCode.REQUIRED)
    if draft.kind is not None:
        if draft.kind in VendorKind.__members__:
            cols["kind"] = draft.kind
        else:
            problems.add(["kind"], "Choose AGENCY or FREELANCER.", ErrorCode.INVALID)
    for name, limit in (("name", 120), ("headline", 160), ("description", 5000)):
        raw = getattr(draft, name)
        if raw is not None and (cleaned := check.text(problems, [name], raw, max_length=limit)):
            cols[name] = cleaned
    if draft.country is not None and (
        code := reference.country(problems, ["country"], draft.country)
    ):
        geo = country_geo()[code]
        cols.update(country=code, region=geo.region, continent=geo.continent)
    cols.update(working_time_columns(problems, draft.timezone, draft.working_hours))
    _check_money(draft, cols, problems)
    if draft.team_size is not None and check.number_range(
        problems, ["teamSize"], draft.team_size, low=1, high=MAX_TEAM_SIZE
    ):
        cols["team_size"] = draft.team_size
    _check_capacity(draft, cols, problems)
    if draft.availability is not None:
        if draft.availability in Availability.__members__:
            cols["availability"] = draft.availability
        else:
            problems.add(
                ["availability"], "Choose AVAILABLE, LIMITED or UNAVAILABLE.", ErrorCode.INVALID
            )
    if draft.founded_year is not None and check.number_range(
        problems, ["foundedYear"], draft.founded_year, low=1900, high=date.today().year
    ):
        cols["founded_year"] = draft.founded_year
    if (
        draft.median_response_hours is not None
        and check.number_range(
            problems, ["medianResponseHours"], draft.median_response_hours, low=0, high=24 * 30
        )
        is not None
    ):
        cols["median_response_hours"] = draft.median_response_hours
    values.languages = _check_languages(draft, problems)
    values.expertise, values.free_skills = _check_expertise(draft, catalog, problems)
    values.certifications = _check_certifications(draft, problems)
    if creating and "team_size" not in cols and "kind" in cols:
        cols["team_size"] = 1
    if creating:
        check_capacity_fits_team(problems, cols, stored_hours=None, stored_team=1)
    return values


def _check_capacity(draft: VendorDraft, cols: dict[str, Any], problems: Problems) -> None:
    """Declared hours a week, and staffed hours a day on so many days a week."""
    if draft.hours_per_week is not None and check.number_range(
        problems,
        ["hoursPerWeek"],
        draft.hours_per_week,
        low=1,
        high=MAX_HOURS_PER_HEAD * MAX_TEAM_SIZE,
    ):
        cols["hours_per_week"] = draft.hours_per_week
    staffed = draft.staffed_hours
    if staffed is None:
        return
    hours = check.number_range(
        problems, ["staffedHours", "hoursPerDay"], staffed.hours_per_day, low=1, high=24
    )
    days = check.number_range(
        problems, ["staffedHours", "daysPerWeek"], staffed.days_per_week, low=1, high=7
    )
    if hours is not None and days is not None:
        cols.update(coverage_hours=staffed.hours_per_day, coverage_days=staffed.days_per_week)


def check_capacity_fits_team(
    problems: Problems, cols: dict[str, Any], *, stored_hours: float | None, stored_team: int
) -> None:
    """Declared hours a week within what the team can staff, whichever of the two changed."""
    if "hours_per_week" not in cols and "team_size" not in cols:
        return
    hours = cols.get("hours_per_week", stored_hours)
    team = cols.get("team_size", stored_team)
    if hours is None or hours <= MAX_HOURS_PER_HEAD * team:
        return
    field_ = "hoursPerWeek" if "hours_per_week" in cols else "teamSize"
    problems.add(
        [field_],
        f"{hours:g} hours a week is more than a team of {team} can staff "
        f"(at most {MAX_HOURS_PER_HEAD} hours a week per person).",
        ErrorCode.OUT_OF_RANGE,
    )


def _check_money(draft: VendorDraft, cols: dict[str, Any], problems: Problems) -> None:
    rate = draft.hourly_rate
    if rate is not None:
        currency = reference.currency(problems, ["hourlyRate", "currency"], rate.currency)
        bounds = amount_range(problems, ["hourlyRate"], rate.min, rate.max, currency)
        if currency and bounds:
            fx = fx_table()
            cols.update(
                rate_min=bounds[0],
                rate_max=bounds[1],
                currency=currency,
                rate_min_base=fx.to_base(bounds[0], currency),
                rate_max_base=fx.to_base(bounds[1], currency),
            )
    budget = draft.min_project_budget
    if budget is not None:
        currency = reference.currency(problems, ["minProjectBudget", "currency"], budget.currency)
        minimum = amount(problems, ["minProjectBudget", "amount"], budget.amount, currency)
        if currency and minimum:
            cols.update(min_budget_amount=minimum, min_budget_currency=currency)


def _check_languages(draft: VendorDraft, problems: Problems) -> list[tuple[str, str]] | None:
    if draft.languages is None:
        return None
    if not check.list_size(problems, ["languages"], draft.languages, maximum=MAX_LANGUAGES):
        return None
    if not draft.languages:
        problems.add(["languages"], "Name at least one working language.", ErrorCode.REQUIRED)
    checked: dict[str, str] = {}
    for index, entry in enumerate(draft.languages):
        code = reference.language(problems, ["languages", index, "code"], entry.code)
        if entry.proficiency not in Proficiency.__members__:
            problems.add(
                ["languages", index, "proficiency"],
                "Choose NATIVE, FLUENT, CONVERSATIONAL or BASIC.",
                ErrorCode.INVALID,
            )
        elif code:
            checked[code] = entry.proficiency
    return list(checked.items())


def _check_expertise(
    draft: VendorDraft, catalog: TagCatalog, problems: Problems
) -> tuple[list[tuple[int, float]] | None, list[tuple[str, str, float]] | None]:
    """Tags with years, and free-text skills as (key, name, years); None when not given.

    The list limit covers both: a profile names at most MAX_EXPERTISE skills.
    """
    if draft.expertise is None:
        return None, None
    entries = [(entry.tag, entry.years) for entry in draft.expertise]
    valid = named_numbers(
        problems,
        "expertise",
        entries,
        catalog,
        number_field="years",
        low=0,
        high=60,
        maximum=MAX_EXPERTISE,
    )
    if valid is None:
        return None, None
    # The same skill typed twice ("k8s", "kubernetes"; "HealthKit", "healthkit") keeps
    # the deeper claim.
    tags: dict[int, float] = {}
    free: dict[str, tuple[str, float]] = {}
    for _, skill, years in valid:
        if skill.tag_id is not None:
            tags[skill.tag_id] = max(years, tags.get(skill.tag_id, 0.0))
        elif years >= free.get(skill.key, ("", -1.0))[1]:
            free[skill.key] = (skill.name, years)
    return list(tags.items()), [(key, name, years) for key, (name, years) in free.items()]


def _check_certifications(draft: VendorDraft, problems: Problems) -> list[str] | None:
    return check.each(
        problems,
        "certifications",
        draft.certifications,
        reference.certification,
        maximum=MAX_CERTIFICATIONS,
    )


def verification_lapse(
    vendor_country: str,
    vendor_certifications: set[str],
    values: VendorValues,
) -> str | None:
    """Why an admin must look at a verified vendor again after this change (its country
    or its certifications are what vetting checked), or None when the change keeps it."""
    changed: list[str] = []
    country = values.columns.get("country")
    if country is not None and country != vendor_country:
        changed.append(f"country changed from {vendor_country} to {country}")
    if values.certifications is not None and set(values.certifications) != vendor_certifications:
        changed.append("certifications changed")
    if not changed:
        return None
    return f"Verification lifted: {' and '.join(changed)}; awaiting an admin's review."


def named_skills(draft: VendorDraft) -> list[tuple[FieldPath, str]]:
    """Where the draft names skills (for notes on those the taxonomy does not know)."""
    return [(["expertise", i, "tag"], entry.tag) for i, entry in enumerate(draft.expertise or [])]
