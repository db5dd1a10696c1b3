"""Global IDs: decode, check the type and the key, and say which field was wrong.

Inputs take plain `ID`s and decode here, so a malformed ID is a user error naming its
field rather than a coercion error on the whole operation.
"""

from __future__ import annotations

from collections.abc import Sequence

from strawberry import relay

from api.core.errors import ErrorCode, InputError

# Primary keys are 32-bit integers on both engines.
MAX_PK = 2**31 - 1


def parse_pk(text: str) -> int | None:
    """The primary key a node id's key part names, or None for anything else."""
    if not (text.isascii() and text.isdigit()):
        return None
    pk = int(text)
    return pk if 0 < pk <= MAX_PK else None


def decode(global_id: str) -> tuple[str, int] | None:
    """(type name, primary key) from a global ID, or None when it is malformed."""
    try:
        decoded = relay.GlobalID.from_id(str(global_id))
    except (ValueError, TypeError):
        return None
    pk = parse_pk(decoded.node_id)
    return None if pk is None else (decoded.type_name, pk)


def node_pk(global_id: str, type_name: str, field: Sequence[str]) -> int:
    """The primary key inside a global ID of `type_name`, or a NOT_FOUND user error."""
    decoded = decode(global_id)
    if decoded is None or decoded[0] != type_name:
        raise InputError.single(
            list(field), f"Expected the ID of a {type_name}.", ErrorCode.NOT_FOUND
        )
    return decoded[1]
