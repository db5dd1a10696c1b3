"""Direct resolvers answer exactly as Strawberry's chain does, and leave alone the fields
that need that chain (arguments to convert, permission classes)."""

from __future__ import annotations

import asyncio
from typing import Any

import strawberry
from graphql import GraphQLObjectType
from strawberry import relay
from strawberry.permission import BasePermission

from api.graphql.direct_resolvers import call_resolvers_directly
from api.schema import schema as app_schema


class Denied(BasePermission):
    message = "Denied."

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Item(relay.Node):
    id: relay.NodeID[int]
    name: str
    _secret: strawberry.Private[str]

    @strawberry.field
    def upper(self) -> str:
        return self.name.upper()

    @strawberry.field
    def path(self, info: strawberry.Info) -> str:
        return f"{info.path.typename}.{info.field_name}:{info.context['who']}"

    @strawberry.field
    def by_root(root: Item) -> str:  # Strawberry's `root` parameter
        return root._secret

    @strawberry.field
    def by_parent(self, parent: strawberry.Parent[Item], info: strawberry.Info) -> int:
        return len(parent.name) + len(info.context["who"])

    @strawberry.field
    async def later(self, info: strawberry.Info) -> str:
        await asyncio.sleep(0)
        return f"{self.name}@{info.context['who']}"

    @strawberry.field
    def failing(self) -> str | None:
        raise ValueError("the resolver failed")

    @strawberry.field(permission_classes=[Denied])
    def guarded(self) -> str | None:
        return "leaked"

    @strawberry.field
    def shout(self, times: int = 2) -> str:
        return self.name * times


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [Item(id=1, name="a", _secret="s1"), Item(id=2, name="bc", _secret="s2")]


QUERY = """{ items { id name upper path byRoot byParent later failing shout(times: 3)
             guarded } }"""


def _result(direct: bool) -> tuple[Any, list[tuple[str, tuple[Any, ...]]]]:
    schema = strawberry.Schema(query=Query)
    if direct:
        call_resolvers_directly(schema)
    result = asyncio.run(schema.execute(QUERY, context_value={"who": "me"}))
    errors = sorted((e.message, tuple(e.path or ())) for e in result.errors or ())
    return result.data, errors


def test_direct_resolvers_answer_as_strawberry_does() -> None:
    data, errors = _result(direct=True)

    assert (data, errors) == _result(direct=False)
    assert data is not None
    assert [item["guarded"] for item in data["items"]] == [None, None]
    assert ("Denied.", ("items", 0, "guarded")) in errors
    assert ("the resolver failed", ("items", 1, "failing")) in errors


def test_fields_without_failures_resolve_directly_to_the_same_values() -> None:
    query = "{ items { id name upper path byRoot byParent later shout(times: 3) } }"
    answers = []
    for direct in (False, True):
        schema = strawberry.Schema(query=Query)
        if direct:
            call_resolvers_directly(schema)
        result = asyncio.run(schema.execute(query, context_value={"who": "me"}))
        assert result.errors is None
        answers.append(result.data)

    assert answers[0] == answers[1]
    assert answers[1] == {
        "items": [
            {
                "id": relay.to_base64("Item", 1),
                "name": "a",
                "upper": "A",
                "path": "Item.path:me",
                "byRoot": "s1",
                "byParent": 3,
                "later": "a@me",
                "shout": "aaa",
            },
            {
                "id": relay.to_base64("Item", 2),
                "name": "bc",
                "upper": "BC",
                "path": "Item.path:me",
                "byRoot": "s2",
                "byParent": 4,
                "later": "bc@me",
                "shout": "bcbcbc",
            },
        ]
    }


def test_fields_with_arguments_or_permissions_keep_strawberrys_resolver() -> None:
    schema = strawberry.Schema(query=Query)
    item = schema._schema.type_map["Item"]
    assert isinstance(item, GraphQLObjectType)
    before = {name: field.resolve for name, field in item.fields.items()}

    call_resolvers_directly(schema)

    after = {name: field.resolve for name, field in item.fields.items()}
    kept = {name for name in before if before[name] is after[name]}
    assert kept == {"shout", "guarded"}


def test_the_apps_schema_resolves_most_fields_directly() -> None:
    # Built at import with direct resolvers; doing it again finds the same fields.
    assert call_resolvers_directly(app_schema) > 500
