"""The skill taxonomy: canonical tags, their aliases and related tags."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.clock import utcnow


class Tag(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=80, unique=True, index=True)
    name: str = Field(max_length=120)
    category: str = Field(max_length=40, index=True)


class TagAlias(SQLModel, table=True):
    __tablename__ = "tag_alias"

    alias: str = Field(max_length=80, primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", index=True, ondelete="CASCADE")


class TagRelation(SQLModel, table=True):
    __tablename__ = "tag_relation"

    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")
    related_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE")


class SkillMapping(SQLModel, table=True):
    """A free-text skill an admin mapped onto a tag: an alias kept apart from the seeded
    ones, so re-seeding the taxonomy keeps it."""

    __tablename__ = "skill_mapping"

    key: str = Field(max_length=80, primary_key=True)
    text: str = Field(max_length=80)
    tag_id: int = Field(foreign_key="tag.id", index=True, ondelete="CASCADE")
    mapped_at: datetime = Field(default_factory=utcnow)


class TaxonomyStamp(SQLModel, table=True):
    """One row that changes whenever the taxonomy does, so every worker can tell cheaply
    that its cached catalog is stale."""

    __tablename__ = "taxonomy_stamp"

    id: int = Field(default=1, primary_key=True)
    version: int = 1
    changed_at: datetime = Field(default_factory=utcnow)
