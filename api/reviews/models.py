"""Reviews: verified, one per awarded project."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.clock import utcnow


class Review(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project_request.id", unique=True)
    vendor_id: int = Field(foreign_key="vendor.id", index=True)
    author_id: int = Field(foreign_key="account.id", index=True)
    quality: int
    communication: int
    timeliness: int
    value: int
    on_time: bool = True
    comment: str = Field(default="", max_length=4000)
    created_at: datetime = Field(default_factory=utcnow, index=True)
