"""Completing plain subtrees of a response in a tight loop, outside graphql-core's machinery.

graphql-core completes every field the same general way: a `Path`, a resolve info, an
argument check, then `complete_value` dispatching on the type, per field and per list
item. A vendors page completes ~900 fields, and that machinery was most of its CPU. Most
of those fields need none of it: they are read by a plain function of their parent (an
attribute, or a method that takes no arguments and no info: the "plain" resolvers of
api/graphql/direct_resolvers.py), and their values are scalars, lists or objects whose
fields are plain again.

So this executor, per request, works out once per selection (field group) whether
everything below it is plain, and if so completes it with closures built for that
selection. Anything else (arguments, an info, directives, incremental delivery,
abstract types, async resolvers, middleware) is graphql-core's, unchanged.

A compiled completion takes the happy path only: at the first thing graphql-core would
report or treat specially (an exception, a null where the type forbids one, an
awaitable, an iterable that is not a list or tuple, a failed type check) it gives up,
records nothing, and graphql-core completes that field again from its resolver, so
errors, their paths and null propagation are graphql-core's own. A plain resolver may
therefore be called twice for a field that errs; plain resolvers are reads without side
effects.
"""

from __future__ import annotations

from collections.abc import Callable
from inspect import iscoroutine
from types import CoroutineType, GeneratorType
from typing import Any

from graphql import (
    FragmentSpreadNode,
    GraphQLField,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeNameMetaFieldDef,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.direct_resolvers import plain_reader

Complete = Callable[[Any], Any]
# A plain field: its response name, how to read it off the parent, how to complete it.
PlainField = tuple[str, Callable[[Any], Any], Complete]
# A field of an object as executed: plain, or (None, ...) for graphql-core's way.
PlannedField = tuple[str, FieldDetailsList, Callable[[Any], Any] | None, Complete | None]


# Types whose values graphql-core never awaits (its check: a coroutine, an iterable
# coroutine or `__await__`), learnt as values are seen, so that most values cost a set
# lookup rather than that check.
_NEVER_AWAITED: set[type] = set()


def _awaitable_check(is_awaitable: Callable[[Any], bool]) -> Callable[[Any], bool]:
    """`is_awaitable`, answered from the types learnt where it can be."""
    never_awaited = _NEVER_AWAITED

    def awaitable(value: Any) -> bool:
        kind = type(value)
        if kind in never_awaited:
            return False
        if is_awaitable(value):
            return True
        if not hasattr(kind, "__await__") and not issubclass(kind, CoroutineType | GeneratorType):
            never_awaited.add(kind)
        return False

    return awaitable


_AWAITABLE = _awaitable_check(optimized_is_awaitable)


class GiveUp(Exception):
    """Something graphql-core must complete itself."""


def _give_up_on_awaitable(value: Any) -> None:
    if iscoroutine(value):
        value.close()  # never awaited: graphql-core calls the resolver again
    raise GiveUp


def _typename(name: str) -> Callable[[Any], Any]:
    return lambda _source: name


def _complete_non_null(inner: Complete) -> Complete:
    def complete(value: Any) -> Any:
        completed = inner(value)
        if completed is None:
            raise GiveUp
        return completed

    return complete


def _complete_list(inner: Complete, is_awaitable: Callable[[Any], bool]) -> Complete:
    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        # A list or tuple can be walked again when graphql-core takes over; a generator
        # could not, so anything else is graphql-core's from the start.
        if type(value) is not list and type(value) is not tuple:
            raise GiveUp
        completed: list[Any] = []
        append = completed.append
        for item in value:
            if is_awaitable(item):
                _give_up_on_awaitable(item)
            append(inner(item))
        return completed

    return complete


def _complete_leaf(leaf_type: GraphQLLeafType) -> Complete:
    coerce = leaf_type.coerce_output_value

    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if isinstance(value, Exception):
            raise GiveUp
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise GiveUp
        return coerced

    return complete


def _complete_object(
    is_type_of: Callable[[Any, Any], Any] | None,
    fields: list[PlainField],
    is_awaitable: Callable[[Any], bool],
) -> Complete:
    def complete(value: Any) -> Any:
        if value is None or value is Undefined:
            return None
        if isinstance(value, Exception):
            raise GiveUp
        if is_type_of is not None and is_type_of(value, None) is not True:
            raise GiveUp
        data = {}
        for name, read, complete_field in fields:
            field_value = read(value)
            if is_awaitable(field_value):
                _give_up_on_awaitable(field_value)
            data[name] = complete_field(field_value)
        return data

    return complete


def _strawberry_is_type_of(function: Callable[..., Any]) -> bool:
    """Strawberry's own check, which reads only the value (not the info we do not build)."""
    return function.__qualname__.endswith("_get_is_type_of.<locals>.is_type_of")


def _without_arguments_or_directives(field_details_list: FieldDetailsList) -> bool:
    return all(
        not details.node.arguments
        and not details.node.directives
        and details.fragment_variable_values is None
        for details in field_details_list
    )


NodeIds = tuple[int, ...]


class SharedPlans:
    """One operation's plans, kept across requests: its field groups are the same nodes of
    the same (cached) document each time, as long as no directive or fragment argument
    makes them depend on a request's variables. The anchors keep the schema and the
    document alive, so the node ids that key the plans cannot be reused meanwhile."""

    def __init__(self, anchors: tuple[Any, ...]) -> None:
        self.anchors = anchors
        self.completions: dict[tuple[GraphQLOutputType, NodeIds], Complete | None] = {}
        self.fields: dict[
            tuple[GraphQLObjectType, tuple[tuple[str, NodeIds], ...]],
            list[tuple[Callable[[Any], Any] | None, Complete | None]],
        ] = {}


# Operations by (schema, operation node) identity; None for one whose field groups depend
# on variables. Bounded: emptied when full (a document the parse cache dropped and
# parsed again is a new operation node).
MAX_SHARED = 256
_SHARED: dict[tuple[int, int], tuple[tuple[Any, ...], SharedPlans | None]] = {}


def _node_ids(field_details_list: FieldDetailsList) -> NodeIds:
    return tuple(id(details.node) for details in field_details_list)


def _static_selections(selection_sets: list[SelectionSetNode | None]) -> bool:
    """No directive and no fragment argument anywhere in these selections."""
    pending = list(selection_sets)
    while pending:
        selection_set = pending.pop()
        if selection_set is None:
            continue
        for selection in selection_set.selections:
            if selection.directives:
                return False
            if isinstance(selection, FragmentSpreadNode):
                if getattr(selection, "arguments", None):
                    return False
                continue
            pending.append(getattr(selection, "selection_set", None))
    return True


def shared_plans(
    schema: Any, operation: OperationDefinitionNode, fragments: dict[str, Any]
) -> SharedPlans | None:
    key = (id(schema), id(operation))
    known = _SHARED.get(key)
    if known is not None and known[0][0] is schema and known[0][1] is operation:
        return known[1]
    anchors = (schema, operation, fragments)
    static = _static_selections(
        [operation.selection_set, *(fragment.selection_set for fragment in fragments.values())]
    ) and not any(fragment.directives for fragment in fragments.values())
    plans = SharedPlans(anchors) if static else None
    if len(_SHARED) >= MAX_SHARED:
        _SHARED.clear()
    _SHARED[key] = (anchors, plans)
    return plans


class CompilingExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing plain subtrees with compiled closures."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Per request, like graphql-core's own memo of collected subfields (keyed by
        # the field group's identity, the group kept alive beside its plan).
        self._completions: dict[tuple[Any, int], tuple[FieldDetailsList, Complete | None]] = {}
        self._plans: dict[int, tuple[GroupedFieldSet, list[PlannedField]]] = {}
        middleware = self.middleware_manager
        self._compiling = middleware is None or not middleware._middleware_resolvers
        self._awaitable = (
            _AWAITABLE
            if self.is_awaitable is optimized_is_awaitable
            else _awaitable_check(self.is_awaitable)
        )
        self._shared = (
            shared_plans(self.schema, self.operation, self.fragment_definitions)
            if self._compiling and self.is_awaitable is optimized_is_awaitable
            else None
        )

    # --- planning -------------------------------------------------------------------

    def _completion(
        self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList
    ) -> Complete | None:
        """How to complete a value of `return_type` for this field group, if all plain."""
        key = (return_type, id(field_details_list))
        known = self._completions.get(key)
        if known is not None:
            return known[1]
        shared = self._shared
        if shared is None:
            completion = self._build_completion(return_type, field_details_list)
        else:
            shared_key = (return_type, _node_ids(field_details_list))
            if shared_key in shared.completions:
                completion = shared.completions[shared_key]
            else:
                completion = self._build_completion(return_type, field_details_list)
                shared.completions[shared_key] = completion
        self._completions[key] = (field_details_list, completion)
        return completion

    def _build_completion(
        self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList
    ) -> Complete | None:
        if isinstance(return_type, GraphQLNonNull):
            inner = self._completion(return_type.of_type, field_details_list)
            return None if inner is None else _complete_non_null(inner)
        if isinstance(return_type, GraphQLList):
            inner = self._completion(return_type.of_type, field_details_list)
            return None if inner is None else _complete_list(inner, self._awaitable)
        if isinstance(return_type, GraphQLLeafType):
            return _complete_leaf(return_type)
        if isinstance(return_type, GraphQLObjectType):
            return self._build_object_completion(return_type, field_details_list)
        return None  # interfaces and unions: graphql-core resolves the type

    def _build_object_completion(
        self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> Complete | None:
        is_type_of = object_type.is_type_of
        if is_type_of is not None and not _strawberry_is_type_of(is_type_of):
            return None
        grouped_field_set, new_defer_usages, _forbidden = self.collect_subfields(
            object_type, field_details_list
        )
        if new_defer_usages:
            return None
        fields: list[PlainField] = []
        for response_name, field_group in grouped_field_set.items():
            plain = self._plain_field(object_type, field_group)
            if plain is None:
                return None
            read, complete = plain
            fields.append((response_name, read, complete))
        return _complete_object(is_type_of, fields, self._awaitable)

    def _plain_field(
        self, parent_type: GraphQLObjectType, field_group: FieldDetailsList
    ) -> tuple[Callable[[Any], Any], Complete] | None:
        """How to read and complete a field of `parent_type`, if it is plain all the way."""
        if not _without_arguments_or_directives(field_group):
            return None
        field_name = field_group[0].node.name.value
        field_def: GraphQLField | None = self.schema.get_field(parent_type, field_name)
        if field_def is None or field_def.args:
            return None
        if field_def is TypeNameMetaFieldDef:
            read = _typename(parent_type.name)
        else:
            reader = None if field_def.resolve is None else plain_reader(field_def.resolve)
            if reader is None:
                return None
            read = reader
        complete = self._completion(field_def.type, field_group)
        return None if complete is None else (read, complete)

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> list[PlannedField]:
        key = id(grouped_field_set)
        known = self._plans.get(key)
        if known is not None:
            return known[1]
        shared = self._shared
        shared_key = None
        readers = None
        if shared is not None:
            shared_key = (
                parent_type,
                tuple((name, _node_ids(group)) for name, group in grouped_field_set.items()),
            )
            readers = shared.fields.get(shared_key)
        if readers is None:
            readers = [
                self._plain_field(parent_type, field_group) or (None, None)
                for field_group in grouped_field_set.values()
            ]
            if shared is not None and shared_key is not None:
                shared.fields[shared_key] = readers
        planned: list[PlannedField] = [
            (response_name, field_group, read, complete)
            for (response_name, field_group), (read, complete) in zip(
                grouped_field_set.items(), readers, strict=True
            )
        ]
        self._plans[key] = (grouped_field_set, planned)
        return planned

    # --- execution ------------------------------------------------------------------

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if not self._compiling or position_context is not None:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        planned = self._plan(parent_type, grouped_field_set)
        if all(read is None for _name, _group, read, _complete in planned):
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        # graphql-core's loop, with plain fields read and completed in place.
        results: dict[str, Any] = {}
        is_awaitable = self.is_awaitable
        awaitable = self._awaitable
        awaitable_fields: list[str] = []
        try:
            for response_name, field_group, read, complete in planned:
                if read is not None and complete is not None:
                    try:
                        value = read(source_value)
                        if awaitable(value):
                            _give_up_on_awaitable(value)
                        results[response_name] = complete(value)
                        continue
                    except Exception:
                        pass
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_group,
                    Path(path, response_name, parent_type.name),
                    position_context,
                )
                if result is not Undefined:
                    results[response_name] = result
                    if is_awaitable(result):
                        awaitable_fields.append(response_name)
        except Exception:
            if awaitable_fields:
                self.settle_in_background([results[field] for field in awaitable_fields])
            raise
        if not awaitable_fields:
            return results
        return self._gather_fields(results, awaitable_fields)

    async def _gather_fields(
        self, results: dict[str, Any], awaitable_fields: list[str]
    ) -> dict[str, Any]:
        """graphql-core's `get_results` (execute_fields), for the fields still pending."""
        if len(awaitable_fields) == 1:
            field = awaitable_fields[0]
            results[field] = await results[field]
        else:
            awaited = await gather_with_cancel(*(results[field] for field in awaitable_fields))
            results.update(zip(awaitable_fields, awaited, strict=True))
        return results

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[Any]:
        if self._compiling and position_context is None:
            complete = self._completion(return_type, field_details_list)
            if complete is not None:
                try:
                    return complete(result)
                except Exception:
                    pass
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )
