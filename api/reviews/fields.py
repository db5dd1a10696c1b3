"""What a business says about a vendor's work, before it is checked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReviewDraft:
    quality: int
    communication: int
    timeliness: int
    value: int
    comment: str = ""
    on_time: bool = True
