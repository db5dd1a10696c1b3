"""User-facing errors: what a form shows beside a field, and the codes clients branch on."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field


class ErrorCode(enum.StrEnum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    TOO_LONG = "TOO_LONG"
    TOO_MANY = "TOO_MANY"
    OUT_OF_RANGE = "OUT_OF_RANGE"
    UNKNOWN_TAG = "UNKNOWN_TAG"
    NOT_FOUND = "NOT_FOUND"
    TAKEN = "TAKEN"
    CONFLICT = "CONFLICT"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    RATE_LIMITED = "RATE_LIMITED"


# The path from a mutation argument to one of its fields: ["input", "skills", 2, "tag"].
FieldPath = Sequence[str | int]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input; `field` is the path from the mutation argument."""

    field: tuple[str, ...] | None
    message: str
    code: ErrorCode


class InputError(Exception):
    """Raised by services when the input is refused; nothing has been written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = list(problems)

    @classmethod
    def single(cls, field: Sequence[str] | None, message: str, code: ErrorCode) -> InputError:
        return cls([Problem(tuple(field) if field is not None else None, message, code)])


def unauthenticated() -> InputError:
    return InputError.single(None, "Sign in to do this.", ErrorCode.UNAUTHENTICATED)


def forbidden(message: str = "You are not allowed to do this.") -> InputError:
    return InputError.single(None, message, ErrorCode.FORBIDDEN)


@dataclass
class Problems:
    """Collects every problem in an input before refusing it, so a form sees them all."""

    prefix: tuple[str, ...] = ("input",)
    items: list[Problem] = field(default_factory=list)

    def add(self, path: FieldPath, message: str, code: ErrorCode) -> None:
        self.items.append(Problem((*self.prefix, *map(str, path)), message, code))

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


class ClientError(Exception):
    """An error meant for the client as a top-level GraphQL error (never masked)."""

    def __init__(
        self, message: str, *, code: str = "BAD_USER_INPUT", field: Sequence[str] | None = None
    ) -> None:
        super().__init__(message)
        # graphql-core copies `extensions` of the original error into the response.
        self.extensions: dict[str, object] = {"code": code}
        if field is not None:
            self.extensions["field"] = list(field)

    @classmethod
    def from_problems(cls, problems: Problems) -> ClientError:
        first = problems.items[0]
        message = "; ".join(
            f"{'.'.join(p.field or ())}: {p.message}" if p.field else p.message
            for p in problems.items
        )
        return cls(message, field=first.field)
