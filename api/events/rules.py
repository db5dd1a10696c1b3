"""The checks on webhook registrations and read marks: every problem named by its field."""

from __future__ import annotations

from api.core.errors import ErrorCode, Problems
from api.events.addresses import MAX_URL, RefusedAddress, check_url
from api.events.fields import ReadMarks, WebhookDraft

MAX_DESCRIPTION = 200
MAX_READ_IDS = 100


async def check_webhook(draft: WebhookDraft, *, allow_private: bool) -> Problems:
    """Problems with a webhook to register: its URL (reachable only at public addresses
    unless `allow_private`) and its description."""
    problems = Problems()
    url = draft.url.strip()
    if not url:
        problems.add(["url"], "Give the URL to deliver events to.", ErrorCode.REQUIRED)
    else:
        try:
            await check_url(url, allow_private=allow_private)
        except RefusedAddress as refused:
            code = ErrorCode.TOO_LONG if len(url) > MAX_URL else ErrorCode.INVALID
            problems.add(["url"], str(refused), code)
    if len(draft.description) > MAX_DESCRIPTION:
        problems.add(["description"], f"At most {MAX_DESCRIPTION} characters.", ErrorCode.TOO_LONG)
    if any(ord(ch) < 0x20 and ch not in "\t" for ch in draft.description):
        problems.add(["description"], "One line, without control characters.", ErrorCode.INVALID)
    return problems


def check_read_marks(marks: ReadMarks) -> Problems:
    """Exactly one of `ids` (at most MAX_READ_IDS) or `upTo`."""
    problems = Problems()
    if (marks.ids is None) == (marks.up_to is None):
        problems.add([], "Give either `ids` or `upTo`.", ErrorCode.INVALID)
    elif marks.ids is not None and len(marks.ids) > MAX_READ_IDS:
        problems.add(["ids"], f"At most {MAX_READ_IDS} ids at once.", ErrorCode.TOO_MANY)
    return problems
