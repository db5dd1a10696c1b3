"""The `userErrors` every mutation payload carries, and the helper that fills them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

import strawberry
from sqlalchemy.exc import IntegrityError

from api.context import Info
from api.errors import ErrorCode, InputError

ErrorCodeType = strawberry.enum(ErrorCode, name="UserErrorCode")
Payload = TypeVar("Payload")


@strawberry.type(description="Why an input was refused; `field` is the path to the input field.")
class UserError:
    field: list[str] | None
    message: str
    code: ErrorCodeType  # type: ignore[valid-type]


@strawberry.type(description="What every mutation payload carries besides its result.")
class MutationPayload:
    user_errors: list[UserError] = strawberry.field(default_factory=list)


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
    work: Callable[[], Awaitable[Payload]],
    refused: Callable[[list[UserError]], Payload],
) -> Payload:
    """Run `work` in one transaction: commit on success; on refusal roll back and report."""
    session = info.context.session
    try:
        payload = await work()
        await session.commit()
        # Loaders may hold rows from before the write; the payload must show the new state.
        info.context.reset_loaders()
    except InputError as error:
        await session.rollback()
        return refused(user_errors(error))
    except IntegrityError:
        # Two requests raced for the same unique thing (an email, a review, a profile).
        await session.rollback()
        return refused(
            [
                UserError(
                    field=None,
                    message="This clashed with a change made at the same moment; reload and retry.",
                    code=ErrorCode.CONFLICT,
                )
            ]
        )
    except BaseException:
        await session.rollback()
        raise
    return payload
