"""What a caller may say about its notifications and webhooks, before it is checked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WebhookDraft:
    url: str
    description: str = ""


@dataclass(frozen=True)
class ReadMarks:
    """Which notifications to mark read: these ids, or every one up to and including one."""

    ids: tuple[int, ...] | None = None
    up_to: int | None = None
