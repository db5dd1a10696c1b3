"""Global IDs in mutation inputs: decode, check the type, report a field error if wrong."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry import relay

from api.errors import ErrorCode, InputError


def node_pk(global_id: relay.GlobalID, type_name: str, field: Sequence[str]) -> int:
    """The primary key inside a global ID of `type_name`, or a NOT_FOUND user error."""
    try:
        if global_id.type_name != type_name:
            raise ValueError(global_id.type_name)
        return int(global_id.node_id)
    except (ValueError, TypeError) as error:
        raise InputError.single(
            list(field), f"Expected the ID of a {type_name}.", ErrorCode.NOT_FOUND
        ) from error
