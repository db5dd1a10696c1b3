"""The rules for a clear scope of work: checks a ScopeDraft into column values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from api.core.errors import ErrorCode, FieldPath, Problems
from api.reference import rules as reference
from api.scopes.fields import DataSensitivity, PricingModel, ScopeDraft, StaffedCoverage
from api.scopes.skills import Requirement, check_requirements
from api.tags.catalog import TagCatalog
from api.values import checks as check
from api.values.hours import working_time_columns
from api.values.money import amount_range

MAX_SKILLS = 30
MAX_DELIVERABLES = 50
MAX_MILESTONES = 50
MAX_CODES = 20
# From a quarter of an hour (a support desk) to a month.
RESPONSE_HOURS = (0.25, 24 * 30)
REQUIRED = ("title", "description", "skills", "budget", "timezone")
# (start date, deadline); `stored` ones let a partial update be checked against them.
DateWindow = tuple[date | None, date | None]
CAMEL = {
    "estimated_hours": "estimatedHours",
    "working_hours": "workingHours",
    "min_overlap_hours": "minOverlapHours",
}


@dataclass
class ScopeValues:
    """Checked values; None children mean 'unchanged'."""

    columns: dict[str, Any] = field(default_factory=dict)
    skills: list[Requirement] | None = None
    deliverables: list[str] | None = None
    milestones: list[tuple[str, Any]] | None = None


def check_scope_draft(
    draft: ScopeDraft,
    *,
    catalog: TagCatalog,
    creating: bool,
    problems: Problems,
    stored: DateWindow = (None, None),
) -> ScopeValues:
    values = ScopeValues()
    cols = values.columns
    if creating:
        for name in REQUIRED:
            if getattr(draft, name) is None:
                problems.add([CAMEL.get(name, name)], "This field is required.", ErrorCode.REQUIRED)
    for name, limit in (("title", 160), ("description", 10000)):
        raw = getattr(draft, name)
        if raw is not None and (cleaned := check.text(problems, [name], raw, max_length=limit)):
            cols[name] = cleaned
    _check_budget(draft, cols, problems)
    if draft.estimated_hours is not None and check.number_range(
        problems, ["estimatedHours"], draft.estimated_hours, low=1, high=100_000
    ):
        cols["estimated_hours"] = draft.estimated_hours
    cols.update(working_time_columns(problems, draft.timezone, draft.working_hours))
    if (
        draft.min_overlap_hours is not None
        and check.number_range(
            problems, ["minOverlapHours"], draft.min_overlap_hours, low=0, high=12
        )
        is not None
    ):
        cols["min_overlap_hours"] = draft.min_overlap_hours
    _check_codes(draft, cols, problems)
    if draft.data_sensitivity is not None:
        if draft.data_sensitivity in DataSensitivity.__members__:
            cols["data_sensitivity"] = draft.data_sensitivity
        else:
            problems.add(["dataSensitivity"], "Choose LOW, MEDIUM or HIGH.", ErrorCode.INVALID)
    _check_service_level(draft, cols, problems)
    window = _check_dates(draft, cols, problems, stored)
    values.skills = _check_skills(draft, catalog, problems)
    values.deliverables = _check_deliverables(draft, problems)
    values.milestones = _check_milestones(draft, problems, window)
    return values


def _check_budget(draft: ScopeDraft, cols: dict[str, Any], problems: Problems) -> None:
    budget = draft.budget
    if budget is None:
        return
    currency = reference.currency(problems, ["budget", "currency"], budget.currency)
    bounds = amount_range(problems, ["budget"], budget.min, budget.max, currency)
    if budget.pricing not in PricingModel.__members__:
        problems.add(["budget", "pricing"], "Choose FIXED or HOURLY.", ErrorCode.INVALID)
    elif currency and bounds:
        cols.update(
            budget_min=bounds[0], budget_max=bounds[1], currency=currency, pricing=budget.pricing
        )


def _check_service_level(draft: ScopeDraft, cols: dict[str, Any], problems: Problems) -> None:
    """The hours the work needs staffed, and the slowest reply the buyer accepts."""
    if draft.coverage is not None:
        if draft.coverage in StaffedCoverage.__members__:
            cols["coverage"] = draft.coverage
        else:
            choices = ", ".join(StaffedCoverage.__members__)
            problems.add(["coverage"], f"Choose one of {choices}.", ErrorCode.INVALID)
    low, high = RESPONSE_HOURS
    if draft.max_response_hours is not None and check.number_range(
        problems, ["maxResponseHours"], draft.max_response_hours, low=low, high=high
    ):
        cols["max_response_hours"] = draft.max_response_hours


def _check_codes(draft: ScopeDraft, cols: dict[str, Any], problems: Problems) -> None:
    for name, column, items, check_item in (
        ("languages", "languages", draft.languages, reference.language),
        ("preferredRegions", "preferred_regions", draft.preferred_regions, reference.region),
        (
            "requiredCertifications",
            "required_certifications",
            draft.required_certifications,
            reference.certification,
        ),
    ):
        checked = check.each(problems, name, items, check_item, maximum=MAX_CODES)
        if checked is not None:
            cols[column] = checked


def _check_dates(
    draft: ScopeDraft, cols: dict[str, Any], problems: Problems, stored: DateWindow
) -> DateWindow:
    """Dates within a sane window, and a deadline after the start (stored or given).

    Returns the project's window as it will stand: given dates that passed, else stored ones.
    """
    for field_, value in (("startDate", draft.start_date), ("deadline", draft.deadline)):
        if value is not None and check.plausible_date(problems, [field_], value):
            cols["start_date" if field_ == "startDate" else "deadline"] = value
    # Compare only dates that passed (a refused one is already reported).
    start = cols.get("start_date") if draft.start_date else stored[0]
    deadline = cols.get("deadline") if draft.deadline else stored[1]
    if start and deadline and deadline < start:
        field_ = "deadline" if draft.deadline else "startDate"
        problems.add([field_], "The deadline is before the start date.", ErrorCode.OUT_OF_RANGE)
    return start, deadline


def _check_skills(
    draft: ScopeDraft, catalog: TagCatalog, problems: Problems
) -> list[Requirement] | None:
    if draft.skills is None:
        return None
    return check_requirements(draft.skills, catalog, problems, maximum=MAX_SKILLS)


def _check_deliverables(draft: ScopeDraft, problems: Problems) -> list[str] | None:
    def deliverable(problems: Problems, path: FieldPath, value: str) -> str | None:
        return check.text(problems, path, value, max_length=500)

    return check.each(
        problems, "deliverables", draft.deliverables, deliverable, maximum=MAX_DELIVERABLES
    )


def _check_milestones(
    draft: ScopeDraft, problems: Problems, window: DateWindow
) -> list[tuple[str, Any]] | None:
    """Milestones fall inside the project's window."""
    if draft.milestones is None:
        return None
    if not check.list_size(problems, ["milestones"], draft.milestones, maximum=MAX_MILESTONES):
        return None
    start, deadline = window
    checked = []
    for index, entry in enumerate(draft.milestones):
        path: list[str | int] = ["milestones", index]
        title = check.text(problems, [*path, "title"], entry.title, max_length=160)
        due = entry.due_date
        if not check.plausible_date(problems, [*path, "dueDate"], due):
            continue
        if (start and due < start) or (deadline and due > deadline):
            problems.add(
                [*path, "dueDate"],
                "A milestone must fall between the start date and the deadline.",
                ErrorCode.OUT_OF_RANGE,
            )
        elif title:
            checked.append((title, due))
    return checked
