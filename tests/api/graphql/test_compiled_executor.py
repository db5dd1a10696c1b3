"""The compiling executor answers exactly as graphql-core does: the same data, key for key
and in the same order, and the same errors with the same paths, locations and null
propagation, over documents that mix plain fields with everything it leaves alone."""

from __future__ import annotations

import asyncio
import enum
import json
from collections.abc import Awaitable, Iterator
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from api.graphql.compiled import CompilingExecutor
from api.graphql.direct_resolvers import call_resolvers_directly


@strawberry.enum
class Shade(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


@strawberry.interface
class Named:
    name: str


@strawberry.type
class Leaf(Named):
    size: int
    shade: Shade
    note: str | None = None

    @strawberry.field
    def double(self) -> int:
        return self.size * 2

    @strawberry.field
    def must(self) -> str:
        # Non-null, yet None for odd sizes: the error nulls the nearest nullable parent.
        return None if self.size % 2 else "ok"  # type: ignore[return-value]

    @strawberry.field
    def boom(self) -> str | None:
        if self.size == 3:
            raise ValueError("boom at 3")
        return "calm"

    @strawberry.field
    def boom_strict(self) -> str:
        if self.size == 4:
            raise ValueError("strict boom at 4")
        return "calm"

    @strawberry.field
    def numbers(self) -> list[int | None]:
        return [self.size, None, self.size + 1]

    @strawberry.field
    def strict_numbers(self) -> list[int]:
        return [self.size, None] if self.size == 5 else [self.size]  # type: ignore[list-item]

    @strawberry.field
    def generated(self) -> list[int]:
        return (n for n in range(self.size))  # type: ignore[return-value]

    @strawberry.field
    def tupled(self) -> list[str]:
        return ("a", "b")  # type: ignore[return-value]

    @strawberry.field
    def bad_int(self) -> int | None:
        return "not a number" if self.size == 2 else self.size  # type: ignore[return-value]

    @strawberry.field
    async def later(self) -> str:
        await asyncio.sleep(0)
        return f"later {self.size}"

    @strawberry.field
    def with_info(self, info: strawberry.Info) -> str:
        path = "/".join(str(key) for key in info.path.as_list())
        return f"{path}:{info.field_name}:{info.python_name}:{info.context['who']}"

    # Synchronous, yet an awaitable for odd sizes (as Vendor.expertise off a page).
    @strawberry.field(graphql_type=str)
    def sometimes_later(self, info: strawberry.Info) -> str | Awaitable[str]:
        if self.size % 2:
            return self._later(info.context["who"])
        return f"now {self.size}"

    async def _later(self, who: str) -> str:
        await asyncio.sleep(0)
        return f"later {self.size} for {who}"

    @strawberry.field
    def shout(self, times: int = 2) -> str:
        return self.name.upper() * times


@strawberry.type
class Branch:
    label: str
    leaves: list[Leaf]
    maybe_leaves: list[Leaf | None]
    child: Branch | None = None

    @strawberry.field
    def strict_leaf(self) -> Leaf:
        return self.leaves[-1]

    @strawberry.field
    def first_named(self) -> Named | None:
        return self.leaves[0] if self.leaves else None

    @strawberry.field
    def broken_leaf(self) -> Leaf | None:
        return "not a leaf"  # type: ignore[return-value]


def _leaf(size: int) -> Leaf:
    return Leaf(name=f"leaf{size}", size=size, shade=Shade.DARK if size % 2 else Shade.LIGHT)


def _branch(label: str, sizes: list[int], child: Branch | None = None) -> Branch:
    leaves = [_leaf(size) for size in sizes]
    return Branch(label=label, leaves=leaves, maybe_leaves=[*leaves, None], child=child)


@strawberry.type
class Query:
    @strawberry.field
    def branches(self) -> list[Branch]:
        return [
            _branch("even", [2, 4, 6], child=_branch("inner", [8])),
            _branch("odd", [1, 3, 5]),
            _branch("empty", []),
        ]

    @strawberry.field
    def strict_branches(self) -> list[Branch]:
        return [_branch("calm", [2, 6]), _branch("odd", [1])]

    @strawberry.field
    async def later_branch(self) -> Branch:
        await asyncio.sleep(0)
        return _branch("later", [2, 6])


DOCUMENTS = [
    "{ branches { label leaves { name size shade note double } } }",
    "{ branches { label leaves { __typename name } __typename } __typename }",
    "{ branches { a: label b: label leaves { x: size y: double size } } }",
    "{ branches { label leaves { name must } } }",
    "{ branches { label maybeLeaves { name must } } }",
    "{ strictBranches { label strictLeaf { must } } }",
    "{ branches { leaves { boom } } }",
    "{ branches { leaves { size boomStrict } } }",
    "{ branches { maybeLeaves { size boomStrict } } }",
    "{ branches { leaves { numbers strictNumbers } } }",
    "{ branches { maybeLeaves { strictNumbers } } }",
    "{ branches { leaves { generated tupled } } }",
    "{ branches { leaves { badInt } } }",
    "{ branches { leaves { size later withInfo shout(times: 3) } } }",
    "{ branches { label leaves { name withInfo } child { leaves { withInfo } } } }",
    "{ branches { label leaves { withInfo sometimesLater } } }",
    "{ strictBranches { leaves { sometimesLater must withInfo } } }",
    "{ laterBranch { leaves { withInfo sometimesLater } } }",
    "{ branches { firstNamed { name ... on Leaf { size double } } } }",
    "{ branches { brokenLeaf { name } label } }",
    "{ branches { child { label leaves { name } child { label } } } }",
    "{ laterBranch { label leaves { name double must } } }",
    "{ branches { ...B } } fragment B on Branch { label leaves { ...L } } "
    "fragment L on Leaf { name size }",
    "{ branches { ... on Branch { label } leaves { ... on Leaf { name } name } } }",
    "query ($skip: Boolean!) { branches { label @skip(if: $skip) leaves { name } } }",
    "query ($on: Boolean!) { branches { leaves { name size @include(if: $on) } } }",
    "{ branches { label leaves { name } } strictBranches { label } }",
]
VARIABLES = [{"skip": True, "on": False}, {"skip": False, "on": True}]


def _answer(executor: type[Any], document: str, variables: dict[str, Any]) -> str:
    schema = strawberry.Schema(query=Query, execution_context_class=executor)
    call_resolvers_directly(schema)
    result = asyncio.run(
        schema.execute(document, variable_values=variables, context_value={"who": "me"})
    )
    errors = [
        {"message": e.message, "path": e.path, "locations": [tuple(x) for x in e.locations or ()]}
        for e in result.errors or ()
    ]
    # As text, so that key order counts too.
    return json.dumps({"data": result.data, "errors": errors}, default=str)


def _cases() -> Iterator[tuple[str, dict[str, Any]]]:
    for document in DOCUMENTS:
        if document.startswith("query"):
            for variables in VARIABLES:
                yield document, variables
        else:
            yield document, {}


@pytest.mark.parametrize(("document", "variables"), list(_cases()))
def test_compiled_completion_answers_as_graphql_core(
    document: str, variables: dict[str, Any]
) -> None:
    compiled = _answer(CompilingExecutor, document, variables)

    assert compiled == _answer(StrawberryGraphQLCoreExecutionContext, document, variables)


def test_the_documents_cover_errors_and_null_propagation() -> None:
    def answer(document: str) -> Any:
        return json.loads(_answer(CompilingExecutor, document, {}))

    # A null in a non-null field nulls up to the first nullable parent: here `data`.
    strict = answer("{ branches { label leaves { name must } } }")
    assert strict["data"] is None
    assert strict["errors"] == [
        {
            "message": "Cannot return null for non-nullable field Leaf.must.",
            "path": ["branches", 1, "leaves", 0, "must"],
            "locations": [[1, 34]],
        }
    ]
    # ... and here each odd leaf, each with its own error.
    lenient = answer("{ branches { label maybeLeaves { name must } } }")
    assert lenient["data"]["branches"][1]["maybeLeaves"] == [None, None, None, None]
    assert [e["path"][-2] for e in lenient["errors"]] == [0, 1, 2]
    # A null item of a non-null list nulls the list's nullable parent.
    items = answer("{ branches { maybeLeaves { strictNumbers } } }")
    assert items["data"]["branches"][1]["maybeLeaves"][2] is None
    assert items["errors"][0]["path"] == ["branches", 1, "maybeLeaves", 2, "strictNumbers", 1]
    # A generator is completed by graphql-core (walked once), a tuple in place.
    lists = answer("{ branches { leaves { generated tupled } } }")
    assert lists["data"]["branches"][0]["leaves"][1] == {
        "generated": [0, 1, 2, 3],
        "tupled": ["a", "b"],
    }


def test_plain_subtrees_skip_graphql_cores_field_machinery(monkeypatch: pytest.MonkeyPatch) -> None:
    infos: list[str] = []
    build = StrawberryGraphQLCoreExecutionContext.build_resolve_info

    def counting(self: Any, field_def: Any, *args: Any) -> Any:
        info = build(self, field_def, *args)
        infos.append(info.field_name)
        return info

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "build_resolve_info", counting)
    document = (
        "{ branches { label leaves { name size shade double numbers withInfo } child { label } } }"
    )

    _answer(StrawberryGraphQLCoreExecutionContext, document, {})
    through_graphql_core = len(infos)
    infos.clear()
    _answer(CompilingExecutor, document, {})

    assert through_graphql_core > 40
    # Only the resolvers that take an info get one; no other field goes through graphql-core.
    assert infos == ["withInfo"] * 6
