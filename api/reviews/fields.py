"""What one side of an engagement says about the other, before it is checked."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ReviewDirection(enum.StrEnum):
    """Who reviews whom: the business its vendor, or the vendor its client."""

    BUSINESS_TO_VENDOR = "BUSINESS_TO_VENDOR"
    VENDOR_TO_BUSINESS = "VENDOR_TO_BUSINESS"


@dataclass(frozen=True)
class ReviewDraft:
    quality: int
    communication: int
    timeliness: int
    value: int
    comment: str = ""
    on_time: bool = True
