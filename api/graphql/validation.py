"""Parsing and validation, each cached once per process.

Strawberry's limiter extensions built new validation-rule classes on every request, and
its ValidationCache keys on the rule classes, so the cache never hit and every request
paid for full validation. Here the rules never change (graphql-core's, plus Strawberry's
two), and the shape limits run before validation instead of as rules.

Every document is cached under its exact text, so a repeated request neither validates
nor prints its document again. A valid document is also cached under its printed form,
which drops comments and spacing: adding a unique comment no longer buys a fresh
validation (only a print). An invalid document is cached under its exact text alone,
so the error locations it reports stay the client's own; a client can still vary an
invalid text, but documents.py bounds what each costs.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, print_ast
from strawberry.schema.schema import validate_document
from strawberry.types.execution import ExecutionContext

CACHE_SIZE = 512


@lru_cache(maxsize=CACHE_SIZE)
def parse_document(query: str, max_tokens: int) -> DocumentNode:
    """The document for a query text; parse errors are raised (and not cached)."""
    return parse(query, max_tokens=max_tokens)


@dataclass
class ValidationCache:
    """An LRU of validation outcomes, with counts the tests (and operators) can read."""

    maxsize: int = CACHE_SIZE
    hits: int = 0
    misses: int = 0

    def __post_init__(self) -> None:
        self._entries: OrderedDict[tuple[bool, str], list[GraphQLError]] = OrderedDict()

    def validate(
        self, schema: GraphQLSchema, document: DocumentNode, context: ExecutionContext
    ) -> list[GraphQLError]:
        exact = (False, context.query or "")
        if exact in self._entries:  # the same text again: no need to print it
            return self._hit(exact)
        normalised = (True, print_ast(document))
        if normalised in self._entries:
            errors = self._hit(normalised)
            self._store(exact, errors)  # the next request with this text skips printing
            return errors
        self.misses += 1
        errors = validate_document(schema, document, context.validation_rules)
        if not errors:
            self._store(normalised, errors)
        self._store(exact, errors)
        return errors

    def _hit(self, key: tuple[bool, str]) -> list[GraphQLError]:
        self.hits += 1
        self._entries.move_to_end(key)
        return self._entries[key]

    def _store(self, key: tuple[bool, str], errors: list[GraphQLError]) -> None:
        self._entries[key] = errors
        self._entries.move_to_end(key)
        while len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
        self.hits = self.misses = 0


# One per process: the schema is one per process too (api.schema).
validation_cache = ValidationCache()
