"""Admins map a free-text skill onto a tag; every profile and request that named it
follows, and every worker sees the change without a restart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from api.core.errors import ErrorCode, Problems
from api.core.viewer import Viewer, require_admin
from api.projects import free_skills as project_skills
from api.tags.catalog import TagCatalog
from api.tags.rules import named_skill
from api.tags.service import add_skill_mapping
from api.values.checks import text as checked_text
from api.vendors import free_skills as vendor_skills

if TYPE_CHECKING:
    from api.tags.models import Tag


@dataclass(frozen=True)
class Mapped:
    """What one mapping changed."""

    text: str
    tag: Tag
    vendors: int
    project_requests: int


@dataclass(frozen=True)
class Usage:
    """A free-text skill the taxonomy does not cover, and how often it is named."""

    key: str
    text: str
    vendors: int
    project_requests: int

    @property
    def total(self) -> int:
        return self.vendors + self.project_requests


async def map_free_skill(
    *, session: AsyncSession, viewer: Viewer | None, text: str, tag: str, catalog: TagCatalog
) -> Mapped:
    """Make `text` an alias of the tag `tag` names, and turn every vendor's free-text skill
    and every request's free-text requirement with its key into that tag.

    Mapping text that already names the same tag only converts rows left behind (a worker
    that had not seen the mapping yet); text that names another tag is refused.
    """
    require_admin(viewer, "Only admins can map skills onto tags.")
    problems = Problems()
    skill = named_skill(problems, ["text"], text, catalog)
    target = None
    if (typed := checked_text(problems, ["tag"], tag, max_length=120)) is not None:
        target = catalog.resolve(typed)
        if target is None:
            problems.add(["tag"], f"No tag is called '{typed}'.", ErrorCode.NOT_FOUND)
    if skill and skill.tag and target and skill.tag.id != target.id:
        problems.add(["text"], f"'{text.strip()}' already means {skill.tag.name}.", ErrorCode.TAKEN)
    problems.raise_if_any()
    assert skill is not None and target is not None and target.id is not None
    if skill.tag is None:
        await add_skill_mapping(session, key=skill.key, text=skill.name, tag_id=target.id)
    vendors = await vendor_skills.adopt_free_skill(session, skill.key, target)
    projects = await project_skills.adopt_free_skill(session, skill.key, target.id)
    return Mapped(text=skill.name, tag=target, vendors=len(vendors), project_requests=len(projects))


async def unmapped_skills(
    *, session: AsyncSession, viewer: Viewer | None, catalog: TagCatalog
) -> list[Usage]:
    """Free-text skills no tag covers yet, most named first (then by text)."""
    require_admin(viewer, "Only admins can list unmapped skills.")
    vendors = await vendor_skills.free_skill_counts(session)
    projects = await project_skills.free_skill_counts(session)
    usages = []
    for key in vendors.keys() | projects.keys():
        typed = (vendors.get(key) or projects[key])[0]
        if catalog.resolve(typed) is not None:
            continue  # left behind by a worker that had not seen a mapping yet
        usages.append(
            Usage(
                key=key,
                text=typed,
                vendors=vendors.get(key, ("", 0))[1],
                project_requests=projects.get(key, ("", 0))[1],
            )
        )
    return sorted(usages, key=lambda usage: (-usage.total, usage.text.casefold()))
