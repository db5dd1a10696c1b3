"""Checks for a request's terms (fields.TermsDraft): visibility, the NDA and its public
summary, attachments' names, acceptance criteria, the communication plan and screening
questions. Every problem is reported with its field path; nothing is written here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from api.core.errors import ErrorCode, FieldPath, Problems
from api.projects.fields import TermsDraft
from api.projects.models import ProjectRequest, Visibility
from api.values import checks as check

MAX_QUESTIONS = 10
MAX_QUESTION_CHARS = 500
MAX_ATTACHMENTS = 20
MAX_ATTACHMENT_CHARS = 200
MAX_CRITERIA = 30
MAX_CRITERION_CHARS = 500
MAX_SUMMARY_CHARS = 500
MAX_NDA_CHARS = 10000
MAX_PLAN_CHARS = 2000


@dataclass
class TermsValues:
    """Checked columns, and screening questions (None: unchanged)."""

    columns: dict[str, Any] = field(default_factory=dict)
    questions: list[tuple[str, bool]] | None = None


def check_terms(
    draft: TermsDraft, problems: Problems, stored: ProjectRequest | None = None
) -> TermsValues:
    """`stored` is the request being updated: the NDA rules hold for the result."""
    values = TermsValues()
    cols = values.columns
    if draft.visibility is not None:
        if draft.visibility in Visibility.__members__:
            cols["visibility"] = draft.visibility
        else:
            problems.add(["visibility"], "Choose PUBLIC or INVITE_ONLY.", ErrorCode.INVALID)
    for name, column, limit in (
        ("ndaText", "nda_text", MAX_NDA_CHARS),
        ("summary", "summary", MAX_SUMMARY_CHARS),
        ("communicationPlan", "communication_plan", MAX_PLAN_CHARS),
    ):
        raw = getattr(draft, column)
        if raw is not None:
            before = len(problems.items)
            cleaned = check.text(problems, [name], raw, max_length=limit, required=False)
            if len(problems.items) == before:
                cols[column] = cleaned  # blank clears it
    if draft.nda_required is not None:
        cols["nda_required"] = draft.nda_required
    for name, column, items, limit, maximum in (
        (
            "attachmentNames",
            "attachment_names",
            draft.attachment_names,
            MAX_ATTACHMENT_CHARS,
            MAX_ATTACHMENTS,
        ),
        (
            "acceptanceCriteria",
            "acceptance_criteria",
            draft.acceptance_criteria,
            MAX_CRITERION_CHARS,
            MAX_CRITERIA,
        ),
    ):
        checked = check.each(problems, name, items, _bounded(limit), maximum=maximum)
        if checked is not None:
            cols[column] = checked
    _check_nda(draft, cols, problems, stored)
    values.questions = _check_questions(draft, problems)
    return values


def _bounded(limit: int) -> Callable[[Problems, FieldPath, str], str | None]:
    """A check for one list item: required text of at most `limit` characters."""

    def item(problems: Problems, path: FieldPath, value: str) -> str | None:
        return check.text(problems, path, value, max_length=limit)

    return item


def _check_nda(
    draft: TermsDraft, cols: dict[str, Any], problems: Problems, stored: ProjectRequest | None
) -> None:
    """With an NDA, vendors read the summary until they accept the NDA's text: both needed."""

    def result(column: str) -> Any:
        if column in cols:
            return cols[column]
        return getattr(stored, column) if stored is not None else None

    if not result("nda_required"):
        return
    refused = {problem.field for problem in problems.items}
    for name, column in (("ndaText", "nda_text"), ("summary", "summary")):
        if not result(column) and (*problems.prefix, name) not in refused:
            problems.add([name], "Required when an NDA is required.", ErrorCode.REQUIRED)


def _check_questions(draft: TermsDraft, problems: Problems) -> list[tuple[str, bool]] | None:
    entries = draft.screening_questions
    if entries is None:
        return None
    if not check.list_size(problems, ["screeningQuestions"], entries, maximum=MAX_QUESTIONS):
        return None
    checked = []
    for index, entry in enumerate(entries):
        text = check.text(
            problems,
            ["screeningQuestions", index, "question"],
            entry.question,
            max_length=MAX_QUESTION_CHARS,
        )
        if text:
            checked.append((text, entry.required))
    return checked
