"""The skill taxonomy: canonical tags, their aliases and related tags."""

from __future__ import annotations

from sqlmodel import Field, SQLModel


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
