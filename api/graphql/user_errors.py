"""The `userErrors` every mutation payload carries, and the helper that fills them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeAlias, TypeVar

import strawberry
from sqlalchemy.exc import IntegrityError

from api.core.errors import ErrorCode, InputError
from api.graphql.context import Info

# strawberry.enum registers the GraphQL enum on the class and returns the class itself;
# the `...Type` aliases name the enum in annotations.
strawberry.enum(ErrorCode, name="UserErrorCode")
ErrorCodeType: TypeAlias = ErrorCode
Payload = TypeVar("Payload", bound="MutationPayload")
Result = TypeVar("Result")


@strawberry.type(description="Why an input was refused; `field` is the path to the input field.")
class UserError:
    field: list[str] | None
    message: str
    code: ErrorCodeType


@strawberry.type(description="What every mutation payload carries besides its result.")
class MutationPayload:
    user_errors: list[UserError] = strawberry.field(default_factory=list)


CONFLICT = UserError(
    field=None,
    message="This clashed with a change made at the same moment; reload and retry.",
    code=ErrorCode.CONFLICT,
)


def user_errors(error: InputError) -> list[UserError]:
    return [
        UserError(
            field=list(problem.field) if problem.field is not None else None,
            message=problem.message,
            code=problem.code,
        )
        for problem in error.problems
    ]


async def run_mutation(
    info: Info,
    payload: type[Payload],
    call: Callable[[], Awaitable[Result]],
    present: Callable[[Result], Payload],
) -> Payload:
    """Run a service call in the request's transaction and shape its payload.

    Success commits and returns `present(result)`; an InputError (or a unique-constraint
    race) rolls back and returns `payload(userErrors=...)`, so nothing is half-written.
    """
    session = info.context.session
    try:
        result = await call()
        await session.commit()
    except InputError as error:
        await session.rollback()
        return payload(user_errors=user_errors(error))
    except IntegrityError:
        # Two requests raced for the same unique thing (an email, a review, a profile).
        await session.rollback()
        return payload(user_errors=[CONFLICT])
    except BaseException:
        await session.rollback()
        raise
    # Loaders may hold rows from before the write; the payload must show the new state.
    info.context.reset_loaders()
    return present(result)
