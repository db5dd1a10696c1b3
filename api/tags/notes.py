"""Notes on skill names the taxonomy does not know: kept as free text, never refused, and
told back to the caller with the closest known tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from api.core.errors import FieldPath
from api.tags.catalog import TagCatalog
from api.tags.models import Tag
from api.tags.rules import MAX_SKILL_NAME

# Suggesting searches the whole taxonomy; a request names up to a few hundred skills, so
# only this many distinct unknown names get suggestions (every one still gets its note).
MAX_SUGGESTED = 10
SUGGESTIONS_PER_NOTE = 3


@dataclass(frozen=True)
class SkillNote:
    """One free-text skill: where it was named, as kept, what it means, and known tags
    that may be what was meant."""

    field: tuple[str, ...]
    text: str
    message: str
    suggestions: tuple[Tag, ...]


def skill_notes(
    catalog: TagCatalog, named: Iterable[tuple[FieldPath, str]], prefix: Sequence[str]
) -> list[SkillNote]:
    """A note for each name in `named` that is no known tag (blank or over-long names are
    input errors, reported elsewhere)."""
    notes: list[SkillNote] = []
    suggested: dict[str, tuple[Tag, ...]] = {}
    for path, typed in named:
        cleaned = typed.strip()
        if not cleaned or len(cleaned) > MAX_SKILL_NAME:
            continue
        skill = catalog.named(cleaned)
        if skill.tag is not None or not skill.key:
            continue
        if skill.key not in suggested and len(suggested) < MAX_SUGGESTED:
            suggested[skill.key] = tuple(catalog.suggest(skill.name, n=SUGGESTIONS_PER_NOTE))
        suggestions = suggested.get(skill.key, ())
        hint = f" Did you mean {', '.join(t.name for t in suggestions)}?" if suggestions else ""
        notes.append(
            SkillNote(
                field=(*prefix, *map(str, path)),
                text=skill.name,
                message=f"'{skill.name}' is not a known skill yet: it is kept as free text "
                f"and matched by its wording.{hint}",
                suggestions=suggestions,
            )
        )
    return notes
