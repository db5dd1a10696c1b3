"""Query cost: an upper bound on the work a valid document asks for, known before it runs.

Every field costs 1. A field with a `first` argument returns a page: what its `edges`
(or, for a plain list, the field itself) select is multiplied by the page size, the
default page when `first` is absent, capped at the largest page. Other lists multiply by
the size their field declares with `cost_hint(list_size=...)` (DEFAULT_LIST_SIZE when
they declare none). A field that does real work (ranking vendors) declares a higher base
with `cost_hint(base=...)`. Nested selections multiply, so one small document asking
for 30 x 100 x 50 matches is priced at what it would make the server do.

Fragments on several types are all counted (an upper bound); `@skip`/`@include` are
ignored for the same reason. The document is walked once; its size is already bounded
(api/graphql/documents.py), so pricing it is cheap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    value_from_ast_untyped,
)
from graphql.utilities import get_operation_ast
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from api.graphql.pagination import DEFAULT_PAGE, max_page

COST_KEY = "vendormatch.cost"
LIST_SIZE_KEY = "vendormatch.list_size"
DEFAULT_LIST_SIZE = 10
PAGE_FIELDS = {"edges", "nodes"}

Composite = GraphQLObjectType | GraphQLInterfaceType


def cost_hint(*, base: int = 1, list_size: int | None = None) -> dict[str, int]:
    """Metadata for `strawberry.field(metadata=...)`: the field's own cost, and for a list
    without `first`, how many items it returns at most."""
    hint = {COST_KEY: base}
    if list_size is not None:
        hint[LIST_SIZE_KEY] = list_size
    return hint


def _metadata(field: GraphQLField) -> Mapping[Any, Any]:
    definition = (field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return definition.metadata if isinstance(definition, StrawberryField) else {}


class _Pricer:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any]
    ) -> None:
        self.schema = schema
        self.variables = dict(variables)
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }

    def selection_set(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        page: int | None,
        seen: frozenset[str] = frozenset(),
    ) -> int:
        if selection_set is None or not isinstance(parent, Composite):
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(selection.selection_set, target, page, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    target = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.selection_set(fragment.selection_set, target, page, seen | {name})
        return total

    def field(self, node: FieldNode, parent: Composite, page: int | None) -> int:
        name = node.name.value
        if name == "__typename":
            return 0
        definition = self._definition(parent, name)
        if definition is None:  # introspection (`__schema`, `__type`): priced as plain fields
            return 1 + self.selection_set(node.selection_set, None, None)
        hint = _metadata(definition)
        base = int(hint.get(COST_KEY, 1))
        named = get_named_type(definition.type)
        is_list = isinstance(get_nullable_type(definition.type), GraphQLList)
        if "first" in definition.args:
            size = self._first(node, definition)
            is_connection = isinstance(named, GraphQLObjectType) and "edges" in named.fields
            if is_connection:
                return base + self.selection_set(node.selection_set, named, size)
            return base + size * self.selection_set(node.selection_set, named, None)
        if is_list:
            if name in PAGE_FIELDS and page is not None:
                size = page
            else:
                size = int(hint.get(LIST_SIZE_KEY, DEFAULT_LIST_SIZE))
            return base + size * self.selection_set(node.selection_set, named, None)
        return base + self.selection_set(node.selection_set, named, None)

    @staticmethod
    def _definition(parent: Composite, name: str) -> GraphQLField | None:
        return parent.fields.get(name)

    def _first(self, node: FieldNode, definition: GraphQLField) -> int:
        value: Any = None
        for argument in node.arguments or ():
            if argument.name.value == "first":
                value = value_from_ast_untyped(argument.value, self.variables)
                break
        else:
            default = definition.args["first"].default_value
            value = default if isinstance(default, int) else None
        if not isinstance(value, int) or isinstance(value, bool):
            return DEFAULT_PAGE
        return max(0, min(value, max_page()))


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
) -> int:
    """The cost of the operation the request runs (0 when there is none to run)."""
    operation: OperationDefinitionNode | None = get_operation_ast(document, operation_name)
    if operation is None:
        return 0
    root = schema.get_root_type(operation.operation)
    # A variable the request leaves out takes its default from the operation.
    values = dict(variables or {})
    for definition in operation.variable_definitions or ():
        name = definition.variable.name.value
        if name not in values and definition.default_value is not None:
            values[name] = value_from_ast_untyped(definition.default_value)
    pricer = _Pricer(schema, document, values)
    return pricer.selection_set(operation.selection_set, root, None)
