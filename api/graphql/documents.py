"""The shape of a parsed document, checked before validation so validation stays cheap.

graphql-core's OverlappingFieldsCanBeMerged compares every two fields that share a
response name, and their merged sub-selections in turn: 450 copies of `viewer { id }`
took it 0.75-1.5 s. Expanding fragments can multiply a small text into many fields. So
before validation, one walk over the document (fragments expanded, same-named fields
merged, as the rule sees them) bounds the fields, the repeats of a response name, the
depth and the aliases. The walk stops as soon as a bound is crossed, so it costs at
most a bounded number of steps whatever the document.
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


@dataclass(frozen=True)
class ShapeLimits:
    max_fields: int
    max_repeated: int
    max_depth: int
    max_aliases: int


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

    def fields_of(
        self, selection_set: SelectionSetNode | None, seen: frozenset[str]
    ) -> Iterator[FieldNode]:
        """The fields a selection set selects, through inline fragments and spreads."""
        if selection_set is None:
            return
        for selection in selection_set.selections:
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
