"""Resolvers called directly, without Strawberry's per-field chain, where nothing in it applies.

Strawberry resolves every field that has a resolver through one generic chain: it builds
an `Info`, converts arguments (none, for most fields), folds the field extensions
(none, for most fields) into partials, wraps the call in closures and, for async
resolvers, in one more coroutine. A vendors page resolves ~900 fields, and that chain
was a tenth of its CPU. For a field with no arguments, no field extensions (permission
classes are one) and Strawberry's own `get_result`, the chain reduces to "call the
function with the parent, and an `Info` if it asks for one": that is what runs here.

Anything else (arguments to convert, extensions, subscriptions, custom field classes)
keeps Strawberry's resolver untouched, so its semantics stay exactly Strawberry's.
"""

from __future__ import annotations

from collections.abc import Callable
from inspect import isasyncgenfunction, iscoroutinefunction
from operator import attrgetter
from typing import Any

import strawberry
from graphql import GraphQLObjectType, GraphQLResolveInfo
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField

Resolve = Callable[..., Any]

Read = Callable[[Any], Any]

# Direct resolvers that are plain reads of their parent: synchronous, and using neither
# the info nor arguments. api/graphql/compiled.py reads such a field with its reader, a
# function of the parent alone that returns what the resolver would.
_READERS: dict[Resolve, Read] = {}


def plain_reader(resolve: Resolve) -> Read | None:
    """The parent-only reader of a plain resolver; None for any other resolver."""
    return _READERS.get(resolve)


def _plain(resolve: Resolve, read: Read) -> Resolve:
    _READERS[resolve] = read
    return resolve


# Direct resolvers that are synchronous and take the info (and no arguments): compiled.py
# calls them with an info it builds.
_WITH_INFO: set[Resolve] = set()


def takes_info(resolve: Resolve) -> bool:
    return resolve in _WITH_INFO


def _with_info(resolve: Resolve) -> Resolve:
    _WITH_INFO.add(resolve)
    return resolve


def _attribute(name: str) -> Resolve:
    def resolve(source: Any, _info: GraphQLResolveInfo) -> Any:
        return getattr(source, name)

    return resolve


def _with_self(function: Resolve) -> Resolve:
    def resolve(source: Any, _info: GraphQLResolveInfo) -> Any:
        return function(source)

    return resolve


def _with_self_and_info(
    function: Resolve, info_name: str, field: StrawberryField, info_class: type
) -> Resolve:
    def resolve(source: Any, info: GraphQLResolveInfo) -> Any:
        return function(source, **{info_name: info_class(_raw_info=info, _field=field)})

    return resolve


def _general(
    function: Resolve,
    field: StrawberryField,
    info_class: type,
    *,
    pass_self: bool,
    info_name: str | None,
    source_names: tuple[str, ...],
) -> Resolve:
    """Any mix of self, root/parent (the source again) and info."""

    def resolve(source: Any, info: GraphQLResolveInfo) -> Any:
        kwargs = dict.fromkeys(source_names, source)
        if info_name is not None:
            kwargs[info_name] = info_class(_raw_info=info, _field=field)
        return function(source, **kwargs) if pass_self else function(**kwargs)

    return resolve


def direct_resolver(field: StrawberryField, info_class: type) -> Resolve | None:
    """A resolver equivalent to Strawberry's for `field`, or None when only Strawberry's
    chain is right (arguments, field extensions, subscriptions, a custom get_result)."""
    if field.arguments or field.extensions or field.is_subscription:
        return None
    if type(field).get_result is not StrawberryField.get_result:
        return None
    resolver = field.base_resolver
    if resolver is None:
        # A plain attribute; Strawberry reads it through the configured default resolver.
        if field.default_resolver is not getattr:
            return None
        return _plain(_attribute(field.python_name), attrgetter(field.python_name))
    function = resolver.wrapped_func
    if not callable(function):
        return None  # Strawberry raises its own error for this; keep it
    pass_self = resolver.self_parameter is not None
    info = resolver.info_parameter
    info_name = info.name if info is not None else None
    source_names = tuple(
        parameter.name
        for parameter in (resolver.root_parameter, resolver.parent_parameter)
        if parameter is not None
    )
    synchronous = not (iscoroutinefunction(function) or isasyncgenfunction(function))
    if pass_self and not source_names:
        if info_name is None:
            direct = _with_self(function)
            return _plain(direct, function) if synchronous else direct
        direct = _with_self_and_info(function, info_name, field, info_class)
        return _with_info(direct) if synchronous else direct
    direct = _general(
        function,
        field,
        info_class,
        pass_self=pass_self,
        info_name=info_name,
        source_names=source_names,
    )
    if synchronous and info_name is None:
        return _plain(direct, lambda source: direct(source, None))
    return _with_info(direct) if synchronous else direct


def call_resolvers_directly(schema: strawberry.Schema) -> int:
    """Give every field that qualifies a direct resolver; returns how many did."""
    info_class = schema.config.info_class
    replaced = 0
    for graphql_type in schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType) or graphql_type.name.startswith("__"):
            continue
        if graphql_type is schema._schema.subscription_type:
            continue
        for graphql_field in graphql_type.fields.values():
            definition = (graphql_field.extensions or {}).get(
                GraphQLCoreConverter.DEFINITION_BACKREF
            )
            if not isinstance(definition, StrawberryField):
                continue
            resolve = direct_resolver(definition, info_class)
            if resolve is not None:
                graphql_field.resolve = resolve
                replaced += 1
    return replaced
