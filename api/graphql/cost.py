"""Query cost: an upper bound on the work a valid document asks for, known before it runs.

Every field costs 1. A field with a `first` argument returns a page: what its `edges`
(or, for a plain list, the field itself) select is multiplied by the page size, the
default page when `first` is absent, capped at the largest page. Other lists multiply by
the size their field declares with `cost_hint(list_size=...)` (DEFAULT_LIST_SIZE when
they declare none). A field that does real work (ranking vendors) declares a higher base
with `cost_hint(base=...)`. Nested selections multiply, so one small document asking
for 30 x 100 x 50 matches is priced at what it would make the server do.

Page sizes are read as execution will read them: variables coerced by the operation's
definitions (`{"n": 100.0}` is the Int 100), arguments coerced with their defaults. A
size that cannot be read (variables or arguments execution would refuse) is priced at
the largest page, never below.

Introspection is priced by the schema's real sizes (see `_IntrospectionSizes`): each
list of `__schema` costs what it returns, at INTROSPECTION_WEIGHT a point per item since
it is read from the schema in memory, not from the database. GraphiQL's one schema query
passes, as the schema grows, but twenty aliased copies of it do not.

Fragments on several types are all counted (an upper bound); `@skip`/`@include` are
ignored for the same reason. The document is walked once; its size is already bounded
(api/graphql/documents.py), so pricing it is cheap.
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
)
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, introspection_types
from graphql.utilities import get_operation_ast
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

from api.core.identity_memo import IdentityMemo
from api.graphql.pagination import DEFAULT_PAGE, max_page

COST_KEY = "vendormatch.cost"
LIST_SIZE_KEY = "vendormatch.list_size"
DEFAULT_LIST_SIZE = 10
PAGE_FIELDS = {"edges", "nodes"}
# Introspection reads the schema in memory: an item costs a quarter of a database-backed one.
INTROSPECTION_ROOTS = {"__schema", "__type"}
INTROSPECTION_WEIGHT = 0.25
# Introspection lists whose items are some types, not every type of the schema.
PARTIAL_LISTS = {("__Type", "interfaces"), ("__Type", "possibleTypes")}

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


class _IntrospectionSizes:
    """How many items each introspection list returns, counted on the schema itself.

    A list reached through `__schema { types }` (or `directives`) enumerates the whole
    schema, so its lists are priced at their mean over it: `types { fields { args } }`
    then costs exactly the types, fields and arguments the schema has (the sum of a
    product is the product of the means). Lists reached any other way (one `__type`,
    a field's `type`, `interfaces`, `ofType`) are priced at their largest.
    """

    def __init__(self, schema: GraphQLSchema) -> None:
        types = list(schema.type_map.values())
        composites = [t for t in types if isinstance(t, Composite)]
        fields = [f for t in composites for f in t.fields.values()]
        directives = schema.directives
        # Each list's length for every item of its population (all types, all fields...).
        counts: dict[tuple[str, str], list[int]] = {
            ("__Schema", "types"): [len(types)],
            ("__Schema", "directives"): [len(directives)],
            ("__Type", "fields"): [len(t.fields) for t in composites],
            ("__Type", "interfaces"): [len(t.interfaces) for t in composites],
            ("__Type", "possibleTypes"): [
                len(schema.get_possible_types(t))
                for t in types
                if isinstance(t, GraphQLInterfaceType | GraphQLUnionType)
            ],
            ("__Type", "enumValues"): [
                len(t.values) for t in types if isinstance(t, GraphQLEnumType)
            ],
            ("__Type", "inputFields"): [
                len(t.fields) for t in types if isinstance(t, GraphQLInputObjectType)
            ],
            ("__Field", "args"): [len(f.args) for f in fields],
            ("__Directive", "args"): [len(d.args) for d in directives],
            ("__Directive", "locations"): [len(d.locations) for d in directives],
        }
        # How many `ofType` levels any type reference in the schema has before it ends
        # (`[String!]!` has three): deeper `ofType` selections are always null.
        references = [f.type for f in fields]
        references += [a.type for f in fields for a in f.args.values()]
        references += [
            f.type
            for t in types
            if isinstance(t, GraphQLInputObjectType)
            for f in t.fields.values()
        ]
        references += [a.type for d in directives for a in d.args.values()]
        self.wrapping = max((_wrappers(reference) for reference in references), default=0)
        population = {"__Schema": 1, "__Type": len(types), "__Field": len(fields)}
        population["__Directive"] = len(directives)
        self.largest = {key: max(values, default=0) for key, values in counts.items()}
        self.mean = {
            key: sum(values) / max(1, population[key[0]]) for key, values in counts.items()
        }

    def size(self, parent: str, name: str, whole: bool) -> tuple[float, bool] | None:
        """The list's size, and whether its items are a whole population in turn (all
        the schema's types, fields, ...); None for a field that is not such a list."""
        key = (parent, name)
        if key not in self.largest:
            return None
        if not whole and parent != "__Schema":  # the one schema is a whole population
            return self.largest[key], False
        return self.mean[key], key not in PARTIAL_LISTS


def _wrappers(reference: Any) -> int:
    """The NonNull and List wrappers around a type reference."""
    count = 0
    while isinstance(reference, GraphQLNonNull | GraphQLList):
        count, reference = count + 1, reference.of_type
    return count


_sizes: weakref.WeakKeyDictionary[GraphQLSchema, _IntrospectionSizes] = weakref.WeakKeyDictionary()


def _introspection_sizes(schema: GraphQLSchema) -> _IntrospectionSizes:
    sizes = _sizes.get(schema)
    if sizes is None:
        sizes = _sizes[schema] = _IntrospectionSizes(schema)
    return sizes


class _Pricer:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: VariableValues | None,
    ) -> None:
        self.schema = schema
        # None: the variables are ones execution would refuse; every page is the largest.
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.introspection = _introspection_sizes(schema)

    def selection_set(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        page: int | None,
        seen: frozenset[str] = frozenset(),
        whole: bool = False,
    ) -> float:
        """`whole`: inside introspection, the items are a whole population of the schema."""
        if selection_set is None or not isinstance(parent, Composite):
            return 0
        total = 0.0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, page, whole)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection_set(selection.selection_set, target, page, seen, whole)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    target = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.selection_set(
                        fragment.selection_set, target, page, seen | {name}, whole
                    )
        return total

    def field(self, node: FieldNode, parent: Composite, page: int | None, whole: bool) -> float:
        cost = self._field(node, parent, page, whole)
        if parent is self.schema.query_type and node.name.value in INTROSPECTION_ROOTS:
            return cost * INTROSPECTION_WEIGHT
        return cost

    def _field(self, node: FieldNode, parent: Composite, page: int | None, whole: bool) -> float:
        name = node.name.value
        if name == "__typename":
            return 0
        definition = self._definition(parent, name)
        if definition is None:  # not in the schema: validation has refused it already
            return 1
        hint = _metadata(definition)
        base = int(hint.get(COST_KEY, 1))
        named = get_named_type(definition.type)
        is_list = isinstance(get_nullable_type(definition.type), GraphQLList)
        if parent.name == "__Type" and name == "ofType":
            return self._of_type(node, named, self.introspection.wrapping)
        if parent.name in introspection_types:
            sized = self.introspection.size(parent.name, name, whole)
            if sized is not None:
                size, items_whole = sized
                return base + size * self.selection_set(
                    node.selection_set, named, None, whole=items_whole
                )
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

    def _of_type(self, node: FieldNode, type_: Any, levels: int) -> float:
        """An `ofType` chain, priced only as deep as the schema wraps a type reference:
        past that every `ofType` is null, however deep GraphiQL's query asks."""
        if levels <= 0 or node.selection_set is None:
            return 1
        total = 1.0
        for selection in node.selection_set.selections:
            if isinstance(selection, FieldNode) and selection.name.value == "ofType":
                total += self._of_type(selection, type_, levels - 1)
            else:  # anything else (fragments included) is priced as usual, conservatively
                single = SelectionSetNode(selections=(selection,))
                total += self.selection_set(single, type_, None)
        return total

    def _definition(self, parent: Composite, name: str) -> GraphQLField | None:
        if parent is self.schema.query_type:
            if name == "__schema":
                return SchemaMetaFieldDef
            if name == "__type":
                return TypeMetaFieldDef
        return parent.fields.get(name)

    def _first(self, node: FieldNode, definition: GraphQLField) -> int:
        """The page size execution will use: arguments coerced as it coerces them."""
        if self.variables is None:
            return max_page()
        try:
            value = get_argument_values(definition, node, self.variables).get("first")
        except (GraphQLError, ValueError, TypeError):  # refused at execution
            return max_page()
        if value is None:  # absent or null: the resolvers' default page
            return DEFAULT_PAGE
        if not isinstance(value, int) or isinstance(value, bool):
            return max_page()
        return max(0, min(value, max_page()))


# Costs of operations without variables, which depend on nothing else than the schema, the
# (cached, so the same) document and the largest page.
_known_costs: IdentityMemo[int] = IdentityMemo(limit=256)


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
    if operation.variable_definitions:
        return _cost(schema, document, operation, variables)
    return _known_costs.get_or_make(
        (schema, document),
        _cost,
        schema,
        document,
        operation,
        variables,
        extra=(operation_name, max_page()),
    )


def _cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Mapping[str, Any] | None,
) -> int:
    root = schema.get_root_type(operation.operation)
    # Coerced as execution coerces them (defaults filled in, `100.0` read as Int 100).
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables or {}), max_errors=1
    )
    pricer = _Pricer(schema, document, coerced if isinstance(coerced, VariableValues) else None)
    return math.ceil(pricer.selection_set(operation.selection_set, root, None))
