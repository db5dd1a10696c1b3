"""What a business says about a request beyond its scope of work, before it is checked:
who may see it, what is confidential, what vendors must answer, and how work is judged."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionEntry:
    question: str
    required: bool = True


@dataclass(frozen=True)
class TermsDraft:
    """None means 'not given' (a new request takes the defaults; an update keeps the
    stored value). A blank optional text clears it."""

    visibility: str | None = None
    nda_required: bool | None = None
    nda_text: str | None = None
    summary: str | None = None
    attachment_names: list[str] | None = None
    acceptance_criteria: list[str] | None = None
    communication_plan: str | None = None
    screening_questions: list[QuestionEntry] | None = None

    @property
    def given(self) -> bool:
        return any(value is not None for value in vars(self).values())
