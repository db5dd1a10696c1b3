"""The rules for a review's content: four scores from 1 to 5 and an optional comment."""

from __future__ import annotations

from api.core.errors import Problems
from api.reviews.fields import ReviewDraft
from api.reviews.rating import SCORES
from api.values import checks as check

MAX_COMMENT = 4000


def check_review_draft(draft: ReviewDraft, problems: Problems) -> str:
    """The cleaned comment; every problem with the scores or comment goes to `problems`."""
    for name in SCORES:
        check.number_range(problems, [name], getattr(draft, name), low=1, high=5)
    comment = check.text(
        problems, ["comment"], draft.comment, max_length=MAX_COMMENT, required=False
    )
    return comment or ""
