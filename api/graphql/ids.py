"""Global IDs in inputs: decode, check the type, report a field error if wrong.

Inputs take plain `ID`s and decode here, so a malformed ID is a user error naming its
field rather than a coercion error on the whole operation.
"""

from __future__ import annotations

from collections.abc import Sequence

from strawberry import relay

from api.errors import ErrorCode, InputError


def node_pk(global_id: str, type_name: str, field: Sequence[str]) -> int:
    """The primary key inside a global ID of `type_name`, or a NOT_FOUND user error."""
    try:
        decoded = relay.GlobalID.from_id(str(global_id))
        if decoded.type_name != type_name:
            raise ValueError(decoded.type_name)
        return int(decoded.node_id)
    except (ValueError, TypeError) as error:
        raise InputError.single(
            list(field), f"Expected the ID of a {type_name}.", ErrorCode.NOT_FOUND
        ) from error
