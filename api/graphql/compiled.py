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

import weakref
from collections.abc import Callable
from inspect import iscoroutine
from math import isfinite
from types import CoroutineType, GeneratorType
from typing import Any

from graphql import (
    GRAPHQL_MAX_INT,
    GRAPHQL_MIN_INT,
    FieldNode,
    FragmentSpreadNode,
    GraphQLBoolean,
    GraphQLField,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLString,
    OperationDefinitionNode,
    SelectionSetNode,
    TypeNameMetaFieldDef,
    get_nullable_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined, gather_with_cancel
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.core.identity_memo import IdentityMemo
from api.graphql.direct_resolvers import plain_reader, takes_info

# Completes a value at a path (None where nothing below reads a path).
Complete = Callable[[Any, Path | None], Any]
Read = Callable[[Any], Any]
# What an info-taking resolver's info is built from, besides the path.
InfoParts = tuple[GraphQLField, list[FieldNode], GraphQLObjectType]
# A field of a compiled object: response name, resolve (a parent-only reader, or the
# resolver itself when it takes an info), completion, the type of the values it passes on
# unchanged (str for a String; None for any other type), info parts (None: a reader) and
# whether the completion reads the path.
ObjectField = tuple[str, Callable[..., Any], Complete, type | None, InfoParts | None, bool]
# A field of an object as executed: plain, or (None, None) for graphql-core's way.
PlannedField = tuple[str, FieldDetailsList, Read | None, Complete | None]

# Completions that read a path, because an info-taking resolver is below.
_NEEDS_PATH: weakref.WeakSet[Complete] = weakref.WeakSet()
# The executor a compiled completion runs for (completions are shared across requests and
# synchronous, so it is set around each run), to build the infos that resolvers take.
_running: list[CompilingExecutor] = []

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


def _typename(name: str) -> Read:
    return lambda _source: name


def _pathed(complete: Complete, needs_path: bool) -> Complete:
    if needs_path:
        _NEEDS_PATH.add(complete)
    return complete


def _complete_non_null(inner: Complete) -> Complete:
    def complete(value: Any, path: Path | None) -> Any:
        completed = inner(value, path)
        if completed is None:
            raise GiveUp
        return completed

    return _pathed(complete, inner in _NEEDS_PATH)


def _complete_list(inner: Complete, is_awaitable: Callable[[Any], bool]) -> Complete:
    needs_path = inner in _NEEDS_PATH

    def complete(value: Any, path: Path | None) -> Any:
        if value is None or value is Undefined:
            return None
        # A list or tuple can be walked again when graphql-core takes over; a generator
        # could not, so anything else is graphql-core's from the start.
        if type(value) is not list and type(value) is not tuple:
            raise GiveUp
        completed: list[Any] = []
        append = completed.append
        for index, item in enumerate(value):
            if is_awaitable(item):
                _give_up_on_awaitable(item)
            append(inner(item, path.add_key(index, None) if needs_path and path else None))
        return completed

    return _pathed(complete, needs_path)


def _complete_leaf(leaf_type: GraphQLLeafType) -> Complete:
    coerce = leaf_type.coerce_output_value
    # The values graphql-core's built-in scalars return unchanged, passed straight on.
    passes = _PASSED_AS_IS.get(leaf_type.name) if leaf_type in _BUILT_IN else None

    def complete(value: Any, _path: Path | None) -> Any:
        if value is None or value is Undefined:
            return None
        if passes is not None and passes(value):
            return value
        if isinstance(value, Exception):
            raise GiveUp
        coerced = coerce(value)
        if coerced is None or coerced is Undefined:
            raise GiveUp
        return coerced

    return complete


def _int32(value: Any) -> bool:
    return type(value) is int and GRAPHQL_MIN_INT <= value <= GRAPHQL_MAX_INT


def _finite_float(value: Any) -> bool:
    return type(value) is float and isfinite(value)


_BUILT_IN = (GraphQLString, GraphQLID, GraphQLInt, GraphQLFloat, GraphQLBoolean)
# Built-in scalars whose serializers return any value of exactly this type unchanged.
_PASSED_TYPES: dict[str, type] = {"String": str, "ID": str, "Boolean": bool}
_PASSED_AS_IS: dict[str, Callable[[Any], bool]] = {
    "String": lambda value: type(value) is str,
    "ID": lambda value: type(value) is str,
    "Int": _int32,
    "Float": _finite_float,
    "Boolean": lambda value: type(value) is bool,
}


def _complete_object(
    object_type: GraphQLObjectType,
    is_type_of: Callable[[Any, Any], Any] | None,
    fields: list[ObjectField],
    is_awaitable: Callable[[Any], bool],
) -> Complete:
    type_name = object_type.name

    never_awaited = _NEVER_AWAITED

    def complete(value: Any, path: Path | None) -> Any:
        if value is None or value is Undefined:
            return None
        if isinstance(value, Exception):
            raise GiveUp
        if is_type_of is not None and is_type_of(value, None) is not True:
            raise GiveUp
        data = {}
        for name, resolve, complete_field, exact, info_parts, pathed in fields:
            field_path: Path | None
            if info_parts is None:
                field_value = resolve(value)
                kind = type(field_value)
                if kind is exact:  # a str for a String, say: graphql-core passes it on
                    data[name] = field_value
                    continue
                field_path = Path(path, name, type_name) if pathed else None
            else:
                field_path = Path(path, name, type_name)
                field_def, nodes, parent_type = info_parts
                info = _running[-1].build_resolve_info(field_def, nodes, parent_type, field_path)
                field_value = resolve(value, info)
                kind = type(field_value)
            if kind not in never_awaited and is_awaitable(field_value):
                _give_up_on_awaitable(field_value)
            data[name] = complete_field(field_value, field_path)
        return data

    needs_path = any(pathed for *_field, pathed in fields)
    return _pathed(complete, needs_path)


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
        # Per completion run from graphql-core's complete_value: [runs, give-ups].
        self.outcomes: dict[tuple[GraphQLOutputType, NodeIds], list[int]] = {}
        self.fields: dict[
            tuple[GraphQLObjectType, tuple[tuple[str, NodeIds], ...]],
            list[tuple[Read | None, Complete | None]],
        ] = {}

    def outcome(self, return_type: GraphQLOutputType, node_ids: NodeIds) -> list[int]:
        return self.outcomes.setdefault((return_type, node_ids), [0, 0])

    def gave_up(self, return_type: GraphQLOutputType, node_ids: NodeIds) -> None:
        """Counted; a completion giving up more often than not is dropped (graphql-core's
        from then on), as one that keeps redoing its work would cost more than it saves."""
        runs, give_ups = self.outcome(return_type, node_ids)
        if give_ups >= GIVE_UPS_TOLERATED and 2 * give_ups > runs:
            self.completions[(return_type, node_ids)] = None


# Give-ups of a completion before its rate is weighed.
GIVE_UPS_TOLERATED = 16
# Plans by (schema, operation node) identity; None for an operation whose field groups
# depend on variables. Bounded (a document the parse cache dropped and parsed again is a
# new operation node).
_SHARED: IdentityMemo[SharedPlans | None] = IdentityMemo(limit=256)


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
    return _SHARED.get_or_make((schema, operation), _new_plans, schema, operation, fragments)


def _new_plans(
    schema: Any, operation: OperationDefinitionNode, fragments: dict[str, Any]
) -> SharedPlans | None:
    static = _static_selections(
        [operation.selection_set, *(fragment.selection_set for fragment in fragments.values())]
    ) and not any(fragment.directives for fragment in fragments.values())
    return SharedPlans((schema, operation, fragments)) if static else None


class CompilingExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing plain subtrees with compiled closures."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Per request, like graphql-core's own memo of collected subfields (keyed by
        # the field group's identity, the group kept alive beside its plan).
        self._completions: dict[tuple[Any, int], tuple[FieldDetailsList, Complete | None]] = {}
        self._plans: dict[int, tuple[GroupedFieldSet, list[PlannedField]]] = {}
        # complete_value's completions, with their shared [runs, give-ups] counts.
        self._tops: dict[
            tuple[Any, int], tuple[FieldDetailsList, Complete | None, list[int] | None]
        ] = {}
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
        fields: list[ObjectField] = []
        for response_name, field_group in grouped_field_set.items():
            compiled = self._compiled_field(object_type, field_group)
            if compiled is None:
                return None
            resolve, complete, info_parts, field_type = compiled
            pathed = info_parts is not None or complete in _NEEDS_PATH
            exact = _PASSED_TYPES.get(getattr(get_nullable_type(field_type), "name", ""))
            if exact is not None and get_nullable_type(field_type) not in _BUILT_IN:
                exact = None
            fields.append((response_name, resolve, complete, exact, info_parts, pathed))
        return _complete_object(object_type, is_type_of, fields, self._awaitable)

    def _compiled_field(
        self, parent_type: GraphQLObjectType, field_group: FieldDetailsList
    ) -> tuple[Callable[..., Any], Complete, InfoParts | None, GraphQLOutputType] | None:
        """How to resolve and complete a field of `parent_type` with closures: by a
        reader of the parent, or a synchronous direct resolver given an info."""
        if not _without_arguments_or_directives(field_group):
            return None
        field_name = field_group[0].node.name.value
        field_def: GraphQLField | None = self.schema.get_field(parent_type, field_name)
        if field_def is None or field_def.args:
            return None
        info_parts: InfoParts | None = None
        resolve: Callable[..., Any]
        if field_def is TypeNameMetaFieldDef:
            resolve = _typename(parent_type.name)
        elif field_def.resolve is None:
            return None
        elif (reader := plain_reader(field_def.resolve)) is not None:
            resolve = reader
        elif takes_info(field_def.resolve):
            resolve = field_def.resolve
            info_parts = (field_def, [details.node for details in field_group], parent_type)
        else:
            return None
        complete = self._completion(field_def.type, field_group)
        return None if complete is None else (resolve, complete, info_parts, field_def.type)

    def _plain_field(
        self, parent_type: GraphQLObjectType, field_group: FieldDetailsList
    ) -> tuple[Read, Complete] | None:
        """A field read off its parent and completed by closures (no info built)."""
        compiled = self._compiled_field(parent_type, field_group)
        if compiled is None or compiled[2] is not None:
            return None
        return compiled[0], compiled[1]

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
                        field_path = (
                            Path(path, response_name, parent_type.name)
                            if complete in _NEEDS_PATH
                            else None
                        )
                        results[response_name] = self._run(complete, value, field_path)
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

    def _run(self, complete: Complete, value: Any, path: Path | None) -> Any:
        _running.append(self)
        try:
            return complete(value, path)
        finally:
            _running.pop()

    def _top(
        self, return_type: GraphQLOutputType, field_details_list: FieldDetailsList
    ) -> tuple[FieldDetailsList, Complete | None, list[int] | None]:
        complete = self._completion(return_type, field_details_list)
        if complete is None or self._shared is None:
            return field_details_list, complete, None
        outcome = self._shared.outcome(return_type, _node_ids(field_details_list))
        return field_details_list, complete, outcome

    def _gave_up(
        self,
        key: tuple[Any, int],
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
    ) -> None:
        """A completion that gave up is graphql-core's for the rest of the request (a list's
        next items likely give up too), and for good once it gives up more than it runs."""
        self._tops[key] = (field_details_list, None, None)
        if self._shared is not None:
            node_ids = _node_ids(field_details_list)
            self._shared.outcome(return_type, node_ids)[1] += 1
            self._shared.gave_up(return_type, node_ids)

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
            key = (return_type, id(field_details_list))
            top = self._tops.get(key)
            if top is None:
                top = self._top(return_type, field_details_list)
                self._tops[key] = top
            _group, complete, outcome = top
            if complete is not None:
                if outcome is not None:
                    outcome[0] += 1
                try:
                    return self._run(complete, result, path)
                except Exception:
                    self._gave_up(key, return_type, field_details_list)
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )
