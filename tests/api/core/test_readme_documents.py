"""The README's GraphQL examples are documents the schema accepts, so a reader who copies
one (filling in the ids) gets an answer, not a validation error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from api.schema import schema

README = Path(__file__).parents[3] / "README.md"


def graphql_examples() -> list[str]:
    """Every ```graphql block, split into its documents (one operation a line or more)."""
    blocks = re.findall(r"```graphql\n(.*?)```", README.read_text(), re.DOTALL)
    documents = []
    for block in blocks:
        starts = [m.start() for m in re.finditer(r"^(query|mutation|subscription)\b", block, re.M)]
        ends = [*starts[1:], len(block)]
        documents += [block[a:b].strip() for a, b in zip(starts, ends, strict=True)]
    return documents


def test_the_readme_has_examples_for_the_whole_flow() -> None:
    text = "\n".join(graphql_examples())
    steps = ["postProjectRequest", "inviteVendor", "submitProposal", "proposalsForRequest"]
    steps += ["acceptProposal", "engagement", "notifications", "registerWebhook"]
    for name in steps:
        assert name in text


@pytest.mark.parametrize("document", graphql_examples())
def test_each_example_is_valid_against_the_schema(document: str) -> None:
    assert validate(schema._schema, parse(document)) == []
