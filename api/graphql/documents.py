"""The shape of a parsed document, checked before validation so validation stays cheap.

graphql-core's OverlappingFieldsCanBeMerged compares every two fields that share a
response name, and their merged sub-selections in turn: 450 copies of `viewer { id }`
took it 0.75-1.5 s. Expanding fragments can multiply a small text into many fields. So
before validation, one walk over the document (fragments expanded, same-named fields
merged, as the rule sees them) bounds the fields, the repeats of a response name, the
depth and the aliases. Every step of the walk (each field, inline fragment and spread,
each time a spread brings it in) is counted as it is taken, against a bound of its own
(STEPS_PER_FIELD x the fields allowed), and the walk stops as soon as a bound is
crossed: it costs at most a bounded number of steps whatever the document, even one
whose fragments spread each other twice over (doubling at every level) or spread only
fragments, with no field to count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

# Steps (fields, inline fragments, spreads) the walk may take per field allowed: an
# ordinary document takes little more than one per field (GraphiQL's schema query: 1.05).
STEPS_PER_FIELD = 4


@dataclass(frozen=True)
class ShapeLimits:
    max_fields: int
    max_repeated: int
    max_depth: int
    max_aliases: int

    @property
    def max_steps(self) -> int:
        return STEPS_PER_FIELD * self.max_fields


class ShapeError(Exception):
    """The document is too large to validate; the message names the bound crossed."""


class _Walk:
    def __init__(self, document: DocumentNode, limits: ShapeLimits) -> None:
        self.limits = limits
        self.fragments: Mapping[str, FragmentDefinitionNode] = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.fields = 0
        self.aliases = 0
        self.steps = 0

    def fields_of(
        self, selection_set: SelectionSetNode | None, seen: frozenset[str]
    ) -> Iterator[FieldNode]:
        """The fields a selection set selects, through inline fragments and spreads.

        Each selection is a step, counted before it is followed: a spread of a spread of
        ... costs its steps as it is produced, never the whole expansion at once.
        """
        if selection_set is None:
            return
        for selection in selection_set.selections:
            self.step()
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from self.fields_of(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                # Unknown and cyclic fragments are validation's to report.
                if fragment is not None and name not in seen:
                    yield from self.fields_of(fragment.selection_set, seen | {name})

    def group(self, fields: Iterable[tuple[FieldNode, frozenset[str]]], depth: int | None) -> None:
        """Check one merged selection set: fields grouped by response name.

        `depth` is None inside introspection, which is exempt from the depth bound (as
        under Strawberry's limiter: GraphiQL's schema query nests deep).
        """
        groups: dict[str, list[tuple[FieldNode, frozenset[str]]]] = {}
        for field, seen in fields:
            self.count(field)
            name = (field.alias or field.name).value
            members = groups.setdefault(name, [])
            members.append((field, seen))
            if len(members) > self.limits.max_repeated:
                raise ShapeError(
                    f"`{name}` is selected more than {self.limits.max_repeated} times in one "
                    "selection set (fragments included)."
                )
        for members in groups.values():
            children = [
                (child, seen)
                for field, seen in members
                for child in self.fields_of(field.selection_set, seen)
            ]
            if not children:
                continue
            nested = (
                None if depth is None or members[0][0].name.value.startswith("__") else depth + 1
            )
            if nested is not None and nested > self.limits.max_depth:
                raise ShapeError(
                    f"The query exceeds maximum operation depth of {self.limits.max_depth}."
                )
            self.group(children, nested)

    def step(self) -> None:
        self.steps += 1
        if self.steps > self.limits.max_steps:
            raise ShapeError(
                f"The query's fragments expand to more than {self.limits.max_steps} "
                "selections (each spread counted each time it is reached)."
            )

    def count(self, field: FieldNode) -> None:
        self.fields += 1
        if self.fields > self.limits.max_fields:
            raise ShapeError(
                f"The query selects more than {self.limits.max_fields} fields "
                "(fragments counted each time they are spread)."
            )
        if field.alias is not None:
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise ShapeError(f"The query uses more than {self.limits.max_aliases} aliases.")


def check_shape(document: DocumentNode, limits: ShapeLimits) -> None:
    """Raise ShapeError when any operation of the document crosses a bound."""
    walk = _Walk(document, limits)
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            walk.group(
                (
                    (field, frozenset())
                    for field in walk.fields_of(definition.selection_set, frozenset())
                ),
                depth=0,
            )
