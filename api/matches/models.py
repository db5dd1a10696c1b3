"""Fitted matching weights, shared by every worker through the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from api.core.clock import utcnow


class MatchModel(SQLModel, table=True):
    """One fitted weight set; the newest is the one in use."""

    __tablename__ = "match_model"

    id: int | None = Field(default=None, primary_key=True)
    weights: dict[str, float] = Field(sa_column=Column(JSON, nullable=False))
    learned_ndcg: float
    default_ndcg: float
    scopes: int
    created_at: datetime = Field(default_factory=utcnow, index=True)
